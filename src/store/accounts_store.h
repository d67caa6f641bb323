#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "store/db.h"

namespace peduli::store {

struct AccountRow {
  int64_t id = 0;
  std::string email;
  std::string name;
  std::string password_hash;
  std::string role;
  std::string mission_code;
  std::string locale;
  int64_t email_verified_at = 0;  // 0: not verified
  int64_t failed_logins = 0;
  int64_t locked_until = 0;
  int64_t created_at = 0;
};

struct SessionRow {
  std::string token_hash;
  int64_t account_id = 0;
  std::string csrf;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

// Accounts, email tokens and sessions.
class AccountsStore {
 public:
  explicit AccountsStore(Database* db) : db_(db) {}

  // Creates the account and its email-verification token in one transaction. kConflict
  // when the email is taken.
  Result<int64_t> Create(const AccountRow& a, const std::string& token_hash, int64_t token_expires);
  Result<AccountRow> FindByEmail(const std::string& email);
  Result<AccountRow> FindById(int64_t id);
  // Marks the token used and the account verified; kNotFound for an unknown, used or
  // expired token. Returns the account id.
  Result<int64_t> ConsumeVerifyToken(const std::string& token_hash, int64_t now);
  // Replaces the account's unused verification tokens with a new one.
  Status NewVerifyToken(int64_t account_id, const std::string& token_hash, int64_t expires);
  Status SetLoginFailures(int64_t account_id, int64_t failed_logins, int64_t locked_until);
  Status CreateSession(const SessionRow& s);
  // The session with its account, if not expired and the account not deleted.
  std::optional<std::pair<SessionRow, AccountRow>> FindSession(const std::string& token_hash,
                                                               int64_t now);
  Status DeleteSession(const std::string& token_hash);
  Result<int64_t> Count();

 private:
  Database* db_;
};

}  // namespace peduli::store
