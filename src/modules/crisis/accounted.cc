#include "modules/crisis/accounted.h"

#include <algorithm>

#include "store/stats_store.h"

namespace peduli::crisis {

const std::vector<std::string> kCallOutcomes = {"reached_safe", "reached_needs_help",
                                                "unreachable", "left_area"};

namespace {
constexpr const char* kPurpose = "krisis";
}  // namespace

int64_t NextAttemptAt(int64_t now, int64_t attempts) {
  if (attempts >= kMaxAttempts) return 0;
  return now + (attempts <= 1 ? 2 * 3600 : 6 * 3600);
}

Result<std::vector<store::CallListEntry>> AccountedService::List(const SafetyContext& ctx,
                                                                 int64_t crisis_id,
                                                                 const std::string& subdivision,
                                                                 bool open_only) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  store::CallListFilter f;
  f.crisis_id = crisis_id;
  f.mission_code = sk->second;
  f.subdivision = subdivision;
  f.open_only = open_only;
  auto list = safety_->store().CallList(f);
  if (!list.ok()) return list.take_error();
  std::vector<int64_t> ids;
  for (const auto& e : *list) ids.push_back(e.p.citizen_id);
  PEDULI_TRY(safety_->audit().Record(ctx.actor, "crisis_call_list", 0, kPurpose, ctx.ip,
                                     ctx.request_id,
                                     {{"crisis_id", crisis_id}, {"subdivision", subdivision},
                                      {"shown", ids.size()}},
                                     ids));
  return list;
}

Result<store::SafetyPerson> AccountedService::RecordCall(const SafetyContext& ctx, int64_t crisis_id,
                                                         int64_t citizen_id, CallInput in) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  // Who reads but never records (HQ) is refused before the person is looked up.
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety,
                       ctx.actor.mission_code.empty() ? sk->first.mission_code : ctx.actor.mission_code)) {
    return Error::Forbidden();
  }
  auto p = safety_->store().Person(crisis_id, citizen_id);
  if (!p.ok()) return p.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCrisis, p->mission_code)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, policy::Action::kRecordSafety, p->mission_code)) {
    return Error::Forbidden();
  }
  if (sk->first.state != "active") return Error::Conflict("safety.crisis_closed");
  std::vector<FieldError> errors;
  if (std::find(kCallOutcomes.begin(), kCallOutcomes.end(), in.outcome) == kCallOutcomes.end()) {
    errors.push_back({"outcome", "err.choice"});
  }
  size_t chars = 0;
  for (unsigned char c : in.note) chars += (c & 0xC0) != 0x80;
  if (chars > 1000) errors.push_back({"note", "err.safety.too_long"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const int64_t now = safety_->clock().NowUnix();
  auto attempts = safety_->store().Attempts(crisis_id, citizen_id);
  if (!attempts.ok()) return attempts.take_error();
  const int64_t next = in.outcome == "unreachable" ? NextAttemptAt(now, *attempts + 1) : 0;
  store::CallRow call{0, crisis_id, citizen_id, in.outcome, in.note, ctx.actor.account_id, now};
  auto entry = safety_->audit().MakeEntry(ctx.actor, "crisis_record_call", citizen_id, kPurpose,
                                          ctx.ip, ctx.request_id,
                                          {{"crisis_id", crisis_id}, {"outcome", in.outcome}});
  auto after = safety_->store().RecordCall(call, next, &entry);
  if (!after.ok()) return after.take_error();
  store::NotifyStatsChanged();
  if (in.outcome == "reached_needs_help") {
    auto id = safety_->EnsureCase(sk->first, *after, in.note, "");
    if (!id.ok()) return id.take_error();
    after->case_id = *id;
  }
  return after;
}

Result<CountsView> AccountedService::Counts(const SafetyContext& ctx, int64_t crisis_id) {
  auto sk = safety_->StaffCrisis(ctx, crisis_id);
  if (!sk.ok()) return sk.take_error();
  CountsView v;
  auto areas = safety_->store().Counts(crisis_id, sk->second);
  if (!areas.ok()) return areas.take_error();
  v.areas = std::move(*areas);
  for (const auto& a : v.areas) {
    v.total.safe += a.safe;
    v.total.needs_help += a.needs_help;
    v.total.no_answer += a.no_answer;
    v.total.unreachable += a.unreachable;
    v.total.left_area += a.left_area;
  }
  const int64_t now = safety_->clock().NowUnix();
  // Sampling stops with the crisis: the series ends where the crisis ended.
  if (sk->first.state == "active") {
    auto s = safety_->store().Sample(crisis_id, sk->second, now - now % 60);
    if (!s.ok()) return s.take_error();
    v.samples = std::move(*s);
  }
  return v;
}

}  // namespace peduli::crisis
