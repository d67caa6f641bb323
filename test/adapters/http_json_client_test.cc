// The registries' shared HTTP client against a scripted in-process server: retries on 503
// and 429 then recovery, no retry on other 4xx, connection refused, bodies outside the
// contract, and the circuit breaker on a FixedClock.
#include "adapters/registries/http_json_client.h"

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <regex>
#include <thread>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "http/server.h"
#include "support/server_process.h"

namespace peduli::registries {
namespace {

using nlohmann::json;

uint64_t Calls(const Metrics& m, const std::string& system, const std::string& outcome) {
  std::regex re("peduli_external_call_duration_seconds_count\\{system=\"" + system +
                "\",outcome=\"" + outcome + "\"\\} ([0-9]+)");
  std::smatch match;
  const std::string text = m.Render();
  return std::regex_search(text, match, re) ? std::stoull(match[1]) : 0;
}

// An HTTP server in this process whose answer to the n-th request (from 1) comes from a
// script. Records the headers the client sent.
class ScriptedServer {
 public:
  using Script = std::function<http::Response(int n)>;

  explicit ScriptedServer(Script script)
      : script_(std::move(script)),
        port_(peduli::testing::FreePort()),
        server_([this](http::Request& r) { return Answer(r); },
                {"127.0.0.1", static_cast<unsigned short>(port_), 2, 1 << 16}) {
    server_.Start();
    for (int i = 0; i < 100; ++i) {
      if (peduli::testing::HttpCall("GET", url() + "/ready").status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw std::runtime_error("scripted server did not start");
  }
  ~ScriptedServer() { server_.Stop(); }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int requests() const { return requests_; }
  std::vector<std::string> request_ids() const {
    std::lock_guard lock(mu_);
    return request_ids_;
  }
  std::vector<std::string> api_keys() const {
    std::lock_guard lock(mu_);
    return api_keys_;
  }
  std::string last_body() const {
    std::lock_guard lock(mu_);
    return last_body_;
  }
  void set_script(Script s) {
    std::lock_guard lock(mu_);
    script_ = std::move(s);
  }

 private:
  http::Response Answer(http::Request& r) {
    if (r.method == "GET" && r.path == "/ready") return http::Response::Json({{"ok", true}});
    const int n = ++requests_;
    Script script;
    {
      std::lock_guard lock(mu_);
      request_ids_.push_back(r.Header("x-request-id").value_or(""));
      api_keys_.push_back(r.Header("x-api-key").value_or(""));
      last_body_ = r.body;
      script = script_;
    }
    return script(n);
  }

  mutable std::mutex mu_;
  Script script_;
  int port_;
  std::atomic<int> requests_{0};
  std::vector<std::string> request_ids_, api_keys_;
  std::string last_body_;
  http::Server server_;
};

http::Response Status503(int) { return http::Response::Json({{"error", "unavailable"}}, 503); }
http::Response Found(int) { return http::Response::Json({{"found", true}}); }

bool HasFound(const json& j) { return j.contains("found") && j["found"].is_boolean(); }

class HttpJsonClientTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::Init(); }
  ClientOptions Options(const std::string& url) {
    ClientOptions o;
    o.base_url = url;
    o.api_key = "kunci";
    o.timeout_ms = 2000;
    o.backoff_base_ms = 10;
    o.max_attempts = 3;
    return o;
  }
  peduli::testing::FixedClock clock_;
  Metrics metrics_;
};

TEST_F(HttpJsonClientTest, Retries503ThenSucceedsWithOneRequestId) {
  ScriptedServer server([](int n) { return n <= 2 ? Status503(n) : Found(n); });
  HttpJsonClient client("dukcapil", Options(server.url()), &metrics_, &clock_);
  json seen;
  Status s = client.Post("/v1/verify", {{"nik", "3273010101900001"}}, [&](const json& j) {
    seen = j;
    return HasFound(j);
  });
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(seen["found"], true);
  EXPECT_EQ(server.requests(), 3);
  auto ids = server.request_ids();
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_FALSE(ids[0].empty());
  EXPECT_EQ(ids[0], ids[1]);
  EXPECT_EQ(ids[1], ids[2]);
  for (const auto& k : server.api_keys()) EXPECT_EQ(k, "kunci");
  EXPECT_EQ(json::parse(server.last_body())["nik"], "3273010101900001");
  EXPECT_EQ(Calls(metrics_, "dukcapil", "http_5xx"), 2u);
  EXPECT_EQ(Calls(metrics_, "dukcapil", "ok"), 1u);
}

TEST_F(HttpJsonClientTest, Retries429) {
  ScriptedServer server([](int n) {
    return n == 1 ? http::Response::Json({{"error", "slow down"}}, 429) : Found(n);
  });
  HttpJsonClient client("bp2mi", Options(server.url()), &metrics_, &clock_);
  ASSERT_TRUE(client.Post("/x", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 2);
  EXPECT_EQ(Calls(metrics_, "bp2mi", "http_4xx"), 1u);
}

TEST_F(HttpJsonClientTest, BadRequestIsInvalidAndNotRetried) {
  ScriptedServer server([](int) { return http::Response::Json({{"error", "invalid_field"}}, 400); });
  HttpJsonClient client("dukcapil", Options(server.url()), &metrics_, &clock_);
  Status s = client.Post("/v1/verify", json::object(), HasFound);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kInvalid);
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(HttpJsonClientTest, UnauthorizedIsUnavailableAndNotRetried) {
  ScriptedServer server([](int) { return http::Response::Json({{"error", "unauthorized"}}, 401); });
  HttpJsonClient client("imigrasi", Options(server.url()), &metrics_, &clock_);
  Status s = client.Post("/v1/passports/check", json::object(), HasFound);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kUnavailable);
  EXPECT_EQ(s.error().message, "imigrasi: HTTP 401");
  EXPECT_EQ(server.requests(), 1);
  EXPECT_EQ(client.breaker_state(), CircuitBreaker::State::kClosed);
}

TEST_F(HttpJsonClientTest, JsonOutsideTheContractIsABadBodyAndRetried) {
  ScriptedServer server([](int n) {
    return n == 1 ? http::Response::Json({{"found", "yes"}}) : Found(n);
  });
  HttpJsonClient client("dukcapil", Options(server.url()), &metrics_, &clock_);
  ASSERT_TRUE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 2);
  EXPECT_EQ(Calls(metrics_, "dukcapil", "bad_body"), 1u);
}

TEST_F(HttpJsonClientTest, ConnectionRefusedIsAConnectError) {
  const int closed = peduli::testing::FreePort();
  HttpJsonClient client("bp2mi", Options("http://127.0.0.1:" + std::to_string(closed)), &metrics_,
                        &clock_);
  Status s = client.Post("/v1/placements/search", json::object(), HasFound);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kUnavailable);
  EXPECT_EQ(s.error().message, "bp2mi: connect_error after 3 attempts");
  EXPECT_EQ(Calls(metrics_, "bp2mi", "connect_error"), 3u);
}

