#pragma once

#include "http/router.h"
#include "http/templates.h"
#include "modules/audit/service.h"
#include "modules/reference/service.h"
#include "store/registry_store.h"

namespace peduli::audit {

struct RoutesDeps {
  AuditService* audit;
  store::RegistryStore* records;  // finds the signed-in citizen's record
  const http::Templates* templates;
  const reference::ReferenceService* reference = nullptr;  // mission names for the citizen
};

// The data-protection officer's view of the log (JSON, CSV export, chain check), and the
// citizen's view of who opened their record. Every dpo call is itself audited.
void RegisterRoutes(http::Router& r, const RoutesDeps& d);

}  // namespace peduli::audit
