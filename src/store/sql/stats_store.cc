#include "store/stats_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>

#include "core/date.h"

namespace peduli::store {
namespace {

// One definition of "an active stay and its dimensions", used by the write hooks (one
// citizen) and by rebuild and check (everyone): the counters cannot disagree with the base
// tables by definition, only by a write path that skips the hooks. kDims: the ten
// dimensions (stats_counts' columns, in StatsDim order) of a citizen `c`, its current stay
// `s` and its review `r`; kActiveFrom: the citizens counted, with those three.
constexpr const char* kDims =
    "s.mission_code, s.country, COALESCE(s.subdivision, ''), s.category, "
    "COALESCE(c.sex, ''), COALESCE(substr(c.birth_date, 1, 4), ''), "
    "COALESCE(substr(c.origin_regency, 1, 2), ''), COALESCE(c.origin_regency, ''), "
    "COALESCE(r.state, 'submitted'), COALESCE(substr(c.passport_expiry_date, 1, 7), '')";
constexpr const char* kActiveFrom =
    " FROM citizens c JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL "
    "LEFT JOIN citizen_reviews r ON r.citizen_id = c.id WHERE c.status = 'active'";
const std::string kKeyColumns = std::string("c.status, s.id, ") + kDims;
constexpr const char* kKeyFrom =
    " FROM citizens c LEFT JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL "
    "LEFT JOIN citizen_reviews r ON r.citizen_id = c.id WHERE c.id = $1";
// Before a write (StatsSnapshot), with the last stay and review event so far.
const std::string kCitizenKeySql =
    std::string("SELECT ") + kKeyColumns +
    ", (SELECT COALESCE(MAX(x.id), 0) FROM stays x WHERE x.citizen_id = c.id), "
    "(SELECT COALESCE(MAX(e.id), 0) FROM review_events e WHERE e.citizen_id = c.id)" + kKeyFrom;
// PostgreSQL's snapshot locks the citizen's row (stats_store.h).
const std::string kCitizenKeyLockSql = kCitizenKeySql + " FOR UPDATE OF c";
// The same key after a write (StatsApply): the MAX columns only matter before.
const std::string kCitizenKeyAfterSql = std::string("SELECT ") + kKeyColumns + kKeyFrom;

// A departure is a stay started, except the copy a jurisdiction handover makes.
constexpr const char* kNotHandover =
    "NOT EXISTS (SELECT 1 FROM stays p WHERE p.citizen_id = s.citizen_id "
    "AND p.end_reason = 'jurisdiction' AND p.ended_at = s.started_at)";

// Active stays of one mission, grouped by every dimension (Rebuild's page).
const std::string kActiveGroupedOneMissionSql =
    std::string("SELECT ") + kDims + ", COUNT(*)" + kActiveFrom +
    " AND s.mission_code = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10";

// stats_counts' columns, in StatsDim order.
constexpr const char* kDimColumn[kStatsDims] = {
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
const std::vector<Cube>& Cubes() {
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

std::vector<std::string> Fields(const StatsKey& k) {
  return {k.mission_code, k.country,         k.subdivision,    k.category,     k.sex,
          k.birth_year,   k.origin_province, k.origin_regency, k.review_state, k.passport_expiry};
}

// Fold's statement for cube `i`: the pending rows up to id $1, summed per key of the cube,
// added to its rows (in key order).
const std::string& FoldSql(size_t i) {
  static const std::vector<std::string> sql = [] {
    std::vector<std::string> out;
    for (const Cube& cube : Cubes()) {
      const std::string cols = cube.Columns();
      out.push_back(std::string("INSERT INTO ") + cube.table + " (" + cols + ", n) SELECT " + cols +
                    ", SUM(n) FROM stats_pending WHERE id <= $1 GROUP BY " + cols +
                    " HAVING SUM(n) <> 0 ORDER BY " + cols + " ON CONFLICT (" + cols +
                    ") DO UPDATE SET n = " + cube.table + ".n + excluded.n");
    }
    return out;
  }();
  return sql[i];
}

// Departures and Lapor Diri reports a write added (stays and submissions after the
// snapshot's MAX ids), counted into stats_daily in one statement: $1 citizen, $2 max stay
// id before, $3 shard, $4 max review event id before. Rows in (day, measure, mission)
// order, so PostgreSQL writers sharing a shard lock them in one order.
std::string DailyEventsSelect(const char* citizen, const char* max_stay, const char* shard,
                              const char* max_event) {
  return std::string("SELECT day, measure, mission_code, CAST(") + shard +
         " AS INTEGER), COUNT(*) FROM (SELECT s.started_at / 86400 AS day, 'departures' AS measure, "
         "s.mission_code AS mission_code FROM stays s WHERE s.citizen_id = " + citizen +
         " AND s.id > " + max_stay + " AND " + kNotHandover +
         " UNION ALL SELECT e.at / 86400, 'reports', COALESCE(e.mission_code, '') "
         "FROM review_events e WHERE e.citizen_id = " + citizen + " AND e.id > " + max_event +
         " AND e.state = 'submitted') x WHERE 1 = 1 GROUP BY day, measure, mission_code "
         "ORDER BY day, measure, mission_code "
         "ON CONFLICT (day, measure, mission_code, shard) DO UPDATE SET n = stats_daily.n + excluded.n";
}

const std::string& DailyEventsSql() {
  static const std::string sql =
      "INSERT INTO stats_daily (day, measure, mission_code, shard, n) " +
      DailyEventsSelect("$1", "$2", "$3", "$4");
  return sql;
}

// The per-day events of stats_daily and those still on pending rows (0036: a new
// citizen's report and departure, one each, at the row's mission), as rows (day, measure,
// mission_code, n) for a subquery. `where(day)` adds conditions to each part, given the name
// of its day column.
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

// PostgreSQL: every counter change of a write in one statement (one round trip instead of
// about fifteen). `d` holds the citizen's key before the write ($1..$10, weight $11: -1, or
// 0 when not counted) and after it (read from the base tables with the definition of
// kCitizenKeySql); each data-modifying CTE adds d's net change per key of one counter table,
// keys whose change nets to 0 left alone, in key order. The CTEs run in one fixed order for
// every writer (the statement text is fixed), so writers lock shared rows in one order.
// Then the day's departures and reports ($12 citizen, $13 max stay id, $14 shard, $15 max
// event id). SQLite keeps separate statements (no data-modifying CTEs; statements are
// in-process calls there, not round trips).
const std::string& PgApplySql() {
  static const std::string sql = [] {
    std::string key, before;
    for (size_t j = 0; j < kStatsDims; ++j) {
      key += std::string(j ? ", " : "") + kDimColumn[j];
      before += std::string(j ? ", " : "") + "CAST($" + std::to_string(j + 1) + " AS TEXT)";
    }
    std::string out =
        "WITH d (" + key + ", n) AS (SELECT " + before +
        ", CAST($11 AS BIGINT) WHERE CAST($11 AS BIGINT) <> 0 UNION ALL "
        "SELECT " + kDims + ", CAST(1 AS BIGINT)" + kActiveFrom + " AND c.id = $12)";
    const auto& cubes = Cubes();
    for (size_t i = 0; i < cubes.size(); ++i) {
      const std::string cols = cubes[i].Columns();
      out += ", c" + std::to_string(i) + " AS (INSERT INTO " + cubes[i].table + " (" + cols +
             ", n) SELECT " + cols + ", SUM(n) FROM d GROUP BY " + cols +
             " HAVING SUM(n) <> 0 ORDER BY " + cols + " ON CONFLICT (" + cols +
             ") DO UPDATE SET n = " + cubes[i].table + ".n + excluded.n)";
    }
    out += ", daily AS (INSERT INTO stats_daily (day, measure, mission_code, shard, n) " +
           DailyEventsSelect("$12", "$13", "$14", "$15") + ") SELECT 1";
    return out;
  }();
  return sql;
}

std::atomic<bool> counters_enabled{true};

StatsKey KeyOf(const Row& r, size_t first) {
  StatsKey k;
  std::string* f[] = {&k.mission_code, &k.country,        &k.subdivision,    &k.category,
                      &k.sex,          &k.birth_year,     &k.origin_province, &k.origin_regency,
                      &k.review_state, &k.passport_expiry};
  for (size_t i = 0; i < 10; ++i) *f[i] = r.Text(first + i);
  return k;
}

// Records `delta` on `key` in stats_pending (SQLite's write path, 0035).
Status AddPending(Connection& c, const StatsKey& key, int64_t delta) {
  static const std::string sql = [] {
    std::string args;
    for (size_t j = 0; j <= kStatsDims; ++j) args += (j ? ", $" : "$") + std::to_string(j + 1);
    return "INSERT INTO stats_pending (" + Cubes()[0].Columns() + ", n) VALUES (" + args + ")";
  }();
  const auto f = Fields(key);
  Params p(f.begin(), f.end());
  p.push_back(delta);
  return c.Exec(sql, p);
}

int Shard() {
  static std::atomic<unsigned> next{0};
  thread_local unsigned mine = next++ ;
  return static_cast<int>(mine % 8);
}

Status AddDaily(Connection& c, int64_t day, const std::string& measure,
                const std::string& mission, int64_t delta, int shard) {
  return c.Exec(
      "INSERT INTO stats_daily (day, measure, mission_code, shard, n) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (day, measure, mission_code, shard) DO UPDATE SET n = stats_daily.n + excluded.n",
      {day, measure, mission, int64_t{shard}, delta});
}

// The day of a return date; -1 when it does not parse (not counted, in both paths).
int64_t ReturnDay(const std::string& text) {
  auto d = Date::Parse(text);
  return d ? d->DaysSinceEpoch() : -1;
}

StatsBefore ReadBefore(const Rows& rows) {
  StatsBefore b;
  if (rows.empty()) return b;
  const Row& r = rows.front();
  b.stay_id = r.Int(1);
  b.counted = r.Text(0) == "active" && !r.IsNull(1);
  if (b.counted) b.key = KeyOf(r, 2);
  b.max_stay_id = r.Int(12);
  b.max_event_id = r.Int(13);
  return b;
}

using DailyKey = std::tuple<int64_t, std::string, std::string>;  // day, measure, mission

// Per-day events from the base tables.
Result<std::map<DailyKey, int64_t>> DailyFromBase(Connection& c) {
  std::map<DailyKey, int64_t> out;
  auto dep = c.Query(std::string("SELECT s.started_at / 86400, s.mission_code, COUNT(*) FROM stays s WHERE ") +
                     kNotHandover + " GROUP BY 1, 2");
  if (!dep.ok()) return dep.take_error();
  for (const auto& r : *dep) out[{r.Int(0), "departures", r.Text(1)}] += r.Int(2);
  auto rep = c.Query(
      "SELECT at / 86400, COALESCE(mission_code, ''), COUNT(*) FROM review_events "
      "WHERE state = 'submitted' GROUP BY 1, 2");
  if (!rep.ok()) return rep.take_error();
  for (const auto& r : *rep) out[{r.Int(0), "reports", r.Text(1)}] += r.Int(2);
  auto ret = c.Query(
      "SELECT COALESCE(return_date, ''), mission_code, COUNT(*) FROM stays "
      "WHERE end_reason = 'returned' GROUP BY 1, 2");
  if (!ret.ok()) return ret.take_error();
  for (const auto& r : *ret) {
    int64_t day = ReturnDay(r.Text(0));
    if (day >= 0) out[{day, "returns", r.Text(1)}] += r.Int(2);
  }
  return out;
}

struct Signal {
  std::mutex mu;
  std::condition_variable cv;
  uint64_t generation = 0;
};

Signal& TheSignal() {
  static Signal s;
  return s;
}

}  // namespace

void EnableStatsCounters(bool on) { counters_enabled = on; }
bool StatsCountersEnabled() { return counters_enabled; }

Result<StatsBefore> StatsSnapshot(Connection& c, int64_t citizen_id) {
  if (citizen_id == 0 || !counters_enabled) return StatsBefore{};
  auto rows = c.Query(c.dialect() == Dialect::kPostgres ? kCitizenKeyLockSql : kCitizenKeySql,
                      {citizen_id});
  if (!rows.ok()) return rows.take_error();
  return ReadBefore(*rows);
}

Status StatsApply(Connection& c, int64_t citizen_id, const StatsBefore& before) {
  if (!counters_enabled) return Status::Ok();
  const int shard = Shard();
  if (c.dialect() == Dialect::kPostgres) {
    Params p;
    for (const auto& f : Fields(before.key)) p.push_back(f);
    p.push_back(int64_t{before.counted ? -1 : 0});
    p.push_back(citizen_id);
    p.push_back(before.max_stay_id);
    p.push_back(int64_t{shard});
    p.push_back(before.max_event_id);
    PEDULI_TRY(c.Exec(PgApplySql(), p));
  } else {
    auto rows = c.Query(kCitizenKeyAfterSql, {citizen_id});
    if (!rows.ok()) return rows.take_error();
    const bool counted =
        !rows->empty() && rows->front().Text(0) == "active" && !rows->front().IsNull(1);
    // -1 on the old key, +1 on the new one, as pending rows (0035): one page at the end
    // of stats_pending, where ten counter tables took a page each; Fold sums them into the
    // tables later and every read adds them meanwhile. A key that did not change is not
    // written.
    const StatsKey after = counted ? KeyOf(rows->front(), 2) : StatsKey{};
    if (!(before.counted && counted && before.key == after)) {
      if (before.counted) PEDULI_TRY(AddPending(c, before.key, -1));
      if (counted) PEDULI_TRY(AddPending(c, after, 1));
    }
    PEDULI_TRY(c.Exec(DailyEventsSql(),
                      {citizen_id, before.max_stay_id, int64_t{shard}, before.max_event_id}));
    // The stay the snapshot saw is still the current one (a report again, a category
    // change): nothing returned, no look-up.
    if (before.stay_id && !rows->empty() && !rows->front().IsNull(1) &&
        rows->front().Int(1) == before.stay_id) {
      return Status::Ok();
    }
  }
  if (before.stay_id) {  // a return home ends the stay the snapshot saw
    auto ret = c.Query(
        "SELECT COALESCE(return_date, ''), mission_code FROM stays "
        "WHERE id = $1 AND end_reason = 'returned'",
        {before.stay_id});
    if (!ret.ok()) return ret.take_error();
    for (const auto& r : *ret) {
      int64_t day = ReturnDay(r.Text(0));
      if (day >= 0) PEDULI_TRY(AddDaily(c, day, "returns", r.Text(1), 1, shard));
    }
  }
  return Status::Ok();
}

Status StatsApplyCreated(Connection& c, int64_t citizen_id) {
  if (!counters_enabled) return Status::Ok();
  if (c.dialect() == Dialect::kSqlite) {
    // The general path's three statements in one (0036): the key, and the departure and
    // report DailyEventsSql would count, which for a citizen with one stay and one review
    // event (a submission at the stay's mission) are that stay's start and that event.
    // Anything else inserts nothing here and takes the general path.
    static const std::string sql =
        "INSERT INTO stats_pending (" + Cubes()[0].Columns() + ", n, reports_day, departures_day) "
        "SELECT " + kDims + ", 1, (SELECT e.at / 86400 FROM review_events e WHERE e.citizen_id = c.id), "
        "s.started_at / 86400" + kActiveFrom + " AND c.id = $1 "
        "AND (SELECT COUNT(*) FROM stays x WHERE x.citizen_id = c.id) = 1 "
        "AND (SELECT COUNT(*) FROM review_events e WHERE e.citizen_id = c.id) = 1 "
        "AND EXISTS (SELECT 1 FROM review_events e WHERE e.citizen_id = c.id "
        "AND e.state = 'submitted' AND e.mission_code = s.mission_code)";
    PEDULI_TRY(c.Exec(sql, {citizen_id}));
    if (c.Changes() == 1) return Status::Ok();
  }
  return StatsApply(c, citizen_id, StatsBefore{});
}

void NotifyStatsChanged() {
  Signal& s = TheSignal();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    ++s.generation;
  }
  s.cv.notify_all();
}

uint64_t StatsGeneration() {
  Signal& s = TheSignal();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.generation;
}

uint64_t WaitStatsChanged(uint64_t seen, int timeout_ms) {
  Signal& s = TheSignal();
  std::unique_lock<std::mutex> lock(s.mu);
  s.cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                [&] { return s.generation != seen; });
  return s.generation;
}

Result<std::vector<StatsCount>> StatsStore::Counts(const StatsQuery& q) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  const std::string all = Cubes()[0].Columns();  // every dimension, in StatsDim order
  auto rows = (*lease)->Query(
      "SELECT " + all + ", n FROM (SELECT " + all + ", n FROM stats_counts "
      "UNION ALL SELECT " + all + ", n FROM stats_pending) x WHERE n <> 0 "
      "AND ($1 = '' OR mission_code = $1) AND ($2 = '' OR mission_code = $2) "
      "AND ($3 = '' OR country = $3) AND ($4 = '' OR subdivision = $4) "
      "AND ($5 = '' OR category = $5) AND ($6 = '' OR sex = $6) "
      "AND ($7 = '' OR origin_province = $7) AND ($8 = '' OR origin_regency = $8) "
      "AND ($9 = '' OR review_state = $9) "
      "AND ($10 = '' OR (birth_year <> '' AND birth_year >= $10)) "
      "AND ($11 = '' OR (birth_year <> '' AND birth_year <= $11)) "
      "AND ($12 = '' OR (passport_expiry <> '' AND passport_expiry >= $12)) "
      "AND ($13 = '' OR (passport_expiry <> '' AND passport_expiry <= $13))",
      {q.scope, q.mission_code, q.country, q.subdivision, q.category, q.sex, q.origin_province,
       q.origin_regency, q.review_state, q.birth_year_from, q.birth_year_to, q.passport_from,
       q.passport_to});
  if (!rows.ok()) return rows.take_error();
  std::map<StatsKey, int64_t> sum;  // a key may have a counter row and pending rows
  for (const auto& r : *rows) sum[KeyOf(r, 0)] += r.Int(10);
  std::vector<StatsCount> out;
  for (const auto& [k, n] : sum) {
    if (n != 0) out.push_back({k, n});
  }
  return out;
}

