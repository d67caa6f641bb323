#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "core/result.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// One protection case (table cases) as stored.
struct CaseRow {
  int64_t id = 0;
  std::string tracking_number;
  std::string mission_code;
  std::string source;  // citizen, public, officer, panic, crisis
  std::string channel;
  std::string category;
  std::string priority;  // urgent, high, normal, low
  std::string risk_flags;  // comma-separated
  bool restricted = false;
  std::string state;  // new, triaged, in_progress, resolved, closed
  std::string outcome;
  int64_t assignee_account_id = 0;
  int64_t citizen_id = 0;
  std::string subject_name, subject_nik, subject_passport, subject_birth_date;
  std::string country, location, employer, agency, phone, last_contact, summary, position;
  int64_t reporter_account_id = 0;
  std::string reporter_name, reporter_contact, reporter_relation;
  std::string follow_hash;
  std::string ip_hash;
  std::string external_ref;
  int64_t due_at = 0;  // 0: no deadline (finished)
  int64_t escalation_level = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// One entry of a case's append-only action list.
struct CaseActionRow {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string kind;  // report, note, contact, visit, legal_aid, referral, state, assign,
                     // transfer, reveal, match, escalate, reclassify
  bool internal = true;
  std::string body;
  std::string from_state, to_state, outcome;
  std::optional<int64_t> amount;
  std::string currency;
  int64_t assignee_account_id = 0;
  std::string from_mission, to_mission;
  std::string partner;
  std::optional<bool> consent;
  int64_t citizen_id = 0;
  int64_t referral_id = 0;  // the case_referrals row of a referral action (0: none/older)
  std::string category, priority;  // reclassify: what the case became (migration 0031)
  int64_t actor_account_id = 0;
  std::string actor_role;
  std::string actor_mission;
  int64_t created_at = 0;
};

// One referral of a case (table case_referrals, migration 0022).
struct ReferralRow {
  int64_t id = 0;
  int64_t case_id = 0;
  std::string from_mission;
  std::string to_kind;     // mission, hq, partner
  std::string to_mission;  // mission, hq
  std::string partner;     // partner
  std::string partner_name;
  std::string scope;       // summary, contact, full
  bool consent = false;    // false: a supervisor's override (override_reason)
  std::string override_reason;
  std::string reason;
  std::string state;       // pending, accepted, rejected, revoked, done
  std::string decision_note;
  std::string link_hash;
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// Counts of the HQ case dashboard: one row per mission x category x state. All but `overdue`
// come from the counter rows (protection_case_counts, migration 0027); `overdue` from an
// index range over open cases' deadlines.
struct CaseCountRow {
  std::string mission_code, category, state;
  int64_t total = 0;
  int64_t overdue = 0;     // open, deadline passed at `now`
  int64_t escalated = 0;   // escalation_level > 0
  int64_t restricted = 0;
};

// A migrant worker on the mission's BP2MI risk list (a verdict naming risks, not reviewed).
struct RiskRow {
  int64_t citizen_id = 0;
  std::string full_name;
  std::string mission_code;
  std::string verdict_state;  // match, mismatch, not_found
  std::string detail;         // the verdict's JSON facts (detail.risks: the codes)
  int64_t verdict_at = 0;
};

// The queue's filter and keyset page. Order: due_at ascending (no deadline last), then id.
struct CaseFilter {
  std::string mission_code;  // "" = every mission (HQ)
  bool open_only = true;     // state not resolved/closed
  std::string state;         // "" = any
  std::string category;      // "" = any
  std::string priority;      // "" = any
  int64_t assignee_account_id = 0;  // 0 = anyone
  bool escalated_only = false;      // escalation_level > 0
  int64_t min_escalation = 0;       // e.g. 2: HQ's list of cases escalated to it
  // Keyset: rows after (after_due, after_id) in the order above.
  int64_t after_due = 0;
  int64_t after_id = 0;
  int limit = 50;
};

// What a derived-state update changes on the case row with its action (ApplyAction).
struct CaseChange {
  std::optional<std::string> state;
  std::optional<std::string> outcome;
  std::optional<int64_t> assignee_account_id;  // 0 clears
  std::optional<std::string> mission_code;
  std::optional<int64_t> citizen_id;
  std::optional<int64_t> due_at;               // 0 clears
  bool reset_escalation = false;
  // Re-triage (the counters follow; restricted is the caller's to derive from the category).
  std::optional<std::string> category;
  std::optional<std::string> priority;
  std::optional<bool> restricted;
};

// One counter row's key (protection_case_counts): what the dashboard groups and sums by.
struct CaseCountKey {
  std::string mission_code, category, state, priority;
  int64_t restricted = 0;
  int64_t escalation_level = 0;
  auto Tie() const {
    return std::tie(mission_code, category, state, priority, restricted, escalation_level);
  }
  bool operator<(const CaseCountKey& o) const { return Tie() < o.Tie(); }
};
CaseCountKey CountKeyOf(const CaseRow& c);

// A counter row that disagrees with the case table (`peduli protection counts check`).
struct CaseCountDrift {
  CaseCountKey key;
  int64_t stored = 0, actual = 0;
};

// Moves one case's count from the row of `before` to the row of `after` (either may be
// null: created, removed), inside the caller's transaction. Rows are written in key order,
// so on PostgreSQL two writers lock shared counter rows in the same order (no deadlock).
// Every write to cases that changes a counted column calls it (protection_store.cc,
// protection_counts.cc).
Status MoveCaseCount(Connection& c, const CaseRow* before, const CaseRow* after);

// Appends one action row on `c` (inside the caller's transaction); the store's own files
// share it (protection_store.cc, protection_referrals.cc).
Status InsertCaseAction(Connection& c, const CaseActionRow& a);

// Runs inside a write's transaction once its rows are written, with the case (or referral)
// as it now is: the service queues the step's messages there (the outbox, issue 6 item 6),
// so they commit with the step or not at all. An error rolls the write back.
using WithinCaseWrite = std::function<Status(Connection&, const CaseRow&)>;
using WithinReferralWrite = std::function<Status(Connection&, const ReferralRow&)>;

// Protection cases and their actions. Every write is one transaction with its action row,
// the derived columns of the case, and (when given) its audit entry.
class ProtectionStore {
 public:
  explicit ProtectionStore(Database* db) : db_(db) {}

