#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/registries/registries.h"

namespace peduli::registries {

// How one attempt (or a call refused by the breaker) ended: the `outcome` label of
// peduli_external_call_duration_seconds{system=...}.
enum class Outcome { kOk, kHttp4xx, kHttp5xx, kTimeout, kConnectError, kBadBody, kBreakerOpen };
const char* OutcomeName(Outcome o);

// A circuit breaker on the injected Clock. Closed: calls go through. It opens after
// `failures` consecutive failed calls and refuses calls for the cooldown; then it lets
// exactly one trial call through (half-open): success closes it, failure opens it again
// for another cooldown. The Clock counts whole seconds, so the cooldown is rounded up to
// whole seconds (1500 ms waits 2 s). Thread-safe.
class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };

  CircuitBreaker(int failures, long cooldown_ms, const Clock* clock);
  // Whether a call may go ahead now. Sets *trial when this call is the half-open trial;
  // every call that was allowed must be reported with Record.
  bool Allow(bool* trial);
  // `healthy`: the remote system answered (2xx with a good body, or a 4xx).
  void Record(bool healthy, bool trial);
  State state() const;

 private:
  const int failures_;
  const int64_t cooldown_s_;
  const Clock* clock_;
  mutable std::mutex mu_;
  State state_ = State::kClosed;
  int consecutive_ = 0;
  int64_t opened_at_ = 0;
  bool trial_in_flight_ = false;
};

// The transport every registry adapter shares: POSTs a JSON body with libcurl and returns
// the JSON answer, with a timeout per attempt, up to max_attempts attempts with exponential
// backoff and full jitter, a circuit breaker, X-Api-Key and X-Request-Id headers, mutual
// TLS when configured, and one Metrics::ObserveExternal per attempt. Logs only the system,
// outcome, status code and attempt: never a body (they carry personal data) nor a URL
// query. Thread-safe; connections are kept alive and reused across calls.
class HttpJsonClient {
 public:
  // Waits between attempts; tests may pass one that does not sleep.
  using Sleep = std::function<void(std::chrono::milliseconds)>;
  // Takes the JSON of a 2xx answer; false when it is not the contract's shape (counted as
  // bad_body, and retried like a 5xx). May be called once per attempt.
  using Accept = std::function<bool(const nlohmann::json&)>;

  // `system` names the registry in metrics and logs ("dukcapil"). `metrics` (may be null)
  // and `clock` must outlive the client.
  HttpJsonClient(std::string system, ClientOptions options, Metrics* metrics, const Clock* clock,
                 Sleep sleep = {}, uint64_t jitter_seed = std::random_device{}());
  ~HttpJsonClient();
  HttpJsonClient(const HttpJsonClient&) = delete;
  HttpJsonClient& operator=(const HttpJsonClient&) = delete;

  // POSTs `body` to base_url + `path` and hands the answer to `accept`. Errors:
  //   kUnavailable: breaker open, timeout, connection error, 5xx or 429 or a bad body on
  //                 every attempt, or a 401/403/404 (the portal's configuration is wrong;
  //                 not retried);
  //   kInvalid:     400 or 422 (the registry refuses this request; not retried).
  // Messages name the system and the outcome only: they may be logged.
  Status Post(const std::string& path, const nlohmann::json& body, const Accept& accept);

  CircuitBreaker::State breaker_state() const { return breaker_.state(); }
  const std::string& system() const { return system_; }

 private:
  struct Attempt {
    Outcome outcome = Outcome::kConnectError;
    long status = 0;
    double seconds = 0;
  };
  Attempt Once(const std::string& url, const std::string& payload, const std::string& request_id,
               const Accept& accept);
  std::chrono::milliseconds Backoff(int retry);
  void* AcquireHandle();
  void ReleaseHandle(void* handle);

  const std::string system_;
  const ClientOptions options_;
  Metrics* metrics_;
  Sleep sleep_;
  CircuitBreaker breaker_;
  std::mutex mu_;               // guards rng_ and idle_
  std::mt19937_64 rng_;
  std::vector<void*> idle_;     // CURL easy handles, kept for connection reuse
};

}  // namespace peduli::registries
