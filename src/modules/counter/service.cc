#include "modules/counter/service.h"

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "modules/registry/codec.h"
#include "modules/registry/prepare.h"

namespace peduli::counter {
namespace {

constexpr const char* kPurpose = "layanan";  // the console's purpose codes (console/service.h)
constexpr int kResolvedShown = 50;
constexpr int kOpenShown = 500;

bool IsDecision(const std::string& d) { return d == "keep" || d == "transfer" || d == "reject"; }

}  // namespace

std::string MissionOf(const registry::CitizenRecord& rec) {
  return rec.stays.empty() ? "" : rec.stays.front().mission_code;
}

std::vector<std::string> Differences(const registry::LaporDiri& a, const registry::LaporDiri& b) {
  auto fa = registry::Flatten(a), fb = registry::Flatten(b);
  std::vector<std::string> out;
  auto family = [](const std::string& k) { return k.rfind("family", 0) == 0; };
  std::map<std::string, bool> keys;
  for (const auto& [k, v] : fa) keys[k] = true;
  for (const auto& [k, v] : fb) keys[k] = true;
  bool family_differs = false;
  for (const auto& [k, unused] : keys) {
    auto va = fa.count(k) ? fa[k] : "", vb = fb.count(k) ? fb[k] : "";
    if (va == vb) continue;
    if (family(k)) family_differs = true;
    else out.push_back(k);
  }
  if (family_differs) out.push_back("family");
  return out;
}

Result<ClaimLists> CounterService::ListClaims(const Context& ctx) {
  const std::string scope = policy::ScopeOf(ctx.actor);
  if (!policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, scope)) return Error::Forbidden();
  ClaimLists out;
  auto open = store_->ListClaims(scope, true, kOpenShown);
  if (!open.ok()) return open.take_error();
  auto resolved = store_->ListClaims(scope, false, kResolvedShown);
  if (!resolved.ok()) return resolved.take_error();
  out.open = std::move(*open);
  out.resolved = std::move(*resolved);
  std::vector<int64_t> ids;
  for (const auto* list : {&out.open, &out.resolved}) {
    for (const auto& c : *list) ids.push_back(c.existing_citizen_id);
  }
  PEDULI_TRY(audit_->Record(ctx.actor, "read_duplicate_claims", 0, kPurpose, ctx.ip,
                            ctx.request_id, {{"scope", scope}}, ids));
  return out;
}

Result<store::ClaimRow> CounterService::Authorised(const Context& ctx, int64_t id,
                                                   policy::Action action) {
  auto claim = store_->FindClaim(id);
  if (!claim.ok()) return claim.take_error();
  // Who may not read the record learns nothing, not even that the claim exists; who may
  // read but not act (HQ) is refused.
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, claim->mission_code)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, action, claim->mission_code)) return Error::Forbidden();
  return claim;
}

Result<ClaimView> CounterService::GetClaim(const Context& ctx, int64_t id) {
  auto claim = Authorised(ctx, id, policy::Action::kReadCitizen);
  if (!claim.ok()) return claim.take_error();
  ClaimView v;
  v.claim = std::move(*claim);
  auto rec = records_->FindById(v.claim.existing_citizen_id);
  if (!rec.ok()) return rec.take_error();
  v.existing = std::move(*rec);
  auto payload = nlohmann::json::parse(v.claim.payload, nullptr, false);
  if (payload.is_object()) v.claimed = registry::FromJson(payload);
  auto decisions = store_->Decisions(id);
  if (!decisions.ok()) return decisions.take_error();
  v.decisions = std::move(*decisions);
  v.can_act = policy::Allowed(ctx.actor, policy::Action::kResolveDuplicate, v.claim.mission_code);
  for (const auto& d : v.decisions) {
    if (d.decision != "undo" && !d.undone) v.can_undo = v.can_act;
  }
  // The existing record and the claimant's submission are both shown: recorded first.
  PEDULI_TRY(audit_->Record(ctx.actor, "read_duplicate_claim", v.claim.existing_citizen_id,
                            kPurpose, ctx.ip, ctx.request_id,
                            {{"claim_id", id}, {"claimant_account_id", v.claim.claimant_account_id}}));
  return v;
}

