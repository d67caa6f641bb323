#include "modules/search/routes.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "http/pipeline.h"
#include "modules/policy/policy.h"

namespace peduli::search {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

std::optional<store::SearchQuery::Kind> KindOf(const std::string& k) {
  if (k.empty() || k == "name") return store::SearchQuery::kName;
  if (k == "nik") return store::SearchQuery::kNik;
  if (k == "passport") return store::SearchQuery::kPassport;
  if (k == "phone") return store::SearchQuery::kPhone;
  return std::nullopt;
}

int64_t Number(const std::optional<std::string>& s, int64_t fallback) {
  if (!s || s->empty()) return fallback;
  int64_t v = fallback;
  std::from_chars(s->data(), s->data() + s->size(), v);
  return v;
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  r.Get("/api/v1/citizens", Access::kSignedIn, [d](Request& req) {
    const policy::Actor actor = policy::ActorOf(*req.principal);
    const std::string scope = policy::ScopeOf(actor);
    if (!policy::Allowed(actor, policy::Action::kSearchCitizens, scope)) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    auto kind = KindOf(req.QueryParam("kind").value_or(""));
    if (!kind) return http::ErrorResponse(req, Error::Invalid("kind", "err.choice"), *d.templates);
    SearchRequest sr{scope, *kind, req.QueryParam("q").value_or(""),
                     Number(req.QueryParam("after"), 0), static_cast<int>(Number(req.QueryParam("limit"), 20))};
    auto page = d.search->Search(sr);
    if (!page.ok()) return http::ErrorResponse(req, page.error(), *d.templates);
    std::vector<int64_t> ids;
    json hits = json::array();
    for (const auto& h : page->hits) {
      ids.push_back(h.citizen_id);
      hits.push_back({{"citizen_id", h.citizen_id}, {"full_name", h.full_name},
                      {"nik", h.nik_masked}, {"mission_code", h.mission_code}, {"status", h.status}});
    }
    // The search and what it returned are recorded before anything is shown.
    auto audited = d.audit->Record(actor, "search", 0, "search", req.remote_ip, req.request_id,
                                   {{"kind", req.QueryParam("kind").value_or("name")},
                                    {"q", sr.q}, {"scope", scope}},
                                   ids);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    return Response::Json({{"hits", hits},
                           {"next_after", page->next_after_id ? json(page->next_after_id) : json(nullptr)}});
  }, "Search citizens by name, NIK, passport or phone (staff; within the jurisdiction; audited)");
}

}  // namespace peduli::search
