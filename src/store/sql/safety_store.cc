#include "store/safety_store.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

namespace peduli::store {
namespace {

constexpr const char* kCrisisColumns =
    "SELECT id, mission_code, level, title_id, title_en, safety_check, state, activated_at, "
    "closed_at, retain_until, purged_at, summary FROM crises ";

SafetyCrisis ReadCrisis(const Row& r, size_t o = 0) {
  SafetyCrisis c;
  c.id = r.Int(o + 0);
  c.mission_code = r.Text(o + 1);
  c.level = r.Text(o + 2);
  c.title_id = r.Text(o + 3);
  c.title_en = r.Text(o + 4);
  c.safety_check = r.Int(o + 5) != 0;
  c.state = r.Text(o + 6);
  c.activated_at = r.Int(o + 7);
  c.closed_at = r.Int(o + 8);
  c.retain_until = r.Int(o + 9);
  c.purged_at = r.Int(o + 10);
  c.summary = r.Text(o + 11);
  return c;
}

constexpr const char* kPersonColumns =
    "cp.crisis_id, cp.citizen_id, cp.stay_id, cp.mission_code, cp.category, cp.subdivision, "
    "cp.placed_by, cp.vulnerability, cp.status, cp.status_at, cp.status_via, cp.case_id";
constexpr size_t kPersonWidth = 12;

SafetyPerson ReadPerson(const Row& r, size_t o = 0) {
  SafetyPerson p;
  p.crisis_id = r.Int(o + 0);
  p.citizen_id = r.Int(o + 1);
  p.stay_id = r.Int(o + 2);
  p.mission_code = r.Text(o + 3);
  p.category = r.Text(o + 4);
  p.subdivision = r.Text(o + 5);
  p.placed_by = r.Text(o + 6);
  p.vulnerability = r.Int(o + 7);
  p.status = r.Text(o + 8);
  p.status_at = r.Int(o + 9);
  p.status_via = r.Text(o + 10);
  p.case_id = r.Int(o + 11);
  return p;
}

Value IdOrNull(int64_t id) { return id ? Value{id} : Null(); }

Result<SafetyPerson> PersonIn(Connection& c, int64_t crisis_id, int64_t citizen_id) {
  static const std::string sql = std::string("SELECT ") + kPersonColumns +
                                 " FROM crisis_people cp WHERE cp.crisis_id = $1 AND cp.citizen_id = $2";
  auto r = c.QueryOne(sql, {crisis_id, citizen_id});
  if (!r.ok()) return r.take_error();
  return ReadPerson(*r);
}

// The crisis must be active: answers and calls after the close are refused (and on
// PostgreSQL the row lock orders them against a concurrent Close).
Status RequireActive(Connection& c, int64_t crisis_id) {
  const char* sql = c.dialect() == Dialect::kPostgres
                        ? "SELECT state FROM crises WHERE id = $1 FOR SHARE"
                        : "SELECT state FROM crises WHERE id = $1";
  auto r = c.QueryOne(sql, {crisis_id});
  if (!r.ok()) return r.take_error();
  if (r->Text(0) != "active") return Error::Conflict("safety.crisis_closed");
  return Status::Ok();
}

Status SetStatus(Connection& c, int64_t crisis_id, int64_t citizen_id, const std::string& status,
                 int64_t at, const std::string& via) {
  return c.Exec(
      "UPDATE crisis_people SET status = $3, status_at = $4, status_via = $5 "
      "WHERE crisis_id = $1 AND citizen_id = $2",
      {crisis_id, citizen_id, status, at, via});
}

Status SharePosition(Connection& c, int64_t citizen_id, const std::string& position, int64_t at) {
  auto comma = position.find(',');
  if (comma == std::string::npos) return Status::Ok();
  return c.Exec(
      "INSERT INTO citizen_positions (citizen_id, lat, lon, shared_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (citizen_id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, "
      "shared_at = excluded.shared_at",
      {citizen_id, position.substr(0, comma), position.substr(comma + 1), at});
}

constexpr const char* kCountsSql =
    "SELECT mission_code, subdivision, "
    "SUM(CASE WHEN status = 'safe' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN status = 'needs_help' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN status = 'no_answer' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN status = 'unreachable' THEN 1 ELSE 0 END), "
    "SUM(CASE WHEN status = 'left_area' THEN 1 ELSE 0 END) "
    "FROM crisis_people WHERE crisis_id = $1 AND ($2 = '' OR mission_code = $2) "
    "GROUP BY mission_code, subdivision ORDER BY mission_code, subdivision";

Result<std::vector<SafetyCounts>> CountsIn(Connection& c, int64_t crisis_id,
                                           const std::string& mission) {
  auto rows = c.Query(kCountsSql, {crisis_id, mission});
  if (!rows.ok()) return rows.take_error();
  std::vector<SafetyCounts> out;
  for (const auto& r : *rows) {
    SafetyCounts k;
    k.mission_code = r.Text(0);
    k.subdivision = r.Text(1);
    k.safe = r.Int(2);
    k.needs_help = r.Int(3);
    k.no_answer = r.Int(4);
    k.unreachable = r.Int(5);
    k.left_area = r.Int(6);
    out.push_back(k);
  }
  return out;
}

std::vector<int64_t> IdsOf(const std::string& json) {
  std::vector<int64_t> out;
  auto j = nlohmann::json::parse(json, nullptr, false);
  if (!j.is_array()) return out;
  for (const auto& v : j) {
    if (v.is_number_integer()) out.push_back(v.get<int64_t>());
  }
  return out;
}

}  // namespace

Result<std::string> SafetyStore::LoadOrCreateSecret(const std::string& name,
                                                    const std::string& candidate, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  PEDULI_TRY((*lease)->Exec(
      "INSERT INTO crisis_secrets (name, value, created_at) VALUES ($1, $2, $3) "
      "ON CONFLICT (name) DO NOTHING",
      {name, candidate, now}));
  auto r = (*lease)->QueryOne("SELECT value FROM crisis_secrets WHERE name = $1", {name});
  if (!r.ok()) return r.take_error();
  return r->Text(0);
}

Result<SafetyCrisis> SafetyStore::Crisis(int64_t crisis_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  static const std::string sql = std::string(kCrisisColumns) + "WHERE id = $1";
  auto r = (*lease)->QueryOne(sql, {crisis_id});
  if (!r.ok()) return r.take_error();
  return ReadCrisis(*r);
}

Result<SafetyPerson> SafetyStore::Person(int64_t crisis_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return PersonIn(**lease, crisis_id, citizen_id);
}

Result<int64_t> SafetyStore::CitizenOfAccount(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT id FROM citizens WHERE account_id = $1 AND status = 'active'", {account_id});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<std::vector<std::pair<SafetyCrisis, SafetyPerson>>> SafetyStore::ActiveFor(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  static const std::string sql =
      "SELECT k.id, k.mission_code, k.level, k.title_id, k.title_en, k.safety_check, k.state, "
      "k.activated_at, k.closed_at, k.retain_until, k.purged_at, k.summary, " +
      std::string(kPersonColumns) +
      " FROM crisis_people cp JOIN crises k ON k.id = cp.crisis_id "
      "WHERE cp.citizen_id = $1 AND k.state = 'active' AND k.safety_check = 1 ORDER BY k.id DESC";
  auto rows = (*lease)->Query(sql, {citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<std::pair<SafetyCrisis, SafetyPerson>> out;
  for (const auto& r : *rows) out.emplace_back(ReadCrisis(r, 0), ReadPerson(r, 12));
  return out;
}

Result<SafetyPerson> SafetyStore::RecordAnswer(SafetyAnswer a, const AuditEntry* audit) {
  return InTransaction<SafetyPerson>(*db_, true, [&](Connection& c) -> Result<SafetyPerson> {
    PEDULI_TRY(RequireActive(c, a.crisis_id));
    auto p = PersonIn(c, a.crisis_id, a.citizen_id);
    if (!p.ok()) return p.take_error();
    PEDULI_TRY(c.Exec(
        "INSERT INTO safety_answers (crisis_id, citizen_id, answer, message, position, via, "
        "actor_account_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {a.crisis_id, a.citizen_id, a.answer, a.message, a.position, a.via,
         IdOrNull(a.actor_account_id), a.at}));
    PEDULI_TRY(SetStatus(c, a.crisis_id, a.citizen_id, a.answer, a.at, a.via));
    if (!a.position.empty()) PEDULI_TRY(SharePosition(c, a.citizen_id, a.position, a.at));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    p->status = a.answer;
    p->status_at = a.at;
    p->status_via = a.via;
    return p;
  });
}

Result<std::vector<SafetyAnswer>> SafetyStore::Answers(int64_t crisis_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, crisis_id, citizen_id, answer, message, position, via, actor_account_id, at "
      "FROM safety_answers WHERE crisis_id = $1 AND citizen_id = $2 ORDER BY id",
      {crisis_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<SafetyAnswer> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Int(7), r.Int(8)});
  }
  return out;
}

