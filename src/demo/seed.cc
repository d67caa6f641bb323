#include "demo/seed.h"

#include "core/log.h"

namespace peduli::demo {

Status SeedIfEmpty(store::Database& db, accounts::AccountsService& accounts,
                   registry::RegistryService& registry, const reference::ReferenceService& ref,
                   int population) {
  {
    auto lease = db.Acquire();
    if (!lease.ok()) return lease.take_error();
    auto n = (*lease)->QueryOne("SELECT COUNT(*) FROM accounts");
    if (!n.ok()) return n.take_error();
    if (n->Int(0) > 0) return Status::Ok();
  }
  struct Demo {
    const char* email;
    const char* name;
    const char* role;
    const char* mission;
  };
  const Demo demo[] = {
      {kDemoCitizen, "Siti Nur'aini", "citizen", ""},
      {kDemoNewCitizen, "Budi Santoso", "citizen", ""},
      {kDemoOfficerKl, "Petugas KBRI Kuala Lumpur", "officer", "KBRI-KUALA-LUMPUR"},
      {kDemoOfficerJeddah, "Petugas KJRI Jeddah", "officer", "KJRI-JEDDAH"},
      {kDemoHq, "Direktorat PWNI", "hq", ""},
  };
  for (const auto& d : demo) {
    auto id = accounts.CreateVerified({d.email, kDemoPassword, d.name, "id"}, d.role, d.mission);
    if (!id.ok()) return id.take_error();
  }
  log::Info("demo_seeded", {{"accounts", std::size(demo)}});
  return Status::Ok();
}

}  // namespace peduli::demo
