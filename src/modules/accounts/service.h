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
  // kUnauthorized for a wrong email or password; kTooMany while the account is slowed
  // down; kForbidden ("auth.unverified") before the email is verified.
  Result<Session> SignIn(const std::string& email, const std::string& password);
  void SignOut(const std::string& token);
  // Drops every cached session of an account (after deletion).
  void ForgetSessions(int64_t account_id);
  // The account of a live session.
  std::optional<std::pair<store::SessionRow, store::AccountRow>> Resolve(const std::string& token);
  Result<store::AccountRow> Account(int64_t id) { return store_->FindById(id); }

  // Creates an account directly (demo seeding, staff): verified, given role and mission.
  Result<int64_t> CreateVerified(const SignUp& s, const std::string& role,
                                 const std::string& mission_code);

  static std::string NormalizeEmail(const std::string& email);

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
