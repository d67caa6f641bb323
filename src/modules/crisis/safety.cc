#include "modules/crisis/safety.h"

#include <sodium.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/crypto.h"
#include "core/log.h"
#include "store/stats_store.h"

namespace peduli::crisis {

namespace {

constexpr const char* kPurpose = "krisis";

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool ParseDegrees(const std::string& s, double lo, double hi, double* out) {
  if (s.empty() || s.size() > 20) return false;
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end != s.c_str() + s.size() || !std::isfinite(v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

// Live counts follow safety writes: the statistics dashboards' in-process signal is the one
// mechanism (store/stats_store.h); the crisis stream waits on it too.
void Changed() { store::NotifyStatsChanged(); }

}  // namespace

std::vector<FieldError> CheckAnswer(AnswerInput& in) {
  std::vector<FieldError> errors;
  if (in.answer != "safe" && in.answer != "needs_help") errors.push_back({"answer", "err.choice"});
  in.message = Trim(in.message);
  // Characters, not bytes: count UTF-8 lead bytes.
  size_t chars = 0;
  for (unsigned char c : in.message) chars += (c & 0xC0) != 0x80;
  if (chars > SafetyService::kMaxMessage) errors.push_back({"message", "err.safety.too_long"});
  in.position = Trim(in.position);
  if (!in.position.empty()) {
    auto comma = in.position.find(',');
    double lat = 0, lon = 0;
    if (comma == std::string::npos ||
        !ParseDegrees(Trim(in.position.substr(0, comma)), -90, 90, &lat) ||
        !ParseDegrees(Trim(in.position.substr(comma + 1)), -180, 180, &lon)) {
      errors.push_back({"position", "err.safety.position"});
    } else {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.5f,%.5f", lat, lon);
      in.position = buf;
    }
  }
  return errors;
}

Result<std::string> SafetyService::LoadKey(store::SafetyStore& store, const Clock& clock) {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  std::string hex(sizeof raw * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw, sizeof raw);
  hex.pop_back();
  return store.LoadOrCreateSecret("safety_token_key", hex, clock.NowUnix());
}

std::string SafetyService::LinkFor(int64_t crisis_id, int64_t citizen_id) const {
  return SafetyLink(base_url_, tokens_.Issue(crisis_id, citizen_id, clock_->NowUnix() + kTokenLifetime));
}

Result<store::SafetyCrisis> SafetyService::ActiveCrisis(int64_t crisis_id) {
  auto k = store_->Crisis(crisis_id);
  if (!k.ok()) return k.take_error();
  if (k->state != "active") return Error::Conflict("safety.crisis_closed");
  return k;
}

Result<SafetyView> SafetyService::Open(const std::string& token) {
  auto claims = tokens_.Check(token, clock_->NowUnix());
  if (!claims.ok()) return claims.take_error();
  auto k = store_->Crisis(claims->crisis_id);
  if (!k.ok()) {
    if (k.error().code == Code::kNotFound) return Error::NotFound(kTokenInvalid);
    return k.take_error();
  }
  if (k->state != "active") return Error::Conflict("safety.crisis_closed");
  auto p = store_->Person(claims->crisis_id, claims->citizen_id);
  if (!p.ok()) {
    if (p.error().code == Code::kNotFound) return Error::NotFound(kTokenInvalid);
    return p.take_error();
  }
  return SafetyView{std::move(*k), std::move(*p)};
}

Result<AnswerOutcome> SafetyService::Record(const store::SafetyCrisis& k, store::SafetyAnswer a,
                                            const store::AuditEntry* audit) {
  a.at = clock_->NowUnix();
  auto p = store_->RecordAnswer(a, audit);
  if (!p.ok()) return p.take_error();
  Changed();
  AnswerOutcome out{k, std::move(*p), 0};
  out.case_id = out.person.case_id > 0 ? out.person.case_id : 0;
  if (a.answer == "needs_help") {
    auto id = EnsureCase(k, out.person, a.message, a.position);
    if (!id.ok()) return id.take_error();
    out.case_id = *id;
    out.person.case_id = *id;
  }
  return out;
}

Result<int64_t> SafetyService::EnsureCase(const store::SafetyCrisis& k, const store::SafetyPerson& p,
                                          const std::string& message, const std::string& position) {
  const int64_t now = clock_->NowUnix();
  auto claimed = store_->ClaimCase(p.crisis_id, p.citizen_id, now, now - kStaleClaim);
  if (!claimed.ok()) return claimed.take_error();
  if (!*claimed) {
    // Another answer opened it, or is opening it right now (case_id -1).
    auto current = store_->Person(p.crisis_id, p.citizen_id);
    if (!current.ok()) return current.take_error();
    return current->case_id > 0 ? current->case_id : 0;
  }
  // The claim may be a takeover of a stale one whose owner opened the case and died before
  // SetCase: adopt that case (one indexed read; "need help" is rare next to "safe").
  auto existing = store_->OpenedCase(p.crisis_id, p.citizen_id);
  if (!existing.ok()) {
    (void)store_->ReleaseCase(p.crisis_id, p.citizen_id);
    return existing.take_error();
  }
  if (*existing > 0) {
    PEDULI_TRY(store_->SetCase(p.crisis_id, p.citizen_id, *existing));
    return *existing;
  }
  protection::Context ctx{{0, "system", ""}, "", ""};
  protection::OpenRequest r;
  r.source = "crisis";
  r.category = "disaster";
  r.priority = "urgent";
  r.mission_code = p.mission_code;
  r.citizen_id = p.citizen_id;
  r.external_ref = "crisis:" + std::to_string(k.id);
  r.summary = message.empty() ? "Butuh bantuan (krisis #" + std::to_string(k.id) + ": " + k.title_id + ")"
                              : message;
  r.position = position;
  auto opened = protection_->OpenCase(ctx, r);
  if (!opened.ok()) {
    (void)store_->ReleaseCase(p.crisis_id, p.citizen_id);
    log::Error("crisis.case_open_failed",
               {{"crisis_id", k.id}, {"error", opened.error().message}});
    return opened.take_error();
  }
  PEDULI_TRY(store_->SetCase(p.crisis_id, p.citizen_id, opened->c.id));
  return opened->c.id;
}

Result<int> SafetyService::ReclaimStale() {
  const int64_t now = clock_->NowUnix();
  auto stale = store_->StaleClaims(now - kStaleClaim, 100);
  if (!stale.ok()) return stale.take_error();
  int done = 0;
  for (const auto& p : *stale) {
    auto k = store_->Crisis(p.crisis_id);
    if (!k.ok()) return k.take_error();
    // What the person said last when asking for help (an answer; a call has its own note).
    std::string message, position;
    auto answers = store_->Answers(p.crisis_id, p.citizen_id);
    if (!answers.ok()) return answers.take_error();
    for (auto it = answers->rbegin(); it != answers->rend(); ++it) {
      if (it->answer != "needs_help") continue;
      message = it->message;
      position = it->position;
      break;
    }
    auto id = EnsureCase(*k, p, message, position);
    if (!id.ok()) {
      log::Warn("crisis.stale_claim_failed", {{"crisis_id", p.crisis_id}, {"error", id.error().message}});
      continue;
    }
    if (*id > 0) ++done;
  }
  if (done > 0) log::Info("crisis.stale_claims_taken_over", {{"cases", done}});
  return done;
}

Result<AnswerOutcome> SafetyService::AnswerByToken(const std::string& token, AnswerInput in) {
  auto claims = tokens_.Check(token, clock_->NowUnix());
  if (!claims.ok()) return claims.take_error();
  auto errors = CheckAnswer(in);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // The hot path of a crisis (bench/safety.sh): the store checks inside its one transaction
  // that the crisis is active and the citizen in its audience; the crisis row is read only
  // when "need help" opens a case.
  store::SafetyAnswer a{0, claims->crisis_id, claims->citizen_id, in.answer, in.message,
                        in.position, "link", 0, clock_->NowUnix()};
  auto p = store_->RecordAnswer(a, nullptr);
  if (!p.ok()) {
    if (p.error().code == Code::kNotFound) return Error::NotFound(kTokenInvalid);
    return p.take_error();
  }
  Changed();
  AnswerOutcome out;
  out.crisis.id = claims->crisis_id;
  out.person = std::move(*p);
  out.case_id = out.person.case_id > 0 ? out.person.case_id : 0;
  if (a.answer == "needs_help") {
    auto k = store_->Crisis(claims->crisis_id);
    if (!k.ok()) return k.take_error();
    out.crisis = std::move(*k);
    auto id = EnsureCase(out.crisis, out.person, a.message, a.position);
    if (!id.ok()) return id.take_error();
    out.case_id = *id;
    out.person.case_id = *id;
  }
  return out;
}

Result<std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>>> SafetyService::MyCrises(
    int64_t account_id) {
  auto citizen = store_->CitizenOfAccount(account_id);
  if (!citizen.ok()) {
    if (citizen.error().code == Code::kNotFound) {
      return std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>>{};
    }
    return citizen.take_error();
  }
  return store_->ActiveFor(*citizen);
}

Result<AnswerOutcome> SafetyService::AnswerAsCitizen(int64_t account_id, int64_t crisis_id,
                                                     AnswerInput in) {
  auto citizen = store_->CitizenOfAccount(account_id);
  if (!citizen.ok()) return citizen.take_error();
  auto k = ActiveCrisis(crisis_id);
  if (!k.ok()) return k.take_error();
  auto errors = CheckAnswer(in);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return Record(*k, {0, crisis_id, *citizen, in.answer, in.message, in.position, "portal",
                     account_id, 0},
                nullptr);
}

Result<std::pair<store::SafetyCrisis, std::string>> SafetyService::StaffCrisis(
    const SafetyContext& ctx, int64_t crisis_id) {
  auto k = store_->Crisis(crisis_id);
  if (!k.ok()) return k.take_error();
  const std::string scope = policy::ScopeOf(ctx.actor);
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, scope)) return Error::NotFound();
  // Mission staff see their own mission's crises and HQ-wide ones (their people in them).
  if (!scope.empty() && !k->mission_code.empty() && k->mission_code != scope) {
    return Error::NotFound();
  }
  return std::make_pair(std::move(*k), scope);
}

Result<AnswerOutcome> SafetyService::AnswerByOfficer(const SafetyContext& ctx, int64_t crisis_id,
                                                     int64_t citizen_id, AnswerInput in) {
  auto sk = StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  // Who reads but never records (HQ) is refused before the person is looked up.
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety,
                       ctx.actor.mission_code.empty() ? sk->first.mission_code : ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  auto p = store_->Person(crisis_id, citizen_id);
  if (!p.ok()) return p.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, p->mission_code)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety, p->mission_code)) {
    return Error::Forbidden();
  }
  if (sk->first.state != "active") return Error::Conflict("safety.crisis_closed");
  auto errors = CheckAnswer(in);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  auto entry = audit_->MakeEntry(ctx.actor, "crisis_record_safety", citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, {{"crisis_id", crisis_id}, {"answer", in.answer}});
  return Record(sk->first, {0, crisis_id, citizen_id, in.answer, in.message, in.position,
                            "officer", ctx.actor.account_id, 0},
                &entry);
}

