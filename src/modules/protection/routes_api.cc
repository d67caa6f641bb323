#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/audit/service.h"
#include "modules/protection/routes.h"

namespace peduli::protection {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
json IdOrNull(int64_t v) { return v ? json(v) : json(nullptr); }

// The case as officers see it (masked fields already masked by the service).
json CaseJson(const store::CaseRow& c, int64_t now) {
  return {{"id", c.id}, {"tracking_number", c.tracking_number}, {"mission_code", c.mission_code},
          {"source", c.source}, {"channel", OrNull(c.channel)}, {"category", c.category},
          {"priority", c.priority}, {"risk_flags", OrNull(c.risk_flags)},
          {"restricted", c.restricted}, {"state", c.state}, {"outcome", OrNull(c.outcome)},
          {"assignee_account_id", IdOrNull(c.assignee_account_id)},
          {"citizen_id", IdOrNull(c.citizen_id)}, {"subject_name", c.subject_name},
          {"subject_nik", OrNull(c.subject_nik)}, {"subject_passport", OrNull(c.subject_passport)},
          {"subject_birth_date", OrNull(c.subject_birth_date)}, {"country", OrNull(c.country)},
          {"location", OrNull(c.location)}, {"employer", OrNull(c.employer)},
          {"agency", OrNull(c.agency)}, {"phone", OrNull(c.phone)},
          {"last_contact", OrNull(c.last_contact)}, {"summary", c.summary},
          {"position", OrNull(c.position)}, {"reporter_name", OrNull(c.reporter_name)},
          {"reporter_contact", OrNull(c.reporter_contact)},
          {"reporter_relation", OrNull(c.reporter_relation)},
          {"external_ref", OrNull(c.external_ref)}, {"due_at", IdOrNull(c.due_at)},
          {"rag", OrNull(Rag(c, now))}, {"escalation_level", c.escalation_level},
          {"created_at", c.created_at}, {"updated_at", c.updated_at}};
}

json ActionJson(const store::CaseActionRow& a) {
  json j = {{"id", a.id}, {"kind", a.kind}, {"internal", a.internal}, {"body", a.body},
            {"from_state", OrNull(a.from_state)}, {"to_state", OrNull(a.to_state)},
            {"outcome", OrNull(a.outcome)}, {"amount", a.amount ? json(*a.amount) : json(nullptr)},
            {"currency", OrNull(a.currency)},
            {"assignee_account_id", IdOrNull(a.assignee_account_id)},
            {"from_mission", OrNull(a.from_mission)}, {"to_mission", OrNull(a.to_mission)},
            {"partner", OrNull(a.partner)},
            {"category", OrNull(a.category)}, {"priority", OrNull(a.priority)},
            {"consent", a.consent ? json(*a.consent) : json(nullptr)},
            {"citizen_id", IdOrNull(a.citizen_id)},
            {"actor_account_id", IdOrNull(a.actor_account_id)}, {"actor_role", a.actor_role},
            {"actor_mission", OrNull(a.actor_mission)}, {"created_at", a.created_at}};
  return j;
}

json PublicJson(const PublicView& v) {
  json entries = json::array();
  for (const auto& e : v.entries) {
    entries.push_back({{"at", e.at}, {"kind", e.kind}, {"to_state", OrNull(e.to_state)},
                       {"outcome", OrNull(e.outcome)}, {"body", OrNull(e.body)}});
  }
  return {{"tracking_number", v.c.tracking_number}, {"category", v.c.category},
          {"state", v.c.state}, {"outcome", OrNull(v.c.outcome)},
          {"mission_code", v.c.mission_code}, {"created_at", v.c.created_at},
          {"timeline", entries}};
}

// A JSON object's string members as flat values (other types ignored).
std::map<std::string, std::string> Strings(const json& b) {
  std::map<std::string, std::string> out;
  for (auto& [k, v] : b.items()) {
    if (v.is_string()) out[k] = v.get<std::string>();
  }
  return out;
}

Response Bad(const Request& req, const RoutesDeps& d) {
  return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
}

}  // namespace

