// The only place that builds and wires objects.
#include <CLI/CLI.hpp>
#include <csignal>
#include <filesystem>
#include <iostream>

#include "adapters/mail/mailer.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "core/periodic.h"
#include "demo/seed.h"
#include "http/i18n.h"
#include "http/openapi.h"
#include "http/pipeline.h"
#include "http/server.h"
#include "modules/accounts/routes.h"
#include "modules/admin/routes.h"
#include "modules/accounts/second_factor.h"
#include "modules/accounts/sign_in_flow.h"
#include "modules/accounts/staff.h"
#include "store/second_factor_store.h"
#include "modules/reference/loader.h"
#include "modules/registry/routes.h"
#include "modules/audit/cli.h"
#include "modules/audit/routes.h"
#include "modules/search/routes.h"
#include "modules/console/routes.h"
#include "store/console_store.h"
#include "modules/counter/routes.h"
#include "modules/election/cli.h"
#include "modules/election/demo.h"
#include "modules/election/routes.h"
#include "modules/services/messages.h"
#include "modules/services/reminders.h"
#include "modules/services/routes.h"
#include "store/services_store.h"
#include "modules/stats/cli.h"
#include "modules/protection/cli.h"
#include "modules/stats/live.h"
#include "modules/stats/routes.h"
#include "store/stats_store.h"
#include "store/election_store.h"
#include "store/voter_store.h"
#include "store/counter_store.h"
#include "modules/verification/routes.h"
#include "modules/protection/escalation_job.h"
#include "modules/protection/notify.h"
#include "modules/protection/routes.h"
#include "modules/crisis/purge_job.h"
#include "modules/crisis/routes_safety.h"
#include "modules/crisis/routes.h"
#include "modules/outbox/outbox.h"
#include "store/crisis_store.h"
#include "store/outbox_store.h"
#include "store/safety_store.h"
#include "store/protection_store.h"
#include "modules/verification/worker.h"
#include "store/audit_store.h"
#include "store/search_store.h"
#include "store/verification_store.h"
#include "store/migrate.h"
#include "store/reference_store.h"

