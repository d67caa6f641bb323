// Referrals (console, partner link, JSON) and the HQ case dashboard. The receiver of a
// referral sees only the limited view its scope allows (ProtectionService::ViewOf).
#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/protection/routes.h"

namespace peduli::protection {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kTpl = "modules/protection/templates/";

std::string L(const RoutesDeps& d, const Request& req, const std::string& list,
              const std::string& code) {
  if (code.empty()) return "";
  return d.templates->catalog().Text(req.lang, "protection." + list + "." + code);
}

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json ReferralJson(const store::ReferralRow& r) {
  return {{"id", r.id}, {"case_id", r.case_id}, {"from_mission", r.from_mission},
          {"to_kind", r.to_kind}, {"to_mission", OrNull(r.to_mission)},
          {"partner", OrNull(r.partner)}, {"partner_name", OrNull(r.partner_name)},
          {"scope", r.scope}, {"consent", r.consent},
          {"override_reason", OrNull(r.override_reason)}, {"reason", r.reason},
          {"state", r.state}, {"note", OrNull(r.decision_note)}, {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

// The receiver's view: only the fields the scope let through (empty ones are left out).
json ViewJson(const ReferralView& v) {
  const auto& c = v.c;
  json j = ReferralJson(v.r);
  json cj = {{"tracking_number", c.tracking_number}, {"category", c.category},
             {"priority", c.priority}, {"restricted", c.restricted}, {"state", c.state},
             {"country", OrNull(c.country)}, {"summary", c.summary},
             {"subject_name", c.subject_name}, {"name_masked", v.name_masked}};
  for (auto [k, val] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"phone", &c.phone}, {"location", &c.location}, {"subject_nik", &c.subject_nik},
           {"subject_passport", &c.subject_passport}, {"subject_birth_date", &c.subject_birth_date},
           {"employer", &c.employer}, {"agency", &c.agency}, {"last_contact", &c.last_contact},
           {"risk_flags", &c.risk_flags}}) {
    if (!val->empty()) cj[k] = *val;
  }
  if (v.full) {
    json entries = json::array();
    for (const auto& e : v.entries) {
      entries.push_back({{"at", e.at}, {"kind", e.kind}, {"to_state", OrNull(e.to_state)},
                         {"outcome", OrNull(e.outcome)}, {"body", OrNull(e.body)}});
    }
    cj["timeline"] = entries;
  }
  j["case"] = cj;
  j["can_decide"] = v.can_decide;
  j["can_finish"] = v.can_finish;
  return j;
}

Response ViewPage(const Request& req, const RoutesDeps& d, const ReferralView& v,
                  const std::string& action, bool console, const std::string& flash = "",
                  bool flash_error = false, int status = 200) {
  auto* p = d.protection;
  const auto& cat = d.templates->catalog();
  http::Page page(*d.templates, req, "protection.referral_title", std::string(kTpl) + "referral.tpl");
  auto& t = page.content();
  const auto& c = v.c;
  if (console) t.ShowSection("CONSOLE");
  t.SetValue("TRACKING", c.tracking_number);
  t.SetValue("STATE", L(d, req, "referral_state", v.r.state));
  t.SetValue("STATE_KEY", v.r.state);
  t.SetValue("SCOPE_LABEL", L(d, req, "scope", v.r.scope));
  t.SetValue("FROM", MissionName(*p, v.r.from_mission));
  if (!v.r.partner.empty()) t.SetValueAndShowSection("PARTNER", ReferralTarget(d, req, v.r), "HAS_PARTNER");
  t.SetValue("REASON", v.r.reason);
  t.SetValue("NAME", c.subject_name);
  if (v.name_masked) t.ShowSection("MASKED");
  t.SetValue("CATEGORY", L(d, req, "category", c.category));
  t.SetValue("PRIORITY", L(d, req, "priority", c.priority));
  if (c.restricted) t.ShowSection("RESTRICTED");
  t.SetValue("COUNTRY", c.country.empty() ? "—" : std::string(p->reference().CountryName(c.country, req.lang)));
  for (auto [key, val] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"phone", &c.phone}, {"location", &c.location}, {"subject_nik", &c.subject_nik},
           {"subject_passport", &c.subject_passport}, {"subject_birth_date", &c.subject_birth_date},
           {"employer", &c.employer}, {"agency", &c.agency}, {"last_contact", &c.last_contact}}) {
    if (val->empty()) continue;
    auto* row = t.AddSectionDictionary("DETAIL");
    row->SetValue("LABEL", cat.Text(req.lang, std::string("protection.field.") + key));
    row->SetValue("VALUE", *val);
  }
  t.SetValue("SUMMARY", c.summary);
  if (!v.r.decision_note.empty()) t.SetValueAndShowSection("NOTE", v.r.decision_note, "HAS_NOTE");
  if (v.full) {
    auto* f = t.AddSectionDictionary("FULL");
    for (const auto& e : v.entries) {
      auto* row = f->AddSectionDictionary("ENTRY");
      row->SetValue("AT", LocalTime(*p, c.mission_code, e.at));
      std::string what = L(d, req, "kind", e.kind);
      if (!e.to_state.empty()) what += " · " + L(d, req, "state", e.to_state);
      if (!e.outcome.empty()) what += " · " + L(d, req, "outcome", e.outcome);
      row->SetValue("WHAT", what);
      if (!e.body.empty()) row->SetValueAndShowSection("BODY", e.body, "HAS_BODY");
    }
  }
  if (v.can_decide || v.can_finish) {
    auto* f = t.AddSectionDictionary("DECIDE");
    f->SetValue("ACTION", action);
    if (v.can_decide) f->ShowSection("CAN_DECIDE");
    if (v.can_finish) f->ShowSection("CAN_FINISH");
  }
  if (!flash.empty()) page.Flash(flash, flash_error);
  return page.Finish(status);
}