Result<bool> SafetyStore::ClaimCase(int64_t crisis_id, int64_t citizen_id, int64_t now,
                                    int64_t stale_before) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  // One UPDATE is atomic on both backends: of two concurrent claims exactly one sees NULL
  // (or the same stale claim).
  auto rows = (*lease)->Query(
      "UPDATE crisis_people SET case_id = -1, case_claimed_at = $3 WHERE crisis_id = $1 "
      "AND citizen_id = $2 AND (case_id IS NULL OR (case_id = -1 AND "
      "(case_claimed_at IS NULL OR case_claimed_at < $4))) RETURNING citizen_id",
      {crisis_id, citizen_id, now, stale_before});
  if (!rows.ok()) return rows.take_error();
  return !rows->empty();
}

Result<std::vector<SafetyPerson>> SafetyStore::StaleClaims(int64_t stale_before, int64_t limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  static const std::string sql = std::string("SELECT ") + kPersonColumns +
                                 " FROM crisis_people cp WHERE cp.case_id = -1 AND "
                                 "(cp.case_claimed_at IS NULL OR cp.case_claimed_at < $1) "
                                 "ORDER BY COALESCE(cp.case_claimed_at, 0), cp.crisis_id, cp.citizen_id LIMIT $2";
  auto rows = (*lease)->Query(sql, {stale_before, limit});
  if (!rows.ok()) return rows.take_error();
  std::vector<SafetyPerson> out;
  for (const auto& r : *rows) out.push_back(ReadPerson(r, 0));
  return out;
}

