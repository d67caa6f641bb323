#include "modules/audit/service.h"
#include "http/pipeline.h"
#include "modules/protection/export.h"
#include "modules/protection/routes.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <utility>

namespace peduli::protection {

using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr const char* kTpl = "modules/protection/templates/";

std::string Q(const Request& req, const char* name) {
  auto v = req.QueryParam(name);
  return v ? *v : "";
}

// The queue's filter from the query string (codes and ids only, never personal data).
store::CaseFilter FilterOf(const Request& req) {
  store::CaseFilter f;
  f.state = Q(req, "state");
  f.category = Q(req, "category");
  f.priority = Q(req, "priority");
  if (Q(req, "state") == "all") {
    f.state.clear();
    f.open_only = false;
  }
  if (Q(req, "mine") == "1" && req.principal) f.assignee_account_id = req.principal->account_id;
  if (Q(req, "escalated") == "1") f.escalated_only = true;
  if (Q(req, "escalated") == "hq") f.min_escalation = 2;
  const std::string due = Q(req, "after_due");
  f.after_id = ToId(Q(req, "after_id"));
  if (!due.empty() && due.size() < 20 && due.find_first_not_of("-0123456789") == std::string::npos) {
    f.after_due = std::stoll(due);
  }
  f.limit = 50;
  return f;
}

void AddSelect(ctemplate::TemplateDictionary& d, const char* section,
               const std::vector<http::Option>& options, const std::string& chosen) {
  for (const auto& [value, label] : options) {
    auto* o = d.AddSectionDictionary(section);
    o->SetValue("VALUE", value);
    o->SetValue("LABEL", label);
    if (value == chosen) o->ShowSection("CHOSEN");
  }
}

std::string Label(const RoutesDeps& d, const Request& req, const std::string& list,
                  const std::string& code) {
  if (code.empty()) return "";
  return d.templates->catalog().Text(req.lang, "protection." + list + "." + code);
}

Response QueuePageResponse(const Request& req, const RoutesDeps& d) {
  auto* p = d.protection;
  const auto f = FilterOf(req);
  auto q = p->Queue(ContextOf(req), f);
  if (!q.ok()) return http::ErrorResponse(req, q.error(), *d.templates);
  http::Page page(*d.templates, req, "protection.queue_title", std::string(kTpl) + "queue.tpl");
  auto& content = page.content();
  const int64_t now = p->Now();
  const std::string scope = policy::ScopeOf(policy::ActorOf(*req.principal));
  content.SetValue("SCOPE", scope.empty() ? d.templates->catalog().Text(req.lang, "protection.all_missions")
                                          : MissionName(*p, scope));
  AddSelect(content, "STATE_OPTION", Options(*d.templates, req, "state", kStates), Q(req, "state"));
  AddSelect(content, "CATEGORY_OPTION", Options(*d.templates, req, "category", kCategories), f.category);
  AddSelect(content, "PRIORITY_OPTION", Options(*d.templates, req, "priority", kPriorities), f.priority);
  if (Q(req, "state") == "all") content.ShowSection("STATE_ALL");
  if (f.assignee_account_id) content.ShowSection("MINE");
  if (f.escalated_only) content.ShowSection("ESCALATED");
  if (f.min_escalation == 2) content.ShowSection("ESCALATED_HQ");
  if (policy::Allowed(policy::ActorOf(*req.principal), policy::Action::kActOnCase,
                      req.principal->mission_code)) {
    content.ShowSection("CAN_OPEN");
  }
  for (size_t i = 0; i < q->cases.size(); ++i) {
    const auto& c = q->cases[i];
    auto* row = content.AddSectionDictionary("CASE");
    row->SetIntValue("ID", static_cast<long>(c.id));
    row->SetValue("TRACKING", c.tracking_number);
    const std::string rag = Rag(c, now);
    row->SetValue("RAG", rag.empty() ? "none" : rag);
    row->SetValue("RAG_LABEL", rag.empty() ? "" : Label(d, req, "rag", rag));
    row->SetValue("PRIORITY", Label(d, req, "priority", c.priority));
    row->SetValue("CATEGORY", Label(d, req, "category", c.category));
    row->SetValue("NAME", c.subject_name);
    if (q->masked[i]) row->ShowSection("MASKED");
    if (c.restricted) row->ShowSection("RESTRICTED");
    row->SetValue("STATE", Label(d, req, "state", c.state));
    row->SetValue("MISSION", MissionName(*p, c.mission_code));
    row->SetValue("DUE", c.due_at ? LocalTime(*p, c.mission_code, c.due_at) : "—");
    if (c.escalation_level > 0) {
      row->SetValueAndShowSection("ESCALATION",
                                  Label(d, req, "escalation", std::to_string(c.escalation_level)),
                                  "ESCALATED_ROW");
    }
    if (c.assignee_account_id) row->ShowSection("ASSIGNED");
  }
  if (q->cases.empty()) content.ShowSection("NONE");
  // The exports cover the whole filter (not this page): its query without the keyset.
  const std::string filter = "?state=" + http::UrlEncode(Q(req, "state")) + "&category=" +
                             http::UrlEncode(f.category) + "&priority=" + http::UrlEncode(f.priority) +
                             "&mine=" + (f.assignee_account_id ? "1" : "") + "&escalated=" +
                             http::UrlEncode(Q(req, "escalated"));
  content.SetValue("EXPORT_CSV", "/konsol/kasus.csv" + filter);
  content.SetValue("EXPORT_XLSX", "/konsol/kasus.xlsx" + filter);
  if (q->next_after_id) {
    std::string next = "/konsol/kasus?state=" + http::UrlEncode(Q(req, "state")) +
                       "&category=" + http::UrlEncode(f.category) + "&priority=" +
                       http::UrlEncode(f.priority) + "&mine=" + (f.assignee_account_id ? "1" : "") +
                       "&escalated=" + http::UrlEncode(Q(req, "escalated")) + "&after_due=" +
                       std::to_string(q->next_after_due) + "&after_id=" + std::to_string(q->next_after_id);
    content.SetValueAndShowSection("NEXT", next, "HAS_NEXT");
  }
  return page.Finish();
}

Response CasePage(const Request& req, const RoutesDeps& d, int64_t id, const std::string& flash,
                  bool flash_error, int status, const std::map<std::string, std::string>& errors = {},
                  const std::string& revealed = "", const std::string& partner_link = "",
                  const std::map<std::string, std::string>& refer_errors = {}) {
  auto* p = d.protection;
  const auto& cat = d.templates->catalog();
  auto v = p->Get(ContextOf(req), id);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  const auto& c = v->c;
  http::Page page(*d.templates, req, "protection.case_title", std::string(kTpl) + "case.tpl");
  auto& content = page.content();
  content.SetIntValue("ID", static_cast<long>(c.id));
  content.SetValue("TRACKING", c.tracking_number);
  content.SetValue("CATEGORY", Label(d, req, "category", c.category));
  content.SetValue("PRIORITY", Label(d, req, "priority", c.priority));
  content.SetValue("STATE", Label(d, req, "state", c.state));
  content.SetValue("STATE_KEY", c.state);
  content.SetValue("SOURCE", Label(d, req, "source", c.source));
  if (!c.channel.empty()) content.SetValueAndShowSection("CHANNEL", Label(d, req, "channel", c.channel), "HAS_CHANNEL");
  content.SetValue("MISSION", MissionName(*p, c.mission_code));
  content.SetValue("CREATED", LocalTime(*p, c.mission_code, c.created_at));
  content.SetValue("DUE", c.due_at ? LocalTime(*p, c.mission_code, c.due_at) : "—");
  content.SetValue("RAG", v->rag.empty() ? "none" : v->rag);
  if (!v->rag.empty()) content.SetValue("RAG_LABEL", Label(d, req, "rag", v->rag));
  if (c.escalation_level > 0) {
    content.SetValueAndShowSection("ESCALATION", Label(d, req, "escalation", std::to_string(c.escalation_level)), "ESCALATED");
  }
  if (c.restricted) content.ShowSection("RESTRICTED");
  content.SetValue("NAME", revealed.empty() ? c.subject_name : revealed);
  if (v->name_masked && revealed.empty()) content.ShowSection("MASKED");
  if (!revealed.empty()) content.ShowSection("REVEALED");
  for (auto [key, val] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"subject_nik", &c.subject_nik}, {"subject_passport", &c.subject_passport},
           {"subject_birth_date", &c.subject_birth_date}, {"country", &c.country},
           {"location", &c.location}, {"phone", &c.phone}, {"employer", &c.employer},
           {"agency", &c.agency}, {"last_contact", &c.last_contact}, {"position", &c.position},
           {"reporter_name", &c.reporter_name}, {"reporter_contact", &c.reporter_contact},
           {"reporter_relation", &c.reporter_relation}, {"external_ref", &c.external_ref}}) {
    if (val->empty()) continue;
    auto* row = content.AddSectionDictionary("DETAIL");
    row->SetValue("LABEL", cat.Text(req.lang, std::string("protection.field.") + key));
    row->SetValue("VALUE", *val);
  }
  content.SetValue("SUMMARY", c.summary);
  if (!c.risk_flags.empty()) {
    std::string flags;
    size_t start = 0;
    while (start <= c.risk_flags.size()) {
      size_t end = c.risk_flags.find(',', start);
      if (end == std::string::npos) end = c.risk_flags.size();
      flags += (flags.empty() ? "" : ", ") + Label(d, req, "risk", c.risk_flags.substr(start, end - start));
      start = end + 1;
    }
    content.SetValueAndShowSection("FLAGS", flags, "HAS_FLAGS");
  }
  if (c.citizen_id) {
    content.SetIntValue("CITIZEN_ID", static_cast<long>(c.citizen_id));
    content.ShowSection("LINKED");
  }
  if (c.assignee_account_id) {
    content.SetIntValue("ASSIGNEE", static_cast<long>(c.assignee_account_id));
    content.ShowSection("ASSIGNED");
  } else {
    content.ShowSection("UNASSIGNED");
  }
  if (v->locked) content.ShowSection("LOCKED");
  for (const auto& a : v->actions) {
    auto* row = content.AddSectionDictionary("ACTION");
    row->SetValue("AT", LocalTime(*p, c.mission_code, a.created_at));
    row->SetValue("KIND", Label(d, req, "kind", a.kind));
    std::string what;
    if (!a.to_state.empty()) what = Label(d, req, "state", a.to_state);
    if (!a.outcome.empty()) what += " · " + Label(d, req, "outcome", a.outcome);
    if (a.amount) what += " · " + std::to_string(*a.amount) + " " + a.currency;
    if (!a.partner.empty()) {
      what += " · " + Label(d, req, "partner", a.partner) + " · " +
              cat.Text(req.lang, a.consent.value_or(false) ? "protection.consent_yes" : "protection.consent_no");
    }
    if (!a.to_mission.empty()) what += MissionName(*p, a.from_mission) + " → " + MissionName(*p, a.to_mission);
    if (a.kind == "assign") what = a.assignee_account_id ? "#" + std::to_string(a.assignee_account_id) : "—";
    if (a.kind == "match") what = "#" + std::to_string(a.citizen_id);
    if (a.kind == "escalate") what = Label(d, req, "escalation", a.body == "hq" ? "2" : "1");
    if (a.kind == "reclassify") {
      what = Label(d, req, "category", a.category) + " · " + Label(d, req, "priority", a.priority);
    }
    row->SetValue("WHAT", what);
    if (a.kind != "escalate") row->SetValue("BODY", a.body);
    row->SetValue("BY", a.actor_account_id ? Label(d, req, "role", a.actor_role) + " #" +
                                                 std::to_string(a.actor_account_id)
                                           : Label(d, req, "role", a.actor_role.empty() ? "public" : a.actor_role));
    if (a.internal) row->ShowSection("INTERNAL");
  }
  if (v->can_act) {
    auto* f = content.AddSectionDictionary("ACT");
    AddSelect(*f, "KIND_OPTION", Options(*d.templates, req, "kind", kActionKinds), "");
    AddSelect(*f, "TO_STATE_OPTION", Options(*d.templates, req, "state", kStates), "");
    AddSelect(*f, "OUTCOME_OPTION", Options(*d.templates, req, "outcome", kOutcomes), "");
    AddSelect(*f, "RE_CATEGORY_OPTION", Options(*d.templates, req, "category", kCategories), c.category);
    AddSelect(*f, "RE_PRIORITY_OPTION", Options(*d.templates, req, "priority", kPriorities), c.priority);
    for (const auto& [field, text] : errors) {
      auto* e = f->AddSectionDictionary("ERROR");
      e->SetValue("TEXT", cat.Text(req.lang, "protection.field." + field) + ": " + text);
    }
    std::vector<http::Option> missions;
    for (const auto& m : p->reference().Missions()) {
      if (!m.closed && m.code != c.mission_code) missions.push_back({m.code, m.code + " · " + m.name});
    }
    AddSelect(*f, "MISSION_OPTION", missions, "");
    for (const auto& pr : v->proposals) {
      auto* m = f->AddSectionDictionary("PROPOSAL");
      m->SetIntValue("CITIZEN_ID", static_cast<long>(pr.citizen_id));
      m->SetValue("NAME", pr.name);
      m->SetValue("NIK", pr.nik_masked);
      m->SetValue("BIRTH_DATE", pr.birth_date);
      m->SetValue("MISSION", MissionName(*p, pr.mission_code));
      m->SetValue("REASON", Label(d, req, "match", pr.reason));
    }
  }
  // Referrals (tracked: state, scope, consent); new ones and revoking need the lock.
  auto referrals = p->CaseReferrals(ContextOf(req), id);
  if (!referrals.ok()) return http::ErrorResponse(req, referrals.error(), *d.templates);
  if (referrals->empty()) content.ShowSection("NO_REFERRALS");
  for (const auto& r : *referrals) {
    auto* row = content.AddSectionDictionary("REFERRAL");
    row->SetIntValue("RID", static_cast<long>(r.id));
    row->SetValue("TO", ReferralTarget(d, req, r));
    row->SetValue("STATE", Label(d, req, "referral_state", r.state));
    row->SetValue("STATE_KEY", r.state);
    row->SetValue("SCOPE_LABEL", Label(d, req, "scope", r.scope));
    row->SetValue("CONSENT", cat.Text(req.lang, r.consent ? "protection.consent_yes"
                                                          : "protection.consent_overridden"));
    row->SetValue("AT", LocalTime(*p, c.mission_code, r.updated_at));
    if (!r.decision_note.empty()) row->SetValueAndShowSection("NOTE", r.decision_note, "HAS_NOTE");
    if (v->can_act && (r.state == "pending" || r.state == "accepted")) row->ShowSection("CAN_REVOKE");
  }
  if (!partner_link.empty()) content.SetValueAndShowSection("LINK", partner_link, "PARTNER_LINK");
  if (v->can_act) {
    auto* f = content.AddSectionDictionary("REFER");
    if (!refer_errors.empty()) f->ShowSection("REFER_OPEN");
    for (const auto& [field, text] : refer_errors) {
      auto* e = f->AddSectionDictionary("ERROR");
      e->SetValue("TEXT", cat.Text(req.lang, "protection.field." + field) + ": " + text);
    }
    AddSelect(*f, "TARGET_OPTION", Options(*d.templates, req, "target", kReferralTargets), "");
    AddSelect(*f, "SCOPE_OPTION", Options(*d.templates, req, "scope", kReferralScopes), "summary");
    AddSelect(*f, "PARTNER_OPTION", Options(*d.templates, req, "partner", kPartners), "");
    std::vector<http::Option> missions;
    for (const auto& m : p->reference().Missions()) {
      if (!m.closed && m.code != c.mission_code) missions.push_back({m.code, m.code + " · " + m.name});
    }
    AddSelect(*f, "RMISSION_OPTION", missions, "");
    if (req.principal->role == "supervisor") f->ShowSection("CAN_OVERRIDE");
  }
  if (v->can_assign) {
    auto* f = content.AddSectionDictionary("ASSIGN");
    std::vector<http::Option> people;
    for (const auto& [aid, name] : p->Assignees(c.mission_code)) {
      people.push_back({std::to_string(aid), name + " (#" + std::to_string(aid) + ")"});
    }
    AddSelect(*f, "ASSIGNEE_OPTION", people, std::to_string(c.assignee_account_id));
  }
  if (v->can_reveal && revealed.empty()) content.ShowSection("REVEAL");
  if (!flash.empty()) page.Flash(flash, flash_error);
  return page.Finish(status);
}