// After a refused decision: the view again with why (409: the state moved on).
Response DecisionRefused(const Request& req, const RoutesDeps& d, const Error& e,
                         const std::function<Result<ReferralView>()>& view,
                         const std::string& action, bool console) {
  if (e.code != Code::kConflict && e.code != Code::kInvalid) {
    return http::ErrorResponse(req, e, *d.templates);
  }
  auto v = view();
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  const auto& cat = d.templates->catalog();
  std::string msg = cat.Text(req.lang, e.message);
  if (e.code == Code::kInvalid) {
    msg.clear();
    for (const auto& [field, text] : http::TranslateErrors(e, cat, req.lang)) {
      msg += cat.Text(req.lang, "protection.field." + field) + ": " + text + " ";
    }
  }
  return ViewPage(req, d, *v, action, console, msg, true, e.code == Code::kConflict ? 409 : 422);
}

Response DashboardPage(const Request& req, const RoutesDeps& d) {
  auto* p = d.protection;
  auto q = [&](const char* k) { auto v = req.QueryParam(k); return v ? *v : std::string(); };
  auto rows = p->Dashboard(ContextOf(req), q("mission"), q("category"));
  if (!rows.ok()) return http::ErrorResponse(req, rows.error(), *d.templates);
  http::Page page(*d.templates, req, "protection.dashboard_title", std::string(kTpl) + "dashboard.tpl");
  auto& t = page.content();
  std::vector<http::Option> missions;
  const auto actor = policy::ActorOf(*req.principal);
  if (policy::ScopeOf(actor).empty()) {
    t.ShowSection("HQ");
    for (const auto& m : p->reference().Missions()) missions.push_back({m.code, m.code + " · " + m.name});
  }
  for (const auto& [value, label] : missions) {
    auto* o = t.AddSectionDictionary("MISSION_OPTION");
    o->SetValue("VALUE", value);
    o->SetValue("LABEL", label);
    if (value == q("mission")) o->ShowSection("CHOSEN");
  }
  for (const auto& [value, label] : Options(*d.templates, req, "category", kCategories)) {
    auto* o = t.AddSectionDictionary("CATEGORY_OPTION");
    o->SetValue("VALUE", value);
    o->SetValue("LABEL", label);
    if (value == q("category")) o->ShowSection("CHOSEN");
  }
  // Rows: mission x category; columns: the states; plus overdue, escalated, restricted.
  struct Line { std::map<std::string, int64_t> by_state; int64_t total = 0, overdue = 0, escalated = 0, restricted = 0; };
  std::map<std::pair<std::string, std::string>, Line> lines;
  Line all;
  for (const auto& r : *rows) {
    auto& l = lines[{r.mission_code, r.category}];
    for (Line* x : {&l, &all}) {
      x->by_state[r.state] += r.total;
      x->total += r.total;
      x->overdue += r.overdue;
      x->escalated += r.escalated;
      x->restricted += r.restricted;
    }
  }
  for (const auto& s : kStates) {
    t.AddSectionDictionary("STATE_HEAD")->SetValue("LABEL", L(d, req, "state", s));
  }
  auto fill = [&](ctemplate::TemplateDictionary* row, const Line& l) {
    for (const auto& s : kStates) {
      auto it = l.by_state.find(s);
      row->AddSectionDictionary("CELL")->SetIntValue("N", static_cast<long>(it == l.by_state.end() ? 0 : it->second));
    }
    row->SetIntValue("TOTAL", static_cast<long>(l.total));
    row->SetIntValue("OVERDUE", static_cast<long>(l.overdue));
    row->SetIntValue("ESCALATED", static_cast<long>(l.escalated));
    row->SetIntValue("RESTRICTED", static_cast<long>(l.restricted));
  };
  for (const auto& [key, l] : lines) {
    auto* row = t.AddSectionDictionary("LINE");
    row->SetValue("MISSION", MissionName(*p, key.first));
    row->SetValue("MISSION_CODE", key.first);
    row->SetValue("CATEGORY", L(d, req, "category", key.second));
    fill(row, l);
  }
  fill(t.AddSectionDictionary("ALL"), all);
  if (lines.empty()) t.ShowSection("NONE");
  return page.Finish();
}

