#pragma once

#include "http/router.h"
#include "http/templates.h"
#include "modules/audit/service.h"
#include "modules/election/service.h"
#include "modules/election/voter_actions.h"
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

// The voter list's actions (issue 8, second part): routes_officer.cc, routes_ballots.cc,
// routes_citizen.cc.
struct VoterRoutesDeps {
  ElectionService* elections;
  VoterActions* actions;
  audit::AuditService* audit;
  store::RegistryStore* records;
  const reference::ReferenceService* refs;  // missions' time zones (cut-off, display)
  const http::Templates* templates;
  const Clock* clock;
};
// Officers of the citizen's mission: revoke and lift the right to vote, check the postal
// address, override the method (/konsol/warga/:id/pemilu and /api/v1/citizens/:id/voter/...).
void RegisterOfficerRoutes(http::Router& r, const VoterRoutesDeps& d);
// A PPLN's postal ballots (sent, received, counted) and its coverage page.
void RegisterBallotRoutes(http::Router& r, const VoterRoutesDeps& d);
// The citizen's method switch before the cut-off and their postal ballot's progress.
void RegisterCitizenVoterRoutes(http::Router& r, const VoterRoutesDeps& d);

}  // namespace peduli::election