Result<StatsBreakdown> StatsStore::Breakdown(const StatsQuery& q,
                                             const std::vector<StatsDim>& dims, bool fine_only) {
  // The filters as conditions on dimensions: equality, or a range on a dimension that may
  // be unknown ('' never matches a range).
  struct Cond {
    StatsDim dim;
    const char* op;
    std::string value;
  };
  std::vector<Cond> conds;
  auto add = [&](StatsDim d, const char* op, const std::string& v) {
    if (!v.empty()) conds.push_back({d, op, v});
  };
  add(kDimMission, "=", q.scope);
  add(kDimMission, "=", q.mission_code);
  add(kDimCountry, "=", q.country);
  add(kDimSubdivision, "=", q.subdivision);
  add(kDimCategory, "=", q.category);
  add(kDimSex, "=", q.sex);
  add(kDimProvince, "=", q.origin_province);
  add(kDimRegency, "=", q.origin_regency);
  add(kDimState, "=", q.review_state);
  add(kDimBirthYear, ">=", q.birth_year_from);
  add(kDimBirthYear, "<=", q.birth_year_to);
  add(kDimPassport, ">=", q.passport_from);
  add(kDimPassport, "<=", q.passport_to);
  // Each dimension asked for is read from the first table that keeps it and every filtered
  // dimension; none does: from stats_counts. Dimensions read from one table share a query.
  const auto& cubes = Cubes();
  std::map<size_t, std::vector<StatsDim>> plan;
  for (StatsDim d : dims) {
    size_t pick = 0;
    for (size_t i = 1; i < cubes.size() && !fine_only; ++i) {
      bool covers = cubes[i].has(d);
      for (const auto& c : conds) covers = covers && cubes[i].has(c.dim);
      if (covers) {
        pick = i;
        break;
      }
    }
    plan[pick].push_back(d);
  }
  // One statement: a UNION ALL of one grouped read per table (tagged with the table's
  // index, its columns padded to one width) and, when asked, the per-day events (tag -1),
  // so that a view is one round trip on PostgreSQL whatever it reads.
  const bool with_daily = q.daily_to >= q.daily_from;
  size_t width = with_daily ? 3 : 0;
  for (const auto& [i, ds] : plan) width = std::max(width, ds.size());
  Params params;
  std::string where;
  for (const auto& c : conds) {
    params.push_back(c.value);
    const std::string col = kDimColumn[c.dim], arg = "$" + std::to_string(params.size());
    where += std::string(" AND ") + (std::string(c.op) == "="
                                         ? col + " = " + arg
                                         : "(" + col + " <> '' AND " + col + " " + c.op + " " + arg + ")");
  }
  auto pad = [&](size_t have) {
    std::string out;
    for (size_t j = have; j < width; ++j) out += ", ''";
    return out;
  };
  // stats_counts (about one row per citizen) is read through an index, never whole: its
  // primary key starts with the mission, so a country filter without a mission names the
  // country's missions; a category, sex or age filter seeks (category, sex, birth_year)
  // (0030), naming every category or sex the filter leaves open. The IN lists come from
  // coarse tables written in the same transactions, so they hold every value counted.
  auto has = [&](StatsDim d) {
    return std::any_of(conds.begin(), conds.end(), [&](const Cond& c) { return c.dim == d; });
  };
  std::string fine_where = where;
  if (!has(kDimMission)) {
    if (has(kDimCountry)) {
      const size_t arg = 1 + static_cast<size_t>(std::find_if(conds.begin(), conds.end(), [](const Cond& c) {
                           return c.dim == kDimCountry;
                         }) - conds.begin());
      fine_where += " AND mission_code IN (SELECT mission_code FROM stats_mission_sex WHERE country = $" +
                    std::to_string(arg) + " UNION SELECT mission_code FROM stats_pending WHERE country = $" +
                    std::to_string(arg) + ")";
    } else if (has(kDimCategory) || has(kDimSex) || has(kDimBirthYear)) {
      if (!has(kDimCategory)) {
        fine_where += " AND category IN (SELECT category FROM stats_hq_age UNION SELECT category FROM stats_pending)";
      }
      if (!has(kDimSex)) {
        fine_where += " AND sex IN (SELECT sex FROM stats_hq_age UNION SELECT sex FROM stats_pending)";
      }
    }
  }
  std::string sql;
  for (const auto& [i, ds] : plan) {
    std::string cols;
    for (StatsDim d : ds) cols += std::string(cols.empty() ? "" : ", ") + kDimColumn[d];
    sql += std::string(sql.empty() ? "" : " UNION ALL ") + "SELECT " + std::to_string(i) + ", " +
           cols + pad(ds.size()) + ", SUM(n) FROM " + cubes[i].table + " WHERE n <> 0" +
           (i == 0 ? fine_where : where) + " GROUP BY " + cols +
           // the changes not folded yet (0035; a few hundred rows, none on PostgreSQL)
           " UNION ALL SELECT " + std::to_string(i) + ", " + cols + pad(ds.size()) +
           ", SUM(n) FROM stats_pending WHERE n <> 0" + where + " GROUP BY " + cols;
  }
  if (with_daily) {
    params.push_back(q.daily_from);
    params.push_back(q.daily_to);
    params.push_back(q.scope);
    params.push_back(q.mission_code);
    const size_t k = params.size();
    auto arg = [&](size_t j) { return "$" + std::to_string(k - 3 + j); };
    sql += std::string(sql.empty() ? "" : " UNION ALL ") +
           "SELECT -1, CAST(day AS TEXT), measure, mission_code" + pad(3) + ", SUM(n) FROM (" +
           DailyWithPending([&](const char* day) {
             return std::string(" AND ") + day + " >= " + arg(0) + " AND " + day + " <= " + arg(1) +
                    " AND (" + arg(2) + " = '' OR mission_code = " + arg(2) + ") AND (" + arg(3) +
                    " = '' OR mission_code = " + arg(3) + ")";
           }) +
           ") x GROUP BY day, measure, mission_code HAVING SUM(n) <> 0";
  }
  StatsBreakdown out;
  if (sql.empty()) return out;
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, params);
  if (!rows.ok()) return rows.take_error();
  for (const auto& r : *rows) {
    const int64_t tag = r.Int(0), n = r.Int(width + 1);
    if (tag < 0) {
      out.daily.push_back({r.Int(1), r.Text(2), r.Text(3), n});
      continue;
    }
    const auto& ds = plan.at(static_cast<size_t>(tag));
    for (size_t j = 0; j < ds.size(); ++j) out.by[ds[j]][r.Text(j + 1)] += n;
    ++out.rows;
  }
  // A value whose counter rows and pending rows net to 0 (a move away not folded yet) is
  // not there, as a row at 0 is not.
  for (auto& values : out.by) std::erase_if(values, [](const auto& v) { return v.second == 0; });
  if (plan.count(0)) out.fallback = true;
  std::sort(out.daily.begin(), out.daily.end(), [](const DailyCount& a, const DailyCount& b) {
    return std::tie(a.day, a.measure, a.mission_code) < std::tie(b.day, b.measure, b.mission_code);
  });
  return out;
}

