#include "modules/accounts/sign_in_flow.h"

#include "core/crypto.h"
#include "core/log.h"
#include "modules/policy/policy.h"

namespace peduli::accounts {

SignInFlow::SignInFlow(AccountsService* accounts, store::AccountsStore* store,
                       SecondFactorService* second_factor, audit::AuditService* audit,
                       const Clock* clock, SignInFlowOptions options)
    : accounts_(accounts), store_(store), second_factor_(second_factor), audit_(audit),
      clock_(clock), options_(options) {}

void SignInFlow::Audit(const store::AccountRow& a, const std::string& action,
                       const Origin& origin, const nlohmann::json& detail) {
  // A failed attempt is refused whether or not the log takes it; the failure is logged.
  auto s = audit_->Record({a.id, a.role, a.mission_code}, action, 0, "sign_in", origin.ip,
                          origin.request_id, detail);
  if (!s.ok()) log::Warn("audit_failed", {{"action", action}, {"reason", s.error().message}});
}

Result<FirstStep> SignInFlow::Password(const std::string& email, const std::string& password,
                                       const Origin& origin) {
  // Looked up first only to know whether a failure belongs to a staff account (audited).
  auto known = store_->FindByEmail(AccountsService::NormalizeEmail(email));
  const bool staff = known.ok() && policy::IsStaff(known->role);
  auto a = accounts_->CheckPassword(email, password);
  if (!a.ok()) {
    if (staff) {
      const Error& e = a.error();
      if (e.code == Code::kUnauthorized) Audit(*known, "sign_in_wrong_password", origin);
      if (e.code == Code::kTooMany) Audit(*known, "sign_in_locked", origin, {{"step", "password"}});
      if (e.message == "auth.disabled") Audit(*known, "sign_in_disabled", origin);
    }
    return a.take_error();
  }
  FirstStep out;
  if (!policy::IsStaff(a->role)) {
    auto s = accounts_->StartSession(a->id);
    if (!s.ok()) return s.take_error();
    out.session = std::move(s.value());
    return out;
  }
  out.pending_token = crypto::RandomToken(24);
  PEDULI_TRY(store_->CreatePending(crypto::HashToken(out.pending_token), a->id,
                                   clock_->NowUnix() + options_.pending_seconds));
  auto enrolled = second_factor_->Enrolled(a->id);
  if (!enrolled.ok()) return enrolled.take_error();
  out.enrol = !*enrolled;
  return out;
}

Result<SignInFlow::Pending> SignInFlow::Find(const std::string& pending_token) {
  if (pending_token.empty() || pending_token.size() > 128) {
    return Error::Unauthorized("auth.pending_expired");
  }
  const std::string hash = crypto::HashToken(pending_token);
  auto p = store_->FindPending(hash, clock_->NowUnix());
  if (!p.ok()) {
    if (p.error().code == Code::kNotFound) return Error::Unauthorized("auth.pending_expired");
    return p.take_error();
  }
  if (p->attempts >= options_.max_pending_attempts) {
    (void)store_->DeletePending(hash);
    return Error::Unauthorized("auth.pending_expired");
  }
  auto a = store_->FindById(p->account_id);
  if (!a.ok()) return a.take_error();
  if (a->disabled_at) return Error::Unauthorized("auth.pending_expired");
  auto enrolled = second_factor_->Enrolled(a->id);
  if (!enrolled.ok()) return enrolled.take_error();
  return Pending{std::move(a.value()), *enrolled};
}

void SignInFlow::WrongCode(const std::string& pending_token) {
  (void)store_->AddPendingAttempt(crypto::HashToken(pending_token));
}

Result<Session> SignInFlow::Finish(const std::string& pending_token, const store::AccountRow& a,
                                   const Origin& origin, const std::string& method) {
  // The successful sign-in is in the log before the session exists.
  PEDULI_TRY(audit_->Record({a.id, a.role, a.mission_code}, "sign_in", 0, "sign_in", origin.ip,
                            origin.request_id, {{"second_factor", method}}));
  PEDULI_TRY(store_->DeletePending(crypto::HashToken(pending_token)));
  return accounts_->StartSession(a.id);
}

Result<Session> SignInFlow::Code(const std::string& pending_token, const std::string& code,
                                 const Origin& origin) {
  auto p = Find(pending_token);
  if (!p.ok()) return p.take_error();
  if (!p->enrolled) return Error::Forbidden("auth.not_enrolled");
  auto st = second_factor_->Verify(p->account.id, code);
  if (!st.ok()) {
    if (st.error().code == Code::kUnauthorized) {
      WrongCode(pending_token);
      Audit(p->account, "sign_in_wrong_code", origin);
    } else if (st.error().code == Code::kTooMany) {
      Audit(p->account, "sign_in_locked", origin, {{"step", "second_factor"}});
    }
    return st.take_error();
  }
  return Finish(pending_token, p->account, origin, "code");
}

Result<Enrolment> SignInFlow::EnrolmentOf(const std::string& pending_token) {
  auto p = Find(pending_token);
  if (!p.ok()) return p.take_error();
  return second_factor_->CurrentEnrolment(p->account.id, p->account.email);
}

Result<Enrolled> SignInFlow::ConfirmEnrolment(const std::string& pending_token,
                                              const std::string& code, const Origin& origin) {
  auto p = Find(pending_token);
  if (!p.ok()) return p.take_error();
  auto codes = second_factor_->ConfirmEnrolment(p->account.id, code);
  if (!codes.ok()) {
    if (codes.error().code == Code::kInvalid) {
      WrongCode(pending_token);
      Audit(p->account, "sign_in_wrong_code", origin, {{"step", "enrolment"}});
    }
    return codes.take_error();
  }
  auto s = Finish(pending_token, p->account, origin, "enrolment");
  if (!s.ok()) return s.take_error();
  return Enrolled{std::move(s.value()), std::move(codes.value())};
}

}  // namespace peduli::accounts