Result<std::string> SafetyService::CreateFamilyLink(int64_t account_id, const std::string& label) {
  auto citizen = store_->CitizenOfAccount(account_id);
  if (!citizen.ok()) return citizen.take_error();
  std::string l = Trim(label);
  if (l.size() > 100) return Error::Invalid("label", "err.safety.too_long");
  std::string token = crypto::RandomToken(20);
  auto id = store_->CreateFamilyLink(*citizen, crypto::HashToken(token), l, clock_->NowUnix());
  if (!id.ok()) return id.take_error();
  return token;
}

Status SafetyService::RevokeFamilyLink(int64_t account_id, int64_t link_id) {
  auto citizen = store_->CitizenOfAccount(account_id);
  if (!citizen.ok()) return citizen.take_error();
  return store_->RevokeFamilyLink(*citizen, link_id, clock_->NowUnix());
}

Result<std::vector<store::FamilyLinkRow>> SafetyService::FamilyLinks(int64_t account_id) {
  auto citizen = store_->CitizenOfAccount(account_id);
  if (!citizen.ok()) {
    if (citizen.error().code == Code::kNotFound) return std::vector<store::FamilyLinkRow>{};
    return citizen.take_error();
  }
  return store_->FamilyLinks(*citizen);
}

Result<std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>>> SafetyService::FamilyView(
    const std::string& family_token) {
  if (family_token.empty() || family_token.size() > 64) return Error::NotFound();
  auto citizen = store_->FamilyLinkCitizen(crypto::HashToken(family_token));
  if (!citizen.ok()) return citizen.take_error();
  return store_->ActiveFor(*citizen);
}

