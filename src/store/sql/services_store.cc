#include "store/services_store.h"

namespace peduli::store {
namespace {

Value IdOrNull(int64_t id) { return id ? Value{id} : Null(); }
Value MinusOneNull(int64_t v) { return v >= 0 ? Value{v} : Null(); }

constexpr const char* kVersionColumns =
    "SELECT id, effective_date, effective_at, document, content_hash, created_by, created_at "
    "FROM service_catalog_versions ";

CatalogVersionRow ReadVersion(const Row& r) {
  return {r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6)};
}

constexpr const char* kAppColumns =
    "SELECT a.id, a.citizen_id, a.account_id, a.mission_code, a.service_code, "
    "a.catalog_version_id, a.channel, a.state, a.form, a.fee_minor, a.fee_currency, "
    "a.submitted_at, a.due_date, a.correction_since, a.escalation, a.version, a.updated_at, "
    "a.closed_at, c.full_name FROM applications a JOIN citizens c ON c.id = a.citizen_id ";

ApplicationRow ReadApp(const Row& r) {
  ApplicationRow a;
  a.id = r.Int(0);
  a.citizen_id = r.Int(1);
  a.account_id = r.Int(2);
  a.mission_code = r.Text(3);
  a.service_code = r.Text(4);
  a.catalog_version_id = r.Int(5);
  a.channel = r.Text(6);
  a.state = r.Text(7);
  a.form = r.Text(8);
  a.fee_minor = r.IsNull(9) ? -1 : r.Int(9);
  a.fee_currency = r.Text(10);
  a.submitted_at = r.Int(11);
  a.due_date = r.Text(12);
  a.correction_since = r.Int(13);
  a.escalation = r.Int(14);
  a.version = r.Int(15);
  a.updated_at = r.Int(16);
  a.closed_at = r.Int(17);
  a.citizen_name = r.Text(18);
  return a;
}

Status InsertAction(Connection& c, const ActionRow& x) {
  return c.Exec(
      "INSERT INTO application_actions (application_id, action, from_state, to_state, "
      "actor_account_id, actor_role, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {x.application_id, x.action, TextOrNull(x.from_state), x.to_state,
       IdOrNull(x.actor_account_id), x.actor_role, x.note, x.created_at});
}

Status InsertDocuments(Connection& c, int64_t app_id, const std::vector<DocumentRow>& docs) {
  for (const auto& d : docs) {
    PEDULI_TRY(c.Exec(
        "INSERT INTO application_documents (application_id, doc_key, sha256, content_type, "
        "size_bytes, file_name, uploaded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {app_id, d.doc_key, d.sha256, d.content_type, d.size_bytes, d.file_name,
         IdOrNull(d.uploaded_by), d.created_at}));
  }
  return Status::Ok();
}

// The citizen's message about an action, in the action's transaction; none for a walk-in
// without an account.
Status EnqueueMessage(Connection& c, const ActionRow& x) {
  return c.Exec(
      "INSERT INTO service_messages (account_id, application_id, action, to_state, note, "
      "created_at, next_attempt_at) SELECT account_id, id, CAST($2 AS TEXT), CAST($3 AS TEXT), "
      "CAST($4 AS TEXT), CAST($5 AS BIGINT), CAST($5 AS BIGINT) FROM applications "
      "WHERE id = $1 AND account_id IS NOT NULL",
      {x.application_id, x.action, x.to_state, x.note, x.created_at});
}

constexpr const char* kSlotColumns =
    "SELECT id, mission_code, service_code, starts_at, capacity, booked FROM appointment_slots ";

SlotRow ReadSlot(const Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Int(4), r.Int(5)};
}

}  // namespace

Result<std::vector<CatalogVersionRow>> ServicesStore::CatalogVersions() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kVersionColumns) + "ORDER BY effective_at, id");
  if (!rows.ok()) return rows.take_error();
  std::vector<CatalogVersionRow> out;
  for (const auto& r : *rows) out.push_back(ReadVersion(r));
  return out;
}

