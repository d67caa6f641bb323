#include "modules/console/service.h"

#include <algorithm>

#include "core/crypto.h"

namespace peduli::console {
namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

bool In(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

std::string MaskNik(const std::string& nik) {
  if (nik.size() != 16) return nik.empty() ? "" : "****";
  return nik.substr(0, 6) + "******" + nik.substr(12);
}

std::string SessionKey(const std::string& session_csrf) { return crypto::HashToken(session_csrf); }

Result<store::ReviewState> ConsoleService::Review(int64_t citizen_id) {
  auto r = store_->Review(citizen_id);
  if (r.ok() || r.error().code != Code::kNotFound) return r;
  store::ReviewState s;  // written before the console existed: waiting for review
  s.citizen_id = citizen_id;
  return s;
}

Result<store::ReviewState> ConsoleService::Decide(const Actor& actor, int64_t citizen_id,
                                                  const std::string& decision,
                                                  const std::string& reason_in, int64_t version,
                                                  const Origin& origin) {
  const std::string reason = Trim(reason_in);
  std::vector<FieldError> errors;
  std::string state;
  if (decision == "verify") state = "verified";
  else if (decision == "reject") state = "rejected";
  else if (decision == "request_correction") state = "correction_requested";
  else errors.push_back({"decision", "err.choice"});
  // The citizen is told why: a rejection or a correction without a reason helps nobody.
  if (!state.empty() && state != "verified" && reason.empty()) {
    errors.push_back({"reason", "err.review.reason_required"});
  }
  if (reason.size() > kMaxReason) errors.push_back({"reason", "err.review.reason_long"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const int64_t now = clock_->NowUnix();
  auto entry = audit_->MakeEntry(actor, "review_" + decision, citizen_id, origin.purpose,
                                 origin.ip, origin.request_id,
                                 {{"state", state}, {"version", version}});
  return store_->Decide(citizen_id, version, state, reason, actor.account_id, actor.role,
                        actor.mission_code, now, entry);
}

Status ConsoleService::Assign(const Actor& actor, int64_t citizen_id,
                              const std::string& mission_code, int64_t assignee,
                              const Origin& origin) {
  if (assignee != 0) {
    auto staff = store_->MissionStaff(mission_code);
    if (!staff.ok()) return staff.take_error();
    bool found = std::any_of(staff->begin(), staff->end(),
                             [&](const store::StaffMember& m) { return m.account_id == assignee; });
    if (!found) return Error::Invalid("assignee", "err.choice");
  }
  auto entry = audit_->MakeEntry(actor, "assign_review", citizen_id, origin.purpose, origin.ip,
                                 origin.request_id, {{"assignee", assignee}});
  return store_->Assign(citizen_id, assignee, clock_->NowUnix(), entry);
}

Status ConsoleService::SetPurpose(int64_t account_id, const std::string& session_csrf,
                                  const std::string& purpose) {
  if (!In(kPurposes, purpose)) return Error::Invalid("purpose", "err.purpose.choice");
  if (session_csrf.empty()) return Error::Unauthorized();
  return store_->SetPurpose(SessionKey(session_csrf), account_id, purpose, clock_->NowUnix());
}

std::string ConsoleService::Purpose(const std::string& session_csrf) {
  if (session_csrf.empty()) return "";
  return store_->Purpose(SessionKey(session_csrf));
}

}  // namespace peduli::console
