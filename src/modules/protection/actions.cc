// What officers do to an open case: append an action (note, contact, visit, legal aid, change
// of state, re-triage), assign, transfer, confirm the record match and reveal a restricted
// name. Each is one store transaction with its audit entry (and, for a step the reporter
// sees, its outbox message). Opening, reading and listing cases stay in service.cc.
#include "modules/protection/internal.h"
#include "modules/protection/service.h"

namespace peduli::protection {

using namespace internal;  // NOLINT: kPurpose, In, Blank, Finished, Trim, MayMove

Result<store::CaseRow> ProtectionService::Act(const Context& ctx, int64_t id,
                                              const ActionInput& in) {
  auto c = Readable(ctx, id);
  if (!c.ok()) return c.take_error();
  PEDULI_TRY(MayAct(ctx, *c));
  std::vector<FieldError> errors;
  // Referrals are tracked objects of their own now (Refer, referrals.cc): consent, scope and
  // state. Older "referral" actions stay in timelines as they were written.
  if (in.kind == "referral") {
    errors.push_back({"kind", "err.protection.referral_moved"});
  } else if (!In(kActionKinds, in.kind) && in.kind != "reclassify") {
    errors.push_back({"kind", "err.choice"});
  }
  const std::string body = Trim(in.body);
  if (body.size() > 4000) errors.push_back({"body", "err.protection.too_long"});
  auto a = ActionBy(ctx, in.kind);
  a.body = body;
  a.internal = in.internal;
  store::CaseChange ch;
  if (in.kind == "state") {
    if (!In(kStates, in.to_state) || !MayMove(c->state, in.to_state)) {
      errors.push_back({"to_state", "err.protection.state"});
    }
    if (Finished(in.to_state)) {
      if (!In(kOutcomes, in.outcome)) errors.push_back({"outcome", "err.required"});
      if (in.outcome == "wages_recovered") {
        const std::string amt = Trim(in.amount);
        if (amt.empty() || amt.size() > 15 || amt.find_first_not_of("0123456789") != std::string::npos) {
          errors.push_back({"amount", "err.protection.amount"});
        } else {
          a.amount = std::stoll(amt);
          a.currency = Trim(in.currency).substr(0, 3);
        }
      }
      a.outcome = in.outcome;
      ch.outcome = in.outcome;
      ch.due_at = 0;
    } else {
      ch.due_at = clock_->NowUnix() + DeadlineSeconds(c->priority);
      ch.outcome = "";
    }
    a.from_state = c->state;
    a.to_state = in.to_state;
    ch.state = in.to_state;
    ch.reset_escalation = true;
    a.internal = false;  // the reporter sees every change of state
  } else if (in.kind == "reclassify") {
    const std::string cat = in.category.empty() ? c->category : in.category;
    const std::string pri = in.priority.empty() ? c->priority : in.priority;
    if (!In(kCategories, cat)) errors.push_back({"category", "err.choice"});
    if (!In(kPriorities, pri)) errors.push_back({"priority", "err.choice"});
    if (errors.empty() && cat == c->category && pri == c->priority) {
      errors.push_back({"category", "err.protection.reclassify_same"});
    }
    a.category = cat;
    a.priority = pri;
    a.internal = true;
    ch.category = cat;
    ch.priority = pri;
    ch.restricted = c->restricted || IsRestrictedCategory(cat);
    if (pri != c->priority && !Finished(c->state)) {
      ch.due_at = clock_->NowUnix() + DeadlineSeconds(pri);
      ch.reset_escalation = true;
    }
  } else if (body.empty()) {
    errors.push_back({"body", "err.required"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  nlohmann::json detail = {{"case_id", id}, {"kind", in.kind}};
  if (in.kind == "state") detail["to_state"] = in.to_state;
  if (in.kind == "reclassify") {
    detail["category"] = a.category;
    detail["priority"] = a.priority;
  }
  auto entry = audit_->MakeEntry(ctx.actor, "case_action", c->citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, detail);
  // A step the reporter's timeline shows (every state change, public notes and contacts)
  // tells the reporter, in the step's transaction; an internal one tells no one.
  const Reporter reporter = a.internal ? Reporter{} : ReporterOf(*c);
  auto done = store_->ApplyAction(
      id, a, ch, c->updated_at, &entry,
      [&](store::Connection& conn, const store::CaseRow& row) -> Status {
        if (a.internal) return Status::Ok();
        return QueueStep(conn, row, reporter, in.kind, "step:" + std::to_string(row.updated_at));
      });
  if (done.ok() && !a.internal) Queued();
  return done;
}

Result<store::CaseRow> ProtectionService::Assign(const Context& ctx, int64_t id,
                                                 int64_t assignee) {
  // Refused before anything is looked up for those who never assign (policy, not data).
  if (!policy::Allowed(ctx.actor, policy::Action::kAssignCase, ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  auto c = Readable(ctx, id);
  if (!c.ok()) return c.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kAssignCase, c->mission_code)) {
    return Error::Forbidden();
  }
  if (assignee) {
    auto acc = accounts_->FindById(assignee);
    if (!acc.ok() || acc->disabled_at || acc->mission_code != c->mission_code ||
        (acc->role != "officer" && acc->role != "supervisor")) {
      return Error::Invalid("assignee", "err.protection.assignee");
    }
  }
  auto a = ActionBy(ctx, "assign");
  a.assignee_account_id = assignee;
  store::CaseChange ch;
  ch.assignee_account_id = assignee;
  auto entry = audit_->MakeEntry(ctx.actor, "assign_case", c->citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, {{"case_id", id}, {"assignee", assignee}});
  return store_->ApplyAction(id, a, ch, 0, &entry);
}

Result<store::CaseRow> ProtectionService::Transfer(const Context& ctx, int64_t id,
                                                   const std::string& to_mission,
                                                   const std::string& reason) {
  auto c = Readable(ctx, id);
  if (!c.ok()) return c.take_error();
  PEDULI_TRY(MayAct(ctx, *c));
  std::vector<FieldError> errors;
  const auto* m = ref_->FindMission(to_mission);
  if (!m || m->closed || to_mission == c->mission_code) errors.push_back({"to_mission", "err.choice"});
  if (Blank(reason)) errors.push_back({"reason", "err.required"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  auto a = ActionBy(ctx, "transfer");
  a.from_mission = c->mission_code;
  a.to_mission = to_mission;
  a.body = Trim(reason);
  a.internal = true;
  store::CaseChange ch;
  ch.mission_code = to_mission;
  ch.assignee_account_id = 0;
  ch.due_at = Finished(c->state) ? 0 : clock_->NowUnix() + DeadlineSeconds(c->priority);
  ch.reset_escalation = true;
  auto entry = audit_->MakeEntry(ctx.actor, "transfer_case", c->citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id,
                                 {{"case_id", id}, {"from", c->mission_code}, {"to", to_mission}});
  auto after = store_->ApplyAction(
      id, a, ch, c->updated_at, &entry, [this](store::Connection& conn, const store::CaseRow& row) {
        return QueueDuty(conn, row, "transfer", "transfer:" + std::to_string(row.updated_at));
      });
  if (after.ok()) Queued();
  return after;
}

Result<store::CaseRow> ProtectionService::ConfirmMatch(const Context& ctx, int64_t id,
                                                       int64_t citizen_id) {
  auto c = Readable(ctx, id);
  if (!c.ok()) return c.take_error();
  PEDULI_TRY(MayAct(ctx, *c));
  auto rec = records_->FindById(citizen_id);
  const std::string m = rec.ok() && !rec->stays.empty() ? rec->stays.front().mission_code : "";
  if (!rec.ok() || rec->status == "deleted" ||
      !policy::Allowed(ctx.actor, policy::Action::kReadCitizen, m)) {
    return Error::Invalid("citizen_id", "err.protection.no_record");
  }
  auto a = ActionBy(ctx, "match");
  a.citizen_id = citizen_id;
  store::CaseChange ch;
  ch.citizen_id = citizen_id;
  auto entry = audit_->MakeEntry(ctx.actor, "match_case", citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, {{"case_id", id}});
  // The reporter hears that the mission found the record (not whose, nor anything in it).
  const Reporter reporter = ReporterOf(*c);
  auto linked = store_->ApplyAction(
      id, a, ch, 0, &entry, [&](store::Connection& conn, const store::CaseRow& row) {
        return QueueStep(conn, row, reporter, "linked", "linked:" + std::to_string(row.updated_at));
      });
  if (linked.ok()) Queued();
  return linked;
}

Result<std::string> ProtectionService::Reveal(const Context& ctx, int64_t id,
                                              const std::string& reason) {
  auto c = Readable(ctx, id);
  if (!c.ok()) return c.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kRevealRestricted, c->mission_code)) {
    return Error::Forbidden();
  }
  if (SeesName(ctx.actor, *c)) return c->subject_name;  // nothing to reveal
  const std::string why = Trim(reason);
  if (why.empty()) return Error::Invalid("reason", "err.required");
  if (why.size() > 1000) return Error::Invalid("reason", "err.protection.too_long");
  auto a = ActionBy(ctx, "reveal");
  a.body = why;
  auto entry = audit_->MakeEntry(ctx.actor, "reveal_case_name", c->citizen_id, kPurpose, ctx.ip,
                                 ctx.request_id, {{"case_id", id}, {"reason", why}});
  auto after = store_->ApplyAction(id, a, {}, 0, &entry);
  if (!after.ok()) return after.take_error();
  return c->subject_name;
}

}  // namespace peduli::protection
