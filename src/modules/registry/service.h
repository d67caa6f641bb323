#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/reference/service.h"
#include "modules/registry/model.h"
#include "modules/registry/validation.h"
#include "store/registry_store.h"

namespace peduli::registry {

struct SubmitResult {
  CitizenRecord record;
  bool created = false;  // false: an existing record was updated
  bool moved = false;    // a new stay was started
  std::vector<std::string> warnings;  // flags raised by this submission
};

// What the public verification page may show.
struct PublicVerification {
  std::string initials;  // "S. N. R."
  std::string mission_code;
  std::string mission_name;
  std::string timezone;
  int64_t registered_at = 0;
  bool stay_active = false;
};

// Lapor Diri: the citizen master record keyed by NIK, with stays and their history.
class RegistryService {
 public:
  // `audit`, when given, records the citizen's own exports.
  RegistryService(store::RegistryStore* store, const reference::ReferenceService* ref,
                  const Clock* clock, audit::AuditService* audit = nullptr);

  // Validates and stores: creates the account's record, or updates it (a changed country,
  // subdivision or city starts a new stay; the old one stays in the history). kInvalid
  // with field errors; kConflict "registry.nik_taken" when the NIK is another record's
  // (the claim is kept for an officer). `entered_by` is the account typing it in.
  Result<SubmitResult> Submit(int64_t account_id, const LaporDiri& in, int64_t entered_by = 0);
  // Validation only (used by the multi-step form for one step at a time).
  ValidationOutcome Validate(const LaporDiri& in) const;

  Result<CitizenRecord> Get(int64_t account_id);
  // Ends the current stay: back in Indonesia on `date`.
  Status Return(int64_t account_id, const std::string& date);
  Result<PublicVerification> Verify(const std::string& code);
  // Everything stored about the account's citizen (UU PDP right of access).
  Result<nlohmann::json> Export(int64_t account_id, const nlohmann::json& account);
  // Records the request and applies the deletion rule (docs/DATA-PROTECTION.md). When the
  // deletion guard names a reason (an open protection case), the refusal is recorded
  // instead and kConflict with that reason's message key is returned.
  Status Delete(int64_t account_id);
  // Asked before every deletion: "" allows it, otherwise the message key of the reason it
  // is refused (another module's need for the data, e.g. protection, issue 6). Set once
  // at start-up, before serving.
  // It runs inside the anonymising transaction, on its connection (RegistryStore::Anonymise).
  using DeletionGuard = std::function<Result<std::string>(store::Connection&, int64_t account_id)>;
  void SetDeletionGuard(DeletionGuard guard) { deletion_guard_ = std::move(guard); }
  int64_t OpenDuplicateClaims(int64_t account_id) { return store_->OpenDuplicateClaims(account_id); }
  // "keep", "transfer" or "reject": how an officer closed the account's latest claim; "".
  std::string LatestClaimOutcome(int64_t account_id) { return store_->LatestClaimOutcome(account_id); }
  store::RecordEntry EnteredBy(int64_t citizen_id) { return store_->EnteredBy(citizen_id); }

  // Walk-in registration ("datang ke Perwakilan"): Lapor Diri typed in by `officer_id` at a
  // mission's counter, under the same rules as Submit. The record is found by NIK, not by
  // account: a new one has no account (account_id NULL); an existing one is updated,
  // whoever holds it (a changed place starts a new stay, which moves it to the new mission).
  // `allow(write, existing)` decides before anything is written (the mission check: the
  // write's mission_code is the stay's); its error is returned as is.
  using CounterCheck = std::function<Status(const store::CitizenWrite&, const CitizenRecord*)>;
  Result<SubmitResult> EnterAtCounter(const LaporDiri& in, int64_t officer_id,
                                      const CounterCheck& allow);

  // The multi-step form's unfinished answers, as flat fields.
  std::map<std::string, std::string> LoadDraft(int64_t account_id);
  Status SaveDraft(int64_t account_id, const std::map<std::string, std::string>& fields);

  const reference::ReferenceService& reference() const { return *ref_; }
  // Called after a write enqueued registry checks (wakes the verification workers).
  void OnEnqueued(std::function<void()> f) { on_enqueued_ = std::move(f); }
  // Whether writes queue registry checks (on by default).
  void EnableVerification(bool on) { verify_ = on; }
  static std::string Initials(const std::string& full_name);

 private:
  store::RegistryStore* store_;
  const reference::ReferenceService* ref_;
  const Clock* clock_;
  DeletionGuard deletion_guard_;
  audit::AuditService* audit_;
  std::function<void()> on_enqueued_;
  bool verify_ = true;
};

}  // namespace peduli::registry
