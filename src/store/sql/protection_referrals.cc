// Referrals of protection cases (migration 0022) and the HQ dashboard's counts.
#include <algorithm>

#include "store/protection_store.h"

namespace peduli::store {
namespace {

constexpr const char* kReferralColumns =
    "SELECT id, case_id, from_mission, to_kind, to_mission, partner, partner_name, scope, "
    "consent, override_reason, reason, state, decision_note, link_hash, created_by, created_at, "
    "updated_at FROM case_referrals ";

ReferralRow ReadReferral(const Row& r) {
  ReferralRow x;
  x.id = r.Int(0);
  x.case_id = r.Int(1);
  x.from_mission = r.Text(2);
  x.to_kind = r.Text(3);
  x.to_mission = r.Text(4);
  x.partner = r.Text(5);
  x.partner_name = r.Text(6);
  x.scope = r.Text(7);
  x.consent = r.Int(8) != 0;
  x.override_reason = r.Text(9);
  x.reason = r.Text(10);
  x.state = r.Text(11);
  x.decision_note = r.Text(12);
  x.link_hash = r.Text(13);
  x.created_by = r.Int(14);
  x.created_at = r.Int(15);
  x.updated_at = r.Int(16);
  return x;
}

Value IdOrNullR(int64_t id) { return id ? Value{id} : Null(); }

Result<std::vector<ReferralRow>> QueryReferrals(Database& db, const std::string& sql,
                                                const Params& p) {
  auto lease = db.Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, p);
  if (!rows.ok()) return rows.take_error();
  std::vector<ReferralRow> out;
  for (const auto& r : *rows) out.push_back(ReadReferral(r));
  return out;
}

}  // namespace

Result<ReferralRow> ProtectionStore::CreateReferral(ReferralRow r, CaseActionRow a,
                                                    const AuditEntry& audit,
                                                    const WithinReferralWrite& within) {
  return InTransaction<ReferralRow>(*db_, true, [&](Connection& c) -> Result<ReferralRow> {
    auto row = c.QueryOne(
        "INSERT INTO case_referrals (case_id, from_mission, to_kind, to_mission, partner, "
        "partner_name, scope, consent, override_reason, reason, state, link_hash, created_by, "
        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
        "$14, $14) RETURNING id",
        {r.case_id, r.from_mission, r.to_kind, TextOrNull(r.to_mission), TextOrNull(r.partner),
         r.partner_name, r.scope, static_cast<int64_t>(r.consent ? 1 : 0),
         TextOrNull(r.override_reason), r.reason, r.state, TextOrNull(r.link_hash),
         IdOrNullR(r.created_by), r.created_at});
    if (!row.ok()) {
      if (row.error().code == Code::kConflict) return Error::Conflict("protection.referral.link_taken");
      return row.take_error();
    }
    r.id = row->Int(0);
    r.updated_at = r.created_at;
    a.case_id = r.case_id;
    a.referral_id = r.id;
    PEDULI_TRY(InsertCaseAction(c, a));
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    if (within) PEDULI_TRY(within(c, r));
    return r;
  });
}

Result<ReferralRow> ProtectionStore::FindReferral(int64_t id) {
  static const std::string sql = std::string(kReferralColumns) + "WHERE id = $1";
  auto rows = QueryReferrals(*db_, sql, {id});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return Error::NotFound();
  return rows->front();
}

Result<ReferralRow> ProtectionStore::FindReferralByLink(const std::string& link_hash) {
  static const std::string sql = std::string(kReferralColumns) + "WHERE link_hash = $1";
  auto rows = QueryReferrals(*db_, sql, {link_hash});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return Error::NotFound();
  return rows->front();
}

Result<std::vector<ReferralRow>> ProtectionStore::Referrals(int64_t case_id) {
  static const std::string sql = std::string(kReferralColumns) + "WHERE case_id = $1 ORDER BY id";
  return QueryReferrals(*db_, sql, {case_id});
}

Result<std::vector<ReferralRow>> ProtectionStore::IncomingReferrals(const std::string& to_mission,
                                                                    bool open_only, int limit) {
  static const std::string sql =
      std::string(kReferralColumns) +
      "WHERE to_mission IS NOT NULL AND (CAST($1 AS TEXT) = '' OR to_mission = $1) "
      "AND (CAST($2 AS BIGINT) = 0 OR state IN ('pending', 'accepted')) "
      "ORDER BY id DESC LIMIT CAST($3 AS BIGINT)";
  return QueryReferrals(*db_, sql,
                        {to_mission, static_cast<int64_t>(open_only ? 1 : 0),
                         static_cast<int64_t>(std::clamp(limit, 1, 500))});
}