Result<CatalogVersionRow> ServicesStore::AddCatalogVersion(CatalogVersionRow v) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(
      "INSERT INTO service_catalog_versions (effective_date, effective_at, document, "
      "content_hash, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {v.effective_date, v.effective_at, v.document, v.content_hash, IdOrNull(v.created_by),
       v.created_at});
  if (!row.ok()) {
    if (row.error().code == Code::kConflict) return Error::Conflict("services.version_exists");
    return row.take_error();
  }
  v.id = row->Int(0);
  return v;
}

Result<std::vector<MissionServiceRow>> ServicesStore::MissionServices(const std::string& mission) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT mission_code, service_code, offered, local_fee_minor, local_currency, daily_quota, "
      "opening_hours, updated_by, updated_at FROM mission_services WHERE mission_code = $1 "
      "ORDER BY service_code",
      {mission});
  if (!rows.ok()) return rows.take_error();
  std::vector<MissionServiceRow> out;
  for (const auto& r : *rows) {
    out.push_back({r.Text(0), r.Text(1), r.Int(2) != 0, r.IsNull(3) ? -1 : r.Int(3), r.Text(4),
                   r.Int(5), r.Text(6), r.Int(7), r.Int(8)});
  }
  return out;
}

Status ServicesStore::PutMissionService(const MissionServiceRow& m, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(c.Exec(
        "INSERT INTO mission_services (mission_code, service_code, offered, local_fee_minor, "
        "local_currency, daily_quota, opening_hours, updated_by, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (mission_code, service_code) "
        "DO UPDATE SET offered = excluded.offered, local_fee_minor = excluded.local_fee_minor, "
        "local_currency = excluded.local_currency, daily_quota = excluded.daily_quota, "
        "opening_hours = excluded.opening_hours, updated_by = excluded.updated_by, "
        "updated_at = excluded.updated_at",
        {m.mission_code, m.service_code, static_cast<int64_t>(m.offered ? 1 : 0),
         MinusOneNull(m.local_fee_minor), TextOrNull(m.local_currency),
         m.daily_quota > 0 ? Value{m.daily_quota} : Null(), m.opening_hours, m.updated_by,
         m.updated_at}));
    return AuditStore::AppendIn(c, audit);
  });
}

Result<std::vector<std::string>> ServicesStore::Holidays(const std::string& mission) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT DISTINCT day FROM mission_holidays WHERE mission_code = $1 OR mission_code = '*' "
      "ORDER BY day",
      {mission});
  if (!rows.ok()) return rows.take_error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<ApplicationRow> ServicesStore::CreateApplication(ApplicationRow a, ActionRow first,
                                                        std::vector<DocumentRow> docs,
                                                        const std::optional<AuditEntry>& audit,
                                                        const std::optional<QuotaClaim>& quota) {
  return InTransaction<ApplicationRow>(*db_, true, [&](Connection& c) -> Result<ApplicationRow> {
    if (quota) {
      // The day's row exists (with the quota as set now), then a place is taken under its
      // row lock: the check and the increment are one step on every server.
      PEDULI_TRY(c.Exec(
          "INSERT INTO service_quota_days (mission_code, service_code, day, quota, used) "
          "VALUES ($1, $2, $3, $4, 0) ON CONFLICT (mission_code, service_code, day) "
          "DO UPDATE SET quota = excluded.quota",
          {a.mission_code, a.service_code, quota->day, quota->quota}));
      auto taken = c.Query(
          "UPDATE service_quota_days SET used = used + 1 WHERE mission_code = $1 AND "
          "service_code = $2 AND day = $3 AND used < quota RETURNING used",
          {a.mission_code, a.service_code, quota->day});
      if (!taken.ok()) return taken.take_error();
      if (taken->empty()) return Error::Conflict("services.quota_full");
    }
    auto row = c.QueryOne(
        "INSERT INTO applications (citizen_id, account_id, mission_code, service_code, "
        "catalog_version_id, channel, state, form, fee_minor, fee_currency, submitted_at, "
        "due_date, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, 1, $11) RETURNING id",
        {a.citizen_id, IdOrNull(a.account_id), a.mission_code, a.service_code,
         a.catalog_version_id, a.channel, a.state, a.form, MinusOneNull(a.fee_minor),
         TextOrNull(a.fee_currency), a.submitted_at, a.due_date});
    if (!row.ok()) return row.take_error();
    a.id = row->Int(0);
    a.version = 1;
    a.updated_at = a.submitted_at;
    first.application_id = a.id;
    PEDULI_TRY(InsertAction(c, first));
    PEDULI_TRY(EnqueueMessage(c, first));
    PEDULI_TRY(InsertDocuments(c, a.id, docs));
    if (audit) {
      AuditEntry e = *audit;
      // The new application's id: the entry was made before it existed.
      if (e.record_ids.empty()) e.record_ids = "[" + std::to_string(a.id) + "]";
      PEDULI_TRY(AuditStore::AppendIn(c, e));
    }
    return a;
  });
}

