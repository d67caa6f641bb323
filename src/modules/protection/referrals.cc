// Referrals of protection cases as tracked objects (issue 6, item 5): consent or a
// supervisor's audited override, the receiver's scope, and the state machine
//   pending -> accepted | rejected;  accepted -> done;  pending | accepted -> revoked.
// Each move is a compare-and-set on the referral's state, written with its case action and
// its audit entry in one transaction (store::ProtectionStore::MoveReferral).
#include <algorithm>

#include "core/crypto.h"
#include "modules/accounts/service.h"
#include "modules/protection/internal.h"
#include "modules/protection/service.h"

namespace peduli::protection {

const std::vector<std::string> kReferralTargets = {"mission", "hq", "partner"};
const std::vector<std::string> kReferralScopes = {"summary", "contact", "full"};
const std::vector<std::string> kReferralStates = {"pending", "accepted", "rejected", "revoked",
                                                  "done"};

namespace {

using namespace internal;  // NOLINT: kPurpose, In, Trim

// The state a decision moves to from `from`, or "" when the state machine forbids it.
std::string Next(const std::string& from, const std::string& decision) {
  if (decision == "accept" && from == "pending") return "accepted";
  if (decision == "reject" && from == "pending") return "rejected";
  if (decision == "done" && from == "accepted") return "done";
  if (decision == "revoke" && (from == "pending" || from == "accepted")) return "revoked";
  return "";
}

nlohmann::json Detail(const store::ReferralRow& r) {
  nlohmann::json d = {{"case_id", r.case_id}, {"referral_id", r.id}, {"to_kind", r.to_kind},
                      {"scope", r.scope}, {"consent", r.consent}};
  if (!r.to_mission.empty()) d["to_mission"] = r.to_mission;
  if (!r.partner.empty()) d["partner"] = r.partner;
  return d;
}

}  // namespace

Result<ReferralCreated> ProtectionService::Refer(const Context& ctx, int64_t case_id,
                                                 const ReferralInput& in) {
  auto c = Readable(ctx, case_id);
  if (!c.ok()) return c.take_error();
  PEDULI_TRY(MayAct(ctx, *c));
  std::vector<FieldError> errors;
  std::string partner_email;
  store::ReferralRow r;
  r.case_id = case_id;
  r.from_mission = c->mission_code;
  r.to_kind = in.to_kind;
  r.scope = in.scope;
  r.reason = Trim(in.reason);
  r.state = "pending";
  r.created_by = ctx.actor.account_id;
  r.created_at = clock_->NowUnix();
  if (!In(kReferralTargets, in.to_kind)) errors.push_back({"to_kind", "err.choice"});
  if (in.to_kind == "hq") {
    r.to_mission = reference::kHqMission;
    if (c->mission_code == r.to_mission) errors.push_back({"to_kind", "err.choice"});
  } else if (in.to_kind == "mission") {
    const auto* m = ref_->FindMission(in.to_mission);
    if (!m || m->closed || in.to_mission == c->mission_code) {
      errors.push_back({"to_mission", "err.choice"});
    }
    r.to_mission = in.to_mission;
  } else if (in.to_kind == "partner") {
    if (!In(kPartners, in.partner)) errors.push_back({"partner", "err.choice"});
    r.partner = in.partner;
    r.partner_name = Trim(in.partner_name);
    if (r.partner_name.size() > 200) errors.push_back({"partner_name", "err.protection.too_long"});
    // Optional: the secret link is mailed there; without it the referrer hands it over.
    if (!Trim(in.partner_email).empty()) {
      partner_email = accounts::AccountsService::NormalizeEmail(Trim(in.partner_email));
      for (auto& e : accounts::AccountsService::CheckEmail(partner_email, "partner_email")) {
        errors.push_back(std::move(e));
      }
    }
  }
  if (!In(kReferralScopes, in.scope)) errors.push_back({"scope", "err.choice"});
  if (r.reason.empty()) errors.push_back({"reason", "err.required"});
  if (r.reason.size() > 2000) errors.push_back({"reason", "err.protection.too_long"});
  // Consent first; only a supervisor may refer without it, with a reason, audited.
  r.consent = in.consent;
  if (!in.consent) {
    if (!in.override_consent || ctx.actor.role != "supervisor") {
      errors.push_back({"consent", "err.protection.consent"});
    } else {
      r.override_reason = Trim(in.override_reason);
      if (r.override_reason.empty()) errors.push_back({"override_reason", "err.required"});
      if (r.override_reason.size() > 1000) {
        errors.push_back({"override_reason", "err.protection.too_long"});
      }
    }
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  auto a = ActionBy(ctx, "referral");
  a.body = r.reason;
  a.internal = true;
  a.partner = r.partner;
  a.from_mission = r.to_mission.empty() ? "" : r.from_mission;
  a.to_mission = r.to_mission;
  a.consent = r.consent;
  ReferralCreated out;
  for (int attempt = 0;; ++attempt) {
    if (r.to_kind == "partner") {
      out.link_token = crypto::RandomToken(20);
      r.link_hash = crypto::HashToken("referral:" + out.link_token);
    }
    nlohmann::json detail = Detail(r);
    if (!r.consent) detail["override_reason"] = r.override_reason;
    auto entry = audit_->MakeEntry(
        ctx.actor, r.consent ? "case_referral" : "case_referral_consent_override", c->citizen_id,
        kPurpose, ctx.ip, ctx.request_id, detail);
    // The receiver's message in the referral's transaction: the mission's duty officers or
    // HQ's users (the incoming list's link), or the partner's email (the secret link).
    auto made = store_->CreateReferral(
        r, a, entry, [&](store::Connection& conn, const store::ReferralRow& row) {
          return QueueReferral(conn, row, c->tracking_number, partner_email, out.link_token);
        });
    if (made.ok()) {
      out.r = std::move(*made);
      break;
    }
    if (made.error().message != "protection.referral.link_taken" || attempt >= 3) {
      return made.take_error();
    }
  }
  Queued();
  return out;
}

Result<std::vector<store::ReferralRow>> ProtectionService::CaseReferrals(const Context& ctx,
                                                                        int64_t case_id) {
  auto c = Readable(ctx, case_id);
  if (!c.ok()) return c.take_error();
  auto rows = store_->Referrals(case_id);
  if (!rows.ok()) return rows.take_error();
  for (auto& r : *rows) r.link_hash.clear();
  return rows;
}

Result<store::ReferralRow> ProtectionService::Revoke(const Context& ctx, int64_t case_id,
                                                     int64_t referral_id,
                                                     const std::string& note) {
  auto c = Readable(ctx, case_id);
  if (!c.ok()) return c.take_error();
  PEDULI_TRY(MayAct(ctx, *c));
  auto r = store_->FindReferral(referral_id);
  if (!r.ok()) return r.take_error();
  if (r->case_id != case_id) return Error::NotFound();
  return Move(ctx, *r, "revoke", note, false);
}

Result<store::ReferralRow> ProtectionService::Move(const Context& ctx,
                                                   const store::ReferralRow& r,
                                                   const std::string& decision,
                                                   const std::string& note, bool by_receiver) {
  const std::string to = Next(r.state, decision);
  if (to.empty()) return Error::Conflict("protection.referral.bad_transition");
  const std::string why = Trim(note);
  if (why.size() > 2000) return Error::Invalid("note", "err.protection.too_long");
  if (decision == "reject" && why.empty()) return Error::Invalid("note", "err.required");
  auto a = ActionBy(ctx, "referral_" + to);
  a.body = why;
  a.internal = true;
  a.partner = r.partner;
  a.to_mission = r.to_mission;
  a.from_mission = r.to_mission.empty() ? "" : r.from_mission;
  auto c = store_->Find(r.case_id);
  if (!c.ok()) return c.take_error();
  nlohmann::json detail = Detail(r);
  detail["from_state"] = r.state;
  detail["to_state"] = to;
  detail["by"] = by_receiver ? "receiver" : "referrer";
  auto entry = audit_->MakeEntry(ctx.actor, "case_referral_" + to, c->citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, detail);
  // Accepted, rejected or done: the referring mission hears of it, in the same transaction.
  auto moved = store_->MoveReferral(
      r.id, r.state, to, why, a, entry, [&](store::Connection& conn, const store::ReferralRow& row) {
        return QueueReferral(conn, row, c->tracking_number, "", "");
      });
  if (!moved.ok()) return moved.take_error();
  Queued();
  moved->link_hash.clear();
  return moved;
}

Result<store::ReferralRow> ProtectionService::Decide(const Context& ctx, int64_t case_id,
                                                     int64_t referral_id,
                                                     const std::string& decision,
                                                     const std::string& note) {
  auto r = store_->FindReferral(referral_id);
  if (!r.ok()) return r.take_error();
  // Only the receiving mission learns the referral exists (a partner has its link).
  if (r->to_mission.empty() || (case_id && r->case_id != case_id) ||
      !policy::Allowed(ctx.actor, policy::Action::kReadCases, r->to_mission)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, policy::Action::kActOnCase, r->to_mission)) {
    return Error::Forbidden();
  }
  if (decision != "accept" && decision != "reject" && decision != "done") {
    return Error::Invalid("decision", "err.choice");
  }
  return Move(ctx, *r, decision, note, true);
}

Result<ReferralView> ProtectionService::ViewOf(const store::ReferralRow& r, bool may_decide) {
  auto c = store_->Find(r.case_id);
  if (!c.ok()) return c.take_error();
  ReferralView v;
  v.r = r;
  v.r.link_hash.clear();
  v.r.override_reason.clear();  // the referring mission's own record
  // Only what the scope allows leaves the referring mission; the rest is never copied.
  store::CaseRow& out = v.c;
  out.id = c->id;
  out.tracking_number = c->tracking_number;
  out.mission_code = c->mission_code;
  out.category = c->category;
  out.priority = c->priority;
  out.restricted = c->restricted;
  out.state = c->state;
  out.country = c->country;
  out.summary = c->summary;
  out.created_at = c->created_at;
  v.name_masked = r.scope == "summary";
  out.subject_name = v.name_masked ? MaskName(c->subject_name) : c->subject_name;
  if (r.scope == "contact" || r.scope == "full") {
    out.phone = c->phone;
    out.location = c->location;
  }
  if (r.scope == "full") {
    v.full = true;
    out.subject_nik = c->subject_nik;
    out.subject_passport = c->subject_passport;
    out.subject_birth_date = c->subject_birth_date;
    out.employer = c->employer;
    out.agency = c->agency;
    out.last_contact = c->last_contact;
    out.risk_flags = c->risk_flags;
    auto actions = store_->Actions(c->id);
    if (!actions.ok()) return actions.take_error();
    v.entries = ToPublic(*c, *actions).entries;  // no internal notes, no staff
  }
  v.can_decide = may_decide && r.state == "pending";
  v.can_finish = may_decide && r.state == "accepted";
  return v;
}

Result<std::vector<std::pair<store::ReferralRow, store::CaseRow>>> ProtectionService::Incoming(
    const Context& ctx, bool open_only) {
  const std::string scope = policy::ScopeOf(ctx.actor);
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCases, scope)) return Error::Forbidden();
  auto rows = store_->IncomingReferrals(scope, open_only, 200);
  if (!rows.ok()) return rows.take_error();
  std::vector<std::pair<store::ReferralRow, store::CaseRow>> out;
  std::vector<int64_t> ids;
  for (auto& r : *rows) {
    auto c = store_->Find(r.case_id);
    if (!c.ok()) return c.take_error();
    // The list shows what every scope allows: tracking number, category, priority, country.
    store::CaseRow shown;
    shown.id = c->id;
    shown.tracking_number = c->tracking_number;
    shown.category = c->category;
    shown.priority = c->priority;
    shown.restricted = c->restricted;
    shown.country = c->country;
    r.link_hash.clear();
    r.override_reason.clear();
    ids.push_back(r.id);
    out.emplace_back(std::move(r), std::move(shown));
  }
  PEDULI_TRY(audit_->Record(ctx.actor, "read_referrals_incoming", 0, kPurpose, ctx.ip,
                            ctx.request_id, {{"scope", scope}, {"referrals", ids}}));
  return out;
}

