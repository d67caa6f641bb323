#include "modules/audit/cli.h"

#include <iostream>

#include "core/crypto.h"
#include "store/audit_store.h"
#include "store/db.h"
#include "store/migrate.h"

namespace peduli::audit {

int RunAuditVerify(const std::string& database_url, std::ostream& out, std::ostream& err) {
  crypto::Init();
  auto db = store::Open(database_url, 1);
  if (!db.ok()) {
    err << "audit verify: cannot open the database: " << db.error().message << "\n";
    return 2;
  }
  if (auto s = store::Migrate(**db); !s.ok()) {
    err << "audit verify: " << s.error().message << "\n";
    return 2;
  }
  store::AuditStore audit(db->get());
  auto rep = audit.Verify();
  if (!rep.ok()) {
    err << "audit verify: " << rep.error().message << "\n";
    return 2;
  }
  if (!rep->ok) {
    out << "broken at id " << rep->broken_id << ": " << rep->reason << "\n";
    return 1;
  }
  out << "ok: " << rep->entries << " entries";
  if (rep->unhashed) out << " (" << rep->unhashed << " earlier entries without hashes)";
  out << "\n";
  return 0;
}

int RunAuditVerify(const std::string& database_url) {
  return RunAuditVerify(database_url, std::cout, std::cerr);
}

}  // namespace peduli::audit
