#include "modules/console/citizen_view.h"

#include "core/date.h"

namespace peduli::console {

CitizenReview CitizenReviewOf(store::ConsoleStore& s, int64_t citizen_id,
                              const reference::ReferenceService& ref) {
  CitizenReview out;
  auto r = s.Review(citizen_id);
  if (!r.ok()) return out;  // no row yet, or unreadable: waiting for review
  out.state = r->state;
  out.reason = r->reason;
  out.decided_at = r->decided_at;
  out.mission_code = r->decided_mission;
  if (const auto* m = ref.FindMission(r->decided_mission.empty() ? r->mission_code
                                                                 : r->decided_mission)) {
    out.mission_name = m->name;
    out.timezone = m->timezone;
  }
  return out;
}

nlohmann::json CitizenReviewJson(const CitizenReview& r) {
  using nlohmann::json;
  return {{"state", r.state},
          {"reason", r.reason.empty() ? json(nullptr) : json(r.reason)},
          {"decided_at", r.decided_at ? json(r.decided_at) : json(nullptr)},
          {"mission", r.mission_code.empty()
                          ? json(nullptr)
                          : json{{"code", r.mission_code}, {"name", r.mission_name}}}};
}

void FillCitizenReview(ctemplate::TemplateDictionary* content, const CitizenReview& r,
                       const http::Catalog& c, const std::string& lang) {
  auto* s = content->AddSectionDictionary("REVIEW");
  s->SetValue("STATE_KEY", r.state);
  s->SetValue("STATE", c.Text(lang, "console.state." + r.state));
  if (r.state == "rejected" || r.state == "correction_requested") s->ShowSection("REVIEW_BAD");
  if (r.decided_at && !r.mission_code.empty()) {
    auto* dd = s->AddSectionDictionary("DECIDED");
    dd->SetValue("MISSION", r.mission_name.empty() ? r.mission_code : r.mission_name);
    dd->SetValue("AT", FormatLocalTime(r.decided_at, r.timezone));
  }
  if (!r.reason.empty()) s->SetValueAndShowSection("REASON", r.reason, "HAS_REASON");
  if (r.state == "correction_requested") s->ShowSection("FIX");
}

}  // namespace peduli::console