// After a refused form: the case page with why (or the error page when not readable).
Response Refused(const Request& req, const RoutesDeps& d, int64_t id, const Error& e) {
  const auto& c = d.templates->catalog();
  if (e.code == Code::kInvalid) {
    return CasePage(req, d, id, c.Text(req.lang, "protection.fix_errors"), true, 422,
                    http::TranslateErrors(e, c, req.lang));
  }
  if (e.code == Code::kConflict) return CasePage(req, d, id, c.Text(req.lang, e.message), true, 409);
  return http::ErrorResponse(req, e, *d.templates);
}

Response Done(int64_t id, const char* what) {
  return Response::Redirect("/konsol/kasus/" + std::to_string(id) + "?selesai=" + what);
}

Response NewCaseForm(const Request& req, const RoutesDeps& d,
                     const std::map<std::string, std::string>& values, const Error* error, int status) {
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, "protection.new_title", std::string(kTpl) + "new_case.tpl");
  std::map<std::string, std::string> errors;
  if (error) {
    errors = http::TranslateErrors(*error, c, req.lang);
    page.Flash(c.Text(req.lang, "protection.fix_errors"), true);
  }
  std::vector<http::Field> fields;
  http::Field channel{"channel", "protection.field.channel", "select"};
  channel.options = Options(*d.templates, req, "channel", kChannels);
  fields.push_back(channel);
  http::Field priority{"priority", "protection.field.priority", "select"};
  priority.options = Options(*d.templates, req, "priority", kPriorities);
  fields.push_back(priority);
  for (auto& f : ReportFields(*d.protection, *d.templates, req, true)) {
    if (f.name == "reporter_name" || f.name == "reporter_contact") f.required = false;
    fields.push_back(f);
  }
  http::Field phone{"phone", "protection.field.phone", "tel"};
  phone.required = false;
  fields.push_back(phone);
  http::IncludeFields(&page.content(), fields, values, errors, c, req.lang);
  for (const auto& code : kRiskFlags) {
    auto* o = page.content().AddSectionDictionary("RISK");
    o->SetValue("VALUE", code);
    o->SetValue("LABEL", c.Text(req.lang, "protection.risk." + code));
  }
  return page.Finish(status);
}

