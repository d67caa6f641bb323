#include "store/verification_store.h"

#include <nlohmann/json.hpp>

namespace peduli::store {

Status EnqueueChecks(Connection& c, int64_t citizen_id, const std::vector<std::string>& systems,
                     const std::string& reason, int64_t requested_by, int64_t now) {
  // One statement for all systems: this runs inside every Lapor Diri write. A result is
  // "pending" while a job for it is open (see Results), so no result row is touched here.
  // Parameters: citizen, reason, time, requested_by, then one per system. PostgreSQL must
  // see every parameter used, so each variant takes exactly its own.
  static constexpr const char* kInsert[] = {
      "",
      "INSERT INTO verification_jobs (citizen_id, system, reason, next_run_at, requested_by, "
      "created_at) VALUES ($1, $5, $2, $3, CAST($4 AS BIGINT), $3) "
      "ON CONFLICT (citizen_id, system) WHERE state = 'queued' DO NOTHING",
      "INSERT INTO verification_jobs (citizen_id, system, reason, next_run_at, requested_by, "
      "created_at) VALUES ($1, $5, $2, $3, CAST($4 AS BIGINT), $3), "
      "($1, $6, $2, $3, CAST($4 AS BIGINT), $3) "
      "ON CONFLICT (citizen_id, system) WHERE state = 'queued' DO NOTHING",
      "INSERT INTO verification_jobs (citizen_id, system, reason, next_run_at, requested_by, "
      "created_at) VALUES ($1, $5, $2, $3, CAST($4 AS BIGINT), $3), "
      "($1, $6, $2, $3, CAST($4 AS BIGINT), $3), ($1, $7, $2, $3, CAST($4 AS BIGINT), $3) "
      "ON CONFLICT (citizen_id, system) WHERE state = 'queued' DO NOTHING",
  };
  if (systems.empty()) return Status::Ok();
  if (systems.size() > 3) return Error::Internal("more than three registries");
  Params p = {citizen_id, reason, now, requested_by ? Value{requested_by} : Null()};
  for (const auto& s : systems) p.push_back(s);
  return c.Exec(kInsert[systems.size()], p);
}

Result<std::vector<VerificationJob>> VerificationStore::Claim(const std::string& owner, int64_t now,
                                                              int64_t lease_seconds, int limit) {
  // The same statement on both backends but for the row lock: PostgreSQL skips rows other
  // servers hold; SQLite has one writer at a time, so its subquery cannot race. The pick is
  // MATERIALIZED on PostgreSQL: as a plain `id IN (subquery)` the planner may re-run it
  // during the update, each run skipping the rows the last had locked, so the outbox's lease
  // claimed every due row whatever its limit (OutboxRateTest). This statement's plan was not
  // seen to do so; it no longer can.
  static constexpr const char* kPostgres =
      "WITH picked AS MATERIALIZED (SELECT id FROM verification_jobs "
      "WHERE (state = 'queued' AND next_run_at <= $3) OR (state = 'running' AND lease_until < $3) "
      "ORDER BY next_run_at, id LIMIT $4 FOR UPDATE SKIP LOCKED) "
      "UPDATE verification_jobs SET state = 'running', lease_owner = $1, lease_until = $2, "
      "attempts = attempts + 1 WHERE id IN (SELECT id FROM picked) "
      "RETURNING id, citizen_id, system, reason, attempts";
  static constexpr const char* kSqlite =
      "UPDATE verification_jobs SET state = 'running', lease_owner = $1, lease_until = $2, "
      "attempts = attempts + 1 WHERE id IN (SELECT id FROM verification_jobs "
      "WHERE (state = 'queued' AND next_run_at <= $3) OR (state = 'running' AND lease_until < $3) "
      "ORDER BY next_run_at, id LIMIT $4) "
      "RETURNING id, citizen_id, system, reason, attempts";
  return InTransaction<std::vector<VerificationJob>>(
      *db_, true, [&](Connection& c) -> Result<std::vector<VerificationJob>> {
        auto rows = c.Query(c.dialect() == Dialect::kPostgres ? kPostgres : kSqlite,
                            {owner, now + lease_seconds, now, int64_t{limit}});
        if (!rows.ok()) return rows.take_error();
        std::vector<VerificationJob> jobs;
        for (const auto& r : *rows) {
          jobs.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4)});
        }
        return jobs;
      });
}

Result<bool> VerificationStore::Finish(const VerificationJob& job, const std::string& owner,
                                       const VerificationResult& res, int64_t now) {
  return InTransaction<bool>(*db_, true, [&](Connection& c) -> Result<bool> {
    auto done = c.Query(
        "UPDATE verification_jobs SET state = 'done', finished_at = $3, last_error = NULL, "
        "lease_owner = NULL, lease_until = NULL "
        "WHERE id = $1 AND lease_owner = $2 AND state = 'running' RETURNING id",
        {job.id, owner, now});
    if (!done.ok()) return done.take_error();
    if (done->empty()) return false;
    const std::string& state = res.state;
    PEDULI_TRY(c.Exec(
        "INSERT INTO verification_results (citizen_id, system, state, mismatched_fields, "
        "checked_against, detail, checked_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
        "ON CONFLICT (citizen_id, system) DO UPDATE SET state = excluded.state, "
        "mismatched_fields = excluded.mismatched_fields, checked_against = excluded.checked_against, "
        "detail = excluded.detail, checked_at = excluded.checked_at, updated_at = excluded.updated_at",
        {job.citizen_id, job.system, state, nlohmann::json(res.mismatched_fields).dump(),
         res.checked_against, res.detail, now}));
    return true;
  });
}

