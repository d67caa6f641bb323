#include "modules/reference/changes.h"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace peduli::reference {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool SameArea(const Jurisdiction& a, const Jurisdiction& b) {
  return a.country == b.country && a.subdivision == b.subdivision && a.city == b.city;
}

// Replaces every row of `code` with `rows`, taking equal rows from other missions. The new
// rows go where the mission's first old row was (else at the end), so "the first row wins"
// keeps its meaning for the others.
void SetJurisdictions(MissionSet& set, const std::string& code, std::vector<Jurisdiction> rows) {
  auto& js = set.jurisdictions;
  auto first = std::find_if(js.begin(), js.end(),
                            [&](const Jurisdiction& j) { return j.mission_code == code; });
  size_t at = first == js.end() ? js.size() : static_cast<size_t>(first - js.begin());
  std::vector<Jurisdiction> kept;
  size_t insert_at = 0;
  for (size_t i = 0; i < js.size(); ++i) {
    if (i == at) insert_at = kept.size();
    const Jurisdiction& j = js[i];
    if (j.mission_code == code) continue;
    if (std::any_of(rows.begin(), rows.end(), [&](const Jurisdiction& r) { return SameArea(r, j); })) {
      continue;  // handed over
    }
    kept.push_back(j);
  }
  if (at >= js.size()) insert_at = kept.size();
  kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(insert_at), rows.begin(), rows.end());
  js = std::move(kept);
}

}  // namespace

void ApplyChange(MissionSet& set, const store::MissionChange& change) {
  json d = json::parse(change.data, nullptr, false);
  if (!d.is_object()) return;
  auto& ms = set.missions;
  auto find = [&](const std::string& code) {
    return std::find_if(ms.begin(), ms.end(), [&](const Mission& m) { return m.code == code; });
  };
  auto it = find(change.mission_code);
  if (change.kind == kChangeCreate) {
    if (it != ms.end()) return;
    Mission m;
    m.code = change.mission_code;
    m.type = Str(d, "type");
    m.city = Str(d, "city");
    m.country = Str(d, "country");
    ms.push_back(std::move(m));
    std::sort(ms.begin(), ms.end(), [](const Mission& a, const Mission& b) { return a.code < b.code; });
    it = find(change.mission_code);
  }
  if (it == ms.end()) return;
  Mission& m = *it;
  if (change.kind == kChangeClose) {
    const std::string successor = Str(d, "successor");
    if (find(successor) == ms.end() || successor == m.code) return;
    m.closed = true;
    m.successor = successor;
    std::vector<Jurisdiction> rows;
    for (const auto& j : set.jurisdictions) {
      if (j.mission_code == successor || j.mission_code == m.code) {
        rows.push_back(j);
        rows.back().mission_code = successor;
      }
    }
    SetJurisdictions(set, successor, std::move(rows));
    return;
  }
  for (auto [key, field] : {std::pair{"name", &m.name}, {"timezone", &m.timezone},
                            {"address", &m.address}, {"phone", &m.phone}, {"city", &m.city}}) {
    if (d.contains(key) && d[key].is_string()) *field = d[key].get<std::string>();
  }
  if (d.contains("working_days") && d["working_days"].is_array()) {
    std::vector<int> days;
    for (const auto& v : d["working_days"]) {
      if (v.is_number_integer()) days.push_back(v.get<int>());
    }
    if (auto mask = WorkingDaysMask(days)) m.working_days = *mask;
  }
  if (d.contains("jurisdictions") && d["jurisdictions"].is_array()) {
    std::vector<Jurisdiction> rows;
    for (const auto& r : d["jurisdictions"]) {
      if (!r.is_object()) continue;
      rows.push_back({m.code, Str(r, "country"), Str(r, "subdivision"), Str(r, "city"), false});
    }
    SetJurisdictions(set, m.code, std::move(rows));
  }
}

unsigned DefaultWorkingDays(std::string_view country) {
  static const std::set<std::string_view> kSunToThuCountries = {
      "SA", "KW", "QA", "BH", "OM", "JO", "EG", "IQ", "YE", "LY", "SY", "DZ", "SD", "IL"};
  if (kSunToThuCountries.count(country)) return kSunToThu;
  if (country == "BN") return 0b0101111;  // Brunei: Friday and Sunday off
  return kMonToFri;
}

std::optional<unsigned> WorkingDaysMask(const std::vector<int>& iso_days) {
  unsigned mask = 0;
  for (int d : iso_days) {
    if (d < 1 || d > 7) return std::nullopt;
    mask |= 1u << (d - 1);
  }
  if (mask == 0) return std::nullopt;
  return mask;
}

std::vector<int> WorkingDaysList(unsigned mask) {
  std::vector<int> out;
  for (int d = 1; d <= 7; ++d) {
    if (mask & (1u << (d - 1))) out.push_back(d);
  }
  return out;
}

bool ValidTimeZone(const std::string& name) {
  if (name.empty()) return false;
  try {
    return date::locate_zone(name) != nullptr;
  } catch (const std::exception&) {
    return false;
  }
}

std::optional<int64_t> LocalMidnight(const Date& day, const std::string& tz) {
  try {
    const date::time_zone* zone = date::locate_zone(tz);
    date::local_days ld{date::year{day.year} / date::month{day.month} / date::day{day.day}};
    auto info = zone->get_info(ld);
    date::sys_seconds t;
    if (info.result == date::local_info::nonexistent) {
      t = info.second.begin;  // the gap's end: the day's first instant
    } else {
      t = zone->to_sys(ld, date::choose::earliest);
    }
    return t.time_since_epoch().count();
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

MissionTime LocalTimeOf(const Mission& m, int64_t instant) {
  MissionTime out;
  date::sys_seconds tp{std::chrono::seconds{instant}};
  const date::time_zone* zone = nullptr;
  try {
    zone = date::locate_zone(m.timezone);
    out.zone = m.timezone;
  } catch (const std::exception&) {
    zone = date::locate_zone("UTC");
    out.zone = "UTC";
  }
  auto info = zone->get_info(tp);
  out.abbrev = info.abbrev;
  auto local = zone->to_local(tp);
  auto day = date::floor<date::days>(local);
  date::year_month_day ymd{day};
  out.date = {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
              static_cast<unsigned>(ymd.day())};
  date::hh_mm_ss<std::chrono::seconds> hms{
      std::chrono::duration_cast<std::chrono::seconds>(local - day)};
  out.hour = static_cast<int>(hms.hours().count());
  out.minute = static_cast<int>(hms.minutes().count());
  out.weekday = date::weekday{day}.iso_encoding();
  unsigned mask = m.working_days ? m.working_days : DefaultWorkingDays(m.country);
  out.working_day = (mask & (1u << (out.weekday - 1))) != 0;
  return out;
}

}  // namespace peduli::reference
