#include "store/registry_store.h"

#include <nlohmann/json.hpp>

#include "modules/search/names.h"
#include "store/search_store.h"
#include "store/stats_store.h"
#include "store/console_store.h"
#include "store/verification_store.h"

namespace peduli::store {
namespace {

using nlohmann::json;
using registry::LaporDiri;
using registry::Stay;

std::string DetailsJson(const Stay& s) {
  json d = json::object();
  if (s.category == "pmi") {
    d = {{"employer_name", s.pmi.employer_name}, {"employer_address", s.pmi.employer_address},
         {"sector", s.pmi.sector}, {"agency", s.pmi.agency},
         {"contract_end_date", s.pmi.contract_end_date}};
  } else if (s.category == "student") {
    d = {{"institution", s.student.institution}, {"programme", s.student.programme}};
  } else if (s.category == "crew") {
    d = {{"vessel_name", s.crew.vessel_name}, {"flag_state", s.crew.flag_state},
         {"manning_agency", s.crew.manning_agency}};
  }
  return d.dump();
}

void ReadDetails(const std::string& text, Stay* s) {
  auto d = json::parse(text, nullptr, false);
  if (!d.is_object()) return;
  auto g = [&](const char* k) { return d.value(k, std::string()); };
  if (s->category == "pmi") {
    s->pmi = {g("employer_name"), g("employer_address"), g("sector"), g("agency"),
              g("contract_end_date")};
  } else if (s->category == "student") {
    s->student = {g("institution"), g("programme")};
  } else if (s->category == "crew") {
    s->crew = {g("vessel_name"), g("flag_state"), g("manning_agency")};
  }
}

std::string FlagsJson(const std::vector<std::string>& flags) { return json(flags).dump(); }

Status InsertStay(Connection& c, int64_t citizen_id, const CitizenWrite& w) {
  const Stay& s = w.data.stay;
  return c.Exec(
      "INSERT INTO stays (citizen_id, mission_code, jurisdiction_note, country, subdivision, "
      "city, address, phone, arrival_date, expected_end_date, category, details, started_at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
      {citizen_id, w.mission_code, TextOrNull(w.jurisdiction_note), s.country,
       TextOrNull(s.subdivision), s.city, s.address, s.phone, s.arrival_date,
       TextOrNull(s.expected_end_date), s.category, DetailsJson(s), w.now});
}

Status ReplaceFamily(Connection& c, int64_t citizen_id, const LaporDiri& d) {
  PEDULI_TRY(c.Exec("DELETE FROM family_members WHERE citizen_id = $1", {citizen_id}));
  for (const auto& f : d.family) {
    PEDULI_TRY(c.Exec(
        "INSERT INTO family_members (citizen_id, name, relation, birth_date, nik) "
        "VALUES ($1, $2, $3, $4, $5)",
        {citizen_id, f.name, f.relation, TextOrNull(f.birth_date), TextOrNull(f.nik)}));
  }
  return Status::Ok();
}

Status RecordDuplicate(Database& db, const CitizenWrite& w, const std::string& payload) {
  Status r = InTransaction(db, true, [&](Connection& c) -> Status {
    auto existing = c.QueryOne("SELECT id FROM citizens WHERE nik = $1", {w.data.identity.nik});
    if (!existing.ok()) return existing.take_error();
    PEDULI_TRY(c.Exec(
        "INSERT INTO duplicate_attempts (nik, existing_citizen_id, claimant_account_id, payload, "
        "created_at) VALUES ($1, $2, $3, $4, $5)",
        {w.data.identity.nik, existing->Int(0), w.account_id, payload, w.now}));
    return Status::Ok();
  });
  return r;
}

}  // namespace

Result<int64_t> RegistryStore::Create(const CitizenWrite& w, const std::string& registration_number,
                                      const std::string& verify_code,
                                      const std::string& payload_json) {
  const auto& id = w.data.identity;
  const auto& p = w.data.passport;
  const auto& e = w.data.emergency_contact;
  auto created = InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto row = c.QueryOne(
        "INSERT INTO citizens (account_id, nik, registration_number, full_name, birth_place, "
        "birth_date, sex, marital_status, occupation, education, origin_regency, "
        "passport_number, passport_issue_date, passport_expiry_date, passport_office, "
        "emergency_name, emergency_relation, emergency_phone, flags, verify_code, status, "
        "entered_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
        "$11, $12, $13, $14, $15, $16, $17, $18, $19, $20, 'active', $21, $22, $22) RETURNING id",
        {w.account_id ? Value{w.account_id} : Null(), id.nik, registration_number, id.full_name,
         id.birth_place, id.birth_date, id.sex, id.marital_status, id.occupation, id.education,
         id.origin_regency, p.number, p.issue_date, p.expiry_date, p.office, e.name, e.relation,
         e.phone, FlagsJson(w.flags), verify_code, w.entered_by ? Value{w.entered_by} : Null(),
         w.now});
    if (!row.ok()) return row.take_error();
    int64_t cid = row->Int(0);
    PEDULI_TRY(InsertStay(c, cid, w));
    PEDULI_TRY(IndexCitizen(c, cid, search::NameKey(id.full_name), id.nik, p.number,
                            w.data.stay.phone, w.mission_code, "active"));
    PEDULI_TRY(ReplaceFamily(c, cid, w.data));
    PEDULI_TRY(EnqueueChecks(c, cid, w.verify, w.verify_reason, 0, w.now));
    PEDULI_TRY(MarkSubmitted(c, cid, w.mission_code, w.data.stay.category,  // review: submitted
                             w.data.stay.arrival_date, w.entered_by,
                             w.entered_by != 0 && w.entered_by != w.account_id, w.now));
    PEDULI_TRY(c.Exec("DELETE FROM lapor_drafts WHERE account_id = $1", {w.account_id}));
    PEDULI_TRY(StatsApplyCreated(c, cid));  // statistics (issue 7)
    return cid;
  });
  if (created.ok()) NotifyStatsChanged();
  if (!created.ok() && created.error().code == Code::kConflict &&
      created.error().message.find("nik") != std::string::npos) {
    // A walk-in (no account) that lost a race for the NIK claims nothing (EnterAtCounter).
    if (w.account_id) PEDULI_TRY(RecordDuplicate(*db_, w, payload_json));
    return Error::Conflict("registry.nik_taken");
  }
  return created;
}

