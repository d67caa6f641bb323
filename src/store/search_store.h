#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/db.h"

namespace peduli::store {

// Officers' search of citizens (issue 4). The index is the table citizen_search
// (migration 0007) plus a dialect-specific name index made by EnsureSearchSchema:
//  - SQLite: the FTS5 table citizen_name_fts, rowid = citizen id, one document per citizen:
//    its name key and a mission token "_m_<code>" (tokenchars '_', which name keys never
//    contain, so a name query can never match a mission token). A name query is
//    `"tok1"* AND "tok2"* [AND "_m_<code>"]`, read in rowid order from after_id.
//  - PostgreSQL: a pg_trgm GIN index on citizen_search.name_key; each query token is the
//    regular expression `(^| )tok`, the longest one driving the index.
// Both give the same answers: a citizen matches a name query when every query token is a
// prefix of some token of their name key (search::NameKey).

struct SearchQuery {
  enum Kind { kName, kNik, kPassport, kPhone };
  std::string mission_code;  // "" = all missions (HQ); otherwise the only mission returned
  Kind kind = kName;
  // Already normalised (modules/search/service.h): a name key of 1..kMaxNameTokens tokens,
  // NIK digits, passport upper case without spaces, phone E.164.
  std::string text;
  int64_t after_id = 0;  // keyset: hits have citizen_id > after_id, ascending
  int limit = 20;        // 1..100
};

inline constexpr int kMaxNameTokens = 8;

struct SearchHit {
  int64_t citizen_id = 0;
  std::string full_name;
  std::string nik_masked;  // first 6 and last 4 digits, "320101******0001"
  std::string mission_code;
  std::string status;
};

struct SearchPage {
  std::vector<SearchHit> hits;
  int64_t next_after_id = 0;  // pass as after_id for the next page; 0 when no more
};

// Creates the name index if missing: the FTS5 table on SQLite; the pg_trgm extension and
// the trigram GIN index on PostgreSQL (needs the right to CREATE EXTENSION, or pg_trgm
// installed beforehand). Idempotent; call after Migrate. An FTS5 table created here on a
// database that already has citizen_search rows is empty: run Reindex.
Status EnsureSearchSchema(Connection& c);

// Inserts or replaces one citizen's entry. Call inside the transaction that writes the
// citizen, after the write. `name_key` is search::NameKey(full_name); `passport` is stored
// upper case without spaces; `mission_code` is the current stay's. A citizen with an empty
// name key or status "deleted" is removed from the index instead.
Status IndexCitizen(Connection& c, int64_t citizen_id, const std::string& name_key,
                    const std::string& nik, const std::string& passport,
                    const std::string& phone, const std::string& mission_code,
                    const std::string& status);

// Sets the status of an indexed citizen (RegistryStore::Return: "returned"); the mission
// stays the last stay's. No-op for a citizen not in the index. Same transaction.
Status SetIndexedStatus(Connection& c, int64_t citizen_id, const std::string& status);

// Moves an indexed citizen to another mission's jurisdiction (a jurisdiction handed over on
// a date) without re-reading the record. No-op for a citizen not in the index. Same
// transaction as the move.
Status SetIndexedMission(Connection& c, int64_t citizen_id, const std::string& mission_code);

// Removes one citizen from the index (anonymisation). Call inside the same transaction.
Status RemoveFromIndex(Connection& c, int64_t citizen_id);

// Rebuilds the whole index from citizens and their current stay (or, with none, their last
// one), in transactions of `batch` citizens; anonymised citizens are left out. For existing
// data and after bulk loads. Returns the number of citizens indexed.
Result<int64_t> Reindex(Database& db, int batch = 5000);

// Reads the index. Thread-safe (leases a connection per call).
class SearchStore {
 public:
  explicit SearchStore(Database* db) : db_(db) {}

  // Hits in citizen_id order after query.after_id, at most query.limit. When
  // query.mission_code is not empty every hit belongs to that mission. Returns Invalid
  // ("q") for an empty text or a name of more than kMaxNameTokens tokens.
  Result<SearchPage> Search(const SearchQuery& query);

 private:
  Database* db_;
};

// "3201014101900001" -> "320101******0001"; shorter texts keep only their last 4 characters.
std::string MaskNik(const std::string& nik);

}  // namespace peduli::store
