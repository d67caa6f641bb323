#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/policy/policy.h"
#include "modules/reference/service.h"
#include "store/reference_store.h"

namespace peduli::admin {

// One jurisdiction row as HQ types it.
struct AreaInput {
  std::string country;      // ISO alpha-2
  std::string subdivision;  // ISO 3166-2, optional
  std::string city;         // optional, only with a subdivision
};

// A change HQ asks for. Field names are the API's and the form's ("effective_date",
// "working_days", "jurisdictions"), so errors land at the right input in both. An absent
// optional leaves the field as it is.
struct ChangeRequest {
  std::string kind = reference::kChangeUpdate;  // update, create, close
  std::string effective_date;                   // YYYY-MM-DD, the mission's local date
  std::optional<std::string> name, timezone, address, phone, city;
  std::optional<std::vector<int>> working_days;
  std::optional<std::vector<AreaInput>> jurisdictions;
  std::string type, country;  // create only
  std::string successor;      // close only
};

// HQ's administration of missions: validates, schedules and cancels versioned changes
// (store::MissionChange), each audited in the same transaction, and tells the reference
// service to pick them up. Thread-safe.
class MissionAdmin {
 public:
  // None owned; all must outlive the service.
  MissionAdmin(const reference::ReferenceService* ref, store::MissionChangeStore* store,
               audit::AuditService* audit, const Clock* clock)
      : ref_(ref), store_(store), audit_(audit), clock_(clock) {}

  // Schedules `req` for mission `code` (for a create: the new mission's code). Errors:
  // Forbidden without kManageMissions; NotFound for an unknown mission; Invalid with field
  // errors (effective date in the past of the mission's zone, unknown time zone, no
  // working day, bad phone, unknown country or subdivision, nothing changed, ...).
  Result<int64_t> Schedule(const policy::Actor& actor, const std::string& code,
                           const ChangeRequest& req, const std::string& ip,
                           const std::string& request_id);
  // Cancels a change that has not taken effect. NotFound, Conflict
  // ("err.mission.change_final"), Forbidden.
  Status Cancel(const policy::Actor& actor, const std::string& code, int64_t change_id,
                const std::string& ip, const std::string& request_id);
  // The mission's changes, cancelled ones included, newest first.
  Result<std::vector<store::MissionChange>> History(const std::string& code);
  // How many uncancelled changes of each mission are still to take effect.
  Result<std::map<std::string, int>> PendingCounts();

  const reference::ReferenceService& reference() const { return *ref_; }
  int64_t Now() const { return clock_->NowUnix(); }

 private:
  Result<int64_t> Save(const policy::Actor& actor, store::MissionChange change,
                       const std::string& action, const std::string& ip,
                       const std::string& request_id);

  const reference::ReferenceService* ref_;
  store::MissionChangeStore* store_;
  audit::AuditService* audit_;
  const Clock* clock_;
};

// "MY", "MY-12", "MY-12 | Tawau": one area per line of the form's text box.
std::vector<AreaInput> ParseAreas(const std::string& text);
std::string AreasText(const std::vector<reference::Jurisdiction>& rows,
                      const std::string& mission_code);

}  // namespace peduli::admin
