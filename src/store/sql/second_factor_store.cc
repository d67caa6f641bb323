#include "store/second_factor_store.h"

namespace peduli::store {

Status SecondFactorStore::Begin(int64_t account_id, const std::string& secret) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto rows = c.Query(
        "INSERT INTO staff_second_factor (account_id, secret) VALUES ($1, $2) "
        "ON CONFLICT (account_id) DO UPDATE SET secret = excluded.secret, enrolled_at = NULL, "
        "last_step = 0, failures = 0, locked_until = 0 "
        "WHERE staff_second_factor.enrolled_at IS NULL RETURNING account_id",
        {account_id, secret});
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) return Error::Conflict("auth.already_enrolled");
    // Codes of an abandoned earlier attempt never became valid, but leave none behind.
    PEDULI_TRY(c.Exec("DELETE FROM recovery_codes WHERE account_id = $1", {account_id}));
    return Status::Ok();
  });
  return r;
}

Status SecondFactorStore::Confirm(int64_t account_id, int64_t now, int64_t step,
                                  const std::vector<std::string>& code_hashes) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto row = c.QueryOne(
        "UPDATE staff_second_factor SET enrolled_at = $2, last_step = $3, failures = 0, "
        "locked_until = 0 WHERE account_id = $1 AND enrolled_at IS NULL RETURNING account_id",
        {account_id, now, step});
    if (!row.ok()) return row.take_error();
    PEDULI_TRY(c.Exec("DELETE FROM recovery_codes WHERE account_id = $1", {account_id}));
    for (const auto& h : code_hashes) {
      PEDULI_TRY(c.Exec("INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)",
                        {account_id, h}));
    }
    return Status::Ok();
  });
  return r;
}

Result<SecondFactorRow> SecondFactorStore::Get(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT account_id, secret, enrolled_at, last_step, failures, locked_until "
      "FROM staff_second_factor WHERE account_id = $1",
      {account_id});
  if (!r.ok()) return r.take_error();
  return SecondFactorRow{r->Int(0), r->Text(1), r->Int(2), r->Int(3), r->Int(4), r->Int(5)};
}

Result<bool> SecondFactorStore::RecordStep(int64_t account_id, int64_t step) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "UPDATE staff_second_factor SET last_step = $2, failures = 0, locked_until = 0 "
      "WHERE account_id = $1 AND enrolled_at IS NOT NULL AND last_step < $2 "
      "RETURNING account_id",
      {account_id, step});
  if (!rows.ok()) return rows.take_error();
  return !rows->empty();
}

Result<bool> SecondFactorStore::UseRecoveryCode(int64_t account_id, const std::string& code_hash,
                                                int64_t now) {
  return InTransaction<bool>(*db_, true, [&](Connection& c) -> Result<bool> {
    auto rows = c.Query(
        "UPDATE recovery_codes SET used_at = $3 "
        "WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING account_id",
        {account_id, code_hash, now});
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) return false;
    PEDULI_TRY(c.Exec(
        "UPDATE staff_second_factor SET failures = 0, locked_until = 0 WHERE account_id = $1",
        {account_id}));
    return true;
  });
}

Result<int64_t> SecondFactorStore::AddFailure(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "UPDATE staff_second_factor SET failures = failures + 1 WHERE account_id = $1 "
      "RETURNING failures",
      {account_id});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Status SecondFactorStore::SetLockedUntil(int64_t account_id, int64_t locked_until) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("UPDATE staff_second_factor SET locked_until = $2 WHERE account_id = $1",
                        {account_id, locked_until});
}

Result<int64_t> SecondFactorStore::RecoveryCodesLeft(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM recovery_codes WHERE account_id = $1 AND used_at IS NULL",
      {account_id});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Status SecondFactorStore::Reset(int64_t account_id) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(c.Exec("DELETE FROM recovery_codes WHERE account_id = $1", {account_id}));
    PEDULI_TRY(c.Exec("DELETE FROM staff_second_factor WHERE account_id = $1", {account_id}));
    return Status::Ok();
  });
  return r;
}

}  // namespace peduli::store