Result<std::vector<DailyCount>> StatsStore::Daily(const std::string& scope,
                                                  const std::string& mission_code,
                                                  int64_t from_day, int64_t to_day) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  static const std::string sql =
      "SELECT day, measure, mission_code, SUM(n) FROM (" + DailyWithPending([](const char* day) {
        return std::string(" AND ") + day + " >= $1 AND " + day + " <= $2 AND ($3 = '' OR "
               "mission_code = $3) AND ($4 = '' OR mission_code = $4)";
      }) + ") x GROUP BY day, measure, mission_code HAVING SUM(n) <> 0 "
      "ORDER BY day, measure, mission_code";
  auto rows = (*lease)->Query(sql, {from_day, to_day, scope, mission_code});
  if (!rows.ok()) return rows.take_error();
  std::vector<DailyCount> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

Result<std::vector<StatsCount>> StatsStore::ByCountryCategory() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT country, category, SUM(n) FROM (SELECT country, category, n FROM stats_mission_sex "
      "UNION ALL SELECT country, category, n FROM stats_pending) x GROUP BY country, category "
      "HAVING SUM(n) <> 0 ORDER BY country, category");
  if (!rows.ok()) return rows.take_error();
  std::vector<StatsCount> out;
  for (const auto& r : *rows) {
    StatsCount c;
    c.key.country = r.Text(0);
    c.key.category = r.Text(1);
    c.n = r.Int(2);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::map<std::pair<std::string, std::string>, int64_t>> StatsStore::OpenCases(
    const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT category, state, COUNT(*) FROM cases WHERE mission_code = $1 "
      "AND state IN ('new', 'triaged', 'in_progress') GROUP BY category, state",
      {mission_code});
  if (!rows.ok()) return rows.take_error();
  std::map<std::pair<std::string, std::string>, int64_t> out;
  for (const auto& r : *rows) out[{r.Text(0), r.Text(1)}] = r.Int(2);
  return out;
}