Result<store::DecisionRow> CounterService::Decide(const Context& ctx, int64_t id,
                                                  const std::string& decision,
                                                  const std::string& note, bool identity_checked) {
  auto claim = Authorised(ctx, id, policy::Action::kResolveDuplicate);
  if (!claim.ok()) return claim.take_error();
  std::vector<FieldError> errors;
  if (!IsDecision(decision)) errors.push_back({"decision", "err.choice"});
  if ((decision == "transfer" || decision == "reject") && note.find_first_not_of(" \t\r\n") == std::string::npos) {
    errors.push_back({"note", "err.counter.note_required"});
  }
  if (note.size() > 2000) errors.push_back({"note", "err.counter.note_too_long"});
  if (decision == "transfer" && !identity_checked) {
    errors.push_back({"identity_checked", "err.counter.identity_check_required"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  store::DecisionRow d;
  d.attempt_id = id;
  d.decision = decision;
  d.note = note;
  d.identity_checked = identity_checked;
  d.actor_account_id = ctx.actor.account_id;
  d.actor_mission = ctx.actor.mission_code;
  d.created_at = clock_->NowUnix();
  // The audit entry commits with the decision, or neither does.
  auto entry = audit_->MakeEntry(ctx.actor, "decide_duplicate_claim", claim->existing_citizen_id,
                                 kPurpose, ctx.ip, ctx.request_id,
                                 {{"claim_id", id}, {"decision", decision},
                                  {"claimant_account_id", claim->claimant_account_id},
                                  {"previous_account_id", claim->existing_account_id}});
  return store_->Decide(std::move(d), entry);
}

Result<store::DecisionRow> CounterService::Undo(const Context& ctx, int64_t id) {
  auto claim = Authorised(ctx, id, policy::Action::kResolveDuplicate);
  if (!claim.ok()) return claim.take_error();
  auto entry = audit_->MakeEntry(ctx.actor, "undo_duplicate_decision", claim->existing_citizen_id,
                                 kPurpose, ctx.ip, ctx.request_id,
                                 {{"claim_id", id}, {"resolution", claim->resolution}});
  return store_->Undo(id, ctx.actor.account_id, ctx.actor.mission_code, clock_->NowUnix(), entry);
}

Status CounterService::CheckJurisdiction(const Context& ctx, const store::CitizenWrite& w) const {
  if (policy::Allowed(ctx.actor, policy::Action::kRegisterWalkIn, w.mission_code)) {
    return Status::Ok();
  }
  // The place is valid but another mission serves it: said where the place was chosen.
  const bool by_subdivision =
      !w.data.stay.subdivision.empty() && registry_->reference().HasSubdivisions(w.data.stay.country);
  return Error::Invalid(by_subdivision ? "stay.subdivision" : "stay.country",
                        "err.counter.other_mission");
}

Result<WalkInPreview> CounterService::PreviewWalkIn(const Context& ctx,
                                                    const registry::LaporDiri& in) {
  if (!policy::Allowed(ctx.actor, policy::Action::kRegisterWalkIn, ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  const auto& ref = registry_->reference();
  registry::ReferenceContext rc(ref, Date::FromUnix(clock_->NowUnix()));
  auto w = registry::PrepareWrite(in, rc, ref, clock_->NowUnix());
  if (!w.ok()) return w.take_error();
  PEDULI_TRY(CheckJurisdiction(ctx, *w));
  WalkInPreview p;
  p.mission_code = w->mission_code;
  auto existing = records_->FindByNik(w->data.identity.nik);
  if (!existing.ok() && existing.error().code != Code::kNotFound) return existing.take_error();
  if (existing.ok()) {
    p.existing_id = existing->id;
    p.existing_has_account = existing->account_id != 0;
    p.existing_here = policy::Allowed(ctx.actor, policy::Action::kReadCitizen, MissionOf(*existing));
    PEDULI_TRY(audit_->Record(ctx.actor, "walk_in_lookup", existing->id, kPurpose, ctx.ip,
                              ctx.request_id, {{"shown", p.existing_here}}));
    if (p.existing_here) p.existing = std::move(*existing);
  }
  return p;
}

Result<registry::SubmitResult> CounterService::WalkIn(const Context& ctx,
                                                      const registry::LaporDiri& in,
                                                      int64_t confirmed_existing) {
  if (!policy::Allowed(ctx.actor, policy::Action::kRegisterWalkIn, ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  std::string previous_mission;
  auto res = registry_->EnterAtCounter(
      in, ctx.actor.account_id,
      [&](const store::CitizenWrite& w, const registry::CitizenRecord* existing) -> Status {
        PEDULI_TRY(CheckJurisdiction(ctx, w));
        if (existing) {
          if (existing->id != confirmed_existing) return Error::Conflict("counter.existing_record");
          previous_mission = MissionOf(*existing);
        }
        return Status::Ok();
      });
  if (!res.ok()) return res.take_error();
  PEDULI_TRY(audit_->Record(ctx.actor, "walk_in_registration", res->record.id, kPurpose, ctx.ip,
                            ctx.request_id,
                            {{"created", res->created}, {"moved", res->moved},
                             {"mission_code", MissionOf(res->record)},
                             {"previous_mission", previous_mission}}));
  return res;
}

Result<registry::CitizenRecord> CounterService::ReadRecord(const Context& ctx, int64_t citizen_id,
                                                           const std::string& action) {
  auto rec = records_->FindById(citizen_id);
  if (!rec.ok()) return rec.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, MissionOf(*rec))) {
    return Error::NotFound();
  }
  PEDULI_TRY(audit_->Record(ctx.actor, action, rec->id, kPurpose, ctx.ip, ctx.request_id));
  return rec;
}

}  // namespace peduli::counter
