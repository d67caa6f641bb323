#pragma once

#include <mutex>
#include <optional>
#include <unordered_map>
#include <string>

#include "adapters/mail/mailer.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/accounts_store.h"

namespace peduli::accounts {

struct SignUp {
  std::string email;
  std::string password;
  std::string name;
  std::string locale = "id";
};

struct Session {
  std::string token;  // give to the client once; only its hash is stored
  std::string csrf;
  int64_t account_id = 0;
  int64_t expires_at = 0;
};

struct Options {
  std::string base_url = "http://127.0.0.1:8080";  // for links in mail
  int64_t session_seconds = 7 * 86400;
  int64_t verify_token_seconds = 3 * 86400;
  int free_failures = 5;           // failed sign-ins before the account slows down
  int64_t max_lock_seconds = 900;  // the slow-down doubles up to this
  bool fast_hashing = false;       // minimum argon2id cost: tests and demo seeding only
  // How long a resolved session is trusted without asking the database again. A sign-out
  // on this server takes effect at once; on another server sharing the database, within
  // this time. 0 turns the cache off.
  int64_t session_cache_seconds = 5;
};

// Text of the verification mail in a language; set by the HTTP layer from the catalogs so
// this module stays free of UI strings.
struct VerifyMailText {
  std::string subject;
  std::string body_before_link;
  std::string body_after_link;
};

// Sign-up with email verification, sign-in with throttling, and database sessions.
class AccountsService {
 public:
  AccountsService(store::AccountsStore* store, mail::Mailer* mailer, const Clock* clock,
                  Options options);

  // Creates a citizen account and mails a verification link. kInvalid with field errors
  // for a bad email, a short password or an empty name; kConflict (field "email") when the
  // email is registered.
  Result<int64_t> Register(const SignUp& s, const VerifyMailText& mail);
  // Resends the link; silent success for unknown addresses (no account enumeration).
  Status ResendVerification(const std::string& email, const VerifyMailText& mail);
  Status VerifyEmail(const std::string& token);
  // The password step of every sign-in: the account when the password is right.
  // kUnauthorized for a wrong email or password (also for a staff account whose password
  // was never set); kTooMany while the account is slowed down; kForbidden
  // ("auth.unverified") before the email is verified, ("auth.disabled") for a disabled
  // account (only said after the right password).
  Result<store::AccountRow> CheckPassword(const std::string& email, const std::string& password);
  // Password-only sign-in, for citizens: CheckPassword, then a session. Staff accounts get
  // kForbidden ("auth.second_factor_required"): they sign in through SignInFlow.
  Result<Session> SignIn(const std::string& email, const std::string& password);
  // A new session for an account whose sign-in is complete.
  Result<Session> StartSession(int64_t account_id);
  void SignOut(const std::string& token);
  // Drops every cached session of an account (after deletion).
  void ForgetSessions(int64_t account_id);
  // The account of a live session.
  std::optional<std::pair<store::SessionRow, store::AccountRow>> Resolve(const std::string& token);
  Result<store::AccountRow> Account(int64_t id) { return store_->FindById(id); }

  // Creates an account directly (demo seeding, staff): verified, given role and mission.
  Result<int64_t> CreateVerified(const SignUp& s, const std::string& role,
                                 const std::string& mission_code);

  // Sets a new password with a single-use "set_password" token from a mail (new staff
  // accounts get no password from whoever creates them). Same rules as sign-up. kInvalid
  // ("token", "err.token.invalid") for an unknown, used or expired token.
  Status SetPasswordWithToken(const std::string& token, const std::string& password);
  // Whether a "set_password" token is still usable (for showing the form).
  bool SetPasswordTokenValid(const std::string& token);

  static std::string NormalizeEmail(const std::string& email);
  // kInvalid field errors for an email that does not look like one, or is empty.
  static std::vector<FieldError> CheckEmail(const std::string& normalized, const char* field);
  // kInvalid field errors for a password that breaks the rules.
  static std::vector<FieldError> CheckPasswordRules(const std::string& password,
                                                    const char* field);
  const Options& options() const { return options_; }
  const Clock* clock() const { return clock_; }

 private:
  Status SendVerifyMail(const std::string& to, const std::string& token, const VerifyMailText& t);

  store::AccountsStore* store_;
  mail::Mailer* mailer_;
  const Clock* clock_;
  Options options_;

  struct Cached {
    store::SessionRow session;
    store::AccountRow account;
    int64_t until = 0;
  };
  std::mutex cache_mu_;
  std::unordered_map<std::string, Cached> cache_;  // by token hash
};

}  // namespace peduli::accounts
