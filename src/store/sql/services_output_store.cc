// Issue 5, second part (migration 0023): issued documents with gapless numbers, the day's
// appointments and walk-in queue numbers, the daily quota, staged uploads, reminders.
#include "store/services_store.h"

namespace peduli::store {
namespace {

Value ZeroNull(int64_t v) { return v ? Value{v} : Null(); }

constexpr const char* kIssuedColumns =
    "SELECT id, application_id, mission_code, series, year, seq, number, verify_code, sha256, "
    "valid_until, journey_date, used_at, revoked_at, revoked_by, revoke_reason, issued_by, "
    "issued_at FROM issued_documents ";

IssuedDocumentRow ReadIssued(const Row& r) {
  IssuedDocumentRow d;
  d.id = r.Int(0);
  d.application_id = r.Int(1);
  d.mission_code = r.Text(2);
  d.series = r.Text(3);
  d.year = r.Int(4);
  d.seq = r.Int(5);
  d.number = r.Text(6);
  d.verify_code = r.Text(7);
  d.sha256 = r.Text(8);
  d.valid_until = r.Int(9);
  d.journey_date = r.Text(10);
  d.used_at = r.Int(11);
  d.revoked_at = r.Int(12);
  d.revoked_by = r.Int(13);
  d.revoke_reason = r.Text(14);
  d.issued_by = r.Int(15);
  d.issued_at = r.Int(16);
  return d;
}

Result<IssuedDocumentRow> FindIssuedIn(Connection& c, int64_t id) {
  auto row = c.QueryOne(std::string(kIssuedColumns) + "WHERE id = $1", {id});
  if (!row.ok()) return row.take_error();
  return ReadIssued(*row);
}

constexpr const char* kDayColumns =
    "SELECT p.id, p.application_id, a.citizen_id, c.full_name, a.service_code, a.state, "
    "s.starts_at, p.arrived_at FROM appointments p "
    "JOIN appointment_slots s ON s.id = p.slot_id "
    "JOIN applications a ON a.id = p.application_id "
    "JOIN citizens c ON c.id = a.citizen_id ";

DayAppointmentRow ReadDay(const Row& r) {
  return {r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6), r.Int(7)};
}

}  // namespace

Result<IssuedDocumentRow> ServicesStore::IssueDocument(
    IssuedDocumentRow d, std::string (*format)(const IssuedDocumentRow&), const AuditEntry& audit) {
  return InTransaction<IssuedDocumentRow>(*db_, true, [&](Connection& c) -> Result<IssuedDocumentRow> {
    auto existing = c.Query("SELECT id FROM issued_documents WHERE application_id = $1",
                            {d.application_id});
    if (!existing.ok()) return existing.take_error();
    if (!existing->empty()) return Error::Conflict("services.document_exists");
    // The counter row is created at 0 once, then incremented under its row lock: the
    // number is the transaction's own, and a rollback gives it back.
    PEDULI_TRY(c.Exec(
        "INSERT INTO document_counters (mission_code, series, year, last) VALUES ($1, $2, $3, 0) "
        "ON CONFLICT (mission_code, series, year) DO NOTHING",
        {d.mission_code, d.series, d.year}));
    auto next = c.QueryOne(
        "UPDATE document_counters SET last = last + 1 WHERE mission_code = $1 AND series = $2 "
        "AND year = $3 RETURNING last",
        {d.mission_code, d.series, d.year});
    if (!next.ok()) return next.take_error();
    d.seq = next->Int(0);
    d.number = format(d);
    auto row = c.QueryOne(
        "INSERT INTO issued_documents (application_id, mission_code, series, year, seq, number, "
        "verify_code, sha256, valid_until, journey_date, issued_by, issued_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        {d.application_id, d.mission_code, d.series, d.year, d.seq, d.number, d.verify_code,
         TextOrNull(d.sha256), ZeroNull(d.valid_until), TextOrNull(d.journey_date), d.issued_by,
         d.issued_at});
    if (!row.ok()) {
      if (row.error().code == Code::kConflict) return Error::Conflict("services.document_exists");
      return row.take_error();
    }
    d.id = row->Int(0);
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    return d;
  });
}