Status VerificationStore::Retry(const VerificationJob& job, const std::string& owner,
                                int64_t next_run_at, const std::string& error, bool park,
                                int64_t now) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    // Another job for this citizen and system queued meanwhile will check the newer data:
    // this one closes instead of waiting beside it.
    auto newer = c.QueryOne(
        "SELECT COUNT(*) FROM verification_jobs WHERE citizen_id = $1 AND system = $2 "
        "AND state = 'queued' AND id <> $3",
        {job.citizen_id, job.system, job.id});
    if (!newer.ok()) return newer.take_error();
    if (newer->Int(0) > 0) {
      PEDULI_TRY(c.Exec("UPDATE verification_jobs SET state = 'done', finished_at = $3, "
                        "last_error = $4, lease_owner = NULL, lease_until = NULL "
                        "WHERE id = $1 AND lease_owner = $2",
                        {job.id, owner, now, error}));
      return Status::Ok();
    }
    auto upd = c.Query(
        "UPDATE verification_jobs SET state = $3, next_run_at = $4, last_error = $5, "
        "lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2 "
        "AND state = 'running' RETURNING id",
        {job.id, owner, std::string(park ? "needs_attention" : "queued"), next_run_at, error});
    if (!upd.ok()) return upd.take_error();
    if (park && !upd->empty()) {
      PEDULI_TRY(c.Exec(
          "INSERT INTO verification_results (citizen_id, system, state, detail, updated_at) "
          "VALUES ($1, $2, 'error', $3, $4) ON CONFLICT (citizen_id, system) DO UPDATE SET "
          "state = 'error', detail = excluded.detail, updated_at = excluded.updated_at",
          {job.citizen_id, job.system, nlohmann::json({{"error", error}}).dump(), now}));
    }
    return Status::Ok();
  });
  return r;
}

Status VerificationStore::EnqueueManual(int64_t citizen_id, const std::vector<std::string>& systems,
                                        int64_t officer, int64_t now) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(EnqueueChecks(c, citizen_id, systems, "manual", officer, now));
    return Status::Ok();
  });
  return r;
}

Result<std::vector<VerificationResult>> VerificationStore::Results(int64_t citizen_id) {
  // The stored verdicts, and "pending" for every system with an open job (newer data is
  // waiting to be checked, or has never been): two index lookups in one read transaction.
  return InTransaction<std::vector<VerificationResult>>(
      *db_, false, [&](Connection& c) -> Result<std::vector<VerificationResult>> {
        auto rows = c.Query(
            "SELECT system, state, mismatched_fields, checked_against, detail, checked_at, "
            "updated_at FROM verification_results WHERE citizen_id = $1 ORDER BY system",
            {citizen_id});
        if (!rows.ok()) return rows.take_error();
        auto open = c.Query(
            "SELECT system, MAX(created_at) FROM verification_jobs WHERE citizen_id = $1 "
            "AND state IN ('queued', 'running') GROUP BY system",
            {citizen_id});
        if (!open.ok()) return open.take_error();
        std::map<std::string, VerificationResult> by_system;
        for (const auto& r : *rows) {
          VerificationResult v{r.Text(0), r.Text(1), {}, r.Text(3), r.Text(4), r.Int(5), r.Int(6)};
          auto f = nlohmann::json::parse(r.Text(2), nullptr, false);
          if (f.is_array()) v.mismatched_fields = f.get<std::vector<std::string>>();
          by_system[v.system] = std::move(v);
        }
        for (const auto& r : *open) {
          auto& v = by_system[r.Text(0)];
          if (v.system.empty()) v = {r.Text(0), "pending", {}, "", "{}", 0, r.Int(1)};
          v.state = "pending";
        }
        std::vector<VerificationResult> out;
        for (auto& [k, v] : by_system) out.push_back(std::move(v));
        return out;
      });
}

Result<std::map<std::string, int64_t>> VerificationStore::Counts() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query("SELECT state, COUNT(*) FROM verification_jobs GROUP BY state");
  if (!rows.ok()) return rows.take_error();
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
  return out;
}

Result<std::vector<AttentionJob>> VerificationStore::NeedsAttention(const std::string& mission,
                                                                    int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT j.id, j.citizen_id, j.system, s.mission_code, j.attempts, j.last_error, "
      "j.next_run_at FROM verification_jobs j "
      "JOIN stays s ON s.citizen_id = j.citizen_id AND s.ended_at IS NULL "
      "WHERE j.state = 'needs_attention' AND ($1 = '' OR s.mission_code = $1) "
      "ORDER BY j.id DESC LIMIT $2",
      {mission, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<AttentionJob> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Int(4), r.Text(5), r.Int(6)});
  }
  return out;
}

}  // namespace peduli::store
