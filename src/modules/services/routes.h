#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/router.h"
#include "http/templates.h"
#include "modules/console/service.h"
#include "modules/services/service.h"

namespace peduli::services {

struct RoutesDeps {
  ServicesService* services;
  const http::Templates* templates;
  // The console's session purposes: staff reads are audited with the session's (optional;
  // without it, or when the session gave none, "layanan").
  console::ConsoleService* console = nullptr;
  std::string base_url;  // for the QR code of issued documents
};

// Pages: the public catalog (/layanan), filing (/layanan/ajukan/{code}), the citizen's
// applications (/layanan/saya...), and the officers' queue (/konsol/layanan...).
void RegisterWebRoutes(http::Router& r, const RoutesDeps& d);
// Their JSON twins: /api/v1/services..., /api/v1/me/applications...,
// /api/v1/missions/{mission}/applications|services|slots, /api/v1/applications/{id}...
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);

// Issued documents, /verify/dokumen, the day's list and walk-in queue numbers
// (routes_output.cc); called by the two above (pages first, so /konsol/layanan/hari comes
// before /konsol/layanan/{id}).
void RegisterOutputWebRoutes(http::Router& r, const RoutesDeps& d);
void RegisterOutputApiRoutes(http::Router& r, const RoutesDeps& d);

// The issued-document part of an application page (routes_output.cc).
void AddIssued(ctemplate::TemplateDictionary& c, const http::Request& req, const RoutesDeps& d,
               const ApplicationView& v, bool staff);

// Shared by both. The second form adds the console session's purpose.
Context ContextOf(const http::Request& req);
Context ContextOf(const http::Request& req, const RoutesDeps& d);
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