Result<std::map<std::string, int64_t>> StatsStore::PmiSectors(const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  // details is JSON text (registry_store.cc DetailsJson); each dialect reads one field.
  const bool pg = (*lease)->dialect() == Dialect::kPostgres;
  const std::string sector = pg ? "COALESCE(s.details::json ->> 'sector', '')"
                                : "COALESCE(json_extract(s.details, '$.sector'), '')";
  auto rows = (*lease)->Query(
      "SELECT " + sector + ", COUNT(*) FROM stays s JOIN citizens c ON c.id = s.citizen_id "
      "WHERE s.mission_code = $1 AND s.ended_at IS NULL AND s.category = 'pmi' "
      "AND c.status = 'active' GROUP BY 1",
      {mission_code});
  if (!rows.ok()) return rows.take_error();
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.Text(0)] += r.Int(1);
  return out;
}

namespace {

// Missions with anything to count or anything counted: Rebuild and Check work one mission
// at a time, so that neither memory nor the database's sorter grows with the population.
Result<std::vector<std::string>> CountedMissions(Connection& c, bool with_stored) {
  std::string sql = "SELECT mission_code FROM stays WHERE ended_at IS NULL";
  if (with_stored) {
    for (const Cube& cube : Cubes()) {
      if (cube.per_mission()) sql += std::string(" UNION SELECT mission_code FROM ") + cube.table;
    }
    sql += " UNION SELECT mission_code FROM stats_pending";
  } else {
    sql = "SELECT DISTINCT mission_code FROM stays WHERE ended_at IS NULL";
  }
  auto rows = c.Query(sql);
  if (!rows.ok()) return rows.take_error();
  std::set<std::string> out;
  for (const auto& r : *rows) out.insert(r.Text(0));
  return std::vector<std::string>(out.begin(), out.end());
}

}  // namespace

