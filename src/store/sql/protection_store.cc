#include "store/protection_store.h"

#include <algorithm>
#include <climits>

namespace peduli::store {
namespace {

constexpr const char* kCaseColumns =
    "SELECT id, tracking_number, mission_code, source, channel, category, priority, risk_flags, "
    "restricted, state, outcome, assignee_account_id, citizen_id, subject_name, subject_nik, "
    "subject_passport, subject_birth_date, country, location, employer, agency, phone, "
    "last_contact, summary, position, reporter_account_id, reporter_name, reporter_contact, "
    "reporter_relation, follow_hash, ip_hash, external_ref, due_at, escalation_level, "
    "created_at, updated_at FROM cases ";

CaseRow ReadCase(const Row& r) {
  CaseRow c;
  c.id = r.Int(0);
  c.tracking_number = r.Text(1);
  c.mission_code = r.Text(2);
  c.source = r.Text(3);
  c.channel = r.Text(4);
  c.category = r.Text(5);
  c.priority = r.Text(6);
  c.risk_flags = r.Text(7);
  c.restricted = r.Int(8) != 0;
  c.state = r.Text(9);
  c.outcome = r.Text(10);
  c.assignee_account_id = r.Int(11);
  c.citizen_id = r.Int(12);
  c.subject_name = r.Text(13);
  c.subject_nik = r.Text(14);
  c.subject_passport = r.Text(15);
  c.subject_birth_date = r.Text(16);
  c.country = r.Text(17);
  c.location = r.Text(18);
  c.employer = r.Text(19);
  c.agency = r.Text(20);
  c.phone = r.Text(21);
  c.last_contact = r.Text(22);
  c.summary = r.Text(23);
  c.position = r.Text(24);
  c.reporter_account_id = r.Int(25);
  c.reporter_name = r.Text(26);
  c.reporter_contact = r.Text(27);
  c.reporter_relation = r.Text(28);
  c.follow_hash = r.Text(29);
  c.ip_hash = r.Text(30);
  c.external_ref = r.Text(31);
  c.due_at = r.Int(32);
  c.escalation_level = r.Int(33);
  c.created_at = r.Int(34);
  c.updated_at = r.Int(35);
  return c;
}

constexpr const char* kActionColumns =
    "SELECT id, case_id, kind, internal, body, from_state, to_state, outcome, amount, currency, "
    "assignee_account_id, from_mission, to_mission, partner, consent, citizen_id, "
    "actor_account_id, actor_role, actor_mission, created_at, referral_id, category, priority "
    "FROM case_actions ";

CaseActionRow ReadAction(const Row& r) {
  CaseActionRow a;
  a.id = r.Int(0);
  a.case_id = r.Int(1);
  a.kind = r.Text(2);
  a.internal = r.Int(3) != 0;
  a.body = r.Text(4);
  a.from_state = r.Text(5);
  a.to_state = r.Text(6);
  a.outcome = r.Text(7);
  if (!r.IsNull(8)) a.amount = r.Int(8);
  a.currency = r.Text(9);
  a.assignee_account_id = r.Int(10);
  a.from_mission = r.Text(11);
  a.to_mission = r.Text(12);
  a.partner = r.Text(13);
  if (!r.IsNull(14)) a.consent = r.Int(14) != 0;
  a.citizen_id = r.Int(15);
  a.actor_account_id = r.Int(16);
  a.actor_role = r.Text(17);
  a.actor_mission = r.Text(18);
  a.created_at = r.Int(19);
  a.referral_id = r.Int(20);
  a.category = r.Text(21);
  a.priority = r.Text(22);
  return a;
}

Value IdOrNull(int64_t id) { return id ? Value{id} : Null(); }

}  // namespace

Status InsertCaseAction(Connection& c, const CaseActionRow& a) {
  return c.Exec(
      "INSERT INTO case_actions (case_id, kind, internal, body, from_state, to_state, outcome, "
      "amount, currency, assignee_account_id, from_mission, to_mission, partner, consent, "
      "citizen_id, actor_account_id, actor_role, actor_mission, created_at, referral_id, category, "
      "priority) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, "
      "$17, $18, $19, $20, $21, $22)",
      {a.case_id, a.kind, static_cast<int64_t>(a.internal ? 1 : 0), a.body,
       TextOrNull(a.from_state), TextOrNull(a.to_state), TextOrNull(a.outcome),
       a.amount ? Value{*a.amount} : Null(), TextOrNull(a.currency),
       IdOrNull(a.assignee_account_id), TextOrNull(a.from_mission), TextOrNull(a.to_mission),
       TextOrNull(a.partner), a.consent ? Value{static_cast<int64_t>(*a.consent ? 1 : 0)} : Null(),
       IdOrNull(a.citizen_id), IdOrNull(a.actor_account_id), a.actor_role,
       TextOrNull(a.actor_mission), a.created_at, IdOrNull(a.referral_id),
       TextOrNull(a.category), TextOrNull(a.priority)});
}

namespace {

Status InsertAction(Connection& c, const CaseActionRow& a) { return InsertCaseAction(c, a); }

// A case about (or reported by) an account waits for, then refuses, the account's deletion
// in progress: on PostgreSQL the account row is share-locked (the deletion holds it FOR
// UPDATE while it counts open cases); on SQLite write transactions are serialised anyway.
Status AccountNotDeleted(Connection& c, int64_t account_id, int64_t citizen_id) {
  const bool pg = c.dialect() == Dialect::kPostgres;
  if (account_id) {
    auto r = c.Query(std::string("SELECT deleted_at FROM accounts WHERE id = $1") +
                         (pg ? " FOR SHARE" : ""), {account_id});
    if (!r.ok()) return r.take_error();
    if (!r->empty() && !r->front().IsNull(0)) return Error::Conflict("protection.account_deleted");
  }
  if (citizen_id) {
    auto r = c.Query(std::string("SELECT a.deleted_at FROM accounts a JOIN citizens ci ON "
                                 "ci.account_id = a.id WHERE ci.id = $1") +
                         (pg ? " FOR SHARE OF a" : ""), {citizen_id});
    if (!r.ok()) return r.take_error();
    if (!r->empty() && !r->front().IsNull(0)) return Error::Conflict("protection.account_deleted");
  }
  return Status::Ok();
}

Result<CaseRow> FindIn(Connection& c, int64_t id) {
  static const std::string sql = std::string(kCaseColumns) + "WHERE id = $1";
  auto r = c.QueryOne(sql, {id});
  if (!r.ok()) return r.take_error();
  return ReadCase(*r);
}

Result<CaseRow> FindForUpdate(Connection& c, int64_t id) {
  static const std::string sql = std::string(kCaseColumns) + "WHERE id = $1 FOR UPDATE";
  auto r = c.QueryOne(sql, {id});
  if (!r.ok()) return r.take_error();
  return ReadCase(*r);
}

Result<CaseRow> FindWhere(Database& db, const std::string& sql, const Params& p) {
  auto lease = db.Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(sql, p);
  if (!r.ok()) return r.take_error();
  return ReadCase(*r);
}

}  // namespace

Result<CaseRow> ProtectionStore::Create(CaseRow c, CaseActionRow first,
                                        const std::function<AuditEntry(const CaseRow&)>& audit,
                                        const WithinCaseWrite& within) {
  return InTransaction<CaseRow>(*db_, true, [&](Connection& conn) -> Result<CaseRow> {
    PEDULI_TRY(AccountNotDeleted(conn, c.reporter_account_id, c.citizen_id));
    auto row = conn.QueryOne(
        "INSERT INTO cases (tracking_number, mission_code, source, channel, category, priority, "
        "risk_flags, restricted, state, assignee_account_id, citizen_id, subject_name, "
        "subject_nik, subject_passport, subject_birth_date, country, location, employer, agency, "
        "phone, last_contact, summary, position, reporter_account_id, reporter_name, "
        "reporter_contact, reporter_relation, follow_hash, ip_hash, external_ref, due_at, "
        "escalation_level, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, "
        "$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, "
        "$27, $28, $29, $30, $31, 0, $32, $32) RETURNING id",
        {c.tracking_number, c.mission_code, c.source, c.channel, c.category, c.priority,
         c.risk_flags, static_cast<int64_t>(c.restricted ? 1 : 0), c.state,
         IdOrNull(c.assignee_account_id), IdOrNull(c.citizen_id), c.subject_name,
         TextOrNull(c.subject_nik), TextOrNull(c.subject_passport),
         TextOrNull(c.subject_birth_date), c.country, c.location, c.employer, c.agency, c.phone,
         c.last_contact, c.summary, c.position, IdOrNull(c.reporter_account_id), c.reporter_name,
         c.reporter_contact, c.reporter_relation, TextOrNull(c.follow_hash),
         TextOrNull(c.ip_hash), TextOrNull(c.external_ref), IdOrNull(c.due_at), c.created_at});
    if (!row.ok()) {
      if (row.error().code == Code::kConflict) return Error::Conflict("protection.tracking_taken");
      return row.take_error();
    }
    c.id = row->Int(0);
    c.updated_at = c.created_at;
    c.escalation_level = 0;  // as inserted
    PEDULI_TRY(MoveCaseCount(conn, nullptr, &c));
    first.case_id = c.id;
    PEDULI_TRY(InsertAction(conn, first));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(conn, audit(c)));
    if (within) PEDULI_TRY(within(conn, c));
    return c;
  });
}

