#pragma once

#include <functional>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/router.h"
#include "modules/audit/service.h"
#include "http/templates.h"
#include "store/registry_store.h"
#include "store/verification_store.h"

namespace peduli::verification {

struct RoutesDeps {
  store::VerificationStore* jobs;
  store::RegistryStore* records;
  audit::AuditService* audit;  // every staff read and request is recorded before it runs
  const http::Templates* templates;
  const Clock* clock;
  std::function<void()> wake;  // the workers, after a manual check is queued
};

// Staff API: a citizen's registry verdicts in detail, a check by hand, and the parked jobs
// of the actor's jurisdiction. Every call is authorised by policy::Allowed and audited.
void RegisterRoutes(http::Router& r, const RoutesDeps& d);

// The citizen's own verdicts in plain states ({"dukcapil":"match",...}).
nlohmann::json CitizenStates(store::VerificationStore& jobs, int64_t citizen_id);

}  // namespace peduli::verification
