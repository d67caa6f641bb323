#pragma once

#include "core/clock.h"
#include "http/router.h"
#include "http/templates.h"
#include "modules/audit/service.h"
#include "modules/reference/service.h"
#include "modules/stats/service.h"
#include "modules/stats/world_map.h"

namespace peduli::stats {

struct RoutesDeps {
  StatsService* stats;
  audit::AuditService* audit;
  const reference::ReferenceService* ref;
  const http::Templates* templates;
  const WorldMap* map;
  const Clock* clock;
  // Live-update streams waiting at once (each holds an HTTP worker thread while it waits).
  int max_streams = 2;
};

// Staff: /api/v1/stats (JSON view), /api/v1/stats/export.csv|.xlsx (audited), the dashboard
// /konsol/statistik with its live stream /konsol/statistik/stream, and a mission's profile
// /konsol/statistik/perwakilan/:mission (+ /profil.pdf). Public: /api/v1/public/stats and
// /statistik (country x category, small cells suppressed, cached).
void RegisterRoutes(http::Router& r, const RoutesDeps& d);

}  // namespace peduli::stats
