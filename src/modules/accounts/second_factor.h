#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/second_factor_store.h"

namespace peduli::accounts {

// What the enrolment page shows: the secret (for typing in) and the URI (for the QR code).
struct Enrolment {
  std::string secret;
  std::string uri;
};

struct SecondFactorOptions {
  std::string issuer = "Peduli WNI";  // the name authenticator apps show
  int free_failures = 5;              // wrong codes in a row before checks slow down
  int64_t max_lock_seconds = 900;     // the wait doubles from 30 s up to this
  int recovery_codes = 10;
};

// The TOTP second factor of staff accounts, with single-use recovery codes. Deciding who
// must use it (staff roles) and who may reset it (hq_admin) is the caller's policy; this
// class only keeps the factor.
class SecondFactorService {
 public:
  // Neither pointer is owned; both must outlive the service.
  SecondFactorService(store::SecondFactorStore* store, const Clock* clock,
                      SecondFactorOptions options = {});

  // Creates a new secret for the account, pending until ConfirmEnrolment. Calling it again
  // before confirming replaces the secret. kConflict ("auth.already_enrolled") when the
  // account already has a confirmed factor.
  Result<Enrolment> StartEnrolment(int64_t account_id, const std::string& email);
  // The enrolment in progress (the same secret while it is not confirmed, so reloading the
  // enrolment page does not invalidate a secret already typed into an app), or a new one.
  // kConflict ("auth.already_enrolled") when the factor is already confirmed.
  Result<Enrolment> CurrentEnrolment(int64_t account_id, const std::string& email);
  // Enrols the account with a given secret, confirmed at once and without recovery codes.
  // Demo seeding only: the demo secret is published in the README.
  Status EnrolKnownSecret(int64_t account_id, const std::string& secret);
  // Confirms the pending enrolment with a code from the app and returns the recovery codes
  // ("xxxx-xxxx-xx", lower-case base32), to be shown once: only their hashes are kept. The
  // confirming code's time step counts as used. kInvalid (field "code", "auth.bad_code")
  // for a wrong code; kNotFound when no enrolment was started; kConflict
  // ("auth.already_enrolled") when the factor is already confirmed.
  Result<std::vector<std::string>> ConfirmEnrolment(int64_t account_id, const std::string& code);
  // True when the account has a confirmed factor.
  Result<bool> Enrolled(int64_t account_id);
  // Accepts a current TOTP code (spaces allowed) or an unused recovery code (hyphens and
  // case ignored). kUnauthorized ("auth.bad_code") for a wrong code, a code of a time step
  // already accepted, or a used recovery code; kTooMany ("auth.too_many") while slowed down
  // after repeated failures; kForbidden ("auth.not_enrolled") without a confirmed factor.
  Status Verify(int64_t account_id, const std::string& code_or_recovery_code);
  // Unused recovery codes left, so the UI can warn when few remain.
  Result<int64_t> RecoveryCodesLeft(int64_t account_id);
  // Removes the factor and its recovery codes; the account must enrol again.
  Status Reset(int64_t account_id);

 private:
  Status Fail(int64_t account_id, int64_t now);
  std::string RecoveryHash(int64_t account_id, const std::string& normalized) const;

  store::SecondFactorStore* store_;
  const Clock* clock_;
  SecondFactorOptions options_;
};

}  // namespace peduli::accounts
