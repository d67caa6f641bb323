#include "support/sign_in.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "demo/seed.h"
#include "modules/accounts/totp.h"
#include "support/server_process.h"

namespace peduli::testing {

namespace totp = accounts::totp;

std::string NextTotpCode(const std::string& email, const std::string& secret) {
  static std::mutex mu;
  static std::map<std::string, int64_t> last;  // by email: the last time step used
  std::lock_guard lock(mu);
  auto unix_now = [] {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const int64_t now_step = totp::StepOf(static_cast<int64_t>(unix_now()));
  auto it = last.find(email);
  int64_t step = now_step - 1;
  if (it != last.end()) step = std::max(step, it->second + 1);
  // The server takes steps now - 1 .. now + 1: wait until `step` is at most one ahead.
  const double valid_from = static_cast<double>((step - 1) * totp::kPeriod) + 0.5;
  if (double wait = valid_from - unix_now(); wait > 0) {
    std::this_thread::sleep_for(std::chrono::duration<double>(wait));
  }
  last[email] = step;
  return totp::Code(secret, step * totp::kPeriod);
}

std::string SignIn(const std::string& base_url, const std::string& email,
                   const std::string& password) {
  using nlohmann::json;
  const std::vector<std::string> h = {"Content-Type: application/json"};
  auto s = HttpCall("POST", base_url + "/api/v1/sessions",
                    json{{"email", email}, {"password", password}}.dump(), h);
  auto j = json::parse(s.body, nullptr, false);
  if (!j.is_object()) return "";
  if (j.contains("token")) return j.value("token", "");
  const std::string pending = j.value("pending_token", "");
  if (pending.empty()) return "";
  std::string secret = demo::kDemoTotpSecret;
  if (j.value("second_factor", "") == "enrol") {
    auto e = json::parse(HttpCall("POST", base_url + "/api/v1/sessions/enrolment",
                                  json{{"pending_token", pending}}.dump(), h).body,
                         nullptr, false);
    if (!e.is_object() || !e.contains("secret")) return "";
    secret = e.value("secret", "");
  }
  auto done = HttpCall("POST", base_url + "/api/v1/sessions/second-factor",
                       json{{"pending_token", pending},
                            {"code", NextTotpCode(email, secret)}}.dump(), h);
  auto d = json::parse(done.body, nullptr, false);
  return d.is_object() ? d.value("token", "") : "";
}

}  // namespace peduli::testing
