#include "store/audit_store.h"

#include <algorithm>
#include <cstdint>

#include "core/crypto.h"

namespace peduli::store {

namespace {

// The head row, locked until the transaction ends. SQLite has no FOR UPDATE; its write
// transaction (BEGIN IMMEDIATE) already excludes every other writer.
constexpr const char* kHeadForUpdatePg =
    "SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE";
constexpr const char* kHeadSqlite = "SELECT last_id, last_hash FROM audit_head WHERE id = 1";

constexpr const char* kInsert =
    "INSERT INTO audit_log (at, actor_account_id, actor_role, actor_mission, action, "
    "citizen_id, record_ids, purpose, ip, request_id, detail, prev_hash) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id";

// One text per leading index; the other filters are residual. CAST keeps PostgreSQL from
// inferring int4 for the parameters.
constexpr const char* kQueryByCitizen =
    "SELECT id, at, actor_account_id, actor_role, actor_mission, action, citizen_id, "
    "record_ids, purpose, ip, request_id, detail, prev_hash, hash FROM audit_log "
    "WHERE citizen_id = CAST($1 AS BIGINT) "
    "AND (CAST($2 AS BIGINT) = 0 OR actor_account_id = CAST($2 AS BIGINT)) "
    "AND (CAST($3 AS BIGINT) = 0 OR at >= CAST($3 AS BIGINT)) "
    "AND (CAST($4 AS BIGINT) = 0 OR at < CAST($4 AS BIGINT)) "
    "AND ($7 = '' OR action = $7) "
    "AND id > CAST($5 AS BIGINT) ORDER BY id LIMIT CAST($6 AS BIGINT)";
constexpr const char* kQueryByActor =
    "SELECT id, at, actor_account_id, actor_role, actor_mission, action, citizen_id, "
    "record_ids, purpose, ip, request_id, detail, prev_hash, hash FROM audit_log "
    "WHERE actor_account_id = CAST($2 AS BIGINT) AND CAST($1 AS BIGINT) = 0 "
    "AND (CAST($3 AS BIGINT) = 0 OR at >= CAST($3 AS BIGINT)) "
    "AND (CAST($4 AS BIGINT) = 0 OR at < CAST($4 AS BIGINT)) "
    "AND ($7 = '' OR action = $7) "
    "AND id > CAST($5 AS BIGINT) ORDER BY id LIMIT CAST($6 AS BIGINT)";
constexpr const char* kQueryAll =
    "SELECT id, at, actor_account_id, actor_role, actor_mission, action, citizen_id, "
    "record_ids, purpose, ip, request_id, detail, prev_hash, hash FROM audit_log "
    "WHERE CAST($1 AS BIGINT) = 0 AND CAST($2 AS BIGINT) = 0 "
    "AND (CAST($3 AS BIGINT) = 0 OR at >= CAST($3 AS BIGINT)) "
    "AND (CAST($4 AS BIGINT) = 0 OR at < CAST($4 AS BIGINT)) "
    "AND ($7 = '' OR action = $7) "
    "AND id > CAST($5 AS BIGINT) ORDER BY id LIMIT CAST($6 AS BIGINT)";

void Field(std::string& out, const std::string& s) {
  out += std::to_string(s.size());
  out += ':';
  out += s;
}

AuditEntry FromRow(const Row& r) {
  AuditEntry e;
  e.id = r.Int(0);
  e.at = r.Int(1);
  e.actor_account_id = r.Int(2);
  e.actor_role = r.Text(3);
  e.actor_mission = r.Text(4);
  e.action = r.Text(5);
  e.citizen_id = r.Int(6);
  e.record_ids = r.Text(7);
  e.purpose = r.Text(8);
  e.ip = r.Text(9);
  e.request_id = r.Text(10);
  e.detail = r.Text(11);
  e.prev_hash = r.Text(12);
  e.hash = r.Text(13);
  return e;
}

Value IdOrNull(int64_t id) { return id ? Value{id} : Null(); }

}  // namespace

std::string AuditEntryHash(const AuditEntry& e) {
  std::string s = "peduli-audit-v1|";
  for (int64_t n : {e.id, e.at, e.actor_account_id}) Field(s, std::to_string(n));
  Field(s, e.actor_role);
  Field(s, e.actor_mission);
  Field(s, e.action);
  Field(s, std::to_string(e.citizen_id));
  for (const std::string* f : {&e.record_ids, &e.purpose, &e.ip, &e.request_id, &e.detail,
                               &e.prev_hash}) {
    Field(s, *f);
  }
  return crypto::Sha256Hex(s);
}

Status AuditStore::AppendIn(Connection& c, const AuditEntry& in) {
  auto head = c.QueryOne(c.dialect() == Dialect::kPostgres ? kHeadForUpdatePg : kHeadSqlite);
  if (!head.ok()) {
    if (head.error().code == Code::kNotFound) return Error::Internal("audit_head row missing");
    return head.take_error();
  }
  AuditEntry e = in;
  e.prev_hash = head->IsNull(1) ? kAuditGenesisHash : head->Text(1);
  auto id = c.QueryOne(kInsert, {e.at, IdOrNull(e.actor_account_id), TextOrNull(e.actor_role),
                                 TextOrNull(e.actor_mission), e.action, IdOrNull(e.citizen_id),
                                 TextOrNull(e.record_ids), TextOrNull(e.purpose),
                                 TextOrNull(e.ip), TextOrNull(e.request_id),
                                 TextOrNull(e.detail), e.prev_hash});
  if (!id.ok()) return id.take_error();
  e.id = id->Int(0);
  // The hash covers the id, so it is written once the database has assigned it.
  e.hash = AuditEntryHash(e);
  PEDULI_TRY(c.Exec("UPDATE audit_log SET hash = $1 WHERE id = $2", {e.hash, e.id}));
  return c.Exec("UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1",
                {e.id, e.hash});
}

Status AuditStore::Append(const AuditEntry& e) {
  auto r = InTransaction<bool>(*db_, true, [&](Connection& c) -> Result<bool> {
    PEDULI_TRY(AppendIn(c, e));
    return true;
  });
  if (!r.ok()) return r.take_error();
  return Status::Ok();
}

Result<std::vector<AuditEntry>> AuditStore::Query(const AuditFilter& f) {
  const char* sql = f.citizen_id       ? kQueryByCitizen
                    : f.actor_account_id ? kQueryByActor
                                         : kQueryAll;
  int64_t limit = std::clamp(f.limit, 1, 1000);
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(sql, {f.citizen_id, f.actor_account_id, f.from, f.to,
                                    f.after_id, limit, f.action});
  if (!rows.ok()) return rows.take_error();
  std::vector<AuditEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<std::vector<AuditEntry>> AuditStore::ForCitizen(int64_t citizen_id, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, at, actor_account_id, actor_role, actor_mission, action, citizen_id, "
      "record_ids, purpose, ip, request_id, detail, prev_hash, hash FROM audit_log "
      "WHERE citizen_id = CAST($1 AS BIGINT) ORDER BY id DESC LIMIT CAST($2 AS BIGINT)",
      {citizen_id, int64_t{std::clamp(limit, 1, 1000)}});
  if (!rows.ok()) return rows.take_error();
  std::vector<AuditEntry> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(FromRow(r));
  return out;
}

Result<VerifyReport> AuditStore::Verify(int page_size) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& c = **lease;
  // The head first: entries appended while we walk lie beyond it and are left for next time.
  auto head = c.QueryOne("SELECT last_id, last_hash FROM audit_head WHERE id = 1");
  if (!head.ok()) {
    if (head.error().code == Code::kNotFound) return Error::Internal("audit_head row missing");
    return head.take_error();
  }
  const bool head_set = !head->IsNull(1);
  const int64_t head_id = head->Int(0);
  const std::string head_hash = head->Text(1);

