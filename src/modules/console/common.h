#pragma once

// What the console's pages and their JSON twins share: authorisation of one citizen, the
// work-queue's filters and its contents, the record as JSON.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/message.h"
#include "modules/console/routes.h"
#include "modules/registry/model.h"

namespace peduli::console {

// The citizen named by the route's :id. Someone who may not read them gets NotFound (their
// existence is not revealed); someone who may read but not do `action` gets Forbidden.
Result<registry::CitizenRecord> Authorised(const http::Request& req, const RoutesDeps& d,
                                           policy::Action action);
// The mission a record belongs to: its current (or last) stay's.
std::string MissionOf(const registry::CitizenRecord& rec);

// The session's purpose, or `fallback` when none was given (queue and search pages).
std::string PurposeOr(const http::Request& req, const RoutesDeps& d, const std::string& fallback);
Origin OriginOf(const http::Request& req, const std::string& purpose);

// The work queue's filters as typed (query string on GET; nothing personal in them).
struct QueueQuery {
  std::string tab = "laporan";  // laporan (reports), perhatian (registry), duplikat (NIK)
  std::string state = "submitted";
  std::string category;
  std::string date_field = "submitted";  // submitted | arrival
  std::string from, to;                  // YYYY-MM-DD
  bool mine = false;
  std::string after;  // keyset: "<submitted_at>.<id>", "<id>.<system>" or "<id>"
};
// The filters of the request; kInvalid with the field ("state", "category", "from", ...).
Result<QueueQuery> ParseQueue(const http::Request& req);

// Counts and one page of the chosen tab, for actor's scope, as the JSON API returns it;
// `ids` receives the citizen ids shown (for the audit entry).
Result<nlohmann::json> LoadQueue(const QueueQuery& q, const Actor& actor, const RoutesDeps& d,
                                 std::vector<int64_t>* ids);

// The whole record as staff see it: the Lapor Diri, verification verdicts in detail, the
// review state with its history, and who entered it.
nlohmann::json StaffRecordJson(const registry::CitizenRecord& rec, const RoutesDeps& d);
nlohmann::json ReviewJson(const store::ReviewState& s);

}  // namespace peduli::console
