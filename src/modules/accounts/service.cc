#include "modules/accounts/service.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/log.h"
#include "modules/policy/policy.h"

namespace peduli::accounts {

AccountsService::AccountsService(store::AccountsStore* store, mail::Mailer* mailer,
                                 const Clock* clock, Options options)
    : store_(store), mailer_(mailer), clock_(clock), options_(std::move(options)) {}

std::string AccountsService::NormalizeEmail(const std::string& email) {
  std::string e = email;
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  e.erase(e.begin(), std::find_if(e.begin(), e.end(), not_space));
  e.erase(std::find_if(e.rbegin(), e.rend(), not_space).base(), e.end());
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
  return e;
}

namespace {
bool PlausibleEmail(const std::string& e) {
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || at != e.rfind('@') || e.size() > 254) return false;
  auto dot = e.find('.', at);
  if (dot == std::string::npos || dot == at + 1 || dot == e.size() - 1) return false;
  return std::none_of(e.begin(), e.end(), [](unsigned char c) { return c <= ' ' || c == 0x7f; });
}

size_t CodePoints(const std::string& s) {
  return std::count_if(s.begin(), s.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; });
}
}  // namespace

std::vector<FieldError> AccountsService::CheckEmail(const std::string& e, const char* field) {
  if (e.empty()) return {{field, "err.required"}};
  if (!PlausibleEmail(e)) return {{field, "err.email.invalid"}};
  return {};
}

std::vector<FieldError> AccountsService::CheckPasswordRules(const std::string& password,
                                                            const char* field) {
  std::vector<FieldError> errors;
  if (CodePoints(password) < 10) errors.push_back({field, "err.password.short"});
  if (password.size() > 256) errors.push_back({field, "err.password.long"});
  return errors;
}