Result<AnswerOutcome> SafetyService::AnswerByFamily(const std::string& family_token,
                                                    int64_t crisis_id, AnswerInput in) {
  if (family_token.empty() || family_token.size() > 64) return Error::NotFound();
  auto citizen = store_->FamilyLinkCitizen(crypto::HashToken(family_token));
  if (!citizen.ok()) return citizen.take_error();
  auto k = ActiveCrisis(crisis_id);
  if (!k.ok()) return k.take_error();
  auto errors = CheckAnswer(in);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return Record(*k, {0, crisis_id, *citizen, in.answer, in.message, in.position, "family", 0, 0},
                nullptr);
}

Result<store::SafetyCrisis> SafetyService::Close(const SafetyContext& ctx, int64_t crisis_id) {
  auto sk = StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kManageCrisis, sk->first.mission_code)) {
    return Error::Forbidden();
  }
  const int64_t now = clock_->NowUnix();
  auto entry = audit_->MakeEntry(ctx.actor, "crisis_close", 0, kPurpose, ctx.ip, ctx.request_id,
                                 {{"crisis_id", crisis_id}});
  PEDULI_TRY(store_->Close(crisis_id, ctx.actor.account_id, now, now + retention_, &entry));
  Changed();
  return store_->Crisis(crisis_id);
}

Result<std::vector<store::PurgeResult>> SafetyService::Purge() {
  auto done = store_->Purge(clock_->NowUnix());
  if (!done.ok()) return done.take_error();
  for (const auto& p : *done) {
    // Counts only: what was deleted is gone, and the log must not hold it either.
    log::Info("crisis.purged", {{"crisis_id", p.crisis_id}, {"answers", p.answers},
                                {"calls", p.calls}, {"positions", p.positions},
                                {"evacuees", p.evacuees}});
    (void)audit_->Record({0, "system", ""}, "crisis_purge", 0, kPurpose, "", "",
                         {{"crisis_id", p.crisis_id}, {"answers", p.answers}, {"calls", p.calls},
                          {"positions", p.positions}, {"evacuees", p.evacuees}});
  }
  return done;
}

}  // namespace peduli::crisis