Result<int64_t> SafetyStore::OpenedCase(int64_t crisis_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id FROM cases WHERE citizen_id = $1 AND external_ref = $2 ORDER BY id LIMIT 1",
      {citizen_id, "crisis:" + std::to_string(crisis_id)});
  if (!rows.ok()) return rows.take_error();
  return rows->empty() ? int64_t{0} : (*rows)[0].Int(0);
}

Status SafetyStore::SetCase(int64_t crisis_id, int64_t citizen_id, int64_t case_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "UPDATE crisis_people SET case_id = $3 WHERE crisis_id = $1 AND citizen_id = $2 AND case_id = -1",
      {crisis_id, citizen_id, case_id});
}

Status SafetyStore::ReleaseCase(int64_t crisis_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "UPDATE crisis_people SET case_id = NULL WHERE crisis_id = $1 AND citizen_id = $2 AND case_id = -1",
      {crisis_id, citizen_id});
}

Result<SafetyPerson> SafetyStore::RecordCall(const CallRow& call, int64_t next_attempt_at,
                                             const AuditEntry* audit) {
  return InTransaction<SafetyPerson>(*db_, true, [&](Connection& c) -> Result<SafetyPerson> {
    PEDULI_TRY(RequireActive(c, call.crisis_id));
    auto p = PersonIn(c, call.crisis_id, call.citizen_id);
    if (!p.ok()) return p.take_error();
    PEDULI_TRY(c.Exec(
        "INSERT INTO crisis_calls (crisis_id, citizen_id, outcome, note, actor_account_id, at) "
        "VALUES ($1, $2, $3, $4, $5, $6)",
        {call.crisis_id, call.citizen_id, call.outcome, call.note, call.actor_account_id, call.at}));
    std::string status = call.outcome;
    if (status == "reached_safe") status = "safe";
    if (status == "reached_needs_help") status = "needs_help";
    PEDULI_TRY(SetStatus(c, call.crisis_id, call.citizen_id, status, call.at, "officer"));
    PEDULI_TRY(c.Exec(
        "INSERT INTO crisis_call_schedule (crisis_id, citizen_id, attempts, next_attempt_at) "
        "VALUES ($1, $2, 1, $3) ON CONFLICT (crisis_id, citizen_id) DO UPDATE SET "
        "attempts = crisis_call_schedule.attempts + 1, next_attempt_at = excluded.next_attempt_at",
        {call.crisis_id, call.citizen_id, IdOrNull(next_attempt_at)}));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    p->status = status;
    p->status_at = call.at;
    p->status_via = "officer";
    return p;
  });
}