Result<CaseRow> ProtectionStore::Find(int64_t id) {
  static const std::string sql = std::string(kCaseColumns) + "WHERE id = $1";
  return FindWhere(*db_, sql, {id});
}

Result<CaseRow> ProtectionStore::FindByTracking(const std::string& tracking_number) {
  static const std::string sql = std::string(kCaseColumns) + "WHERE tracking_number = $1";
  return FindWhere(*db_, sql, {tracking_number});
}

Result<CaseRow> ProtectionStore::FindByFollowHash(const std::string& follow_hash) {
  static const std::string sql = std::string(kCaseColumns) + "WHERE follow_hash = $1";
  return FindWhere(*db_, sql, {follow_hash});
}

Result<CaseRow> ProtectionStore::RecentOpen(int64_t account_id, const std::string& source,
                                            int64_t since) {
  static const std::string sql =
      std::string(kCaseColumns) +
      "WHERE reporter_account_id = $1 AND source = $2 AND created_at >= $3 "
      "AND state NOT IN ('resolved', 'closed') ORDER BY id DESC LIMIT 1";
  return FindWhere(*db_, sql, {account_id, source, since});
}

Result<std::vector<CaseActionRow>> ProtectionStore::Actions(int64_t case_id) {
  static const std::string sql = std::string(kActionColumns) + "WHERE case_id = $1 ORDER BY id";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, {case_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<CaseActionRow> out;
  for (const auto& r : *rows) out.push_back(ReadAction(r));
  return out;
}

namespace {

// The queue's query in one of four shapes: with or without a mission, open cases only or
// all. Each shape states its conditions plainly (no "$1 = '' OR ...") so the planner can walk
// the matching deadline-ordered index (migration 0025) and stop at the page's end.
const std::string& CaseListSql(bool by_mission, bool open_only) {
  auto make = [](bool mission, bool open) {
    // A missing deadline sorts last: COALESCE to the largest BIGINT.
    return std::string(kCaseColumns) + "WHERE " +
           (mission ? "mission_code = $1 " : "CAST($1 AS TEXT) = '' ") +
           (open ? "AND state NOT IN ('resolved', 'closed') " : "AND CAST($2 AS BIGINT) = 0 ") +
           "AND (CAST($3 AS TEXT) = '' OR state = $3) "
           "AND (CAST($4 AS TEXT) = '' OR category = $4) "
           "AND (CAST($5 AS TEXT) = '' OR priority = $5) "
           "AND (CAST($6 AS BIGINT) = 0 OR assignee_account_id = $6) "
           "AND escalation_level >= CAST($7 AS BIGINT) "
           "AND (COALESCE(due_at, 9223372036854775807), id) > (CAST($8 AS BIGINT), CAST($9 AS BIGINT)) "
           + (open ? std::string("AND CAST($2 AS BIGINT) = 1 ") : std::string()) +
           "ORDER BY COALESCE(due_at, 9223372036854775807), id LIMIT CAST($10 AS BIGINT)";
  };
  static const std::string shapes[4] = {make(false, false), make(false, true), make(true, false),
                                        make(true, true)};
  return shapes[(by_mission ? 2 : 0) + (open_only ? 1 : 0)];
}

}  // namespace

Result<std::vector<CaseRow>> ProtectionStore::List(const CaseFilter& f) {
  const std::string& sql = CaseListSql(!f.mission_code.empty(), f.open_only);
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  const int64_t min_level = std::max<int64_t>(f.min_escalation, f.escalated_only ? 1 : 0);
  // Before the first page: (after_due, after_id) = (smallest, 0).
  const int64_t after_due = f.after_id ? f.after_due : INT64_MIN;
  auto rows = (*lease)->Query(
      sql, {f.mission_code, static_cast<int64_t>(f.open_only ? 1 : 0), f.state, f.category,
            f.priority, f.assignee_account_id, min_level, after_due, f.after_id,
            static_cast<int64_t>(f.limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<CaseRow> out;
  for (const auto& r : *rows) out.push_back(ReadCase(r));
  return out;
}

Result<std::vector<CaseRow>> ProtectionStore::ByReporter(int64_t account_id, int limit) {
  static const std::string sql = std::string(kCaseColumns) +
                                 "WHERE reporter_account_id = $1 ORDER BY id DESC "
                                 "LIMIT CAST($2 AS BIGINT)";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, {account_id, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<CaseRow> out;
  for (const auto& r : *rows) out.push_back(ReadCase(r));
  return out;
}

Result<int64_t> ProtectionStore::CountPublicSince(const std::string& ip_hash, int64_t since) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM cases WHERE ip_hash = $1 AND created_at >= $2 AND source = 'public'",
      {ip_hash, since});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<int64_t> ProtectionStore::CountOpenForAccount(int64_t account_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return CountOpenForAccountIn(**lease, account_id);
}

Result<int64_t> ProtectionStore::CountOpenForAccountIn(Connection& c, int64_t account_id) {
  auto r = c.QueryOne(
      "SELECT COUNT(*) FROM cases WHERE state NOT IN ('resolved', 'closed') AND "
      "(reporter_account_id = $1 OR citizen_id IN (SELECT id FROM citizens WHERE account_id = $1))",
      {account_id});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<CaseRow> ProtectionStore::ApplyAction(int64_t case_id, CaseActionRow a,
                                             const CaseChange& ch, int64_t expected_updated_at,
                                             const AuditEntry* audit,
                                             const WithinCaseWrite& within) {
  return InTransaction<CaseRow>(*db_, true, [&](Connection& c) -> Result<CaseRow> {
    if (ch.citizen_id) PEDULI_TRY(AccountNotDeleted(c, 0, *ch.citizen_id));
    // PostgreSQL: the row is locked from this read on, so the counters move from what the
    // row really was (a concurrent write waits; SQLite serialises write transactions).
    auto before = c.dialect() == Dialect::kPostgres ? FindForUpdate(c, case_id) : FindIn(c, case_id);
    if (!before.ok()) return before.take_error();
    CaseRow after = *before;
    if (ch.state) after.state = *ch.state;
    if (ch.outcome) after.outcome = *ch.outcome;
    if (ch.assignee_account_id) after.assignee_account_id = *ch.assignee_account_id;
    if (ch.mission_code) after.mission_code = *ch.mission_code;
    if (ch.citizen_id) after.citizen_id = *ch.citizen_id;
    if (ch.due_at) after.due_at = *ch.due_at;
    if (ch.reset_escalation) after.escalation_level = 0;
    if (ch.category) after.category = *ch.category;
    if (ch.priority) after.priority = *ch.priority;
    if (ch.restricted) after.restricted = *ch.restricted;
    // Two writes in the same second must still be told apart: updated_at only grows.
    after.updated_at = std::max(a.created_at, before->updated_at + 1);
    // Compare-and-set on updated_at: of two officers acting on a stale page, one wins.
    auto updated = c.Query(
        "UPDATE cases SET state = $2, outcome = $3, assignee_account_id = $4, mission_code = $5, "
        "citizen_id = $6, due_at = $7, escalation_level = $8, updated_at = $9, category = $11, "
        "priority = $12, restricted = $13 "
        "WHERE id = $1 AND (CAST($10 AS BIGINT) = 0 OR updated_at = $10) RETURNING id",
        {case_id, after.state, TextOrNull(after.outcome), IdOrNull(after.assignee_account_id),
         after.mission_code, IdOrNull(after.citizen_id), IdOrNull(after.due_at),
         after.escalation_level, after.updated_at, expected_updated_at, after.category,
         after.priority, static_cast<int64_t>(after.restricted ? 1 : 0)});
    if (!updated.ok()) return updated.take_error();
    if (updated->empty()) return Error::Conflict("protection.changed");
    PEDULI_TRY(MoveCaseCount(c, &*before, &after));
    a.case_id = case_id;
    PEDULI_TRY(InsertAction(c, a));
    if (audit) PEDULI_TRY(AuditStore::AppendIn(c, *audit));
    if (within) PEDULI_TRY(within(c, after));
    return after;
  });
}

Result<std::vector<CaseRow>> ProtectionStore::Escalate(int64_t now,
                                                       int64_t (*grace_of)(const std::string&),
                                                       const WithinCaseWrite& within) {
  static const std::string sql =
      std::string(kCaseColumns) +
      "WHERE state NOT IN ('resolved', 'closed') AND due_at IS NOT NULL AND due_at < $1 "
      "AND escalation_level < 2 ORDER BY due_at, id LIMIT 1000";
  std::vector<CaseRow> candidates;
  {
    auto lease = db_->Acquire();
    if (!lease.ok()) return lease.take_error();
    auto rows = (*lease)->Query(sql, {now});
    if (!rows.ok()) return rows.take_error();
    for (const auto& r : *rows) candidates.push_back(ReadCase(r));
  }
  std::vector<CaseRow> raised;
  for (auto& cand : candidates) {
    const int64_t target = now >= cand.due_at + grace_of(cand.priority) ? 2 : 1;
    if (target <= cand.escalation_level) continue;
    auto r = InTransaction<bool>(*db_, true, [&](Connection& c) -> Result<bool> {
      // Once: only the server whose compare-and-set succeeds records the action.
      auto up = c.Query(
          "UPDATE cases SET escalation_level = $2 WHERE id = $1 AND escalation_level = $3 "
          "AND due_at = $4 AND state NOT IN ('resolved', 'closed') "
          "RETURNING mission_code, category, state, priority, restricted",
          {cand.id, target, cand.escalation_level, cand.due_at});
      if (!up.ok()) return up.take_error();
      if (up->empty()) return false;
      // The counted columns as the row is now (the candidate was read before this
      // transaction; only its level is known to be unchanged).
      CaseRow was;
      was.mission_code = up->front().Text(0);
      was.category = up->front().Text(1);
      was.state = up->front().Text(2);
      was.priority = up->front().Text(3);
      was.restricted = up->front().Int(4) != 0;
      was.escalation_level = cand.escalation_level;
      CaseRow now_row = was;
      now_row.escalation_level = target;
      PEDULI_TRY(MoveCaseCount(c, &was, &now_row));
      CaseActionRow a;
      a.case_id = cand.id;
      a.kind = "escalate";
      a.internal = true;
      a.body = target == 2 ? "hq" : "supervisor";
      a.actor_role = "system";
      a.created_at = now;
      PEDULI_TRY(InsertAction(c, a));
      if (within) {
        CaseRow raised_row = cand;
        raised_row.escalation_level = target;
        PEDULI_TRY(within(c, raised_row));
      }
      return true;
    });
    if (!r.ok()) return r.take_error();
    if (*r) {
      cand.escalation_level = target;
      raised.push_back(cand);
    }
  }
  return raised;
}

}  // namespace peduli::store