Result<int64_t> StatsStore::Rebuild() {
  auto total = InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    const auto& cubes = Cubes();
    if (c.dialect() == Dialect::kPostgres) {
      std::string tables = "stats_daily";
      for (const Cube& cube : cubes) tables += std::string(", ") + cube.table;
      PEDULI_TRY(c.Exec("LOCK TABLE " + tables + " IN EXCLUSIVE MODE"));
    }
    for (const Cube& cube : cubes) PEDULI_TRY(c.Exec(std::string("DELETE FROM ") + cube.table));
    PEDULI_TRY(c.Exec("DELETE FROM stats_pending"));  // counted again from the base tables
    PEDULI_TRY(c.Exec("DELETE FROM stats_daily"));
    auto missions = CountedMissions(c, false);
    if (!missions.ok()) return missions.take_error();
    // Per mission: stats_counts from the base tables, then every per-mission table from
    // that mission's stats_counts rows, all by SQL. The hq_* tables (a few thousand rows)
    // once at the end from all of stats_counts: added to once per mission, each of their
    // rows was rewritten ~100 times, which on PostgreSQL left them ~100 times their size
    // in dead row versions (and the HQ view scanning those) until a VACUUM FULL.
    for (const auto& m : *missions) {
      PEDULI_TRY(c.Exec(std::string("INSERT INTO stats_counts (") + cubes[0].Columns() + ", n) " +
                            kActiveGroupedOneMissionSql,
                        {m}));
      for (size_t i = 1; i < cubes.size(); ++i) {
        if (!cubes[i].per_mission()) continue;
        const std::string cols = cubes[i].Columns();
        PEDULI_TRY(c.Exec(std::string("INSERT INTO ") + cubes[i].table + " (" + cols + ", n) SELECT " +
                              cols + ", SUM(n) FROM stats_counts WHERE mission_code = $1 GROUP BY " +
                              cols + " ON CONFLICT (" + cols + ") DO UPDATE SET n = " +
                              cubes[i].table + ".n + excluded.n",
                          {m}));
      }
    }
    for (size_t i = 1; i < cubes.size(); ++i) {
      if (cubes[i].per_mission()) continue;
      const std::string cols = cubes[i].Columns();
      PEDULI_TRY(c.Exec(std::string("INSERT INTO ") + cubes[i].table + " (" + cols + ", n) SELECT " +
                        cols + ", SUM(n) FROM stats_counts GROUP BY " + cols));
    }
    auto daily = DailyFromBase(c);
    if (!daily.ok()) return daily.take_error();
    for (const auto& [k, n] : *daily) {
      PEDULI_TRY(AddDaily(c, std::get<0>(k), std::get<1>(k), std::get<2>(k), n, 0));
    }
    auto sum = c.QueryOne("SELECT COALESCE(SUM(n), 0) FROM stats_counts");
    if (!sum.ok()) return sum.take_error();
    return sum->Int(0);
  });
  if (total.ok()) NotifyStatsChanged();
  return total;
}

