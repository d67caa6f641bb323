#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/policy/policy.h"
#include "modules/reference/service.h"
#include "modules/services/catalog.h"
#include "modules/services/deadlines.h"
#include "modules/services/documents.h"
#include "store/registry_store.h"
#include "store/services_store.h"

namespace peduli::services {

// Who asks, from where: staff reads and writes are audited with it.
struct Context {
  policy::Actor actor;
  std::string ip;
  std::string request_id;
  std::string purpose;  // the console session's purpose; "" records "layanan"
};

// An issued document's standing as /verify/dokumen answers it.
// "revoked" | "expired" (past its validity, or an SPLP whose journey was recorded) | "valid".
std::string DocumentStatus(const store::IssuedDocumentRow& d, int64_t now);
// The number series of a service's output: SPLP, SK (letters), PASPOR, LEG, CATAT.
std::string SeriesOf(const ServiceDef& def);
// Whether the portal renders the output itself as a PDF (SPLP and letters).
bool RendersPdf(const ServiceDef& def);
// "SPLP/KBRI-KUALA-LUMPUR/2026/000123".
std::string FormatDocumentNumber(const store::IssuedDocumentRow& d);

// An issued document with what its PDF shows.
struct IssuedFile {
  store::IssuedDocumentRow doc;
  store::ApplicationRow app;
  ServiceDef def;
  std::string status;     // DocumentStatus now
  std::string time_zone;  // the mission's
};

// A file kept after a field error on the web form, for its owner only.
struct StagedFile {
  std::string token, doc_key, file_name;
};

// One day's appointments at a mission.
struct DayList {
  std::string mission_code, day, time_zone;
  std::vector<store::DayAppointmentRow> rows;
};

// One uploaded file for a required document (`doc_key`).
struct Upload {
  std::string doc_key;
  std::string file_name;
  std::string data;
};

// A service as one mission offers it: the catalog's definition and the mission's settings.
struct Offer {
  ServiceDef def;
  store::MissionServiceRow settings;  // offered, local fee, quota, hours
};

// An application with everything its page shows.
struct ApplicationView {
  store::ApplicationRow app;
  ServiceDef def;  // as in the catalog version it was filed under
  std::vector<store::ActionRow> actions;
  std::vector<store::DocumentRow> documents;
  std::optional<store::AppointmentRow> appointment;
  std::optional<store::PaymentRow> payment;
  std::optional<store::IssuedDocumentRow> issued;
  std::string issued_status;  // DocumentStatus of `issued`
  std::string rag;  // red, amber, green, paused; "" when closed
  std::vector<std::string> next_actions;  // what the viewer may do now
  std::string time_zone;
};

// A document's bytes for download.
struct DocumentFile {
  store::DocumentRow row;
  std::string data;
};

// The states of an application, and which action leads where.
bool IsClosed(const std::string& state);
// The state `action` moves `from` to; nullopt when it may not. Staff actions: check,
// request_correction, process, ready, collect, send, reject. The citizen's: resubmit, withdraw.
std::optional<std::string> NextState(const std::string& from, const std::string& action);

// Consular services (issue 5): the versioned catalog, missions' settings, applications and
// their workflow, documents, deadlines with escalation, appointment slots. Every staff access
// is checked with policy::Allowed and audited; a citizen reaches only their own applications
// (anything else is kNotFound).
class ServicesService {
 public:
  // None owned; all must outlive the service.
  ServicesService(store::ServicesStore* store, store::RegistryStore* records,
                  const reference::ReferenceService* refs, audit::AuditService* audit,
                  DocumentFiles* files, const Clock* clock)
      : store_(store), records_(records), refs_(refs), audit_(audit), files_(files),
        clock_(clock) {}

  // Loads `json_path` (data/services.json) as the first catalog version when there is none.
  Status EnsureSeed(const std::string& json_path);

  // The catalog in effect at `instant` (kNotFound when none is yet).
  Result<std::shared_ptr<const Catalog>> CatalogAt(int64_t instant);
  Result<std::shared_ptr<const Catalog>> CurrentCatalog() { return CatalogAt(clock_->NowUnix()); }
  // Every version, oldest first.
  Result<std::vector<store::CatalogVersionRow>> Versions() { return store_->CatalogVersions(); }
  // A new version taking effect at 00:00 Jakarta time of `effective_date` (not in the past).
  // kManageCatalog; kInvalid ("effective_date", "document"); kConflict.
  Result<store::CatalogVersionRow> AddVersion(const Context& ctx, const nlohmann::json& doc,
                                              const std::string& effective_date);

