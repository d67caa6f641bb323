// The statistics counters' upkeep (issue 7): Rebuild recomputes them from the base tables,
// Fold moves SQLite's pending rows into the counter tables, Check compares. The SQL they
// share with the write hooks and reads is in stats_sql.h.
#include <map>
#include <set>
#include <tuple>

#include "store/sql/stats_sql.h"
#include "store/stats_store.h"

namespace peduli::store {
namespace {

using namespace stats_sql;

// Active stays of one mission, grouped by every dimension (Rebuild's page).
const std::string kActiveGroupedOneMissionSql =
    std::string("SELECT ") + kDims + ", COUNT(*)" + kActiveFrom +
    " AND s.mission_code = $1 GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10";

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
