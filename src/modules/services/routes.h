#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/router.h"
#include "http/templates.h"
#include "modules/services/service.h"

namespace peduli::services {

struct RoutesDeps {
  ServicesService* services;
  const http::Templates* templates;
};

// Pages: the public catalog (/layanan), filing (/layanan/ajukan/{code}), the citizen's
// applications (/layanan/saya...), and the officers' queue (/konsol/layanan...).
void RegisterWebRoutes(http::Router& r, const RoutesDeps& d);
// Their JSON twins: /api/v1/services..., /api/v1/me/applications...,
// /api/v1/missions/{mission}/applications|services|slots, /api/v1/applications/{id}...
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);

// Shared by both.
Context ContextOf(const http::Request& req);
int64_t PathNumber(const http::Request& req, const std::string& name);
// The form's plain fields ("field.<key>" -> value, without the prefix) and its files
// ("doc.<key>"), from a multipart/form-data or urlencoded body.
struct Submitted {
  std::map<std::string, std::string> plain;   // every plain field as sent
  std::map<std::string, std::string> fields;  // field.<key> -> value, prefix removed
  std::vector<Upload> uploads;
};
Submitted ReadSubmission(const http::Request& req);
// A document download: its detected type, never sniffable as something else.
http::Response DocumentResponse(const DocumentFile& f);

}  // namespace peduli::services
