#include "store/stats_store.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <tuple>

#include "core/date.h"
#include "store/sql/stats_sql.h"

namespace peduli::store {

namespace stats_sql {

std::string DailyInRange(const std::string& from, const std::string& to,
                         const std::string& scope, const std::string& mission) {
  return DailyWithPending([&](const char* day) {
    return std::string(" AND ") + day + " >= " + from + " AND " + day + " <= " + to + " AND (" +
           scope + " = '' OR mission_code = " + scope + ") AND (" + mission +
           " = '' OR mission_code = " + mission + ")";
  });
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

}  // namespace stats_sql

namespace {

using namespace stats_sql;

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

std::vector<std::string> Fields(const StatsKey& k) {
  return {k.mission_code, k.country,         k.subdivision,    k.category,     k.sex,
          k.birth_year,   k.origin_province, k.origin_regency, k.review_state, k.passport_expiry};
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
           DailyInRange(arg(0), arg(1), arg(2), arg(3)) +
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
      "SELECT day, measure, mission_code, SUM(n) FROM (" + DailyInRange("$1", "$2", "$3", "$4") +
      ") x GROUP BY day, measure, mission_code HAVING SUM(n) <> 0 "
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


}  // namespace peduli::store
