#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "http/templates.h"
#include "modules/audit/service.h"
#include "modules/console/service.h"
#include "modules/reference/service.h"
#include "modules/search/service.h"
#include "store/registry_store.h"
#include "store/verification_store.h"

namespace peduli::console {

struct RoutesDeps {
  ConsoleService* console;
  store::RegistryStore* records;
  store::VerificationStore* verification;
  search::SearchService* search;
  audit::AuditService* audit;
  const reference::ReferenceService* ref;
  const http::Templates* templates;
  const Clock* clock;
};

// The console's pages: the work queue (/konsol), search (/konsol/cari), a citizen's record
// (/konsol/warga/:id) with decisions and assignment, and the session's purpose
// (/konsol/tujuan).
void RegisterWebRoutes(http::Router& r, const RoutesDeps& d);
// Their JSON twins: /api/v1/work-queue, /api/v1/citizens/:id (+ /review, /assignee) and
// /api/v1/sessions/current/purpose.
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);

}  // namespace peduli::console
