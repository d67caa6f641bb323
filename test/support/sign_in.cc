#include "support/sign_in.h"

#include <nlohmann/json.hpp>

#include "support/server_process.h"

namespace peduli::testing {

std::string SignIn(const std::string& base_url, const std::string& email,
                   const std::string& password) {
  auto s = HttpCall("POST", base_url + "/api/v1/sessions",
                    nlohmann::json{{"email", email}, {"password", password}}.dump(),
                    {"Content-Type: application/json"});
  auto j = nlohmann::json::parse(s.body, nullptr, false);
  return j.is_object() ? j.value("token", "") : "";
}

}  // namespace peduli::testing
