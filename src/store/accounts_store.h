#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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
  int64_t disabled_at = 0;  // 0: may sign in
};

struct SessionRow {
  std::string token_hash;
  int64_t account_id = 0;
  std::string csrf;
  int64_t created_at = 0;
  int64_t expires_at = 0;
};

// A password-checked sign-in waiting for its second factor.
struct PendingSignIn {
  int64_t account_id = 0;
  int64_t expires_at = 0;
  int64_t attempts = 0;
};

// One staff account in the management list.
struct StaffRow {
  AccountRow account;
  bool second_factor = false;  // a confirmed TOTP factor
};

// Accounts, email tokens, sessions and pending sign-ins.
class AccountsStore {
 public:
  explicit AccountsStore(Database* db) : db_(db) {}

  // Creates the account and its email token (purpose "verify", or "set_password" for a
  // new staff account) in one transaction. kConflict when the email is taken.
  Result<int64_t> Create(const AccountRow& a, const std::string& token_hash, int64_t token_expires,
                         const std::string& token_purpose = "verify");
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

  // --- Pending sign-ins (second factor still to come)
  Status CreatePending(const std::string& token_hash, int64_t account_id, int64_t expires_at);
  // kNotFound when unknown or expired.
  Result<PendingSignIn> FindPending(const std::string& token_hash, int64_t now);
  // Counts one wrong code; returns the new count.
  Result<int64_t> AddPendingAttempt(const std::string& token_hash);
  Status DeletePending(const std::string& token_hash);

  // --- Staff management
  // Staff accounts (every role but citizen), of one mission or ("" ) all, by name.
  Result<std::vector<StaffRow>> ListStaff(const std::string& mission_code);
  // The same on `c`, inside the caller's transaction (protection messages to duty officers
  // are queued in the transaction of the step they announce).
  static Result<std::vector<StaffRow>> ListStaffIn(Connection& c, const std::string& mission_code);
  // Disables the account and ends its sessions and pending sign-ins in one transaction
  // (disabled_at > 0), or enables it again (disabled_at == 0).
  Status SetDisabled(int64_t account_id, int64_t disabled_at);
  // The account of an unused, unexpired email token of `purpose`; kNotFound otherwise.
  Result<int64_t> FindEmailToken(const std::string& token_hash, const std::string& purpose,
                                 int64_t now);
  // Uses a "set_password" token and sets the password hash in one transaction; kNotFound
  // for an unknown, used or expired token. Returns the account id.
  Result<int64_t> SetPasswordWithToken(const std::string& token_hash,
                                       const std::string& password_hash, int64_t now);

 private:
  Database* db_;
};

}  // namespace peduli::store
