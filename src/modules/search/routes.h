#pragma once

#include "http/router.h"
#include "http/templates.h"
#include "modules/audit/service.h"
#include "modules/search/service.h"

namespace peduli::search {

struct RoutesDeps {
  SearchService* search;
  audit::AuditService* audit;
  const http::Templates* templates;
};

// GET /api/v1/citizens?kind=name|nik|passport|phone&q=...&after=ID&limit=N: staff search,
// always inside the actor's jurisdiction (HQ: everywhere), audited with its terms and the
// ids it returned.
void RegisterRoutes(http::Router& r, const RoutesDeps& d);

}  // namespace peduli::search
