#include "store/search_store.h"

#include <algorithm>
#include <sstream>

#include "modules/search/names.h"

namespace peduli::store {
namespace {

std::vector<std::string> Tokens(const std::string& key) {
  std::vector<std::string> out;
  std::istringstream in(key);
  for (std::string t; in >> t;) out.push_back(t);
  return out;
}

bool IsKeyToken(const std::string& t) {
  return !t.empty() && std::all_of(t.begin(), t.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

// "KBRI-KUALA-LUMPUR" -> "_m_kbri_kuala_lumpur": one FTS5 token (tokenchars '_').
std::string MissionToken(const std::string& code) {
  std::string t = "_m_";
  for (char c : code) {
    if (c >= 'A' && c <= 'Z') {
      t.push_back(static_cast<char>(c - 'A' + 'a'));
    } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      t.push_back(c);
    } else {
      t.push_back('_');
    }
  }
  return t;
}

std::string FtsDoc(const std::string& name_key, const std::string& mission_code) {
  return mission_code.empty() ? name_key : name_key + " " + MissionToken(mission_code);
}

std::string CleanPassport(const std::string& p) {
  std::string out;
  for (char c : p) {
    if (c == ' ' || c == '-') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}


// The mission condition is repeated in every query even where the name index already
// filtered by mission: the jurisdiction must hold even if that index were stale.
const char* const kSqliteName =
    "SELECT s.citizen_id, c.full_name, s.nik, s.mission_code, s.status "
    "FROM citizen_name_fts CROSS JOIN citizen_search s CROSS JOIN citizens c "
    "WHERE citizen_name_fts MATCH $1 AND citizen_name_fts.rowid > $2 "
    "AND s.citizen_id = citizen_name_fts.rowid AND c.id = s.citizen_id "
    "AND ($3 = '' OR s.mission_code = $3) "
    "ORDER BY citizen_name_fts.rowid LIMIT $4";

// $1 is the longest token's pattern (it drives the trigram index); $2..$8 the others or ''.
const char* const kPostgresName =
    "SELECT s.citizen_id, c.full_name, s.nik, s.mission_code, s.status "
    "FROM citizen_search s JOIN citizens c ON c.id = s.citizen_id "
    "WHERE s.name_key ~ $1 AND ($2 = '' OR s.name_key ~ $2) AND ($3 = '' OR s.name_key ~ $3) "
    "AND ($4 = '' OR s.name_key ~ $4) AND ($5 = '' OR s.name_key ~ $5) "
    "AND ($6 = '' OR s.name_key ~ $6) AND ($7 = '' OR s.name_key ~ $7) "
    "AND ($8 = '' OR s.name_key ~ $8) "
    "AND s.citizen_id > $9 AND ($10 = '' OR s.mission_code = $10) "
    "ORDER BY s.citizen_id LIMIT $11";

const char* const kByNik =
    "SELECT s.citizen_id, c.full_name, s.nik, s.mission_code, s.status "
    "FROM citizen_search s JOIN citizens c ON c.id = s.citizen_id "
    "WHERE s.nik = $1 AND s.citizen_id > $2 AND ($3 = '' OR s.mission_code = $3) "
    "ORDER BY s.citizen_id LIMIT $4";
const char* const kByPassport =
    "SELECT s.citizen_id, c.full_name, s.nik, s.mission_code, s.status "
    "FROM citizen_search s JOIN citizens c ON c.id = s.citizen_id "
    "WHERE s.passport = $1 AND s.citizen_id > $2 AND ($3 = '' OR s.mission_code = $3) "
    "ORDER BY s.citizen_id LIMIT $4";
const char* const kByPhone =
    "SELECT s.citizen_id, c.full_name, s.nik, s.mission_code, s.status "
    "FROM citizen_search s JOIN citizens c ON c.id = s.citizen_id "
    "WHERE s.phone = $1 AND s.citizen_id > $2 AND ($3 = '' OR s.mission_code = $3) "
    "ORDER BY s.citizen_id LIMIT $4";

}  // namespace

std::string MaskNik(const std::string& nik) {
  if (nik.size() <= 10) {
    if (nik.size() <= 4) return std::string(nik.size(), '*');
    return std::string(nik.size() - 4, '*') + nik.substr(nik.size() - 4);
  }
  return nik.substr(0, 6) + std::string(nik.size() - 10, '*') + nik.substr(nik.size() - 4);
}

Status RemoveFromIndex(Connection& c, int64_t citizen_id) {
  PEDULI_TRY(c.Exec("DELETE FROM citizen_search WHERE citizen_id = $1", {citizen_id}));
  if (c.dialect() == Dialect::kSqlite) {
    PEDULI_TRY(c.Exec("DELETE FROM citizen_name_fts WHERE rowid = $1", {citizen_id}));
  }
  return Status::Ok();
}

Status SetIndexedStatus(Connection& c, int64_t citizen_id, const std::string& status) {
  return c.Exec("UPDATE citizen_search SET status = $2 WHERE citizen_id = $1",
                {citizen_id, status});
}

Status SetIndexedMission(Connection& c, int64_t citizen_id, const std::string& mission_code) {
  PEDULI_TRY(c.Exec("UPDATE citizen_search SET mission_code = $2 WHERE citizen_id = $1",
                    {citizen_id, TextOrNull(mission_code)}));
  if (c.dialect() != Dialect::kSqlite) return Status::Ok();
  // The FTS5 document carries the mission token: rewrite it from the stored name key.
  auto key = c.Query("SELECT name_key FROM citizen_search WHERE citizen_id = $1", {citizen_id});
  if (!key.ok()) return key.take_error();
  if (key->empty()) return Status::Ok();
  PEDULI_TRY(c.Exec("DELETE FROM citizen_name_fts WHERE rowid = $1", {citizen_id}));
  return c.Exec("INSERT INTO citizen_name_fts (rowid, doc) VALUES ($1, $2)",
                {citizen_id, FtsDoc((*key)[0].Text(0), mission_code)});
}

Status IndexCitizen(Connection& c, int64_t citizen_id, const std::string& name_key,
                    const std::string& nik, const std::string& passport,
                    const std::string& phone, const std::string& mission_code,
                    const std::string& status) {
  if (name_key.empty() || status == "deleted") return RemoveFromIndex(c, citizen_id);
  PEDULI_TRY(c.Exec(
      "INSERT INTO citizen_search (citizen_id, name_key, nik, passport, phone, mission_code, "
      "status) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (citizen_id) DO UPDATE SET "
      "name_key = excluded.name_key, nik = excluded.nik, passport = excluded.passport, "
      "phone = excluded.phone, mission_code = excluded.mission_code, status = excluded.status",
      {citizen_id, name_key, TextOrNull(nik), TextOrNull(CleanPassport(passport)),
       TextOrNull(phone), TextOrNull(mission_code), TextOrNull(status)}));
  if (c.dialect() == Dialect::kSqlite) {
    PEDULI_TRY(c.Exec("DELETE FROM citizen_name_fts WHERE rowid = $1", {citizen_id}));
    PEDULI_TRY(c.Exec("INSERT INTO citizen_name_fts (rowid, doc) VALUES ($1, $2)",
                      {citizen_id, FtsDoc(name_key, mission_code)}));
  }
  return Status::Ok();
}

Result<int64_t> Reindex(Database& db, int batch) {
  if (batch < 1) batch = 1;
  int64_t max_id = 0;
  {
    auto lease = db.Acquire();
    if (!lease.ok()) return lease.take_error();
    PEDULI_TRY(EnsureSearchSchema(**lease));
    auto r = (*lease)->QueryOne("SELECT COALESCE(MAX(id), 0) FROM citizens");
    if (!r.ok()) return r.take_error();
    max_id = r->Int(0);
  }
  int64_t indexed = 0;
  for (int64_t lo = 0; lo < max_id || lo == 0; lo += batch) {
    const int64_t hi = lo + batch;
    auto n = InTransaction<int64_t>(db, true, [&](Connection& c) -> Result<int64_t> {
      const bool sqlite = c.dialect() == Dialect::kSqlite;
      // Rows above the last citizen (none normally) go with the last batch.
      const int64_t upper = hi >= max_id ? INT64_MAX : hi;
      PEDULI_TRY(c.Exec("DELETE FROM citizen_search WHERE citizen_id > $1 AND citizen_id <= $2",
                        {lo, upper}));
      if (sqlite) {
        PEDULI_TRY(c.Exec("DELETE FROM citizen_name_fts WHERE rowid > $1 AND rowid <= $2",
                          {lo, upper}));
      }
      // The current stay, or with none the last one (the highest id).
      auto rows = c.Query(
          "SELECT c.id, c.full_name, c.nik, c.passport_number, c.status, s.phone, "
          "s.mission_code FROM citizens c LEFT JOIN stays s ON s.id = "
          "(SELECT MAX(x.id) FROM stays x WHERE x.citizen_id = c.id) "
          "WHERE c.id > $1 AND c.id <= $2 AND c.status <> 'deleted' "
          "AND c.full_name IS NOT NULL ORDER BY c.id",
          {lo, upper});
      if (!rows.ok()) return rows.take_error();
      int64_t count = 0;
      for (const Row& r : *rows) {
        std::string key = search::NameKey(r.Text(1));
        if (key.empty()) continue;
        PEDULI_TRY(IndexCitizen(c, r.Int(0), key, r.Text(2), r.Text(3), r.Text(5), r.Text(6),
                                r.Text(4)));
        ++count;
      }
      return count;
    });
    if (!n.ok()) return n.take_error();
    indexed += *n;
    if (hi >= max_id) break;
  }
  auto lease = db.Acquire();
  if (!lease.ok()) return lease.take_error();
  if ((*lease)->dialect() == Dialect::kSqlite) {
    // One b-tree per token instead of many segments: fewer pages read per query.
    PEDULI_TRY((*lease)->Exec("INSERT INTO citizen_name_fts (citizen_name_fts) VALUES ('optimize')"));
  } else {
    PEDULI_TRY((*lease)->Exec("ANALYZE citizen_search"));
  }
  return indexed;
}

Result<SearchPage> SearchStore::Search(const SearchQuery& q) {
  if (q.text.empty()) return Error::Invalid("q", "err.search.empty");
  const int limit = std::clamp(q.limit, 1, 100);
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& c = **lease;

  Result<Rows> rows = Rows{};
  if (q.kind == SearchQuery::kName) {
    std::vector<std::string> tokens = Tokens(q.text);
    if (tokens.empty() || tokens.size() > kMaxNameTokens ||
        !std::all_of(tokens.begin(), tokens.end(), IsKeyToken)) {
      return Error::Invalid("q", "err.search.name");
    }
    if (c.dialect() == Dialect::kSqlite) {
      std::string match;
      for (const auto& t : tokens) {
        if (!match.empty()) match += " AND ";
        match += "\"" + t + "\"*";
      }
      if (!q.mission_code.empty()) match += " AND \"" + MissionToken(q.mission_code) + "\"";
      rows = c.Query(kSqliteName, {match, q.after_id, q.mission_code, int64_t{limit + 1}});
    } else {
      std::stable_sort(tokens.begin(), tokens.end(),
                       [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
      Params p;
      for (int i = 0; i < kMaxNameTokens; ++i) {
        p.emplace_back(i < static_cast<int>(tokens.size()) ? "(^| )" + tokens[i] : std::string());
      }
      p.emplace_back(q.after_id);
      p.emplace_back(q.mission_code);
      p.emplace_back(int64_t{limit + 1});
      rows = c.Query(kPostgresName, p);
    }
  } else {
    const char* sql = q.kind == SearchQuery::kNik        ? kByNik
                      : q.kind == SearchQuery::kPassport ? kByPassport
                                                         : kByPhone;
    rows = c.Query(sql, {q.text, q.after_id, q.mission_code, int64_t{limit + 1}});
  }
  if (!rows.ok()) return rows.take_error();

  SearchPage page;
  for (const Row& r : *rows) {
    if (static_cast<int>(page.hits.size()) == limit) {
      page.next_after_id = page.hits.back().citizen_id;
      break;
    }
    page.hits.push_back({r.Int(0), r.Text(1), MaskNik(r.Text(2)), r.Text(3), r.Text(4)});
  }
  return page;
}

}  // namespace peduli::store
