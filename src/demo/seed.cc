#include "demo/seed.h"

#include "core/log.h"
#include "demo/synthetic.h"
#include "store/accounts_store.h"
#include "store/bulk_load.h"
#include "store/stats_store.h"
#include "store/search_store.h"

namespace peduli::demo {

Status SeedIfEmpty(store::Database& db, accounts::AccountsService& accounts,
                   registry::RegistryService& registry, const reference::ReferenceService& ref,
                   int population, accounts::SecondFactorService* second_factor) {
  auto n = store::AccountsStore(&db).Count();
  if (!n.ok()) return n.take_error();
  if (*n > 0) return Status::Ok();
  struct Demo {
    const char* email;
    const char* name;
    const char* role;
    const char* mission;
  };
  const Demo demo[] = {
      {kDemoCitizen, "Siti Nur'aini", "citizen", ""},
      {kDemoNewCitizen, "Budi Santoso", "citizen", ""},
      {kDemoNeighbour, "Rahmat Hidayat", "citizen", ""},
      {kDemoOfficerKl, "Petugas KBRI Kuala Lumpur", "officer", "KBRI-KUALA-LUMPUR"},
      {kDemoOfficerJeddah, "Petugas KJRI Jeddah", "officer", "KJRI-JEDDAH"},
      {kDemoHq, "Direktorat PWNI", "hq", ""},
      {kDemoDpo, "Petugas Pelindungan Data", "dpo", ""},
      {kDemoSupervisorKl, "Supervisor KBRI Kuala Lumpur", "supervisor", "KBRI-KUALA-LUMPUR"},
      {kDemoHqAdmin, "Administrator Pusat", "hq_admin", ""},
      {kDemoElectionKl, "PPLN Kuala Lumpur", "election", "KBRI-KUALA-LUMPUR"},
  };
  int64_t citizen_account = 0, neighbour_account = 0;
  for (const auto& d : demo) {
    auto id = accounts.CreateVerified({d.email, kDemoPassword, d.name, "id"}, d.role, d.mission);
    if (!id.ok()) return id.take_error();
    if (std::string(d.email) == kDemoCitizen) citizen_account = *id;
    if (std::string(d.email) == kDemoNeighbour) neighbour_account = *id;
    if (second_factor && std::string(d.role) != "citizen") {
      PEDULI_TRY(second_factor->EnrolKnownSecret(*id, kDemoTotpSecret));
    }
  }
  // Person 0 belongs to the demo citizen; persons 1..N have no account (as if registered
  // at a mission's counter), so the officers' views are not empty.
  Population people(ref);
  registry::LaporDiri own = people.Person(0);
  // The demo citizen lives in Kuala Lumpur, so KBRI Kuala Lumpur's demo officers serve them.
  own.stay.country = "MY";
  own.stay.subdivision = "MY-14";
  own.stay.city = "Kuala Lumpur";
  own.stay.phone = "+60 12-345 6789";
  auto mine = registry.Submit(citizen_account, own);
  if (!mine.ok()) return mine.take_error();
  // The neighbour: a person past the synthetic range, also in Kuala Lumpur.
  registry::LaporDiri next = people.Person(static_cast<uint64_t>(population) + 1);
  next.stay.country = "MY";
  next.stay.subdivision = "MY-14";
  next.stay.city = "Kuala Lumpur";
  next.stay.phone = "+60 12-765 4321";
  auto theirs = registry.Submit(neighbour_account, next);
  if (!theirs.ok()) return theirs.take_error();
  registry::ReferenceContext ctx(ref, kAsOf);
  std::vector<store::CitizenWrite> batch;
  const int64_t now = Date{2026, 11, 27}.DaysSinceEpoch() * 86400;
  for (int i = 1; i <= population; ++i) {
    auto w = people.Write(static_cast<uint64_t>(i), ctx, now - (population - i) * 60);
    if (!w.ok()) return w.take_error();
    batch.push_back(std::move(w.value()));
  }
  auto loaded = store::BulkLoadCitizens(db, batch);
  if (!loaded.ok()) return loaded.take_error();
  auto indexed = store::Reindex(db);
  if (!indexed.ok()) return indexed.take_error();
  // The bulk load bypasses the statistics hooks (issue 7): recount once at the end.
  if (auto counted = store::StatsStore(&db).Rebuild(); !counted.ok()) return counted.take_error();
  log::Info("demo_seeded", {{"accounts", std::size(demo)}, {"citizens", *loaded + 2}});
  return Status::Ok();
}

}  // namespace peduli::demo