  // The current catalog's services at a mission with its settings; `only_offered` drops the
  // ones it does not offer. kNotFound for an unknown or closed mission.
  Result<std::vector<Offer>> Offers(const std::string& mission_code, bool only_offered);
  // kManageMissionServices; kInvalid for a negative fee or quota, a currency not of 3 letters.
  Status SetMissionService(const Context& ctx, store::MissionServiceRow row);

  // The mission's calendar (working weekdays and holidays) and today's local date there.
  WorkCalendar CalendarOf(const std::string& mission_code);
  Date TodayAt(const std::string& mission_code);

  // A citizen files online for their current stay's mission. The applicant's details are
  // copied from Lapor Diri. kConflict "services.no_record" without a Lapor Diri;
  // kNotFound for a service the mission does not offer; kInvalid with field errors
  // ("field.<key>", "doc.<key>").
  Result<store::ApplicationRow> Apply(int64_t account_id, const std::string& service_code,
                                      const std::map<std::string, std::string>& fields,
                                      const std::vector<Upload>& uploads);
  // An officer files for a walk-in citizen (a record of the officer's mission).
  // kHandleApplication on the record's mission (kNotFound when the officer may not read it).
  Result<store::ApplicationRow> FileAtCounter(const Context& ctx, int64_t citizen_id,
                                              const std::string& service_code,
                                              const std::map<std::string, std::string>& fields,
                                              const std::vector<Upload>& uploads);

  Result<std::vector<store::ApplicationRow>> Mine(int64_t account_id);
  // The citizen's inbox: a message per change of any of their applications, newest first.
  Result<std::vector<store::MessageRow>> Messages(int64_t account_id) {
    return store_->Messages(account_id);
  }
  // The citizen's Lapor Diri, to prefill the form (kNotFound without one).
  Result<registry::CitizenRecord> MyRecord(int64_t account_id) {
    return records_->FindByAccount(account_id);
  }
  Result<ApplicationView> MineOne(int64_t account_id, int64_t id);
  // Back from needs_correction with new documents and a note: the waiting time is added to
  // the due date. kConflict "services.not_allowed" from any other state.
  Result<store::ApplicationRow> Resubmit(int64_t account_id, int64_t id, const std::string& note,
                                         const std::vector<Upload>& uploads);
  Result<store::ApplicationRow> Withdraw(int64_t account_id, int64_t id, const std::string& note);
  Result<DocumentFile> MyDocument(int64_t account_id, int64_t id, int64_t doc_id);

  // The open applications of a mission ("" every mission for HQ), by due date, with their
  // RAG; overdue ones are escalated (recorded once) as they are read. kReadWorkQueue.
  Result<std::vector<ApplicationView>> Queue(const Context& ctx, const std::string& mission_code);
  // One application for staff, audited. kNotFound unless kReadCitizen on its mission.
  Result<ApplicationView> StaffView(const Context& ctx, int64_t id);
  // A staff action. `version` 0 means the current one. kForbidden for those who read but may
  // not act (HQ); kConflict "services.not_allowed" or "services.changed"; kInvalid "note"
  // (request_correction and reject need one).
  Result<store::ApplicationRow> Act(const Context& ctx, int64_t id, const std::string& action,
                                    const std::string& note, int64_t version);
  Result<DocumentFile> StaffDocument(const Context& ctx, int64_t id, int64_t doc_id);
  // Records the fee: kind "payment" (amount >= 0, 3-letter currency, method cash | card |
  // transfer | gateway, a receipt number) or "waiver" with a reason the rules allow
  // (distressed: a citizen in distress; pmi_protection_case: a migrant worker with an active
  // protection case) and a note. kHandleApplication; kInvalid with field errors; kConflict.
  Result<store::PaymentRow> RecordPayment(const Context& ctx, int64_t id, store::PaymentRow p);

  // Appointment slots. `local_start` is "YYYY-MM-DDTHH:MM" in the mission's time zone.
  Result<store::SlotRow> AddSlot(const Context& ctx, const std::string& mission_code,
                                 const std::string& service_code, const std::string& local_start,
                                 int64_t capacity);
  // Slots from now on, the next 30 days.
  Result<std::vector<store::SlotRow>> UpcomingSlots(const std::string& mission_code,
                                                    const std::string& service_code);
  // Books (or moves to) a slot of the application's mission and service.
  Result<store::AppointmentRow> Book(int64_t account_id, int64_t id, int64_t slot_id);
  Status CancelAppointment(int64_t account_id, int64_t id);

