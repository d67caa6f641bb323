#include "store/accounts_store.h"

namespace peduli::store {
namespace {


AccountRow ToAccount(const Row& r, size_t o = 0) {
  return {r.Int(o), r.Text(o + 1), r.Text(o + 2), r.Text(o + 3), r.Text(o + 4), r.Text(o + 5),
          r.Text(o + 6), r.Int(o + 7), r.Int(o + 8), r.Int(o + 9), r.Int(o + 10), r.Int(o + 11)};
}

// The columns ToAccount reads, in its order.
#define PEDULI_ACCOUNT_COLUMNS(a)                                                          \
  a "id, " a "email, " a "name, " a "password_hash, " a "role, " a "mission_code, " a      \
  "locale, " a "email_verified_at, " a "failed_logins, " a "locked_until, " a "created_at, " a \
  "disabled_at"

}  // namespace

Result<int64_t> AccountsStore::Create(const AccountRow& a, const std::string& token_hash,
                                      int64_t token_expires, const std::string& token_purpose) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto row = c.QueryOne(
        "INSERT INTO accounts (email, name, password_hash, role, mission_code, locale, "
        "email_verified_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        {a.email, a.name, a.password_hash, a.role, TextOrNull(a.mission_code), a.locale,
         a.email_verified_at ? Value{a.email_verified_at} : Null(), a.created_at});
    if (!row.ok()) return row.take_error();
    int64_t id = row->Int(0);
    if (!token_hash.empty()) {
      PEDULI_TRY(c.Exec(
          "INSERT INTO email_tokens (token_hash, account_id, purpose, expires_at) "
          "VALUES ($1, $2, $3, $4)",
          {token_hash, id, token_purpose, token_expires}));
    }
    return id;
  });
}

Result<AccountRow> AccountsStore::FindByEmail(const std::string& email) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT " PEDULI_ACCOUNT_COLUMNS("") " FROM accounts "
      "WHERE email = $1 AND deleted_at IS NULL",
      {email});
  if (!r.ok()) return r.take_error();
  return ToAccount(*r);
}

Result<AccountRow> AccountsStore::FindById(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT " PEDULI_ACCOUNT_COLUMNS("") " FROM accounts WHERE id = $1",
      {id});
  if (!r.ok()) return r.take_error();
  return ToAccount(*r);
}

Result<int64_t> AccountsStore::ConsumeVerifyToken(const std::string& token_hash, int64_t now) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto r = c.QueryOne(
        "UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 AND purpose = 'verify' "
        "AND used_at IS NULL AND expires_at > $2 RETURNING account_id",
        {token_hash, now});
    if (!r.ok()) return r.take_error();
    int64_t id = r->Int(0);
    PEDULI_TRY(c.Exec(
        "UPDATE accounts SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL",
        {id, now}));
    return id;
  });
}

Status AccountsStore::NewVerifyToken(int64_t account_id, const std::string& token_hash,
                                     int64_t expires) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(c.Exec("DELETE FROM email_tokens WHERE account_id = $1 AND used_at IS NULL",
                      {account_id}));
    PEDULI_TRY(c.Exec(
        "INSERT INTO email_tokens (token_hash, account_id, purpose, expires_at) "
        "VALUES ($1, $2, 'verify', $3)",
        {token_hash, account_id, expires}));
    return Status::Ok();
  });
  return r;
}

Status AccountsStore::SetLoginFailures(int64_t account_id, int64_t failed, int64_t locked_until) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("UPDATE accounts SET failed_logins = $2, locked_until = $3 WHERE id = $1",
                        {account_id, failed, locked_until});
}

Status AccountsStore::CreateSession(const SessionRow& s) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "INSERT INTO sessions (token_hash, account_id, csrf, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {s.token_hash, s.account_id, s.csrf, s.created_at, s.expires_at});
}

std::optional<std::pair<SessionRow, AccountRow>> AccountsStore::FindSession(
    const std::string& token_hash, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return std::nullopt;
  auto r = (*lease)->QueryOne(
      "SELECT s.token_hash, s.account_id, s.csrf, s.created_at, s.expires_at, "
      PEDULI_ACCOUNT_COLUMNS("a.")
      " FROM sessions s JOIN accounts a ON a.id = s.account_id "
      "WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.deleted_at IS NULL "
      "AND a.disabled_at IS NULL",
      {token_hash, now});
  if (!r.ok()) return std::nullopt;
  SessionRow s{r->Text(0), r->Int(1), r->Text(2), r->Int(3), r->Int(4)};
  return std::make_pair(s, ToAccount(*r, 5));
}

