#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// One duplicate-NIK claim (duplicate_attempts) with what the console shows of it.
struct ClaimRow {
  int64_t id = 0;
  std::string nik;
  int64_t existing_citizen_id = 0;
  int64_t claimant_account_id = 0;
  std::string payload;  // the claimant's submitted Lapor Diri, JSON
  int64_t created_at = 0;
  int64_t resolved_at = 0;  // 0 while open
  std::string resolution;   // keep, transfer, reject; "" while open
  // The existing record: the mission of its latest stay decides who may see the claim.
  std::string mission_code;
  std::string registration_number;
  std::string existing_name;
  int64_t existing_account_id = 0;  // 0: no account (entered at a counter)
  std::string claimant_email;
  std::string claimant_name;
};

// One entry of the append-only decision log.
struct DecisionRow {
  int64_t id = 0;
  int64_t attempt_id = 0;
  std::string decision;  // keep, transfer, reject, undo
  int64_t undoes_id = 0;
  std::string note;
  bool identity_checked = false;
  int64_t actor_account_id = 0;
  std::string actor_mission;
  int64_t citizen_id = 0;
  int64_t before_account_id = 0;  // 0 = none
  int64_t after_account_id = 0;
  int64_t record_revision = 0;
  int64_t created_at = 0;
  bool undone = false;  // read only: an 'undo' row reverses this one
};

// Duplicate-NIK claims and the officers' decisions on them. Every decision and every undo is
// one transaction together with its audit entry.
class CounterStore {
 public:
  explicit CounterStore(Database* db) : db_(db) {}

  // Claims on records whose latest stay is in `mission_code` ("" = every mission): open ones
  // oldest first, or resolved ones newest first. At most `limit`.
  Result<std::vector<ClaimRow>> ListClaims(const std::string& mission_code, bool open, int limit);
  // kNotFound when there is no such claim (or its record was deleted).
  Result<ClaimRow> FindClaim(int64_t id);
  // The claim's decisions and undos, oldest first.
  Result<std::vector<DecisionRow>> Decisions(int64_t attempt_id);

  // Closes the open claim `d.attempt_id` with `d.decision`. For "transfer" the record moves
  // to the claimant's account. Fills the before/after state into the log row. Errors:
  // kConflict "counter.already_decided" (not open any more), "counter.claimant_has_record"
  // (transfer to an account that already holds a record), kNotFound.
  Result<DecisionRow> Decide(DecisionRow d, const AuditEntry& audit);
  // Reverses the claim's latest decision that is not undone yet and reopens the claim.
  // kConflict "counter.nothing_to_undo", or "counter.undo_state_changed" when a transfer's
  // record changed hands, was edited, or the previous account took another record since.
  Result<DecisionRow> Undo(int64_t attempt_id, int64_t actor_account_id,
                           const std::string& actor_mission, int64_t now,
                           const AuditEntry& audit);

 private:
  Database* db_;
};

}  // namespace peduli::store