Result<ApplicationRow> ServicesStore::FindApplication(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(std::string(kAppColumns) + "WHERE a.id = $1", {id});
  if (!row.ok()) return row.take_error();
  return ReadApp(*row);
}

Result<int64_t> ServicesStore::CountFiledSince(const std::string& mission,
                                               const std::string& service, int64_t since) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM applications WHERE mission_code = $1 AND service_code = $2 "
      "AND submitted_at >= $3",
      {mission, service, since});
  if (!row.ok()) return row.take_error();
  return row->Int(0);
}

Result<std::vector<ApplicationRow>> ServicesStore::ApplicationsOfAccount(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kAppColumns) + "WHERE a.account_id = $1 ORDER BY a.id DESC",
                              {account_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<ApplicationRow> out;
  for (const auto& r : *rows) out.push_back(ReadApp(r));
  return out;
}

Result<std::vector<ApplicationRow>> ServicesStore::OpenQueue(const std::string& mission, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = mission.empty()
      ? (*lease)->Query(std::string(kAppColumns) +
                            "WHERE a.closed_at IS NULL ORDER BY a.due_date, a.id LIMIT $1",
                        {static_cast<int64_t>(limit)})
      : (*lease)->Query(std::string(kAppColumns) +
                            "WHERE a.mission_code = $1 AND a.closed_at IS NULL "
                            "ORDER BY a.due_date, a.id LIMIT $2",
                        {mission, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<ApplicationRow> out;
  for (const auto& r : *rows) out.push_back(ReadApp(r));
  return out;
}

Result<std::vector<ActionRow>> ServicesStore::Actions(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, application_id, action, from_state, to_state, actor_account_id, actor_role, "
      "note, created_at FROM application_actions WHERE application_id = $1 ORDER BY id",
      {id});
  if (!rows.ok()) return rows.take_error();
  std::vector<ActionRow> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6),
                   r.Text(7), r.Int(8)});
  }
  return out;
}

Result<std::vector<DocumentRow>> ServicesStore::Documents(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, application_id, doc_key, sha256, content_type, size_bytes, file_name, "
      "uploaded_by, created_at FROM application_documents WHERE application_id = $1 ORDER BY id",
      {id});
  if (!rows.ok()) return rows.take_error();
  std::vector<DocumentRow> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Text(6),
                   r.Int(7), r.Int(8)});
  }
  return out;
}

Result<ApplicationRow> ServicesStore::Transition(ApplicationRow next, ActionRow action,
                                                 std::vector<DocumentRow> docs,
                                                 const std::optional<AuditEntry>& audit) {
  return InTransaction<ApplicationRow>(*db_, true, [&](Connection& c) -> Result<ApplicationRow> {
    auto rows = c.Query(
        "UPDATE applications SET state = $1, due_date = $2, correction_since = $3, "
        "closed_at = $4, updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7 "
        "RETURNING version",
        {next.state, next.due_date, IdOrNull(next.correction_since), IdOrNull(next.closed_at),
         next.updated_at, next.id, next.version});
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) return Error::Conflict("services.changed");
    next.version = rows->front().Int(0);
    action.application_id = next.id;
    PEDULI_TRY(InsertAction(c, action));
    PEDULI_TRY(EnqueueMessage(c, action));
    PEDULI_TRY(InsertDocuments(c, next.id, docs));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    return next;
  });
}

Result<bool> ServicesStore::Escalate(int64_t id, int64_t level, const ActionRow& action) {
  return InTransaction<bool>(*db_, true, [&](Connection& c) -> Result<bool> {
    auto rows = c.Query(
        "UPDATE applications SET escalation = $1 WHERE id = $2 AND escalation < $1 "
        "AND closed_at IS NULL RETURNING id",
        {level, id});
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) return false;
    ActionRow a = action;
    a.application_id = id;
    PEDULI_TRY(InsertAction(c, a));
    return true;
  });
}

