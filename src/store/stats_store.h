#pragma once

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
Result<StatsBefore> StatsSnapshot(Connection& c, int64_t citizen_id);
Status StatsApply(Connection& c, int64_t citizen_id, const StatsBefore& before);

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
};

struct DailyCount {
  int64_t day = 0;  // days since 1970-01-01 (UTC)
  std::string measure;  // reports, departures, returns
  std::string mission_code;
  int64_t n = 0;
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

  // Recomputes both tables from the base tables in one transaction (PostgreSQL: writers
  // wait on the counters' lock meanwhile). Returns the number of active stays.
  Result<int64_t> Rebuild();
  // Compares the counters with the base tables.
  Result<StatsDrift> Check();

 private:
  Database* db_;
};

}  // namespace peduli::store
