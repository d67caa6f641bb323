#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/accounts/second_factor.h"
#include "modules/accounts/service.h"
#include "modules/audit/service.h"
#include "store/accounts_store.h"

namespace peduli::accounts {

// Where a sign-in attempt comes from, for the audit log.
struct Origin {
  std::string ip;
  std::string request_id;
};

// After the password step.
struct FirstStep {
  std::optional<Session> session;  // citizens: signed in
  std::string pending_token;       // staff: the second factor is still to come
  bool enrol = false;              // staff without a confirmed factor: enrol first
};

// A completed enrolment: the session, and the recovery codes to show once.
struct Enrolled {
  Session session;
  std::vector<std::string> recovery_codes;
};

struct SignInFlowOptions {
  int64_t pending_seconds = 300;  // the code must come within this
  int max_pending_attempts = 10;  // wrong codes per pending sign-in, then the password again
};

// Sign-in for everybody: citizens with the password alone; staff (policy::IsStaff) with the
// password and then a TOTP code or a recovery code, enrolling on their first sign-in. No
// staff session exists before the second factor. Every staff attempt, good or bad, is in
// the audit log (actions sign_in, sign_in_wrong_password, sign_in_wrong_code,
// sign_in_locked, sign_in_disabled); citizens' sign-ins are not (only staff activity is).
class SignInFlow {
 public:
  // No pointer is owned.
  SignInFlow(AccountsService* accounts, store::AccountsStore* store,
             SecondFactorService* second_factor, audit::AuditService* audit, const Clock* clock,
             SignInFlowOptions options = {});

  // The password step. Errors as AccountsService::CheckPassword.
  Result<FirstStep> Password(const std::string& email, const std::string& password,
                             const Origin& origin);
  // The account of a pending sign-in; kUnauthorized ("auth.pending_expired") when the token
  // is unknown, expired or used up. `enrolled` tells whether it has a confirmed factor.
  struct Pending {
    store::AccountRow account;
    bool enrolled = false;
  };
  Result<Pending> Find(const std::string& pending_token);
  // The second step: a TOTP code or a recovery code. kUnauthorized ("auth.bad_code"),
  // kTooMany ("auth.too_many"), kUnauthorized ("auth.pending_expired"), kForbidden
  // ("auth.not_enrolled") when the account must enrol first.
  Result<Session> Code(const std::string& pending_token, const std::string& code,
                       const Origin& origin);
  // The secret to enrol (the same one until it is confirmed). kConflict when enrolled.
  Result<accounts::Enrolment> EnrolmentOf(const std::string& pending_token);
  // Confirms the enrolment with the first code and signs in. kInvalid ("code",
  // "auth.bad_code") for a wrong code; kNotFound when no enrolment was started.
  Result<Enrolled> ConfirmEnrolment(const std::string& pending_token, const std::string& code,
                                    const Origin& origin);

 private:
  void Audit(const store::AccountRow& a, const std::string& action, const Origin& origin,
             const nlohmann::json& detail = {});
  // Counts a wrong code against the pending sign-in; ends it after too many.
  void WrongCode(const std::string& pending_token);
  Result<Session> Finish(const std::string& pending_token, const store::AccountRow& a,
                         const Origin& origin, const std::string& method);

  AccountsService* accounts_;
  store::AccountsStore* store_;
  SecondFactorService* second_factor_;
  audit::AuditService* audit_;
  const Clock* clock_;
  SignInFlowOptions options_;
};

}  // namespace peduli::accounts
