#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace peduli::store {

// The dimensions of one active stay, as counted in stats_counts. Unknown values are "".
struct StatsKey {
  std::string mission_code, country, subdivision, category, sex, birth_year, origin_province,
      origin_regency, review_state, passport_expiry;
  auto operator<=>(const StatsKey&) const = default;
};

// The dimensions by number, in StatsKey's order (and stats_counts' columns).
enum StatsDim {
  kDimMission, kDimCountry, kDimSubdivision, kDimCategory, kDimSex, kDimBirthYear,
  kDimProvince, kDimRegency, kDimState, kDimPassport, kStatsDims
};

// A citizen's contribution to the counters before a write (StatsSnapshot), so the write's
// effect can be applied as -1/+1 and per-day events once it is done (StatsApply).
struct StatsBefore {
  bool counted = false;  // an active citizen with a current stay
  StatsKey key;
  int64_t stay_id = 0;       // the current stay, 0 when none
  int64_t max_stay_id = 0;   // stays and submissions after these are new
  int64_t max_event_id = 0;
};

// The hooks every registry write calls inside its transaction: StatsSnapshot first (on
// PostgreSQL it locks the citizen's row, so two writes of one citizen cannot both start
// from the same snapshot), StatsApply last. A citizen that does not exist yet (Create:
// `citizen_id` 0) has an empty snapshot. The counters are derived from the base tables
// with the same definitions as Rebuild, so whatever a write changes, the counters follow.
// On PostgreSQL StatsApply adds to every counter table in one statement; on SQLite it adds
// the change to stats_pending (0035), which every read counts and StatsStore::Fold moves
// into the tables.
Result<StatsBefore> StatsSnapshot(Connection& c, int64_t citizen_id);
Status StatsApply(Connection& c, int64_t citizen_id, const StatsBefore& before);
// StatsApply for a citizen this transaction created (RegistryStore::Create), from an empty
// snapshot. On SQLite one statement writes one pending row that also carries the citizen's
// first report and departure (0036), where StatsApply takes three and a stats_daily upsert.
Status StatsApplyCreated(Connection& c, int64_t citizen_id);

// Counter maintenance on or off (`stats_counters` in the configuration, default on). Off
// is for benchmarks only (bench/stats.sh measures the submit path with and without): the
// hooks then do nothing, so the counters drift from the base tables until `peduli stats
// rebuild`. Process-wide.
void EnableStatsCounters(bool on);
bool StatsCountersEnabled();

// In-process signal that counters changed: writers call NotifyStatsChanged() after their
// transaction committed; live dashboards wait on it. One process only: several servers
// would need PostgreSQL LISTEN/NOTIFY (docs/ARCHITECTURE.md).
void NotifyStatsChanged();
// The number of notifications so far.
uint64_t StatsGeneration();
// Waits until the generation differs from `seen` or `timeout_ms` passed; returns it.
uint64_t WaitStatsChanged(uint64_t seen, int timeout_ms);

// One counter row, summed.
struct StatsCount {
  StatsKey key;
  int64_t n = 0;
};

// Filters of a counters read; "" = any. `scope` is the reader's jurisdiction: a mission's
// code, or "" for every mission (HQ).
struct StatsQuery {
  std::string scope;
  std::string mission_code, country, subdivision, category, sex, origin_province,
      origin_regency, review_state;
  std::string birth_year_from, birth_year_to;        // YYYY, inclusive
  std::string passport_from, passport_to;            // YYYY-MM, inclusive
  // Breakdown also returns the per-day events of the scope (and mission_code) in
  // [daily_from, daily_to] when daily_to >= daily_from, in the same statement.
  int64_t daily_from = 0, daily_to = -1;
};

struct DailyCount {
  int64_t day = 0;  // days since 1970-01-01 (UTC)
  std::string measure;  // reports, departures, returns
  std::string mission_code;
  int64_t n = 0;
};

// One-dimensional breakdowns (marginals) of the active stays matching a StatsQuery.
struct StatsBreakdown {
  // by[d]: value of dimension d -> active stays, for each dimension asked for.
  std::array<std::map<std::string, int64_t>, kStatsDims> by;
  // Which tables answered: the coarse tables (0024) when one covers each asked dimension
  // together with every filtered one, else stats_counts ("fallback": about one row per
  // citizen, so slow at 10M; docs/PERFORMANCE.md).
  bool fallback = false;
  int64_t rows = 0;  // counter rows read
  std::vector<DailyCount> daily;  // when the query asked (StatsQuery::daily_to), in day order
};

// What `peduli stats check` found: each key whose counter differs from the base tables.
struct StatsDrift {
  struct Cell {
    std::string what;  // "counts" or "daily"
    std::string key;   // the dimensions, '|'-joined
    int64_t stored = 0, actual = 0;
  };
  std::vector<Cell> cells;
  int64_t active = 0;  // active stays in the base tables
  bool ok() const { return cells.empty(); }
};

class StatsStore {
 public:
  explicit StatsStore(Database* db) : db_(db) {}

  // Counter rows matching `q` (n <> 0).
  Result<std::vector<StatsCount>> Counts(const StatsQuery& q);
  // The breakdowns of `q` by each dimension in `dims`, and its per-day events when asked,
  // in one statement (one round trip on PostgreSQL). `fine_only` forces the fallback
  // (tests compare both paths).
  Result<StatsBreakdown> Breakdown(const StatsQuery& q, const std::vector<StatsDim>& dims,
                                   bool fine_only = false);
  // Per-day events in [from_day, to_day] of the scope ("" = all) and, when given, one
  // mission, summed over shards, in day order.
  Result<std::vector<DailyCount>> Daily(const std::string& scope, const std::string& mission_code,
                                        int64_t from_day, int64_t to_day);
  // Active stays per country and category (the open-data table).
  Result<std::vector<StatsCount>> ByCountryCategory();

  // For a mission's profile (read-only, counts only; the protection module owns `cases`):
  // open protection cases (state new, triaged, in_progress) of `mission_code` by
  // (category, state).
  Result<std::map<std::pair<std::string, std::string>, int64_t>> OpenCases(
      const std::string& mission_code);
  // Active migrant-worker (pmi) stays of `mission_code` by the employer's sector as
  // declared in Lapor Diri (formal, informal; "" = not given). Reads the mission's current
  // pmi stays (stays_mission index), not the counters: the sector is not a counter dimension.
  Result<std::map<std::string, int64_t>> PmiSectors(const std::string& mission_code);

  // Recomputes every counter table from the base tables in one transaction (PostgreSQL:
  // writers wait on the counters' lock meanwhile), one mission at a time by SQL
  // (INSERT ... SELECT ... GROUP BY), so memory does not grow with the population; the
  // hq_* tables (a few thousand groups) once at the end from stats_counts.
  // Returns the number of active stays.
  Result<int64_t> Rebuild();
  // Compares stats_counts and stats_daily with the base tables, and each coarse table with
  // stats_counts (so, transitively, with the base tables), one mission at a time.
  Result<StatsDrift> Check();
  // Moves the changes pending in stats_pending (SQLite's writes, migration 0035) into the
  // counter tables, summed per key, in one transaction; returns the pending rows moved (0
  // on PostgreSQL, whose writes add to the tables directly). Reads are exact before and
  // after: each adds the pending rows it matches. The server runs it every 500 ms
  // (stats_fold_ms); anything may call it.
  Result<int64_t> Fold();

 private:
  Database* db_;
};

}  // namespace peduli::store