Status RegistryStore::Update(int64_t citizen_id, const CitizenWrite& w, bool new_stay,
                             const std::string& payload_json) {
  const auto& id = w.data.identity;
  const auto& p = w.data.passport;
  const auto& e = w.data.emergency_contact;
  const auto& s = w.data.stay;
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto stats = StatsSnapshot(c, citizen_id);  // statistics (issue 7)
    if (!stats.ok()) return stats.take_error();
    PEDULI_TRY(c.Exec(
        "UPDATE citizens SET nik = $2, full_name = $3, birth_place = $4, birth_date = $5, "
        "sex = $6, marital_status = $7, occupation = $8, education = $9, origin_regency = $10, "
        "passport_number = $11, passport_issue_date = $12, passport_expiry_date = $13, "
        "passport_office = $14, emergency_name = $15, emergency_relation = $16, "
        "emergency_phone = $17, flags = $18, status = 'active', updated_at = $19, "
        "revision = revision + 1, entered_by = COALESCE($20, entered_by) WHERE id = $1",
        {citizen_id, id.nik, id.full_name, id.birth_place, id.birth_date, id.sex,
         id.marital_status, id.occupation, id.education, id.origin_regency, p.number,
         p.issue_date, p.expiry_date, p.office, e.name, e.relation, e.phone, FlagsJson(w.flags),
         w.now, w.entered_by ? Value{w.entered_by} : Null()}));
    auto current = c.Query("SELECT id FROM stays WHERE citizen_id = $1 AND ended_at IS NULL",
                           {citizen_id});
    if (!current.ok()) return current.take_error();
    if (new_stay || current->empty()) {
      PEDULI_TRY(c.Exec(
          "UPDATE stays SET ended_at = $2, end_reason = 'moved' "
          "WHERE citizen_id = $1 AND ended_at IS NULL",
          {citizen_id, w.now}));
      PEDULI_TRY(InsertStay(c, citizen_id, w));
    } else {
      PEDULI_TRY(c.Exec(
          "UPDATE stays SET mission_code = $2, jurisdiction_note = $3, subdivision = $4, "
          "city = $5, address = $6, phone = $7, arrival_date = $8, expected_end_date = $9, "
          "category = $10, details = $11 WHERE id = $1",
          {current->front().Int(0), w.mission_code, TextOrNull(w.jurisdiction_note),
           TextOrNull(s.subdivision), s.city, s.address, s.phone, s.arrival_date,
           TextOrNull(s.expected_end_date), s.category, DetailsJson(s)}));
    }
    PEDULI_TRY(IndexCitizen(c, citizen_id, search::NameKey(id.full_name), id.nik, p.number,
                            s.phone, w.mission_code, "active"));
    PEDULI_TRY(ReplaceFamily(c, citizen_id, w.data));
    PEDULI_TRY(EnqueueChecks(c, citizen_id, w.verify, w.verify_reason, 0, w.now));
    PEDULI_TRY(MarkSubmitted(c, citizen_id, w.mission_code, s.category,  // review: submitted again
                             s.arrival_date, w.entered_by,
                             w.entered_by != 0 && w.entered_by != w.account_id, w.now));
    PEDULI_TRY(c.Exec("DELETE FROM lapor_drafts WHERE account_id = $1", {w.account_id}));
    return StatsApply(c, citizen_id, *stats);
  });
  if (r.ok()) NotifyStatsChanged();
  if (!r.ok()) {
    if (r.error().code == Code::kConflict && r.error().message.find("nik") != std::string::npos) {
      PEDULI_TRY(RecordDuplicate(*db_, w, payload_json));
      return Error::Conflict("registry.nik_taken");
    }
    return r.take_error();
  }
  return Status::Ok();
}

