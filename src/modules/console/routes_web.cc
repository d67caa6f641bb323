#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/console/common.h"
#include "modules/console/record_page.h"

namespace peduli::console {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kTpl = "modules/console/templates/";

// Only the console's own pages are places to go back to after giving a purpose.
std::string SafeNext(const std::string& next) {
  if (next.rfind("/konsol", 0) != 0 || next.find("//") != std::string::npos ||
      next.find('\\') != std::string::npos) {
    return "/konsol";
  }
  return next;
}

std::string MissionName(const RoutesDeps& d, const std::string& code) {
  const auto* m = d.ref->FindMission(code);
  return m ? m->name : code;
}

std::string TzOf(const RoutesDeps& d, const std::string& code) {
  const auto* m = d.ref->FindMission(code);
  return m ? m->timezone : "UTC";
}

std::string DateText(const std::string& iso) {
  auto dd = Date::Parse(iso);
  return dd ? FormatDateId(*dd) : iso;
}

// The queue's link with the filters of `q`, changed by `tab`/`state`/`after`.
std::string QueueLink(const QueueQuery& q, const std::string& tab, const std::string& state,
                      const std::string& after) {
  std::string url = "/konsol?tab=" + http::UrlEncode(tab) + "&state=" + http::UrlEncode(state);
  if (!q.category.empty()) url += "&category=" + http::UrlEncode(q.category);
  if (!q.from.empty() || !q.to.empty()) {
    url += "&date=" + http::UrlEncode(q.date_field) + "&from=" + http::UrlEncode(q.from) +
           "&to=" + http::UrlEncode(q.to);
  }
  if (q.mine) url += "&mine=1";
  if (!after.empty()) url += "&after=" + http::UrlEncode(after);
  return url;
}

Response QueuePage(Request& req, const RoutesDeps& d) {
  const auto& c = d.templates->catalog();
  auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
  const Actor actor = policy::ActorOf(*req.principal);
  if (!policy::Allowed(actor, policy::Action::kReadWorkQueue, policy::ScopeOf(actor))) {
    return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
  }
  http::Page page(*d.templates, req, "console.title", std::string(kTpl) + "queue.tpl");
  auto& content = page.content();
  auto parsed = ParseQueue(req);
  QueueQuery q;
  int status = 200;
  if (parsed.ok()) {
    q = *parsed;
  } else {
    page.Flash(T("console.filter.invalid"), true);
    status = 422;
  }
  std::vector<int64_t> ids;
  auto out = LoadQueue(q, actor, d, &ids);
  if (!out.ok()) return http::ErrorResponse(req, out.error(), *d.templates);
  auto audited = d.audit->Record(actor, "read_work_queue", 0, PurposeOr(req, d, "work_queue"),
                                 req.remote_ip, req.request_id,
                                 {{"tab", q.tab}, {"state", q.state}}, ids);
  if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);

  const json& counts = (*out)["counts"];
  content.SetValue("SCOPE", actor.mission_code.empty() ? T("console.scope.all")
                                                       : MissionName(d, actor.mission_code));
  struct Tab { const char* tab; const char* state; const char* label; const char* count; };
  const Tab tabs[] = {
      {"laporan", "submitted", "console.tab.submitted", "submitted"},
      {"laporan", "correction_requested", "console.tab.correction_requested", "correction_requested"},
      {"laporan", "verified", "console.tab.verified", "verified"},
      {"laporan", "rejected", "console.tab.rejected", "rejected"},
      {"perhatian", "submitted", "console.tab.attention", "attention"},
      {"duplikat", "submitted", "console.tab.duplicates", "duplicates"},
  };
  for (const auto& tb : tabs) {
    auto* s = content.AddSectionDictionary("TAB");
    s->SetValue("HREF", QueueLink(q, tb.tab, tb.state, ""));
    s->SetValue("LABEL", T(tb.label));
    s->SetIntValue("COUNT", counts.value(tb.count, int64_t{0}));
    s->SetValue("KEY", std::string(tb.tab) + "-" + tb.state);
    bool current = q.tab == tb.tab && (q.tab != "laporan" || q.state == tb.state);
    if (current) s->ShowSection("CURRENT");
  }
  // The filter form (GET: filters name no person).
  content.SetValue("TAB_VALUE", q.tab);
  for (const auto& st : kStates) {
    auto* o = content.AddSectionDictionary("STATE_OPTION");
    o->SetValue("VALUE", st);
    o->SetValue("LABEL", T("console.state." + st));
    if (st == q.state) o->ShowSection("CHOSEN");
  }
  for (const auto& cat : registry::kCategories) {
    auto* o = content.AddSectionDictionary("CATEGORY_OPTION");
    o->SetValue("VALUE", cat);
    o->SetValue("LABEL", T("category." + cat));
    if (cat == q.category) o->ShowSection("CHOSEN");
  }
  content.ShowSection(q.date_field == "arrival" ? "DATE_ARRIVAL" : "DATE_SUBMITTED");
  content.SetValue("FROM", q.from);
  content.SetValue("TO", q.to);
  if (!actor.mission_code.empty()) {
    auto* m = content.AddSectionDictionary("CAN_BE_ASSIGNED");
    if (q.mine) m->ShowSection("MINE");
  }