Result<std::vector<CallRow>> SafetyStore::Calls(int64_t crisis_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, crisis_id, citizen_id, outcome, note, actor_account_id, at FROM crisis_calls "
      "WHERE crisis_id = $1 AND citizen_id = $2 ORDER BY id",
      {crisis_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<CallRow> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6)});
  }
  return out;
}

Result<int64_t> SafetyStore::Attempts(int64_t crisis_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT attempts FROM crisis_call_schedule WHERE crisis_id = $1 AND citizen_id = $2",
      {crisis_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  return rows->empty() ? 0 : (*rows)[0].Int(0);
}

Result<std::vector<CallListEntry>> SafetyStore::CallList(const CallListFilter& f) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  static const std::string sql =
      std::string("SELECT ") + kPersonColumns +
      ", c.full_name, s.phone, a.email, s.address, s.city, s.country, c.birth_date, "
      "c.passport_expiry_date, c.emergency_name, c.emergency_relation, c.emergency_phone, "
      "sch.attempts, sch.next_attempt_at "
      "FROM crisis_people cp JOIN citizens c ON c.id = cp.citizen_id "
      "LEFT JOIN stays s ON s.id = cp.stay_id LEFT JOIN accounts a ON a.id = c.account_id "
      "LEFT JOIN crisis_call_schedule sch ON sch.crisis_id = cp.crisis_id AND sch.citizen_id = cp.citizen_id "
      "WHERE cp.crisis_id = $1 AND ($2 = '' OR cp.mission_code = $2) "
      "AND ($3 = '' OR cp.subdivision = $3) "
      "AND ($4 = 0 OR cp.status IN ('no_answer', 'unreachable')) "
      "ORDER BY CASE cp.status WHEN 'no_answer' THEN 0 WHEN 'unreachable' THEN 1 "
      "WHEN 'needs_help' THEN 2 ELSE 3 END, cp.vulnerability DESC, cp.citizen_id LIMIT $5";
  auto rows = (*lease)->Query(sql, {f.crisis_id, f.mission_code, f.subdivision,
                                    static_cast<int64_t>(f.open_only ? 1 : 0),
                                    static_cast<int64_t>(f.limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<CallListEntry> out;
  for (const auto& r : *rows) {
    CallListEntry e;
    e.p = ReadPerson(r);
    size_t o = kPersonWidth;
    e.name = r.Text(o);
    e.phone = r.Text(o + 1);
    e.email = r.Text(o + 2);
    e.address = r.Text(o + 3);
    e.city = r.Text(o + 4);
    e.country = r.Text(o + 5);
    e.birth_date = r.Text(o + 6);
    e.passport_expiry = r.Text(o + 7);
    e.family_name = r.Text(o + 8);
    e.family_relation = r.Text(o + 9);
    e.family_phone = r.Text(o + 10);
    e.attempts = r.Int(o + 11);
    e.next_attempt_at = r.Int(o + 12);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<SafetyCounts>> SafetyStore::Counts(int64_t crisis_id, const std::string& mission) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return CountsIn(**lease, crisis_id, mission);
}

Result<std::vector<SafetyCounts>> SafetyStore::Sample(int64_t crisis_id, const std::string& mission,
                                                      int64_t minute) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& c = **lease;
  auto now = CountsIn(c, crisis_id, mission);
  if (!now.ok()) return now.take_error();
  SafetyCounts sum;
  for (const auto& k : *now) {
    sum.safe += k.safe;
    sum.needs_help += k.needs_help;
    sum.no_answer += k.no_answer;
    sum.unreachable += k.unreachable;
  }
  // mission "" stands for the whole crisis (HQ's view).
  PEDULI_TRY(c.Exec(
      "INSERT INTO crisis_count_samples (crisis_id, mission_code, at, safe, needs_help, no_answer, "
      "unreachable) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (crisis_id, mission_code, at) "
      "DO UPDATE SET safe = excluded.safe, needs_help = excluded.needs_help, "
      "no_answer = excluded.no_answer, unreachable = excluded.unreachable",
      {crisis_id, mission, minute, sum.safe, sum.needs_help, sum.no_answer, sum.unreachable}));
  auto rows = c.Query(
      "SELECT at, safe, needs_help, no_answer, unreachable FROM crisis_count_samples "
      "WHERE crisis_id = $1 AND mission_code = $2 ORDER BY at",
      {crisis_id, mission});
  if (!rows.ok()) return rows.take_error();
  std::vector<SafetyCounts> out;
  for (const auto& r : *rows) {
    SafetyCounts k;
    k.mission_code = mission;
    k.at = r.Int(0);
    k.safe = r.Int(1);
    k.needs_help = r.Int(2);
    k.no_answer = r.Int(3);
    k.unreachable = r.Int(4);
    out.push_back(k);
  }
  return out;
}

Result<int64_t> SafetyStore::CreateFamilyLink(int64_t citizen_id, const std::string& token_hash,
                                              const std::string& label, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "INSERT INTO safety_family_links (citizen_id, token_hash, label, created_at) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      {citizen_id, token_hash, label, now});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Status SafetyStore::RevokeFamilyLink(int64_t citizen_id, int64_t link_id, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "UPDATE safety_family_links SET revoked_at = $3 WHERE id = $1 AND citizen_id = $2 "
      "AND revoked_at IS NULL RETURNING id",
      {link_id, citizen_id, now});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return Error::NotFound();
  return Status::Ok();
}

Result<std::vector<FamilyLinkRow>> SafetyStore::FamilyLinks(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, citizen_id, label, created_at, revoked_at FROM safety_family_links "
      "WHERE citizen_id = $1 ORDER BY id DESC",
      {citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<FamilyLinkRow> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Int(3), r.Int(4)});
  return out;
}

Result<int64_t> SafetyStore::FamilyLinkCitizen(const std::string& token_hash) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT citizen_id FROM safety_family_links WHERE token_hash = $1 AND revoked_at IS NULL",
      {token_hash});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Status SafetyStore::MarkEvacuee(const EvacEntry& e, int64_t actor, int64_t now,
                                const AuditEntry* audit, bool keep_existing) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(RequireActive(c, e.crisis_id));
    auto p = PersonIn(c, e.crisis_id, e.citizen_id);
    if (!p.ok()) return p.take_error();
    nlohmann::json ids = e.family_ids;
    nlohmann::json docs = nlohmann::json::object();
    for (const auto& [id, d] : e.family_documents) {
      docs[std::to_string(id)] = {{"passport", d.passport_number}, {"expiry", d.passport_expiry}};
    }
    if (keep_existing) {
      auto there = c.Query("SELECT citizen_id FROM evac_people WHERE crisis_id = $1 AND citizen_id = $2",
                           {e.crisis_id, e.citizen_id});
      if (!there.ok()) return there.take_error();
      if (!there->empty()) return Status::Ok();
    }
    PEDULI_TRY(c.Exec(
        "INSERT INTO evac_people (crisis_id, citizen_id, transport_id, family_ids, splp_number, "
        "destination, marked_by, marked_at, family_documents) VALUES ($1, $2, $3, $4, $5, $6, "
        "$7, $8, $9) "
        "ON CONFLICT (crisis_id, citizen_id) DO UPDATE SET transport_id = excluded.transport_id, "
        "family_ids = excluded.family_ids, splp_number = excluded.splp_number, "
        "destination = excluded.destination, marked_by = excluded.marked_by, "
        "marked_at = excluded.marked_at, family_documents = excluded.family_documents",
        {e.crisis_id, e.citizen_id, IdOrNull(e.transport_id), ids.dump(), e.splp_number,
         e.destination, actor, now, docs.dump()}));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    return Status::Ok();
  });
}

