// The HQ case dashboard's counters (issue 6, migration 0027): one row per mission x
// category x state x priority x restricted x escalation level, moved by every write of a
// case in the write's own transaction; overdue (time-dependent) over an index range.
#include <algorithm>
#include <map>
#include <tuple>

#include "store/protection_store.h"

namespace peduli::store {
namespace {

constexpr const char* kUpsertSql =
    "INSERT INTO protection_case_counts (mission_code, category, state, priority, restricted, "
    "escalation_level, n) VALUES ($1, $2, $3, $4, $5, $6, $7) "
    "ON CONFLICT (mission_code, category, state, priority, restricted, escalation_level) "
    "DO UPDATE SET n = protection_case_counts.n + excluded.n";

// One definition of the counted key over the case table, used by rebuild and check.
constexpr const char* kGroupedSql =
    "SELECT mission_code, category, state, priority, restricted, escalation_level, COUNT(*) "
    "FROM cases GROUP BY mission_code, category, state, priority, restricted, escalation_level";

CaseCountKey KeyOfRow(const Row& r) {
  return {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0 ? 1 : 0, r.Int(5)};
}

}  // namespace

CaseCountKey CountKeyOf(const CaseRow& c) {
  return {c.mission_code, c.category, c.state, c.priority, c.restricted ? 1 : 0,
          c.escalation_level};
}

Status MoveCaseCount(Connection& c, const CaseRow* before, const CaseRow* after) {
  // -1 on the old row, +1 on the new one; a write that changes no counted column nets to 0
  // and touches nothing. The map orders the writes by key: the same lock order for everyone.
  std::map<CaseCountKey, int64_t> deltas;
  if (before) deltas[CountKeyOf(*before)] -= 1;
  if (after) deltas[CountKeyOf(*after)] += 1;
  for (const auto& [k, d] : deltas) {
    if (d == 0) continue;
    PEDULI_TRY(c.Exec(kUpsertSql, {k.mission_code, k.category, k.state, k.priority, k.restricted,
                                   k.escalation_level, d}));
  }
  return Status::Ok();
}

Result<std::vector<CaseCountRow>> ProtectionStore::Counts(const std::string& mission,
                                                          const std::string& category,
                                                          int64_t now) {
  // The counter rows: at most missions x categories x states x priorities x 2 x 3, however
  // many cases there are.
  static const std::string counted =
      "SELECT mission_code, category, state, CAST(SUM(n) AS BIGINT), "
      "CAST(SUM(CASE WHEN escalation_level > 0 AND state NOT IN ('resolved', 'closed') "
      "THEN n ELSE 0 END) AS BIGINT), "
      "CAST(SUM(CASE WHEN restricted <> 0 THEN n ELSE 0 END) AS BIGINT) "
      "FROM protection_case_counts "
      "WHERE (CAST($1 AS TEXT) = '' OR mission_code = $1) "
      "AND (CAST($2 AS TEXT) = '' OR category = $2) "
      "GROUP BY mission_code, category, state HAVING SUM(n) <> 0 "
      "ORDER BY mission_code, category, state";
  // Overdue: the range "due_at < now" of the partial index cases_open_overdue, which holds
  // the grouped columns (its WHERE is repeated word for word so both planners match it).
  static const std::string overdue =
      "SELECT mission_code, category, state, COUNT(*) FROM cases "
      "WHERE state NOT IN ('resolved', 'closed') AND due_at IS NOT NULL AND due_at < $3 "
      "AND (CAST($1 AS TEXT) = '' OR mission_code = $1) "
      "AND (CAST($2 AS TEXT) = '' OR category = $2) "
      "GROUP BY mission_code, category, state";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(counted, {mission, category});
  if (!rows.ok()) return rows.take_error();
  auto late = (*lease)->Query(overdue, {mission, category, now});
  if (!late.ok()) return late.take_error();
  std::map<std::tuple<std::string, std::string, std::string>, int64_t> overdue_of;
  for (const auto& r : *late) overdue_of[{r.Text(0), r.Text(1), r.Text(2)}] = r.Int(3);
  std::vector<CaseCountRow> out;
  for (const auto& r : *rows) {
    CaseCountRow x{r.Text(0), r.Text(1), r.Text(2), r.Int(3), 0, r.Int(4), r.Int(5)};
    // Two reads without a shared snapshot: a case counted in one and not yet in the other
    // must not make overdue exceed the cell's total.
    if (auto it = overdue_of.find({x.mission_code, x.category, x.state}); it != overdue_of.end()) {
      x.overdue = std::min(it->second, x.total);
    }
    out.push_back(std::move(x));
  }
  return out;
}

Result<int64_t> ProtectionStore::RebuildCounts() {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    // PostgreSQL: case writers (ROW EXCLUSIVE) wait until the recount commits, so none
    // moves a counter that is about to be replaced. SQLite: the write transaction does it.
    if (c.dialect() == Dialect::kPostgres) PEDULI_TRY(c.Exec("LOCK TABLE cases IN SHARE MODE"));
    PEDULI_TRY(c.Exec("DELETE FROM protection_case_counts"));
    PEDULI_TRY(c.Exec(std::string("INSERT INTO protection_case_counts (mission_code, category, "
                                  "state, priority, restricted, escalation_level, n) ") +
                      kGroupedSql));
    auto n = c.QueryOne("SELECT COUNT(*) FROM cases");
    if (!n.ok()) return n.take_error();
    return n->Int(0);
  });
}

Result<std::vector<CaseCountDrift>> ProtectionStore::CheckCounts() {
  return InTransaction<std::vector<CaseCountDrift>>(
      *db_, false, [&](Connection& c) -> Result<std::vector<CaseCountDrift>> {
        // Both reads from one snapshot, so a check while the server writes is exact
        // (PostgreSQL: repeatable read; SQLite: a read transaction is one snapshot).
        if (c.dialect() == Dialect::kPostgres) {
          PEDULI_TRY(c.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
        }
        std::map<CaseCountKey, std::pair<int64_t, int64_t>> cells;  // stored, actual
        auto stored = c.Query(
            "SELECT mission_code, category, state, priority, restricted, escalation_level, n "
            "FROM protection_case_counts WHERE n <> 0");
        if (!stored.ok()) return stored.take_error();
        for (const auto& r : *stored) cells[KeyOfRow(r)].first += r.Int(6);
        auto actual = c.Query(kGroupedSql);
        if (!actual.ok()) return actual.take_error();
        for (const auto& r : *actual) cells[KeyOfRow(r)].second += r.Int(6);
        std::vector<CaseCountDrift> out;
        for (const auto& [k, v] : cells) {
          if (v.first != v.second) out.push_back({k, v.first, v.second});
        }
        return out;
      });
}

}  // namespace peduli::store
