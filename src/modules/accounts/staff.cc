#include "modules/accounts/staff.h"

#include "core/crypto.h"
#include "core/log.h"

namespace peduli::accounts {

using policy::Action;
using policy::Actor;

StaffService::StaffService(AccountsService* accounts, store::AccountsStore* store,
                           SecondFactorService* second_factor, audit::AuditService* audit,
                           mail::Mailer* mailer, const Clock* clock, MissionExists mission_exists)
    : accounts_(accounts), store_(store), second_factor_(second_factor), audit_(audit),
      mailer_(mailer), clock_(clock), mission_exists_(std::move(mission_exists)) {}

bool StaffService::MayManage(const Actor& actor) {
  return policy::Allowed(actor, Action::kManageStaff, actor.mission_code);
}

Status StaffService::Record(const Actor& actor, const std::string& action, int64_t target,
                            const Origin& o) {
  return audit_->Record(actor, action, 0, "staff_management", o.ip, o.request_id,
                        {{"target_account_id", target}});
}

Result<std::vector<store::StaffRow>> StaffService::List(const Actor& actor,
                                                        const std::string& mission_code,
                                                        const Origin& o) {
  if (!MayManage(actor)) return Error::Forbidden();
  const std::string scope = mission_code.empty() ? policy::ScopeOf(actor) : mission_code;
  if (!policy::Allowed(actor, Action::kManageStaff, scope)) return Error::Forbidden();
  // Names and emails of staff are personal data too: the read is logged before it is shown.
  PEDULI_TRY(audit_->Record(actor, "staff_list", 0, "staff_management", o.ip, o.request_id,
                            {{"mission", scope}}));
  return store_->ListStaff(scope);
}

Result<int64_t> StaffService::Create(const Actor& actor, const NewStaff& in,
                                     const SetPasswordMailText& text, const Origin& o) {
  if (!MayManage(actor)) return Error::Forbidden();
  NewStaff s = in;
  s.email = AccountsService::NormalizeEmail(s.email);
  s.name.erase(0, s.name.find_first_not_of(" \t"));
  s.name.erase(s.name.find_last_not_of(" \t") + 1);
  std::vector<FieldError> errors = AccountsService::CheckEmail(s.email, "email");
  if (s.name.empty()) errors.push_back({"name", "err.required"});
  if (s.name.size() > 200) errors.push_back({"name", "err.staff.too_long"});
  if (s.role.empty()) {
    errors.push_back({"role", "err.required"});
  } else if (!policy::IsStaff(s.role)) {
    errors.push_back({"role", "err.staff.role"});
  } else if (policy::IsMissionRole(s.role)) {
    if (s.mission_code.empty()) {
      errors.push_back({"mission_code", "err.staff.mission_required"});
    } else if (!mission_exists_(s.mission_code)) {
      errors.push_back({"mission_code", "err.staff.mission_unknown"});
    }
  } else if (!s.mission_code.empty()) {
    errors.push_back({"mission_code", "err.staff.mission_not_allowed"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!policy::Allowed(actor, Action::kManageStaff, s.mission_code) ||
      !policy::MayGrantRole(actor, s.role)) {
    return Error::Forbidden("staff.not_allowed");
  }

  const std::string token = crypto::RandomToken(20);
  store::AccountRow a;
  a.email = s.email;
  a.name = s.name;
  a.password_hash = "";  // none until the owner sets one through the link
  a.role = s.role;
  a.mission_code = s.mission_code;
  a.locale = "id";
  a.created_at = clock_->NowUnix();
  auto id = store_->Create(a, crypto::HashToken(token), a.created_at + kSetPasswordSeconds,
                           "set_password");
  if (!id.ok()) {
    if (id.error().code == Code::kConflict) return Error::Invalid("email", "err.email.taken");
    return id;
  }
  PEDULI_TRY(audit_->Record(actor, "staff_create", 0, "staff_management", o.ip, o.request_id,
                            {{"target_account_id", *id}, {"role", s.role},
                             {"mission", s.mission_code}}));
  const std::string link = accounts_->options().base_url + "/atur-kata-sandi?token=" + token;
  auto sent = mailer_->Send({a.email, text.subject,
                             text.body_before_link + "\n\n" + link + "\n\n" + text.body_after_link});
  if (!sent.ok()) log::Warn("mail_failed", {{"reason", sent.error().message}});
  return id;
}

Result<store::AccountRow> StaffService::Target(const Actor& actor, int64_t account_id) {
  if (!MayManage(actor)) return Error::Forbidden();
  auto a = store_->FindById(account_id);
  if (!a.ok()) return a.take_error();
  if (!policy::IsStaff(a->role)) return Error::NotFound();
  // Accounts outside the actor's missions are not theirs to know about.
  if (!policy::Allowed(actor, Action::kManageStaff, a->mission_code)) return Error::NotFound();
  if (!policy::MayGrantRole(actor, a->role)) return Error::Forbidden("staff.not_allowed");
  if (a->id == actor.account_id) return Error::Forbidden("staff.not_self");
  return a;
}

Status StaffService::Disable(const Actor& actor, int64_t account_id, const Origin& o) {
  auto a = Target(actor, account_id);
  if (!a.ok()) return a.take_error();
  PEDULI_TRY(Record(actor, "staff_disable", account_id, o));
  PEDULI_TRY(store_->SetDisabled(account_id, clock_->NowUnix()));
  accounts_->ForgetSessions(account_id);  // this server's cache; others' within seconds
  return Status::Ok();
}

Status StaffService::Enable(const Actor& actor, int64_t account_id, const Origin& o) {
  auto a = Target(actor, account_id);
  if (!a.ok()) return a.take_error();
  PEDULI_TRY(Record(actor, "staff_enable", account_id, o));
  return store_->SetDisabled(account_id, 0);
}

Status StaffService::ResetSecondFactor(const Actor& actor, int64_t account_id, const Origin& o) {
  auto a = Target(actor, account_id);
  if (!a.ok()) return a.take_error();
  PEDULI_TRY(Record(actor, "staff_reset_second_factor", account_id, o));
  return second_factor_->Reset(account_id);
}

}  // namespace peduli::accounts