// The case list export: the whole filter, a keyset page at a time (each page masked and
// audited by ProtectionService::ExportPage). CSV is streamed as the pages come; XLSX is
// written page by page to a private temporary file (libxlsxwriter writes files) and
// streamed from it.
Response ExportResponse(Request& req, const RoutesDeps& d, bool xlsx) {
  auto f = FilterOf(req);
  auto pages = std::make_shared<CaseExportPages>(d.protection, ContextOf(req), f,
                                                 xlsx ? "xlsx" : "csv");
  if (xlsx) {
    char path[] = "/tmp/peduli-kasus-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return http::ErrorResponse(req, Error::Internal("xlsx: no temporary file"), *d.templates);
    close(fd);
    Status s = WriteCasesXlsx(*pages, path);
    auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
    std::remove(path);  // the open stream keeps the bytes until it is closed
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    if (!*file) return http::ErrorResponse(req, Error::Internal("xlsx: cannot read back"), *d.templates);
    Response res = Response::Text("", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.stream = [file]() -> Result<std::optional<std::string>> {
      std::string chunk(64 * 1024, '\0');
      file->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      chunk.resize(static_cast<size_t>(file->gcount()));
      if (chunk.empty()) return std::optional<std::string>();
      return std::optional<std::string>(std::move(chunk));
    };
    res.Set("Content-Disposition", "attachment; filename=\"kasus.xlsx\"");
    return res;
  }
  // The first page is read here, so a refusal or a failing database gets a proper answer.
  auto first = pages->NextCsv();
  if (!first.ok()) return http::ErrorResponse(req, first.error(), *d.templates);
  Response res = Response::Text("", "text/csv; charset=utf-8");
  res.stream = [pages, first = std::move(*first)]() mutable -> Result<std::optional<std::string>> {
    if (first) return std::exchange(first, std::nullopt);
    return pages->NextCsv();
  };
  res.Set("Content-Disposition", "attachment; filename=\"kasus.csv\"");
  return res;
}

}  // namespace

