#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/crisis/safety_token.h"
#include "modules/policy/policy.h"
#include "modules/protection/service.h"
#include "store/safety_store.h"

namespace peduli::crisis {

// Who asks, from where (audited for staff).
struct SafetyContext {
  policy::Actor actor;
  std::string ip;
  std::string request_id;
};

// An answer to "Apakah Anda aman?".
struct AnswerInput {
  std::string answer;    // safe, needs_help
  std::string message;   // optional, at most kMaxMessage characters
  std::string position;  // optional "lat,lon" in decimal degrees
};

struct AnswerOutcome {
  store::SafetyCrisis crisis;
  store::SafetyPerson person;  // after the answer
  int64_t case_id = 0;         // the protection case "need help" opened (or had opened)
};

// What a safety link or the portal shows before answering.
struct SafetyView {
  store::SafetyCrisis crisis;
  store::SafetyPerson person;
};

// Item 2 of issue 9: the safety check. One answer log for four doors (one-tap link, portal,
// officer on the phone, family follow link); the latest answer wins and is stored on
// crisis_people in the same transaction. "Need help" opens exactly one urgent protection
// case at the citizen's mission (crisis_people.case_id compare-and-set). Thread-safe.
class SafetyService {
 public:
  static constexpr size_t kMaxMessage = 500;
  // A link is valid this long after it is issued (and never after the crisis closes).
  static constexpr int64_t kTokenLifetime = 30 * 24 * 3600;
  static constexpr int64_t kDefaultRetention = 90 * 24 * 3600;

  SafetyService(store::SafetyStore* store, protection::ProtectionService* protection,
                audit::AuditService* audit, const Clock* clock, SafetyTokens tokens,
                std::string base_url, int64_t retention_seconds = kDefaultRetention)
      : store_(store), protection_(protection), audit_(audit), clock_(clock),
        tokens_(std::move(tokens)), base_url_(std::move(base_url)),
        retention_(retention_seconds) {}

  // The deployment's signing key: a random key stored once in crisis_secrets, then read.
  static Result<std::string> LoadKey(store::SafetyStore& store, const Clock& clock);

  const SafetyTokens& tokens() const { return tokens_; }
  // The one-tap link of a citizen for a crisis, valid kTokenLifetime from now.
  std::string LinkFor(int64_t crisis_id, int64_t citizen_id) const;

  // The one-tap link. Errors: kNotFound kTokenInvalid (forged, or not in the audience),
  // kForbidden kTokenExpired, kConflict "safety.crisis_closed" (nothing stored).
  Result<SafetyView> Open(const std::string& token);
  Result<AnswerOutcome> AnswerByToken(const std::string& token, AnswerInput in);

  // The signed-in citizen: their active crises with a safety check, and answering one.
  Result<std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>>> MyCrises(int64_t account_id);
  Result<AnswerOutcome> AnswerAsCitizen(int64_t account_id, int64_t crisis_id, AnswerInput in);

  // An officer recording what the citizen said on the phone (kRecordSafety on the person's
  // mission; who may not read the crisis gets kNotFound). Audited.
  Result<AnswerOutcome> AnswerByOfficer(const SafetyContext& ctx, int64_t crisis_id,
                                        int64_t citizen_id, AnswerInput in);

  // Family follow links: the citizen creates (the secret is returned once, only its hash is
  // stored) and revokes them; with one, family see the citizen's active crises and answer.
  Result<std::string> CreateFamilyLink(int64_t account_id, const std::string& label);
  Status RevokeFamilyLink(int64_t account_id, int64_t link_id);
  Result<std::vector<store::FamilyLinkRow>> FamilyLinks(int64_t account_id);
  Result<std::vector<std::pair<store::SafetyCrisis, store::SafetyPerson>>> FamilyView(
      const std::string& family_token);
  Result<AnswerOutcome> AnswerByFamily(const std::string& family_token, int64_t crisis_id,
                                       AnswerInput in);

  // Reading a crisis for staff: kNotFound unless the actor may read it (HQ any; mission staff
  // a crisis of their mission or HQ-wide). Returns the mission scope of the actor's view
  // ("" = every mission).
  Result<std::pair<store::SafetyCrisis, std::string>> StaffCrisis(const SafetyContext& ctx,
                                                                  int64_t crisis_id);

  // Item 5: closes the crisis (kManageCrisis on its mission): links stop working at once;
  // retain_until = now + retention. Audited.
  Result<store::SafetyCrisis> Close(const SafetyContext& ctx, int64_t crisis_id);
  // The purge job's step: see store::SafetyStore::Purge. Logs counts, no personal data.
  Result<std::vector<store::PurgeResult>> Purge();

  store::SafetyStore& store() { return *store_; }
  audit::AuditService& audit() { return *audit_; }
  const Clock& clock() const { return *clock_; }

  // A "need help" claim older than this was orphaned by a crash between the claim and storing
  // the case (opening one takes milliseconds): the next answer or ReclaimStale takes it over.
  static constexpr int64_t kStaleClaim = 5 * 60;
  // The sweep (the purge job's every tick): opens, or adopts, the case of every orphaned
  // claim, with the person's latest "need help" message and position. Returns how many.
  Result<int> ReclaimStale();

  // Opens the person's case unless one is open or being opened (shared with the call list).
  // A case a crashed owner opened but did not store is adopted, never opened twice.
  Result<int64_t> EnsureCase(const store::SafetyCrisis& k, const store::SafetyPerson& p,
                             const std::string& message, const std::string& position);

 private:
  Result<AnswerOutcome> Record(const store::SafetyCrisis& k, store::SafetyAnswer a,
                               const store::AuditEntry* audit);
  // kConflict "safety.crisis_closed" unless the crisis is active.
  Result<store::SafetyCrisis> ActiveCrisis(int64_t crisis_id);

  store::SafetyStore* store_;
  protection::ProtectionService* protection_;
  audit::AuditService* audit_;
  const Clock* clock_;
  SafetyTokens tokens_;
  std::string base_url_;
  int64_t retention_;
};

// Validates an answer (field errors "answer", "message", "position"); trims the message and
// normalises the position to "lat,lon".
std::vector<FieldError> CheckAnswer(AnswerInput& in);

}  // namespace peduli::crisis
