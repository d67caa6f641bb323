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

// What the safety check needs of a crisis (table crises, written by the crisis module).
struct SafetyCrisis {
  int64_t id = 0;
  std::string mission_code;  // "" = HQ-wide
  std::string level, title_id, title_en;
  bool safety_check = false;
  std::string state;  // draft, active, closed
  int64_t activated_at = 0, closed_at = 0, retain_until = 0, purged_at = 0;
  std::string summary;  // JSON
};

// One member of a crisis' audience (crisis_people) with its derived safety status.
struct SafetyPerson {
  int64_t crisis_id = 0;
  int64_t citizen_id = 0;
  int64_t stay_id = 0;
  std::string mission_code, category, subdivision, placed_by;
  int64_t vulnerability = 0;
  std::string status;  // no_answer, safe, needs_help, unreachable, left_area
  int64_t status_at = 0;
  std::string status_via;  // link, portal, officer, family
  int64_t case_id = 0;     // 0 none, -1 being opened (claimed), else the protection case
};

// One entry of the append-only answer log.
struct SafetyAnswer {
  int64_t id = 0;
  int64_t crisis_id = 0, citizen_id = 0;
  std::string answer;   // safe, needs_help
  std::string message;
  std::string position;  // "lat,lon" or ""
  std::string via;       // link, portal, officer, family
  int64_t actor_account_id = 0;
  int64_t at = 0;
};

struct CallRow {
  int64_t id = 0;
  int64_t crisis_id = 0, citizen_id = 0;
  std::string outcome;  // reached_safe, reached_needs_help, unreachable, left_area
  std::string note;
  int64_t actor_account_id = 0;
  int64_t at = 0;
};

// One line of the call list: the audience member and what an officer needs to call them.
struct CallListEntry {
  SafetyPerson p;
  std::string name, phone, email, address, city, country;
  std::string birth_date, passport_expiry;
  std::string family_name, family_relation, family_phone;  // emergency contact in Indonesia
  int64_t attempts = 0;
  int64_t next_attempt_at = 0;  // 0: none scheduled
};

struct CallListFilter {
  int64_t crisis_id = 0;
  std::string mission_code;  // "" = every mission (HQ)
  std::string subdivision;   // "" = any
  bool open_only = true;     // no_answer and unreachable only
  int limit = 200;
};

// Counts of one area (subdivision) or of one sample in time.
struct SafetyCounts {
  std::string mission_code, subdivision;
  int64_t at = 0;  // samples only
  int64_t safe = 0, needs_help = 0, no_answer = 0, unreachable = 0, left_area = 0;
};

struct FamilyLinkRow {
  int64_t id = 0, citizen_id = 0;
  std::string label;
  int64_t created_at = 0, revoked_at = 0;
};

// An evacuation mark and its manifest columns.
// A travelling family member's passport as the officer recorded it at evacuation (Lapor
// Diri holds no documents for family members). Stored in evac_people.family_documents.
struct FamilyDocument {
  std::string passport_number, passport_expiry;  // expiry YYYY-MM-DD
};

struct EvacEntry {
  int64_t crisis_id = 0, citizen_id = 0, transport_id = 0;
  std::string mission_code;
  std::vector<int64_t> family_ids;
  std::map<int64_t, FamilyDocument> family_documents;  // by family_members id (0028)
  std::string splp_number, destination;
  // From the Lapor Diri record.
  std::string name, birth_date, passport_number, passport_expiry, origin_regency;
  struct Family {
    int64_t id = 0;
    std::string name, relation, birth_date;
  };
  std::vector<Family> family;  // every family member of the record; `family_ids` travel
};

struct TransportRow {
  int64_t id = 0, crisis_id = 0;
  std::string mission_code, name, mode;
  int64_t departure_at = 0, created_by = 0, created_at = 0;
};

// What the purge of one crisis removed (counts only).
struct PurgeResult {
  int64_t crisis_id = 0;
  int64_t answers = 0, calls = 0, positions = 0, evacuees = 0;
};

// Safety answers, calls, the call list, counts, family links, evacuation and the purge
// (issue 9). Reads crises and crisis_people; writes only crisis_people's status columns and
// its own tables (0021). Thread-safe.
class SafetyStore {
 public:
  explicit SafetyStore(Database* db) : db_(db) {}

  // The shared signing key: inserts `candidate` under `name` if no key exists, then reads
  // whichever is stored (two servers starting at once agree on the first one).
  Result<std::string> LoadOrCreateSecret(const std::string& name, const std::string& candidate,
                                         int64_t now);

  Result<SafetyCrisis> Crisis(int64_t crisis_id);
  Result<SafetyPerson> Person(int64_t crisis_id, int64_t citizen_id);
  // The citizen of an account (Lapor Diri record), kNotFound without one.
  Result<int64_t> CitizenOfAccount(int64_t account_id);
  // Active crises with a safety check whose audience includes the citizen, newest first.
  Result<std::vector<std::pair<SafetyCrisis, SafetyPerson>>> ActiveFor(int64_t citizen_id);

