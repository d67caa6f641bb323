#include "http/pipeline.h"
#include "modules/stats/common.h"
#include "modules/stats/live.h"
#include "store/stats_store.h"

namespace peduli::stats {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

// The view the request asks for, within what the caller may see.
Result<Dashboard> ViewOf(Request& req, const RoutesDeps& d) {
  auto f = FiltersOf(req);
  if (!f.ok()) return f.take_error();
  auto scope = ScopeFor(req, *f);
  if (!scope.ok()) return scope.take_error();
  return d.stats->View(*scope, *f);
}

// Audited before the file leaves (aggregates, but an export leaves the portal).
Response Export(Request& req, const RoutesDeps& d, bool xlsx) {
  auto v = ViewOf(req, d);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  json filters = json::object();
  for (const auto& [k, val] : v->filters.Pairs()) filters[k] = val;
  auto audited = d.audit->Record(policy::ActorOf(*req.principal), "stats_export", 0, "statistik",
                                 req.remote_ip, req.request_id,
                                 {{"format", xlsx ? "xlsx" : "csv"}, {"filters", filters},
                                  {"scope", v->scope}});
  if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
  const std::string name = "statistik-wni-" + Date::FromUnix(v->as_of).ToString();
  if (xlsx) {
    auto bytes = ViewXlsx(*v, d, req.lang);
    if (!bytes.ok()) return http::ErrorResponse(req, bytes.error(), *d.templates);
    Response res = Response::Text(std::move(bytes.value()),
                                  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.Set("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    return res;
  }
  Response res = Response::Text(ViewCsv(*v, d, req.lang), "text/csv; charset=utf-8");
  res.Set("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  return res;
}

// The dashboard's live updates (see LiveEvent).
Response Stream(Request& req, const RoutesDeps& d) {
  auto f = FiltersOf(req);
  if (!f.ok()) return http::ErrorResponse(req, f.error(), *d.templates);
  auto scope = ScopeFor(req, *f);
  if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
  // By value: the read runs after this request returns (LiveEvent).
  return LiveEvent(req, d.max_streams, "stats", [d, scope = *scope, f = *f]() -> Result<json> {
    auto v = d.stats->View(scope, f);
    if (!v.ok()) return v.take_error();
    return ViewJson(*v);
  }, *d.templates);
}

}  // namespace

void RegisterApiRoutes(http::Router& r, const RoutesDeps& d) {
  r.Get("/api/v1/stats", Access::kSignedIn, [d](Request& req) {
    auto v = ViewOf(req, d);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    return Response::Json(ViewJson(*v));
  }, "Statistics of active stays with breakdowns and the daily trend, filtered by any "
     "dimension (staff: HQ every mission, mission staff their own; aggregates only)");
  r.Get("/api/v1/stats/export.csv", Access::kSignedIn, [d](Request& req) {
    return Export(req, d, false);
  }, "The statistics view as CSV, filters in the header rows (audited)");
  r.Get("/api/v1/stats/export.xlsx", Access::kSignedIn, [d](Request& req) {
    return Export(req, d, true);
  }, "The statistics view as XLSX, filters in the header rows (audited)");
  r.Get("/konsol/statistik/stream", Access::kSignedIn, [d](Request& req) {
    return Stream(req, d);
  }, "Live statistics as Server-Sent Events (one event per response; reconnect with "
     "Last-Event-ID waits for the next change)");
  r.Get("/api/v1/public/stats", Access::kPublic, [d](Request& req) {
    auto t = d.stats->Public();
    if (!t.ok()) return http::ErrorResponse(req, t.error(), *d.templates);
    Response res = Response::Json(PublicJson(*t));
    res.Set("Cache-Control", "public, max-age=60");
    return res;
  }, "Open data: active stays by country and category; cells under the threshold and "
     "their complements suppressed (null); cached, with the time of the data");
}

}  // namespace peduli::stats
