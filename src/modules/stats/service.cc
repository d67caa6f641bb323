#include "modules/stats/service.h"

#include <algorithm>
#include <cstdio>

#include "modules/registry/model.h"

namespace peduli::stats {
namespace {

// Dimension values are codes: letters, digits, '.', '-', '_' (no free text in URLs).
bool CodeLike(const std::string& s) {
  if (s.empty() || s.size() > 40) return false;
  return std::all_of(s.begin(), s.end(), [](char ch) {
    return std::isalnum(static_cast<unsigned char>(ch)) || ch == '.' || ch == '-' || ch == '_';
  });
}

bool OneOf(const std::string& v, const std::vector<std::string>& set) {
  return std::find(set.begin(), set.end(), v) != set.end();
}

const std::vector<std::string> kStates = {"submitted", "verified", "rejected",
                                          "correction_requested"};

// "YYYY-MM" of the month `delta` months after d's.
std::string MonthOf(const Date& d, int delta) {
  int m = static_cast<int>(d.month) - 1 + delta;
  int y = d.year + (m >= 0 ? m / 12 : (m - 11) / 12);
  m = ((m % 12) + 12) % 12;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", y, m + 1);
  return buf;
}

// Birth years of an age band in `year`, inclusive; "" = open.
std::pair<std::string, std::string> BirthYears(const std::string& band, int year) {
  auto dash = band.find('-');
  int lo = std::stoi(band.substr(0, band.find_first_of("-+")));
  std::string from, to = std::to_string(year - lo);
  if (dash != std::string::npos) from = std::to_string(year - std::stoi(band.substr(dash + 1)));
  return {from, to};
}

}  // namespace

std::vector<std::pair<std::string, std::string>> Filters::Pairs() const {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out.emplace_back(k, v);
  };
  add("mission", mission);
  add("country", country);
  add("subdivision", subdivision);
  add("category", category);
  add("sex", sex);
  add("age", age_band);
  add("province", province);
  add("regency", regency);
  add("state", state);
  add("passport", passport);
  if (days != 90) out.emplace_back("days", std::to_string(days));
  return out;
}

Result<Filters> ParseFilters(const std::map<std::string, std::string>& q) {
  Filters f;
  auto get = [&](const char* k) {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second;
  };
  struct Field {
    const char* name;
    std::string* into;
  } fields[] = {{"mission", &f.mission},   {"country", &f.country}, {"subdivision", &f.subdivision},
                {"category", &f.category}, {"sex", &f.sex},         {"age", &f.age_band},
                {"province", &f.province}, {"regency", &f.regency}, {"state", &f.state},
                {"passport", &f.passport}};
  for (auto& fd : fields) {
    std::string v = get(fd.name);
    if (v.empty()) continue;
    if (!CodeLike(v)) return Error::Invalid(fd.name, "err.stats.filter");
    *fd.into = v;
  }
  if (!f.category.empty() && !OneOf(f.category, registry::kCategories)) {
    return Error::Invalid("category", "err.stats.filter");
  }
  if (!f.sex.empty() && f.sex != "L" && f.sex != "P") return Error::Invalid("sex", "err.stats.filter");
  if (!f.age_band.empty() && !OneOf(f.age_band, kAgeBands)) {
    return Error::Invalid("age", "err.stats.filter");
  }
  if (!f.state.empty() && !OneOf(f.state, kStates)) return Error::Invalid("state", "err.stats.filter");
  if (!f.passport.empty() && !OneOf(f.passport, {"expiring", "expired", "valid"})) {
    return Error::Invalid("passport", "err.stats.filter");
  }
  if (std::string d = get("days"); !d.empty()) {
    if (d.size() > 3 || !std::all_of(d.begin(), d.end(), ::isdigit)) {
      return Error::Invalid("days", "err.stats.filter");
    }
    f.days = std::stoi(d);
    if (f.days < 7 || f.days > 366) return Error::Invalid("days", "err.stats.filter");
  }
  return f;
}

