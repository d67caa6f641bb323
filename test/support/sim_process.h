#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "demo/synthetic.h"

namespace peduli::testing {

// The real `peduli-registry-sim` executable started as a child process; stopped (SIGTERM,
// then SIGKILL) on destruction or Stop(). Its log goes to a file in a temporary directory.
class SimProcess {
 public:
  // On `port`, or a free port when 0. Throws std::runtime_error when it does not become
  // healthy within 30 s.
  explicit SimProcess(const std::vector<std::string>& extra_args = {}, int port = 0);
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  const std::string& url() const { return url_; }  // http://127.0.0.1:PORT
  int port() const { return port_; }
  // The base URL of one registry: "dukcapil", "imigrasi" or "bp2mi".
  std::string BaseUrl(const std::string& system) const { return url_ + "/" + system; }
  // POST /_sim/mode; throws when refused.
  void SetMode(const nlohmann::json& mode);
  // GET /_sim/stats, and DELETE /_sim/stats.
  nlohmann::json Stats() const;
  void ResetStats();
  void Stop();
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string url_, log_;
};

// The synthetic population on the real reference data, as the simulator builds it (seed
// demo::kDefaultSeed); loaded once per process.
const demo::Population& TestPopulation();

}  // namespace peduli::testing