namespace peduli {
namespace {

void RegisterSystemRoutes(http::Router& r, store::Database* db, Metrics* metrics,
                          std::string base_url) {
  r.Get("/healthz", http::Access::kPublic, [db](http::Request&) {
    bool ok = store::Ping(*db);
    return http::Response::Json({{"status", ok ? "ok" : "database unavailable"}}, ok ? 200 : 503);
  }, "Liveness and database check");
  r.Get("/metrics", http::Access::kPublic, [metrics](http::Request&) {
    return http::Response::Text(metrics->Render(), "text/plain; version=0.0.4");
  }, "Prometheus metrics");
  // The document lists this very route too, so it is added before being rendered, and
  // rendered lazily from the finished router.
  r.Get("/api/v1/openapi.json", http::Access::kPublic, [&r, base_url](http::Request&) {
    static const std::string doc = http::OpenApiDocument(r, base_url).dump(2);
    return http::Response::Text(doc, "application/json");
  }, "This OpenAPI document");
}

int Serve(Config cfg) {
  log::Init(cfg.log_level);
  std::filesystem::create_directories(cfg.data_dir);
  const std::string assets = cfg.assets_dir.empty() ? PEDULI_SOURCE_DIR : cfg.assets_dir;

  auto db = store::Open(cfg.DatabaseUrl(), cfg.db_pool);
  if (!db.ok()) throw std::runtime_error("database: " + db.error().message);
  if (auto s = store::Migrate(**db); !s.ok()) throw std::runtime_error(s.error().message);
  auto ref = reference::LoadAndOpen(**db, assets);
  if (!ref.ok()) throw std::runtime_error("reference data: " + ref.error().message);

  SystemClock clock;
  // HQ's mission changes (versioned, each taking effect on a date): the reference service
  // serves the version in effect and polls for changes saved by other servers.
  store::MissionChangeStore mission_changes(db->get());
  if (auto s = (*ref)->AttachChanges(&mission_changes, [&clock] { return clock.NowUnix(); }); !s.ok()) {
    throw std::runtime_error("mission changes: " + s.error().message);
  }
  std::unique_ptr<mail::Mailer> mailer =
      cfg.smtp_url.empty()
          ? mail::MakeMaildirMailer(cfg.data_dir + "/mail", cfg.mail_from, &clock)
          : mail::MakeSmtpMailer({cfg.smtp_url, cfg.smtp_username, cfg.smtp_password,
                                  cfg.mail_from},
                                 &clock);
  store::AccountsStore accounts_store(db->get());
  store::RegistryStore registry_store(db->get());
  accounts::Options acc_opts;
  acc_opts.base_url = cfg.BaseUrl();
  accounts::AccountsService accounts(&accounts_store, mailer.get(), &clock, acc_opts);
  store::AuditStore audit_store(db->get());
  audit::AuditService audit(&audit_store, &clock);
  // Staff sign in with a second factor (accounts/sign_in_flow.h); staff accounts are managed.
  store::SecondFactorStore second_factor_store(db->get());
  accounts::SecondFactorService second_factor(&second_factor_store, &clock);
  accounts::SignInFlow sign_in(&accounts, &accounts_store, &second_factor, &audit, &clock);
  registry::RegistryService registry(&registry_store, ref->get(), &clock, &audit);
  Metrics metrics;

  // Registry checks: durable jobs, run by workers when the registries are configured.
  store::VerificationStore verification_store(db->get());
  auto client = [&](const std::string& url) {
    registries::ClientOptions o;
    o.base_url = url;
    o.api_key = cfg.registry_api_key;
    o.client_cert = cfg.registry_client_cert;
    o.client_key = cfg.registry_client_key;
    o.ca_file = cfg.registry_ca_file;
    o.timeout_ms = cfg.registry_timeout_ms;
    return o;
  };
  auto dukcapil = registries::MakeDukcapilClient(client(cfg.dukcapil_url), &metrics, &clock);
  auto imigrasi = registries::MakeImigrasiClient(client(cfg.imigrasi_url), &metrics, &clock);
  auto bp2mi = registries::MakeBp2miClient(client(cfg.bp2mi_url), &metrics, &clock);
  verification::WorkerOptions wopts;
  wopts.threads = cfg.verification_workers;
  wopts.retry_base_seconds = cfg.verification_retry_base_seconds;
  wopts.max_attempts = cfg.verification_max_attempts;
  wopts.lease_seconds = std::max<int64_t>(60, cfg.registry_timeout_ms * 3 / 1000 * 4);
  verification::Worker worker(&verification_store, &registry_store, dukcapil.get(),
                              imigrasi.get(), bp2mi.get(), &clock, &metrics, wopts);
  const bool registries_configured =
      !cfg.dukcapil_url.empty() && !cfg.imigrasi_url.empty() && !cfg.bp2mi_url.empty();
  registry.OnEnqueued([&worker] { worker.Wake(); });
  registry.EnableVerification(cfg.verification_enabled);
  store::EnableStatsCounters(cfg.stats_counters);  // issue 7: false for benchmarks only

  if (cfg.demo) {
    auto s = demo::SeedIfEmpty(**db, accounts, registry, **ref, 5000, &second_factor);
    if (!s.ok()) throw std::runtime_error("demo data: " + s.error().message);
  }

  http::Catalog catalog;
  catalog.Load(assets + "/i18n");
  http::Templates templates(assets + "/src", &catalog);
  http::Router router;
  const reference::ReferenceService* staff_refs = ref->get();
  auto open_mission = [staff_refs](const reference::Mission& m) {
    return !m.closed && m.type != "HQ";
  };
  accounts::StaffService staff(
      &accounts, &accounts_store, &second_factor, &audit, mailer.get(), &clock,
      [staff_refs, open_mission](const std::string& code) {
        const auto* m = staff_refs->FindMission(code);
        return m && open_mission(*m);
      });
  accounts::RegisterRoutes(
      router, {&accounts, &sign_in, &staff, &templates, cfg.secure_cookies,
               [staff_refs, open_mission] {
                 std::vector<http::Option> out;
                 for (const auto& m : staff_refs->Missions()) {
                   if (open_mission(m)) out.push_back({m.code, m.code + " · " + m.name});
                 }
                 return out;
               }});
  store::ConsoleStore console_store(db->get());  // review states: the console and the citizen
  registry::RoutesDeps deps{&registry, &accounts, &templates, cfg.BaseUrl(), &verification_store};
  deps.reviews = &console_store;
  registry::RegisterApiRoutes(router, deps);
  registry::RegisterWebRoutes(router, deps);
  verification::RegisterRoutes(router, {&verification_store, &registry_store, &audit, &templates,
                                        &clock, [&worker] { worker.Wake(); }});
  audit::RegisterRoutes(router, {&audit, &registry_store, &templates, ref->get()});
  admin::MissionAdmin mission_admin(ref->get(), &mission_changes, &audit, &clock);
  admin::RegisterRoutes(router, {&mission_admin, &templates});
  store::SearchStore search_store(db->get());
  const reference::ReferenceService* refs = ref->get();
  search::SearchService search(&search_store, [refs](const std::string& mission) {
    const auto* m = refs->FindMission(mission);
    return m ? m->country : std::string();
  });
  search::RegisterRoutes(router, {&search, &audit, &templates});
  // The officer console: work queue, search page, records with a purpose, decisions.
  if (auto added = console_store.Backfill(clock.NowUnix()); !added.ok()) {
    throw std::runtime_error("console: " + added.error().message);
  }
  console::ConsoleService console(&console_store, &audit, &clock);
  console::RoutesDeps console_deps{&console, &registry_store, &verification_store, &search,
                                   &audit, refs, &templates, &clock};
  console::RegisterWebRoutes(router, console_deps);
  console::RegisterApiRoutes(router, console_deps);
  // Duplicate-NIK claims decided by officers, and walk-in registration at the counter.
  store::CounterStore counter_store(db->get());
  counter::CounterService counter(&counter_store, &registry_store, &registry, &audit, &clock);
  counter::RegisterWebRoutes(router, {&counter, &templates, deps});
  counter::RegisterApiRoutes(router, {&counter, &templates, deps});
  // The overseas voter list (DPT LN, issue 8): versions per election and PPLN, exports.
  store::ElectionStore election_store(db->get());
  election::ElectionService elections(&election_store, &clock);
  if (cfg.demo) {
    if (auto s = election::SeedDemo(elections, clock.NowUnix()); !s.ok()) {
      throw std::runtime_error("demo election: " + s.error().message);
    }
  }
  election::RegisterRoutes(router, {&elections, &audit, &registry_store, refs, &templates});
  // Statistics (issue 7): counters kept by every registry write; dashboards, open data.
  store::StatsStore stats_store(db->get());
  stats::StatsService stats(&stats_store, &clock, cfg.stats_suppression_threshold);
  auto world_map = stats::WorldMap::Load(assets);
  if (!world_map.ok()) throw std::runtime_error(world_map.error().message);
  stats::RegisterRoutes(router, {&stats, &audit, refs, &templates, &*world_map, &clock,
                                 stats::kMaxLiveWaiters});
  // SQLite's writes leave their counter changes pending (migration 0035); they move into
  // the counter tables every stats_fold_ms (500). Reads are exact either way.
  PeriodicTask stats_fold;
  // Consular services (issue 5): catalog, applications, documents, deadlines, appointments.
  store::ServicesStore services_store(db->get());
  services::DocumentFiles service_files(cfg.data_dir + "/documents");
  services::ServicesService consular(&services_store, &registry_store, refs, &audit,
                                     &service_files, &clock);
  if (auto s = consular.EnsureSeed(assets + "/data/services.json"); !s.ok()) {
    throw std::runtime_error("service catalog: " + s.error().message);
  }
  // Staff reads are audited with the console session's purpose; issued documents carry a
  // QR code of /verify/dokumen/{code}.
  const services::RoutesDeps services_deps{&consular, &templates, &console, cfg.BaseUrl()};
  services::RegisterWebRoutes(router, services_deps);
  services::RegisterApiRoutes(router, services_deps);
  // Its outbox: an email per state change, retried with backoff (services/messages.h).
  services::MessageSender service_mail(&services_store, &consular, mailer.get(), &catalog, &clock,
                                       cfg.BaseUrl());
  service_mail.Start();
  // Reminders (passport expiring, appointment tomorrow), queued once each in that outbox.
  services::ReminderJob service_reminders(&services_store, refs, &clock);
  service_reminders.Start();
  // Protection cases (issue 6): reporting, the console's case queue, escalation on read
  // and every minute (protection::ProtectionService::EscalateOverdue).
  store::ProtectionStore protection_store(db->get());
  protection::ProtectionService protection(&protection_store, &registry_store, &search,
                                           &accounts_store, &audit, refs, &clock);
  protection::RegisterPublicRoutes(router, {&protection, &templates});
  protection::RegisterConsoleRoutes(router, {&protection, &templates});
  protection::RegisterApiRoutes(router, {&protection, &templates});
  protection::EscalationJob escalation_job(&protection, 60);
  // Deletion is refused while a protection case about the citizen is open (UU PDP).
  // Asked inside the anonymising transaction (issue 6 item 4): no case slips in between.
  registry.SetDeletionGuard([](store::Connection& c, int64_t account_id) -> Result<std::string> {
    auto n = store::ProtectionStore::CountOpenForAccountIn(c, account_id);
    if (!n.ok()) return n.take_error();
    return std::string(*n > 0 ? "protection.delete_refused_open_case" : "");
  });
  // Its actions: officers' facts, the citizen's method switch, postal ballots, coverage.
  store::VoterStore voter_store(db->get());
  election::VoterActions voter_actions(&voter_store, &election_store, &audit, &clock);
  const election::VoterRoutesDeps voter_deps{&elections, &voter_actions, &audit,
                                             &registry_store, refs, &templates, &clock};
  election::RegisterOfficerRoutes(router, voter_deps);
  election::RegisterBallotRoutes(router, voter_deps);
  election::RegisterCitizenVoterRoutes(router, voter_deps);
  // Crisis safety checks (issue 9, items 2-5): one-tap links signed with the deployment's
  // key (crisis_secrets), "need help" -> one urgent protection case, the call list, the close
  // and the purge after crisis_retention_days.
  store::SafetyStore safety_store(db->get());
  auto safety_key = crisis::SafetyService::LoadKey(safety_store, clock);
  if (!safety_key.ok()) throw std::runtime_error("safety key: " + safety_key.error().message);
  crisis::SafetyService safety(&safety_store, &protection, &audit, &clock,
                               crisis::SafetyTokens(*safety_key), cfg.BaseUrl(),
                               int64_t{cfg.crisis_retention_days} * 24 * 3600);
  crisis::AccountedService accounted(&safety);
  crisis::EvacuationService evacuation(&safety);
  const crisis::SafetyRoutesDeps safety_deps{&safety, &accounted, &evacuation, &templates, refs, &catalog,
                                             stats::kMaxLiveWaiters};
  crisis::RegisterSafetyWebRoutes(router, safety_deps);
  crisis::RegisterSafetyApiRoutes(router, safety_deps);
  crisis::PurgeJob purge_job(&safety, 3600);
  // Crisis alerts (issue 9, item 1) and the outbox every module's messages go through:
  // email by the mailer, SMS and WhatsApp by the text gateway (a JSON-lines stand-in under
  // <data_dir>/gateway), the citizen's in-portal inbox; rates per channel from the config.
  store::OutboxStore outbox_store(db->get());
  store::CrisisStore crisis_store(db->get());
  auto places = crisis::Places::Load(assets);
  if (!places.ok()) throw std::runtime_error(places.error().message);
  crisis::CrisisService crises(&crisis_store, &outbox_store, refs, &*places, &audit, &clock,
                               cfg.BaseUrl());
  crises.SetSafetyTokens(&safety.tokens());
  outbox::Renderers renderers;
  renderers.Register("crisis_alert", [&crises](const store::OutboxRow& row) {
    return crises.RenderAlert(row);
  });
  // Protection's messages (issue 6 item 6): the reporter, duty officers, referral receivers.
  protection::RegisterRenderers(renderers, &catalog, cfg.BaseUrl());
  auto text_gateway = outbox::MakeFileTextGateway(cfg.data_dir + "/gateway", &clock);
  outbox::Limits outbox_limits;
  outbox_limits.email = cfg.outbox_rate_email;
  outbox_limits.sms = cfg.outbox_rate_sms;
  outbox_limits.whatsapp = cfg.outbox_rate_whatsapp;
  outbox_limits.portal = cfg.outbox_rate_portal;
  outbox::Sender outbox_sender(&outbox_store, &renderers, mailer.get(), text_gateway.get(), &clock,
                               outbox_limits);
  crises.OnQueued([&outbox_sender] { outbox_sender.Wake(); });
  protection.OnQueued([&outbox_sender] { outbox_sender.Wake(); });
  crisis::RegisterAlertWebRoutes(router, {&crises, &outbox_store, &renderers, &templates});
  crisis::RegisterAlertApiRoutes(router, {&crises, &outbox_store, &renderers, &templates});
  outbox_sender.Start();
  RegisterSystemRoutes(router, db->get(), &metrics, cfg.BaseUrl());

  accounts::SessionAuthenticator auth(&accounts);
  http::PipelineOptions popts;
  popts.secure_cookies = cfg.secure_cookies;
  popts.static_files = {
      assets + "/web/node_modules/@picocss/pico/css/pico.min.css",
      assets + "/web/node_modules/htmx.org/dist/htmx.min.js",
      assets + "/src/http/static/app.css",
      assets + "/src/modules/protection/static/panic.js",  // the panic button's position
      // Statistics dashboard (issue 7): charts, the map and its data.
      assets + "/web/node_modules/uplot/dist/uPlot.iife.min.js",
      assets + "/web/node_modules/uplot/dist/uPlot.min.css",
      assets + "/web/node_modules/d3-array/dist/d3-array.min.js",
      assets + "/web/node_modules/d3-geo/dist/d3-geo.min.js",
      assets + "/web/node_modules/topojson-client/dist/topojson-client.min.js",
      assets + "/web/node_modules/world-atlas/countries-110m.json",
      assets + "/web/node_modules/i18n-iso-countries/codes.json",
      assets + "/src/modules/stats/static/stats.js",
      assets + "/src/modules/stats/static/stats.css",
      assets + "/src/modules/crisis/static/safety.js",  // live safety counts (issue 9)
      assets + "/src/modules/crisis/static/crisis_map.js",  // drawing an alert's area
      assets + "/src/modules/crisis/static/crisis_alerts.css",
  };
  http::Pipeline pipeline(&router, &auth, &templates, &metrics, popts);

  // Block the stop signals before the server's threads start, so they are delivered here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  http::Server server([&pipeline](http::Request& req) { return pipeline.Handle(req); },
                      {cfg.address, static_cast<unsigned short>(cfg.port),
                       static_cast<size_t>(cfg.threads),
                       std::max(popts.max_body_bytes, popts.max_upload_bytes)});
  server.Start();
  if (registries_configured && cfg.verification_workers > 0) worker.Start();
  escalation_job.Start();
  purge_job.Start();
  if (cfg.stats_fold_ms > 0) {
    stats_fold.Start(std::chrono::milliseconds(cfg.stats_fold_ms), [&stats_store] {
      if (auto r = stats_store.Fold(); !r.ok()) log::Warn("stats_fold_failed", {{"error", r.error().message}});
    });
  }
  log::Info("listening", {{"address", cfg.address}, {"port", cfg.port},
                          {"database", cfg.DatabaseUrl().rfind("postgres", 0) == 0 ? "postgresql" : "sqlite"},
                          {"demo", cfg.demo}});
  std::cout << "Peduli WNI: " << cfg.BaseUrl() << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  log::Info("stopping", {{"signal", sig}});
  server.Stop();
  stats::StopLive();  // its reads use the stores below
  stats_fold.Stop();
  worker.Stop();
  escalation_job.Stop();
  purge_job.Stop();
  outbox_sender.Stop();
  return 0;
}

}  // namespace
}  // namespace peduli

