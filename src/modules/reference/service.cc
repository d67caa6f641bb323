#include "modules/reference/service.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>

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
  BuildRules();
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
  for (const auto& m : data_.missions) missions_.emplace(m.code, &m);
  countries_by_name_id_ = data_.countries;
  SortByName(countries_by_name_id_, "id",
             [](const Country& c) -> const std::string& { return c.name_id; });
  countries_by_name_en_ = data_.countries;
  SortByName(countries_by_name_en_, "en",
             [](const Country& c) -> const std::string& { return c.name_en; });
}

void ReferenceService::BuildRules() {
  folded_cities_.reserve(data_.jurisdictions.size());
  for (const auto& j : data_.jurisdictions) {
    folded_cities_.push_back(FoldName(j.city));
    CountryRules& r = rules_[j.country];
    if (j.subdivision.empty()) {
      r.whole.push_back(&j);
    } else {
      r.by_subdivision[j.subdivision].push_back(&j);
    }
  }
  for (auto& [country, r] : rules_) {
    if (!r.whole.empty()) {
      r.default_mission = r.whole.front()->mission_code;
      continue;
    }
    // A split country without a row for the rest: the KBRI there, else a mission located
    // there, else the first mission serving it.
    std::string kbri, local, first;
    for (const auto& j : data_.jurisdictions) {
      if (j.country != country) continue;
      if (first.empty()) first = j.mission_code;
      const Mission* m = FindMission(j.mission_code);
      if (!m || m->country != country) continue;
      if (local.empty()) local = m->code;
      if (kbri.empty() && m->type == "KBRI") kbri = m->code;
    }
    r.default_mission = !kbri.empty() ? kbri : !local.empty() ? local : first;
  }
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
  return Find(missions_, code);
}

Assignment ReferenceService::ResolveMission(std::string_view country_in,
                                            std::string_view subdivision_in,
                                            std::string_view city_in) const {
  const std::string country = NormalizeCode(country_in);
  auto rit = rules_.find(country);
  if (rit == rules_.end()) return {kHqMission, kNoteHq};
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
      } else if (!city.empty() && folded_cities_[j - data_.jurisdictions.data()] == city) {
        return {j->mission_code, j->uncertain ? kNoteUncertain : kNoteClear};
      }
    }
    if (!whole_subdivision.empty()) return pick(whole_subdivision);
  } else if (!r.whole.empty() && subdivision.rfind(country + "-", 0) == 0 &&
             SubdivisionExists(subdivision)) {
    return pick(r.whole);  // a known subdivision no other row names: the rest of the country
  }
  return {r.default_mission, kNoteDefault};
}

}  // namespace peduli::reference
