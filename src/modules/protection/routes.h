#pragma once

#include <map>
#include <string>
#include <vector>

#include "http/forms.h"
#include "http/router.h"
#include "http/templates.h"
#include "modules/protection/service.h"

namespace peduli::protection {

struct RoutesDeps {
  ProtectionService* protection;
  const http::Templates* templates;
};

// Reporting pages: /lapor-kasus (anyone, no account) and its follow link, /lindungi (a
// signed-in citizen), the panic button POST /darurat.
void RegisterPublicRoutes(http::Router& r, const RoutesDeps& d);
// The console: /konsol/kasus (queue, CSV export, new case, case page and its forms).
void RegisterConsoleRoutes(http::Router& r, const RoutesDeps& d);
// Referrals and the console's lists beside the queue (routes_referrals.cc): incoming
// referrals (/konsol/rujukan), the HQ dashboard, the BP2MI risk list; called by
// RegisterConsoleRoutes before its "/konsol/kasus/:id".
void RegisterReferralConsoleRoutes(http::Router& r, const RoutesDeps& d);
// The partner's secret link (/rujukan/:code) and the referral JSON routes.
void RegisterReferralApiRoutes(http::Router& r, const RoutesDeps& d);
// "KJRI Jeddah", "HQ-PWNI" or the partner's label (and name).
std::string ReferralTarget(const RoutesDeps& d, const http::Request& req,
                           const store::ReferralRow& r);

// JSON twins: /api/v1/cases..., /api/v1/me/cases, /api/v1/me/panic, /api/v1/public/reports.
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);

// Shared by the three route files.
Context ContextOf(const http::Request& req);
int64_t PathId(const http::Request& req);
int64_t ToId(const std::string& s);  // 0 when not a positive number
// Options of a code list, labelled "protection.<list>.<code>" in the request's language.
std::vector<http::Option> Options(const http::Templates& t, const http::Request& req,
                                  const std::string& list, const std::vector<std::string>& codes);
std::vector<http::Option> CountryOptions(const ProtectionService& p, const http::Request& req);
// The reporting form's fields (public: with the reporter's own contact and the person's
// identifiers; citizen: category, what happened, and the prefilled place).
std::vector<http::Field> ReportFields(const ProtectionService& p, const http::Templates& t,
                                      const http::Request& req, bool is_public);
// The OpenRequest a reporting form or JSON body describes (flat field -> value).
OpenRequest RequestFrom(const std::map<std::string, std::string>& v);
std::string MissionName(const ProtectionService& p, const std::string& code);
std::string LocalTime(const ProtectionService& p, const std::string& mission, int64_t at);

}  // namespace peduli::protection
