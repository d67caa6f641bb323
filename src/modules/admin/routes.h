#pragma once

#include "http/router.h"
#include "http/templates.h"
#include "modules/admin/service.h"

namespace peduli::admin {

struct RoutesDeps {
  MissionAdmin* missions;
  const http::Templates* templates;
};

// HQ's mission pages (/admin/perwakilan...) and their JSON twins (/api/v1/missions...):
// hq_admin only (policy::Action::kManageMissions), except the staff list and one mission's
// public contact details.
void RegisterRoutes(http::Router& r, const RoutesDeps& d);

}  // namespace peduli::admin