json DashboardJson(const std::vector<store::CaseCountRow>& rows) {
  json out = json::array();
  json totals = {{"total", 0}, {"overdue", 0}, {"escalated", 0}, {"restricted", 0}};
  for (const auto& r : rows) {
    out.push_back({{"mission_code", r.mission_code}, {"category", r.category}, {"state", r.state},
                   {"total", r.total}, {"overdue", r.overdue}, {"escalated", r.escalated},
                   {"restricted", r.restricted}});
    totals["total"] = totals["total"].get<int64_t>() + r.total;
    totals["overdue"] = totals["overdue"].get<int64_t>() + r.overdue;
    totals["escalated"] = totals["escalated"].get<int64_t>() + r.escalated;
    totals["restricted"] = totals["restricted"].get<int64_t>() + r.restricted;
  }
  return {{"counts", out}, {"totals", totals}};
}

}  // namespace

std::string ReferralTarget(const RoutesDeps& d, const Request& req, const store::ReferralRow& r) {
  if (r.to_kind == "partner") {
    std::string s = L(d, req, "partner", r.partner);
    if (!r.partner_name.empty()) s += " (" + r.partner_name + ")";
    return s;
  }
  return MissionName(*d.protection, r.to_mission);
}

void RegisterReferralConsoleRoutes(http::Router& r, const RoutesDeps& d) {
  auto* p = d.protection;

  r.Get("/konsol/rujukan", Access::kSignedIn, [d, p](Request& req) {
    const bool all = req.QueryParam("semua").value_or("") == "1";
    auto in = p->Incoming(ContextOf(req), !all);
    if (!in.ok()) return http::ErrorResponse(req, in.error(), *d.templates);
    http::Page page(*d.templates, req, "protection.referrals_in", std::string(kTpl) + "referrals_in.tpl");
    auto& t = page.content();
    const std::string scope = policy::ScopeOf(policy::ActorOf(*req.principal));
    t.SetValue("SCOPE", scope.empty() ? d.templates->catalog().Text(req.lang, "protection.all_missions")
                                      : MissionName(*p, scope));
    t.ShowSection(all ? "ALL" : "OPEN_ONLY");
    for (const auto& [ref, c] : *in) {
      auto* row = t.AddSectionDictionary("REFERRAL");
      row->SetIntValue("ID", static_cast<long>(ref.id));
      row->SetValue("TRACKING", c.tracking_number);
      row->SetValue("PRIORITY", L(d, req, "priority", c.priority));
      row->SetValue("CATEGORY", L(d, req, "category", c.category));
      if (c.restricted) row->ShowSection("RESTRICTED");
      row->SetValue("FROM", MissionName(*p, ref.from_mission));
      row->SetValue("TO", MissionName(*p, ref.to_mission));
      row->SetValue("AT", LocalTime(*p, ref.to_mission, ref.created_at));
      row->SetValue("STATE", L(d, req, "referral_state", ref.state));
      row->SetValue("STATE_KEY", ref.state);
      row->SetValue("SCOPE_LABEL", L(d, req, "scope", ref.scope));
    }
    if (in->empty()) t.ShowSection("NONE");
    return page.Finish();
  }, "Referrals to the actor's mission (HQ: to every mission): \"Rujukan masuk\" (staff; audited)");

  r.Get("/konsol/kasus/dasbor", Access::kSignedIn, [d](Request& req) {
    return DashboardPage(req, d);
  }, "The case dashboard: counts by mission, category and state, overdue, escalated, restricted (no names)");

  r.Get("/konsol/kasus/risiko", Access::kSignedIn, [d, p](Request& req) {
    auto rows = p->RiskList(ContextOf(req));
    if (!rows.ok()) return http::ErrorResponse(req, rows.error(), *d.templates);
    http::Page page(*d.templates, req, "protection.risk_title", std::string(kTpl) + "risk.tpl");
    auto& t = page.content();
    const auto actor = policy::ActorOf(*req.principal);
    const bool acts = policy::Allowed(actor, policy::Action::kActOnCase, actor.mission_code);
    if (auto done = req.QueryParam("selesai"); done && *done == "tinjau") {
      page.Flash(d.templates->catalog().Text(req.lang, "protection.risk_reviewed"));
    }
    for (const auto& x : *rows) {
      auto* row = t.AddSectionDictionary("WORKER");
      row->SetIntValue("ID", static_cast<long>(x.citizen_id));
      row->SetValue("NAME", x.full_name);
      row->SetValue("MISSION", MissionName(*p, x.mission_code));
      row->SetValue("AT", LocalTime(*p, x.mission_code, x.verdict_at));
      std::string risks;
      auto detail = json::parse(x.detail, nullptr, false);
      if (detail.is_object() && detail.contains("risks") && detail["risks"].is_array()) {
        for (const auto& code : detail["risks"]) {
          if (code.is_string()) risks += (risks.empty() ? "" : ", ") + L(d, req, "bp2mi", code.get<std::string>());
        }
      }
      row->SetValue("RISKS", risks);
      if (acts && x.mission_code == actor.mission_code) row->ShowSection("ACT");
    }
    if (rows->empty()) t.ShowSection("NONE");
    return page.Finish();
  }, "The mission's BP2MI risk list: migrant workers flagged by BP2MI, to review (staff; audited)");

  r.Post("/konsol/kasus/risiko/:id/tinjau", Access::kSignedIn, [d, p](Request& req) {
    auto s = p->ReviewRisk(ContextOf(req), PathId(req), req.FormValue("note"));
    if (!s.ok()) {
      if (s.error().code == Code::kInvalid || s.error().code == Code::kConflict) {
        return Response::Redirect("/konsol/kasus/risiko");
      }
      return http::ErrorResponse(req, s.error(), *d.templates);
    }
    return Response::Redirect("/konsol/kasus/risiko?selesai=tinjau");
  }, "Mark a worker's BP2MI verdict reviewed, with a note (mission staff; audited)");

  r.Post("/konsol/kasus/risiko/:id/kasus", Access::kSignedIn, [d, p](Request& req) {
    auto opened = p->OpenFromRisk(ContextOf(req), PathId(req));
    if (!opened.ok()) return http::ErrorResponse(req, opened.error(), *d.templates);
    return Response::Redirect("/konsol/kasus/" + std::to_string(opened->c.id) + "?selesai=baru");
  }, "Open a case from the risk list, prefilled from the worker's record and the verdict");

  r.Get("/konsol/rujukan/:id", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    auto v = p->IncomingView(ContextOf(req), id);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    std::string flash;
    if (auto done = req.QueryParam("selesai"); done && (*done == "accept" || *done == "reject" || *done == "done")) {
      flash = d.templates->catalog().Text(req.lang, "protection.referral.decided_" + *done);
    }
    return ViewPage(req, d, *v, "/konsol/rujukan/" + std::to_string(id) + "/keputusan", true, flash);
  }, "An incoming referral: only what its scope allows, no internal notes (receiving mission; audited)");

  r.Post("/konsol/rujukan/:id/keputusan", Access::kSignedIn, [d, p](Request& req) {
    const int64_t id = PathId(req);
    const std::string decision = req.FormValue("decision");
    auto res = p->Decide(ContextOf(req), 0, id, decision, req.FormValue("note"));
    const std::string self = "/konsol/rujukan/" + std::to_string(id);
    if (!res.ok()) {
      return DecisionRefused(req, d, res.error(), [&] { return p->IncomingView(ContextOf(req), id); },
                             self + "/keputusan", true);
    }
    return Response::Redirect(self + "?selesai=" + decision);
  }, "Accept or reject a pending referral, or mark an accepted one done (receiving mission)");
}

