#pragma once

#include <memory>
#include <string>

#include "store/db.h"

namespace peduli::store {

// SQLite in WAL mode with synchronous=NORMAL and a busy timeout; foreign keys on.
Result<std::unique_ptr<Database>> OpenSqlite(const std::string& path, int pool_size);

}  // namespace peduli::store
