#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "modules/stats/suppression.h"
#include "store/stats_store.h"

namespace peduli::stats {

// The filters of a dashboard view: dimension values only (never a person), so they can sit
// in a shareable URL. "" = any.
struct Filters {
  std::string mission, country, subdivision, category, sex, age_band, province, regency,
      state;
  std::string passport;  // "expiring" (within 6 months), "expired", "valid"
  int days = 90;         // the trend's window, days up to today

  // The filters as query-string pairs (only those set), in a fixed order.
  std::vector<std::pair<std::string, std::string>> Pairs() const;
};

// Parses query parameters; unknown or malformed values are kInvalid with the field.
Result<Filters> ParseFilters(const std::map<std::string, std::string>& query);

// Age bands by completed years on 31 December of the year of the view (birth year only).
inline const std::vector<std::string> kAgeBands = {"0-17",  "18-24", "25-34", "35-44",
                                                   "45-54", "55-64", "65+"};
std::string AgeBandOf(int birth_year, int this_year);

struct TrendPoint {
  std::string date;  // YYYY-MM-DD
  int64_t reports = 0, departures = 0, returns = 0;
};

// One dashboard view: totals and breakdowns of active stays, and the trend.
struct Dashboard {
  Filters filters;
  std::string scope;  // "" = every mission
  int64_t total = 0;
  int64_t passports_expiring = 0;  // within 6 months of today (expired not included)
  int64_t passports_expired = 0;
  std::map<std::string, int64_t> by_category, by_sex, by_age_band, by_province, by_country,
      by_mission, by_state, by_regency;
  std::vector<TrendPoint> trend;
  // The per-day events (stats_daily) are kept per mission only, so the trend follows the
  // scope and the mission filter and nothing else. The other filters set in this view
  // (their query names) are listed here so the page, the JSON and the exports can say the
  // trend ignores them, rather than showing a trend that looks filtered but is not.
  std::vector<std::string> trend_ignores;
  int64_t as_of = 0;
  // True when some breakdown came from the fine table (stats_counts) because no coarse
  // counter table covers this filter combination: correct, but slow at 10M.
  bool fallback = false;
  // Only in a mission's profile (StatsService::Profile): open protection cases by
  // (category, state) and active migrant workers by the employer's declared sector.
  std::map<std::pair<std::string, std::string>, int64_t> open_cases;
  std::map<std::string, int64_t> pmi_sectors;
};

// The open-data table: active stays by country and category, small cells suppressed.
struct PublicTable {
  std::vector<std::string> countries;   // alpha-2, rows
  std::vector<std::string> categories;  // columns
  SuppressedTable table;
  int64_t threshold = 10;
  int64_t as_of = 0;
};

class StatsService {
 public:
  // `threshold`: smallest published count (open data); `cache_seconds`: how long the
  // public table is reused.
  StatsService(store::StatsStore* store, const Clock* clock, int64_t threshold = 10,
               int64_t cache_seconds = 60);

  // The view of `scope` ("" = all, else one mission: the caller checked the policy) with
  // `f`; a mission filter outside the scope is kForbidden.
  Result<Dashboard> View(const std::string& scope, const Filters& f);
  // A mission's profile: its view over the last 30 days plus its open protection caseload
  // and its migrant workers' sectors (the caller checked the policy).
  Result<Dashboard> Profile(const std::string& scope, const std::string& mission);
  // The public table, cached.
  Result<PublicTable> Public();

  int64_t threshold() const { return threshold_; }

 private:
  store::StatsStore* store_;
  const Clock* clock_;
  int64_t threshold_, cache_seconds_;
  std::mutex mu_;
  PublicTable cached_;
  bool have_cached_ = false;
};

}  // namespace peduli::stats