Status SafetyStore::UnmarkEvacuee(int64_t crisis_id, int64_t citizen_id, const AuditEntry* audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(c.Exec("DELETE FROM evac_people WHERE crisis_id = $1 AND citizen_id = $2",
                      {crisis_id, citizen_id}));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    return Status::Ok();
  });
}

Result<std::vector<EvacEntry::Family>> SafetyStore::FamilyOf(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query("SELECT id, name, relation, birth_date FROM family_members "
                              "WHERE citizen_id = $1 ORDER BY id",
                              {citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<EvacEntry::Family> out;
  for (const auto& f : *rows) out.push_back({f.Int(0), f.Text(1), f.Text(2), f.Text(3)});
  return out;
}

Result<int64_t> SafetyStore::CreateTransport(const TransportRow& t) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "INSERT INTO evac_transports (crisis_id, mission_code, name, mode, departure_at, "
      "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {t.crisis_id, t.mission_code, t.name, t.mode, IdOrNull(t.departure_at), t.created_by,
       t.created_at});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<std::vector<TransportRow>> SafetyStore::Transports(int64_t crisis_id,
                                                          const std::string& mission) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, crisis_id, mission_code, name, mode, departure_at, created_by, created_at "
      "FROM evac_transports WHERE crisis_id = $1 AND ($2 = '' OR mission_code = $2) ORDER BY id",
      {crisis_id, mission});
  if (!rows.ok()) return rows.take_error();
  std::vector<TransportRow> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5), r.Int(6), r.Int(7)});
  }
  return out;
}