void RegisterConsoleRoutes(http::Router& r, const RoutesDeps& d) {
  auto* p = d.protection;
  // Before "/konsol/kasus/:id": the router takes the first pattern that matches.
  RegisterReferralConsoleRoutes(r, d);

  r.Get("/konsol/kasus", Access::kSignedIn, [d](Request& req) {
    return QueuePageResponse(req, d);
  }, "Protection cases of the actor's scope: red/amber/green by deadline, filters, pages (staff; audited)");

  r.Get("/konsol/kasus.csv", Access::kSignedIn, [d](Request& req) {
    return ExportResponse(req, d, false);
  }, "Every case under the queue's filter as CSV, streamed (restricted cases' names masked as in the list; audited)");

  r.Get("/konsol/kasus.xlsx", Access::kSignedIn, [d](Request& req) {
    return ExportResponse(req, d, true);
  }, "Every case under the queue's filter as XLSX (restricted cases' names masked as in the list; audited)");

  r.Get("/konsol/kasus/baru", Access::kSignedIn, [d](Request& req) {
    const auto actor = policy::ActorOf(*req.principal);
    if (!policy::Allowed(actor, policy::Action::kActOnCase, actor.mission_code)) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    return NewCaseForm(req, d, {}, nullptr, 200);
  }, "Open a case from a walk-in, a hotline call or the news (form)");

  r.Post("/konsol/kasus/baru", Access::kSignedIn, [d, p](Request& req) {
    std::map<std::string, std::string> values;
    for (const auto& [k, v] : req.Form()) {
      if (k != "_csrf" && k != "risk") values[k] = v;
    }
    OpenRequest in = RequestFrom(values);
    in.source = "officer";
    in.mission_code.clear();  // the officer's own mission
    for (auto [it, end] = req.Form().equal_range("risk"); it != end; ++it) in.risk_flags.push_back(it->second);
    auto opened = p->OpenCase(ContextOf(req), in);
    if (!opened.ok()) {
      if (opened.error().code == Code::kInvalid) return NewCaseForm(req, d, values, &opened.error(), 422);
      return http::ErrorResponse(req, opened.error(), *d.templates);
    }
    return Done(opened->c.id, "baru");
  }, "Open a case at the officer's mission");

  r.Get("/konsol/kasus/:id", Access::kSignedIn, [d](Request& req) {
    std::string flash;
    if (auto done = req.QueryParam("selesai")) {
      static const std::vector<std::string> known = {"baru",    "tindakan", "penugasan", "pindah",
                                                     "cocokkan", "rujuk",   "cabut"};
      if (std::find(known.begin(), known.end(), *done) != known.end()) {
        flash = d.templates->catalog().Text(req.lang, "protection.done." + *done);
      }
    }
    return CasePage(req, d, PathId(req), flash, false, 200);
  }, "One case: details, timeline and the forms the actor may use (staff; audited)");

  r.Post("/konsol/kasus/:id/tindakan", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    ActionInput in;
    in.kind = req.FormValue("kind");
    in.body = req.FormValue("body");
    in.internal = req.FormValue("public") != "yes";
    in.to_state = req.FormValue("to_state");
    in.outcome = req.FormValue("outcome");
    in.amount = req.FormValue("amount");
    in.currency = req.FormValue("currency");
    in.category = req.FormValue("category");
    in.priority = req.FormValue("priority");
    auto res = p->Act(ContextOf(req), id, in);
    if (!res.ok()) return Refused(req, d, id, res.error());
    return Done(id, "tindakan");
  }, "Add an action to a case: note, contact attempt, visit, legal aid, change of state, "
     "re-triage (category and priority)");

  r.Post("/konsol/kasus/:id/penugasan", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    auto res = p->Assign(ContextOf(req), id, ToId(req.FormValue("assignee")));
    if (!res.ok()) return Refused(req, d, id, res.error());
    return Done(id, "penugasan");
  }, "Assign a case to an officer of its mission (the lock; supervisor)");

  r.Post("/konsol/kasus/:id/pindah", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    auto res = p->Transfer(ContextOf(req), id, req.FormValue("to_mission"), req.FormValue("reason"));
    if (!res.ok()) return Refused(req, d, id, res.error());
    return Response::Redirect("/konsol/kasus?selesai=pindah");
  }, "Transfer a case to another mission or HQ (the receiver owns it from then on)");

  r.Post("/konsol/kasus/:id/cocokkan", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    auto res = p->ConfirmMatch(ContextOf(req), id, ToId(req.FormValue("citizen_id")));
    if (!res.ok()) return Refused(req, d, id, res.error());
    return Done(id, "cocokkan");
  }, "Confirm the Lapor Diri record a case is about");

  r.Post("/konsol/kasus/:id/buka-nama", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    auto name = p->Reveal(ContextOf(req), id, req.FormValue("reason"));
    if (!name.ok()) return Refused(req, d, id, name.error());
    // Shown in this response only: revealing again needs another reason.
    return CasePage(req, d, id, "", false, 200, {}, *name);
  }, "Reveal the masked name of a restricted case, with a reason (audited)");

  r.Post("/konsol/kasus/:id/rujuk", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    ReferralInput in;
    in.to_kind = req.FormValue("to_kind");
    in.to_mission = req.FormValue("to_mission");
    in.partner = req.FormValue("partner");
    in.partner_name = req.FormValue("partner_name");
    in.partner_email = req.FormValue("partner_email");
    in.scope = req.FormValue("scope");
    in.reason = req.FormValue("reason");
    in.consent = req.FormValue("consent") == "yes";
    in.override_consent = req.FormValue("override_consent") == "yes";
    in.override_reason = req.FormValue("override_reason");
    auto made = p->Refer(ContextOf(req), id, in);
    if (!made.ok()) {
      const auto& c = d.templates->catalog();
      if (made.error().code == Code::kInvalid) {
        return CasePage(req, d, id, c.Text(req.lang, "protection.fix_errors"), true, 422, {}, "", "",
                        http::TranslateErrors(made.error(), c, req.lang));
      }
      return Refused(req, d, id, made.error());
    }
    if (!made->link_token.empty()) {
      // The partner's link is shown once, here; only its hash is stored.
      return CasePage(req, d, id, d.templates->catalog().Text(req.lang, "protection.done.rujuk"),
                      false, 200, {}, "", "/rujukan/" + made->link_token);
    }
    return Done(id, "rujuk");
  }, "Refer a case to another mission, HQ or a partner: consent (or a supervisor's audited override) and what the receiver sees");

  r.Post("/konsol/kasus/:id/rujukan/:ref/cabut", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    auto res = p->Revoke(ContextOf(req), id, ToId(req.params["ref"]), req.FormValue("note"));
    if (!res.ok()) return Refused(req, d, id, res.error());
    return Done(id, "cabut");
  }, "Revoke a pending or accepted referral (the referring mission)");
}

}  // namespace peduli::protection
