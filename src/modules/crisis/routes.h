#pragma once

#include <map>
#include <string>

#include "http/router.h"
#include "http/templates.h"
#include "modules/crisis/service.h"
#include "store/outbox_store.h"

namespace peduli::crisis {

struct AlertRoutesDeps {
  CrisisService* crises;
  store::OutboxStore* outbox;
  const outbox::Renderers* renderers;
  const http::Templates* templates;
};

// The console: /konsol/krisis (list, new, one crisis with its edit form, preview, send).
void RegisterAlertWebRoutes(http::Router& r, const AlertRoutesDeps& d);
// JSON twins under /api/v1/crises, and the citizen's inbox (/pesan, /api/v1/me/messages).
void RegisterAlertApiRoutes(http::Router& r, const AlertRoutesDeps& d);

Context CrisisContextOf(const http::Request& req);
int64_t CrisisIdOf(const http::Request& req);  // the :id path parameter, 0 when malformed
// A crisis form or JSON body (flat values; area from its fields) as input. Form fields:
// countries and subdivisions as comma-separated codes, centre_lat/centre_lon/radius_km for
// one circle, polygon as "lat,lon;lat,lon;..." (what the map drawing fills), or `area` as
// the JSON itself (the API).
CrisisInput InputFromFields(const std::map<std::string, std::string>& v,
                            const std::vector<std::string>& categories);

}  // namespace peduli::crisis
