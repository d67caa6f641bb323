#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// One version of the whole service catalog (a JSON document, modules/services/catalog.h).
struct CatalogVersionRow {
  int64_t id = 0;
  std::string effective_date;  // YYYY-MM-DD
  int64_t effective_at = 0;    // UTC instant it takes effect
  std::string document;
  std::string content_hash;
  int64_t created_by = 0;      // 0: loaded from data/services.json
  int64_t created_at = 0;
};

// What one mission sets for one service.
struct MissionServiceRow {
  std::string mission_code;
  std::string service_code;
  bool offered = true;
  int64_t local_fee_minor = -1;  // -1: not set
  std::string local_currency;
  int64_t daily_quota = 0;       // 0: none
  std::string opening_hours;
  int64_t updated_by = 0;
  int64_t updated_at = 0;
};

struct ApplicationRow {
  int64_t id = 0;
  int64_t citizen_id = 0;
  int64_t account_id = 0;  // 0: none
  std::string mission_code;
  std::string service_code;
  int64_t catalog_version_id = 0;
  std::string channel;  // online, counter
  std::string state;
  std::string form = "{}";
  int64_t fee_minor = -1;
  std::string fee_currency;
  int64_t submitted_at = 0;
  std::string due_date;
  int64_t correction_since = 0;  // 0: not waiting on the citizen
  int64_t escalation = 0;
  int64_t version = 1;
  int64_t updated_at = 0;
  int64_t closed_at = 0;  // 0: open
  std::string citizen_name;  // read only
};

struct ActionRow {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string action;
  std::string from_state;
  std::string to_state;
  int64_t actor_account_id = 0;
  std::string actor_role;
  std::string note;
  int64_t created_at = 0;
};

struct DocumentRow {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string doc_key;
  std::string sha256;
  std::string content_type;
  int64_t size_bytes = 0;
  std::string file_name;
  int64_t uploaded_by = 0;
  int64_t created_at = 0;
};

// The fee of an application: paid or waived.
struct PaymentRow {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string kind;  // payment, waiver
  int64_t amount_minor = 0;
  std::string currency;
  std::string method;
  std::string receipt_number;
  std::string waiver_reason;
  std::string note;
  int64_t recorded_by = 0;
  int64_t created_at = 0;
};

// A message to the citizen about their application (the outbox and the inbox).
struct MessageRow {
  int64_t id = 0;
  int64_t account_id = 0;
  int64_t application_id = 0;
  std::string action;
  std::string to_state;
  std::string note;
  int64_t created_at = 0;
  int64_t sent_at = 0;
  int64_t attempts = 0;
  std::string email;         // the account's, for delivery
  std::string locale;        // the account's language
  std::string service_code;  // the application's ("" for a reminder without one)
};

// A document issued for an application (migration 0023).
struct IssuedDocumentRow {
  int64_t id = 0;
  int64_t application_id = 0;
  std::string mission_code;
  std::string series;
  int64_t year = 0;
  int64_t seq = 0;
  std::string number;
  std::string verify_code;
  std::string sha256;       // "" when the portal did not render it
  int64_t valid_until = 0;  // 0: no end
  std::string journey_date;
  int64_t used_at = 0;
  int64_t revoked_at = 0;
  int64_t revoked_by = 0;
  std::string revoke_reason;
  int64_t issued_by = 0;
  int64_t issued_at = 0;
};

// One appointment of a day's list.
struct DayAppointmentRow {
  int64_t id = 0;
  int64_t application_id = 0;
  int64_t citizen_id = 0;
  std::string citizen_name;
  std::string service_code;
  std::string state;  // the application's
  int64_t starts_at = 0;
  int64_t arrived_at = 0;
};

struct QueueTicketRow {
  int64_t id = 0;
  std::string mission_code;
  std::string day;
  int64_t number = 0;
  std::string service_code;
  int64_t issued_by = 0;
  int64_t created_at = 0;
};

// An upload kept for its owner after a field error on the web form.
struct StagedUploadRow {
  std::string token;
  int64_t account_id = 0;
  std::string doc_key;
  std::string sha256;
  std::string content_type;
  int64_t size_bytes = 0;
  std::string file_name;
  int64_t created_at = 0;
};

