#pragma once

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"

namespace peduli::store {

// A bound parameter: NULL, an integer or text. Placeholders are $1..$n in both backends;
// the SQLite backend binds them by name (see STACK.md: binding by position swaps values).
using Value = std::variant<std::monostate, int64_t, std::string>;
using Params = std::vector<Value>;

inline Value Null() { return std::monostate{}; }
inline Value OptText(const std::optional<std::string>& s) {
  return s ? Value{*s} : Value{std::monostate{}};
}
// Empty text is stored as NULL.
inline Value TextOrNull(const std::string& s) { return s.empty() ? Value{} : Value{s}; }

// One result row, every column read as text (NULL as nullopt).
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cols) : cols_(std::move(cols)) {}
  bool IsNull(size_t i) const { return !cols_.at(i).has_value(); }
  // Text of column i; "" for NULL.
  const std::string& Text(size_t i) const;
  std::optional<std::string> OptText(size_t i) const { return cols_.at(i); }
  int64_t Int(size_t i) const;  // 0 for NULL
  size_t size() const { return cols_.size(); }

 private:
  std::vector<std::optional<std::string>> cols_;
};

using Rows = std::vector<Row>;

enum class Dialect { kSqlite, kPostgres };

// One database session. Not thread-safe: a connection is used by one thread at a time,
// leased from a Database.
class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs one statement with parameters and returns its rows (empty for statements without
  // RETURNING). A unique-constraint violation returns Code::kConflict whose message names
  // the constraint or index; a lost connection returns kUnavailable.
  virtual Result<Rows> Query(std::string_view sql, const Params& params = {}) = 0;
  // Runs several ';'-separated statements without parameters (migrations).
  virtual Status ExecScript(std::string_view sql) = 0;

  // `write` transactions take the write lock up front on SQLite (BEGIN IMMEDIATE), so two
  // writers never deadlock on lock upgrade.
  virtual Status Begin(bool write) = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;

  Status Exec(std::string_view sql, const Params& params = {}) {
    auto r = Query(sql, params);
    if (!r.ok()) return r.take_error();
    return Status::Ok();
  }
  // The rows the last INSERT, UPDATE or DELETE run by Query wrote (rows an ON CONFLICT DO
  // NOTHING skipped are not counted); unspecified after other statements.
  virtual int64_t Changes() const = 0;
  // Exec, and the number of rows it wrote.
  Result<int64_t> ExecCount(std::string_view sql, const Params& params = {}) {
    auto r = Query(sql, params);
    if (!r.ok()) return r.take_error();
    return Changes();
  }
  // The first row, or NotFound.
  Result<Row> QueryOne(std::string_view sql, const Params& params = {});
};

// A pool of connections to one database. Thread-safe.
class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;

  class Lease {
   public:
    Lease(Database* db, std::unique_ptr<Connection> c) : db_(db), c_(std::move(c)) {}
    Lease(Lease&&) = default;
    ~Lease() { if (c_) db_->Release(std::move(c_)); }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_.get(); }

   private:
    Database* db_;
    std::unique_ptr<Connection> c_;
  };

  // Blocks until a connection is free. Fails with kUnavailable if none can be opened.
  virtual Result<Lease> Acquire() = 0;

 protected:
  virtual void Release(std::unique_ptr<Connection> c) = 0;
};

// A Database that opens up to `max` connections on demand and reuses them.
class PooledDatabase : public Database {
 public:
  explicit PooledDatabase(int max) : max_(max < 1 ? 1 : max) {}
  Result<Lease> Acquire() override;

 protected:
  virtual Result<std::unique_ptr<Connection>> OpenConnection() = 0;
  void Release(std::unique_ptr<Connection> c) override;

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;
  const int max_;
};

// Runs `fn` inside a transaction on a leased connection: commits when it returns ok, rolls
// back otherwise. Nothing half-written survives a failure.
template <typename T>
Result<T> InTransaction(Database& db, bool write, const std::function<Result<T>(Connection&)>& fn) {
  auto lease = db.Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& c = **lease;
  if (auto s = c.Begin(write); !s.ok()) return s.take_error();
  Result<T> r = fn(c);
  if (!r.ok()) {
    c.Rollback();
    return r;
  }
  if (auto s = c.Commit(); !s.ok()) {
    c.Rollback();
    return s.take_error();
  }
  return r;
}

// Whether the database answers a trivial query (health checks).
bool Ping(Database& db);

// The same for a transaction that produces no value.
Status InTransaction(Database& db, bool write, const std::function<Status(Connection&)>& fn);

// Opens a database from a URL: "postgresql://..." or "postgres://..." selects PostgreSQL,
// anything else is a SQLite file path. `pool_size` bounds open connections.
Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size);

}  // namespace peduli::store
