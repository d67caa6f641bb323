#include <functional>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <ctime>
#include <set>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/crisis/routes_safety.h"

namespace peduli::crisis {

using http::Access;
using http::Request;
using http::Response;

SafetyContext SafetyContextOf(const Request& req) {
  if (!req.principal) return {{0, "public", ""}, req.remote_ip, req.request_id};
  return {policy::ActorOf(*req.principal), req.remote_ip, req.request_id};
}

int64_t SafetyId(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(s);
}

namespace {

constexpr const char* kTpl = "modules/crisis/templates/";

std::string Text(const SafetyRoutesDeps& d, const Request& req, const std::string& key) {
  return d.templates->catalog().Text(req.lang, key);
}

std::string Time(const SafetyRoutesDeps& d, const std::string& mission, int64_t at) {
  const auto* m = d.ref->FindMission(mission);
  return FormatLocalTime(at, m ? m->timezone : "UTC");
}

AnswerInput InputOf(const Request& req) {
  return {req.FormValue("answer"), req.FormValue("message"), req.FormValue("position")};
}

// Field errors as one flash line in the user's language.
void FlashErrors(http::Page& page, const SafetyRoutesDeps& d, const Request& req, const Error& e) {
  std::string text = Text(d, req, "safety.fix_errors");
  for (const auto& [field, msg] : http::TranslateErrors(e, d.templates->catalog(), req.lang)) {
    // "family_passport.12" is labelled as "family_passport".
    const std::string label = field.substr(0, field.find('.'));
    text += " " + (field.empty() ? std::string() : Text(d, req, "safety.field." + label) + ": ") + msg + ".";
  }
  page.Flash(text, true);
}

// One crisis with its two answer forms.
void FillCrisis(ctemplate::TemplateDictionary* row, const SafetyRoutesDeps& d, const Request& req,
                const store::SafetyCrisis& k, const store::SafetyPerson& p,
                const std::string& action, const AnswerInput* typed, const Error* error = nullptr) {
  row->SetIntValue("ID", static_cast<long>(k.id));
  row->SetValue("TITLE", req.lang == "en" ? k.title_en : k.title_id);
  row->SetValue("LEVEL", Text(d, req, "safety.level." + k.level));
  row->SetValue("LEVEL_KEY", k.level);
  row->SetValue("ACTION", action);
  if (p.status != "no_answer") {
    auto* a = row->AddSectionDictionary("ANSWERED");
    a->SetValue("STATUS", Text(d, req, "safety.status." + p.status));
    a->SetValue("STATUS_KEY", p.status);
    a->SetValue("AT", Time(d, p.mission_code, p.status_at));
  }
  if (typed) {
    if (typed->answer == "needs_help") row->ShowSection("MESSAGE");  // the form stays open
    row->SetValue("MESSAGE", typed->message);
    row->SetValue("POSITION", typed->position);
  }
  // Each field's error next to the field too (aria-invalid + its text), not only in the flash.
  if (error) {
    for (const auto& [field, msg] : http::TranslateErrors(*error, d.templates->catalog(), req.lang)) {
      if (field == "message") row->AddSectionDictionary("MESSAGE_ERROR")->SetValue("TEXT", msg);
      if (field == "position") row->AddSectionDictionary("POSITION_ERROR")->SetValue("TEXT", msg);
    }
  }
}

Response AnswerPage(const Request& req, const SafetyRoutesDeps& d,
                    const std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>>& items,
                    const std::function<std::string(int64_t)>& action, const Error* error,
                    const AnswerInput* typed, int64_t typed_crisis, int status = 200) {
  http::Page page(*d.templates, req, "safety.title", std::string(kTpl) + "safety_answer.tpl");
  auto& content = page.content();
  if (items.empty()) content.ShowSection("NONE");
  for (const auto& [k, p] : items) {
    FillCrisis(content.AddSectionDictionary("CRISIS"), d, req, k, p, action(k.id),
               k.id == typed_crisis ? typed : nullptr, k.id == typed_crisis ? error : nullptr);
  }
  if (error) FlashErrors(page, d, req, *error);
  if (req.QueryParam("ok")) page.Flash(Text(d, req, "safety.thanks"));
  if (req.QueryParam("help")) page.Flash(Text(d, req, "safety.help_coming"));
  return page.Finish(status);
}

// After a stored answer: back to the page (POST-redirect-GET), saying what happened.
Response Answered(const std::string& path, const AnswerOutcome& o) {
  return Response::Redirect(path + (o.person.status == "needs_help" ? "?help=1" : "?ok=1"));
}

std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>> One(const SafetyView& v) {
  return {{v.crisis, v.person}};
}

Response CallsPage(Request& req, const SafetyRoutesDeps& d, const Error* error = nullptr) {
  const auto ctx = SafetyContextOf(req);
  const int64_t id = SafetyId(req.params["id"]);
  auto sk = d.safety->StaffCrisis(ctx, id);
  if (!sk.ok()) return http::ErrorResponse(req, sk.error(), *d.templates);
  const std::string sub = req.QueryParam("wilayah").value_or("");
  const bool all = req.QueryParam("semua").has_value();
  auto counts = d.accounted->Counts(ctx, id);
  if (!counts.ok()) return http::ErrorResponse(req, counts.error(), *d.templates);
  auto list = d.accounted->List(ctx, id, sub, !all);  // audited before it is shown
  if (!list.ok()) return http::ErrorResponse(req, list.error(), *d.templates);
  const auto& k = sk->first;
  http::Page page(*d.templates, req, "safety.calls_title", std::string(kTpl) + "safety_calls.tpl");
  auto& c = page.content();
  c.SetIntValue("ID", static_cast<long>(id));
  c.SetValue("TITLE", req.lang == "en" ? k.title_en : k.title_id);
  c.SetValue("STATE", Text(d, req, "safety.crisis_state." + k.state));
  if (k.state == "active") c.ShowSection("ACTIVE");
  if (all) c.ShowSection("ALL");
  std::set<std::string> subs;
  for (const auto& a : counts->areas) subs.insert(a.subdivision);
  for (const auto& s : subs) {
    auto* o = c.AddSectionDictionary("AREA");
    o->SetValue("CODE", s);
    o->SetValue("LABEL", s.empty() ? Text(d, req, "safety.area_unknown") : s);
    if (s == sub) o->ShowSection("SELECTED");
  }
  const int64_t now = d.safety->clock().NowUnix();
  if (list->empty()) c.ShowSection("EMPTY");
  for (const auto& e : *list) {
    auto* row = c.AddSectionDictionary("PERSON");
    row->SetIntValue("CITIZEN", static_cast<long>(e.p.citizen_id));
    row->SetValue("NAME", e.name);
    row->SetValue("STATUS", Text(d, req, "safety.status." + e.p.status));
    row->SetValue("STATUS_KEY", e.p.status);
    row->SetIntValue("VULNERABILITY", static_cast<long>(e.p.vulnerability));
    row->SetValue("CATEGORY", e.p.category);
    row->SetValue("AREA", e.p.subdivision);
    row->SetValue("PHONE", e.phone);
    row->SetValue("EMAIL", e.email);
    row->SetValue("ADDRESS", e.address + (e.city.empty() ? "" : ", " + e.city));
    row->SetValue("FAMILY", e.family_name + (e.family_relation.empty() ? "" : " (" + e.family_relation + ")"));
    row->SetValue("FAMILY_PHONE", e.family_phone);
    row->SetIntValue("ATTEMPTS", static_cast<long>(e.attempts));
    if (e.next_attempt_at) {
      row->SetValueAndShowSection("NEXT", Time(d, e.p.mission_code, e.next_attempt_at), "HAS_NEXT");
      if (e.next_attempt_at <= now) row->ShowSection("DUE");
    }
    if (k.state == "active") row->ShowSection("CAN_RECORD");
  }
  if (error) FlashErrors(page, d, req, *error);
  if (req.QueryParam("ok")) page.Flash(Text(d, req, "safety.call_saved"));
  return page.Finish(error ? 422 : 200);
}

Response CountsPage(Request& req, const SafetyRoutesDeps& d) {
  const auto ctx = SafetyContextOf(req);
  const int64_t id = SafetyId(req.params["id"]);
  auto sk = d.safety->StaffCrisis(ctx, id);
  if (!sk.ok()) return http::ErrorResponse(req, sk.error(), *d.templates);
  auto v = d.accounted->Counts(ctx, id);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  const auto& k = sk->first;
  http::Page page(*d.templates, req, "safety.counts_title", std::string(kTpl) + "safety_counts.tpl");
  auto& c = page.content();
  c.SetIntValue("ID", static_cast<long>(id));
  c.SetValue("TITLE", req.lang == "en" ? k.title_en : k.title_id);
  c.SetValue("STATE", Text(d, req, "safety.crisis_state." + k.state));
  if (k.state != "closed" && policy::Allowed(ctx.actor, policy::Action::kManageCrisis, k.mission_code)) {
    c.ShowSection("CAN_CLOSE");
  }
  auto fill = [](ctemplate::TemplateDictionary* row, const store::SafetyCounts& a) {
    row->SetIntValue("SAFE", static_cast<long>(a.safe));
    row->SetIntValue("NEEDS_HELP", static_cast<long>(a.needs_help));
    row->SetIntValue("NO_ANSWER", static_cast<long>(a.no_answer));
    row->SetIntValue("UNREACHABLE", static_cast<long>(a.unreachable));
    row->SetIntValue("LEFT_AREA", static_cast<long>(a.left_area));
  };
  for (const auto& a : v->areas) {
    auto* row = c.AddSectionDictionary("AREA");
    row->SetValue("MISSION", a.mission_code);
    row->SetValue("AREA", a.subdivision.empty() ? Text(d, req, "safety.area_unknown") : a.subdivision);
    fill(row, a);
  }
  fill(c.AddSectionDictionary("TOTAL"), v->total);
  if (req.QueryParam("closed")) page.Flash(Text(d, req, "safety.closed_done"));
  return page.Finish();
}

// "2026-12-01T08:30" (datetime-local, read as UTC) -> unix seconds; 0 when empty or bad.
int64_t ParseLocal(const std::string& s) {
  std::tm tm{};
  if (s.size() < 16 || !strptime(s.c_str(), "%Y-%m-%dT%H:%M", &tm)) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

Response EvacPage(Request& req, const SafetyRoutesDeps& d, const Error* error = nullptr) {
  const auto ctx = SafetyContextOf(req);
  const int64_t id = SafetyId(req.params["id"]);
  auto sk = d.safety->StaffCrisis(ctx, id);
  if (!sk.ok()) return http::ErrorResponse(req, sk.error(), *d.templates);
  auto transports = d.evacuation->Transports(ctx, id);
  if (!transports.ok()) return http::ErrorResponse(req, transports.error(), *d.templates);
  auto people = d.evacuation->Evacuees(ctx, id, -1);  // audited before it is shown
  if (!people.ok()) return http::ErrorResponse(req, people.error(), *d.templates);
  const auto& k = sk->first;
  http::Page page(*d.templates, req, "evac.title", std::string(kTpl) + "evac_page.tpl");
  auto& c = page.content();
  c.SetIntValue("ID", static_cast<long>(id));
  c.SetValue("TITLE", req.lang == "en" ? k.title_en : k.title_id);
  c.SetValue("STATE", Text(d, req, "safety.crisis_state." + k.state));
  const std::string own = ctx.actor.mission_code.empty() ? k.mission_code : ctx.actor.mission_code;
  const bool can_record = k.state == "active" &&
                          policy::Allowed(ctx.actor, policy::Action::kRecordSafety, own);
  if (can_record) c.ShowSection("CAN_RECORD");
  for (const auto& t : *transports) {
    auto* row = c.AddSectionDictionary("TRANSPORT");
    row->SetIntValue("TID", static_cast<long>(t.id));
    row->SetValue("NAME", t.name);
    row->SetValue("MODE", Text(d, req, "evac.mode." + t.mode));
    if (t.departure_at) {
      row->SetValueAndShowSection("DEPARTURE", Time(d, t.mission_code, t.departure_at), "HAS_DEPARTURE");
    }
  }
  std::time_t now = static_cast<std::time_t>(d.safety->clock().NowUnix());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char today[16];
  std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
  if (people->empty()) c.ShowSection("EMPTY");
  for (const auto& e : *people) {
    auto* row = c.AddSectionDictionary("PERSON");
    row->SetIntValue("CITIZEN", static_cast<long>(e.citizen_id));
    row->SetValue("NAME", e.name);
    row->SetValue("BIRTH", e.birth_date);
    row->SetValue("DOCUMENT", !e.splp_number.empty() ? "SPLP " + e.splp_number
                              : e.passport_number.empty() ? "-" : e.passport_number);
    if (NeedsSplp(e, today)) row->ShowSection("SPLP");
    row->SetValue("DESTINATION", e.destination.empty() ? e.origin_regency : e.destination);
    row->SetValue("SPLP_NUMBER", e.splp_number);
    if (!e.family.empty()) row->ShowSection("HAS_FAMILY");
    for (const auto& f : e.family) {
      auto* fr = row->AddSectionDictionary("FAMILY");
      fr->SetIntValue("FID", static_cast<long>(f.id));
      fr->SetValue("FNAME", f.name);
      fr->SetValue("FRELATION", f.relation);
      if (std::find(e.family_ids.begin(), e.family_ids.end(), f.id) != e.family_ids.end()) {
        fr->ShowSection("ON");
        if (FamilyNeedsSplp(e, f.id, today)) fr->ShowSection("FSPLP");
      }
      if (auto doc = e.family_documents.find(f.id); doc != e.family_documents.end()) {
        fr->SetValue("FPASSPORT", doc->second.passport_number);
        fr->SetValue("FEXPIRY", doc->second.passport_expiry);
      }
    }
    for (const auto& t : *transports) {
      auto* o = row->AddSectionDictionary("OPT");
      o->SetIntValue("TID", static_cast<long>(t.id));
      o->SetValue("TNAME", t.name);
      if (t.id == e.transport_id) o->ShowSection("SEL");
    }
    if (can_record) row->ShowSection("CAN_RECORD");
  }
  if (error) FlashErrors(page, d, req, *error);
  if (req.QueryParam("ok")) page.Flash(Text(d, req, "evac.saved"));
  return page.Finish(error ? 422 : 200);
}

}  // namespace

void RegisterSafetyWebRoutes(http::Router& r, const SafetyRoutesDeps& d) {
  auto* s = d.safety;

  // ---- the one-tap link (no sign-in) ----
  r.Get("/aman/:token", Access::kPublic, [d, s](Request& req) {
    auto v = s->Open(req.params["token"]);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    return AnswerPage(req, d, One(*v), [&](int64_t) { return req.path; }, nullptr, nullptr, 0);
  }, "The one-tap safety link of an alert: \"Saya aman\" or \"Butuh bantuan\" (no sign-in)");

  r.Post("/aman/:token", Access::kPublic, [d, s](Request& req) {
    const std::string token = req.params["token"];
    auto in = InputOf(req);
    auto o = s->AnswerByToken(token, in);
    if (!o.ok()) {
      if (o.error().code == Code::kInvalid) {
        auto v = s->Open(token);
        if (v.ok()) {
          return AnswerPage(req, d, One(*v), [&](int64_t) { return req.path; }, &o.error(), &in,
                            v->crisis.id, 422);
        }
      }
      return http::ErrorResponse(req, o.error(), *d.templates);
    }
    return Answered(req.path, *o);
  }, "Answer the safety check through the one-tap link (the latest answer wins)");

  // ---- the family follow link ----
  r.Get("/keluarga-aman/:token", Access::kPublic, [d, s](Request& req) {
    auto items = s->FamilyView(req.params["token"]);
    if (!items.ok()) return http::ErrorResponse(req, items.error(), *d.templates);
    const std::string base = req.path;
    return AnswerPage(req, d, *items, [&](int64_t id) { return base + "/" + std::to_string(id); },
                      nullptr, nullptr, 0);
  }, "A family follow link the citizen gave: their active crises, to answer for them");

  r.Post("/keluarga-aman/:token/:id", Access::kPublic, [d, s](Request& req) {
    const std::string token = req.params["token"];
    const int64_t id = SafetyId(req.params["id"]);
    auto in = InputOf(req);
    auto o = s->AnswerByFamily(token, id, in);
    const std::string base = "/keluarga-aman/" + token;
    if (!o.ok()) {
      if (o.error().code == Code::kInvalid) {
        auto items = s->FamilyView(token);
        if (items.ok()) {
          return AnswerPage(req, d, *items,
                            [&](int64_t k) { return base + "/" + std::to_string(k); }, &o.error(),
                            &in, id, 422);
        }
      }
      return http::ErrorResponse(req, o.error(), *d.templates);
    }
    return Answered(base, *o);
  }, "Answer the safety check for a family member through their follow link");

  // ---- the signed-in citizen ----
  auto mine_page = [d, s](Request& req, const Error* error, const AnswerInput* typed,
                          int64_t typed_crisis, const std::string& new_link) {
    auto items = s->MyCrises(req.principal->account_id);
    if (!items.ok()) return http::ErrorResponse(req, items.error(), *d.templates);
    http::Page page(*d.templates, req, "safety.mine_title", std::string(kTpl) + "safety_mine.tpl");
    auto& content = page.content();
    if (items->empty()) content.ShowSection("NONE");
    for (const auto& [k, p] : *items) {
      FillCrisis(content.AddSectionDictionary("CRISIS"), d, req, k, p,
                 "/krisis-saya/" + std::to_string(k.id), k.id == typed_crisis ? typed : nullptr,
                 k.id == typed_crisis ? error : nullptr);
    }
    auto links = s->FamilyLinks(req.principal->account_id);
    if (links.ok()) {
      for (const auto& l : *links) {
        if (l.revoked_at) continue;
        auto* row = content.AddSectionDictionary("LINK");
        row->SetIntValue("ID", static_cast<long>(l.id));
        row->SetValue("LABEL", l.label.empty() ? "-" : l.label);
        row->SetValue("CREATED", FormatLocalTime(l.created_at, "UTC"));
      }
    }
    if (!new_link.empty()) content.SetValueAndShowSection("NEW_LINK", new_link, "HAS_NEW_LINK");
    if (error) FlashErrors(page, d, req, *error);
    if (req.QueryParam("ok")) page.Flash(Text(d, req, "safety.thanks"));
    if (req.QueryParam("help")) page.Flash(Text(d, req, "safety.help_coming"));
    if (req.QueryParam("cabut")) page.Flash(Text(d, req, "safety.link_revoked"));
    return page.Finish(error ? 422 : 200);
  };

  r.Get("/krisis-saya", Access::kCitizen, [mine_page](Request& req) {
    return mine_page(req, nullptr, nullptr, 0, "");
  }, "The signed-in citizen's active crises with their safety check, and family follow links");

  r.Post("/krisis-saya/keluarga", Access::kCitizen, [d, s, mine_page](Request& req) {
    auto token = s->CreateFamilyLink(req.principal->account_id, req.FormValue("label"));
    if (!token.ok()) {
      if (token.error().code == Code::kInvalid) return mine_page(req, &token.error(), nullptr, 0, "");
      return http::ErrorResponse(req, token.error(), *d.templates);
    }
    // Shown once: only its hash is stored.
    return mine_page(req, nullptr, nullptr, 0, "/keluarga-aman/" + *token);
  }, "Create a family follow link (shown once; only its hash is stored)");

  r.Post("/krisis-saya/keluarga/:id/cabut", Access::kCitizen, [d, s](Request& req) {
    auto st = s->RevokeFamilyLink(req.principal->account_id, SafetyId(req.params["id"]));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *d.templates);
    return Response::Redirect("/krisis-saya?cabut=1");
  }, "Revoke a family follow link");

