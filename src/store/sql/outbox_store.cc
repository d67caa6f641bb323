#include "store/outbox_store.h"

#include <algorithm>

namespace peduli::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, channel, recipient, locale, kind, ref, payload, dedup_key, state, attempts, "
    "next_attempt_at, last_error, created_at, sent_at, secret FROM outbox ";

OutboxRow Read(const Row& r) {
  OutboxRow o;
  o.id = r.Int(0);
  o.m.channel = r.Text(1);
  o.m.recipient = r.Text(2);
  o.m.locale = r.Text(3);
  o.m.kind = r.Text(4);
  o.m.ref = r.Text(5);
  o.m.payload = r.Text(6);
  o.m.dedup_key = r.Text(7);
  o.state = r.Text(8);
  o.attempts = r.Int(9);
  o.next_attempt_at = r.Int(10);
  o.last_error = r.Text(11);
  o.created_at = r.Int(12);
  o.sent_at = r.Int(13);
  o.m.secret = r.Text(14);
  return o;
}

}  // namespace

Result<int64_t> OutboxStore::EnqueueIn(Connection& c, const std::vector<OutboxMessage>& messages,
                                       int64_t now) {
  int64_t added = 0;
  for (const auto& m : messages) {
    auto r = c.Query(
        "INSERT INTO outbox (channel, recipient, locale, kind, ref, payload, dedup_key, state, "
        "attempts, next_attempt_at, created_at, secret) VALUES ($1, $2, $3, $4, $5, $6, $7, "
        "'queued', 0, $8, $8, $9) ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
        {m.channel, m.recipient, m.locale, m.kind, m.ref, m.payload, m.dedup_key, now,
         TextOrNull(m.secret)});
    if (!r.ok()) return r.take_error();
    added += static_cast<int64_t>(r->size());
  }
  return added;
}

Result<int64_t> OutboxStore::Enqueue(const std::vector<OutboxMessage>& messages, int64_t now) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) { return EnqueueIn(c, messages, now); });
}

Result<std::vector<OutboxRow>> OutboxStore::Lease(const std::string& channel, int64_t now,
                                                  int64_t lease_seconds, int limit,
                                                  bool per_second_for_all) {
  return InTransaction<std::vector<OutboxRow>>(
      *db_, true, [&](Connection& c) -> Result<std::vector<OutboxRow>> {
        // The second's budget, shared by every server: read under the row lock (PostgreSQL)
        // or the write lock (SQLite), charged below with what this claim took, in the same
        // transaction, so two servers never both spend the same messages.
        int64_t taken = 0;
        if (per_second_for_all) {
          PEDULI_TRY(c.Exec("INSERT INTO outbox_rate (channel, second, taken) VALUES ($1, $2, 0) "
                            "ON CONFLICT (channel, second) DO NOTHING",
                            {channel, now}));
          auto t = c.QueryOne(c.dialect() == Dialect::kPostgres
                                  ? "SELECT taken FROM outbox_rate WHERE channel = $1 AND "
                                    "second = $2 FOR UPDATE"
                                  : "SELECT taken FROM outbox_rate WHERE channel = $1 AND "
                                    "second = $2",
                              {channel, now});
          if (!t.ok()) return t.take_error();
          taken = t->Int(0);
          if (taken >= limit) return std::vector<OutboxRow>{};
          limit -= static_cast<int>(taken);
        }
        // Claimed by moving the lease out: a second server's UPDATE finds the row leased
        // (PostgreSQL re-checks the condition after the row lock; SKIP LOCKED lets it take
        // other rows instead of waiting).
        const std::string pick =
            c.dialect() == Dialect::kPostgres
                ? "SELECT id FROM outbox WHERE state = 'queued' AND channel = $3 "
                  "AND next_attempt_at <= $2 AND lease_until <= $2 ORDER BY next_attempt_at, id "
                  "LIMIT $4 FOR UPDATE SKIP LOCKED"
                : "SELECT id FROM outbox WHERE state = 'queued' AND channel = $3 "
                  "AND next_attempt_at <= $2 AND lease_until <= $2 ORDER BY next_attempt_at, id "
                  "LIMIT $4";
        // The pick is MATERIALIZED: as `id IN (subquery)`, PostgreSQL re-ran the subquery
        // while updating, and each run skipped the rows the last had locked and took others,
        // so one lease claimed every due row whatever the limit (OutboxRateTest).
        auto rows = c.Query(
            "WITH picked AS MATERIALIZED (" + pick +
                ") UPDATE outbox SET lease_until = $1, attempts = attempts + 1 WHERE id IN "
                "(SELECT id FROM picked) AND state = 'queued' AND lease_until <= $2 RETURNING "
                "id, channel, recipient, "
                "locale, kind, ref, payload, dedup_key, state, attempts, next_attempt_at, "
                "last_error, created_at, sent_at, secret",
            {now + lease_seconds, now, channel, static_cast<int64_t>(limit)});
        if (!rows.ok()) return rows.take_error();
        if (per_second_for_all && !rows->empty()) {
          PEDULI_TRY(c.Exec("UPDATE outbox_rate SET taken = taken + $3 WHERE channel = $1 AND "
                            "second = $2",
                            {channel, now, static_cast<int64_t>(rows->size())}));
          // Past seconds are of no use; one row per channel and busy second is all it keeps.
          PEDULI_TRY(c.Exec("DELETE FROM outbox_rate WHERE channel = $1 AND second < $2",
                            {channel, now - 60}));
        }
        std::vector<OutboxRow> out;
        for (const auto& r : *rows) out.push_back(Read(r));
        std::sort(out.begin(), out.end(), [](const OutboxRow& a, const OutboxRow& b) { return a.id < b.id; });
        return out;
      });
}

Status OutboxStore::MarkSent(int64_t id, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "UPDATE outbox SET state = 'sent', sent_at = $2, lease_until = 0, last_error = '', "
      "secret = NULL WHERE id = $1",
      {id, now});
}

Status OutboxStore::MarkFailed(int64_t id, int64_t next_attempt_at, const std::string& error,
                               bool give_up) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "UPDATE outbox SET state = $2, next_attempt_at = $3, lease_until = 0, last_error = $4, "
      "secret = CASE WHEN $2 = 'failed' THEN NULL ELSE secret END WHERE id = $1",
      {id, std::string(give_up ? "failed" : "queued"), next_attempt_at, error.substr(0, 500)});
}

Result<OutboxCounts> OutboxStore::CountsByRef(const std::string& ref) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query("SELECT state, COUNT(*) FROM outbox WHERE ref = $1 GROUP BY state", {ref});
  if (!rows.ok()) return rows.take_error();
  OutboxCounts out;
  for (const auto& r : *rows) {
    if (r.Text(0) == "queued") out.queued = r.Int(1);
    if (r.Text(0) == "sent") out.sent = r.Int(1);
    if (r.Text(0) == "failed") out.failed = r.Int(1);
  }
  return out;
}

Result<std::vector<OutboxRow>> OutboxStore::Inbox(int64_t account_id, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kColumns) +
                                  "WHERE channel = 'portal' AND recipient = $1 ORDER BY id DESC LIMIT $2",
                              {std::to_string(account_id), static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<OutboxRow> out;
  for (const auto& r : *rows) out.push_back(Read(r));
  return out;
}

}  // namespace peduli::store