TEST_F(HttpJsonClientTest, BackoffUsesTheInjectedSleepWithFullJitter) {
  ScriptedServer server(Status503);
  std::vector<long> sleeps;
  ClientOptions o = Options(server.url());
  o.max_attempts = 4;
  o.backoff_base_ms = 100;
  HttpJsonClient client(
      "dukcapil", o, &metrics_, &clock_,
      [&](std::chrono::milliseconds d) { sleeps.push_back(static_cast<long>(d.count())); }, 7);
  ASSERT_FALSE(client.Post("/v1/verify", json::object(), HasFound).ok());
  ASSERT_EQ(sleeps.size(), 3u);
  EXPECT_LE(sleeps[0], 100);
  EXPECT_LE(sleeps[1], 200);
  EXPECT_LE(sleeps[2], 400);
  for (long s : sleeps) EXPECT_GE(s, 0);
}

TEST_F(HttpJsonClientTest, BreakerOpensFailsFastAndLetsOneTrialThroughAfterTheCooldown) {
  ScriptedServer server(Status503);
  ClientOptions o = Options(server.url());
  o.max_attempts = 2;
  o.breaker_failures = 2;
  o.breaker_cooldown_ms = 5000;
  HttpJsonClient client("dukcapil", o, &metrics_, &clock_);
  for (int i = 0; i < 2; ++i) ASSERT_FALSE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 4);
  EXPECT_EQ(client.breaker_state(), CircuitBreaker::State::kOpen);

  // Open: no request reaches the registry.
  Status s = client.Post("/v1/verify", json::object(), HasFound);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kUnavailable);
  EXPECT_EQ(s.error().message, "dukcapil: circuit open");
  EXPECT_EQ(server.requests(), 4);
  EXPECT_EQ(Calls(metrics_, "dukcapil", "breaker_open"), 1u);

  clock_.Advance(4);
  EXPECT_FALSE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 4);

  // Half-open: one trial of one attempt; it fails, so the breaker opens again.
  clock_.Advance(1);
  EXPECT_FALSE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 5);
  EXPECT_EQ(client.breaker_state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 5);

  // The registry recovers: the next trial closes the breaker.
  server.set_script(Found);
  clock_.Advance(5);
  ASSERT_TRUE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(client.breaker_state(), CircuitBreaker::State::kClosed);
  ASSERT_TRUE(client.Post("/v1/verify", json::object(), HasFound).ok());
  EXPECT_EQ(server.requests(), 7);
}

TEST(CircuitBreakerTest, OnlyOneTrialAtATimeWhenHalfOpen) {
  peduli::testing::FixedClock clock;
  CircuitBreaker b(1, 1000, &clock);
  bool trial = false;
  ASSERT_TRUE(b.Allow(&trial));
  EXPECT_FALSE(trial);
  b.Record(false, trial);
  EXPECT_EQ(b.state(), CircuitBreaker::State::kOpen);
  EXPECT_FALSE(b.Allow(&trial));
  clock.Advance(1);
  ASSERT_TRUE(b.Allow(&trial));
  EXPECT_TRUE(trial);
  bool second = false;
  EXPECT_FALSE(b.Allow(&second));  // the trial is still in flight
  b.Record(true, trial);
  EXPECT_EQ(b.state(), CircuitBreaker::State::kClosed);
  EXPECT_TRUE(b.Allow(&second));
  EXPECT_FALSE(second);
}

TEST(CircuitBreakerTest, SuccessResetsTheCountOfConsecutiveFailures) {
  peduli::testing::FixedClock clock;
  CircuitBreaker b(3, 1000, &clock);
  bool trial = false;
  for (bool healthy : {false, false, true, false, false}) {
    ASSERT_TRUE(b.Allow(&trial));
    b.Record(healthy, trial);
  }
  EXPECT_EQ(b.state(), CircuitBreaker::State::kClosed);
  ASSERT_TRUE(b.Allow(&trial));
  b.Record(false, trial);
  EXPECT_EQ(b.state(), CircuitBreaker::State::kOpen);
}

}  // namespace
}  // namespace peduli::registries