// A reminder to queue once: `key` is unique across servers and restarts.
struct ReminderRow {
  std::string key;
  int64_t account_id = 0;
  int64_t application_id = 0;  // 0: none (a passport reminder)
  std::string action;          // remind_passport, remind_appointment
  std::string note;            // the expiry date, the appointment's start
};

// Candidates for the reminder job.
struct PassportDueRow {
  int64_t citizen_id = 0;
  int64_t account_id = 0;
  std::string expiry_date;
};
struct AppointmentDueRow {
  int64_t appointment_id = 0;
  int64_t application_id = 0;
  int64_t account_id = 0;
  std::string mission_code;
  int64_t starts_at = 0;
};

// A claim on a day's quota, taken in the filing's transaction.
struct QuotaClaim {
  std::string day;  // the mission's local date
  int64_t quota = 0;
};

struct SlotRow {
  int64_t id = 0;
  std::string mission_code;
  std::string service_code;
  int64_t starts_at = 0;
  int64_t capacity = 0;
  int64_t booked = 0;
};

struct AppointmentRow {
  int64_t id = 0;
  int64_t slot_id = 0;
  int64_t application_id = 0;
  std::string status;
  int64_t starts_at = 0;  // the slot's
  int64_t created_at = 0;
};

// The catalog, missions' settings, applications with their append-only actions and
// documents, and appointment slots. Every write that changes an application's state is one
// transaction with its action row (and its audit entry, when staff act).
class ServicesStore {
 public:
  explicit ServicesStore(Database* db) : db_(db) {}

  // Oldest effective first.
  Result<std::vector<CatalogVersionRow>> CatalogVersions();
  // kConflict "services.version_exists" when a version already takes effect at that instant.
  Result<CatalogVersionRow> AddCatalogVersion(CatalogVersionRow v);

  Result<std::vector<MissionServiceRow>> MissionServices(const std::string& mission_code);
  Status PutMissionService(const MissionServiceRow& r, const AuditEntry& audit);
  // The mission's own holidays and the national ones ('*'), as YYYY-MM-DD.
  Result<std::vector<std::string>> Holidays(const std::string& mission_code);

  // Inserts the application, its first action and its documents; fills ids.
  // With `quota`, a place of the day's quota is taken first in the same transaction
  // (UPDATE ... WHERE used < quota): kConflict "services.quota_full" when none is left, so two
  // filings at the same moment never both pass the last place.
  Result<ApplicationRow> CreateApplication(ApplicationRow a, ActionRow first,
                                           std::vector<DocumentRow> docs,
                                           const std::optional<AuditEntry>& audit,
                                           const std::optional<QuotaClaim>& quota = std::nullopt);
  Result<ApplicationRow> FindApplication(int64_t id);  // kNotFound
  // Applications filed at a mission for a service since `since` (a daily quota's count).
  Result<int64_t> CountFiledSince(const std::string& mission_code, const std::string& service_code,
                                  int64_t since);
  Result<std::vector<ApplicationRow>> ApplicationsOfAccount(int64_t account_id);
  // Open ones by due date (then id), for a mission ("" every mission). At most `limit`.
  Result<std::vector<ApplicationRow>> OpenQueue(const std::string& mission_code, int limit);
  Result<std::vector<ActionRow>> Actions(int64_t application_id);  // oldest first
  Result<std::vector<DocumentRow>> Documents(int64_t application_id);

  // Writes `next` (state, due date, correction_since, closed_at) if the stored version is
  // still next.version, bumping it, with `action` and `docs` appended. kConflict
  // "services.changed" when someone acted meanwhile.
  Result<ApplicationRow> Transition(ApplicationRow next, ActionRow action,
                                    std::vector<DocumentRow> docs,
                                    const std::optional<AuditEntry>& audit);
  // Raises the escalation level to `level` once (compare-and-set); false when it already
  // was at least `level`.
  Result<bool> Escalate(int64_t application_id, int64_t level, const ActionRow& action);

  // Records the fee once, with its audit entry. kConflict "services.payment_exists".
  Result<PaymentRow> RecordPayment(PaymentRow p, const AuditEntry& audit);
  Result<std::optional<PaymentRow>> Payment(int64_t application_id);

