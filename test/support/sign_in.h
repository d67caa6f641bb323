#pragma once

#include <string>

namespace peduli::testing {

// Signs in through the JSON API (POST /api/v1/sessions) and returns the Bearer token, or
// "" when refused. Staff complete the second factor (POST /api/v1/sessions/second-factor)
// with a TOTP code of the demo accounts' secret (demo::kDemoTotpSecret); an account that
// must enrol first is enrolled with the secret the server hands out. Citizens need none.
std::string SignIn(const std::string& base_url, const std::string& email,
                   const std::string& password);

// A demo staff account (password peduli-demo-2026).
inline std::string StaffSignIn(const std::string& base_url, const std::string& email) {
  return SignIn(base_url, email, "peduli-demo-2026");
}

// A TOTP code of `secret` for `email` that the server has not seen yet. The server accepts
// each time step once per account (no replay) and only the steps next to its clock, so
// this keeps, per email, the last step used and takes max(now - 1, last + 1), sleeping when
// that step is not valid yet. Thread-safe.
std::string NextTotpCode(const std::string& email, const std::string& secret);

}  // namespace peduli::testing