Result<int64_t> StatsStore::Fold() {
  if (db_->dialect() == Dialect::kPostgres) return int64_t{0};  // written directly there
  {
    auto lease = db_->Acquire();
    if (!lease.ok()) return lease.take_error();
    auto any = (*lease)->Query("SELECT 1 FROM stats_pending LIMIT 1");
    if (!any.ok()) return any.take_error();
    if (any->empty()) return int64_t{0};  // no write lock taken for nothing
  }
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    // Up to the last row now: SQLite has one writer, so no row below it commits later.
    auto top = c.QueryOne("SELECT COALESCE(MAX(id), 0), COUNT(*) FROM stats_pending");
    if (!top.ok()) return top.take_error();
    const int64_t last = top->Int(0);
    for (size_t i = 0; i < Cubes().size(); ++i) PEDULI_TRY(c.Exec(FoldSql(i), {last}));
    static const std::string daily =
        "INSERT INTO stats_daily (day, measure, mission_code, shard, n) SELECT day, measure, "
        "mission_code, 0, SUM(n) FROM (" +
        DailyWithPending([](const char*) { return std::string(" AND id <= $1"); }, false) +
        ") x GROUP BY day, measure, mission_code ORDER BY day, measure, mission_code "
        "ON CONFLICT (day, measure, mission_code, shard) DO UPDATE SET n = stats_daily.n + excluded.n";
    PEDULI_TRY(c.Exec(daily, {last}));
    PEDULI_TRY(c.Exec("DELETE FROM stats_pending WHERE id <= $1", {last}));
    return top->Int(1);
  });
}