Result<std::vector<EvacEntry>> SafetyStore::Evacuees(int64_t crisis_id, const std::string& mission,
                                                     int64_t transport_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& c = **lease;
  auto rows = c.Query(
      "SELECT e.crisis_id, e.citizen_id, e.transport_id, cp.mission_code, e.family_ids, "
      "e.splp_number, e.destination, c.full_name, c.birth_date, c.passport_number, "
      "c.passport_expiry_date, c.origin_regency, e.family_documents FROM evac_people e "
      "JOIN crisis_people cp ON cp.crisis_id = e.crisis_id AND cp.citizen_id = e.citizen_id "
      "JOIN citizens c ON c.id = e.citizen_id "
      "WHERE e.crisis_id = $1 AND ($2 = '' OR cp.mission_code = $2) "
      "AND (CAST($3 AS BIGINT) = -1 OR (CAST($3 AS BIGINT) = 0 AND e.transport_id IS NULL) "
      "OR e.transport_id = CAST($3 AS BIGINT)) "
      "ORDER BY c.full_name, e.citizen_id",
      {crisis_id, mission, transport_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<EvacEntry> out;
  for (const auto& r : *rows) {
    EvacEntry e;
    e.crisis_id = r.Int(0);
    e.citizen_id = r.Int(1);
    e.transport_id = r.Int(2);
    e.mission_code = r.Text(3);
    e.family_ids = IdsOf(r.Text(4));
    e.splp_number = r.Text(5);
    e.destination = r.Text(6);
    e.name = r.Text(7);
    e.birth_date = r.Text(8);
    e.passport_number = r.Text(9);
    e.passport_expiry = r.Text(10);
    e.origin_regency = r.Text(11);
    auto docs = nlohmann::json::parse(r.Text(12), nullptr, false);
    if (docs.is_object()) {
      for (const auto& [key, d] : docs.items()) {
        if (!d.is_object()) continue;
        const int64_t fid = std::strtoll(key.c_str(), nullptr, 10);
        if (fid > 0) {
          e.family_documents[fid] = {d.value("passport", std::string()), d.value("expiry", std::string())};
        }
      }
    }
    auto fam = c.Query("SELECT id, name, relation, birth_date FROM family_members "
                       "WHERE citizen_id = $1 ORDER BY id",
                       {e.citizen_id});
    if (!fam.ok()) return fam.take_error();
    for (const auto& f : *fam) e.family.push_back({f.Int(0), f.Text(1), f.Text(2), f.Text(3)});
    out.push_back(std::move(e));
  }
  return out;
}

Status SafetyStore::Close(int64_t crisis_id, int64_t actor, int64_t now, int64_t retain_until,
                          const AuditEntry* audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto rows = c.Query(
        "UPDATE crises SET state = 'closed', closed_at = $2, closed_by = $3, retain_until = $4 "
        "WHERE id = $1 AND state <> 'closed' RETURNING id",
        {crisis_id, now, actor, retain_until});
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) {
      auto exists = c.QueryOne("SELECT id FROM crises WHERE id = $1", {crisis_id});
      if (!exists.ok()) return exists.take_error();
      return Error::Conflict("safety.crisis_closed");
    }
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    return Status::Ok();
  });
}