namespace {

constexpr const char* kMessageColumns =
    "SELECT m.id, m.account_id, m.application_id, m.action, m.to_state, m.note, m.created_at, "
    "m.sent_at, m.attempts, a.email, a.locale, p.service_code FROM service_messages m "
    "JOIN accounts a ON a.id = m.account_id LEFT JOIN applications p ON p.id = m.application_id ";

MessageRow ReadMessage(const Row& r) {
  return {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6), r.Int(7),
          r.Int(8), r.Text(9), r.Text(10), r.Text(11)};
}

}  // namespace

Result<std::vector<MessageRow>> ServicesStore::Messages(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kMessageColumns) +
                                  "WHERE m.account_id = $1 ORDER BY m.id DESC LIMIT 100",
                              {account_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<MessageRow> out;
  for (const auto& r : *rows) out.push_back(ReadMessage(r));
  return out;
}

Result<std::vector<MessageRow>> ServicesStore::LeaseDueMessages(int64_t now, int64_t lease_seconds,
                                                                 int limit) {
  return InTransaction<std::vector<MessageRow>>(
      *db_, true, [&](Connection& c) -> Result<std::vector<MessageRow>> {
        // Claimed by moving the next attempt out: a second sender's UPDATE finds the row no
        // longer due (PostgreSQL re-checks the condition after the row lock).
        auto ids = c.Query(
            "UPDATE service_messages SET next_attempt_at = $1, attempts = attempts + 1 "
            "WHERE id IN (SELECT id FROM service_messages WHERE sent_at IS NULL "
            "AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $3) "
            "AND sent_at IS NULL AND next_attempt_at <= $2 RETURNING id",
            {now + lease_seconds, now, static_cast<int64_t>(limit)});
        if (!ids.ok()) return ids.take_error();
        std::vector<MessageRow> out;
        for (const auto& r : *ids) {
          auto row = c.QueryOne(std::string(kMessageColumns) + "WHERE m.id = $1", {r.Int(0)});
          if (!row.ok()) return row.take_error();
          out.push_back(ReadMessage(*row));
        }
        return out;
      });
}

Status ServicesStore::MarkMessageSent(int64_t id, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("UPDATE service_messages SET sent_at = $1, last_error = NULL WHERE id = $2",
                        {now, id});
}

Status ServicesStore::MarkMessageFailed(int64_t id, int64_t next_attempt_at, const std::string& error) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "UPDATE service_messages SET next_attempt_at = $1, last_error = $2 WHERE id = $3 "
      "AND sent_at IS NULL",
      {next_attempt_at, error.substr(0, 500), id});
}

Result<PaymentRow> ServicesStore::RecordPayment(PaymentRow p, const AuditEntry& audit) {
  return InTransaction<PaymentRow>(*db_, true, [&](Connection& c) -> Result<PaymentRow> {
    auto row = c.QueryOne(
        "INSERT INTO application_payments (application_id, kind, amount_minor, currency, method, "
        "receipt_number, waiver_reason, note, recorded_by, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        {p.application_id, p.kind, p.kind == "payment" ? Value{p.amount_minor} : Null(),
         TextOrNull(p.currency), TextOrNull(p.method), TextOrNull(p.receipt_number),
         TextOrNull(p.waiver_reason), p.note, p.recorded_by, p.created_at});
    if (!row.ok()) {
      if (row.error().code == Code::kConflict) return Error::Conflict("services.payment_exists");
      return row.take_error();
    }
    p.id = row->Int(0);
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    return p;
  });
}

Result<std::optional<PaymentRow>> ServicesStore::Payment(int64_t application_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, application_id, kind, amount_minor, currency, method, receipt_number, "
      "waiver_reason, note, recorded_by, created_at FROM application_payments "
      "WHERE application_id = $1",
      {application_id});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<PaymentRow>{};
  const auto& r = rows->front();
  return std::optional<PaymentRow>{PaymentRow{r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Text(4),
                                              r.Text(5), r.Text(6), r.Text(7), r.Text(8), r.Int(9),
                                              r.Int(10)}};
}