Result<int64_t> AccountsService::Register(const SignUp& in, const VerifyMailText& text) {
  SignUp s = in;
  s.email = NormalizeEmail(s.email);
  std::vector<FieldError> errors = CheckEmail(s.email, "email");
  for (auto& e : CheckPasswordRules(s.password, "password")) errors.push_back(std::move(e));
  std::string name = s.name;
  name.erase(0, name.find_first_not_of(" \t"));
  if (name.empty()) errors.push_back({"name", "err.required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  std::string token = crypto::RandomToken(20);
  store::AccountRow a;
  a.email = s.email;
  a.name = name;
  a.password_hash = crypto::HashPassword(s.password, options_.fast_hashing);
  a.role = "citizen";
  a.locale = s.locale == "en" ? "en" : "id";
  a.created_at = clock_->NowUnix();
  auto id = store_->Create(a, crypto::HashToken(token), a.created_at + options_.verify_token_seconds);
  if (!id.ok()) {
    if (id.error().code == Code::kConflict) return Error::Invalid("email", "err.email.taken");
    return id;
  }
  (void)SendVerifyMail(a.email, token, text);  // failure is logged; the user can resend
  return id;
}

Status AccountsService::ResendVerification(const std::string& email, const VerifyMailText& text) {
  auto a = store_->FindByEmail(NormalizeEmail(email));
  if (!a.ok() || a->email_verified_at) return Status::Ok();
  std::string token = crypto::RandomToken(20);
  PEDULI_TRY(store_->NewVerifyToken(a->id, crypto::HashToken(token),
                                    clock_->NowUnix() + options_.verify_token_seconds));
  return SendVerifyMail(a->email, token, text);
}

Status AccountsService::SendVerifyMail(const std::string& to, const std::string& token,
                                       const VerifyMailText& t) {
  std::string link = options_.base_url + "/verify-email?token=" + token;
  auto s = mailer_->Send({to, t.subject, t.body_before_link + "\n\n" + link + "\n\n" + t.body_after_link});
  if (!s.ok()) log::Warn("mail_failed", {{"reason", s.error().message}});
  return s;
}

Status AccountsService::VerifyEmail(const std::string& token) {
  if (token.empty()) return Error::Invalid("token", "err.token.invalid");
  auto r = store_->ConsumeVerifyToken(crypto::HashToken(token), clock_->NowUnix());
  if (!r.ok()) {
    if (r.error().code == Code::kNotFound) return Error::Invalid("token", "err.token.invalid");
    return r.take_error();
  }
  return Status::Ok();
}

Result<store::AccountRow> AccountsService::CheckPassword(const std::string& email,
                                                        const std::string& password) {
  const int64_t now = clock_->NowUnix();
  auto a = store_->FindByEmail(NormalizeEmail(email));
  if (a.ok() && a->password_hash.empty()) a = Error::NotFound();  // password never set
  if (!a.ok()) {
    if (a.error().code != Code::kNotFound) return a.take_error();
    // Same cost as a real check, so timing does not reveal which emails exist.
    static const std::string kDummy = crypto::HashPassword("peduli-dummy-password", false);
    (void)crypto::VerifyPassword(kDummy, password);
    return Error::Unauthorized("auth.bad_credentials");
  }
  if (a->locked_until > now) return Error::TooMany("auth.too_many");
  if (!crypto::VerifyPassword(a->password_hash, password)) {
    int64_t failed = a->failed_logins + 1;
    int64_t lock = 0;
    if (failed >= options_.free_failures) {
      int64_t over = std::min<int64_t>(failed - options_.free_failures, 20);
      lock = now + std::min<int64_t>(options_.max_lock_seconds, int64_t{15} << over);
    }
    PEDULI_TRY(store_->SetLoginFailures(a->id, failed, lock));
    log::Info("sign_in_failed", {{"account_id", a->id}, {"failures", failed}});
    return Error::Unauthorized("auth.bad_credentials");
  }
  if (!a->email_verified_at) return Error::Forbidden("auth.unverified");
  if (a->disabled_at) return Error::Forbidden("auth.disabled");
  if (a->failed_logins) PEDULI_TRY(store_->SetLoginFailures(a->id, 0, 0));
  return a;
}

Result<Session> AccountsService::SignIn(const std::string& email, const std::string& password) {
  auto a = CheckPassword(email, password);
  if (!a.ok()) return a.take_error();
  if (policy::IsStaff(a->role)) return Error::Forbidden("auth.second_factor_required");
  return StartSession(a->id);
}

Result<Session> AccountsService::StartSession(int64_t account_id) {
  const int64_t now = clock_->NowUnix();
  Session s{crypto::RandomToken(24), crypto::RandomToken(20), account_id,
            now + options_.session_seconds};
  PEDULI_TRY(store_->CreateSession({crypto::HashToken(s.token), account_id, s.csrf, now,
                                    s.expires_at}));
  return s;
}

Status AccountsService::SetPasswordWithToken(const std::string& token,
                                             const std::string& password) {
  auto errors = CheckPasswordRules(password, "password");
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (token.empty() || token.size() > 128) return Error::Invalid("token", "err.token.invalid");
  auto id = store_->SetPasswordWithToken(crypto::HashToken(token),
                                         crypto::HashPassword(password, options_.fast_hashing),
                                         clock_->NowUnix());
  if (!id.ok()) {
    if (id.error().code == Code::kNotFound) return Error::Invalid("token", "err.token.invalid");
    return id.take_error();
  }
  return Status::Ok();
}

bool AccountsService::SetPasswordTokenValid(const std::string& token) {
  if (token.empty() || token.size() > 128) return false;
  return store_->FindEmailToken(crypto::HashToken(token), "set_password", clock_->NowUnix()).ok();
}

void AccountsService::SignOut(const std::string& token) {
  const std::string hash = crypto::HashToken(token);
  {
    std::lock_guard lock(cache_mu_);
    cache_.erase(hash);
  }
  (void)store_->DeleteSession(hash);
}

void AccountsService::ForgetSessions(int64_t account_id) {
  std::lock_guard lock(cache_mu_);
  std::erase_if(cache_, [&](const auto& kv) { return kv.second.account.id == account_id; });
}

std::optional<std::pair<store::SessionRow, store::AccountRow>> AccountsService::Resolve(
    const std::string& token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string hash = crypto::HashToken(token);
  const int64_t now = clock_->NowUnix();
  if (options_.session_cache_seconds > 0) {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(hash);
    if (it != cache_.end()) {
      if (it->second.until > now && it->second.session.expires_at > now) {
        return std::make_pair(it->second.session, it->second.account);
      }
      cache_.erase(it);
    }
  }
  auto found = store_->FindSession(hash, now);
  if (found && options_.session_cache_seconds > 0) {
    std::lock_guard lock(cache_mu_);
    if (cache_.size() > 100000) cache_.clear();  // bounded; refills from the database
    cache_[hash] = {found->first, found->second, now + options_.session_cache_seconds};
  }
  return found;
}

Result<int64_t> AccountsService::CreateVerified(const SignUp& s, const std::string& role,
                                                const std::string& mission_code) {
  store::AccountRow a;
  a.email = NormalizeEmail(s.email);
  a.name = s.name;
  a.password_hash = crypto::HashPassword(s.password, options_.fast_hashing);
  a.role = role;
  a.mission_code = mission_code;
  a.locale = s.locale;
  a.created_at = clock_->NowUnix();
  a.email_verified_at = a.created_at;
  return store_->Create(a, "", 0);
}

}  // namespace peduli::accounts
