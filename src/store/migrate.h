#pragma once

#include <string>
#include <vector>

#include "store/db.h"

namespace peduli::store {

struct Migration {
  std::string name;  // "0001_reference.sql"
  std::string sql;
};

// Compiled in from src/store/migrations/*.sql, in name order.
extern const std::vector<Migration> kMigrations;

// Applies the migrations not yet recorded in schema_migrations, each in its own
// transaction. The same SQL text runs on both backends, except for two tokens: `@ID@`
// becomes the dialect's auto-increment primary key, and `@WITHOUT_ROWID@` after a table
// keeps it in its primary key's B-tree on SQLite (nothing on PostgreSQL).
Status Migrate(Database& db);

}  // namespace peduli::store
