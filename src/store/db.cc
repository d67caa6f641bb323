#include "store/db.h"

#include "store/postgres/pg_db.h"
#include "store/sqlite/sqlite_db.h"

namespace peduli::store {

const std::string& Row::Text(size_t i) const {
  static const std::string kEmpty;
  const auto& c = cols_.at(i);
  return c ? *c : kEmpty;
}

int64_t Row::Int(size_t i) const {
  const auto& c = cols_.at(i);
  if (!c || c->empty()) return 0;
  return std::stoll(*c);
}

Result<Row> Connection::QueryOne(std::string_view sql, const Params& params) {
  auto rows = Query(sql, params);
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return Error::NotFound();
  return std::move(rows->front());
}

Result<Database::Lease> PooledDatabase::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }
  ++open_;
  lock.unlock();
  auto c = OpenConnection();
  if (!c.ok()) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    return c.take_error();
  }
  return Lease(this, std::move(c.value()));
}

void PooledDatabase::Release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(c));
  cv_.notify_one();
}

Status InTransaction(Database& db, bool write, const std::function<Status(Connection&)>& fn) {
  auto r = InTransaction<bool>(db, write, [&](Connection& c) -> Result<bool> {
    PEDULI_TRY(fn(c));
    return true;
  });
  if (!r.ok()) return r.take_error();
  return Status::Ok();
}

bool Ping(Database& db) {
  auto lease = db.Acquire();
  return lease.ok() && (*lease)->Query("SELECT 1").ok();
}

Result<std::unique_ptr<Database>> Open(const std::string& url, int pool_size) {
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return OpenPostgres(url, pool_size);
  }
  return OpenSqlite(url, pool_size);
}

}  // namespace peduli::store