Result<std::vector<PurgeResult>> SafetyStore::Purge(int64_t now) {
  std::vector<int64_t> due;
  {
    auto lease = db_->Acquire();
    if (!lease.ok()) return lease.take_error();
    auto rows = (*lease)->Query(
        "SELECT id FROM crises WHERE state = 'closed' AND purged_at IS NULL "
        "AND retain_until IS NOT NULL AND retain_until <= $1 ORDER BY id",
        {now});
    if (!rows.ok()) return rows.take_error();
    for (const auto& r : *rows) due.push_back(r.Int(0));
  }
  std::vector<PurgeResult> out;
  for (int64_t id : due) {
    auto done = InTransaction<PurgeResult>(*db_, true, [&](Connection& c) -> Result<PurgeResult> {
      // Claim the crisis first: of two servers purging at once only one goes on.
      auto claimed = c.Query(
          "UPDATE crises SET purged_at = $2 WHERE id = $1 AND purged_at IS NULL RETURNING closed_at, summary",
          {id, now});
      if (!claimed.ok()) return claimed.take_error();
      if (claimed->empty()) return PurgeResult{};
      const int64_t closed_at = (*claimed)[0].Int(0);
      auto summary = nlohmann::json::parse((*claimed)[0].Text(1), nullptr, false);
      if (!summary.is_object()) summary = nlohmann::json::object();
      auto counts = CountsIn(c, id, "");
      if (!counts.ok()) return counts.take_error();
      nlohmann::json areas = nlohmann::json::array();
      int64_t total[5] = {0, 0, 0, 0, 0};
      for (const auto& k : *counts) {
        areas.push_back({{"mission", k.mission_code}, {"subdivision", k.subdivision},
                         {"safe", k.safe}, {"needs_help", k.needs_help},
                         {"no_answer", k.no_answer}, {"unreachable", k.unreachable},
                         {"left_area", k.left_area}});
        total[0] += k.safe;
        total[1] += k.needs_help;
        total[2] += k.no_answer;
        total[3] += k.unreachable;
        total[4] += k.left_area;
      }
      PurgeResult res;
      res.crisis_id = id;
      auto count = [&](const char* sql) -> Result<int64_t> {
        auto r = c.QueryOne(sql, {id});
        if (!r.ok()) return r.take_error();
        return r->Int(0);
      };
      auto a = count("SELECT COUNT(*) FROM safety_answers WHERE crisis_id = $1");
      if (!a.ok()) return a.take_error();
      auto k = count("SELECT COUNT(*) FROM crisis_calls WHERE crisis_id = $1");
      if (!k.ok()) return k.take_error();
      auto ev = count("SELECT COUNT(*) FROM evac_people WHERE crisis_id = $1");
      if (!ev.ok()) return ev.take_error();
      res.answers = *a;
      res.calls = *k;
      res.evacuees = *ev;
      auto pos = c.Query(
          "DELETE FROM citizen_positions WHERE shared_at <= $2 AND citizen_id IN "
          "(SELECT citizen_id FROM crisis_people WHERE crisis_id = $1) RETURNING citizen_id",
          {id, closed_at});
      if (!pos.ok()) return pos.take_error();
      res.positions = static_cast<int64_t>(pos->size());
      summary["safety"] = {{"safe", total[0]}, {"needs_help", total[1]}, {"no_answer", total[2]},
                           {"unreachable", total[3]}, {"left_area", total[4]},
                           {"answers", res.answers}, {"calls", res.calls},
                           {"evacuees", res.evacuees}, {"areas", areas}, {"purged_at", now}};
      PEDULI_TRY(c.Exec("UPDATE crises SET summary = $2 WHERE id = $1", {id, summary.dump()}));
      for (const char* sql : {"DELETE FROM safety_answers WHERE crisis_id = $1",
                              "DELETE FROM crisis_calls WHERE crisis_id = $1",
                              "DELETE FROM crisis_call_schedule WHERE crisis_id = $1",
                              "DELETE FROM evac_people WHERE crisis_id = $1",
                              "DELETE FROM evac_transports WHERE crisis_id = $1"}) {
        PEDULI_TRY(c.Exec(sql, {id}));
      }
      return res;
    });
    if (!done.ok()) return done.take_error();
    if (done->crisis_id) out.push_back(*done);
  }
  return out;
}

}  // namespace peduli::store
