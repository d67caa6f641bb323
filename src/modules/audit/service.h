#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "modules/policy/policy.h"
#include "store/audit_store.h"

namespace peduli::audit {

using policy::Actor;

// One access to a citizen's record as the citizen sees it: the role and mission of whoever
// opened it, never their name or account id.
struct CitizenAccess {
  int64_t at = 0;
  std::string role;
  std::string mission_code;  // "" for HQ roles
  std::string action;
  std::string purpose;
};

// Rules of the audit log: what an entry holds, who sees what of it, the CSV export.
// Thread-safe (it holds no state of its own).
class AuditService {
 public:
  // Neither pointer is owned; both must outlive the service.
  AuditService(store::AuditStore* store, const Clock* clock) : store_(store), clock_(clock) {}

  // Appends one entry, stamped with the clock's time. `record_ids` are other records the
  // action touched (a search's results, an application). Errors: kUnavailable, kInternal.
  Status Record(const Actor& actor, const std::string& action, int64_t citizen_id,
                const std::string& purpose, const std::string& ip,
                const std::string& request_id, const nlohmann::json& detail = {},
                const std::vector<int64_t>& record_ids = {});

  // The entry Record would append, for a store that appends it inside its own transaction
  // (store::AuditStore::AppendIn).
  store::AuditEntry MakeEntry(const Actor& actor, const std::string& action, int64_t citizen_id,
                              const std::string& purpose, const std::string& ip,
                              const std::string& request_id, const nlohmann::json& detail = {},
                              const std::vector<int64_t>& record_ids = {}) const;

  Result<std::vector<store::AuditEntry>> Query(const store::AuditFilter& f) {
    return store_->Query(f);
  }
  Result<store::VerifyReport> Verify() { return store_->Verify(); }

  // Every entry matching `f` (its after_id and limit ignored) as CSV with a header row,
  // RFC 4180 quoting and CRLF line ends; cells that a spreadsheet would read as a formula
  // are prefixed with a single quote. kInvalid ("limit", "err.audit.export_too_large")
  // when more than kMaxExportRows match: narrow the filter.
  Result<std::string> ExportCsv(const store::AuditFilter& f);
  static constexpr int64_t kMaxExportRows = 200000;

  // Who opened the citizen's record and when, newest first: staff accesses only, by role
  // and mission.
  Result<std::vector<CitizenAccess>> CitizenView(int64_t citizen_id, int limit = 200);

 private:
  store::AuditStore* store_;
  const Clock* clock_;
};

// One CSV cell: formula-escaped, then quoted when it holds a comma, quote or line break.
std::string CsvCell(const std::string& value);
// The same cell appended to `out` (large exports: no allocation per cell).
void AppendCsvCell(std::string& out, std::string_view value);

// "2026-11-27T00:00:00Z"
std::string IsoUtc(int64_t unix_seconds);

}  // namespace peduli::audit