Result<SlotRow> ServicesStore::AddSlot(SlotRow s, int64_t created_by, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(
      "INSERT INTO appointment_slots (mission_code, service_code, starts_at, capacity, booked, "
      "created_by, created_at) VALUES ($1, $2, $3, $4, 0, $5, $6) RETURNING id",
      {s.mission_code, s.service_code, s.starts_at, s.capacity, created_by, now});
  if (!row.ok()) {
    if (row.error().code == Code::kConflict) return Error::Conflict("services.slot_exists");
    return row.take_error();
  }
  s.id = row->Int(0);
  s.booked = 0;
  return s;
}

Result<SlotRow> ServicesStore::FindSlot(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(std::string(kSlotColumns) + "WHERE id = $1", {id});
  if (!row.ok()) return row.take_error();
  return ReadSlot(*row);
}

Result<std::vector<SlotRow>> ServicesStore::Slots(const std::string& mission,
                                                  const std::string& service, int64_t from,
                                                  int64_t to) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      std::string(kSlotColumns) +
          "WHERE mission_code = $1 AND service_code = $2 AND starts_at >= $3 AND starts_at < $4 "
          "ORDER BY starts_at",
      {mission, service, from, to});
  if (!rows.ok()) return rows.take_error();
  std::vector<SlotRow> out;
  for (const auto& r : *rows) out.push_back(ReadSlot(r));
  return out;
}

Result<AppointmentRow> ServicesStore::Book(int64_t application_id, int64_t slot_id, int64_t now) {
  return InTransaction<AppointmentRow>(*db_, true, [&](Connection& c) -> Result<AppointmentRow> {
    // Take the place first: the row lock (PostgreSQL) or the write lock (SQLite) makes the
    // capacity check and the increment one step.
    auto taken = c.Query(
        "UPDATE appointment_slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity "
        "RETURNING starts_at",
        {slot_id});
    if (!taken.ok()) return taken.take_error();
    if (taken->empty()) return Error::Conflict("services.slot_full");
    const int64_t starts_at = taken->front().Int(0);
    // A reschedule: the old place is given back.
    auto old = c.Query(
        "UPDATE appointments SET status = 'cancelled', cancelled_at = $1 "
        "WHERE application_id = $2 AND status = 'booked' RETURNING slot_id",
        {now, application_id});
    if (!old.ok()) return old.take_error();
    for (const auto& r : *old) {
      PEDULI_TRY(c.Exec("UPDATE appointment_slots SET booked = booked - 1 WHERE id = $1",
                        {r.Int(0)}));
    }
    auto row = c.QueryOne(
        "INSERT INTO appointments (slot_id, application_id, status, created_at) "
        "VALUES ($1, $2, 'booked', $3) RETURNING id",
        {slot_id, application_id, now});
    if (!row.ok()) return row.take_error();
    return AppointmentRow{row->Int(0), slot_id, application_id, "booked", starts_at, now};
  });
}

Status ServicesStore::CancelAppointment(int64_t application_id, int64_t now) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto old = c.Query(
        "UPDATE appointments SET status = 'cancelled', cancelled_at = $1 "
        "WHERE application_id = $2 AND status = 'booked' RETURNING slot_id",
        {now, application_id});
    if (!old.ok()) return old.take_error();
    if (old->empty()) return Error::NotFound();
    for (const auto& r : *old) {
      PEDULI_TRY(c.Exec("UPDATE appointment_slots SET booked = booked - 1 WHERE id = $1",
                        {r.Int(0)}));
    }
    return Status::Ok();
  });
}

Result<std::optional<AppointmentRow>> ServicesStore::Appointment(int64_t application_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT p.id, p.slot_id, p.application_id, p.status, s.starts_at, p.created_at "
      "FROM appointments p JOIN appointment_slots s ON s.id = p.slot_id "
      "WHERE p.application_id = $1 AND p.status = 'booked'",
      {application_id});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<AppointmentRow>{};
  const auto& r = rows->front();
  return std::optional<AppointmentRow>{
      AppointmentRow{r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Int(4), r.Int(5)}};
}

}  // namespace peduli::store
