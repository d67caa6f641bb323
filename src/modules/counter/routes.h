#pragma once

#include "http/router.h"
#include "http/templates.h"
#include "modules/counter/service.h"
#include "modules/registry/routes.h"

namespace peduli::counter {

struct RoutesDeps {
  CounterService* counter;
  const http::Templates* templates;
  registry::RoutesDeps receipt;  // for the receipt PDF (registry::ReceiptPdfFor)
};

// The console's duplicate-NIK claims (/konsol/duplikat...) and walk-in registration
// (/konsol/loket...), as pages.
void RegisterWebRoutes(http::Router& r, const RoutesDeps& d);
// Their JSON twins: /api/v1/duplicates..., POST /api/v1/walk-in.
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);

// Shared by both: the request's context, a path id (0 when not a number), the name of the
// mission serving a Lapor Diri's stay (for "err.counter.other_mission").
Context ContextOf(const http::Request& req);
int64_t PathId(const http::Request& req);
std::string ServingMissionName(const registry::RegistryService& reg, const registry::LaporDiri& d);

}  // namespace peduli::counter