  // Inserts the case and its first action ("report"), fills in ids; `audit` (may be empty)
  // makes the audit entry from the stored case, appended in the same transaction.
  // kConflict "protection.tracking_taken" when the tracking number (or follow hash) is taken
  // (the caller draws another).
  Result<CaseRow> Create(CaseRow c, CaseActionRow first,
                         const std::function<AuditEntry(const CaseRow&)>& audit,
                         const WithinCaseWrite& within = {});
  Result<CaseRow> Find(int64_t id);
  Result<CaseRow> FindByTracking(const std::string& tracking_number);
  Result<CaseRow> FindByFollowHash(const std::string& follow_hash);
  // The case's actions, oldest first.
  Result<std::vector<CaseActionRow>> Actions(int64_t case_id);
  // The queue (see CaseFilter).
  Result<std::vector<CaseRow>> List(const CaseFilter& f);
  // Cases the account reported, newest first.
  Result<std::vector<CaseRow>> ByReporter(int64_t account_id, int limit);
  // Cases with source "public" from `ip_hash` created at or after `since`.
  Result<int64_t> CountPublicSince(const std::string& ip_hash, int64_t since);
  // The newest open case of `source` reported by `account_id` created at or after `since`
  // (a second press of the panic button); kNotFound when none.
  Result<CaseRow> RecentOpen(int64_t account_id, const std::string& source, int64_t since);
  // Open cases (not resolved or closed) the account's citizen is linked to as subject, or
  // the account reported: while there is one, the account may not be deleted (UU PDP:
  // the officer still needs the data; docs/DATA-PROTECTION.md "Deletion rule").
  Result<int64_t> CountOpenForAccount(int64_t account_id);
  // The same on `c`, inside the caller's transaction (the account deletion's, issue 6 item 4).
  static Result<int64_t> CountOpenForAccountIn(Connection& c, int64_t account_id);