std::string AgeBandOf(int birth_year, int this_year) {
  const int age = this_year - birth_year;
  if (age < 18) return "0-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}

StatsService::StatsService(store::StatsStore* store, const Clock* clock, int64_t threshold,
                           int64_t cache_seconds)
    : store_(store), clock_(clock), threshold_(threshold), cache_seconds_(cache_seconds) {}

Result<Dashboard> StatsService::View(const std::string& scope, const Filters& f) {
  if (!scope.empty() && !f.mission.empty() && f.mission != scope) return Error::Forbidden();
  const int64_t now = clock_->NowUnix();
  const Date today = Date::FromUnix(now);
  store::StatsQuery q;
  q.scope = scope;
  q.mission_code = f.mission;
  q.country = f.country;
  q.subdivision = f.subdivision;
  q.category = f.category;
  q.sex = f.sex;
  q.origin_province = f.province;
  q.origin_regency = f.regency;
  q.review_state = f.state;
  if (!f.age_band.empty()) std::tie(q.birth_year_from, q.birth_year_to) = BirthYears(f.age_band, today.year);
  const std::string this_month = MonthOf(today, 0), six_months = MonthOf(today, 6);
  if (f.passport == "expiring") {
    q.passport_from = this_month;
    q.passport_to = six_months;
  } else if (f.passport == "expired") {
    q.passport_to = MonthOf(today, -1);
  } else if (f.passport == "valid") {
    q.passport_from = MonthOf(today, 7);
  }
  const int64_t to_day = today.DaysSinceEpoch(), from_day = to_day - f.days + 1;
  q.daily_from = from_day;  // the trend, read in the same statement
  q.daily_to = to_day;
  // One-dimensional breakdowns from the coarse counter tables (store/stats_store.h): each
  // is read from a table keeping that dimension and every filtered one, so a view reads
  // thousands of rows, not one per citizen; other filter combinations fall back to
  // stats_counts (d.fallback).
  auto b = store_->Breakdown(q, {store::kDimCategory, store::kDimSex, store::kDimBirthYear,
                                 store::kDimProvince, store::kDimRegency, store::kDimCountry,
                                 store::kDimMission, store::kDimState, store::kDimPassport});
  if (!b.ok()) return b.take_error();
  Dashboard d;
  d.filters = f;
  d.scope = scope;
  d.as_of = now;
  d.fallback = b->fallback;
  d.by_category = std::move(b->by[store::kDimCategory]);
  d.by_sex = std::move(b->by[store::kDimSex]);
  d.by_province = std::move(b->by[store::kDimProvince]);
  d.by_regency = std::move(b->by[store::kDimRegency]);
  d.by_country = std::move(b->by[store::kDimCountry]);
  d.by_mission = std::move(b->by[store::kDimMission]);
  d.by_state = std::move(b->by[store::kDimState]);
  for (const auto& [k, n] : d.by_category) d.total += n;
  for (const auto& [year, n] : b->by[store::kDimBirthYear]) {
    if (year.size() == 4) {
      d.by_age_band[AgeBandOf(std::stoi(year), today.year)] += n;
    } else {
      d.by_age_band[""] += n;
    }
  }
  for (const auto& [month, n] : b->by[store::kDimPassport]) {
    if (month.empty()) continue;
    if (month < this_month) {
      d.passports_expired += n;
    } else if (month <= six_months) {
      d.passports_expiring += n;
    }
  }
  for (const auto& [k, val] : f.Pairs()) {
    if (k != "mission" && k != "days") d.trend_ignores.push_back(k);
  }
  d.trend.resize(static_cast<size_t>(f.days));
  for (int i = 0; i < f.days; ++i) d.trend[static_cast<size_t>(i)].date = Date::FromUnix((from_day + i) * 86400).ToString();
  for (const auto& e : b->daily) {
    auto& p = d.trend[static_cast<size_t>(e.day - from_day)];
    if (e.measure == "reports") p.reports += e.n;
    if (e.measure == "departures") p.departures += e.n;
    if (e.measure == "returns") p.returns += e.n;
  }
  return d;
}

Result<Dashboard> StatsService::Profile(const std::string& scope, const std::string& mission) {
  Filters f;
  f.mission = mission;
  f.days = 30;
  auto v = View(scope, f);
  if (!v.ok()) return v;
  auto cases = store_->OpenCases(mission);
  if (!cases.ok()) return cases.take_error();
  v->open_cases = std::move(cases.value());
  auto sectors = store_->PmiSectors(mission);
  if (!sectors.ok()) return sectors.take_error();
  v->pmi_sectors = std::move(sectors.value());
  return v;
}

Result<PublicTable> StatsService::Public() {
  const int64_t now = clock_->NowUnix();
  std::lock_guard<std::mutex> lock(mu_);
  if (have_cached_ && now - cached_.as_of < cache_seconds_) return cached_;
  auto rows = store_->ByCountryCategory();
  if (!rows.ok()) return rows.take_error();
  PublicTable t;
  t.categories = registry::kCategories;
  std::map<std::string, std::vector<int64_t>> by_country;
  for (const auto& r : *rows) {
    auto col = std::find(t.categories.begin(), t.categories.end(), r.key.category);
    if (col == t.categories.end()) continue;
    auto& row = by_country[r.key.country];
    row.resize(t.categories.size(), 0);
    row[static_cast<size_t>(col - t.categories.begin())] += r.n;
  }
  std::vector<std::vector<int64_t>> cells;
  for (auto& [country, row] : by_country) {
    t.countries.push_back(country);
    cells.push_back(row);
  }
  if (cells.empty()) {
    t.table.col_totals.assign(t.categories.size(), 0);
    t.table.col_hidden.assign(t.categories.size(), false);
  } else {
    t.table = Suppress(cells, threshold_);
  }
  t.threshold = threshold_;
  t.as_of = now;
  cached_ = t;
  have_cached_ = true;
  return t;
}

}  // namespace peduli::stats
