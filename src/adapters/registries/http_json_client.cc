#include "adapters/registries/http_json_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <thread>

#include "core/crypto.h"
#include "core/log.h"

namespace peduli::registries {
namespace {

constexpr size_t kMaxBody = 1 << 20;      // a registry answer is a few hundred bytes
constexpr long kMaxBackoffMs = 10000;
constexpr size_t kMaxIdleHandles = 32;

struct Sink {
  std::string body;
  bool too_big = false;
};

size_t Write(char* p, size_t size, size_t n, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->body.size() + size * n > kMaxBody) {
    sink->too_big = true;
    return 0;  // aborts the transfer with CURLE_WRITE_ERROR
  }
  sink->body.append(p, size * n);
  return size * n;
}

void GlobalInit() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool Retryable(Outcome o, long status) {
  switch (o) {
    case Outcome::kTimeout:
    case Outcome::kConnectError:
    case Outcome::kHttp5xx:
    case Outcome::kBadBody:
      return true;
    case Outcome::kHttp4xx:
      return status == 429;
    default:
      return false;
  }
}

// The registry answered and is up, whatever it thought of the request.
bool Healthy(Outcome o, long status) {
  return o == Outcome::kOk || (o == Outcome::kHttp4xx && status != 429);
}

}  // namespace

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kOk: return "ok";
    case Outcome::kHttp4xx: return "http_4xx";
    case Outcome::kHttp5xx: return "http_5xx";
    case Outcome::kTimeout: return "timeout";
    case Outcome::kConnectError: return "connect_error";
    case Outcome::kBadBody: return "bad_body";
    case Outcome::kBreakerOpen: return "breaker_open";
  }
  return "unknown";
}

CircuitBreaker::CircuitBreaker(int failures, long cooldown_ms, const Clock* clock)
    : failures_(std::max(1, failures)),
      cooldown_s_((std::max(0L, cooldown_ms) + 999) / 1000),
      clock_(clock) {}

bool CircuitBreaker::Allow(bool* trial) {
  *trial = false;
  std::lock_guard lock(mu_);
  switch (state_) {
    case State::kClosed:
      return true;
    case State::kOpen:
      if (clock_->NowUnix() < opened_at_ + cooldown_s_) return false;
      state_ = State::kHalfOpen;
      trial_in_flight_ = false;
      [[fallthrough]];
    case State::kHalfOpen:
      if (trial_in_flight_) return false;
      trial_in_flight_ = true;
      *trial = true;
      return true;
  }
  return false;
}

void CircuitBreaker::Record(bool healthy, bool trial) {
  std::lock_guard lock(mu_);
  if (trial) trial_in_flight_ = false;
  if (healthy) {
    consecutive_ = 0;
    // A call that started before the breaker opened and ends well proves as much as the
    // trial does.
    state_ = State::kClosed;
    return;
  }
  ++consecutive_;
  if (trial || (state_ == State::kClosed && consecutive_ >= failures_)) {
    state_ = State::kOpen;
    opened_at_ = clock_->NowUnix();
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  std::lock_guard lock(mu_);
  return state_;
}

HttpJsonClient::HttpJsonClient(std::string system, ClientOptions options, Metrics* metrics,
                               const Clock* clock, Sleep sleep, uint64_t jitter_seed)
    : system_(std::move(system)),
      options_(std::move(options)),
      metrics_(metrics),
      sleep_(sleep ? std::move(sleep)
                   : Sleep([](std::chrono::milliseconds d) { std::this_thread::sleep_for(d); })),
      breaker_(options_.breaker_failures, options_.breaker_cooldown_ms, clock),
      rng_(jitter_seed) {
  GlobalInit();
}

HttpJsonClient::~HttpJsonClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpJsonClient::AcquireHandle() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  return curl_easy_init();
}

