#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace peduli::store {

// Enqueues one check per system (at most one waiting per citizen and system), inside the
// caller's transaction. Results read as pending while a job is open.
Status EnqueueChecks(Connection& c, int64_t citizen_id, const std::vector<std::string>& systems,
                     const std::string& reason, int64_t requested_by, int64_t now);

struct VerificationJob {
  int64_t id = 0;
  int64_t citizen_id = 0;
  std::string system;
  std::string reason;
  int64_t attempts = 0;  // including this run
};

struct VerificationResult {
  std::string system;
  std::string state;  // pending, match, mismatch, not_found, error
  std::vector<std::string> mismatched_fields;
  std::string checked_against;  // JSON
  std::string detail;           // JSON
  int64_t checked_at = 0;
  int64_t updated_at = 0;
};

struct AttentionJob {
  int64_t job_id = 0;
  int64_t citizen_id = 0;
  std::string system;
  std::string mission_code;
  int64_t attempts = 0;
  std::string last_error;
  int64_t updated_at = 0;
};

// The durable verification queue. Jobs survive restarts; a job is leased to one worker at
// a time (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's single writer on SQLite), and a
// lease that expires (a crashed worker) makes the job claimable again.
class VerificationStore {
 public:
  explicit VerificationStore(Database* db) : db_(db) {}

  // Leases up to `limit` due jobs to `owner` until now + lease_seconds.
  Result<std::vector<VerificationJob>> Claim(const std::string& owner, int64_t now,
                                             int64_t lease_seconds, int limit);
  // Stores the verdict and closes the job, if `owner` still holds its lease (else the
  // verdict is dropped: another worker took over). Returns whether it was stored.
  Result<bool> Finish(const VerificationJob& job, const std::string& owner,
                      const VerificationResult& result, int64_t now);
  // Puts the job back for a later attempt, or parks it as needs_attention (and the result
  // as error) when `park`.
  Status Retry(const VerificationJob& job, const std::string& owner, int64_t next_run_at,
               const std::string& error, bool park, int64_t now);
  // A check requested by an officer.
  Status EnqueueManual(int64_t citizen_id, const std::vector<std::string>& systems,
                       int64_t officer, int64_t now);

  Result<std::vector<VerificationResult>> Results(int64_t citizen_id);
  // Jobs by state (queued, running, done, needs_attention).
  Result<std::map<std::string, int64_t>> Counts();
  // Parked jobs, newest first; all missions when `mission_code` is empty.
  Result<std::vector<AttentionJob>> NeedsAttention(const std::string& mission_code, int limit);

 private:
  Database* db_;
};

}  // namespace peduli::store