void RegisterReferralApiRoutes(http::Router& r, const RoutesDeps& d) {
  auto* p = d.protection;
  const auto* t = d.templates;

  // ---- the partner's secret link (no account) ----
  r.Get("/rujukan/:code", Access::kPublic, [d, p](Request& req) {
    const std::string code = req.params["code"];
    auto v = p->PartnerView(ContextOf(req), code);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    std::string flash;
    if (auto done = req.QueryParam("selesai"); done && (*done == "accept" || *done == "reject" || *done == "done")) {
      flash = d.templates->catalog().Text(req.lang, "protection.referral.decided_" + *done);
    }
    return ViewPage(req, d, *v, "/rujukan/" + code, false, flash);
  }, "A referral through a partner's secret link: only what its scope allows, accept/reject/done");

  r.Post("/rujukan/:code", Access::kPublic, [d, p](Request& req) {
    const std::string code = req.params["code"];
    const std::string decision = req.FormValue("decision");
    auto res = p->PartnerDecide(ContextOf(req), code, decision, req.FormValue("note"));
    if (!res.ok()) {
      return DecisionRefused(req, d, res.error(), [&] { return p->PartnerView(ContextOf(req), code); },
                             "/rujukan/" + code, false);
    }
    return Response::Redirect("/rujukan/" + code + "?selesai=" + decision);
  }, "A partner accepts or rejects a referral, or marks it done, through its secret link");

  // ---- JSON ----
  r.Get("/api/v1/cases/:id/referrals", Access::kSignedIn, [p, t](Request& req) {
    auto rows = p->CaseReferrals(ContextOf(req), PathId(req));
    if (!rows.ok()) return http::ErrorResponse(req, rows.error(), *t);
    json out = json::array();
    for (const auto& x : *rows) out.push_back(ReferralJson(x));
    return Response::Json({{"referrals", out}});
  }, "The referrals of a case with their state, scope and consent (staff who read the case)");

  r.Post("/api/v1/cases/:id/referrals", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    auto s = [&](const char* k) {
      return b->contains(k) && (*b)[k].is_string() ? (*b)[k].get<std::string>() : std::string();
    };
    auto flag = [&](const char* k) { return b->contains(k) && (*b)[k].is_boolean() && (*b)[k].get<bool>(); };
    ReferralInput in{s("to_kind"), s("to_mission"), s("partner"), s("partner_name"), s("scope"),
                     s("reason"), flag("consent"), flag("override_consent"), s("override_reason"),
                     s("partner_email")};
    auto made = p->Refer(ContextOf(req), PathId(req), in);
    if (!made.ok()) return http::ErrorResponse(req, made.error(), *t);
    json j = ReferralJson(made->r);
    if (!made->link_token.empty()) j["partner_link"] = "/rujukan/" + made->link_token;
    return Response::Json(j, 201);
  }, "Refer a case to another mission, HQ or a partner (consent, or a supervisor's audited override; scope; a partner's optional partner_email is sent the secret link)");

  for (const char* decision : {"accept", "reject", "done"}) {
    r.Post(std::string("/api/v1/cases/:id/referrals/:ref/") + decision, Access::kSignedIn,
           [p, t, decision](Request& req) {
             auto b = req.JsonObject();
             std::string note;
             if (b && b->contains("note") && (*b)["note"].is_string()) note = (*b)["note"];
             auto res = p->Decide(ContextOf(req), PathId(req), ToId(req.params["ref"]), decision, note);
             if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
             return Response::Json(ReferralJson(*res));
           },
           std::string("The receiving mission: ") +
               (std::string(decision) == "done" ? "mark an accepted referral done"
                                                : std::string(decision) + " a pending referral") +
               " (409 when its state does not allow it)");
  }

  r.Post("/api/v1/cases/:id/referrals/:ref/revoke", Access::kSignedIn, [p, t](Request& req) {
    auto b = req.JsonObject();
    std::string note;
    if (b && b->contains("note") && (*b)["note"].is_string()) note = (*b)["note"];
    auto res = p->Revoke(ContextOf(req), PathId(req), ToId(req.params["ref"]), note);
    if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
    return Response::Json(ReferralJson(*res));
  }, "The referring mission revokes a pending or accepted referral (409 otherwise)");

  r.Get("/api/v1/referrals", Access::kSignedIn, [p, t](Request& req) {
    const bool all = req.QueryParam("all").value_or("") == "1";
    auto in = p->Incoming(ContextOf(req), !all);
    if (!in.ok()) return http::ErrorResponse(req, in.error(), *t);
    json out = json::array();
    for (const auto& [ref, c] : *in) {
      json j = ReferralJson(ref);
      j["case"] = {{"tracking_number", c.tracking_number}, {"category", c.category},
                   {"priority", c.priority}, {"restricted", c.restricted}, {"country", OrNull(c.country)}};
      out.push_back(j);
    }
    return Response::Json({{"referrals", out}});
  }, "Referrals to the actor's mission (HQ: every mission), open ones unless all=1 (staff; audited)");

  r.Get("/api/v1/referrals/:id", Access::kSignedIn, [p, t](Request& req) {
    auto v = p->IncomingView(ContextOf(req), PathId(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    return Response::Json(ViewJson(*v));
  }, "An incoming referral as its receiver sees it: only what the scope allows (audited)");

  r.Get("/api/v1/missions/:mission/risk", Access::kSignedIn, [p, t](Request& req) {
    auto rows = p->RiskList(ContextOf(req), req.params["mission"]);
    if (!rows.ok()) return http::ErrorResponse(req, rows.error(), *t);
    json out = json::array();
    for (const auto& x : *rows) {
      auto detail = json::parse(x.detail, nullptr, false);
      out.push_back({{"citizen_id", x.citizen_id}, {"name", x.full_name},
                     {"mission_code", x.mission_code}, {"verdict", x.verdict_state},
                     {"risks", detail.is_object() && detail.contains("risks") ? detail["risks"] : json::array()},
                     {"verdict_at", x.verdict_at}});
    }
    return Response::Json({{"workers", out}});
  }, "A mission's BP2MI risk list: flagged migrant workers not yet reviewed (its staff and HQ; audited)");

  r.Get("/api/v1/protection/dashboard", Access::kSignedIn, [p, t](Request& req) {
    auto q = [&](const char* k) { auto v = req.QueryParam(k); return v ? *v : std::string(); };
    auto rows = p->Dashboard(ContextOf(req), q("mission"), q("category"));
    if (!rows.ok()) return http::ErrorResponse(req, rows.error(), *t);
    return Response::Json(DashboardJson(*rows));
  }, "Case counts by mission, category and state with overdue, escalated and restricted counts (no names)");
}

}  // namespace peduli::protection
