#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

namespace peduli::store {
namespace {

Error SqliteError(sqlite3* db, int rc) {
  int ext = sqlite3_extended_errcode(db);
  std::string msg = sqlite3_errmsg(db);
  if (ext == SQLITE_CONSTRAINT_UNIQUE || ext == SQLITE_CONSTRAINT_PRIMARYKEY) {
    return Error::Conflict("unique: " + msg);
  }
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return Error::Unavailable("sqlite busy: " + msg);
  return Error::Internal("sqlite: " + msg);
}

class SqliteConnection final : public Connection {
 public:
  explicit SqliteConnection(sqlite3* db) : db_(db) {}
  ~SqliteConnection() override {
    for (auto& [sql, p] : cache_) sqlite3_finalize(p.stmt);
    sqlite3_close_v2(db_);
  }
  Dialect dialect() const override { return Dialect::kSqlite; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    auto st = Prepare(sql);
    if (!st.ok()) return st.take_error();
    sqlite3_stmt* s = (*st)->stmt;
    // Parameters are bound by name ("$1"), whatever order they first appear in; the
    // number -> slot map was built once when the statement was prepared.
    const auto& slots = (*st)->slots;
    for (size_t i = 0; i < params.size(); ++i) {
      int idx = i < slots.size() ? slots[i] : 0;
      if (idx == 0) continue;
      const Value& v = params[i];
      int rc;
      if (std::holds_alternative<std::monostate>(v)) {
        rc = sqlite3_bind_null(s, idx);
      } else if (auto* n = std::get_if<int64_t>(&v)) {
        rc = sqlite3_bind_int64(s, idx, *n);
      } else {
        const auto& t = std::get<std::string>(v);
        rc = sqlite3_bind_text(s, idx, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK) {
        sqlite3_reset(s);
        return SqliteError(db_, rc);
      }
    }
    Rows rows;
    int cols = sqlite3_column_count(s);
    for (;;) {
      int rc = sqlite3_step(s);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        Error e = SqliteError(db_, rc);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return e;
      }
      std::vector<std::optional<std::string>> r;
      r.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        if (sqlite3_column_type(s, c) == SQLITE_NULL) {
          r.emplace_back(std::nullopt);
        } else {
          auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
          r.emplace_back(std::string(p, sqlite3_column_bytes(s, c)));
        }
      }
      rows.emplace_back(std::move(r));
    }
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    return rows;
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    char* err = nullptr;
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string m = err ? err : "unknown";
      sqlite3_free(err);
      return Error::Internal("sqlite: " + m);
    }
    return Status::Ok();
  }

  Status Begin(bool write) override {
    return ExecScript(write ? "BEGIN IMMEDIATE" : "BEGIN");
  }
  Status Commit() override { return ExecScript("COMMIT"); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) (void)ExecScript("ROLLBACK");
  }

 private:
  struct Prepared {
    sqlite3_stmt* stmt = nullptr;
    std::vector<int> slots;  // slots[n - 1] is the index of parameter "$n" (0: unused)
  };

  Result<const Prepared*> Prepare(std::string_view sql) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return &it->second;
    Prepared p;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &p.stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteError(db_, rc);
    for (int i = 1; i <= sqlite3_bind_parameter_count(p.stmt); ++i) {
      const char* name = sqlite3_bind_parameter_name(p.stmt, i);
      if (!name || name[0] != '$') continue;
      size_t n = std::strtoul(name + 1, nullptr, 10);
      if (n == 0) continue;
      if (p.slots.size() < n) p.slots.resize(n, 0);
      p.slots[n - 1] = i;
    }
    return &cache_.emplace(std::string(sql), std::move(p)).first->second;
  }

  sqlite3* db_;
  std::unordered_map<std::string, Prepared> cache_;
};

class SqliteDatabase final : public PooledDatabase {
 public:
  SqliteDatabase(std::string path, int pool) : PooledDatabase(pool), path_(std::move(path)) {}
  Dialect dialect() const override { return Dialect::kSqlite; }

 protected:
  Result<std::unique_ptr<Connection>> OpenConnection() override {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path_.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string m = db ? sqlite3_errmsg(db) : "out of memory";
      sqlite3_close_v2(db);
      return Error::Unavailable("sqlite open: " + m);
    }
    sqlite3_busy_timeout(db, 10000);
    sqlite3_extended_result_codes(db, 1);
    auto c = std::make_unique<SqliteConnection>(db);
    auto s = c->ExecScript(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000;");
    if (!s.ok()) return s.take_error();
    return std::unique_ptr<Connection>(std::move(c));
  }

 private:
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size) {
  auto db = std::make_unique<SqliteDatabase>(path, pool_size);
  auto probe = db->Acquire();  // fail fast on a bad path
  if (!probe.ok()) return probe.take_error();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace peduli::store