int main(int argc, char** argv) {
  using peduli::Config;
  peduli::crypto::Init();
  CLI::App app{"Peduli WNI: the portal for Indonesian citizens abroad"};
  app.require_subcommand(1);
  Config cfg;
  std::string config_file;
  Config flags;  // only to receive the flags; applied over file and environment
  auto* serve = app.add_subcommand("serve", "Serve the portal");
  serve->add_option("--config", config_file, "TOML settings file (also PEDULI_CONFIG)");
  auto* o_port = serve->add_option("--port", flags.port, "Port (8080)");
  auto* o_addr = serve->add_option("--address", flags.address, "Listen address (127.0.0.1)");
  auto* o_data = serve->add_option("--data", flags.data_dir, "Data directory (data-dev)");
  auto* o_db = serve->add_option("--database", flags.database,
                                 "postgresql://... (default: DATA/peduli.db, SQLite)");
  auto* o_demo = serve->add_flag("--demo", flags.demo, "Load the synthetic demo population into a new database");
  auto* o_base = serve->add_option("--base-url", flags.base_url, "Public URL for links in mail and receipts");
  auto* o_threads = serve->add_option("--threads", flags.threads, "HTTP worker threads (4)");
  auto* o_assets = serve->add_option("--assets", flags.assets_dir, "Repository root with templates, i18n, web/ and data/");
  auto* o_secure = serve->add_flag("--secure-cookies", flags.secure_cookies, "Mark cookies Secure (behind TLS)");
  std::string registries_url;
  auto* o_registries = serve->add_option(
      "--registries", registries_url,
      "Base URL of all three registries (the simulator): sets dukcapil_url, imigrasi_url and "
      "bp2mi_url to URL/dukcapil, URL/imigrasi and URL/bp2mi");
  auto* audit_cmd = app.add_subcommand("audit", "The audit log");
  audit_cmd->require_subcommand(1);
  auto* verify_cmd = audit_cmd->add_subcommand("verify", "Walk the hash chain; report the first broken link");
  std::string audit_db;
  verify_cmd->add_option("--database", audit_db, "postgresql://... or a SQLite file")->required();
  auto* election_cmd = app.add_subcommand("election", "The overseas voter list (DPT LN)");
  election_cmd->require_subcommand(1);
  std::string el_db, el_code, el_ppln, el_name, el_polling, el_cutoff, el_out;
  int64_t el_version = 0;
  bool el_printed = false;
  auto* el_create = election_cmd->add_subcommand("create", "Create an election");
  el_create->add_option("--code", el_code, "PEMILU-2029")->required();
  el_create->add_option("--name", el_name, "Name")->required();
  el_create->add_option("--polling-day", el_polling, "YYYY-MM-DD")->required();
  el_create->add_option("--cutoff", el_cutoff, "Last day to change method, YYYY-MM-DD")->required();
  el_create->add_option("--database", el_db, "postgresql://... or a SQLite file")->required();
  auto* el_generate = election_cmd->add_subcommand("generate", "Generate the next version of each PPLN's list");
  el_generate->add_option("--election", el_code, "Election code")->required();
  el_generate->add_option("--ppln", el_ppln, "Only this PPLN (mission code)");
  std::string el_rules;
  el_generate->add_option("--rules", el_rules, "JSON file of rule settings replacing the defaults");
  el_generate->add_option("--database", el_db, "postgresql://... or a SQLite file")->required();
  auto* el_export = election_cmd->add_subcommand(
      "export", "Write one version as CSV or XLSX (by extension); without --ppln, the whole "
                "list (every PPLN's latest version) as one CSV");
  el_export->add_option("--election", el_code, "Election code")->required();
  el_export->add_option("--ppln", el_ppln, "PPLN (mission code); omitted: every PPLN");
  el_export->add_option("--version", el_version, "Version number (default: the latest)");
  el_export->add_flag("--printed", el_printed, "The printed list: NIK masked");
  el_export->add_option("--out", el_out, "File (.csv or .xlsx)")->required();
  el_export->add_option("--database", el_db, "postgresql://... or a SQLite file")->required();
  auto* el_close = election_cmd->add_subcommand("close", "Close an election: no new versions");
  el_close->add_option("--election", el_code, "Election code")->required();
  el_close->add_option("--database", el_db, "postgresql://... or a SQLite file")->required();
  auto* el_purge = election_cmd->add_subcommand(
      "purge", "Remove the personal data from a closed election's versions");
  el_purge->add_option("--election", el_code, "Election code")->required();
  el_purge->add_option("--database", el_db, "postgresql://... or a SQLite file")->required();
  // Statistics counters (issue 7): recount from the base tables, or report drift.
  auto* stats_cmd = app.add_subcommand("stats", "Statistics counters");
  stats_cmd->require_subcommand(1);
  std::string stats_db;
  auto* stats_rebuild = stats_cmd->add_subcommand("rebuild", "Recompute the counters from the base tables");
  stats_rebuild->add_option("--database", stats_db, "postgresql://... or a SQLite file")->required();
  auto* stats_check = stats_cmd->add_subcommand("check", "Report counters that drifted (exit 1)");
  stats_check->add_option("--database", stats_db, "postgresql://... or a SQLite file")->required();
  // The HQ case dashboard's counters (issue 6): recount from the case table, or report drift.
  auto* prot_cmd = app.add_subcommand("protection", "Protection cases");
  prot_cmd->require_subcommand(1);
  auto* prot_counts = prot_cmd->add_subcommand("counts", "The HQ case dashboard's counters");
  prot_counts->require_subcommand(1);
  std::string prot_db;
  auto* prot_rebuild = prot_counts->add_subcommand("rebuild", "Recompute the counters from the case table");
  prot_rebuild->add_option("--database", prot_db, "postgresql://... or a SQLite file")->required();
  auto* prot_check = prot_counts->add_subcommand("check", "Report counters that drifted (exit 1)");
  prot_check->add_option("--database", prot_db, "postgresql://... or a SQLite file")->required();
  CLI11_PARSE(app, argc, argv);
  if (*prot_rebuild) return peduli::protection::RunCountsRebuild(prot_db, std::cout, std::cerr);
  if (*prot_check) return peduli::protection::RunCountsCheck(prot_db, std::cout, std::cerr);
  if (*stats_rebuild) return peduli::stats::RunRebuild(stats_db, std::cout, std::cerr);
  if (*stats_check) return peduli::stats::RunCheck(stats_db, std::cout, std::cerr);
  if (*verify_cmd) return peduli::audit::RunAuditVerify(audit_db);
  if (*el_create) {
    return peduli::election::RunCreate(el_db, el_code, el_name, el_polling, el_cutoff, std::cout,
                                       std::cerr);
  }
  if (*el_generate) {
    return peduli::election::RunGenerate(el_db, el_code, el_ppln, el_rules, std::cout, std::cerr);
  }
  if (*el_close) return peduli::election::RunClose(el_db, el_code, std::cout, std::cerr);
  if (*el_purge) return peduli::election::RunPurge(el_db, el_code, std::cout, std::cerr);
  if (*el_export) {
    return peduli::election::RunExport(el_db, el_code, el_ppln, el_version, el_printed, el_out,
                                       std::cout, std::cerr);
  }

  try {
    if (config_file.empty()) {
      if (const char* env = std::getenv("PEDULI_CONFIG")) config_file = env;
    }
    if (!config_file.empty()) {
      if (auto s = peduli::ApplyTomlFile(config_file, &cfg); !s.ok()) {
        std::cerr << s.error().message << "\n";
        return 2;
      }
    }
    if (auto s = peduli::ApplyEnvironment(&cfg); !s.ok()) {
      std::cerr << s.error().message << "\n";
      return 2;
    }
    if (*o_port) cfg.port = flags.port;
    if (*o_addr) cfg.address = flags.address;
    if (*o_data) cfg.data_dir = flags.data_dir;
    if (*o_db) cfg.database = flags.database;
    if (*o_demo) cfg.demo = true;
    if (*o_base) cfg.base_url = flags.base_url;
    if (*o_threads) cfg.threads = flags.threads;
    if (*o_assets) cfg.assets_dir = flags.assets_dir;
    if (*o_secure) cfg.secure_cookies = true;
    if (*o_registries) {
      cfg.dukcapil_url = registries_url + "/dukcapil";
      cfg.imigrasi_url = registries_url + "/imigrasi";
      cfg.bp2mi_url = registries_url + "/bp2mi";
    }
    return peduli::Serve(cfg);
  } catch (const std::exception& e) {
    std::cerr << "peduli: " << e.what() << "\n";
    return 1;
  }
}