Result<ReferralView> ProtectionService::IncomingView(const Context& ctx, int64_t referral_id) {
  auto r = store_->FindReferral(referral_id);
  if (!r.ok()) return r.take_error();
  if (r->to_mission.empty() ||
      !policy::Allowed(ctx.actor, policy::Action::kReadCases, r->to_mission)) {
    return Error::NotFound();
  }
  auto v = ViewOf(*r, policy::Allowed(ctx.actor, policy::Action::kActOnCase, r->to_mission));
  if (!v.ok()) return v.take_error();
  auto c = store_->Find(r->case_id);
  if (!c.ok()) return c.take_error();
  // Recorded before anything is shown.
  nlohmann::json detail = Detail(*r);
  PEDULI_TRY(audit_->Record(ctx.actor, "read_referral", v->name_masked ? 0 : c->citizen_id,
                            kPurpose, ctx.ip, ctx.request_id, detail));
  return v;
}

namespace {

// A partner's token: 32 base32 characters; anything else is unknown without a lookup.
bool PlausibleToken(const std::string& t) { return t.size() >= 16 && t.size() <= 64; }

}  // namespace

Result<ReferralView> ProtectionService::PartnerView(const Context& ctx, const std::string& token) {
  if (!PlausibleToken(token)) return Error::NotFound();
  auto r = store_->FindReferralByLink(crypto::HashToken("referral:" + token));
  if (!r.ok()) return r.take_error();
  auto v = ViewOf(*r, true);
  if (!v.ok()) return v.take_error();
  auto c = store_->Find(r->case_id);
  if (!c.ok()) return c.take_error();
  PEDULI_TRY(audit_->Record({0, "partner", ""}, "read_referral", v->name_masked ? 0 : c->citizen_id,
                            kPurpose, ctx.ip, ctx.request_id, Detail(*r)));
  return v;
}

Result<store::ReferralRow> ProtectionService::PartnerDecide(const Context& ctx,
                                                            const std::string& token,
                                                            const std::string& decision,
                                                            const std::string& note) {
  if (!PlausibleToken(token)) return Error::NotFound();
  auto r = store_->FindReferralByLink(crypto::HashToken("referral:" + token));
  if (!r.ok()) return r.take_error();
  if (decision != "accept" && decision != "reject" && decision != "done") {
    return Error::Invalid("decision", "err.choice");
  }
  Context partner{{0, "partner", ""}, ctx.ip, ctx.request_id};
  return Move(partner, *r, decision, note, true);
}

// ProtectionService::Dashboard: dashboard.cc.

}  // namespace peduli::protection
