// The BP2MI risk list (issue 6, item 7): a migrant worker whose BP2MI verdict names risks
// (verification::FromBp2mi's detail.risks: no_placement_record, employer_differs,
// country_differs, contract_expired) is listed for the mission of their current stay until
// an officer reviews that verdict or opens a case from it.
#include <nlohmann/json.hpp>

#include "modules/protection/internal.h"
#include "modules/protection/service.h"

namespace peduli::protection {
namespace {

using internal::kPurpose;
using internal::Trim;

}  // namespace

Result<std::vector<store::RiskRow>> ProtectionService::RiskList(const Context& ctx,
                                                               const std::string& mission) {
  const std::string scope = mission.empty() ? policy::ScopeOf(ctx.actor) : mission;
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCases, scope)) return Error::Forbidden();
  auto rows = store_->RiskList(scope, 200);
  if (!rows.ok()) return rows.take_error();
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.citizen_id);
  // Names of workers: recorded before the list is shown.
  PEDULI_TRY(audit_->Record(ctx.actor, "read_risk_list", 0, kPurpose, ctx.ip, ctx.request_id,
                            {{"scope", scope}}, ids));
  return rows;
}

Status ProtectionService::ReviewRisk(const Context& ctx, int64_t citizen_id,
                                     const std::string& note) {
  // Refused before anything is looked up for those who never act on cases (policy, not data).
  if (!policy::Allowed(ctx.actor, policy::Action::kActOnCase, ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  auto r = store_->FindRisk(citizen_id);
  if (!r.ok()) return r.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kActOnCase, r->mission_code)) {
    return Error::NotFound();  // another mission's worker: not on this list
  }
  const std::string why = Trim(note);
  if (why.empty()) return Error::Invalid("note", "err.required");
  if (why.size() > 2000) return Error::Invalid("note", "err.protection.too_long");
  auto entry = audit_->MakeEntry(ctx.actor, "review_risk", citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, {{"verdict_at", r->verdict_at}});
  return store_->ReviewRisk(citizen_id, r->verdict_at, "reviewed", why, 0, ctx.actor.account_id,
                            r->mission_code, clock_->NowUnix(), entry);
}

Result<Opened> ProtectionService::OpenFromRisk(const Context& ctx, int64_t citizen_id) {
  // Refused before anything is looked up for those who never act on cases (policy, not data).
  if (!policy::Allowed(ctx.actor, policy::Action::kActOnCase, ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  auto r = store_->FindRisk(citizen_id);
  if (!r.ok()) return r.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kActOnCase, r->mission_code)) {
    return Error::NotFound();  // another mission's worker: not on this list
  }
  auto rec = records_->FindById(citizen_id);
  if (!rec.ok()) return rec.take_error();
  OpenRequest o;
  o.source = "officer";
  o.channel = "other";
  o.category = "contract";
  o.mission_code = r->mission_code;
  o.citizen_id = citizen_id;
  o.subject_name = rec->data.identity.full_name;
  o.subject_nik = rec->data.identity.nik;
  o.subject_birth_date = rec->data.identity.birth_date;
  if (!rec->stays.empty()) {
    const auto& s = rec->stays.front().stay;
    o.country = s.country;
    o.location = s.city;
    o.phone = s.phone;
    o.employer = s.pmi.employer_name;
    o.agency = s.pmi.agency;
  }
  std::string risks;
  auto detail = nlohmann::json::parse(r->detail, nullptr, false);
  if (detail.is_object() && detail.contains("risks") && detail["risks"].is_array()) {
    for (const auto& x : detail["risks"]) {
      if (x.is_string()) risks += (risks.empty() ? "" : ", ") + x.get<std::string>();
    }
  }
  o.summary = "BP2MI: " + risks;
  o.external_ref = "bp2mi:" + std::to_string(r->verdict_at);
  auto opened = OpenCase(ctx, o);
  if (!opened.ok()) return opened.take_error();
  auto entry = audit_->MakeEntry(ctx.actor, "review_risk", citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id,
                                 {{"verdict_at", r->verdict_at}, {"case_id", opened->c.id}});
  auto s = store_->ReviewRisk(citizen_id, r->verdict_at, "case_opened", "", opened->c.id,
                              ctx.actor.account_id, r->mission_code, clock_->NowUnix(), entry);
  // Someone reviewed it at the same moment: the case stands (it is in the queue).
  if (!s.ok() && s.error().code != Code::kConflict) return s.take_error();
  return opened;
}

}  // namespace peduli::protection
