#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/stats/live.h"
#include "modules/crisis/routes_safety.h"
#include "store/stats_store.h"

namespace peduli::crisis {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json OrNull(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json CrisisJson(const store::SafetyCrisis& k) {
  return {{"id", k.id}, {"mission_code", OrNull(k.mission_code)}, {"level", k.level},
          {"title_id", k.title_id}, {"title_en", k.title_en}, {"state", k.state},
          {"safety_check", k.safety_check}};
}

json StatusJson(const store::SafetyPerson& p) {
  return {{"status", p.status}, {"status_at", p.status_at ? json(p.status_at) : json(nullptr)},
          {"status_via", OrNull(p.status_via)}};
}

json OutcomeJson(const AnswerOutcome& o) {
  json j = StatusJson(o.person);
  j["crisis_id"] = o.crisis.id;
  // The case number is the mission's business; the citizen learns only that help is coming.
  j["help_requested"] = o.person.status == "needs_help";
  return j;
}

json CountsRow(const store::SafetyCounts& a) {
  return {{"safe", a.safe}, {"needs_help", a.needs_help}, {"no_answer", a.no_answer},
          {"unreachable", a.unreachable}, {"left_area", a.left_area}};
}

AnswerInput InputOf(const json& b) {
  auto s = [&](const char* k) {
    return b.contains(k) && b[k].is_string() ? b[k].get<std::string>() : std::string();
  };
  return {s("answer"), s("message"), s("position")};
}

Response Bad(const Request& req, const SafetyRoutesDeps& d) {
  return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
}

}  // namespace

json CountsJson(const CountsView& v) {
  json areas = json::array();
  for (const auto& a : v.areas) {
    json row = CountsRow(a);
    row["mission_code"] = a.mission_code;
    row["subdivision"] = a.subdivision;
    areas.push_back(row);
  }
  json samples = json::array();
  for (const auto& s : v.samples) {
    json row = CountsRow(s);
    row["at"] = s.at;
    samples.push_back(row);
  }
  return {{"total", CountsRow(v.total)}, {"areas", areas}, {"samples", samples}};
}

// The statistics dashboard's live mechanism (stats::LiveEvent): every safety write calls
// store::NotifyStatsChanged() after its commit.
Response CountsStream(Request& req, const SafetyRoutesDeps& d) {
  const auto ctx = SafetyContextOf(req);
  const int64_t id = SafetyId(req.params["id"]);
  auto sk = d.safety->StaffCrisis(ctx, id);
  if (!sk.ok()) return http::ErrorResponse(req, sk.error(), *d.templates);
  // By value: the read runs after this request returns (stats::LiveEvent).
  return stats::LiveEvent(req, d.max_streams, "counts", [d, ctx, id]() -> Result<json> {
    auto v = d.accounted->Counts(ctx, id);
    if (!v.ok()) return v.take_error();
    return CountsJson(*v);
  }, *d.templates);
}

Response ManifestDownload(Request& req, const SafetyRoutesDeps& d, const std::string& format) {
  const int64_t id = SafetyId(req.params["id"]);
  const int64_t transport = SafetyId(req.QueryParam("transport").value_or(""));
  auto m = d.evacuation->BuildManifest(SafetyContextOf(req), id, transport, format);
  if (!m.ok()) return http::ErrorResponse(req, m.error(), *d.templates);
  auto bytes = format == "pdf" ? ManifestPdf(*d.texts, *m, req.lang) : ManifestXlsx(*d.texts, *m, req.lang);
  if (!bytes.ok()) return http::ErrorResponse(req, bytes.error(), *d.templates);
  const std::string name = "manifes-krisis-" + std::to_string(id) +
                           (transport ? "-" + std::to_string(transport) : std::string()) + "." + format;
  Response res = Response::Text(std::move(*bytes),
                                format == "pdf" ? "application/pdf"
                                                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.Set("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return res;
}

void RegisterSafetyApiRoutes(http::Router& r, const SafetyRoutesDeps& d) {
  auto* s = d.safety;
  const auto* t = d.templates;

  // ---- the one-tap link ----
  r.Get("/api/v1/safety/:token", Access::kPublic, [s, t](Request& req) {
    auto v = s->Open(req.params["token"]);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    json j = StatusJson(v->person);
    j["crisis"] = CrisisJson(v->crisis);
    return Response::Json(j);
  }, "The crisis and the current answer behind a one-tap safety token (no sign-in)");

  r.Post("/api/v1/safety/:token", Access::kPublic, [d, s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto o = s->AnswerByToken(req.params["token"], InputOf(*b));
    if (!o.ok()) return http::ErrorResponse(req, o.error(), *t);
    return Response::Json(OutcomeJson(*o));
  }, "Answer the safety check with a one-tap token: {answer: safe|needs_help, message?, "
     "position?: \"lat,lon\"}; the latest answer wins");

  // ---- the signed-in citizen ----
  r.Get("/api/v1/me/crises", Access::kCitizen, [s, t](Request& req) {
    auto items = s->MyCrises(req.principal->account_id);
    if (!items.ok()) return http::ErrorResponse(req, items.error(), *t);
    json out = json::array();
    for (const auto& [k, p] : *items) {
      json j = StatusJson(p);
      j["crisis"] = CrisisJson(k);
      out.push_back(j);
    }
    return Response::Json({{"crises", out}});
  }, "The signed-in citizen's active crises with a safety check and their answers");

  r.Post("/api/v1/me/crises/:id/safety", Access::kCitizen, [d, s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto o = s->AnswerAsCitizen(req.principal->account_id, SafetyId(req.params["id"]), InputOf(*b));
    if (!o.ok()) return http::ErrorResponse(req, o.error(), *t);
    return Response::Json(OutcomeJson(*o));
  }, "Answer a crisis' safety check as the signed-in citizen");

  r.Get("/api/v1/me/safety-links", Access::kCitizen, [s, t](Request& req) {
    auto links = s->FamilyLinks(req.principal->account_id);
    if (!links.ok()) return http::ErrorResponse(req, links.error(), *t);
    json out = json::array();
    for (const auto& l : *links) {
      out.push_back({{"id", l.id}, {"label", l.label}, {"created_at", l.created_at},
                     {"revoked_at", l.revoked_at ? json(l.revoked_at) : json(nullptr)}});
    }
    return Response::Json({{"links", out}});
  }, "The signed-in citizen's family follow links (without their secrets)");

  r.Post("/api/v1/me/safety-links", Access::kCitizen, [s, t](Request& req) {
    auto b = req.JsonObject();
    std::string label;
    if (b && b->contains("label") && (*b)["label"].is_string()) label = (*b)["label"];
    auto token = s->CreateFamilyLink(req.principal->account_id, label);
    if (!token.ok()) return http::ErrorResponse(req, token.error(), *t);
    return Response::Json({{"token", *token}, {"path", "/keluarga-aman/" + *token}}, 201);
  }, "Create a family follow link; its secret is returned once");

  r.Delete("/api/v1/me/safety-links/:id", Access::kCitizen, [s, t](Request& req) {
    auto st = s->RevokeFamilyLink(req.principal->account_id, SafetyId(req.params["id"]));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    return Response::Json({{"revoked", true}});
  }, "Revoke a family follow link");

  r.Post("/api/v1/family-safety/:token/:id", Access::kPublic, [d, s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto o = s->AnswerByFamily(req.params["token"], SafetyId(req.params["id"]), InputOf(*b));
    if (!o.ok()) return http::ErrorResponse(req, o.error(), *t);
    return Response::Json(OutcomeJson(*o));
  }, "Answer the safety check for a family member through their follow link");

  // ---- staff ----
  r.Get("/api/v1/crises/:id/people", Access::kSignedIn, [s, d, t](Request& req) {
    const auto ctx = SafetyContextOf(req);
    const std::string sub = req.QueryParam("subdivision").value_or("");
    const bool all = req.QueryParam("all").value_or("") == "1";
    auto list = d.accounted->List(ctx, SafetyId(req.params["id"]), sub, !all);
    if (!list.ok()) return http::ErrorResponse(req, list.error(), *t);
    const int64_t now = s->clock().NowUnix();
    json out = json::array();
    for (const auto& e : *list) {
      out.push_back({{"citizen_id", e.p.citizen_id}, {"name", e.name},
                     {"mission_code", e.p.mission_code}, {"subdivision", e.p.subdivision},
                     {"category", e.p.category}, {"vulnerability", e.p.vulnerability},
                     {"status", e.p.status}, {"status_via", OrNull(e.p.status_via)},
                     {"phone", OrNull(e.phone)}, {"email", OrNull(e.email)},
                     {"address", OrNull(e.address)}, {"city", OrNull(e.city)},
                     {"family_contact", {{"name", OrNull(e.family_name)},
                                         {"relation", OrNull(e.family_relation)},
                                         {"phone", OrNull(e.family_phone)}}},
                     {"attempts", e.attempts},
                     {"next_attempt_at", e.next_attempt_at ? json(e.next_attempt_at) : json(nullptr)},
                     {"due", e.next_attempt_at && e.next_attempt_at <= now},
                     {"case_id", e.p.case_id > 0 ? json(e.p.case_id) : json(nullptr)}});
    }
    return Response::Json({{"people", out}});
  }, "Citizens of a crisis not yet accounted for (?subdivision=, ?all=1 for everyone): no "
     "answer first, by vulnerability, with contact data (audited)");

  r.Post("/api/v1/crises/:id/calls", Access::kSignedIn, [d, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    const auto& j0 = *b;
    int64_t citizen = j0.contains("citizen_id") && j0["citizen_id"].is_number_integer()
                          ? j0["citizen_id"].get<int64_t>() : 0;
    auto str = [&](const char* k) {
      return j0.contains(k) && j0[k].is_string() ? j0[k].get<std::string>() : std::string();
    };
    auto o = d.accounted->RecordCall(SafetyContextOf(req), SafetyId(req.params["id"]), citizen,
                                     {str("outcome"), str("note")});
    if (!o.ok()) return http::ErrorResponse(req, o.error(), *t);
    json j = StatusJson(*o);
    j["citizen_id"] = citizen;
    j["case_id"] = o->case_id > 0 ? json(o->case_id) : json(nullptr);
    return Response::Json(j, 201);
  }, "Record a call outcome {citizen_id, outcome, note}; unreachable schedules the next attempt");

  r.Post("/api/v1/crises/:id/people/:citizen/safety", Access::kSignedIn, [d, s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto o = s->AnswerByOfficer(SafetyContextOf(req), SafetyId(req.params["id"]),
                                SafetyId(req.params["citizen"]), InputOf(*b));
    if (!o.ok()) return http::ErrorResponse(req, o.error(), *t);
    json j = OutcomeJson(*o);
    j["case_id"] = o->case_id > 0 ? json(o->case_id) : json(nullptr);
    return Response::Json(j);
  }, "Record a citizen's safety answer given on a phone call (officer of the mission)");

  r.Get("/api/v1/crises/:id/counts", Access::kSignedIn, [d, t](Request& req) {
    auto v = d.accounted->Counts(SafetyContextOf(req), SafetyId(req.params["id"]));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    return Response::Json(CountsJson(*v));
  }, "Counts of a crisis by area and over time (safe, needs help, no answer, unreachable)");

  // ---- staff: evacuation ----
  r.Get("/api/v1/crises/:id/evacuees", Access::kSignedIn, [d, t](Request& req) {
    auto list = d.evacuation->Evacuees(SafetyContextOf(req), SafetyId(req.params["id"]), -1);
    if (!list.ok()) return http::ErrorResponse(req, list.error(), *t);
    const int64_t now = d.safety->clock().NowUnix();
    std::time_t tt = static_cast<std::time_t>(now);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char today[16];
    std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
    json out = json::array();
    for (const auto& e : *list) {
      json family = json::array();
      for (const auto& f : e.family) {
        const bool along = std::find(e.family_ids.begin(), e.family_ids.end(), f.id) != e.family_ids.end();
        auto doc = e.family_documents.find(f.id);
        const bool has_doc = doc != e.family_documents.end();
        family.push_back({{"id", f.id}, {"name", f.name}, {"relation", f.relation},
                          {"birth_date", OrNull(f.birth_date)}, {"travelling", along},
                          {"passport_number", OrNull(has_doc ? doc->second.passport_number : "")},
                          {"passport_expiry_date", OrNull(has_doc ? doc->second.passport_expiry : "")},
                          {"needs_splp", along && FamilyNeedsSplp(e, f.id, today)}});
      }
      out.push_back({{"citizen_id", e.citizen_id}, {"name", e.name}, {"mission_code", e.mission_code},
                     {"birth_date", OrNull(e.birth_date)}, {"passport_number", OrNull(e.passport_number)},
                     {"passport_expiry_date", OrNull(e.passport_expiry)},
                     {"splp_number", OrNull(e.splp_number)}, {"needs_splp", NeedsSplp(e, today)},
                     {"destination", OrNull(e.destination.empty() ? e.origin_regency : e.destination)},
                     {"transport_id", e.transport_id ? json(e.transport_id) : json(nullptr)},
                     {"family", family}});
    }
    return Response::Json({{"evacuees", out}});
  }, "Citizens marked for evacuation with family, SPLP flag and transport (audited)");

  r.Put("/api/v1/crises/:id/evacuees/:citizen", Access::kSignedIn, [d, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    EvacInput in;
    if (b->contains("family_ids") && (*b)["family_ids"].is_array()) {
      for (const auto& v : (*b)["family_ids"]) {
        if (v.is_number_integer()) in.family_ids.push_back(v.get<int64_t>());
      }
    }
    auto str = [&](const char* k) {
      return b->contains(k) && (*b)[k].is_string() ? (*b)[k].get<std::string>() : std::string();
    };
    in.destination = str("destination");
    in.splp_number = str("splp_number");
    // {"family_documents": {"<family id>": {"passport_number": "...", "passport_expiry_date": "YYYY-MM-DD"}}}
    if (b->contains("family_documents") && (*b)["family_documents"].is_object()) {
      for (const auto& [key, v] : (*b)["family_documents"].items()) {
        if (!v.is_object()) continue;
        auto text = [&](const char* k) {
          return v.contains(k) && v[k].is_string() ? v[k].get<std::string>() : std::string();
        };
        in.documents[SafetyId(key)] = {text("passport_number"), text("passport_expiry_date")};
      }
    }
    if (b->contains("transport_id") && (*b)["transport_id"].is_number_integer()) {
      in.transport_id = (*b)["transport_id"].get<int64_t>();
    }
    auto st = d.evacuation->Mark(SafetyContextOf(req), SafetyId(req.params["id"]),
                                 SafetyId(req.params["citizen"]), in);
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    return Response::Json({{"marked", true}});
  }, "Mark a citizen for evacuation {family_ids, family_documents, destination, splp_number, "
     "transport_id}");

  r.Delete("/api/v1/crises/:id/evacuees/:citizen", Access::kSignedIn, [d, t](Request& req) {
    auto st = d.evacuation->Unmark(SafetyContextOf(req), SafetyId(req.params["id"]),
                                   SafetyId(req.params["citizen"]));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    return Response::Json({{"marked", false}});
  }, "Remove a citizen's evacuation mark");

  r.Get("/api/v1/crises/:id/transports", Access::kSignedIn, [d, t](Request& req) {
    auto ts = d.evacuation->Transports(SafetyContextOf(req), SafetyId(req.params["id"]));
    if (!ts.ok()) return http::ErrorResponse(req, ts.error(), *t);
    json out = json::array();
    for (const auto& x : *ts) {
      out.push_back({{"id", x.id}, {"mission_code", x.mission_code}, {"name", x.name},
                     {"mode", x.mode}, {"departure_at", x.departure_at ? json(x.departure_at) : json(nullptr)}});
    }
    return Response::Json({{"transports", out}});
  }, "The transports of a crisis (the actor's mission, HQ all)");

  r.Post("/api/v1/crises/:id/transports", Access::kSignedIn, [d, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto str = [&](const char* k) {
      return b->contains(k) && (*b)[k].is_string() ? (*b)[k].get<std::string>() : std::string();
    };
    int64_t dep = b->contains("departure_at") && (*b)["departure_at"].is_number_integer()
                      ? (*b)["departure_at"].get<int64_t>() : 0;
    auto id = d.evacuation->CreateTransport(SafetyContextOf(req), SafetyId(req.params["id"]),
                                            str("name"), str("mode"), dep);
    if (!id.ok()) return http::ErrorResponse(req, id.error(), *t);
    return Response::Json({{"id", *id}}, 201);
  }, "Add a transport {name, mode: air|sea|land, departure_at}");

  r.Get("/api/v1/crises/:id/manifest.xlsx", Access::kSignedIn, [d](Request& req) {
    return ManifestDownload(req, d, "xlsx");
  }, "An evacuation manifest as XLSX (?transport=N; audited)");

  r.Get("/api/v1/crises/:id/manifest.pdf", Access::kSignedIn, [d](Request& req) {
    return ManifestDownload(req, d, "pdf");
  }, "An evacuation manifest as PDF (?transport=N; audited)");

  r.Post("/api/v1/crises/:id/close", Access::kSignedIn, [s, t](Request& req) {
    auto k = s->Close(SafetyContextOf(req), SafetyId(req.params["id"]));
    if (!k.ok()) return http::ErrorResponse(req, k.error(), *t);
    return Response::Json({{"id", k->id}, {"state", k->state}, {"closed_at", k->closed_at},
                           {"retain_until", k->retain_until}});
  }, "Close a crisis: safety links stop working; answers and call notes are purged after the "
     "retention period");
}

}  // namespace peduli::crisis
