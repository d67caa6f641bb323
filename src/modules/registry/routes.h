#pragma once

#include <string>

#include "http/router.h"
#include "http/templates.h"
#include "modules/accounts/service.h"
#include "modules/registry/service.h"
#include "store/console_store.h"
#include "store/verification_store.h"

namespace peduli::registry {

struct RoutesDeps {
  RegistryService* registry;
  accounts::AccountsService* accounts;
  const http::Templates* templates;
  std::string base_url;  // absolute prefix of /verify/<code> links in receipts
  store::VerificationStore* verification = nullptr;  // registry verdicts shown to the citizen
  store::ConsoleStore* reviews = nullptr;  // the officers' review, shown to the citizen
};

// JSON API under /api/v1/me and /api/v1/verify.
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);
// The citizen's pages: home, the multi-step Lapor Diri form, receipt, return, deletion,
// and the public verification page.
void RegisterWebRoutes(http::Router& r, const RoutesDeps& d);

// Shared by both: the record as the API shows it, and the receipt PDF.
nlohmann::json RecordJson(const CitizenRecord& rec, const reference::ReferenceService& ref);
Result<std::string> ReceiptPdfFor(const CitizenRecord& rec, const RoutesDeps& d,
                                  const std::string& lang);

}  // namespace peduli::registry
