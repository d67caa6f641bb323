#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace peduli::store {

struct SecondFactorRow {
  int64_t account_id = 0;
  std::string secret;       // base32
  int64_t enrolled_at = 0;  // 0: enrolment started, not confirmed
  int64_t last_step = 0;    // the newest TOTP time step accepted
  int64_t failures = 0;
  int64_t locked_until = 0;
};

// Staff TOTP secrets and recovery-code hashes (tables of 0008_second_factor.sql).
class SecondFactorStore {
 public:
  explicit SecondFactorStore(Database* db) : db_(db) {}

  // Starts (or restarts) an enrolment with a new secret, not yet confirmed. kConflict
  // ("auth.already_enrolled") when the account has a confirmed factor: Reset it first.
  Status Begin(int64_t account_id, const std::string& secret);
  // Confirms a pending enrolment at `now`, records `step` as used, and replaces the
  // account's recovery codes with `code_hashes`, in one transaction. kNotFound when no
  // enrolment is pending.
  Status Confirm(int64_t account_id, int64_t now, int64_t step,
                 const std::vector<std::string>& code_hashes);
  // kNotFound when the account has no factor, pending or confirmed.
  Result<SecondFactorRow> Get(int64_t account_id);
  // Records `step` as accepted and clears the failure count, only if it is newer than every
  // step accepted before: false (not an error) when the step was already used, so the same
  // code cannot be replayed, even by two servers at once.
  Result<bool> RecordStep(int64_t account_id, int64_t step);
  // Marks an unused recovery code used at `now` and clears the failure count; false when
  // the hash is unknown or already used.
  Result<bool> UseRecoveryCode(int64_t account_id, const std::string& code_hash, int64_t now);
  // Adds one wrong attempt and returns the new count.
  Result<int64_t> AddFailure(int64_t account_id);
  Status SetLockedUntil(int64_t account_id, int64_t locked_until);
  // Unused recovery codes of the account.
  Result<int64_t> RecoveryCodesLeft(int64_t account_id);
  // Deletes the factor and all recovery codes (an hq_admin resetting a lost device). Not an
  // error when there is nothing to delete.
  Status Reset(int64_t account_id);

 private:
  Database* db_;
};

}  // namespace peduli::store
