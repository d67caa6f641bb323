#include "modules/console/record_page.h"

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/console/common.h"

namespace peduli::console {

using http::Request;
using http::Response;

namespace {

std::string DateText(const std::string& iso) {
  auto dd = Date::Parse(iso);
  return dd ? FormatDateId(*dd) : iso;
}

void Row(ctemplate::TemplateDictionary* d, const char* section, const std::string& label,
         const std::string& value) {
  if (value.empty()) return;
  auto* s = d->AddSectionDictionary(section);
  s->SetValue("LABEL", label);
  s->SetValue("VALUE", value);
}

}  // namespace

Response RecordPage(const Request& req, const RoutesDeps& d, const registry::CitizenRecord& rec,
                    const std::string& purpose, const RecordView& v, int status) {
  const auto& c = d.templates->catalog();
  const auto& ref = *d.ref;
  auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
  auto Opt = [&](const std::string& prefix, const std::string& value) {
    return value.empty() ? std::string() : T(prefix + value);
  };
  const policy::Actor actor = policy::ActorOf(*req.principal);
  const std::string mission = MissionOf(rec);
  const auto* m = ref.FindMission(mission);
  const std::string tz = m ? m->timezone : "UTC";

  auto review = d.console->Review(rec.id);
  if (!review.ok()) return http::ErrorResponse(req, review.error(), *d.templates);
  auto results = d.verification->Results(rec.id);
  if (!results.ok()) return http::ErrorResponse(req, results.error(), *d.templates);
  // The read and its purpose are recorded before anything is shown.
  auto audited = d.audit->Record(actor, "read_citizen", rec.id, purpose, req.remote_ip,
                                 req.request_id);
  if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);

  http::Page page(*d.templates, req, "console.record.title",
                  "modules/console/templates/record.tpl");
  if (!v.flash.empty()) page.Flash(T(v.flash), v.flash_error);
  auto& content = page.content();
  const auto& id = rec.data.identity;
  content.SetValue("NAME", id.full_name);
  content.SetValue("REG_NUMBER", rec.registration_number);
  content.SetValue("STATUS", T("status." + rec.status));
  content.SetValue("MISSION", m ? m->name : mission);
  content.SetValue("PURPOSE", T("console.purpose." + purpose));
  content.SetValue("ELECTION_HREF", "/konsol/warga/" + std::to_string(rec.id) + "/pemilu");
  content.SetValue("PURPOSE_HREF", "/konsol/tujuan?next=" +
                                       http::UrlEncode("/konsol/warga/" + std::to_string(rec.id)));

  Row(&content, "IDENTITY", T("identity.nik"), id.nik);
  Row(&content, "IDENTITY", T("identity.birth"),
      id.birth_place + (id.birth_date.empty() ? "" : ", " + DateText(id.birth_date)));
  Row(&content, "IDENTITY", T("identity.sex"), Opt("sex.", id.sex));
  Row(&content, "IDENTITY", T("identity.marital_status"), Opt("marital.", id.marital_status));
  Row(&content, "IDENTITY", T("identity.occupation"), id.occupation);
  Row(&content, "IDENTITY", T("identity.education"), Opt("education.", id.education));
  std::string regency_digits;
  for (char ch : id.origin_regency) if (ch != '.') regency_digits += ch;
  if (const auto* reg = ref.RegencyByNik(regency_digits)) {
    Row(&content, "IDENTITY", T("identity.origin_regency"), reg->name);
  } else {
    Row(&content, "IDENTITY", T("identity.origin_regency"), id.origin_regency);
  }
  const auto& p = rec.data.passport;
  Row(&content, "PASSPORT", T("passport.number"), p.number);
  Row(&content, "PASSPORT", T("passport.issue_date"), DateText(p.issue_date));
  Row(&content, "PASSPORT", T("passport.expiry_date"), DateText(p.expiry_date));
  Row(&content, "PASSPORT", T("passport.office"), p.office);
  const auto& e = rec.data.emergency_contact;
  Row(&content, "EMERGENCY", T("emergency.name"), e.name);
  Row(&content, "EMERGENCY", T("emergency.relation"), e.relation);
  Row(&content, "EMERGENCY", T("emergency.phone"), e.phone);
  for (const auto& f : rec.flags) {
    content.ShowSection("FLAGS");
    content.AddSectionDictionary("FLAG")->SetValue("TEXT", T("console.flag." + f));
  }