void HttpJsonClient::ReleaseHandle(void* handle) {
  std::lock_guard lock(mu_);
  if (idle_.size() < kMaxIdleHandles) {
    idle_.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

std::chrono::milliseconds HttpJsonClient::Backoff(int retry) {
  const int shift = std::min(retry - 1, 16);
  const long ceiling = std::min(kMaxBackoffMs, std::max(0L, options_.backoff_base_ms) << shift);
  if (ceiling <= 0) return std::chrono::milliseconds(0);
  std::lock_guard lock(mu_);
  return std::chrono::milliseconds(std::uniform_int_distribution<long>(0, ceiling)(rng_));
}

HttpJsonClient::Attempt HttpJsonClient::Once(const std::string& url, const std::string& payload,
                                             const std::string& request_id,
                                             const Accept& accept) {
  CURL* c = static_cast<CURL*>(AcquireHandle());
  Attempt a;
  if (c == nullptr) return a;
  curl_easy_reset(c);
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers, "Expect:");
  headers = curl_slist_append(headers, ("X-Request-Id: " + request_id).c_str());
  if (!options_.api_key.empty()) {
    headers = curl_slist_append(headers, ("X-Api-Key: " + options_.api_key).c_str());
  }
  Sink sink;
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, payload.c_str());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(payload.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, options_.timeout_ms);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (!options_.client_cert.empty()) {
    curl_easy_setopt(c, CURLOPT_SSLCERT, options_.client_cert.c_str());
    curl_easy_setopt(c, CURLOPT_SSLCERTTYPE, "PEM");
  }
  if (!options_.client_key.empty()) curl_easy_setopt(c, CURLOPT_SSLKEY, options_.client_key.c_str());
  if (!options_.ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, options_.ca_file.c_str());

  const auto started = std::chrono::steady_clock::now();
  const CURLcode rc = curl_easy_perform(c);
  a.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    a.outcome = Outcome::kTimeout;
  } else if (rc == CURLE_WRITE_ERROR && sink.too_big) {
    a.outcome = Outcome::kBadBody;
  } else if (rc != CURLE_OK) {
    a.outcome = Outcome::kConnectError;
  } else {
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a.status);
    if (a.status >= 200 && a.status < 300) {
      auto json = nlohmann::json::parse(sink.body, nullptr, false);
      a.outcome = !json.is_discarded() && json.is_object() && accept(json) ? Outcome::kOk
                                                                           : Outcome::kBadBody;
    } else if (a.status >= 400 && a.status < 500) {
      a.outcome = Outcome::kHttp4xx;
    } else if (a.status >= 500) {
      a.outcome = Outcome::kHttp5xx;
    } else {
      a.outcome = Outcome::kBadBody;  // 1xx or a redirect: not the contract
    }
  }
  curl_slist_free_all(headers);
  ReleaseHandle(c);
  return a;
}

Status HttpJsonClient::Post(const std::string& path, const nlohmann::json& body,
                            const Accept& accept) {
  bool trial = false;
  if (!breaker_.Allow(&trial)) {
    if (metrics_) metrics_->ObserveExternal(system_, OutcomeName(Outcome::kBreakerOpen), 0);
    return Error::Unavailable(system_ + ": circuit open");
  }
  const std::string url = options_.base_url + path;
  const std::string payload = body.dump();
  // One id for every attempt of this call, so the registry can tell a retry from a new call.
  const std::string request_id = crypto::RandomToken(10);
  // The half-open trial is a single attempt: a registry that is still down costs one
  // timeout, not max_attempts of them.
  const int attempts = trial ? 1 : std::max(1, options_.max_attempts);
  Attempt a;
  int attempt = 0;
  while (attempt < attempts) {
    if (attempt > 0) sleep_(Backoff(attempt));
    ++attempt;
    a = Once(url, payload, request_id, accept);
    if (metrics_) metrics_->ObserveExternal(system_, OutcomeName(a.outcome), a.seconds);
    if (a.outcome == Outcome::kOk) break;
    log::Warn("registry_call_failed", {{"system", system_},
                                       {"outcome", OutcomeName(a.outcome)},
                                       {"status", a.status},
                                       {"attempt", attempt}});
    if (!Retryable(a.outcome, a.status)) break;
  }
  const auto before = breaker_.state();
  breaker_.Record(Healthy(a.outcome, a.status), trial);
  if (const auto after = breaker_.state(); after != before) {
    if (after == CircuitBreaker::State::kOpen) {
      log::Warn("registry_breaker", {{"system", system_}, {"state", "open"}});
    } else {
      log::Info("registry_breaker", {{"system", system_}, {"state", "closed"}});
    }
  }
  if (a.outcome == Outcome::kOk) return Status::Ok();
  if (a.outcome == Outcome::kHttp4xx && a.status != 429) {
    const std::string m = system_ + ": HTTP " + std::to_string(a.status);
    if (a.status == 400 || a.status == 422) return Error{Code::kInvalid, m, {}};
    return Error::Unavailable(m);
  }
  return Error::Unavailable(system_ + ": " + OutcomeName(a.outcome) + " after " +
                            std::to_string(attempt) + " attempt" + (attempt == 1 ? "" : "s"));
}

}  // namespace peduli::registries
