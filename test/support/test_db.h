#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/db.h"

namespace peduli::testing {

// The backends every storage and HTTP test runs on: "sqlite", and "postgres" when
// PEDULI_TEST_PG holds a libpq URL of a server where the user may create databases
// (scripts/test.sh starts one and always sets it).
std::vector<std::string> Backends();

// A fresh, migrated database of the given backend, deleted when the object dies.
class TestDatabase {
 public:
  explicit TestDatabase(const std::string& backend, int pool_size = 4);
  ~TestDatabase();
  store::Database& db() { return *db_; }
  // The URL the server under test is given (`--database`), or the SQLite file path.
  const std::string& url() const { return url_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string backend_, url_, dir_, pg_name_;
  std::unique_ptr<store::Database> db_;
};

// A new empty temporary directory.
std::string MakeTempDir();

}  // namespace peduli::testing
