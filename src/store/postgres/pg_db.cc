#include "store/postgres/pg_db.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <string>
#include <unordered_map>

namespace peduli::store {
namespace {

constexpr const char* kUniqueViolation = "23505";

Error PgError(PGconn* conn, PGresult* res) {
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = PQerrorMessage(conn);
  if (state && std::string(state) == kUniqueViolation) {
    const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    return Error::Conflict(std::string("unique: ") + (constraint ? constraint : msg.c_str()));
  }
  if (PQstatus(conn) != CONNECTION_OK) return Error::Unavailable("postgres: " + msg);
  return Error::Internal("postgres: " + msg);
}

class PgConnection final : public Connection {
 public:
  explicit PgConnection(PGconn* c) : conn_(c) {}
  ~PgConnection() override { PQfinish(conn_); }
  Dialect dialect() const override { return Dialect::kPostgres; }
  int64_t Changes() const override { return changes_; }

  Result<Rows> Query(std::string_view sql, const Params& params) override {
    if (PQstatus(conn_) != CONNECTION_OK) {
      PQreset(conn_);
      prepared_.clear();
      if (PQstatus(conn_) != CONNECTION_OK) return Error::Unavailable("postgres: connection lost");
    }
    // Each distinct SQL text is prepared once per connection.
    std::string key(sql);
    auto it = prepared_.find(key);
    if (it == prepared_.end()) {
      std::string name = "s" + std::to_string(prepared_.size());
      PGresult* r = PQprepare(conn_, name.c_str(), key.c_str(), 0, nullptr);
      if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        Error e = PgError(conn_, r);
        PQclear(r);
        return e;
      }
      PQclear(r);
      it = prepared_.emplace(key, name).first;
    }
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (auto* n = std::get_if<int64_t>(&params[i])) {
        storage[i] = std::to_string(*n);
        values[i] = storage[i].c_str();
      } else if (auto* t = std::get_if<std::string>(&params[i])) {
        values[i] = t->c_str();
      }
    }
    PGresult* r = PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(params.size()),
                                 values.data(), nullptr, nullptr, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      Error e = PgError(conn_, r);
      PQclear(r);
      return e;
    }
    const char* changed = PQcmdTuples(r);  // "" for statements that write no rows
    changes_ = *changed ? std::strtoll(changed, nullptr, 10) : 0;
    Rows rows;
    int n = PQntuples(r), cols = PQnfields(r);
    rows.reserve(n);
    for (int i = 0; i < n; ++i) {
      std::vector<std::optional<std::string>> row;
      row.reserve(cols);
      for (int c = 0; c < cols; ++c) {
        if (PQgetisnull(r, i, c)) {
          row.emplace_back(std::nullopt);
        } else {
          row.emplace_back(std::string(PQgetvalue(r, i, c), PQgetlength(r, i, c)));
        }
      }
      rows.emplace_back(std::move(row));
    }
    PQclear(r);
    return rows;
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    PGresult* r = PQexec(conn_, text.c_str());
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
      Error e = PgError(conn_, r);
      PQclear(r);
      return e;
    }
    PQclear(r);
    return Status::Ok();
  }

  Status Begin(bool) override { return ExecScript("BEGIN"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  void Rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) (void)ExecScript("ROLLBACK");
  }

 private:
  PGconn* conn_;
  std::unordered_map<std::string, std::string> prepared_;
  int64_t changes_ = 0;
};

class PgDatabase final : public PooledDatabase {
 public:
  PgDatabase(std::string url, int pool) : PooledDatabase(pool), url_(std::move(url)) {}
  Dialect dialect() const override { return Dialect::kPostgres; }

 protected:
  Result<std::unique_ptr<Connection>> OpenConnection() override {
    PGconn* c = PQconnectdb(url_.c_str());
    if (PQstatus(c) != CONNECTION_OK) {
      std::string m = PQerrorMessage(c);
      PQfinish(c);
      return Error::Unavailable("postgres connect: " + m);
    }
    auto conn = std::make_unique<PgConnection>(c);
    auto s = conn->ExecScript("SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    if (!s.ok()) return s.take_error();
    return std::unique_ptr<Connection>(std::move(conn));
  }

 private:
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size) {
  auto db = std::make_unique<PgDatabase>(url, pool_size);
  auto probe = db->Acquire();
  if (!probe.ok()) return probe.take_error();
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace peduli::store
