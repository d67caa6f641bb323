#pragma once

#include <string>

#include "http/router.h"
#include "http/i18n.h"
#include "http/templates.h"
#include "modules/crisis/accounted.h"
#include "modules/crisis/evacuation.h"
#include "modules/crisis/safety.h"
#include "modules/reference/service.h"

namespace peduli::crisis {

struct SafetyRoutesDeps {
  SafetyService* safety;
  AccountedService* accounted;
  EvacuationService* evacuation;
  const http::Templates* templates;
  const reference::ReferenceService* ref;
  const http::Catalog* texts;  // the manifest's words
  // Live-count streams waiting at once (each holds an HTTP worker thread while it waits).
  int max_streams = 2;
};

// Web (routes_safety_web.cc):
//  public   GET/POST /aman/:token                one-tap safety link (no sign-in, no JS needed)
//           GET /keluarga-aman/:token, POST /keluarga-aman/:token/:id   family follow link
//  citizen  GET /krisis-saya, POST /krisis-saya/:id (answer), POST /krisis-saya/keluarga
//           (new family link), POST /krisis-saya/keluarga/:id/cabut (revoke)
//  staff    GET /konsol/krisis/:id/belum-terdata (call list), POST .../panggilan/:citizen
//           (call outcome), POST .../jawaban/:citizen (answer from a call),
//           GET /konsol/krisis/:id/hitungan (+ /stream, SSE), POST /konsol/krisis/:id/tutup,
//           GET /konsol/krisis/:id/evakuasi, POST .../evakuasi/:citizen (+ /hapus),
//           POST .../transportasi, GET .../manifes.xlsx|.pdf (audited exports)
void RegisterSafetyWebRoutes(http::Router& r, const SafetyRoutesDeps& d);
// JSON (routes_safety_api.cc): /api/v1/safety/:token, /api/v1/me/crises..., /api/v1/me/
// safety-links..., /api/v1/crises/:id/people, /calls, /counts, /close, /evacuees,
// /transports, /manifest.xlsx|.pdf.
void RegisterSafetyApiRoutes(http::Router& r, const SafetyRoutesDeps& d);

// Shared by the two route files.
SafetyContext SafetyContextOf(const http::Request& req);
int64_t SafetyId(const std::string& s);  // 0 unless a positive number
// The SSE response of the live counts (one event per response, see routes_safety_api.cc).
http::Response CountsStream(http::Request& req, const SafetyRoutesDeps& d);
nlohmann::json CountsJson(const CountsView& v);
// A manifest export as a download (format "xlsx" or "pdf"), ?transport=N.
http::Response ManifestDownload(http::Request& req, const SafetyRoutesDeps& d, const std::string& format);

}  // namespace peduli::crisis
