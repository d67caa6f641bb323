#include "modules/reference/service.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace peduli::reference {
namespace {

bool AllDigits(std::string_view s, size_t n) {
  return s.size() == n &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Trimmed and ASCII-uppercased: ISO codes as the tables store them.
std::string NormalizeCode(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

template <typename T>
const T* Find(const std::unordered_map<std::string_view, const T*>& m, std::string_view key) {
  auto it = m.find(key);
  return it == m.end() ? nullptr : it->second;
}

// Items of a code-sorted vector whose parent code is `parent` ("32" -> "32.xx").
template <typename T>
std::vector<T> Children(const std::vector<T>& sorted, std::string_view parent) {
  std::string prefix = std::string(parent) + ".";
  auto it = std::lower_bound(sorted.begin(), sorted.end(), prefix,
                             [](const T& item, const std::string& p) { return item.code < p; });
  std::vector<T> out;
  for (; it != sorted.end() && it->code.compare(0, prefix.size(), prefix) == 0; ++it) {
    // Only direct children: no further dot after the prefix.
    if (it->code.find('.', prefix.size()) == std::string::npos) out.push_back(*it);
  }
  return out;
}

// Sorts `items` by `key` with the collation of `locale` (ICU); by bytes if ICU fails.
template <typename T, typename Key>
void SortByName(std::vector<T>& items, const char* locale, Key key) {
  UErrorCode st = U_ZERO_ERROR;
  std::unique_ptr<icu::Collator> coll(icu::Collator::createInstance(icu::Locale(locale), st));
  if (U_FAILURE(st) || !coll) {
    std::stable_sort(items.begin(), items.end(),
                     [&](const T& a, const T& b) { return key(a) < key(b); });
    return;
  }
  std::vector<std::pair<std::string, T>> keyed;
  keyed.reserve(items.size());
  for (auto& item : items) {
    icu::UnicodeString name = icu::UnicodeString::fromUTF8(key(item));
    int32_t n = coll->getSortKey(name, nullptr, 0);
    std::string sort_key(static_cast<size_t>(n), '\0');
    coll->getSortKey(name, reinterpret_cast<uint8_t*>(sort_key.data()), n);
    keyed.emplace_back(std::move(sort_key), std::move(item));
  }
  std::stable_sort(keyed.begin(), keyed.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  items.clear();
  for (auto& [k, item] : keyed) items.push_back(std::move(item));
}

}  // namespace

std::string FoldName(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  s.foldCase();
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  if (U_SUCCESS(st)) {
    icu::UnicodeString d = nfd->normalize(s, st);
    if (U_SUCCESS(st)) s = d;
  }
  std::string out;
  bool gap = false;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) == U_NON_SPACING_MARK) continue;  // accents after NFD
    if (!u_isalnum(c)) {
      gap = true;
      continue;
    }
    if (gap && !out.empty()) out += ' ';
    gap = false;
    icu::UnicodeString(c).toUTF8String(out);
  }
  return out;
}

ReferenceService::ReferenceService(store::ReferenceData data) : data_(std::move(data)) {
  BuildIndexes();
  std::lock_guard lock(mu_);
  Publish(Build({}));
}

Result<std::unique_ptr<ReferenceService>> ReferenceService::Load(store::ReferenceStore& store) {
  auto data = store.ReadAll();
  if (!data.ok()) return data.take_error();
  return std::make_unique<ReferenceService>(std::move(data.value()));
}

void ReferenceService::BuildIndexes() {
  for (const auto& p : data_.provinces) provinces_.emplace(p.code, &p);
  for (const auto& r : data_.regencies) regencies_.emplace(r.code, &r);
  for (const auto& d : data_.districts) districts_.emplace(d.code, &d);
  for (const auto& c : data_.countries) countries_.emplace(c.code, &c);
  for (const auto& s : data_.subdivisions) {
    subdivisions_.emplace(s.code, &s);
    auto c = countries_.find(s.country);
    if (c != countries_.end()) subdivisions_by_country_[c->first].push_back(s);
  }
  for (auto& [country, subs] : subdivisions_by_country_) {
    SortByName(subs, "en", [](const Subdivision& s) -> const std::string& { return s.name; });
  }
  countries_by_name_id_ = data_.countries;
  SortByName(countries_by_name_id_, "id",
             [](const Country& c) -> const std::string& { return c.name_id; });
  countries_by_name_en_ = data_.countries;
  SortByName(countries_by_name_en_, "en",
             [](const Country& c) -> const std::string& { return c.name_en; });
}