  const json& items = (*out)["items"];
  if (items.empty()) content.ShowSection("EMPTY");
  for (const auto& it : items) {
    const std::string mission = it.value("mission_code", "");
    if (q.tab == "laporan") {
      auto* s = content.AddSectionDictionary("REPORT");
      s->SetValue("HREF", "/konsol/warga/" + std::to_string(it["citizen_id"].get<int64_t>()));
      s->SetValue("NAME", it.value("full_name", ""));
      s->SetValue("NIK", it.value("nik", ""));
      s->SetValue("CATEGORY", T("category." + it.value("category", "other")));
      s->SetValue("MISSION", MissionName(d, mission));
      s->SetValue("ARRIVAL", it["arrival_date"].is_string() ? DateText(it["arrival_date"]) : "");
      s->SetValue("SUBMITTED", FormatLocalDate(it["submitted_at"].get<int64_t>(), TzOf(d, mission)));
      s->SetValue("STATE", T("console.state." + it.value("state", "submitted")));
      if (it["assigned_to"].is_object()) {
        s->SetValueAndShowSection("ASSIGNEE", it["assigned_to"].value("name", ""), "ASSIGNED");
      }
      for (auto& [system, state] : it["verification"].items()) {
        auto* b = s->AddSectionDictionary("VERDICT");
        b->SetValue("STATE", state.get<std::string>());
        b->SetValue("TEXT", T("check." + system + "." + state.get<std::string>()));
      }
    } else if (q.tab == "perhatian") {
      auto* s = content.AddSectionDictionary("ATTENTION");
      s->SetValue("HREF", "/konsol/warga/" + std::to_string(it["citizen_id"].get<int64_t>()));
      s->SetValue("NAME", it.value("full_name", ""));
      s->SetValue("NIK", it.value("nik", ""));
      s->SetValue("CATEGORY", T("category." + it.value("category", "other")));
      s->SetValue("MISSION", MissionName(d, mission));
      s->SetValue("STATE", it.value("state", ""));
      s->SetValue("TEXT", T("check." + it.value("system", "") + "." + it.value("state", "")));
      s->SetValue("UPDATED", FormatLocalDate(it["updated_at"].get<int64_t>(), TzOf(d, mission)));
    } else {
      auto* s = content.AddSectionDictionary("DUPLICATE");
      s->SetValue("HREF", it.value("href", ""));
      s->SetValue("RECORD_HREF", "/konsol/warga/" + std::to_string(it["citizen_id"].get<int64_t>()));
      s->SetValue("NAME", it.value("full_name", ""));
      s->SetValue("NIK", it.value("nik", ""));
      s->SetValue("MISSION", MissionName(d, mission));
      s->SetValue("CREATED", FormatLocalDate(it["created_at"].get<int64_t>(), TzOf(d, mission)));
    }
  }
  if ((*out)["next_after"].is_string()) {
    content.SetValueAndShowSection("NEXT_HREF", QueueLink(q, q.tab, q.state, (*out)["next_after"]),
                                   "HAS_NEXT");
  }
  if (q.tab == "laporan") content.ShowSection("FILTERS");
  return page.Finish(status);
}