  // ---- output documents (output.cc) ----
  // Records the document issued for a ready, collected or sent application, numbered from
  // the mission's series of the year without gaps or duplicates. An SPLP is valid for one
  // journey (`journey_date`, default the form's travel date) until the catalog's validity
  // runs out or the end of the journey date, whichever is first. kHandleApplication;
  // kConflict "services.document_not_ready" / "services.document_exists"; kInvalid
  // "journey_date".
  Result<store::IssuedDocumentRow> IssueDocument(const Context& ctx, int64_t id,
                                                 const std::string& journey_date);
  // The citizen's own issued document (kNotFound when none).
  Result<IssuedFile> MyIssued(int64_t account_id, int64_t id);
  // Staff: audited ("issued_document_read") before it is shown. kNotFound unless kReadCitizen.
  Result<IssuedFile> StaffIssued(const Context& ctx, int64_t id);
  // A supervisor of the mission revokes it with a reason (audited). kRevokeServiceDocument;
  // kInvalid "reason"; kConflict "services.document_revoked".
  Result<store::IssuedDocumentRow> RevokeDocument(const Context& ctx, int64_t id,
                                                  const std::string& reason);
  // The SPLP's journey took place: it is used up. kHandleApplication; kConflict
  // "services.document_used", "services.not_splp".
  Result<store::IssuedDocumentRow> RecordJourney(const Context& ctx, int64_t id);
  // Always refused once authorised: kConflict "services.splp_no_extension" for an SPLP,
  // "services.document_no_extension" otherwise (a new application is needed).
  Status ExtendDocument(const Context& ctx, int64_t id);
  // "valid", "revoked" or "expired"; kNotFound for an unknown code. Nothing else is told.
  Result<std::string> VerifyDocument(const std::string& code);

  // ---- the day's list and the walk-in queue (output.cc) ----
  // `day` "YYYY-MM-DD" in the mission's time zone ("" today). kReadWorkQueue (403); names
  // citizens: audited.
  Result<DayList> Day(const Context& ctx, const std::string& mission_code, const std::string& day);
  Result<store::DayAppointmentRow> MarkArrived(const Context& ctx, const std::string& mission_code,
                                               int64_t appointment_id);
  // The mission's next walk-in number today (its time zone). kHandleApplication (403).
  Result<store::QueueTicketRow> TakeQueueNumber(const Context& ctx, const std::string& mission_code,
                                                const std::string& service_code);
  // A ticket of the actor's own mission (kNotFound otherwise).
  Result<store::QueueTicketRow> Ticket(const Context& ctx, int64_t id);

  // ---- staged uploads (output.cc) ----
  // Keeps the uploads that pass the content check, for `account_id`.
  std::vector<StagedFile> StageUploads(int64_t account_id, const std::vector<Upload>& uploads);
  // The staged files named by `tokens` (doc_key -> token) that belong to `account_id`, as
  // uploads; `kept` receives them for the re-shown form. Others' tokens are ignored.
  std::vector<Upload> Unstage(int64_t account_id, const std::map<std::string, std::string>& tokens,
                              std::vector<StagedFile>* kept);

  const reference::ReferenceService& reference() const { return *refs_; }
  store::ServicesStore& store() { return *store_; }
  const Clock& clock() const { return *clock_; }

 private:
  Result<store::ApplicationRow> StaffApp(const Context& ctx, int64_t id, policy::Action act);
  std::string PurposeOf(const Context& ctx) const {
    return ctx.purpose.empty() ? "layanan" : ctx.purpose;
  }
  Result<ApplicationView> ViewOf(const store::ApplicationRow& app, bool staff,
                                 const policy::Actor& actor);
  Result<ServiceDef> DefOf(const store::ApplicationRow& app);
  Result<store::ApplicationRow> Mine1(int64_t account_id, int64_t id);
  Result<store::ApplicationRow> File(const registry::CitizenRecord& rec, int64_t account_id,
                                     const std::string& channel, const std::string& service_code,
                                     const std::map<std::string, std::string>& fields,
                                     const std::vector<Upload>& uploads, int64_t actor_id,
                                     const std::string& actor_role,
                                     const std::optional<store::AuditEntry>& audit);
  Result<std::vector<store::DocumentRow>> StoreUploads(const ServiceDef& def,
                                                       const std::vector<Upload>& uploads,
                                                       bool require_all, int64_t by);
  void MaybeEscalate(store::ApplicationRow& app, const WorkCalendar& cal, const Date& today);

  store::ServicesStore* store_;
  store::RegistryStore* records_;
  const reference::ReferenceService* refs_;
  audit::AuditService* audit_;
  DocumentFiles* files_;
  const Clock* clock_;

  std::mutex mu_;
  std::map<int64_t, std::shared_ptr<const Catalog>> parsed_;  // by version id
};

}  // namespace peduli::services