  VerifyReport rep;
  auto broken = [&](int64_t id, std::string reason) {
    rep.ok = false;
    rep.broken_id = id;
    rep.reason = std::move(reason);
    return rep;
  };
  std::string expected_prev = kAuditGenesisHash;
  int64_t last_id = 0;
  int64_t after = 0;
  const int64_t page = std::clamp(page_size, 1, 10000);
  // Without a head no hashed entry may exist; walk to the end to prove it.
  const int64_t upto = head_set ? head_id : INT64_MAX;
  for (;;) {
    auto rows = c.Query(
        "SELECT id, at, actor_account_id, actor_role, actor_mission, action, citizen_id, "
        "record_ids, purpose, ip, request_id, detail, prev_hash, hash FROM audit_log "
        "WHERE id > CAST($1 AS BIGINT) AND id <= CAST($2 AS BIGINT) ORDER BY id "
        "LIMIT CAST($3 AS BIGINT)",
        {after, upto, page});
    if (!rows.ok()) return rows.take_error();
    for (const auto& r : *rows) {
      AuditEntry e = FromRow(r);
      after = e.id;
      if (r.IsNull(13)) {
        if (last_id == 0) {
          ++rep.unhashed;
          continue;
        }
        return broken(e.id, "entry has no hash after the chain began");
      }
      if (!head_set) return broken(e.id, "hashed entry but the chain head is empty");
      if (e.prev_hash != expected_prev) {
        return broken(e.id, last_id == 0
                                ? "first entry does not start from the genesis hash"
                                : "prev_hash does not match entry " + std::to_string(last_id) +
                                      " (an entry before it was removed or changed)");
      }
      if (AuditEntryHash(e) != e.hash) return broken(e.id, "contents do not match the hash");
      expected_prev = e.hash;
      last_id = e.id;
      ++rep.entries;
    }
    if (static_cast<int64_t>(rows->size()) < page) break;
  }
  if (head_set && (last_id != head_id || expected_prev != head_hash)) {
    return broken(head_id, last_id == head_id
                               ? "last entry does not match the chain head"
                               : "the chain head points at a missing entry (the newest "
                                 "entries were removed)");
  }
  return rep;
}

}  // namespace peduli::store