// The search form, and its results when `run`.
Response SearchPage(Request& req, const RoutesDeps& d, bool run) {
  const auto& c = d.templates->catalog();
  auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
  const Actor actor = policy::ActorOf(*req.principal);
  const std::string scope = policy::ScopeOf(actor);
  if (!policy::Allowed(actor, policy::Action::kSearchCitizens, scope)) {
    return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
  }
  http::Page page(*d.templates, req, "console.search.title", std::string(kTpl) + "search.tpl");
  auto& content = page.content();
  std::string kind_text = run ? req.FormValue("kind") : "name";
  if (kind_text.empty()) kind_text = "name";
  const std::string q = run ? req.FormValue("q") : "";
  std::map<std::string, std::string> values = {{"kind", kind_text}, {"q", q}};
  std::map<std::string, std::string> errors;
  int status = 200;
  if (run) {
    search::SearchRequest sr;
    sr.mission_code = scope;
    sr.q = q;
    sr.limit = 20;
    try {
      sr.after_id = std::stoll(req.FormValue("after").empty() ? "0" : req.FormValue("after"));
    } catch (const std::exception&) {
      sr.after_id = 0;
    }
    bool kind_ok = true;
    if (kind_text == "name") sr.kind = store::SearchQuery::kName;
    else if (kind_text == "nik") sr.kind = store::SearchQuery::kNik;
    else if (kind_text == "passport") sr.kind = store::SearchQuery::kPassport;
    else if (kind_text == "phone") sr.kind = store::SearchQuery::kPhone;
    else kind_ok = false;
    auto result = kind_ok ? d.search->Search(sr)
                          : Result<store::SearchPage>(Error::Invalid("kind", "err.choice"));
    if (!result.ok()) {
      errors = http::TranslateErrors(result.error(), c, req.lang);
      status = http::HttpStatus(result.error().code);
    } else {
      std::vector<int64_t> ids;
      for (const auto& h : result->hits) ids.push_back(h.citizen_id);
      // The terms and what they found are recorded before anything is shown.
      auto audited = d.audit->Record(actor, "search", 0, PurposeOr(req, d, "search"),
                                     req.remote_ip, req.request_id,
                                     {{"kind", kind_text}, {"q", q}, {"scope", scope}}, ids);
      if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
      content.ShowSection("RESULTS");
      if (result->hits.empty()) content.ShowSection("NO_HITS");
      for (const auto& h : result->hits) {
        auto* s = content.AddSectionDictionary("HIT");
        s->SetValue("HREF", "/konsol/warga/" + std::to_string(h.citizen_id));
        s->SetValue("NAME", h.full_name);
        s->SetValue("NIK", h.nik_masked);
        s->SetValue("MISSION", MissionName(d, h.mission_code));
        s->SetValue("STATUS", T("status." + h.status));
      }
      if (result->next_after_id) {
        auto* n = content.AddSectionDictionary("NEXT");
        n->SetValue("KIND", kind_text);
        n->SetValue("Q", q);
        n->SetIntValue("AFTER", result->next_after_id);
      }
    }
  }
  std::vector<http::Field> fields(2);
  fields[0].name = "kind";
  fields[0].label_key = "console.search.kind";
  fields[0].type = "select";
  for (const char* k : {"name", "nik", "passport", "phone"}) {
    fields[0].options.push_back({k, T(std::string("console.search.kind.") + k)});
  }
  fields[1].name = "q";
  fields[1].label_key = "console.search.q";
  fields[1].autocomplete = "off";
  http::IncludeFields(&content, fields, values, errors, c, req.lang);
  return page.Finish(status);
}

Response PurposePage(Request& req, const RoutesDeps& d, const std::string& next,
                     const std::string& chosen, const std::map<std::string, std::string>& errors,
                     int status) {
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, "console.purpose.title", std::string(kTpl) + "purpose.tpl");
  auto& content = page.content();
  content.SetValue("NEXT", next);
  for (const auto& p : kPurposes) {
    auto* s = content.AddSectionDictionary("PURPOSE");
    s->SetValue("VALUE", p);
    s->SetValue("LABEL", c.Text(req.lang, "console.purpose." + p));
    s->SetValue("HINT", c.Text(req.lang, "console.purpose." + p + ".hint"));
    if (p == chosen) s->ShowSection("CHOSEN");
  }
  if (auto it = errors.find("purpose"); it != errors.end()) {
    content.SetValueAndShowSection("ERROR", it->second, "HAS_ERROR");
  }
  return page.Finish(status);
}

// Back to the record (a GET) once the purpose is given, also from its forms' POSTs.
Response ToPurpose(const Request& req) {
  return Response::Redirect("/konsol/tujuan?next=" +
                            http::UrlEncode("/konsol/warga/" + req.params.at("id")));
}

}  // namespace

void RegisterWebRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;

  r.Get("/konsol", Access::kSignedIn, [d](Request& req) { return QueuePage(req, d); },
        "The work queue (staff; the actor's jurisdiction; audited)");

  r.Get("/konsol/cari", Access::kSignedIn, [d](Request& req) { return SearchPage(req, d, false); },
        "The search form (staff)");
  r.Post("/konsol/cari", Access::kSignedIn, [d](Request& req) { return SearchPage(req, d, true); },
         "Search citizens; the terms travel in the body, never the URL (staff; audited)");

  r.Get("/konsol/tujuan", Access::kSignedIn, [d, t](Request& req) {
    if (!policy::IsStaff(req.principal->role)) return http::ErrorResponse(req, Error::Forbidden(), *t);
    return PurposePage(req, d, SafeNext(req.QueryParam("next").value_or("/konsol")),
                       d.console->Purpose(req.principal->csrf), {}, 200);
  }, "Ask for the purpose of this session (staff)");

  r.Post("/konsol/tujuan", Access::kSignedIn, [d, t](Request& req) {
    if (!policy::IsStaff(req.principal->role)) return http::ErrorResponse(req, Error::Forbidden(), *t);
    const std::string next = SafeNext(req.FormValue("next"));
    auto s = d.console->SetPurpose(req.principal->account_id, req.principal->csrf,
                                   req.FormValue("purpose"));
    if (!s.ok()) {
      return PurposePage(req, d, next, req.FormValue("purpose"),
                         http::TranslateErrors(s.error(), t->catalog(), req.lang),
                         http::HttpStatus(s.error().code));
    }
    return Response::Redirect(next);
  }, "Set the purpose of this session (staff)");

  r.Get("/konsol/warga/:id", Access::kSignedIn, [d, t](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kReadCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    const std::string purpose = d.console->Purpose(req.principal->csrf);
    if (purpose.empty()) return ToPurpose(req);
    RecordView v;
    if (req.QueryParam("keputusan")) v.flash = "console.decision.saved";
    if (req.QueryParam("penugasan")) v.flash = "console.assign.saved";
    return RecordPage(req, d, *rec, purpose, v);
  }, "A citizen's record (staff of the citizen's mission, HQ; asks for a purpose; audited)");

  r.Post("/konsol/warga/:id/keputusan", Access::kSignedIn, [d, t](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kDecideCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    const std::string purpose = d.console->Purpose(req.principal->csrf);
    if (purpose.empty()) return ToPurpose(req);
    int64_t version = -1;
    try {
      version = std::stoll(req.FormValue("version"));
    } catch (const std::exception&) {
    }
    auto decided = d.console->Decide(policy::ActorOf(*req.principal), rec->id,
                                     req.FormValue("decision"), req.FormValue("reason"), version,
                                     OriginOf(req, purpose));
    if (decided.ok()) {
      return Response::Redirect("/konsol/warga/" + std::to_string(rec->id) + "?keputusan=1");
    }
    RecordView v;
    v.decision_values = {{"decision", req.FormValue("decision")}, {"reason", req.FormValue("reason")}};
    if (decided.error().code == Code::kInvalid) {
      v.decision_errors = http::TranslateErrors(decided.error(), t->catalog(), req.lang);
    } else if (decided.error().code == Code::kConflict) {
      v.flash = decided.error().message;
      v.flash_error = true;
    } else {
      return http::ErrorResponse(req, decided.error(), *t);
    }
    return RecordPage(req, d, *rec, purpose, v, http::HttpStatus(decided.error().code));
  }, "Decide the report: verify, reject or request a correction (officers of the citizen's "
     "mission)");

  r.Post("/konsol/warga/:id/penugasan", Access::kSignedIn, [d, t](Request& req) {
    const Actor actor = policy::ActorOf(*req.principal);
    if (!policy::Allowed(actor, policy::Action::kAssignWork, policy::ScopeOf(actor))) {
      return http::ErrorResponse(req, Error::Forbidden(), *t);
    }
    auto rec = Authorised(req, d, policy::Action::kAssignWork);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    int64_t assignee = 0;
    try {
      if (!req.FormValue("assignee").empty()) assignee = std::stoll(req.FormValue("assignee"));
    } catch (const std::exception&) {
      assignee = -1;
    }
    const std::string purpose = d.console->Purpose(req.principal->csrf);
    auto s = d.console->Assign(actor, rec->id, MissionOf(*rec), assignee,
                               OriginOf(req, purpose.empty() ? "work_queue" : purpose));
    if (s.ok()) {
      return Response::Redirect("/konsol/warga/" + std::to_string(rec->id) + "?penugasan=1");
    }
    if (s.error().code != Code::kInvalid) return http::ErrorResponse(req, s.error(), *t);
    if (purpose.empty()) return ToPurpose(req);
    RecordView v;
    v.flash = "console.assign.invalid";
    v.flash_error = true;
    return RecordPage(req, d, *rec, purpose, v, 422);
  }, "Give the report to an officer of the mission (supervisors)");
}

}  // namespace peduli::console