  // The citizen's messages, newest first (at most 100).
  Result<std::vector<MessageRow>> Messages(int64_t account_id);
  // Leases up to `limit` unsent messages due at `now` (their next attempt moves to
  // now + lease_seconds, so a crashed sender's lease runs out and another retries).
  Result<std::vector<MessageRow>> LeaseDueMessages(int64_t now, int64_t lease_seconds, int limit);
  Status MarkMessageSent(int64_t id, int64_t now);
  // Records a failed attempt; the next one is at `next_attempt_at`.
  Status MarkMessageFailed(int64_t id, int64_t next_attempt_at, const std::string& error);

  // kConflict "services.slot_exists".
  Result<SlotRow> AddSlot(SlotRow s, int64_t created_by, int64_t now);
  Result<SlotRow> FindSlot(int64_t id);
  // Slots of a mission and service starting in [from, to), by start.
  Result<std::vector<SlotRow>> Slots(const std::string& mission_code,
                                     const std::string& service_code, int64_t from, int64_t to);
  // Books a place in the slot for the application, cancelling its current appointment in the
  // same transaction (a reschedule). kConflict "services.slot_full" when no place is left:
  // the place is taken by UPDATE ... WHERE booked < capacity, so concurrent bookings on any
  // number of servers never exceed the capacity.
  Result<AppointmentRow> Book(int64_t application_id, int64_t slot_id, int64_t now);
  // kNotFound when the application has no live appointment.
  Status CancelAppointment(int64_t application_id, int64_t now);
  Result<std::optional<AppointmentRow>> Appointment(int64_t application_id);

  // ---- issued documents (services_output_store.cc) ----
  // Takes the next number of (mission, series, year) and inserts the document, with its
  // audit entry, in one transaction. `d.number` is built by `format` from the sequence.
  // kConflict "services.document_exists" when the application already has one.
  Result<IssuedDocumentRow> IssueDocument(IssuedDocumentRow d,
                                          std::string (*format)(const IssuedDocumentRow&),
                                          const AuditEntry& audit);
  Result<std::optional<IssuedDocumentRow>> IssuedFor(int64_t application_id);
  Result<IssuedDocumentRow> IssuedByCode(const std::string& verify_code);  // kNotFound
  // Once: kConflict "services.document_revoked" when it already was.
  Result<IssuedDocumentRow> RevokeDocument(int64_t id, int64_t by, const std::string& reason,
                                           int64_t now, const AuditEntry& audit);
  // Once: kConflict "services.document_used" when it already was.
  Result<IssuedDocumentRow> MarkDocumentUsed(int64_t id, int64_t now, const AuditEntry& audit);

  // ---- the day's list and the walk-in queue ----
  // Live appointments of a mission starting in [from, to), by start.
  Result<std::vector<DayAppointmentRow>> DayAppointments(const std::string& mission_code,
                                                         int64_t from, int64_t to);
  // Sets arrived_at once on a live appointment of the mission. kNotFound otherwise.
  Result<DayAppointmentRow> MarkArrived(const std::string& mission_code, int64_t appointment_id,
                                        int64_t now, const AuditEntry& audit);
  // The next queue number of the mission's day, taken atomically.
  Result<QueueTicketRow> TakeQueueNumber(QueueTicketRow t);
  Result<QueueTicketRow> FindTicket(int64_t id);  // kNotFound

  // ---- quota, staged uploads, reminders, protection (read only) ----
  // The places used of a day's quota (0 without a row).
  Result<int64_t> QuotaUsed(const std::string& mission_code, const std::string& service_code,
                            const std::string& day);
  Status StageUpload(const StagedUploadRow& s);
  Result<StagedUploadRow> FindStaged(const std::string& token);  // kNotFound
  // Open protection cases (not resolved or closed) of which the citizen is the subject or
  // which the account reported (the protection module's `cases`, read only).
  Result<int64_t> OpenProtectionCases(int64_t citizen_id, int64_t account_id);
  // Citizens with an account whose passport expires in [from_date, to_date].
  Result<std::vector<PassportDueRow>> PassportsExpiring(const std::string& from_date,
                                                        const std::string& to_date, int limit);
  // Live appointments starting in [from, to) of applications with an account.
  Result<std::vector<AppointmentDueRow>> AppointmentsBetween(int64_t from, int64_t to);
  // Queues the reminder in the outbox unless its key was queued before; true when queued.
  Result<bool> QueueReminder(const ReminderRow& r, int64_t now);

 private:
  Database* db_;
};

}  // namespace peduli::store
