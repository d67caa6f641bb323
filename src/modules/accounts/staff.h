#pragma once

#include <functional>
#include <string>
#include <vector>

#include "adapters/mail/mailer.h"
#include "core/clock.h"
#include "core/result.h"
#include "modules/accounts/second_factor.h"
#include "modules/accounts/service.h"
#include "modules/accounts/sign_in_flow.h"
#include "modules/audit/service.h"
#include "modules/policy/policy.h"
#include "store/accounts_store.h"

namespace peduli::accounts {

struct NewStaff {
  std::string name;
  std::string email;
  std::string role;
  std::string mission_code;  // mission roles only
};

// The "set your password" mail, in the language of whoever creates the account (texts from
// the catalogs, set by the HTTP layer).
struct SetPasswordMailText {
  std::string subject;
  std::string body_before_link;
  std::string body_after_link;
};

// Staff accounts: list, create, disable, enable, reset the second factor. Who may do what
// is policy::Allowed(kManageStaff, mission) and policy::MayGrantRole; every action is in
// the audit log with the target account's id. A new account gets no password from its
// creator: the owner sets it through a single-use link sent by mail, then enrols TOTP on
// the first sign-in.
class StaffService {
 public:
  using MissionExists = std::function<bool(const std::string& code)>;
  // No pointer is owned.
  StaffService(AccountsService* accounts, store::AccountsStore* store,
               SecondFactorService* second_factor, audit::AuditService* audit,
               mail::Mailer* mailer, const Clock* clock, MissionExists mission_exists);

  // Whether `actor` manages staff at all (hq_admin; a supervisor, for their mission).
  static bool MayManage(const policy::Actor& actor);
  // Staff of `mission_code` ("" = every mission the actor may see: all for hq_admin, their
  // own for a supervisor). kForbidden outside the actor's reach.
  Result<std::vector<store::StaffRow>> List(const policy::Actor& actor,
                                            const std::string& mission_code, const Origin& o);
  // kInvalid with field errors (name, email, role, mission); kForbidden when the actor may
  // not give that role at that mission. Returns the new account's id.
  Result<int64_t> Create(const policy::Actor& actor, const NewStaff& s,
                         const SetPasswordMailText& mail, const Origin& o);
  // kNotFound for an account that is not staff the actor manages.
  Status Disable(const policy::Actor& actor, int64_t account_id, const Origin& o);
  Status Enable(const policy::Actor& actor, int64_t account_id, const Origin& o);
  Status ResetSecondFactor(const policy::Actor& actor, int64_t account_id, const Origin& o);

  // How long the set-password link works.
  static constexpr int64_t kSetPasswordSeconds = 3 * 86400;

 private:
  // The target staff account, if the actor may manage it (else kForbidden/kNotFound).
  Result<store::AccountRow> Target(const policy::Actor& actor, int64_t account_id);
  Status Record(const policy::Actor& actor, const std::string& action, int64_t target,
                const Origin& o);

  AccountsService* accounts_;
  store::AccountsStore* store_;
  SecondFactorService* second_factor_;
  audit::AuditService* audit_;
  mail::Mailer* mailer_;
  const Clock* clock_;
  MissionExists mission_exists_;
};

}  // namespace peduli::accounts
