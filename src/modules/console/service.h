#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/policy/policy.h"
#include "store/console_store.h"

namespace peduli::console {

using policy::Actor;

// Why a staff session opens records (asked once per session, recorded in every audit
// entry): service, protection, verification, statistics check.
inline const std::vector<std::string> kPurposes = {"layanan", "pelindungan", "verifikasi",
                                                   "statistik"};
// Review states of a Lapor Diri report, and the decisions that lead to them.
inline const std::vector<std::string> kStates = {"submitted", "verified", "rejected",
                                                 "correction_requested"};
inline const std::vector<std::string> kDecisions = {"verify", "reject", "request_correction"};
inline constexpr size_t kMaxReason = 1000;

// "3273014101900001" -> "327301******0001": lists never show a whole NIK.
std::string MaskNik(const std::string& nik);
// The key a session's purpose is stored under: a hash of the session's CSRF token, which
// is per session and never leaves the server in this form.
std::string SessionKey(const std::string& session_csrf);

// Where the request came from, for the audit entry.
struct Origin {
  std::string purpose, ip, request_id;
};

// The rules of the officer console: decisions on a report, assignment, the session's
// purpose. Callers have already checked policy::Allowed. Thread-safe.
class ConsoleService {
 public:
  // None owned; all must outlive the service.
  ConsoleService(store::ConsoleStore* store, audit::AuditService* audit, const Clock* clock)
      : store_(store), audit_(audit), clock_(clock) {}

  // The report's review state; "submitted" for a citizen without a row yet.
  Result<store::ReviewState> Review(int64_t citizen_id);

  // verify | reject | request_correction, on the state the officer saw (`version`).
  // kInvalid "decision" (err.choice), "reason" (err.review.reason_required for reject and
  // request_correction; err.review.reason_long); kConflict "console.review.stale" when the
  // report changed meanwhile. Audited (action "review_<decision>") in the same transaction.
  Result<store::ReviewState> Decide(const Actor& actor, int64_t citizen_id,
                                    const std::string& decision, const std::string& reason,
                                    int64_t version, const Origin& origin);

  // Gives the report to `assignee` (0: nobody), who must be an officer or supervisor of
  // `mission_code` (kInvalid "assignee" err.choice otherwise). Audited.
  Status Assign(const Actor& actor, int64_t citizen_id, const std::string& mission_code,
                int64_t assignee, const Origin& origin);

  // kInvalid "purpose" (err.purpose.choice) unless one of kPurposes.
  Status SetPurpose(int64_t account_id, const std::string& session_csrf,
                    const std::string& purpose);
  // "" when the session gave none.
  std::string Purpose(const std::string& session_csrf);

  store::ConsoleStore& store() { return *store_; }

 private:
  store::ConsoleStore* store_;
  audit::AuditService* audit_;
  const Clock* clock_;
};

}  // namespace peduli::console