std::unique_ptr<ReferenceService::Snapshot> ReferenceService::Build(
    const std::vector<const store::MissionChange*>& changes) const {
  auto snap = std::make_unique<Snapshot>();
  MissionSet& set = snap->set;
  set.missions = data_.missions;
  set.jurisdictions = data_.jurisdictions;
  for (const store::MissionChange* c : changes) {
    ApplyChange(set, *c);
    snap->applied.push_back(c->id);
  }
  for (auto& m : set.missions) {
    if (m.working_days == 0) m.working_days = DefaultWorkingDays(m.country);
  }
  for (const auto& m : set.missions) snap->missions.emplace(m.code, &m);

  snap->folded_cities.reserve(set.jurisdictions.size());
  for (const auto& j : set.jurisdictions) {
    snap->folded_cities.push_back(FoldName(j.city));
    CountryRules& r = snap->rules[j.country];
    if (j.subdivision.empty()) {
      r.whole.push_back(&j);
    } else {
      r.by_subdivision[j.subdivision].push_back(&j);
    }
  }
  for (auto& [country, r] : snap->rules) {
    if (!r.whole.empty()) {
      r.default_mission = r.whole.front()->mission_code;
      continue;
    }
    // A split country without a row for the rest: the KBRI there, else a mission located
    // there, else the first mission serving it.
    std::string kbri, local, first;
    for (const auto& j : set.jurisdictions) {
      if (j.country != country) continue;
      if (first.empty()) first = j.mission_code;
      const Mission* m = snap->Find(j.mission_code);
      if (!m || m->country != country) continue;
      if (local.empty()) local = m->code;
      if (kbri.empty() && m->type == "KBRI") kbri = m->code;
    }
    r.default_mission = !kbri.empty() ? kbri : !local.empty() ? local : first;
  }
  return snap;
}

const Mission* ReferenceService::Snapshot::Find(std::string_view code) const {
  auto it = missions.find(code);
  return it == missions.end() ? nullptr : it->second;
}

void ReferenceService::Publish(std::unique_ptr<Snapshot> s) const {
  current_.store(s.get(), std::memory_order_release);
  snapshots_.push_back(std::move(s));
}

std::vector<const store::MissionChange*> ReferenceService::EffectiveAt(int64_t at) const {
  std::vector<const store::MissionChange*> out;
  for (const auto& c : changes_) {
    if (c.cancelled_at == 0 && c.effective_at <= at) out.push_back(&c);
  }
  std::stable_sort(out.begin(), out.end(), [](const auto* a, const auto* b) {
    return std::tie(a->effective_date, a->id) < std::tie(b->effective_date, b->id);
  });
  return out;
}

int64_t ReferenceService::NextEffective(int64_t at) const {
  int64_t next = INT64_MAX;
  for (const auto& c : changes_) {
    if (c.cancelled_at == 0 && c.effective_at > at) next = std::min(next, c.effective_at);
  }
  return next;
}

Status ReferenceService::AttachChanges(store::MissionChangeStore* changes,
                                       std::function<int64_t()> now, int poll_seconds) {
  {
    std::lock_guard lock(mu_);
    change_store_ = changes;
    now_ = std::move(now);
    poll_seconds_ = std::max(1, poll_seconds);
  }
  return Reload();
}

Status ReferenceService::Reload() const {
  if (!change_store_) return Status::Ok();
  std::lock_guard lock(mu_);
  return RefreshLocked(now_(), true);
}

