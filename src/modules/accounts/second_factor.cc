#include "modules/accounts/second_factor.h"

#include <algorithm>

#include "core/crypto.h"
#include "core/log.h"
#include "modules/accounts/totp.h"

namespace peduli::accounts {
namespace {

// The input without spaces and hyphens, lower case: "1234 56" -> "123456",
// "ABCD-efgh-23" -> "abcdefgh23".
std::string Normalize(const std::string& in) {
  std::string out;
  for (unsigned char c : in) {
    if (c == ' ' || c == '-' || c == '\t') continue;
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

bool AllDigits(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

constexpr size_t kRecoveryLength = 10;

}  // namespace

SecondFactorService::SecondFactorService(store::SecondFactorStore* store, const Clock* clock,
                                         SecondFactorOptions options)
    : store_(store), clock_(clock), options_(std::move(options)) {}

std::string SecondFactorService::RecoveryHash(int64_t account_id,
                                              const std::string& normalized) const {
  return crypto::HashToken(std::to_string(account_id) + ":" + normalized);
}

Result<Enrolment> SecondFactorService::StartEnrolment(int64_t account_id,
                                                      const std::string& email) {
  Enrolment e;
  e.secret = totp::NewSecret();
  e.uri = totp::ProvisioningUri(e.secret, email, options_.issuer);
  PEDULI_TRY(store_->Begin(account_id, e.secret));
  return e;
}

Result<Enrolment> SecondFactorService::CurrentEnrolment(int64_t account_id,
                                                        const std::string& email) {
  auto row = store_->Get(account_id);
  if (row.ok()) {
    if (row->enrolled_at) return Error::Conflict("auth.already_enrolled");
    return Enrolment{row->secret, totp::ProvisioningUri(row->secret, email, options_.issuer)};
  }
  if (row.error().code != Code::kNotFound) return row.take_error();
  return StartEnrolment(account_id, email);
}

Status SecondFactorService::EnrolKnownSecret(int64_t account_id, const std::string& secret) {
  PEDULI_TRY(store_->Begin(account_id, secret));
  return store_->Confirm(account_id, clock_->NowUnix(), 0, {});
}

Result<std::vector<std::string>> SecondFactorService::ConfirmEnrolment(int64_t account_id,
                                                                       const std::string& code) {
  auto row = store_->Get(account_id);
  if (!row.ok()) return row.take_error();
  if (row->enrolled_at) return Error::Conflict("auth.already_enrolled");
  const int64_t now = clock_->NowUnix();
  int64_t step = 0;
  if (!totp::Check(row->secret, Normalize(code), now, &step)) {
    return Error::Invalid("code", "auth.bad_code");
  }
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  for (int i = 0; i < options_.recovery_codes; ++i) {
    // 10 characters of 5 random bits each: 50 bits per code.
    std::string raw = crypto::RandomToken(7).substr(0, kRecoveryLength);
    hashes.push_back(RecoveryHash(account_id, raw));
    codes.push_back(raw.substr(0, 4) + "-" + raw.substr(4, 4) + "-" + raw.substr(8, 2));
  }
  PEDULI_TRY(store_->Confirm(account_id, now, step, hashes));
  return codes;
}

Result<bool> SecondFactorService::Enrolled(int64_t account_id) {
  auto row = store_->Get(account_id);
  if (!row.ok()) {
    if (row.error().code == Code::kNotFound) return false;
    return row.take_error();
  }
  return row->enrolled_at != 0;
}

Status SecondFactorService::Verify(int64_t account_id, const std::string& input) {
  auto row = store_->Get(account_id);
  if (!row.ok()) {
    if (row.error().code == Code::kNotFound) return Error::Forbidden("auth.not_enrolled");
    return row.take_error();
  }
  if (!row->enrolled_at) return Error::Forbidden("auth.not_enrolled");
  const int64_t now = clock_->NowUnix();
  if (row->locked_until > now) return Error::TooMany("auth.too_many");

  const std::string code = Normalize(input);
  if (code.size() == static_cast<size_t>(totp::kDigits) && AllDigits(code)) {
    int64_t step = 0;
    if (totp::Check(row->secret, code, now, &step)) {
      auto fresh = store_->RecordStep(account_id, step);
      if (!fresh.ok()) return fresh.take_error();
      if (*fresh) return Status::Ok();
      log::Info("second_factor_replay", {{"account_id", account_id}});
    }
  } else if (code.size() == kRecoveryLength) {
    auto used = store_->UseRecoveryCode(account_id, RecoveryHash(account_id, code), now);
    if (!used.ok()) return used.take_error();
    if (*used) {
      log::Info("recovery_code_used", {{"account_id", account_id}});
      return Status::Ok();
    }
  }
  return Fail(account_id, now);
}

Status SecondFactorService::Fail(int64_t account_id, int64_t now) {
  auto failures = store_->AddFailure(account_id);
  if (!failures.ok()) return failures.take_error();
  if (*failures >= options_.free_failures) {
    int64_t over = std::min<int64_t>(*failures - options_.free_failures, 20);
    int64_t wait = std::min<int64_t>(options_.max_lock_seconds, int64_t{30} << over);
    PEDULI_TRY(store_->SetLockedUntil(account_id, now + wait));
  }
  log::Info("second_factor_failed", {{"account_id", account_id}, {"failures", *failures}});
  return Error::Unauthorized("auth.bad_code");
}

Result<int64_t> SecondFactorService::RecoveryCodesLeft(int64_t account_id) {
  return store_->RecoveryCodesLeft(account_id);
}

Status SecondFactorService::Reset(int64_t account_id) {
  PEDULI_TRY(store_->Reset(account_id));
  log::Info("second_factor_reset", {{"account_id", account_id}});
  return Status::Ok();
}

}  // namespace peduli::accounts
