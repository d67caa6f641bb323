#pragma once

#include <memory>
#include <string>

#include "store/db.h"

namespace peduli::store {

// PostgreSQL through libpq. `url` is a libpq connection URI.
Result<std::unique_ptr<Database>> OpenPostgres(const std::string& url, int pool_size);

}  // namespace peduli::store
