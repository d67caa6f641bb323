#include "support/test_db.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "core/crypto.h"
#include "store/migrate.h"

namespace peduli::testing {
namespace {

void AdminExec(const std::string& sql) {
  PGconn* c = PQconnectdb(std::getenv("PEDULI_TEST_PG"));
  if (PQstatus(c) != CONNECTION_OK) {
    std::string m = PQerrorMessage(c);
    PQfinish(c);
    throw std::runtime_error("test postgres: " + m);
  }
  PGresult* r = PQexec(c, sql.c_str());
  bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
  std::string m = PQerrorMessage(c);
  PQclear(r);
  PQfinish(c);
  if (!ok) throw std::runtime_error("test postgres: " + m);
}

// Replaces the database name in a libpq URL: postgresql://u@h:p/db?x -> .../name?x
std::string WithDatabase(const std::string& url, const std::string& name) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme + 3);
  auto q = url.find('?', scheme + 3);
  std::string query = q == std::string::npos ? "" : url.substr(q);
  std::string base = slash == std::string::npos ? url.substr(0, q) : url.substr(0, slash);
  return base + "/" + name + query;
}

}  // namespace

std::vector<std::string> Backends() {
  std::vector<std::string> b = {"sqlite"};
  const char* pg = std::getenv("PEDULI_TEST_PG");
  if (pg && *pg) {
    b.push_back("postgres");
  } else if (const char* req = std::getenv("PEDULI_REQUIRE_PG"); req && *req == '1') {
    throw std::runtime_error("PEDULI_REQUIRE_PG=1 but PEDULI_TEST_PG is not set");
  }
  return b;
}

std::string MakeTempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "peduli-test-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

TestDatabase::TestDatabase(const std::string& backend, int pool_size) : backend_(backend) {
  crypto::Init();
  dir_ = MakeTempDir();
  if (backend == "postgres") {
    pg_name_ = "peduli_t_" + crypto::RandomToken(8);
    AdminExec("CREATE DATABASE " + pg_name_);
    url_ = WithDatabase(std::getenv("PEDULI_TEST_PG"), pg_name_);
  } else {
    url_ = dir_ + "/peduli.db";
  }
  auto db = store::Open(url_, pool_size);
  if (!db.ok()) throw std::runtime_error("open test db: " + db.error().message);
  db_ = std::move(db.value());
  auto s = store::Migrate(*db_);
  if (!s.ok()) throw std::runtime_error("migrate test db: " + s.error().message);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!pg_name_.empty()) {
    try {
      AdminExec("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    } catch (const std::exception&) {
    }
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

}  // namespace peduli::testing
