#pragma once

#include <functional>
#include <vector>

#include "http/forms.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "http/templates.h"
#include "modules/accounts/service.h"
#include "modules/accounts/sign_in_flow.h"
#include "modules/accounts/staff.h"

namespace peduli::accounts {

// Resolves session cookies and Bearer tokens for the pipeline.
class SessionAuthenticator final : public http::Authenticator {
 public:
  explicit SessionAuthenticator(AccountsService* s) : s_(s) {}
  std::optional<http::Principal> Resolve(const std::string& token) override;

 private:
  AccountsService* s_;
};

// The verification mail in the request's language.
VerifyMailText MailText(const http::Catalog& c, const std::string& lang);

// The "set your password" mail of a new staff account, in a language.
SetPasswordMailText SetPasswordText(const http::Catalog& c, const std::string& lang);

struct RoutesDeps {
  AccountsService* accounts;
  SignInFlow* sign_in;
  StaffService* staff;
  const http::Templates* templates;
  bool secure_cookies = false;
  // The missions for the staff forms' choices: (code, "code · name").
  std::function<std::vector<http::Option>()> mission_options;
};

// Sign-up, email verification, sign-in (with the staff second factor) and sign-out, and
// staff account management (/admin, /admin/staf, /api/v1/staff): JSON under /api/v1 and
// HTML pages.
void RegisterRoutes(http::Router& r, const RoutesDeps& d);
// The staff management part of it (staff_routes.cc).
void RegisterStaffRoutes(http::Router& r, const RoutesDeps& d);

// The pending-sign-in cookie of the web second step.
inline constexpr const char* kPendingCookie = "pw_pending";

}  // namespace peduli::accounts