Status AccountsStore::DeleteSession(const std::string& token_hash) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("DELETE FROM sessions WHERE token_hash = $1", {token_hash});
}

Result<int64_t> AccountsStore::Count() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne("SELECT COUNT(*) FROM accounts");
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Status AccountsStore::CreatePending(const std::string& token_hash, int64_t account_id,
                                    int64_t expires_at) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  // Old pending sign-ins of anyone are cleared on the way, so the table stays small.
  PEDULI_TRY((*lease)->Exec("DELETE FROM pending_sign_ins WHERE expires_at <= $1",
                            {expires_at - 3600}));
  return (*lease)->Exec(
      "INSERT INTO pending_sign_ins (token_hash, account_id, expires_at) VALUES ($1, $2, $3)",
      {token_hash, account_id, expires_at});
}

Result<PendingSignIn> AccountsStore::FindPending(const std::string& token_hash, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT account_id, expires_at, attempts FROM pending_sign_ins "
      "WHERE token_hash = $1 AND expires_at > $2",
      {token_hash, now});
  if (!r.ok()) return r.take_error();
  return PendingSignIn{r->Int(0), r->Int(1), r->Int(2)};
}

Result<int64_t> AccountsStore::AddPendingAttempt(const std::string& token_hash) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "UPDATE pending_sign_ins SET attempts = attempts + 1 WHERE token_hash = $1 "
      "RETURNING attempts",
      {token_hash});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Status AccountsStore::DeletePending(const std::string& token_hash) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("DELETE FROM pending_sign_ins WHERE token_hash = $1", {token_hash});
}

Result<std::vector<StaffRow>> AccountsStore::ListStaff(const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return ListStaffIn(**lease, mission_code);
}

Result<std::vector<StaffRow>> AccountsStore::ListStaffIn(Connection& c,
                                                         const std::string& mission_code) {
  auto rows = c.Query(
      "SELECT " PEDULI_ACCOUNT_COLUMNS("a.") ", "
      "CASE WHEN f.enrolled_at IS NULL THEN 0 ELSE 1 END "
      "FROM accounts a LEFT JOIN staff_second_factor f ON f.account_id = a.id "
      "WHERE a.role <> 'citizen' AND a.deleted_at IS NULL "
      "AND (CAST($1 AS TEXT) = '' OR a.mission_code = $1) "
      "ORDER BY a.mission_code, a.name, a.id",
      {mission_code});
  if (!rows.ok()) return rows.take_error();
  std::vector<StaffRow> out;
  for (const auto& r : *rows) out.push_back({ToAccount(r), r.Int(12) != 0});
  return out;
}

Status AccountsStore::SetDisabled(int64_t account_id, int64_t disabled_at) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(c.Exec("UPDATE accounts SET disabled_at = $2 WHERE id = $1",
                      {account_id, disabled_at ? Value{disabled_at} : Null()}));
    if (disabled_at) {
      PEDULI_TRY(c.Exec("DELETE FROM sessions WHERE account_id = $1", {account_id}));
      PEDULI_TRY(c.Exec("DELETE FROM pending_sign_ins WHERE account_id = $1", {account_id}));
    }
    return Status::Ok();
  });
}

Result<int64_t> AccountsStore::FindEmailToken(const std::string& token_hash,
                                              const std::string& purpose, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT account_id FROM email_tokens WHERE token_hash = $1 AND purpose = $2 "
      "AND used_at IS NULL AND expires_at > $3",
      {token_hash, purpose, now});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<int64_t> AccountsStore::SetPasswordWithToken(const std::string& token_hash,
                                                    const std::string& password_hash,
                                                    int64_t now) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto r = c.QueryOne(
        "UPDATE email_tokens SET used_at = $2 WHERE token_hash = $1 AND purpose = 'set_password' "
        "AND used_at IS NULL AND expires_at > $2 RETURNING account_id",
        {token_hash, now});
    if (!r.ok()) return r.take_error();
    int64_t id = r->Int(0);
    PEDULI_TRY(c.Exec(
        "UPDATE accounts SET password_hash = $2, failed_logins = 0, locked_until = 0, "
        "email_verified_at = COALESCE(email_verified_at, $3) WHERE id = $1",
        {id, password_hash, now}));
    return id;
  });
}

}  // namespace peduli::store