  // Appends `a` and applies `change` to the case, only if the case's updated_at still is
  // `expected_updated_at` (0 = do not check): kConflict "protection.changed" when another
  // write came first. Returns the case after the change.
  Result<CaseRow> ApplyAction(int64_t case_id, CaseActionRow a, const CaseChange& change,
                              int64_t expected_updated_at, const AuditEntry* audit,
                              const WithinCaseWrite& within = {});

  // Escalation: open cases whose deadline passed at `now` and whose level is below the one
  // due (1 at due_at, 2 at due_at + grace of their priority). Each level is raised once by
  // a compare-and-set and recorded as one "escalate" action, however many servers run this
  // at once. `grace_of(priority)` gives the seconds after due_at that escalate to HQ.
  // Returns the cases raised (after the raise).
  // `within` runs in each raise's transaction with the case at its new level.
  Result<std::vector<CaseRow>> Escalate(int64_t now, int64_t (*grace_of)(const std::string&),
                                        const WithinCaseWrite& within = {});

  // ---- referrals (src/store/sql/protection_referrals.cc) ----
  // Inserts the referral and its "referral" action (referral_id filled in) and `audit`, in
  // one transaction. kConflict "protection.referral.link_taken" when the link hash is taken.
  Result<ReferralRow> CreateReferral(ReferralRow r, CaseActionRow a, const AuditEntry& audit,
                                     const WithinReferralWrite& within = {});
  Result<ReferralRow> FindReferral(int64_t id);
  Result<ReferralRow> FindReferralByLink(const std::string& link_hash);
  // The case's referrals, oldest first.
  Result<std::vector<ReferralRow>> Referrals(int64_t case_id);
  // Referrals to `to_mission` ("" = to every mission: HQ's view), newest first; `open_only`:
  // pending or accepted.
  Result<std::vector<ReferralRow>> IncomingReferrals(const std::string& to_mission,
                                                     bool open_only, int limit);
  // Moves the referral from `from_state` to `to_state` by a compare-and-set on its state,
  // with its action `a` (referral_id filled in) and `audit`, in one transaction: kConflict
  // "protection.referral.changed" when its state is no longer `from_state`.
  Result<ReferralRow> MoveReferral(int64_t id, const std::string& from_state,
                                   const std::string& to_state, const std::string& note,
                                   CaseActionRow a, const AuditEntry& audit,
                                   const WithinReferralWrite& within = {});

  // ---- the BP2MI risk list ----
  // Workers whose latest BP2MI verdict names risks and which no review covers, of the
  // missions of their current stays (`mission` "" = every mission), newest verdict first.
  Result<std::vector<RiskRow>> RiskList(const std::string& mission, int limit);
  // One entry of the list (kNotFound when the worker is not on any list).
  Result<RiskRow> FindRisk(int64_t citizen_id);
  // Records the review of the verdict at `verdict_at` (and its audit entry) in one
  // transaction; kConflict "protection.risk.changed" when a review of it exists already.
  Status ReviewRisk(int64_t citizen_id, int64_t verdict_at, const std::string& outcome,
                    const std::string& note, int64_t case_id, int64_t by,
                    const std::string& mission, int64_t now, const AuditEntry& audit);

  // ---- the HQ dashboard (src/store/sql/protection_counts.cc) ----
  // Case counts by mission x category x state (`mission`/`category` "" = any): the counter
  // rows, plus overdue (open, due_at < now) over the index cases_open_overdue.
  Result<std::vector<CaseCountRow>> Counts(const std::string& mission, const std::string& category,
                                           int64_t now);
  // Recomputes the counter rows from the case table in one transaction (PostgreSQL: case
  // writers wait meanwhile). Returns the number of cases counted.
  Result<int64_t> RebuildCounts();
  // The counter rows that differ from a count of the case table (empty: no drift).
  Result<std::vector<CaseCountDrift>> CheckCounts();

 private:
  Database* db_;
};

}  // namespace peduli::store