  for (size_t i = 0; i < rec.stays.size(); ++i) {
    const auto& s = rec.stays[i];
    const auto* sm = ref.FindMission(s.mission_code);
    const bool current = i == 0 && s.ended_at == 0;
    auto* sd = content.AddSectionDictionary(current ? "CURRENT_STAY" : "PAST_STAY");
    std::string place = s.stay.city;
    if (const auto* sub = ref.FindSubdivision(s.stay.subdivision)) place += ", " + sub->name;
    place += ", " + std::string(ref.CountryName(s.stay.country, req.lang));
    sd->SetValue("PLACE", place);
    sd->SetValue("MISSION", sm ? sm->name : s.mission_code);
    sd->SetValue("CATEGORY", T("category." + s.stay.category));
    sd->SetValue("ARRIVAL", DateText(s.stay.arrival_date));
    if (s.ended_at) {
      sd->SetValue("ENDED", FormatLocalDate(s.ended_at, sm ? sm->timezone : "UTC"));
      sd->SetValue("END_REASON", T("end_reason." + s.end_reason));
    }
    if (current) {
      Row(sd, "DETAIL", T("stay.address"), s.stay.address);
      Row(sd, "DETAIL", T("stay.phone"), s.stay.phone);
      Row(sd, "DETAIL", T("stay.expected_end_date"), DateText(s.stay.expected_end_date));
      Row(sd, "DETAIL", T("pmi.employer_name"), s.stay.pmi.employer_name);
      Row(sd, "DETAIL", T("pmi.employer_address"), s.stay.pmi.employer_address);
      Row(sd, "DETAIL", T("pmi.agency"), s.stay.pmi.agency);
      Row(sd, "DETAIL", T("pmi.contract_end_date"), DateText(s.stay.pmi.contract_end_date));
      Row(sd, "DETAIL", T("student.institution"), s.stay.student.institution);
      Row(sd, "DETAIL", T("student.programme"), s.stay.student.programme);
      Row(sd, "DETAIL", T("crew.vessel_name"), s.stay.crew.vessel_name);
      Row(sd, "DETAIL", T("crew.manning_agency"), s.stay.crew.manning_agency);
      if (!s.jurisdiction_note.empty()) {
        Row(sd, "DETAIL", T("console.jurisdiction"), T("jurisdiction." + s.jurisdiction_note));
      }
    }
  }
  if (rec.data.family.empty()) content.ShowSection("NO_FAMILY");
  for (const auto& f : rec.data.family) {
    auto* s = content.AddSectionDictionary("FAMILY");
    s->SetValue("NAME", f.name);
    s->SetValue("RELATION", Opt("relation.", f.relation));
    s->SetValue("BIRTH", DateText(f.birth_date));
    s->SetValue("NIK", f.nik);
  }

  if (results->empty()) content.ShowSection("NO_CHECKS");
  for (const auto& r : *results) {
    auto* s = content.AddSectionDictionary("CHECK");
    s->SetValue("STATE", r.state);
    s->SetValue("TEXT", T("check." + r.system + "." + r.state));
    std::string fields;
    for (const auto& f : r.mismatched_fields) fields += (fields.empty() ? "" : ", ") + f;
    if (!fields.empty()) s->SetValueAndShowSection("FIELDS", fields, "HAS_FIELDS");
    if (r.checked_at) s->SetValueAndShowSection("CHECKED", FormatLocalTime(r.checked_at, tz), "HAS_CHECKED");
  }

  const auto& rv = *review;
  content.SetValue("REVIEW_STATE", T("console.state." + rv.state));
  content.SetValue("REVIEW_KEY", rv.state);
  if (!rv.reason.empty()) content.SetValueAndShowSection("REVIEW_REASON", rv.reason, "HAS_REASON");
  if (rv.assigned_to) content.SetValueAndShowSection("ASSIGNEE", rv.assignee_name, "ASSIGNED");
  if (auto events = d.console->store().Events(rec.id); events.ok()) {
    for (const auto& ev : *events) {
      auto* s = content.AddSectionDictionary("EVENT");
      s->SetValue("STATE", T("console.state." + ev.state));
      s->SetValue("AT", FormatLocalTime(ev.at, tz));
      const auto* em = ref.FindMission(ev.mission_code);
      std::string who = T(ev.actor_role == "citizen" ? "console.by.citizen" : "console.by.staff");
      if (ev.actor_role != "citizen" && !ev.mission_code.empty()) {
        who += " · " + (em ? em->name : ev.mission_code);
      }
      s->SetValue("WHO", who);
      if (!ev.reason.empty()) s->SetValueAndShowSection("REASON", ev.reason, "HAS_REASON");
    }
  }
  if (auto entry = d.console->store().EntryOf(rec.id);
      entry.ok() && entry->entered_by && entry->entered_by != entry->account_id) {
    const auto* em = ref.FindMission(entry->mission_code);
    auto* s = content.AddSectionDictionary("WALK_IN");
    s->SetValue("BY", entry->name);
    s->SetValue("BY_MISSION", em ? em->name : entry->mission_code);
  }

  const std::string base = "/konsol/warga/" + std::to_string(rec.id);
  if (policy::Allowed(actor, policy::Action::kDecideCitizen, mission)) {
    auto* s = content.AddSectionDictionary("DECIDE");
    s->SetValue("ACTION", base + "/keputusan");
    s->SetIntValue("VERSION", rv.version);
    std::vector<http::Field> fields(2);
    fields[0].name = "decision";
    fields[0].label_key = "console.decision";
    fields[0].type = "select";
    for (const auto& dc : kDecisions) fields[0].options.push_back({dc, T("console.decision." + dc)});
    fields[1].name = "reason";
    fields[1].label_key = "console.reason";
    fields[1].type = "textarea";
    fields[1].required = false;
    fields[1].hint_key = "console.reason.hint";
    fields[1].maxlength = std::to_string(kMaxReason);
    http::IncludeFields(s, fields, v.decision_values, v.decision_errors, c, req.lang,
                        "DECIDE_FIELDS");
  }
  if (policy::Allowed(actor, policy::Action::kAssignWork, mission)) {
    auto* s = content.AddSectionDictionary("ASSIGN");
    s->SetValue("ACTION", base + "/penugasan");
    if (auto staff = d.console->store().MissionStaff(mission); staff.ok()) {
      for (const auto& st : *staff) {
        auto* o = s->AddSectionDictionary("STAFF");
        o->SetIntValue("VALUE", st.account_id);
        o->SetValue("LABEL", st.name + " (" + T("console.role." + st.role) + ")");
        if (st.account_id == rv.assigned_to) o->ShowSection("CHOSEN");
      }
    }
  }
  return page.Finish(status);
}

}  // namespace peduli::console
