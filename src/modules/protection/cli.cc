#include "modules/protection/cli.h"

#include <iostream>

#include "store/db.h"
#include "store/migrate.h"
#include "store/protection_store.h"

namespace peduli::protection {
namespace {

std::unique_ptr<store::Database> OpenDb(const std::string& url, const char* what,
                                        std::ostream& err) {
  auto db = store::Open(url, 2);
  if (!db.ok()) {
    err << "protection counts " << what << ": cannot open the database: " << db.error().message
        << "\n";
    return nullptr;
  }
  if (auto s = store::Migrate(**db); !s.ok()) {
    err << "protection counts " << what << ": " << s.error().message << "\n";
    return nullptr;
  }
  return std::move(db.value());
}

}  // namespace

int RunCountsRebuild(const std::string& database_url, std::ostream& out, std::ostream& err) {
  auto db = OpenDb(database_url, "rebuild", err);
  if (!db) return 2;
  auto n = store::ProtectionStore(db.get()).RebuildCounts();
  if (!n.ok()) {
    err << "protection counts rebuild: " << n.error().message << "\n";
    return 2;
  }
  out << "protection counts rebuild: " << *n << " cases counted\n";
  return 0;
}

int RunCountsCheck(const std::string& database_url, std::ostream& out, std::ostream& err) {
  auto db = OpenDb(database_url, "check", err);
  if (!db) return 2;
  auto drift = store::ProtectionStore(db.get()).CheckCounts();
  if (!drift.ok()) {
    err << "protection counts check: " << drift.error().message << "\n";
    return 2;
  }
  for (const auto& d : *drift) {
    const auto& k = d.key;
    out << k.mission_code << " " << k.category << " " << k.state << " " << k.priority
        << " restricted=" << k.restricted << " level=" << k.escalation_level << ": stored "
        << d.stored << ", actual " << d.actual << "\n";
  }
  out << "protection counts check: " << drift->size() << " rows drifted\n";
  return drift->empty() ? 0 : 1;
}

}  // namespace peduli::protection
