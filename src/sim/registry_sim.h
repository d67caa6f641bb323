#pragma once

#include <condition_variable>
#include <functional>
#include <cstdint>
#include <map>
#include <mutex>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "demo/synthetic.h"
#include "http/message.h"
#include "http/router.h"
#include "sim/registry_rules.h"

namespace peduli::sim {

// Failure switches. Each registry request draws once from the seeded generator: it hangs
// with probability hang_rate, else answers 503 with error_rate, else a body that is not
// JSON with garbage_rate; every registry answer first waits slow_ms.
struct Mode {
  long slow_ms = 0;
  double error_rate = 0;
  double hang_rate = 0;
  double garbage_rate = 0;
};
nlohmann::json ToJson(const Mode& m);
// `m` with the keys present in `j` applied. kInvalid for unknown keys, a wrong type, a
// negative delay or a rate outside 0..1.
Result<Mode> ApplyMode(const nlohmann::json& j, Mode m);

struct SimOptions {
  std::string api_key;      // required as X-Api-Key when not empty (401 otherwise)
  uint64_t fault_seed = 1;  // the generator behind the failure switches
  Mode mode;
  long hang_ms = 120000;    // how long a hanging request waits before it answers
};

// The three registries over HTTP, on one port:
//   POST /dukcapil/v1/verify, POST /imigrasi/v1/passports/check,
//   POST /bp2mi/v1/placements/search (docs/integrations.md),
// and the simulator's own controls, without API key:
//   GET /_sim/health, GET|POST /_sim/mode, GET|DELETE /_sim/stats.
// Answers come from RegistryRules over `pop`. Request counts per system, per outcome and
// per NIK are kept in memory for /_sim/stats. Logs one JSON line per request, without
// personal data. Thread-safe; `pop` must outlive it.
class RegistrySim {
 public:
  RegistrySim(const demo::Population& pop, SimOptions options);

  // The handler for http::Server.
  http::Response Handle(http::Request& req);
  // Wakes every request that is hanging or slow: it answers 503 at once, and so does every
  // later one that would wait. Call before stopping the server.
  void Shutdown();

  Mode mode() const;
  void set_mode(const Mode& m);
  // {"requests":{"dukcapil":N,...},"outcomes":{"dukcapil":{"ok":N,...}},
  //  "by_nik":{"dukcapil":{"<nik>":N}}}
  nlohmann::json Stats() const;
  void ResetStats();

 private:
  enum class Fault { kNone, kHang, kError, kGarbage };
  using Answer = std::function<nlohmann::json(const nlohmann::json&)>;

  http::Response ServeRegistry(const std::string& system, http::Request& req, const Answer& answer);
  Fault DrawFault();
  // Waits `ms` unless shut down first; false when shut down.
  bool Wait(long ms);
  void Count(const std::string& system, const std::string& outcome, const std::string& nik);

  const std::string api_key_;
  const long hang_ms_;
  RegistryRules rules_;
  http::Router router_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stopping_ = false;
  Mode mode_;
  std::mt19937_64 rng_;
  std::map<std::string, uint64_t> requests_;
  std::map<std::string, std::map<std::string, uint64_t>> outcomes_;
  std::map<std::string, std::map<std::string, uint64_t>> by_nik_;
};

}  // namespace peduli::sim