Status ReferenceService::RefreshLocked(int64_t now, bool poll) const {
  Status result = Status::Ok();
  if (poll) {
    next_poll_.store(now + poll_seconds_, std::memory_order_relaxed);
    auto version = change_store_->Version();
    if (!version.ok()) {
      result = version.take_error();
    } else if (*version != version_) {
      auto all = change_store_->All();
      if (!all.ok()) {
        result = all.take_error();
      } else {
        changes_ = std::move(all.value());
        version_ = *version;
      }
    }
  }
  auto effective = EffectiveAt(now);
  std::vector<int64_t> ids;
  for (const auto* c : effective) ids.push_back(c->id);
  const int64_t valid_until = NextEffective(now);
  const Snapshot* cur = current_.load(std::memory_order_acquire);
  if (ids != cur->applied || valid_until != cur->valid_until) {
    auto snap = Build(effective);
    snap->valid_until = valid_until;
    Publish(std::move(snap));
  }

  // Hand over the stays of changes in effect that no server has applied yet: compare each
  // change's area rules just before and just after it, over the missions whose rows moved.
  for (size_t i = 0; i < effective.size(); ++i) {
    const store::MissionChange& change = *effective[i];
    if (change.applied_at != 0) continue;
    std::vector<const store::MissionChange*> prefix(effective.begin(),
                                                    effective.begin() + static_cast<long>(i));
    auto before = Build(prefix);
    prefix.push_back(&change);
    auto after = Build(prefix);
    auto key = [](const Jurisdiction& j) {
      return std::tie(j.mission_code, j.country, j.subdivision, j.city);
    };
    std::set<std::string> countries, missions;
    for (const auto* a : {&before->set.jurisdictions, &after->set.jurisdictions}) {
      const auto* b = a == &before->set.jurisdictions ? &after->set.jurisdictions
                                                      : &before->set.jurisdictions;
      for (const auto& j : *a) {
        bool in_other = std::any_of(b->begin(), b->end(),
                                    [&](const Jurisdiction& o) { return key(o) == key(j); });
        if (!in_other) countries.insert(j.country);
      }
    }
    if (!countries.empty()) {
      missions.insert(kHqMission);
      for (const auto& j : before->set.jurisdictions) {
        if (countries.count(j.country)) missions.insert(j.mission_code);
      }
    }
    auto moved = change_store_->Apply(
        change.id, now, std::vector<std::string>(missions.begin(), missions.end()),
        [&](const store::CurrentStay& st) -> store::StayMove {
          if (!countries.count(st.country)) return {};
          Assignment was = before->Resolve(*this, st.country, st.subdivision, st.city);
          Assignment now_a = after->Resolve(*this, st.country, st.subdivision, st.city);
          // Only stays this change moves: not ones an officer placed elsewhere on purpose.
          if (was.mission_code != st.mission_code || now_a.mission_code == st.mission_code) {
            return {};
          }
          return {now_a.mission_code, now_a.note};
        });
    if (!moved.ok()) {
      if (result.ok()) result = moved.take_error();
      next_poll_.store(now + 1, std::memory_order_relaxed);  // retry within a second
      break;  // later changes build on this one: keep the order
    }
    for (auto& c : changes_) {
      if (c.id == change.id) c.applied_at = now;
    }
  }
  return result;
}

const ReferenceService::Snapshot& ReferenceService::Current() const {
  const Snapshot* s = current_.load(std::memory_order_acquire);
  if (!now_) return *s;
  const int64_t now = now_();
  const bool due = now >= s->valid_until;
  if (!due && now < next_poll_.load(std::memory_order_relaxed)) return *s;
  // A change taking effect: wait for whoever builds it, so no caller sees the old rules
  // after the instant. A poll only: if another thread is at it, serve what we have.
  std::unique_lock lock(mu_, std::defer_lock);
  if (due) {
    lock.lock();
  } else if (!lock.try_lock()) {
    return *s;
  }
  const Snapshot* again = current_.load(std::memory_order_acquire);
  if (due && now < again->valid_until && now < next_poll_.load(std::memory_order_relaxed)) {
    return *again;  // refreshed while we waited
  }
  (void)RefreshLocked(now, now >= next_poll_.load(std::memory_order_relaxed));
  return *current_.load(std::memory_order_acquire);
}

MissionSet ReferenceService::MissionsAt(int64_t at) const {
  std::lock_guard lock(mu_);
  auto snap = Build(EffectiveAt(at));
  return std::move(snap->set);
}

bool ReferenceService::ProvinceExists(std::string_view code) const {
  return provinces_.count(code) > 0;
}
bool ReferenceService::RegencyExists(std::string_view code) const {
  return regencies_.count(code) > 0;
}
bool ReferenceService::DistrictExists(std::string_view code) const {
  return districts_.count(code) > 0;
}

const Province* ReferenceService::ProvinceByNik(std::string_view d) const {
  if (!AllDigits(d, 2)) return nullptr;
  return Find(provinces_, d);
}
const Regency* ReferenceService::RegencyByNik(std::string_view d) const {
  if (!AllDigits(d, 4)) return nullptr;
  std::string code = std::string(d.substr(0, 2)) + "." + std::string(d.substr(2, 2));
  return Find(regencies_, code);
}
const District* ReferenceService::DistrictByNik(std::string_view d) const {
  if (!AllDigits(d, 6)) return nullptr;
  std::string code = std::string(d.substr(0, 2)) + "." + std::string(d.substr(2, 2)) + "." +
                     std::string(d.substr(4, 2));
  return Find(districts_, code);
}

