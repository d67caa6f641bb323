#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/db.h"

namespace peduli::store {

// One entry of the append-only audit log. Text fields are "" when absent; ids are 0.
struct AuditEntry {
  int64_t id = 0;  // assigned by Append
  int64_t at = 0;  // Unix seconds, UTC
  int64_t actor_account_id = 0;
  std::string actor_role, actor_mission, action;
  int64_t citizen_id = 0;
  std::string record_ids;  // JSON array of other record ids, or ""
  std::string purpose, ip, request_id;
  std::string detail;      // JSON, or ""
  std::string prev_hash;   // set by Append
  std::string hash;        // set by Append
};

// The chain's first entry links to this.
inline const std::string kAuditGenesisHash(64, '0');

// SHA-256 hex over a length-prefixed serialisation of every field of `e` (id included)
// and e.prev_hash; e.hash itself is not part of it.
std::string AuditEntryHash(const AuditEntry& e);

struct AuditFilter {
  int64_t citizen_id = 0;        // 0: any
  int64_t actor_account_id = 0;  // 0: any
  std::string action;            // "": any
  int64_t from = 0;              // at >= from; 0: open
  int64_t to = 0;                // at < to; 0: open
  int64_t after_id = 0;          // keyset: entries with id > after_id, in id order
  int limit = 100;               // clamped to 1..1000
};

struct VerifyReport {
  bool ok = true;
  int64_t entries = 0;     // hashed entries checked
  int64_t unhashed = 0;    // rows before the first hashed one (written before the chain)
  int64_t broken_id = 0;   // the first entry whose link is broken
  std::string reason;      // why, in plain English (no personal data)
};

class AuditStore {
 public:
  explicit AuditStore(Database* db) : db_(db) {}

  // Appends `e` (its id, prev_hash and hash are ignored and assigned) in its own write
  // transaction. Errors: kUnavailable when the database is down.
  Status Append(const AuditEntry& e);
  // The same inside a caller's transaction on `c`, which must be a write transaction
  // (Begin(true)): the entry commits or rolls back with the caller's writes. On PostgreSQL
  // it locks the chain's head row until the caller's transaction ends, so keep it short.
  static Status AppendIn(Connection& c, const AuditEntry& e);

  // Entries matching `f` in id order, at most f.limit of them.
  Result<std::vector<AuditEntry>> Query(const AuditFilter& f);
  // A citizen's entries, newest first.
  Result<std::vector<AuditEntry>> ForCitizen(int64_t citizen_id, int limit);

  // Walks the whole chain in id order, a page at a time, up to the head as it was when the
  // walk began, and reports the first broken link: an entry whose contents do not match its
  // hash, whose prev_hash is not its predecessor's hash (an entry removed or changed before
  // it), a row without a hash after the first hashed one, or a head pointing past the last
  // entry (the newest entries removed). Only a database error is an error.
  Result<VerifyReport> Verify(int page_size = 1000);

 private:
  Database* db_;
};

}  // namespace peduli::store
