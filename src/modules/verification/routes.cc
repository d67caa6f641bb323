#include "modules/verification/routes.h"

#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/policy/policy.h"
#include "modules/verification/checks.h"

namespace peduli::verification {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

nlohmann::json CitizenStates(store::VerificationStore& jobs, int64_t citizen_id) {
  json out = json::object();
  auto results = jobs.Results(citizen_id);
  if (!results.ok()) return out;
  for (const auto& r : *results) out[r.system] = r.state;
  return out;
}

namespace {

policy::Actor ActorOf(const Request& req) { return policy::ActorOf(*req.principal); }

// The citizen, if the actor may act on them; the error response otherwise.
Result<registry::CitizenRecord> Authorised(const Request& req, const RoutesDeps& d,
                                           policy::Action action) {
  int64_t id = 0;
  try {
    id = std::stoll(req.params.at("id"));
  } catch (const std::exception&) {
    return Error::NotFound();
  }
  auto rec = d.records->FindById(id);
  if (!rec.ok()) return rec.take_error();
  std::string mission = rec->stays.empty() ? "" : rec->stays.front().mission_code;
  // Someone who may not read the record learns nothing, not even that it exists; someone
  // who may read it but not do this (HQ acting on a mission's work) is refused.
  if (!policy::Allowed(ActorOf(req), policy::Action::kReadCitizen, mission)) return Error::NotFound();
  if (!policy::Allowed(ActorOf(req), action, mission)) return Error::Forbidden();
  return rec;
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  r.Get("/api/v1/citizens/:id/verification", Access::kSignedIn, [d](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kReadCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto results = d.jobs->Results(rec->id);
    if (!results.ok()) return http::ErrorResponse(req, results.error(), *d.templates);
    auto audited = d.audit->Record(ActorOf(req), "read_verification", rec->id, "verification",
                                   req.remote_ip, req.request_id);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    json out = json::array();
    for (const auto& v : *results) {
      out.push_back({{"system", v.system}, {"state", v.state},
                     {"mismatched_fields", v.mismatched_fields},
                     {"checked_against", json::parse(v.checked_against.empty() ? "{}" : v.checked_against, nullptr, false)},
                     {"detail", json::parse(v.detail, nullptr, false)},
                     {"checked_at", v.checked_at ? json(v.checked_at) : json(nullptr)}});
    }
    return Response::Json({{"citizen_id", rec->id}, {"results", out}});
  }, "Registry verdicts of a citizen in detail (staff of the citizen's mission, HQ)");

  r.Post("/api/v1/citizens/:id/verification", Access::kSignedIn, [d](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kVerifyCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto body = json::parse(req.body.empty() ? "{}" : req.body, nullptr, false);
    std::vector<std::string> systems;
    if (body.is_object() && body.contains("systems") && body["systems"].is_array()) {
      for (const auto& s : body["systems"]) {
        if (!s.is_string()) continue;
        std::string name = s.get<std::string>();
        if (name != kDukcapil && name != kImigrasi && name != kBp2mi) {
          return http::ErrorResponse(req, Error::Invalid("systems", "err.choice"), *d.templates);
        }
        systems.push_back(name);
      }
    }
    if (systems.empty()) systems = SystemsToCheck(nullptr, rec->data);
    auto audited = d.audit->Record(ActorOf(req), "request_verification", rec->id, "verification",
                                   req.remote_ip, req.request_id, {{"systems", systems}});
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    auto s = d.jobs->EnqueueManual(rec->id, systems, req.principal->account_id, d.clock->NowUnix());
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    if (d.wake) d.wake();
    return Response::Json({{"queued", systems}}, 202);
  }, "Queue a registry check by hand (officers of the citizen's mission)");

  r.Get("/api/v1/verification/attention", Access::kSignedIn, [d](Request& req) {
    policy::Actor actor = ActorOf(req);
    std::string scope = policy::ScopeOf(actor);
    if (!policy::Allowed(actor, policy::Action::kReadWorkQueue, scope)) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    auto jobs = d.jobs->NeedsAttention(scope, 200);
    if (!jobs.ok()) return http::ErrorResponse(req, jobs.error(), *d.templates);
    json out = json::array();
    for (const auto& j : *jobs) {
      out.push_back({{"job_id", j.job_id}, {"citizen_id", j.citizen_id}, {"system", j.system},
                     {"mission_code", j.mission_code}, {"attempts", j.attempts},
                     {"last_error", j.last_error}});
    }
    auto audited = d.audit->Record(actor, "read_verification_attention", 0, "verification",
                                   req.remote_ip, req.request_id);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    return Response::Json({{"jobs", out}});
  }, "Registry checks that failed repeatedly and need an officer (actor's jurisdiction)");
}

}  // namespace peduli::verification