  r.Post("/krisis-saya/:id", Access::kCitizen, [d, s, mine_page](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    auto in = InputOf(req);
    auto o = s->AnswerAsCitizen(req.principal->account_id, id, in);
    if (!o.ok()) {
      if (o.error().code == Code::kInvalid) return mine_page(req, &o.error(), &in, id, "");
      return http::ErrorResponse(req, o.error(), *d.templates);
    }
    return Answered("/krisis-saya", *o);
  }, "Answer a crisis' safety check as the signed-in citizen");

  // ---- staff: the list of citizens not yet accounted for ----
  r.Get("/konsol/krisis/:id/belum-terdata", Access::kSignedIn, [d](Request& req) {
    return CallsPage(req, d);
  }, "The citizens of a crisis not yet accounted for: no answer first, by vulnerability, with "
     "contact data and family contact (audited)");

  r.Post("/konsol/krisis/:id/panggilan/:citizen", Access::kSignedIn, [d](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    auto o = d.accounted->RecordCall(SafetyContextOf(req), id, SafetyId(req.params["citizen"]),
                                     {req.FormValue("outcome"), req.FormValue("note")});
    if (!o.ok()) {
      if (o.error().code == Code::kInvalid) return CallsPage(req, d, &o.error());
      return http::ErrorResponse(req, o.error(), *d.templates);
    }
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "/belum-terdata?ok=1");
  }, "Record a call outcome (reached and safe, reached and needs help, unreachable, left the area)");

