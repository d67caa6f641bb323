#include "store/sqlite/sqlite_db.h"

#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>
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
  int64_t Changes() const override { return sqlite3_changes64(db_); }

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

// Copies the WAL back into the database file once a second on a connection of its own.
// SQLite's automatic checkpoint runs inside the COMMIT of whichever writer pushed the WAL
// past 1,000 pages: after a large write (a crisis's first send at 10M queues millions of
// rows) the next request, maybe a citizen's Lapor Diri, paid seconds of copying. Writers
// therefore turn it off (wal_autocheckpoint=0, OpenConnection) and only append to the WAL;
// this thread does the copying. PASSIVE never waits for readers or writers. A writer only
// starts the WAL over when every frame is back and no reader still uses it, which a busy
// server never gives it: the WAL then grows without end (1.9 GB in 10 s of submits at 10M),
// every new frame extends the file, and each page look-up searches more of its index. Past
// kRestartFrames, RESTART therefore copies the few frames PASSIVE left, waits for readers to
// leave the WAL, and lets the next writer start it over. It holds new writers off while it
// runs, for kRestartWaitMs at most (then it gives up, as PASSIVE, until the next pass).
class Checkpointer {
 public:
  explicit Checkpointer(std::string path) : path_(std::move(path)) {
    if (path_ != ":memory:") thread_ = std::thread([this] { Run(); });
  }
  ~Checkpointer() {
    {
      std::lock_guard<std::mutex> l(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  static constexpr int kRestartFrames = 1000;
  static constexpr int kRestartWaitMs = 100;

  void Run() {
    sqlite3* db = nullptr;
    std::unique_lock<std::mutex> l(mu_);
    while (!cv_.wait_for(l, std::chrono::seconds(1), [this] { return stop_; })) {
      l.unlock();
      if (!db) db = Open();
      if (db) Pass(db);
      l.lock();
    }
    sqlite3_close_v2(db);
  }

  sqlite3* Open() const {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                        nullptr) != SQLITE_OK) {
      sqlite3_close_v2(db);  // not created yet (the first connection creates it): later
      return nullptr;
    }
    // Waits for the write lock and for readers to leave in 100 µs steps: SQLite's default
    // handler sleeps up to 100 ms at a time, far longer than either holds on.
    sqlite3_busy_handler(
        db,
        [](void*, int calls) {
          if (calls >= kRestartWaitMs * 10) return 0;
          std::this_thread::sleep_for(std::chrono::microseconds(100));
          return 1;
        },
        nullptr);
    return db;
  }

  static void Pass(sqlite3* db) {
    auto passive = [db](int* frames) {
      return sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, frames,
                                       nullptr) == SQLITE_OK;
    };
    int frames = -1;
    if (!passive(&frames)) return;
    if (frames < 0) {
      // A connection that has not read the file does not know it is in WAL mode: the
      // checkpoint did nothing (-1). A statement reads the header; the next pass copies.
      (void)sqlite3_exec(db, "PRAGMA journal_mode", nullptr, nullptr, nullptr);
      return;
    }
    if (frames < kRestartFrames) return;
    // RESTART holds writers off while it copies what is left and syncs the file, so first
    // copy, without blocking, what was appended during the last copy, until that is little.
    // Measured at 10M under a saturating submit load (75,000 frames a second): about 10,000
    // frames appended during the first copy, a few hundred during the second; the RESTART
    // itself then took 20 to 150 ms, mostly the sync.
    for (int round = 0; round < 4; ++round) {
      const int before = frames;
      if (!passive(&frames)) return;
      if (frames - before < kRestartFrames) break;
    }
    (void)sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
  }

  std::string path_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

class SqliteDatabase final : public PooledDatabase {
 public:
  SqliteDatabase(std::string path, int pool)
      : PooledDatabase(pool), path_(std::move(path)), checkpointer_(path_) {}
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
        "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-32000; PRAGMA wal_autocheckpoint=0;");
    if (!s.ok()) return s.take_error();
    return std::unique_ptr<Connection>(std::move(c));
  }

 private:
  std::string path_;
  Checkpointer checkpointer_;  // after path_: started from it
};

}  // namespace

Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size) {
  auto db = std::make_unique<SqliteDatabase>(path, pool_size);
  auto probe = db->Acquire();  // fail fast on a bad path
  if (!probe.ok()) return probe.take_error();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace peduli::store