Result<std::optional<IssuedDocumentRow>> ServicesStore::IssuedFor(int64_t application_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kIssuedColumns) + "WHERE application_id = $1",
                              {application_id});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<IssuedDocumentRow>{};
  return std::optional<IssuedDocumentRow>{ReadIssued(rows->front())};
}

Result<IssuedDocumentRow> ServicesStore::IssuedByCode(const std::string& code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(std::string(kIssuedColumns) + "WHERE verify_code = $1", {code});
  if (!row.ok()) return row.take_error();
  return ReadIssued(*row);
}

Result<IssuedDocumentRow> ServicesStore::RevokeDocument(int64_t id, int64_t by,
                                                        const std::string& reason, int64_t now,
                                                        const AuditEntry& audit) {
  return InTransaction<IssuedDocumentRow>(*db_, true, [&](Connection& c) -> Result<IssuedDocumentRow> {
    auto done = c.Query(
        "UPDATE issued_documents SET revoked_at = $1, revoked_by = $2, revoke_reason = $3 "
        "WHERE id = $4 AND revoked_at IS NULL RETURNING id",
        {now, by, reason, id});
    if (!done.ok()) return done.take_error();
    if (done->empty()) return Error::Conflict("services.document_revoked");
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    return FindIssuedIn(c, id);
  });
}

Result<IssuedDocumentRow> ServicesStore::MarkDocumentUsed(int64_t id, int64_t now,
                                                          const AuditEntry& audit) {
  return InTransaction<IssuedDocumentRow>(*db_, true, [&](Connection& c) -> Result<IssuedDocumentRow> {
    auto done = c.Query(
        "UPDATE issued_documents SET used_at = $1 WHERE id = $2 AND used_at IS NULL RETURNING id",
        {now, id});
    if (!done.ok()) return done.take_error();
    if (done->empty()) return Error::Conflict("services.document_used");
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    return FindIssuedIn(c, id);
  });
}

Result<std::vector<DayAppointmentRow>> ServicesStore::DayAppointments(const std::string& mission,
                                                                      int64_t from, int64_t to) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      std::string(kDayColumns) +
          "WHERE s.mission_code = $1 AND s.starts_at >= $2 AND s.starts_at < $3 "
          "AND p.status = 'booked' ORDER BY s.starts_at, p.id",
      {mission, from, to});
  if (!rows.ok()) return rows.take_error();
  std::vector<DayAppointmentRow> out;
  for (const auto& r : *rows) out.push_back(ReadDay(r));
  return out;
}

Result<DayAppointmentRow> ServicesStore::MarkArrived(const std::string& mission, int64_t id,
                                                     int64_t now, const AuditEntry& audit) {
  return InTransaction<DayAppointmentRow>(*db_, true, [&](Connection& c) -> Result<DayAppointmentRow> {
    auto row = c.QueryOne(std::string(kDayColumns) +
                              "WHERE p.id = $1 AND s.mission_code = $2 AND p.status = 'booked'",
                          {id, mission});
    if (!row.ok()) return row.take_error();
    DayAppointmentRow d = ReadDay(*row);
    if (d.arrived_at) return d;  // marked once; a second click changes nothing
    PEDULI_TRY(c.Exec("UPDATE appointments SET arrived_at = $1 WHERE id = $2 AND arrived_at IS NULL",
                      {now, id}));
    AuditEntry e = audit;
    if (!e.citizen_id) e.citizen_id = d.citizen_id;
    PEDULI_TRY(AuditStore::AppendIn(c, e));
    d.arrived_at = now;
    return d;
  });
}

