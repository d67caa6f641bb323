#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/policy/policy.h"
#include "modules/registry/service.h"
#include "store/counter_store.h"
#include "store/registry_store.h"

namespace peduli::counter {

// Who asks, from where: every read and write here is audited with it.
struct Context {
  policy::Actor actor;
  std::string ip;
  std::string request_id;
};

struct ClaimLists {
  std::vector<store::ClaimRow> open;      // oldest first
  std::vector<store::ClaimRow> resolved;  // the latest, newest first
};

// One claim as the console shows it: the existing record next to what the claimant typed.
struct ClaimView {
  store::ClaimRow claim;
  registry::CitizenRecord existing;
  registry::LaporDiri claimed;
  std::vector<store::DecisionRow> decisions;
  bool can_act = false;   // HQ reads but does not decide
  bool can_undo = false;  // a decision stands that may be undone
};

// What an officer is told before a walk-in registration is saved.
struct WalkInPreview {
  std::string mission_code;   // the mission serving the stay being registered
  int64_t existing_id = 0;    // a record already holds the NIK
  bool existing_here = false; // ... and it belongs to the officer's own mission
  bool existing_has_account = false;
  registry::CitizenRecord existing;  // only when existing_here (the officer may read it)
};

// Duplicate-NIK claims decided by officers (reversibly), and walk-in registration at a
// mission's counter. Every route's access check is here, through policy::Allowed: someone
// who may not read the record gets kNotFound, someone who may read but not act kForbidden.
class CounterService {
 public:
  // None owned; all must outlive the service.
  CounterService(store::CounterStore* store, store::RegistryStore* records,
                 registry::RegistryService* registry, audit::AuditService* audit,
                 const Clock* clock)
      : store_(store), records_(records), registry_(registry), audit_(audit), clock_(clock) {}

  // Claims on records of the actor's scope (HQ: all). kForbidden for roles without a work
  // queue. Audited (the list names citizens).
  Result<ClaimLists> ListClaims(const Context& ctx);
  // One claim. Audited before it is returned: the payload is personal data.
  Result<ClaimView> GetClaim(const Context& ctx, int64_t id);
  // keep | transfer | reject. transfer needs identity_checked and a note; reject a note.
  // kInvalid with field errors ("decision", "note", "identity_checked"); kConflict from
  // store::CounterStore::Decide.
  Result<store::DecisionRow> Decide(const Context& ctx, int64_t id, const std::string& decision,
                                    const std::string& note, bool identity_checked);
  // Undoes the claim's latest decision (store::CounterStore::Undo).
  Result<store::DecisionRow> Undo(const Context& ctx, int64_t id);

  // Validates a walk-in Lapor Diri and says what saving it would do. kForbidden unless the
  // actor registers walk-ins at all; kInvalid with field errors, including
  // "err.counter.other_mission" on the country or subdivision when another mission serves
  // the stay. Audited when it finds an existing record.
  Result<WalkInPreview> PreviewWalkIn(const Context& ctx, const registry::LaporDiri& in);
  // Saves it (registry::RegistryService::EnterAtCounter) after the same checks. When a record
  // holds the NIK, `confirmed_existing` must be its id (the officer saw it), else kConflict
  // "counter.existing_record". Audited as a write.
  Result<registry::SubmitResult> WalkIn(const Context& ctx, const registry::LaporDiri& in,
                                        int64_t confirmed_existing);
  // A record, for the counter's receipt: kReadCitizen on its mission; audited.
  Result<registry::CitizenRecord> ReadRecord(const Context& ctx, int64_t citizen_id,
                                             const std::string& action);

  const registry::RegistryService& registry() const { return *registry_; }

 private:
  Result<store::ClaimRow> Authorised(const Context& ctx, int64_t id, policy::Action action);
  // The field an "other mission" error belongs to.
  Status CheckJurisdiction(const Context& ctx, const store::CitizenWrite& w) const;

  store::CounterStore* store_;
  store::RegistryStore* records_;
  registry::RegistryService* registry_;
  audit::AuditService* audit_;
  const Clock* clock_;
};

// The mission of a record: its latest stay's.
std::string MissionOf(const registry::CitizenRecord& rec);

// The flat field names ("identity.full_name", "stay.city", "family") whose values differ
// between two Lapor Diri, for showing a claim side by side. Family counts as one field.
std::vector<std::string> Differences(const registry::LaporDiri& a, const registry::LaporDiri& b);

}  // namespace peduli::counter