std::vector<Regency> ReferenceService::RegenciesOf(std::string_view province_code) const {
  return Children(data_.regencies, province_code);
}
std::vector<District> ReferenceService::DistrictsOf(std::string_view regency_code) const {
  return Children(data_.districts, regency_code);
}

bool ReferenceService::CountryExists(std::string_view alpha2) const {
  return countries_.count(alpha2) > 0;
}

std::string_view ReferenceService::CountryName(std::string_view alpha2,
                                               std::string_view lang) const {
  const Country* c = Find(countries_, alpha2);
  if (!c) return {};
  return lang == "en" ? c->name_en : c->name_id;
}

const std::vector<Country>& ReferenceService::CountriesByName(std::string_view lang) const {
  return lang == "en" ? countries_by_name_en_ : countries_by_name_id_;
}

bool ReferenceService::SubdivisionExists(std::string_view code) const {
  return subdivisions_.count(code) > 0;
}
const Subdivision* ReferenceService::FindSubdivision(std::string_view code) const {
  return Find(subdivisions_, code);
}
bool ReferenceService::HasSubdivisions(std::string_view alpha2) const {
  return subdivisions_by_country_.count(alpha2) > 0;
}
const std::vector<Subdivision>& ReferenceService::SubdivisionsOf(std::string_view alpha2) const {
  static const std::vector<Subdivision> kNone;
  auto it = subdivisions_by_country_.find(alpha2);
  return it == subdivisions_by_country_.end() ? kNone : it->second;
}

const Mission* ReferenceService::FindMission(std::string_view code) const {
  return Current().Find(code);
}

const std::vector<Mission>& ReferenceService::Missions() const { return Current().set.missions; }

const std::vector<Jurisdiction>& ReferenceService::Jurisdictions() const {
  return Current().set.jurisdictions;
}

std::optional<MissionTime> ReferenceService::LocalTime(std::string_view code,
                                                       int64_t instant) const {
  const Mission* m = FindMission(code);
  if (!m) return std::nullopt;
  return LocalTimeOf(*m, instant);
}

Assignment ReferenceService::ResolveMission(std::string_view country_in,
                                            std::string_view subdivision_in,
                                            std::string_view city_in) const {
  return Current().Resolve(*this, country_in, subdivision_in, city_in);
}

Assignment ReferenceService::Snapshot::Resolve(const ReferenceService& ref,
                                               std::string_view country_in,
                                               std::string_view subdivision_in,
                                               std::string_view city_in) const {
  const std::string country = NormalizeCode(country_in);
  auto rit = rules.find(country);
  if (rit == rules.end()) return {kHqMission, kNoteHq};
  const CountryRules& r = rit->second;
  auto pick = [](const std::vector<const Jurisdiction*>& rows) -> Assignment {
    // Several equally specific rows: the first in the file, flagged for an officer.
    bool uncertain = rows.front()->uncertain || rows.size() > 1;
    return {rows.front()->mission_code, uncertain ? kNoteUncertain : kNoteClear};
  };
  if (r.by_subdivision.empty()) return pick(r.whole);

  const std::string subdivision = NormalizeCode(subdivision_in);
  auto sit = subdivision.empty() ? r.by_subdivision.end() : r.by_subdivision.find(subdivision);
  if (sit != r.by_subdivision.end()) {
    const std::string city = FoldName(city_in);
    std::vector<const Jurisdiction*> whole_subdivision;
    for (const Jurisdiction* j : sit->second) {
      if (j->city.empty()) {
        whole_subdivision.push_back(j);
      } else if (!city.empty() && folded_cities[j - set.jurisdictions.data()] == city) {
        return {j->mission_code, j->uncertain ? kNoteUncertain : kNoteClear};
      }
    }
    if (!whole_subdivision.empty()) return pick(whole_subdivision);
  } else if (!r.whole.empty() && subdivision.rfind(country + "-", 0) == 0 &&
             ref.SubdivisionExists(subdivision)) {
    return pick(r.whole);  // a known subdivision no other row names: the rest of the country
  }
  return {r.default_mission, kNoteDefault};
}

}  // namespace peduli::reference
