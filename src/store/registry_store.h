#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/registry/model.h"
#include "store/db.h"

namespace peduli::store {

// What a write stores besides the validated Lapor Diri.
struct CitizenWrite {
  int64_t account_id = 0;
  int64_t entered_by = 0;
  registry::LaporDiri data;  // validated and normalised
  std::vector<std::string> flags;
  std::string mission_code;
  std::string jurisdiction_note;
  int64_t now = 0;
  // Registry checks to enqueue in the same transaction ("dukcapil", "imigrasi", "bp2mi").
  std::vector<std::string> verify;
  std::string verify_reason = "submitted";
};

// What /verify/<code> may show: no more than this.
struct PublicReceipt {
  std::string full_name;  // only initials leave the service
  std::string mission_code;
  std::string status;
  int64_t created_at = 0;
  bool stay_active = false;
};

// Who typed a record in (citizens.entered_by): the account, its role and mission.
struct RecordEntry {
  int64_t account_id = 0;  // 0: unknown
  std::string role;
  std::string mission_code;
};

// The citizen master record, its stays, family and drafts. Every write is one transaction.
class RegistryStore {
 public:
  explicit RegistryStore(Database* db) : db_(db) {}

  // Inserts citizen, first stay and family. When the NIK belongs to another record the
  // claim is stored in duplicate_attempts (committed) and kConflict ("registry.nik_taken")
  // is returned; nothing else is written.
  Result<int64_t> Create(const CitizenWrite& w, const std::string& registration_number,
                         const std::string& verify_code, const std::string& payload_json);
  // Updates identity, passport, emergency contact and family; the current stay is updated
  // in place, or ended ("moved") and a new one started when `new_stay` is true.
  Status Update(int64_t citizen_id, const CitizenWrite& w, bool new_stay,
                const std::string& payload_json);
  // Ends the current stay as "returned" on `date`; the record becomes "returned".
  Status Return(int64_t citizen_id, const std::string& date, int64_t now);

  Result<registry::CitizenRecord> FindByAccount(int64_t account_id);
  Result<registry::CitizenRecord> FindById(int64_t citizen_id);
  Result<PublicReceipt> FindByVerifyCode(const std::string& code);
  // Number of open duplicate-NIK claims made by an account (to tell the citizen).
  int64_t OpenDuplicateClaims(int64_t account_id);
  // The record holding `nik`, whoever's it is (walk-in registration at a counter).
  Result<registry::CitizenRecord> FindByNik(const std::string& nik);
  // How an officer closed the account's latest duplicate-NIK claim ("keep", "transfer",
  // "reject"), or "" when none was closed.
  std::string LatestClaimOutcome(int64_t account_id);
  // Who entered the record last (a walk-in: the officer); empty when unknown.
  RecordEntry EnteredBy(int64_t citizen_id);

  Status SaveDraft(int64_t account_id, const std::string& json, int64_t now);
  std::optional<std::string> LoadDraft(int64_t account_id);
  Status DeleteDraft(int64_t account_id);

  // Applies the deletion rule of docs/DATA-PROTECTION.md to the account and its record,
  // and records the request. One transaction. `guard` (may be empty) runs first inside it,
  // after the account row is locked (PostgreSQL: FOR UPDATE; SQLite: the write lock): a
  // non-empty reason rolls everything back and is returned as kConflict with that message.
  using AnonymiseGuard = std::function<Result<std::string>(Connection&)>;
  Status Anonymise(int64_t account_id, int64_t now, const AnonymiseGuard& guard = nullptr);
  // Records a deletion request that was refused (`action`, e.g. "refused_open_case"):
  // completed_at stays NULL, nothing is removed.
  Status RecordDeletionRefused(int64_t account_id, int64_t now, const std::string& action);


 private:
  Database* db_;
};

}  // namespace peduli::store