  // Appends `a` and makes it the person's status, in one transaction, only while the crisis
  // is active: kConflict "safety.crisis_closed" otherwise, kNotFound when the citizen is not
  // in the audience. `position` (when set) also becomes the citizen's last shared position
  // (citizen_positions). `audit` (optional) is appended in the same transaction.
  Result<SafetyPerson> RecordAnswer(SafetyAnswer a, const AuditEntry* audit);
  // The answers of one person, oldest first.
  Result<std::vector<SafetyAnswer>> Answers(int64_t crisis_id, int64_t citizen_id);

  // "Need help" opens one case: claims the person's case_id (NULL -> -1, case_claimed_at =
  // `now`) by compare-and-set; true only for the one caller that won. A claim made before
  // `stale_before` (or with no time) is taken over: its owner died between the claim and
  // SetCase, and the person would otherwise never get a case. SetCase stores the opened
  // case, ReleaseCase gives the claim back when opening failed.
  Result<bool> ClaimCase(int64_t crisis_id, int64_t citizen_id, int64_t now, int64_t stale_before);
  // Claims made before `stale_before`, oldest first, at most `limit` (the sweep).
  Result<std::vector<SafetyPerson>> StaleClaims(int64_t stale_before, int64_t limit);
  // The case already opened for this crisis and citizen (external_ref "crisis:<id>"), 0 when
  // none: what a crash after opening the case but before SetCase leaves behind.
  Result<int64_t> OpenedCase(int64_t crisis_id, int64_t citizen_id);
  Status SetCase(int64_t crisis_id, int64_t citizen_id, int64_t case_id);
  Status ReleaseCase(int64_t crisis_id, int64_t citizen_id);

  // Appends a call outcome and derives the status (reached_safe -> safe, reached_needs_help
  // -> needs_help, unreachable, left_area), sets the next attempt (`next_attempt_at`, 0 =
  // none) and counts the attempt; same transaction rules as RecordAnswer.
  Result<SafetyPerson> RecordCall(const CallRow& call, int64_t next_attempt_at,
                                  const AuditEntry* audit);
  Result<std::vector<CallRow>> Calls(int64_t crisis_id, int64_t citizen_id);
  // Attempts so far for the person.
  Result<int64_t> Attempts(int64_t crisis_id, int64_t citizen_id);

  // The call list: no answer first, then unreachable; each by vulnerability descending.
  Result<std::vector<CallListEntry>> CallList(const CallListFilter& f);
  // Counts per (mission, subdivision) now.
  Result<std::vector<SafetyCounts>> Counts(int64_t crisis_id, const std::string& mission_code);
  // Records the current counts (summed over areas) as a sample at `minute` (unix seconds
  // rounded down to the minute) unless one is there; returns the samples, oldest first.
  Result<std::vector<SafetyCounts>> Sample(int64_t crisis_id, const std::string& mission_code,
                                           int64_t minute);

  // Family follow links.
  Result<int64_t> CreateFamilyLink(int64_t citizen_id, const std::string& token_hash,
                                   const std::string& label, int64_t now);
  // kNotFound unless the link is the citizen's and not revoked yet.
  Status RevokeFamilyLink(int64_t citizen_id, int64_t link_id, int64_t now);
  Result<std::vector<FamilyLinkRow>> FamilyLinks(int64_t citizen_id);
  // The citizen of a live link, kNotFound otherwise.
  Result<int64_t> FamilyLinkCitizen(const std::string& token_hash);

  // Evacuation.
  // Marks (or updates) an evacuee; `keep_existing` leaves an existing mark as it is.
  Status MarkEvacuee(const EvacEntry& e, int64_t actor, int64_t now, const AuditEntry* audit,
                     bool keep_existing = false);
  Status UnmarkEvacuee(int64_t crisis_id, int64_t citizen_id, const AuditEntry* audit);
  // The family members of a Lapor Diri record (family_members).
  Result<std::vector<EvacEntry::Family>> FamilyOf(int64_t citizen_id);
  Result<int64_t> CreateTransport(const TransportRow& t);
  Result<std::vector<TransportRow>> Transports(int64_t crisis_id, const std::string& mission_code);
  // Evacuees of the crisis ("" mission = all, transport -1 = any, 0 = none yet).
  Result<std::vector<EvacEntry>> Evacuees(int64_t crisis_id, const std::string& mission_code,
                                          int64_t transport_id);

  // Closes an active or draft crisis; kConflict "safety.crisis_closed" when already closed.
  Status Close(int64_t crisis_id, int64_t actor, int64_t now, int64_t retain_until,
               const AuditEntry* audit);
  // Crises closed whose retain_until <= now and not purged yet: stores the final counts in
  // crises.summary, deletes their answers, calls, schedule, evacuation marks and the shared
  // positions of their audience shared before the close, and stamps purged_at. One
  // transaction per crisis.
  Result<std::vector<PurgeResult>> Purge(int64_t now);

 private:
  Database* db_;
};

}  // namespace peduli::store
