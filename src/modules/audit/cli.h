#pragma once

#include <iosfwd>
#include <string>

namespace peduli::audit {

// `peduli audit verify`: opens the database at `database_url` (a SQLite path or a
// postgresql:// URL), applies pending migrations, walks the audit chain and prints
// "ok: N entries" or "broken at id X: reason" to `out` (errors to `err`). Returns the exit
// code: 0 when the chain is whole, 1 when it is broken, 2 when the database failed.
int RunAuditVerify(const std::string& database_url, std::ostream& out, std::ostream& err);
// The same on std::cout / std::cerr.
int RunAuditVerify(const std::string& database_url);

}  // namespace peduli::audit