Result<ReferralRow> ProtectionStore::MoveReferral(int64_t id, const std::string& from_state,
                                                  const std::string& to_state,
                                                  const std::string& note, CaseActionRow a,
                                                  const AuditEntry& audit,
                                                  const WithinReferralWrite& within) {
  return InTransaction<ReferralRow>(*db_, true, [&](Connection& c) -> Result<ReferralRow> {
    static const std::string find = std::string(kReferralColumns) + "WHERE id = $1";
    auto before = c.QueryOne(find, {id});
    if (!before.ok()) return before.take_error();
    ReferralRow r = ReadReferral(*before);
    const int64_t now = std::max(a.created_at, r.updated_at);
    // Compare-and-set on the state: of two decisions on the same referral, one wins.
    auto up = c.Query(
        "UPDATE case_referrals SET state = $2, decision_note = $3, updated_at = $4 "
        "WHERE id = $1 AND state = $5 RETURNING id",
        {id, to_state, TextOrNull(note), now, from_state});
    if (!up.ok()) return up.take_error();
    if (up->empty()) return Error::Conflict("protection.referral.changed");
    r.state = to_state;
    r.decision_note = note;
    r.updated_at = now;
    a.case_id = r.case_id;
    a.referral_id = r.id;
    PEDULI_TRY(InsertCaseAction(c, a));
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    if (within) PEDULI_TRY(within(c, r));
    return r;
  });
}

// ProtectionStore::Counts: src/store/sql/protection_counts.cc (counters, migration 0027).

}  // namespace peduli::store

namespace peduli::store {
namespace {

// detail is written by nlohmann::json::dump (no spaces): '"risks":[]' is an empty list.
constexpr const char* kRiskSelect =
    "SELECT v.citizen_id, COALESCE(c.full_name, ''), s.mission_code, v.state, v.detail, "
    "v.updated_at FROM verification_results v "
    "JOIN citizens c ON c.id = v.citizen_id "
    "JOIN stays s ON s.citizen_id = v.citizen_id AND s.ended_at IS NULL "
    "WHERE v.system = 'bp2mi' AND v.detail LIKE '%\"risks\":[%' "
    "AND v.detail NOT LIKE '%\"risks\":[]%' AND c.status <> 'deleted' "
    "AND NOT EXISTS (SELECT 1 FROM case_risk_reviews r WHERE r.citizen_id = v.citizen_id "
    "AND r.verdict_at >= v.updated_at) ";

RiskRow ReadRisk(const Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)};
}

}  // namespace

Result<std::vector<RiskRow>> ProtectionStore::RiskList(const std::string& mission, int limit) {
  static const std::string sql = std::string(kRiskSelect) +
                                 "AND (CAST($1 AS TEXT) = '' OR s.mission_code = $1) "
                                 "ORDER BY v.updated_at DESC, v.citizen_id LIMIT CAST($2 AS BIGINT)";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, {mission, static_cast<int64_t>(std::clamp(limit, 1, 500))});
  if (!rows.ok()) return rows.take_error();
  std::vector<RiskRow> out;
  for (const auto& r : *rows) out.push_back(ReadRisk(r));
  return out;
}

Result<RiskRow> ProtectionStore::FindRisk(int64_t citizen_id) {
  static const std::string sql = std::string(kRiskSelect) + "AND v.citizen_id = $1";
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(sql, {citizen_id});
  if (!r.ok()) return r.take_error();
  return ReadRisk(*r);
}

Status ProtectionStore::ReviewRisk(int64_t citizen_id, int64_t verdict_at,
                                   const std::string& outcome, const std::string& note,
                                   int64_t case_id, int64_t by, const std::string& mission,
                                   int64_t now, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    // Once per verdict: two officers reviewing at the same time, one wins (write lock /
    // the check-then-insert inside one serialised write on SQLite; PostgreSQL re-checks).
    auto seen = c.Query(
        "SELECT id FROM case_risk_reviews WHERE citizen_id = $1 AND verdict_at >= $2",
        {citizen_id, verdict_at});
    if (!seen.ok()) return seen.take_error();
    if (!seen->empty()) return Error::Conflict("protection.risk.changed");
    PEDULI_TRY(c.Exec(
        "INSERT INTO case_risk_reviews (citizen_id, verdict_at, outcome, note, case_id, "
        "reviewed_by, mission_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {citizen_id, verdict_at, outcome, note, IdOrNullR(case_id), by, mission, now}));
    return AuditStore::AppendIn(c, audit);
  });
}

}  // namespace peduli::store
