#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// Called inside every Lapor Diri write's transaction (create, update, walk-in): the report
// is "submitted" again, its queue columns follow the current stay, the counts follow, and
// the submission joins the history. `entered_by` is the account that typed it.
Status MarkSubmitted(Connection& c, int64_t citizen_id, const std::string& mission_code,
                     const std::string& category, const std::string& arrival_date,
                     int64_t entered_by, bool by_staff, int64_t now);
// Called inside a transaction that moves a citizen to another mission without a new
// submission (a jurisdiction change taking effect): the review state stays, the queue row
// and the counts follow the new mission. Nothing happens for a citizen without a row.
Status MoveReview(Connection& c, int64_t citizen_id, const std::string& mission_code);
// Called inside the deletion transaction: the report leaves the queue and the counts.
Status ForgetReview(Connection& c, int64_t citizen_id);

// The review state of one report. A citizen without a row (bulk-loaded before the console
// existed) reads as submitted.
struct ReviewState {
  int64_t citizen_id = 0;
  std::string state = "submitted";  // submitted, verified, rejected, correction_requested
  std::string reason;
  std::string mission_code, category, arrival_date;
  int64_t submitted_at = 0;
  int64_t decided_by = 0;
  std::string decided_mission;
  int64_t decided_at = 0;
  int64_t assigned_to = 0;
  std::string assignee_name;
  int64_t version = 0;
  int64_t updated_at = 0;
};

struct ReviewEvent {
  int64_t id = 0;
  std::string state, reason;
  int64_t actor_account_id = 0;
  std::string actor_role, mission_code;
  int64_t at = 0;
};

// One page of the review queue. Keyset order: submitted_at, then citizen_id (oldest first).
struct QueueFilter {
  std::string mission_code;  // "" = every mission (HQ)
  std::string state = "submitted";
  std::string category;          // "" = any
  int64_t submitted_from = 0;    // submitted_at >= this
  int64_t submitted_to = 0;      // submitted_at < this; 0 = open
  std::string arrival_from;      // arrival_date >= this ("" = open)
  std::string arrival_to;        // arrival_date <= this ("" = open)
  int64_t assigned_to = 0;       // 0 = anyone
  int64_t after_submitted_at = 0;
  int64_t after_id = 0;          // 0: the first page
  int limit = 50;
};

struct QueueItem {
  int64_t citizen_id = 0;
  std::string full_name, nik;  // the caller masks the NIK
  std::string mission_code, category, arrival_date, state;
  int64_t submitted_at = 0;
  int64_t assigned_to = 0;
  std::string assignee_name;
  std::map<std::string, std::string> verdicts;  // system -> state
};

struct QueuePage {
  std::vector<QueueItem> items;
  bool more = false;  // a next page exists: continue after the last item
};

// Registry verdicts needing an officer (mismatch, not_found, error: parked checks end as
// error). Keyset order: citizen_id, system.
struct AttentionItem {
  int64_t citizen_id = 0;
  std::string system, state;
  std::string full_name, nik, mission_code, category;
  int64_t updated_at = 0;
};

// An open duplicate-NIK claim on a registered citizen. Keyset order: id.
struct DuplicateItem {
  int64_t id = 0;
  int64_t existing_citizen_id = 0;
  std::string full_name, nik, mission_code;
  int64_t created_at = 0;
};

struct StaffMember {
  int64_t account_id = 0;
  std::string name, role;
};

// Who typed a record: the citizen themself, or staff at a counter (walk-in).
struct EntryInfo {
  int64_t account_id = 0;  // the citizen's own account
  int64_t entered_by = 0;
  std::string name, role, mission_code;  // of entered_by
};

// The console's reads and writes. Every write is one transaction.
class ConsoleStore {
 public:
  explicit ConsoleStore(Database* db) : db_(db) {}

  // Gives every citizen without a review row one (submitted, as of its creation) and then
  // recounts: for records bulk-loaded outside the Lapor Diri path. Returns rows added.
  Result<int64_t> Backfill(int64_t now);

  // NotFound when the citizen has no row.
  Result<ReviewState> Review(int64_t citizen_id);
  Result<std::vector<ReviewEvent>> Events(int64_t citizen_id, int limit = 100);

  // Stores a decision if the row's version is still `expected_version`; kConflict
  // "console.review.stale" otherwise. Appends the history and `audit` in the same
  // transaction. `reason` may be "".
  Result<ReviewState> Decide(int64_t citizen_id, int64_t expected_version,
                             const std::string& state, const std::string& reason,
                             int64_t actor, const std::string& actor_role,
                             const std::string& actor_mission, int64_t now,
                             const AuditEntry& audit);
  // Assigns the report to `assignee` (0: nobody), with `audit` in the same transaction.
  Status Assign(int64_t citizen_id, int64_t assignee, int64_t now, const AuditEntry& audit);

  Result<QueuePage> Queue(const QueueFilter& f);
  // Reports per state in the scope ("" = all), for one category or all ("").
  Result<std::map<std::string, int64_t>> Counts(const std::string& mission_code,
                                                const std::string& category);
  Result<std::vector<AttentionItem>> Attention(const std::string& mission_code,
                                               const std::string& category,
                                               int64_t after_citizen, const std::string& after_system,
                                               int limit);
  Result<int64_t> AttentionCount(const std::string& mission_code);
  Result<std::vector<DuplicateItem>> Duplicates(const std::string& mission_code, int64_t after_id,
                                                int limit);
  Result<int64_t> DuplicateCount(const std::string& mission_code);

  // Officers and supervisors of a mission (who work can be assigned to).
  Result<std::vector<StaffMember>> MissionStaff(const std::string& mission_code);
  Result<EntryInfo> EntryOf(int64_t citizen_id);

  Status SetPurpose(const std::string& session_key, int64_t account_id,
                    const std::string& purpose, int64_t now);
  // The purpose of a session, or "" when none was given.
  std::string Purpose(const std::string& session_key);

 private:
  Database* db_;
};

}  // namespace peduli::store