Result<StatsDrift> StatsStore::Check() {
  return InTransaction<StatsDrift>(*db_, false, [&](Connection& c) -> Result<StatsDrift> {
    StatsDrift drift;
    const auto& cubes = Cubes();
    auto join = [](const Row& r, size_t n) {
      std::string key;
      for (size_t j = 0; j < n; ++j) key += (j ? "|" : "") + r.Text(j);
      return key;
    };
    auto missions = CountedMissions(c, true);
    if (!missions.ok()) return missions.take_error();
    // The hq_* tables (no mission column), summed from stats_counts over the missions.
    std::vector<std::map<std::string, int64_t>> hq(cubes.size());
    int64_t diff = 0;  // actual - stored over drifted stats_counts cells
    for (const auto& m : *missions) {
      // stats_counts against the base tables: both sides in one grouped query, so only the
      // cells that differ come back.
      auto rows = c.Query(
          std::string("SELECT ") + cubes[0].Columns() + ", SUM(stored), SUM(actual) FROM ("
          "SELECT " + cubes[0].Columns() + ", n AS stored, 0 AS actual FROM stats_counts "
          "WHERE mission_code = $1 UNION ALL "
          "SELECT " + cubes[0].Columns() + ", n, 0 FROM stats_pending WHERE mission_code = $1 UNION ALL "
          "SELECT " + kDims + ", 0, 1" + kActiveFrom +
          " AND s.mission_code = $1) x GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 "
          "HAVING SUM(stored) <> SUM(actual)",
          {m});
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) {
        drift.cells.push_back({"counts", join(r, 10), r.Int(10), r.Int(11)});
        diff += r.Int(11) - r.Int(10);
      }
      // Each coarse table against stats_counts.
      for (size_t i = 1; i < cubes.size(); ++i) {
        const std::string cols = cubes[i].Columns();
        const size_t k = cubes[i].dims.size();
        if (cubes[i].per_mission()) {
          auto diffs = c.Query("SELECT " + cols + ", SUM(stored), SUM(actual) FROM (SELECT " + cols +
                                   ", n AS stored, 0 AS actual FROM " + cubes[i].table +
                                   " WHERE mission_code = $1 UNION ALL SELECT " + cols +
                                   ", 0, n FROM stats_counts WHERE mission_code = $1) x GROUP BY " +
                                   cols + " HAVING SUM(stored) <> SUM(actual)",
                               {m});
          if (!diffs.ok()) return diffs.take_error();
          for (const auto& r : *diffs) {
            drift.cells.push_back({cubes[i].table, join(r, k), r.Int(k), r.Int(k + 1)});
          }
        } else {
          auto part = c.Query("SELECT " + cols + ", SUM(n) FROM stats_counts WHERE mission_code = $1 "
                              "GROUP BY " + cols, {m});
          if (!part.ok()) return part.take_error();
          for (const auto& r : *part) hq[i][join(r, k)] += r.Int(k);
        }
      }
    }
    for (size_t i = 1; i < cubes.size(); ++i) {
      if (cubes[i].per_mission()) continue;
      const size_t k = cubes[i].dims.size();
      auto stored_rows = c.Query("SELECT " + cubes[i].Columns() + ", n FROM " + cubes[i].table);
      if (!stored_rows.ok()) return stored_rows.take_error();
      std::map<std::string, int64_t> stored;
      for (const auto& r : *stored_rows) stored[join(r, k)] += r.Int(k);
      for (const auto& [key, n] : hq[i]) {
        auto it = stored.find(key);
        const int64_t have = it == stored.end() ? 0 : it->second;
        if (have != n) drift.cells.push_back({cubes[i].table, key, have, n});
      }
      for (const auto& [key, n] : stored) {
        if (n != 0 && !hq[i].count(key)) drift.cells.push_back({cubes[i].table, key, n, 0});
      }
    }
    auto sum = c.QueryOne(
        "SELECT (SELECT COALESCE(SUM(n), 0) FROM stats_counts) + "
        "(SELECT COALESCE(SUM(n), 0) FROM stats_pending)");
    if (!sum.ok()) return sum.take_error();
    drift.active = sum->Int(0) + diff;
    auto compare = [&](const std::string& what, auto& a, auto& b, auto text) {
      for (const auto& [k, n] : a) {
        auto it = b.find(k);
        int64_t have = it == b.end() ? 0 : it->second;
        if (have != n) drift.cells.push_back({what, text(k), have, n});
      }
      for (const auto& [k, n] : b) {
        if (n != 0 && !a.count(k)) drift.cells.push_back({what, text(k), n, 0});
      }
    };
    auto daily = DailyFromBase(c);
    if (!daily.ok()) return daily.take_error();
    auto daily_rows = c.Query(
        "SELECT day, measure, mission_code, SUM(n) FROM (" +
        DailyWithPending([](const char*) { return std::string(); }) +
        ") x GROUP BY day, measure, mission_code");
    if (!daily_rows.ok()) return daily_rows.take_error();
    std::map<DailyKey, int64_t> daily_stored;
    for (const auto& r : *daily_rows) daily_stored[{r.Int(0), r.Text(1), r.Text(2)}] = r.Int(3);
    compare("daily", *daily, daily_stored, [](const DailyKey& k) {
      return std::to_string(std::get<0>(k)) + "|" + std::get<1>(k) + "|" + std::get<2>(k);
    });
    return drift;
  });
}

}  // namespace peduli::store