Status RegistryStore::Return(int64_t citizen_id, const std::string& date, int64_t now) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto stats = StatsSnapshot(c, citizen_id);  // statistics (issue 7)
    if (!stats.ok()) return stats.take_error();
    auto ended = c.Query(
        "UPDATE stays SET ended_at = $2, end_reason = 'returned', return_date = $3 "
        "WHERE citizen_id = $1 AND ended_at IS NULL RETURNING id",
        {citizen_id, now, date});
    if (!ended.ok()) return ended.take_error();
    if (ended->empty()) return Error::Conflict("registry.no_active_stay");
    PEDULI_TRY(c.Exec("UPDATE citizens SET status = 'returned', updated_at = $2, "
                      "revision = revision + 1 WHERE id = $1",
                      {citizen_id, now}));
    PEDULI_TRY(SetIndexedStatus(c, citizen_id, "returned"));
    return StatsApply(c, citizen_id, *stats);
  });
  if (r.ok()) NotifyStatsChanged();
  return r;
}

namespace {

constexpr const char* kCitizenColumns =
    "SELECT id, account_id, registration_number, verify_code, status, nik, full_name, "
    "birth_place, birth_date, sex, marital_status, occupation, education, origin_regency, "
    "passport_number, passport_issue_date, passport_expiry_date, passport_office, "
    "emergency_name, emergency_relation, emergency_phone, flags, created_at, updated_at "
    "FROM citizens ";

// The record whose citizens row `r` is, with its stays and family, read on `c`.
Result<registry::CitizenRecord> LoadRecord(Connection& c, const Row& r);

// One read transaction for the record's four reads: on SQLite each statement outside a
// transaction takes and releases the file locks again, which the 1M-citizen profile showed.
Result<registry::CitizenRecord> FindWhere(Database& db, const char* sql, int64_t key) {
  return InTransaction<registry::CitizenRecord>(
      db, false, [&](Connection& c) -> Result<registry::CitizenRecord> {
        auto r = c.QueryOne(sql, {key});
        if (!r.ok()) return r.take_error();
        return LoadRecord(c, *r);
      });
}

}  // namespace

Result<registry::CitizenRecord> RegistryStore::FindByAccount(int64_t account_id) {
  static const std::string sql =
      std::string(kCitizenColumns) + "WHERE account_id = $1 AND status <> 'deleted'";
  return FindWhere(*db_, sql.c_str(), account_id);
}

Result<registry::CitizenRecord> RegistryStore::FindById(int64_t citizen_id) {
  static const std::string sql =
      std::string(kCitizenColumns) + "WHERE id = $1 AND status <> 'deleted'";
  return FindWhere(*db_, sql.c_str(), citizen_id);
}

Result<registry::CitizenRecord> RegistryStore::FindByNik(const std::string& nik) {
  int64_t id = 0;
  {  // the connection goes back to the pool before FindById takes one
    auto lease = db_->Acquire();
    if (!lease.ok()) return lease.take_error();
    auto r = (*lease)->QueryOne("SELECT id FROM citizens WHERE nik = $1 AND status <> 'deleted'", {nik});
    if (!r.ok()) return r.take_error();
    id = r->Int(0);
  }
  return FindById(id);
}