  r.Post("/konsol/krisis/:id/jawaban/:citizen", Access::kSignedIn, [d](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    auto o = d.safety->AnswerByOfficer(SafetyContextOf(req), id, SafetyId(req.params["citizen"]),
                                       InputOf(req));
    if (!o.ok()) {
      if (o.error().code == Code::kInvalid) return CallsPage(req, d, &o.error());
      return http::ErrorResponse(req, o.error(), *d.templates);
    }
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "/belum-terdata?ok=1");
  }, "Record the citizen's safety answer given on a phone call");

  r.Get("/konsol/krisis/:id/hitungan", Access::kSignedIn, [d](Request& req) {
    return CountsPage(req, d);
  }, "Live counts of a crisis by area and over time (safe, needs help, no answer, unreachable)");

  r.Get("/konsol/krisis/:id/hitungan/stream", Access::kSignedIn, [d](Request& req) {
    return CountsStream(req, d);
  }, "Live counts as Server-Sent Events (one event per response; reconnect with Last-Event-ID "
     "waits for the next change)");

  // ---- staff: evacuation ----
  r.Get("/konsol/krisis/:id/evakuasi", Access::kSignedIn, [d](Request& req) {
    return EvacPage(req, d);
  }, "Evacuation: marked citizens with family travelling along, SPLP flags, transports, "
     "manifest exports (audited)");

  r.Post("/konsol/krisis/:id/evakuasi/:citizen", Access::kSignedIn, [d](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    EvacInput in;
    const auto& form = req.Form();
    in.keep_existing = form.find("transport") == form.end();  // marked from the call list
    auto [b, e] = form.equal_range("family");
    for (auto it = b; it != e; ++it) {
      const int64_t fid = SafetyId(it->second);
      in.family_ids.push_back(fid);
      const std::string n = std::to_string(fid);
      in.documents[fid] = {req.FormValue("passport_" + n), req.FormValue("expiry_" + n)};
    }
    in.destination = req.FormValue("destination");
    in.splp_number = req.FormValue("splp_number");
    in.transport_id = SafetyId(req.FormValue("transport"));
    auto st = d.evacuation->Mark(SafetyContextOf(req), id, SafetyId(req.params["citizen"]), in);
    if (!st.ok()) {
      if (st.error().code == Code::kInvalid) return EvacPage(req, d, &st.error());
      return http::ErrorResponse(req, st.error(), *d.templates);
    }
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "/evakuasi?ok=1");
  }, "Mark a citizen for evacuation, or update family travelling along, destination, SPLP "
     "number and transport");

  r.Post("/konsol/krisis/:id/evakuasi/:citizen/hapus", Access::kSignedIn, [d](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    auto st = d.evacuation->Unmark(SafetyContextOf(req), id, SafetyId(req.params["citizen"]));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *d.templates);
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "/evakuasi?ok=1");
  }, "Remove a citizen's evacuation mark");

  r.Post("/konsol/krisis/:id/transportasi", Access::kSignedIn, [d](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    auto t = d.evacuation->CreateTransport(SafetyContextOf(req), id, req.FormValue("name"),
                                           req.FormValue("mode"), ParseLocal(req.FormValue("departure")));
    if (!t.ok()) {
      if (t.error().code == Code::kInvalid) return EvacPage(req, d, &t.error());
      return http::ErrorResponse(req, t.error(), *d.templates);
    }
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "/evakuasi?ok=1");
  }, "Add a transport (name, mode, departure) to group evacuees");

  r.Get("/konsol/krisis/:id/manifes.xlsx", Access::kSignedIn, [d](Request& req) {
    return ManifestDownload(req, d, "xlsx");
  }, "An evacuation manifest as XLSX (?transport=N; audited)");

  r.Get("/konsol/krisis/:id/manifes.pdf", Access::kSignedIn, [d](Request& req) {
    return ManifestDownload(req, d, "pdf");
  }, "An evacuation manifest as PDF (?transport=N; audited)");

  r.Post("/konsol/krisis/:id/tutup", Access::kSignedIn, [d](Request& req) {
    const int64_t id = SafetyId(req.params["id"]);
    auto k = d.safety->Close(SafetyContextOf(req), id);
    if (!k.ok()) return http::ErrorResponse(req, k.error(), *d.templates);
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "/hitungan?closed=1");
  }, "Close a crisis: safety links stop working; answers and call notes are purged after the "
     "retention period");
}

}  // namespace peduli::crisis
