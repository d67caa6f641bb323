#include "support/sim_process.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "modules/reference/loader.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/reference_store.h"
#include "support/server_process.h"
#include "support/test_db.h"

extern char** environ;

namespace peduli::testing {

SimProcess::SimProcess(const std::vector<std::string>& extra_args, int port)
    : port_(port == 0 ? FreePort() : port) {
  url_ = "http://127.0.0.1:" + std::to_string(port_);
  log_ = MakeTempDir() + "/sim.log";
  const std::string exe = std::string(PEDULI_BINARY_DIR) + "/peduli-registry-sim";
  std::vector<std::string> args = {exe, "--port", std::to_string(port_), "--threads", "8"};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 1, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, log_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int rc = posix_spawn(&pid_, exe.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) throw std::runtime_error("cannot start " + exe);
  for (int i = 0; i < 300; ++i) {
    if (HttpCall("GET", url_ + "/_sim/health").status == 200) return;
    int st;
    if (waitpid(pid_, &st, WNOHANG) == pid_) {
      pid_ = -1;
      throw std::runtime_error("registry simulator exited at start: " + Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  Stop();
  throw std::runtime_error("registry simulator did not become healthy: " + Log());
}

SimProcess::~SimProcess() { Stop(); }

void SimProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int st;
  for (int i = 0; i < 100 && waitpid(pid_, &st, WNOHANG) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &st, 0);
  pid_ = -1;
}

void SimProcess::SetMode(const nlohmann::json& mode) {
  auto r = HttpCall("POST", url_ + "/_sim/mode", mode.dump(), {"Content-Type: application/json"});
  if (r.status != 200) throw std::runtime_error("sim mode refused: " + r.body);
}

nlohmann::json SimProcess::Stats() const {
  return nlohmann::json::parse(HttpCall("GET", url_ + "/_sim/stats").body);
}

void SimProcess::ResetStats() { HttpCall("DELETE", url_ + "/_sim/stats"); }

std::string SimProcess::Log() const {
  std::ifstream in(log_);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const demo::Population& TestPopulation() {
  struct Loaded {
    std::unique_ptr<store::Database> db;
    std::unique_ptr<reference::ReferenceService> ref;
    std::unique_ptr<demo::Population> pop;
  };
  static const Loaded* loaded = [] {
    auto* l = new Loaded;
    auto db = store::Open(":memory:", 1);
    if (!db.ok()) throw std::runtime_error(db.error().message);
    l->db = std::move(db.value());
    if (auto s = store::Migrate(*l->db); !s.ok()) throw std::runtime_error(s.error().message);
    auto ref = reference::LoadAndOpen(*l->db, PEDULI_SOURCE_DIR);
    if (!ref.ok()) throw std::runtime_error(ref.error().message);
    l->ref = std::move(ref.value());
    l->pop = std::make_unique<demo::Population>(*l->ref);
    return l;
  }();
  return *loaded->pop;
}

}  // namespace peduli::testing