void RegisterApiRoutes(http::Router& r, const RoutesDeps& d) {
  auto* p = d.protection;
  const auto* t = d.templates;

  // ---- public ----
  r.Post("/api/v1/public/reports", Access::kPublic, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto v = Strings(*b);
    auto opened = p->ReportPublic(ContextOf(req), RequestFrom(v), v.count("website") ? v["website"] : "");
    if (!opened.ok()) return http::ErrorResponse(req, opened.error(), *t);
    return Response::Json({{"tracking_number", opened->c.tracking_number},
                           {"follow_token", opened->follow_token.empty() ? std::string(32, 'a')
                                                                         : opened->follow_token},
                           {"state", "new"}}, 201);
  }, "Report a citizen abroad in trouble without an account: tracking number and follow token");

  r.Get("/api/v1/public/reports/:code", Access::kPublic, [p, t](Request& req) {
    auto v = p->Follow(req.params["code"]);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    return Response::Json(PublicJson(*v));
  }, "A report's state and public timeline through its follow token (no internal notes)");

  // ---- the signed-in citizen ----
  r.Get("/api/v1/me/cases", Access::kCitizen, [p, t](Request& req) {
    auto mine = p->MyCases(req.principal->account_id);
    if (!mine.ok()) return http::ErrorResponse(req, mine.error(), *t);
    json out = json::array();
    for (const auto& c : *mine) {
      out.push_back({{"id", c.id}, {"tracking_number", c.tracking_number}, {"category", c.category},
                     {"state", c.state}, {"mission_code", c.mission_code}, {"created_at", c.created_at}});
    }
    return Response::Json({{"cases", out}});
  }, "The signed-in citizen's own protection reports");

  r.Post("/api/v1/me/cases", Access::kCitizen, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto opened = p->ReportAsCitizen(ContextOf(req), RequestFrom(Strings(*b)));
    if (!opened.ok()) return http::ErrorResponse(req, opened.error(), *t);
    return Response::Json({{"id", opened->c.id}, {"tracking_number", opened->c.tracking_number},
                           {"mission_code", opened->c.mission_code}, {"state", opened->c.state}}, 201);
  }, "Report as the signed-in citizen (prefilled from Lapor Diri)");

  r.Post("/api/v1/me/panic", Access::kCitizen, [p, t](Request& req) {
    auto b = req.JsonObject();
    std::string position;
    if (b && b->contains("position") && (*b)["position"].is_string()) position = (*b)["position"];
    auto opened = p->Panic(ContextOf(req), position);
    if (!opened.ok()) return http::ErrorResponse(req, opened.error(), *t);
    return Response::Json({{"id", opened->c.id}, {"tracking_number", opened->c.tracking_number},
                           {"mission_code", opened->c.mission_code}}, 201);
  }, "The panic button: an urgent case at the citizen's mission, duty officers notified");

  // ---- officers ----
  r.Get("/api/v1/cases", Access::kSignedIn, [p, t](Request& req) {
    store::CaseFilter f;
    auto q = [&](const char* k) { auto v = req.QueryParam(k); return v ? *v : std::string(); };
    f.state = q("state");
    f.category = q("category");
    f.priority = q("priority");
    if (f.state == "all") {
      f.state.clear();
      f.open_only = false;
    }
    if (q("escalated") == "1") f.escalated_only = true;
    if (q("escalated") == "hq") f.min_escalation = 2;
    f.after_id = ToId(q("after_id"));
    const std::string due = q("after_due");
    if (!due.empty() && due.size() < 20 && due.find_first_not_of("-0123456789") == std::string::npos) {
      f.after_due = std::stoll(due);
    }
    if (auto l = ToId(q("limit")); l) f.limit = static_cast<int>(std::min<int64_t>(l, 200));
    auto page = p->Queue(ContextOf(req), f);
    if (!page.ok()) return http::ErrorResponse(req, page.error(), *t);
    json cases = json::array();
    for (size_t i = 0; i < page->cases.size(); ++i) {
      json j = CaseJson(page->cases[i], p->Now());
      j["name_masked"] = static_cast<bool>(page->masked[i]);
      cases.push_back(j);
    }
    json next = nullptr;
    if (page->next_after_id) next = {{"after_due", page->next_after_due}, {"after_id", page->next_after_id}};
    return Response::Json({{"cases", cases}, {"next", next}});
  }, "The protection case queue of the actor's scope, by deadline, keyset pages (staff; audited)");

  r.Post("/api/v1/cases", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    OpenRequest in = RequestFrom(Strings(*b));
    in.source = "officer";
    in.mission_code.clear();
    if (b->contains("risk_flags") && (*b)["risk_flags"].is_array()) {
      for (const auto& f : (*b)["risk_flags"]) {
        if (f.is_string()) in.risk_flags.push_back(f.get<std::string>());
      }
    }
    auto opened = p->OpenCase(ContextOf(req), in);
    if (!opened.ok()) return http::ErrorResponse(req, opened.error(), *t);
    return Response::Json(CaseJson(opened->c, p->Now()), 201);
  }, "Open a case at the officer's mission (walk-in, hotline, news)");

  r.Get("/api/v1/cases/:id", Access::kSignedIn, [p, t](Request& req) {
    auto v = p->Get(ContextOf(req), PathId(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    json j = CaseJson(v->c, p->Now());
    json actions = json::array();
    for (const auto& a : v->actions) actions.push_back(ActionJson(a));
    json proposals = json::array();
    for (const auto& m : v->proposals) {
      proposals.push_back({{"citizen_id", m.citizen_id}, {"name", m.name}, {"nik", m.nik_masked},
                           {"birth_date", m.birth_date}, {"mission_code", m.mission_code},
                           {"reason", m.reason}});
    }
    j["actions"] = actions;
    j["proposals"] = proposals;
    j["name_masked"] = v->name_masked;
    j["can_act"] = v->can_act;
    j["locked"] = v->locked;
    j["can_assign"] = v->can_assign;
    j["can_reveal"] = v->can_reveal;
    return Response::Json(j);
  }, "One case with its timeline and proposed record matches (staff; audited)");

  r.Post("/api/v1/cases/:id/actions", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto v = Strings(*b);
    ActionInput in;
    in.kind = v["kind"];
    in.body = v["body"];
    in.to_state = v["to_state"];
    in.outcome = v["outcome"];
    in.amount = v["amount"];
    in.currency = v["currency"];
    in.category = v["category"];
    in.priority = v["priority"];
    auto flag = [&](const char* k, bool dflt) {
      return b->contains(k) && (*b)[k].is_boolean() ? (*b)[k].get<bool>() : dflt;
    };
    in.internal = flag("internal", true);
    if (b->contains("amount") && (*b)["amount"].is_number_integer()) {
      in.amount = std::to_string((*b)["amount"].get<int64_t>());
    }
    auto res = p->Act(ContextOf(req), PathId(req), in);
    if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
    return Response::Json({{"id", res->id}, {"state", res->state}, {"due_at", IdOrNull(res->due_at)}}, 201);
  }, "Append an action to a case (note, contact, visit, legal_aid, state; reclassify with "
     "category and/or priority; referrals: /referrals)");

  r.Put("/api/v1/cases/:id/assignee", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    int64_t who = 0;
    if (b->contains("account_id") && (*b)["account_id"].is_number_integer()) who = (*b)["account_id"];
    auto res = p->Assign(ContextOf(req), PathId(req), who);
    if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
    return Response::Json({{"id", res->id}, {"assignee_account_id", IdOrNull(res->assignee_account_id)}});
  }, "Assign a case to an officer of its mission, or release it (supervisor)");

  r.Post("/api/v1/cases/:id/transfer", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto v = Strings(*b);
    auto res = p->Transfer(ContextOf(req), PathId(req), v["to_mission"], v["reason"]);
    if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
    return Response::Json({{"id", res->id}, {"mission_code", res->mission_code}});
  }, "Transfer a case to another mission or HQ-PWNI");

  r.Post("/api/v1/cases/:id/match", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    int64_t cid = 0;
    if (b->contains("citizen_id") && (*b)["citizen_id"].is_number_integer()) cid = (*b)["citizen_id"];
    auto res = p->ConfirmMatch(ContextOf(req), PathId(req), cid);
    if (!res.ok()) return http::ErrorResponse(req, res.error(), *t);
    return Response::Json({{"id", res->id}, {"citizen_id", IdOrNull(res->citizen_id)}});
  }, "Confirm the Lapor Diri record a case is about");

  r.Post("/api/v1/cases/:id/reveal", Access::kSignedIn, [d, p, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto v = Strings(*b);
    auto name = p->Reveal(ContextOf(req), PathId(req), v["reason"]);
    if (!name.ok()) return http::ErrorResponse(req, name.error(), *t);
    return Response::Json({{"subject_name", *name}});
  }, "Reveal a restricted case's masked name for a stated reason (audited)");

  RegisterReferralApiRoutes(r, d);
}

}  // namespace peduli::protection
