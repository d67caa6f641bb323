#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace peduli::store {

// A message to queue (table outbox, migration 0020).
struct OutboxMessage {
  std::string channel;    // email, sms, whatsapp, portal
  std::string recipient;  // address, E.164 number, or account id (portal)
  std::string locale = "id";
  std::string kind;       // the renderer's name
  std::string ref;        // "crisis:12", "case:7"
  std::string payload = "{}";  // the renderer's input, JSON
  std::string dedup_key;  // unique: queuing the same key again is a no-op
  // What the text needs but the database keeps only until the message is sent or given up
  // (a partner's referral link token, migration 0026); "" for none.
  std::string secret;
};

struct OutboxRow {
  int64_t id = 0;
  OutboxMessage m;
  std::string state;  // queued, sent, failed
  int64_t attempts = 0;
  int64_t next_attempt_at = 0;
  std::string last_error;
  int64_t created_at = 0;
  int64_t sent_at = 0;
};

struct OutboxCounts {
  int64_t queued = 0, sent = 0, failed = 0;
};

class OutboxStore {
 public:
  explicit OutboxStore(Database* db) : db_(db) {}

  // Queues messages, skipping those whose dedup key is queued already; the number added.
  Result<int64_t> Enqueue(const std::vector<OutboxMessage>& messages, int64_t now);
  // The same inside a caller's transaction.
  static Result<int64_t> EnqueueIn(Connection& c, const std::vector<OutboxMessage>& messages,
                                   int64_t now);

  // Claims up to `limit` queued messages of `channel` that are due at `now`, for
  // `lease_seconds`: another server's lease skips them. Counts the attempt. With
  // `per_second_for_all`, `limit` is the channel's rate for every server together: the
  // claims of all servers within the second `now` add up to at most `limit` (outbox_rate).
  Result<std::vector<OutboxRow>> Lease(const std::string& channel, int64_t now,
                                       int64_t lease_seconds, int limit,
                                       bool per_second_for_all = false);
  Status MarkSent(int64_t id, int64_t now);
  // Back to the queue at `next_attempt_at`, or state failed when `give_up`.
  Status MarkFailed(int64_t id, int64_t next_attempt_at, const std::string& error, bool give_up);

  Result<OutboxCounts> CountsByRef(const std::string& ref);
  // A signed-in citizen's in-portal inbox: portal messages to the account, newest first.
  Result<std::vector<OutboxRow>> Inbox(int64_t account_id, int limit);

 private:
  Database* db_;
};

}  // namespace peduli::store
