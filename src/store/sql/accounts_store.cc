#include "store/accounts_store.h"

namespace peduli::store {
namespace {


AccountRow ToAccount(const Row& r, size_t o = 0) {
  return {r.Int(o), r.Text(o + 1), r.Text(o + 2), r.Text(o + 3), r.Text(o + 4), r.Text(o + 5),
          r.Text(o + 6), r.Int(o + 7), r.Int(o + 8), r.Int(o + 9), r.Int(o + 10)};
}

}  // namespace

Result<int64_t> AccountsStore::Create(const AccountRow& a, const std::string& token_hash,
                                      int64_t token_expires) {
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
          "VALUES ($1, $2, 'verify', $3)",
          {token_hash, id, token_expires}));
    }
    return id;
  });
}

Result<AccountRow> AccountsStore::FindByEmail(const std::string& email) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT id, email, name, password_hash, role, mission_code, locale, email_verified_at, "
      "failed_logins, locked_until, created_at FROM accounts "
      "WHERE email = $1 AND deleted_at IS NULL",
      {email});
  if (!r.ok()) return r.take_error();
  return ToAccount(*r);
}

Result<AccountRow> AccountsStore::FindById(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT id, email, name, password_hash, role, mission_code, locale, email_verified_at, "
      "failed_logins, locked_until, created_at FROM accounts WHERE id = $1",
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
      "a.id, a.email, a.name, a.password_hash, a.role, a.mission_code, a.locale, "
      "a.email_verified_at, a.failed_logins, a.locked_until, a.created_at "
      "FROM sessions s JOIN accounts a ON a.id = s.account_id "
      "WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.deleted_at IS NULL",
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

}  // namespace peduli::store
