#include "store/counter_store.h"

namespace peduli::store {
namespace {

// The claim with its record's latest stay's mission (the record belongs to that mission),
// and the claimant's account. A deleted record's claims are gone with it.
constexpr const char* kClaimSelect =
    "SELECT x.* FROM (SELECT d.id, d.nik, d.existing_citizen_id, d.claimant_account_id, "
    "d.created_at, d.resolved_at, d.resolution, "
    "(SELECT s.mission_code FROM stays s WHERE s.citizen_id = c.id "
    " ORDER BY s.started_at DESC, s.id DESC LIMIT 1) AS mission_code, "
    "c.registration_number, c.full_name, c.account_id, a.email, a.name, d.payload "
    "FROM duplicate_attempts d JOIN citizens c ON c.id = d.existing_citizen_id "
    "LEFT JOIN accounts a ON a.id = d.claimant_account_id "
    "WHERE c.status <> 'deleted') x ";

ClaimRow ReadClaim(const Row& r) {
  ClaimRow c;
  c.id = r.Int(0);
  c.nik = r.Text(1);
  c.existing_citizen_id = r.Int(2);
  c.claimant_account_id = r.Int(3);
  c.created_at = r.Int(4);
  c.resolved_at = r.Int(5);
  c.resolution = r.Text(6);
  c.mission_code = r.Text(7);
  c.registration_number = r.Text(8);
  c.existing_name = r.Text(9);
  c.existing_account_id = r.Int(10);
  c.claimant_email = r.Text(11);
  c.claimant_name = r.Text(12);
  c.payload = r.Text(13);
  return c;
}

constexpr const char* kDecisionColumns =
    "SELECT d.id, d.attempt_id, d.decision, d.undoes_id, d.note, d.identity_checked, "
    "d.actor_account_id, d.actor_mission, d.citizen_id, d.before_account_id, "
    "d.after_account_id, d.record_revision, d.created_at, "
    "(SELECT COUNT(*) FROM duplicate_decisions u WHERE u.undoes_id = d.id) "
    "FROM duplicate_decisions d ";

DecisionRow ReadDecision(const Row& r) {
  DecisionRow d;
  d.id = r.Int(0);
  d.attempt_id = r.Int(1);
  d.decision = r.Text(2);
  d.undoes_id = r.Int(3);
  d.note = r.Text(4);
  d.identity_checked = r.Int(5) != 0;
  d.actor_account_id = r.Int(6);
  d.actor_mission = r.Text(7);
  d.citizen_id = r.Int(8);
  d.before_account_id = r.Int(9);
  d.after_account_id = r.Int(10);
  d.record_revision = r.Int(11);
  d.created_at = r.Int(12);
  d.undone = r.Int(13) > 0;
  return d;
}

Value IdOrNull(int64_t id) { return id ? Value{id} : Null(); }

Result<int64_t> InsertDecision(Connection& c, const DecisionRow& d) {
  auto row = c.QueryOne(
      "INSERT INTO duplicate_decisions (attempt_id, decision, undoes_id, note, identity_checked, "
      "actor_account_id, actor_mission, citizen_id, before_account_id, after_account_id, "
      "record_revision, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
      "RETURNING id",
      {d.attempt_id, d.decision, IdOrNull(d.undoes_id), d.note,
       static_cast<int64_t>(d.identity_checked ? 1 : 0), d.actor_account_id,
       TextOrNull(d.actor_mission), d.citizen_id, IdOrNull(d.before_account_id),
       IdOrNull(d.after_account_id), IdOrNull(d.record_revision), d.created_at});
  if (!row.ok()) return row.take_error();
  return row->Int(0);
}

}  // namespace

Result<std::vector<ClaimRow>> CounterStore::ListClaims(const std::string& mission_code, bool open,
                                                       int limit) {
  static const std::string open_sql =
      std::string(kClaimSelect) +
      "WHERE x.resolved_at IS NULL AND (CAST($1 AS TEXT) = '' OR x.mission_code = $1) "
      "ORDER BY x.created_at, x.id LIMIT CAST($2 AS BIGINT)";
  static const std::string resolved_sql =
      std::string(kClaimSelect) +
      "WHERE x.resolved_at IS NOT NULL AND (CAST($1 AS TEXT) = '' OR x.mission_code = $1) "
      "ORDER BY x.resolved_at DESC, x.id DESC LIMIT CAST($2 AS BIGINT)";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(open ? open_sql : resolved_sql,
                              {mission_code, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<ClaimRow> out;
  for (const auto& r : *rows) out.push_back(ReadClaim(r));
  return out;
}

Result<ClaimRow> CounterStore::FindClaim(int64_t id) {
  static const std::string sql = std::string(kClaimSelect) + "WHERE x.id = $1";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(sql, {id});
  if (!r.ok()) return r.take_error();
  return ReadClaim(*r);
}

Result<std::vector<DecisionRow>> CounterStore::Decisions(int64_t attempt_id) {
  static const std::string sql = std::string(kDecisionColumns) + "WHERE d.attempt_id = $1 ORDER BY d.id";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, {attempt_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<DecisionRow> out;
  for (const auto& r : *rows) out.push_back(ReadDecision(r));
  return out;
}

Result<DecisionRow> CounterStore::Decide(DecisionRow d, const AuditEntry& audit) {
  return InTransaction<DecisionRow>(*db_, true, [&](Connection& c) -> Result<DecisionRow> {
    auto claim = c.QueryOne(
        "SELECT d.existing_citizen_id, d.claimant_account_id, c.account_id, c.revision "
        "FROM duplicate_attempts d JOIN citizens c ON c.id = d.existing_citizen_id "
        "WHERE d.id = $1 AND c.status <> 'deleted'",
        {d.attempt_id});
    if (!claim.ok()) return claim.take_error();
    d.citizen_id = claim->Int(0);
    const int64_t claimant = claim->Int(1);
    d.before_account_id = claim->Int(2);
    d.after_account_id = d.before_account_id;
    d.record_revision = claim->Int(3);
    // Compare-and-set: of two officers deciding at once, one wins.
    auto closed = c.Query(
        "UPDATE duplicate_attempts SET resolved_at = $2, resolution = $3 "
        "WHERE id = $1 AND resolved_at IS NULL RETURNING id",
        {d.attempt_id, d.created_at, d.decision});
    if (!closed.ok()) return closed.take_error();
    if (closed->empty()) return Error::Conflict("counter.already_decided");
    if (d.decision == "transfer") {
      auto has = c.Query("SELECT id FROM citizens WHERE account_id = $1", {claimant});
      if (!has.ok()) return has.take_error();
      if (!has->empty()) return Error::Conflict("counter.claimant_has_record");
      auto moved = c.Query(
          "UPDATE citizens SET account_id = $2 WHERE id = $1 AND COALESCE(account_id, 0) = $3 "
          "RETURNING id",
          {d.citizen_id, claimant, d.before_account_id});
      if (!moved.ok()) return moved.take_error();
      if (moved->empty()) return Error::Conflict("counter.already_decided");
      d.after_account_id = claimant;
    }
    auto id = InsertDecision(c, d);
    if (!id.ok()) return id.take_error();
    d.id = *id;
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    return d;
  });
}

Result<DecisionRow> CounterStore::Undo(int64_t attempt_id, int64_t actor_account_id,
                                       const std::string& actor_mission, int64_t now,
                                       const AuditEntry& audit) {
  static const std::string latest_sql =
      std::string(kDecisionColumns) +
      "WHERE d.attempt_id = $1 AND d.decision <> 'undo' AND NOT EXISTS "
      "(SELECT 1 FROM duplicate_decisions v WHERE v.undoes_id = d.id) ORDER BY d.id DESC LIMIT 1";
  return InTransaction<DecisionRow>(*db_, true, [&](Connection& c) -> Result<DecisionRow> {
    auto latest_rows = c.Query(latest_sql, {attempt_id});
    if (!latest_rows.ok()) return latest_rows.take_error();
    if (latest_rows->empty()) return Error::Conflict("counter.nothing_to_undo");
    const DecisionRow last = ReadDecision(latest_rows->front());
    if (last.decision == "transfer") {
      // The record goes back only if nothing happened to it or to either account since:
      // still the claimant's, not edited, and the previous account holds no other record.
      auto rec = c.QueryOne("SELECT account_id, revision, status FROM citizens WHERE id = $1",
                            {last.citizen_id});
      if (!rec.ok()) return rec.take_error();
      if (rec->Int(0) != last.after_account_id || rec->Int(1) != last.record_revision ||
          rec->Text(2) == "deleted") {
        return Error::Conflict("counter.undo_state_changed");
      }
      if (last.before_account_id) {
        auto other = c.Query(
            "SELECT 1 FROM citizens WHERE account_id = $1 UNION ALL "
            "SELECT 1 FROM accounts WHERE id = $1 AND deleted_at IS NOT NULL",
            {last.before_account_id});
        if (!other.ok()) return other.take_error();
        if (!other->empty()) return Error::Conflict("counter.undo_state_changed");
      }
      auto back = c.Query(
          "UPDATE citizens SET account_id = $2 WHERE id = $1 AND account_id = $3 RETURNING id",
          {last.citizen_id, IdOrNull(last.before_account_id), last.after_account_id});
      if (!back.ok()) return back.take_error();
      if (back->empty()) return Error::Conflict("counter.undo_state_changed");
    }
    auto reopened = c.Query(
        "UPDATE duplicate_attempts SET resolved_at = NULL, resolution = NULL "
        "WHERE id = $1 AND resolution = $2 RETURNING id",
        {attempt_id, last.decision});
    if (!reopened.ok()) return reopened.take_error();
    if (reopened->empty()) return Error::Conflict("counter.undo_state_changed");
    DecisionRow u;
    u.attempt_id = attempt_id;
    u.decision = "undo";
    u.undoes_id = last.id;
    u.actor_account_id = actor_account_id;
    u.actor_mission = actor_mission;
    u.citizen_id = last.citizen_id;
    u.before_account_id = last.after_account_id;
    u.after_account_id = last.before_account_id;
    u.created_at = now;
    auto id = InsertDecision(c, u);
    if (!id.ok()) return id.take_error();
    u.id = *id;
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    return u;
  });
}

}  // namespace peduli::store