namespace {

Result<registry::CitizenRecord> LoadRecord(Connection& c, const Row& row) {
  const Row* r = &row;
  registry::CitizenRecord rec;
  rec.id = r->Int(0);
  rec.account_id = r->Int(1);
  rec.registration_number = r->Text(2);
  rec.verify_code = r->Text(3);
  rec.status = r->Text(4);
  rec.data.identity = {r->Text(5), r->Text(6), r->Text(7), r->Text(8), r->Text(9),
                       r->Text(10), r->Text(11), r->Text(12), r->Text(13)};
  rec.data.passport = {r->Text(14), r->Text(15), r->Text(16), r->Text(17)};
  rec.data.emergency_contact = {r->Text(18), r->Text(19), r->Text(20)};
  auto flags = json::parse(r->Text(21), nullptr, false);
  if (flags.is_array()) rec.flags = flags.get<std::vector<std::string>>();
  rec.created_at = r->Int(22);
  rec.updated_at = r->Int(23);

  auto stays = c.Query(
      "SELECT id, mission_code, jurisdiction_note, country, subdivision, city, address, phone, "
      "arrival_date, expected_end_date, category, details, started_at, ended_at, end_reason, "
      "return_date FROM stays WHERE citizen_id = $1 ORDER BY started_at DESC, id DESC",
      {rec.id});
  if (!stays.ok()) return stays.take_error();
  for (const auto& s : *stays) {
    registry::StayRecord sr;
    sr.id = s.Int(0);
    sr.mission_code = s.Text(1);
    sr.jurisdiction_note = s.Text(2);
    sr.stay.country = s.Text(3);
    sr.stay.subdivision = s.Text(4);
    sr.stay.city = s.Text(5);
    sr.stay.address = s.Text(6);
    sr.stay.phone = s.Text(7);
    sr.stay.arrival_date = s.Text(8);
    sr.stay.expected_end_date = s.Text(9);
    sr.stay.category = s.Text(10);
    ReadDetails(s.Text(11), &sr.stay);
    sr.started_at = s.Int(12);
    sr.ended_at = s.Int(13);
    sr.end_reason = s.Text(14);
    sr.return_date = s.Text(15);
    rec.stays.push_back(std::move(sr));
  }
  if (!rec.stays.empty()) rec.data.stay = rec.stays.front().stay;
  auto family = c.Query(
      "SELECT name, relation, birth_date, nik FROM family_members WHERE citizen_id = $1 "
      "ORDER BY id",
      {rec.id});
  if (!family.ok()) return family.take_error();
  for (const auto& f : *family) {
    rec.data.family.push_back({f.Text(0), f.Text(1), f.Text(2), f.Text(3)});
  }
  return rec;
}

}  // namespace

Result<PublicReceipt> RegistryStore::FindByVerifyCode(const std::string& code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT c.full_name, c.status, c.created_at, s.mission_code, s.ended_at "
      "FROM citizens c JOIN stays s ON s.citizen_id = c.id "
      "WHERE c.verify_code = $1 AND c.status <> 'deleted' "
      "ORDER BY s.started_at DESC, s.id DESC LIMIT 1",
      {code});
  if (!r.ok()) return r.take_error();
  return PublicReceipt{r->Text(0), r->Text(3), r->Text(1), r->Int(2), r->IsNull(4)};
}

int64_t RegistryStore::OpenDuplicateClaims(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return 0;
  auto r = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM duplicate_attempts WHERE claimant_account_id = $1 "
      "AND resolved_at IS NULL",
      {account_id});
  return r.ok() ? r->Int(0) : 0;
}

std::string RegistryStore::LatestClaimOutcome(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return "";
  auto r = (*lease)->Query(
      "SELECT resolution FROM duplicate_attempts WHERE claimant_account_id = $1 "
      "AND resolved_at IS NOT NULL ORDER BY resolved_at DESC, id DESC LIMIT 1",
      {account_id});
  return r.ok() && !r->empty() ? r->front().Text(0) : "";
}

RecordEntry RegistryStore::EnteredBy(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return {};
  auto r = (*lease)->Query(
      "SELECT a.id, a.role, a.mission_code FROM citizens c JOIN accounts a ON a.id = c.entered_by "
      "WHERE c.id = $1",
      {citizen_id});
  if (!r.ok() || r->empty()) return {};
  return {r->front().Int(0), r->front().Text(1), r->front().Text(2)};
}

Status RegistryStore::SaveDraft(int64_t account_id, const std::string& data, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "INSERT INTO lapor_drafts (account_id, data, updated_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (account_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
      {account_id, data, now});
}

std::optional<std::string> RegistryStore::LoadDraft(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return std::nullopt;
  auto r = (*lease)->QueryOne("SELECT data FROM lapor_drafts WHERE account_id = $1", {account_id});
  if (!r.ok()) return std::nullopt;
  return r->Text(0);
}

Status RegistryStore::DeleteDraft(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("DELETE FROM lapor_drafts WHERE account_id = $1", {account_id});
}

