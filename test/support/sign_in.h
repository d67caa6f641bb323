#pragma once

#include <string>

namespace peduli::testing {

// Signs in through the JSON API (POST /api/v1/sessions) and returns the Bearer token, or
// "" when refused. Staff complete the second factor with the demo accounts' known TOTP
// secrets; citizens need none.
std::string SignIn(const std::string& base_url, const std::string& email,
                   const std::string& password);

// A demo staff account (password peduli-demo-2026).
inline std::string StaffSignIn(const std::string& base_url, const std::string& email) {
  return SignIn(base_url, email, "peduli-demo-2026");
}

}  // namespace peduli::testing
