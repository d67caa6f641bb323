#pragma once

#include "http/router.h"
#include "http/templates.h"
#include "modules/audit/service.h"
#include "modules/election/service.h"
#include "modules/reference/service.h"
#include "store/registry_store.h"

namespace peduli::election {

struct RoutesDeps {
  ElectionService* elections;
  audit::AuditService* audit;
  store::RegistryStore* records;  // the citizen of an officer's lookup, or of /me
  const reference::ReferenceService* refs;  // PPLN codes are mission codes
  const http::Templates* templates;
};

// The DPT LN: the PPLN's versions, differences and coverage (JSON and one page), generation,
// CSV/XLSX exports (audited before they leave), an officer's lookup of one citizen's
// inclusion or exclusion reason (audited), and the citizen's own standing.
void RegisterRoutes(http::Router& r, const RoutesDeps& d);

}  // namespace peduli::election