Status RegistryStore::RecordDeletionRefused(int64_t account_id, int64_t now,
                                            const std::string& action) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto cit = (*lease)->Query("SELECT registration_number FROM citizens WHERE account_id = $1",
                             {account_id});
  if (!cit.ok()) return cit.take_error();
  Value reg = cit->empty() ? Null() : Value{cit->front().Text(0)};
  return (*lease)->Exec(
      "INSERT INTO deletion_requests (account_id, registration_number, requested_at, action) "
      "VALUES ($1, $2, $3, $4)",
      {account_id, reg, now, action});
}

Status RegistryStore::Anonymise(int64_t account_id, int64_t now, const AnonymiseGuard& guard) {
  Status r = InTransaction(*db_, true, [&](Connection& c) -> Status {
    if (guard) {
      // Another module's reason to keep the data, asked inside this transaction: a write
      // that would change the answer (a case opened at the same moment) waits on this lock.
      if (c.dialect() == Dialect::kPostgres) {
        PEDULI_TRY(c.Exec("SELECT id FROM accounts WHERE id = $1 FOR UPDATE", {account_id}));
      }
      auto reason = guard(c);
      if (!reason.ok()) return reason.take_error();
      if (!reason->empty()) return Error{Code::kConflict, *reason};
    }
    auto cit = c.Query(
        "SELECT id, registration_number FROM citizens WHERE account_id = $1", {account_id});
    if (!cit.ok()) return cit.take_error();
    Value reg = cit->empty() ? Null() : Value{cit->front().Text(1)};
    PEDULI_TRY(c.Exec(
        "INSERT INTO deletion_requests (account_id, registration_number, requested_at, "
        "completed_at, action) VALUES ($1, $2, $3, $3, $4)",
        {account_id, reg, now, std::string(cit->empty() ? "deleted" : "anonymised")}));
    if (!cit->empty()) {
      int64_t cid = cit->front().Int(0);
      auto stats = StatsSnapshot(c, cid);  // statistics (issue 7)
      if (!stats.ok()) return stats.take_error();
      // Kept for statistics: year of birth, sex, origin regency, and per stay the country,
      // subdivision, mission, category and dates. Everything that identifies goes.
      PEDULI_TRY(c.Exec(
          "UPDATE citizens SET account_id = NULL, nik = NULL, full_name = NULL, "
          "birth_place = NULL, birth_date = substr(birth_date, 1, 4), marital_status = NULL, "
          "occupation = NULL, education = NULL, passport_number = NULL, "
          "passport_issue_date = NULL, passport_expiry_date = NULL, passport_office = NULL, "
          "emergency_name = NULL, emergency_relation = NULL, emergency_phone = NULL, "
          "flags = '[]', status = 'deleted', updated_at = $2 WHERE id = $1",
          {cid, now}));
      PEDULI_TRY(c.Exec(
          "UPDATE stays SET city = NULL, address = NULL, phone = NULL, details = '{}', "
          "ended_at = COALESCE(ended_at, $2), end_reason = COALESCE(end_reason, 'deleted') "
          "WHERE citizen_id = $1",
          {cid, now}));
      PEDULI_TRY(c.Exec("DELETE FROM family_members WHERE citizen_id = $1", {cid}));
      PEDULI_TRY(RemoveFromIndex(c, cid));
      PEDULI_TRY(ForgetReview(c, cid));
      PEDULI_TRY(c.Exec("UPDATE duplicate_attempts SET payload = '{}' WHERE existing_citizen_id = $1",
                        {cid}));
      PEDULI_TRY(StatsApply(c, cid, *stats));
    }
    PEDULI_TRY(c.Exec("UPDATE duplicate_attempts SET payload = '{}' WHERE claimant_account_id = $1",
                      {account_id}));
    PEDULI_TRY(c.Exec("DELETE FROM lapor_drafts WHERE account_id = $1", {account_id}));
    PEDULI_TRY(c.Exec("DELETE FROM sessions WHERE account_id = $1", {account_id}));
    PEDULI_TRY(c.Exec("DELETE FROM email_tokens WHERE account_id = $1", {account_id}));
    PEDULI_TRY(c.Exec(
        "UPDATE accounts SET email = $2, name = '', password_hash = '', deleted_at = $3 "
        "WHERE id = $1",
        {account_id, "deleted-" + std::to_string(account_id) + "@invalid", now}));
    return Status::Ok();
  });
  if (r.ok()) NotifyStatsChanged();
  return r;
}

}  // namespace peduli::store
