#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "http/message.h"
#include "modules/policy/policy.h"
#include "modules/stats/routes.h"

namespace peduli::stats {

// The filters of the request's query string.
Result<Filters> FiltersOf(const http::Request& req);
// The scope the actor may see with `f` ("" = all), or kForbidden (kReadStats).
Result<std::string> ScopeFor(const http::Request& req, const Filters& f);
// "?mission=...&category=..." of `f` ("" when no filter), with `extra` appended.
std::string QueryOf(const Filters& f, const std::string& extra = "");
// The JSON of a view.
nlohmann::json ViewJson(const Dashboard& v);
// The public table as JSON (suppressed entries are null).
nlohmann::json PublicJson(const PublicTable& t);

// The exports of a view: CSV (formula-escaped cells, audit::CsvCell) and XLSX, with the
// filters in the header rows.
std::string ViewCsv(const Dashboard& v, const RoutesDeps& d, const std::string& lang);
Result<std::string> ViewXlsx(const Dashboard& v, const RoutesDeps& d, const std::string& lang);

// A mission's profile as a one-page PDF (cairo/pango, like the Lapor Diri receipt).
Result<std::string> ProfilePdf(const Dashboard& v, const RoutesDeps& d, const std::string& lang);

// The JSON routes, the stream and the exports (routes_api.cc).
void RegisterApiRoutes(http::Router& r, const RoutesDeps& d);

// Display names.
std::string CountryLabel(const RoutesDeps& d, const std::string& cc, const std::string& lang);
std::string ProvinceLabel(const RoutesDeps& d, const std::string& code);
std::string MissionLabel(const RoutesDeps& d, const std::string& code);

}  // namespace peduli::stats
