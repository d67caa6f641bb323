// peduli-crisis-bench: the time to select a crisis's audience and queue its alert (issue 9).
//
//   peduli-gen --database /tmp/c1m.db --count 1000000 --accounts 1000
//   peduli-crisis-bench --database /tmp/c1m.db --country MY
//
// Migrates, writes an HQ crisis covering the whole of --country (or --subdivision, or a
// circle --lat/--lon/--radius-km), times the preview (a full audience pass, counts only) and
// the first send (for countries and subdivisions the database selects, places and scores the
// audience: one INSERT ... SELECT per part into crisis_people and per channel into the
// outbox, one transaction; a circle takes the server-side pass and batched inserts), and
// prints one JSON object. --no-preview skips the preview.
// Writes to the database: run it on a copy.
#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "modules/crisis/service.h"
#include "modules/reference/loader.h"
#include "store/audit_store.h"
#include "store/migrate.h"

int main(int argc, char** argv) {
  using namespace peduli;
  using Steady = std::chrono::steady_clock;
  CLI::App app{"Audience selection and queuing of a crisis alert"};
  std::string url, assets = PEDULI_SOURCE_DIR, country = "MY", subdivision;
  double lat = 0, lon = 0, radius = 0;
  bool no_preview = false;
  app.add_option("--database", url, "SQLite file path or postgresql:// URL")->required();
  app.add_option("--assets", assets, "Repository root (web/ and data/)");
  app.add_option("--country", country, "ISO alpha-2 country of the area ('' for none)");
  app.add_option("--subdivision", subdivision, "ISO 3166-2 subdivision instead");
  app.add_option("--lat", lat, "Circle centre latitude");
  app.add_option("--lon", lon, "Circle centre longitude");
  app.add_option("--radius-km", radius, "Circle radius (0: no circle)");
  app.add_flag("--no-preview", no_preview, "Skip the preview (a second full pass at 10M)");
  CLI11_PARSE(app, argc, argv);

  auto db = store::Open(url, 4);
  if (!db.ok()) return std::cerr << db.error().message << "\n", 1;
  auto m0 = Steady::now();  // 0029 indexes the current stays by country (once per database)
  if (auto s = store::Migrate(**db); !s.ok()) return std::cerr << s.error().message << "\n", 1;
  const double migrate_s = std::chrono::duration<double>(Steady::now() - m0).count();
  auto ref = reference::LoadAndOpen(**db, assets);
  if (!ref.ok()) return std::cerr << ref.error().message << "\n", 1;
  auto t0 = Steady::now();
  auto places = crisis::Places::Load(assets);
  if (!places.ok()) return std::cerr << places.error().message << "\n", 1;
  const double load_s = std::chrono::duration<double>(Steady::now() - t0).count();
  SystemClock clock;
  store::AuditStore audit_store(db->get());
  audit::AuditService audit(&audit_store, &clock);
  store::CrisisStore crises(db->get());
  store::OutboxStore outbox(db->get());
  crisis::CrisisService service(&crises, &outbox, ref->get(), &*places, &audit, &clock,
                                "http://127.0.0.1:8080");
  nlohmann::json area = {{"countries", nlohmann::json::array()},
                         {"subdivisions", nlohmann::json::array()}};
  if (!subdivision.empty()) area["subdivisions"].push_back(subdivision);
  else if (!country.empty()) area["countries"].push_back(country);
  if (radius > 0) area["circles"] = {{{"lat", lat}, {"lon", lon}, {"radius_km", radius}}};
  crisis::CrisisInput in{"danger", "Banjir", "Floods", "Hindari daerah rendah.",
                         "Avoid low-lying areas.", area.dump(), {}, true};
  const crisis::Context hq{{1, "hq", ""}, "127.0.0.1", "bench"};
  auto id = service.Create(hq, in);
  if (!id.ok()) return std::cerr << "create: " << id.error().message << "\n", 1;
  t0 = Steady::now();
  crisis::Reach reach;
  if (!no_preview) {
    auto r = service.Preview(hq, *id);
    if (!r.ok()) return std::cerr << "preview: " << r.error().message << "\n", 1;
    reach = std::move(*r);
  }
  const double preview_s = std::chrono::duration<double>(Steady::now() - t0).count();
  t0 = Steady::now();
  auto sent = service.Send(hq, *id);
  if (!sent.ok()) return std::cerr << "send: " << sent.error().message << "\n", 1;
  const double send_s = std::chrono::duration<double>(Steady::now() - t0).count();
  // The placement counts of the fixed audience, as the crisis page shows them.
  auto placed = crises.PeopleBy(*id, false);
  if (!placed.ok()) return std::cerr << "placed: " << placed.error().message << "\n", 1;
  std::cout << nlohmann::json{{"area", area},
                              {"migrate_s", migrate_s},
                              {"city_data_load_s", load_s},
                              {"preview_s", no_preview ? nlohmann::json() : nlohmann::json(preview_s)},
                              {"preview_audience", reach.total},
                              {"preview_by_placement", reach.by_placement},
                              {"sent_by_placement", *placed},
                              {"send_s", send_s},
                              {"crisis_people", sent->alert.audience},
                              {"outbox_rows_queued", sent->alert.queued}}
                   .dump(2)
            << "\n";
  return 0;
}