Result<QueueTicketRow> ServicesStore::TakeQueueNumber(QueueTicketRow t) {
  return InTransaction<QueueTicketRow>(*db_, true, [&](Connection& c) -> Result<QueueTicketRow> {
    PEDULI_TRY(c.Exec(
        "INSERT INTO queue_counters (mission_code, day, last) VALUES ($1, $2, 0) "
        "ON CONFLICT (mission_code, day) DO NOTHING",
        {t.mission_code, t.day}));
    auto next = c.QueryOne(
        "UPDATE queue_counters SET last = last + 1 WHERE mission_code = $1 AND day = $2 "
        "RETURNING last",
        {t.mission_code, t.day});
    if (!next.ok()) return next.take_error();
    t.number = next->Int(0);
    auto row = c.QueryOne(
        "INSERT INTO queue_tickets (mission_code, day, number, service_code, issued_by, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        {t.mission_code, t.day, t.number, t.service_code, t.issued_by, t.created_at});
    if (!row.ok()) return row.take_error();
    t.id = row->Int(0);
    return t;
  });
}

Result<QueueTicketRow> ServicesStore::FindTicket(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT id, mission_code, day, number, service_code, issued_by, created_at "
      "FROM queue_tickets WHERE id = $1",
      {id});
  if (!r.ok()) return r.take_error();
  return QueueTicketRow{r->Int(0), r->Text(1), r->Text(2), r->Int(3), r->Text(4), r->Int(5), r->Int(6)};
}

Result<int64_t> ServicesStore::QuotaUsed(const std::string& mission, const std::string& service,
                                         const std::string& day) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT used FROM service_quota_days WHERE mission_code = $1 AND service_code = $2 AND day = $3",
      {mission, service, day});
  if (!rows.ok()) return rows.take_error();
  return rows->empty() ? int64_t{0} : rows->front().Int(0);
}

Status ServicesStore::StageUpload(const StagedUploadRow& s) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "INSERT INTO staged_uploads (token, account_id, doc_key, sha256, content_type, size_bytes, "
      "file_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {s.token, s.account_id, s.doc_key, s.sha256, s.content_type, s.size_bytes, s.file_name,
       s.created_at});
}

Result<StagedUploadRow> ServicesStore::FindStaged(const std::string& token) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT token, account_id, doc_key, sha256, content_type, size_bytes, file_name, created_at "
      "FROM staged_uploads WHERE token = $1",
      {token});
  if (!r.ok()) return r.take_error();
  return StagedUploadRow{r->Text(0), r->Int(1), r->Text(2), r->Text(3),
                         r->Text(4), r->Int(5), r->Text(6), r->Int(7)};
}

Result<int64_t> ServicesStore::OpenProtectionCases(int64_t citizen_id, int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM cases WHERE state NOT IN ('resolved', 'closed') AND "
      "(citizen_id = $1 OR (reporter_account_id = $2 AND source IN ('citizen', 'panic')))",
      {citizen_id, account_id ? Value{account_id} : Value{int64_t{-1}}});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<std::vector<PassportDueRow>> ServicesStore::PassportsExpiring(const std::string& from,
                                                                     const std::string& to,
                                                                     int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, account_id, passport_expiry_date FROM citizens WHERE account_id IS NOT NULL "
      "AND status = 'active' AND passport_expiry_date >= $1 AND passport_expiry_date <= $2 "
      "ORDER BY id LIMIT $3",
      {from, to, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<PassportDueRow> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Int(1), r.Text(2)});
  return out;
}

Result<std::vector<AppointmentDueRow>> ServicesStore::AppointmentsBetween(int64_t from, int64_t to) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT p.id, p.application_id, a.account_id, s.mission_code, s.starts_at "
      "FROM appointments p JOIN appointment_slots s ON s.id = p.slot_id "
      "JOIN applications a ON a.id = p.application_id "
      "WHERE p.status = 'booked' AND a.account_id IS NOT NULL AND s.starts_at >= $1 "
      "AND s.starts_at < $2 ORDER BY s.starts_at, p.id",
      {from, to});
  if (!rows.ok()) return rows.take_error();
  std::vector<AppointmentDueRow> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Int(4)});
  return out;
}

Result<bool> ServicesStore::QueueReminder(const ReminderRow& r, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "INSERT INTO service_messages (account_id, application_id, action, to_state, note, "
      "created_at, next_attempt_at, reminder_key) VALUES ($1, $2, $3, '', $4, $5, $5, $6) "
      "ON CONFLICT (reminder_key) DO NOTHING RETURNING id",
      {r.account_id, ZeroNull(r.application_id), r.action, r.note, now, r.key});
  if (!rows.ok()) return rows.take_error();
  return !rows->empty();
}

}  // namespace peduli::store
