#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/counter/routes.h"
#include "modules/registry/codec.h"

namespace peduli::counter {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

Context ContextOf(const Request& req) {
  return {policy::ActorOf(*req.principal), req.remote_ip, req.request_id};
}

int64_t PathId(const Request& req) {
  auto it = req.params.find("id");
  if (it == req.params.end() || it->second.empty() || it->second.size() > 18) return 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stoll(it->second);
}

std::string ServingMissionName(const registry::RegistryService& reg, const registry::LaporDiri& d) {
  const auto& ref = reg.reference();
  const auto a = ref.ResolveMission(d.stay.country, d.stay.subdivision, d.stay.city);
  const auto* m = ref.FindMission(a.mission_code);
  return m ? m->name : a.mission_code;
}

namespace {

json ClaimJson(const store::ClaimRow& c) {
  return {{"id", c.id}, {"nik", c.nik}, {"existing_citizen_id", c.existing_citizen_id},
          {"mission_code", c.mission_code}, {"registration_number", c.registration_number},
          {"existing_name", c.existing_name}, {"existing_has_account", c.existing_account_id != 0},
          {"claimant_account_id", c.claimant_account_id}, {"claimant_email", c.claimant_email},
          {"created_at", c.created_at},
          {"resolved_at", c.resolved_at ? json(c.resolved_at) : json(nullptr)},
          {"resolution", c.resolution.empty() ? json(nullptr) : json(c.resolution)}};
}

json DecisionJson(const store::DecisionRow& d) {
  auto id_or_null = [](int64_t v) { return v ? json(v) : json(nullptr); };
  return {{"id", d.id}, {"claim_id", d.attempt_id}, {"decision", d.decision},
          {"undoes", id_or_null(d.undoes_id)}, {"note", d.note},
          {"identity_checked", d.identity_checked}, {"actor_account_id", d.actor_account_id},
          {"actor_mission", d.actor_mission}, {"citizen_id", d.citizen_id},
          {"before_account_id", id_or_null(d.before_account_id)},
          {"after_account_id", id_or_null(d.after_account_id)}, {"created_at", d.created_at},
          {"undone", d.undone}};
}

// The error as JSON; "another mission serves this place" names that mission.
Response WalkInError(const Request& req, const Error& e, const RoutesDeps& d,
                     const registry::LaporDiri& in) {
  auto body = json::parse(http::ErrorJson(req, e, d.templates->catalog()));
  for (auto& f : body["errors"]) {
    if (f.value("code", "") == "err.counter.other_mission") {
      f["message"] = f["message"].get<std::string>() + " " + ServingMissionName(d.counter->registry(), in);
    }
  }
  return Response::Json(body, http::HttpStatus(e.code));
}

}  // namespace

void RegisterApiRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;
  auto* counter = d.counter;

  r.Get("/api/v1/duplicates", Access::kSignedIn, [t, counter](Request& req) {
    auto lists = counter->ListClaims(ContextOf(req));
    if (!lists.ok()) return http::ErrorResponse(req, lists.error(), *t);
    json open = json::array(), resolved = json::array();
    for (const auto& c : lists->open) open.push_back(ClaimJson(c));
    for (const auto& c : lists->resolved) resolved.push_back(ClaimJson(c));
    return Response::Json({{"open", open}, {"resolved", resolved}});
  }, "Duplicate-NIK claims in the actor's jurisdiction: open, and recently resolved (staff; audited)");

  r.Get("/api/v1/duplicates/:id", Access::kSignedIn, [t, counter](Request& req) {
    auto v = counter->GetClaim(ContextOf(req), PathId(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *t);
    json j = ClaimJson(v->claim);
    j["existing"] = registry::RecordJson(v->existing, counter->registry().reference());
    j["claimed"] = registry::ToJson(v->claimed);
    j["differences"] = Differences(v->existing.data, v->claimed);
    json log = json::array();
    for (const auto& dec : v->decisions) log.push_back(DecisionJson(dec));
    j["decisions"] = log;
    j["can_act"] = v->can_act;
    j["can_undo"] = v->can_undo;
    return Response::Json(j);
  }, "One duplicate-NIK claim: the existing record beside the claimant's submission (audited)");

  r.Post("/api/v1/duplicates/:id/decision", Access::kSignedIn, [t, counter](Request& req) {
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    auto str = [&](const char* k) {
      auto it = b->find(k);
      return it != b->end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto it = b->find("identity_checked");
    const bool checked = it != b->end() && it->is_boolean() && it->get<bool>();
    auto dec = counter->Decide(ContextOf(req), PathId(req), str("decision"), str("note"), checked);
    if (!dec.ok()) return http::ErrorResponse(req, dec.error(), *t);
    return Response::Json(DecisionJson(*dec));
  }, "Decide a duplicate-NIK claim: keep, transfer (identity checked) or reject (officers of the record's mission)");

  r.Post("/api/v1/duplicates/:id/undo", Access::kSignedIn, [t, counter](Request& req) {
    auto dec = counter->Undo(ContextOf(req), PathId(req));
    if (!dec.ok()) return http::ErrorResponse(req, dec.error(), *t);
    return Response::Json(DecisionJson(*dec));
  }, "Undo the latest decision on a duplicate-NIK claim; 409 when the state changed since");

  r.Post("/api/v1/walk-in", Access::kSignedIn, [d, t, counter](Request& req) {
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    const registry::LaporDiri in = registry::FromJson(*b);
    int64_t confirmed = 0;
    if (auto it = b->find("confirm_existing"); it != b->end() && it->is_number_integer()) {
      confirmed = it->get<int64_t>();
    }
    auto res = counter->WalkIn(ContextOf(req), in, confirmed);
    if (!res.ok()) {
      if (res.error().code == Code::kConflict && res.error().message == "counter.existing_record") {
        // The record the officer must confirm: its id (and, in their own mission, its number).
        auto p = counter->PreviewWalkIn(ContextOf(req), in);
        auto body = json::parse(http::ErrorJson(req, res.error(), t->catalog()));
        if (p.ok()) {
          body["existing_citizen_id"] = p->existing_id;
          body["existing_in_your_mission"] = p->existing_here;
          if (p->existing_here) body["existing_registration_number"] = p->existing.registration_number;
        }
        return Response::Json(body, 409);
      }
      return WalkInError(req, res.error(), d, in);
    }
    json j = registry::RecordJson(res->record, counter->registry().reference());
    j["citizen_id"] = res->record.id;
    j["warnings"] = res->warnings;
    j["moved"] = res->moved;
    return Response::Json(j, res->created ? 201 : 200);
  }, "Walk-in Lapor Diri entered by an officer for a citizen at the counter (201 new, 200 updated)");
}

}  // namespace peduli::counter
