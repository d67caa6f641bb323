// peduli-registry-sim: the project's simulator of Dukcapil, Imigrasi and BP2MI, serving
// their APIs (docs/integrations.md) over HTTP from the synthetic population.
//
//   peduli-registry-sim [--port 8090] [--address 127.0.0.1] [--assets DIR] [--seed S]
//                       [--api-key KEY] [--slow-ms N] [--error-rate R] [--hang-rate R]
//                       [--garbage-rate R] [--fault-seed S] [--hang-ms N] [--threads N]
//
// Base URLs for the portal: http://ADDRESS:PORT/dukcapil, /imigrasi and /bp2mi. --seed must
// be the seed the demo population was generated with (peduli-gen --seed), so that demo
// citizens and registry records agree. The failure switches can also be changed while it
// runs: POST /_sim/mode {"slow_ms":N,"error_rate":R,"hang_rate":R,"garbage_rate":R}.
// Stops on SIGINT or SIGTERM.
#include <CLI/CLI.hpp>

#include <csignal>
#include <iostream>

#include "core/crypto.h"
#include "core/log.h"
#include "demo/synthetic.h"
#include "http/server.h"
#include "modules/reference/loader.h"
#include "sim/registry_sim.h"
#include "store/migrate.h"
#include "store/reference_store.h"

namespace {

using namespace peduli;

[[noreturn]] void Fail(const std::string& what, const Error& e) {
  std::cerr << "peduli-registry-sim: " << what << ": " << e.message << "\n";
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Simulator of the Dukcapil, Imigrasi and BP2MI registries for Peduli WNI"};
  std::string address = "127.0.0.1", assets = PEDULI_SOURCE_DIR, log_level = "info";
  int port = 8090;
  size_t threads = 16;
  uint64_t seed = demo::kDefaultSeed;
  sim::SimOptions o;
  app.add_option("--port", port, "TCP port")->check(CLI::Range(1, 65535));
  app.add_option("--address", address, "Address to listen on");
  app.add_option("--assets", assets, "Directory holding web/ and data/ (reference sources)");
  app.add_option("--seed", seed, "Seed of the synthetic population (as given to peduli-gen)");
  app.add_option("--api-key", o.api_key, "Required X-Api-Key (none when empty)");
  app.add_option("--slow-ms", o.mode.slow_ms, "Delay before every registry answer")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--error-rate", o.mode.error_rate, "Share of requests answered 503")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--hang-rate", o.mode.hang_rate, "Share of requests that hang (--hang-ms)")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--garbage-rate", o.mode.garbage_rate, "Share of answers that are not JSON")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--fault-seed", o.fault_seed, "Seed of the failure switches' draws");
  app.add_option("--hang-ms", o.hang_ms, "How long a hanging request waits")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--threads", threads, "Server threads (a hanging request holds one)")
      ->check(CLI::Range(1, 256));
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, off");
  CLI11_PARSE(app, argc, argv);

  log::Init(log_level);
  crypto::Init();
  // Only the reference data is stored, in memory: the population is regenerated per request.
  auto db = store::Open(":memory:", 1);
  if (!db.ok()) Fail("database", db.error());
  if (auto s = store::Migrate(**db); !s.ok()) Fail("migrate", s.error());
  auto ref = reference::LoadAndOpen(**db, assets);
  if (!ref.ok()) Fail("reference data", ref.error());
  const demo::Population pop(**ref, seed);
  sim::RegistrySim sim(pop, o);

  // Block the stop signals before the server's threads start, so they are delivered here.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  http::Server server([&sim](http::Request& req) { return sim.Handle(req); },
                      {address, static_cast<unsigned short>(port), threads, 1 << 16});
  try {
    server.Start();
  } catch (const std::exception& e) {
    std::cerr << "peduli-registry-sim: " << e.what() << "\n";
    return 1;
  }
  const std::string base = "http://" + address + ":" + std::to_string(port);
  log::Info("listening", {{"address", address}, {"port", port}, {"seed", seed},
                          {"mode", sim::ToJson(o.mode)}, {"api_key", !o.api_key.empty()}});
  std::cout << "peduli-registry-sim: " << base << "/dukcapil " << base << "/imigrasi " << base
            << "/bp2mi" << std::endl;
  int sig = 0;
  sigwait(&stop, &sig);
  log::Info("stopping", {{"signal", sig}});
  sim.Shutdown();
  server.Stop();
  return 0;
}
