#pragma once
// The statistics counters' SQL shared by the write hooks and reads (stats_store.cc) and by
// rebuild, fold and check (stats_maintenance.cc). Internal to src/store/sql.

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"
#include "store/stats_store.h"

namespace peduli::store::stats_sql {

// One definition of "an active stay and its dimensions", used by the write hooks (one
// citizen) and by rebuild and check (everyone): the counters cannot disagree with the base
// tables by definition, only by a write path that skips the hooks. kDims: the ten
// dimensions (stats_counts' columns, in StatsDim order) of a citizen `c`, its current stay
// `s` and its review `r`; kActiveFrom: the citizens counted, with those three.
inline constexpr const char* kDims =
    "s.mission_code, s.country, COALESCE(s.subdivision, ''), s.category, "
    "COALESCE(c.sex, ''), COALESCE(substr(c.birth_date, 1, 4), ''), "
    "COALESCE(substr(c.origin_regency, 1, 2), ''), COALESCE(c.origin_regency, ''), "
    "COALESCE(r.state, 'submitted'), COALESCE(substr(c.passport_expiry_date, 1, 7), '')";
inline constexpr const char* kActiveFrom =
    " FROM citizens c JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL "
    "LEFT JOIN citizen_reviews r ON r.citizen_id = c.id WHERE c.status = 'active'";

// A departure is a stay started, except the copy a jurisdiction handover makes.
inline constexpr const char* kNotHandover =
    "NOT EXISTS (SELECT 1 FROM stays p WHERE p.citizen_id = s.citizen_id "
    "AND p.end_reason = 'jurisdiction' AND p.ended_at = s.started_at)";

// stats_counts' columns, in StatsDim order.
inline constexpr const char* kDimColumn[kStatsDims] = {
    "mission_code", "country",         "subdivision",    "category",     "sex",
    "birth_year",   "origin_province", "origin_regency", "review_state", "passport_expiry"};

// A counter table and the dimensions it keeps (its primary key, in column order).
struct Cube {
  const char* table;
  std::vector<StatsDim> dims;
  bool has(StatsDim d) const { return std::find(dims.begin(), dims.end(), d) != dims.end(); }
  bool per_mission() const { return has(kDimMission); }
  std::string Columns() const {
    std::string out;
    for (StatsDim d : dims) out += std::string(out.empty() ? "" : ", ") + kDimColumn[d];
    return out;
  }
};

// Index 0 is stats_counts (every dimension, migration 0016; a rowid table: each new citizen
// appends a row, docs/PERFORMANCE.md); the others are the coarse tables of migration 0024
// (state, passport and origin with the country since 0030; WITHOUT ROWID on SQLite since
// 0032, so an upsert walks one B-tree, not three), in
// the order a read tries them: roughly smallest first at 10M
// (HQ: hundreds to a few thousand rows each; a mission's slice of a `mission_*` table: at
// most a few thousand).
inline const std::vector<Cube>& Cubes() {
  static const std::vector<Cube> cubes = {
      {"stats_counts",
       {kDimMission, kDimCountry, kDimSubdivision, kDimCategory, kDimSex, kDimBirthYear,
        kDimProvince, kDimRegency, kDimState, kDimPassport}},
      {"stats_hq_age", {kDimCategory, kDimSex, kDimBirthYear}},
      {"stats_hq_passport", {kDimCategory, kDimPassport}},
      {"stats_mission_sex", {kDimMission, kDimCountry, kDimCategory, kDimSex}},
      {"stats_hq_origin", {kDimCategory, kDimProvince, kDimRegency}},
      {"stats_mission_state", {kDimMission, kDimCountry, kDimCategory, kDimState}},
      {"stats_mission_place", {kDimMission, kDimCountry, kDimSubdivision, kDimCategory}},
      {"stats_mission_passport", {kDimMission, kDimCountry, kDimCategory, kDimPassport}},
      {"stats_mission_age", {kDimMission, kDimCountry, kDimCategory, kDimSex, kDimBirthYear}},
      {"stats_mission_origin", {kDimMission, kDimCountry, kDimCategory, kDimProvince, kDimRegency}},
  };
  return cubes;
}

// The per-day events of stats_daily and those still on pending rows (0036: a new
// citizen's report and departure, one each, at the row's mission), as rows (day, measure,
// mission_code, n) for a subquery. `where(day)` adds conditions to each part, given the name
// of its day column; `with_table` false: the pending rows only (the fold).
template <typename Where>
std::string DailyWithPending(const Where& where, bool with_table = true) {
  std::string out = "SELECT reports_day AS day, 'reports' AS measure, mission_code, 1 AS n "
                    "FROM stats_pending WHERE reports_day IS NOT NULL" + where("reports_day") +
                    " UNION ALL SELECT departures_day, 'departures', mission_code, 1 "
                    "FROM stats_pending WHERE departures_day IS NOT NULL" + where("departures_day");
  if (with_table) {
    out = "SELECT day, measure, mission_code, n FROM stats_daily WHERE 1 = 1" + where("day") +
          " UNION ALL " + out;
  }
  return out;
}

// The per-day events of [from, to] (SQL expressions, e.g. "$1"), of the scope and the mission
// ('' = any), from stats_daily and the pending rows: the rows of DailyWithPending.
std::string DailyInRange(const std::string& from, const std::string& to,
                         const std::string& scope, const std::string& mission);

// Adds `delta` to one stats_daily row.
Status AddDaily(Connection& c, int64_t day, const std::string& measure,
                const std::string& mission, int64_t delta, int shard);

// The day of a return date; -1 when it does not parse (not counted, in both paths).
int64_t ReturnDay(const std::string& text);

}  // namespace peduli::store::stats_sql
