#include "modules/stats/cli.h"

#include <iostream>

#include "store/db.h"
#include "store/migrate.h"
#include "store/stats_store.h"

namespace peduli::stats {
namespace {

std::unique_ptr<store::Database> OpenDb(const std::string& url, const char* what,
                                        std::ostream& err) {
  auto db = store::Open(url, 2);
  if (!db.ok()) {
    err << "stats " << what << ": cannot open the database: " << db.error().message << "\n";
    return nullptr;
  }
  if (auto s = store::Migrate(**db); !s.ok()) {
    err << "stats " << what << ": " << s.error().message << "\n";
    return nullptr;
  }
  return std::move(db.value());
}

}  // namespace

int RunRebuild(const std::string& database_url, std::ostream& out, std::ostream& err) {
  auto db = OpenDb(database_url, "rebuild", err);
  if (!db) return 2;
  auto n = store::StatsStore(db.get()).Rebuild();
  if (!n.ok()) {
    err << "stats rebuild: " << n.error().message << "\n";
    return 2;
  }
  out << "stats rebuild: " << *n << " active stays counted\n";
  return 0;
}

int RunCheck(const std::string& database_url, std::ostream& out, std::ostream& err) {
  auto db = OpenDb(database_url, "check", err);
  if (!db) return 2;
  auto drift = store::StatsStore(db.get()).Check();
  if (!drift.ok()) {
    err << "stats check: " << drift.error().message << "\n";
    return 2;
  }
  for (const auto& c : drift->cells) {
    out << c.what << " " << c.key << ": stored " << c.stored << ", actual " << c.actual << "\n";
  }
  out << "stats check: " << drift->active << " active stays, " << drift->cells.size()
      << " cells drifted\n";
  return drift->ok() ? 0 : 1;
}

}  // namespace peduli::stats
