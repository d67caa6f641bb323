#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/console/common.h"

namespace peduli::console {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

// 428 Precondition Required: staff give a purpose for their session before opening a
// record (PUT /api/v1/sessions/current/purpose).
Response PurposeRequired(const Request& req, const http::Catalog& c) {
  return Response::Json({{"errors", json::array({{{"field", "purpose"},
                                                   {"code", "purpose_required"},
                                                   {"message", c.Text(req.lang, "console.purpose.required")}}})}},
                        428);
}

}  // namespace

void RegisterApiRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;

  r.Get("/api/v1/work-queue", Access::kSignedIn, [d, t](Request& req) {
    const Actor actor = policy::ActorOf(*req.principal);
    if (!policy::Allowed(actor, policy::Action::kReadWorkQueue, policy::ScopeOf(actor))) {
      return http::ErrorResponse(req, Error::Forbidden(), *t);
    }
    auto q = ParseQueue(req);
    if (!q.ok()) return http::ErrorResponse(req, q.error(), *t);
    std::vector<int64_t> ids;
    auto out = LoadQueue(*q, actor, d, &ids);
    if (!out.ok()) return http::ErrorResponse(req, out.error(), *t);
    auto audited = d.audit->Record(actor, "read_work_queue", 0, PurposeOr(req, d, "work_queue"),
                                   req.remote_ip, req.request_id,
                                   {{"tab", q->tab}, {"state", q->state}}, ids);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *t);
    return Response::Json(*out);
  }, "The work queue: counts per state and one page of reports, registry verdicts needing "
     "attention or duplicate-NIK claims (staff; the actor's jurisdiction; audited)");

  r.Get("/api/v1/citizens/:id", Access::kSignedIn, [d, t](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kReadCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    const std::string purpose = d.console->Purpose(req.principal->csrf);
    if (purpose.empty()) return PurposeRequired(req, t->catalog());
    auto audited = d.audit->Record(policy::ActorOf(*req.principal), "read_citizen", rec->id,
                                   purpose, req.remote_ip, req.request_id);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *t);
    return Response::Json(StaffRecordJson(*rec, d));
  }, "A citizen's whole record (staff of the citizen's mission, HQ; 428 until the session "
     "gives a purpose; audited with it)");

  r.Post("/api/v1/citizens/:id/review", Access::kSignedIn, [d, t](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kDecideCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    const std::string purpose = d.console->Purpose(req.principal->csrf);
    if (purpose.empty()) return PurposeRequired(req, t->catalog());
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    int64_t version = -1;
    if (b->contains("version") && (*b)["version"].is_number_integer()) {
      version = (*b)["version"].get<int64_t>();
    } else {  // a client that did not read the state decides on the current one
      auto cur = d.console->Review(rec->id);
      if (!cur.ok()) return http::ErrorResponse(req, cur.error(), *t);
      version = cur->version;
    }
    auto decided = d.console->Decide(policy::ActorOf(*req.principal), rec->id,
                                     b->value("decision", std::string()),
                                     b->value("reason", std::string()), version,
                                     OriginOf(req, purpose));
    if (!decided.ok()) return http::ErrorResponse(req, decided.error(), *t);
    return Response::Json(ReviewJson(*decided));
  }, "Decide a Lapor Diri report: verify, reject or request a correction (reason required "
     "for the last two; 409 when it changed since `version`; officers of the citizen's mission)");

  r.Put("/api/v1/citizens/:id/assignee", Access::kSignedIn, [d, t](Request& req) {
    const Actor actor = policy::ActorOf(*req.principal);
    if (!policy::Allowed(actor, policy::Action::kAssignWork, policy::ScopeOf(actor))) {
      return http::ErrorResponse(req, Error::Forbidden(), *t);
    }
    auto rec = Authorised(req, d, policy::Action::kAssignWork);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *t);
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    if (!b->contains("account_id") ||
        !((*b)["account_id"].is_number_integer() || (*b)["account_id"].is_null())) {
      return http::ErrorResponse(req, Error::Invalid("account_id", "err.required"), *t);
    }
    int64_t assignee = (*b)["account_id"].is_null() ? 0 : (*b)["account_id"].get<int64_t>();
    auto s = d.console->Assign(actor, rec->id, MissionOf(*rec), assignee,
                               OriginOf(req, PurposeOr(req, d, "work_queue")));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *t);
    return Response::Json({{"citizen_id", rec->id}, {"assigned_to", assignee ? json(assignee) : json(nullptr)}});
  }, "Give a report to an officer of the mission, or null to nobody (supervisors)");

  r.Put("/api/v1/sessions/current/purpose", Access::kSignedIn, [d, t](Request& req) {
    if (!policy::IsStaff(req.principal->role)) return http::ErrorResponse(req, Error::Forbidden(), *t);
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    auto s = d.console->SetPurpose(req.principal->account_id, req.principal->csrf,
                                   b->value("purpose", std::string()));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *t);
    return Response::Json({{"purpose", b->value("purpose", std::string())}});
  }, "The purpose of this staff session (layanan, pelindungan, verifikasi, statistik), "
     "recorded in its audit entries");
}

}  // namespace peduli::console
