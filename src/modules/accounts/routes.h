#pragma once

#include "http/pipeline.h"
#include "http/router.h"
#include "http/templates.h"
#include "modules/accounts/service.h"

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

// Sign-up, email verification, sign-in and sign-out: JSON under /api/v1 and HTML pages.
void RegisterRoutes(http::Router& r, AccountsService* s, const http::Templates* t,
                    bool secure_cookies);

}  // namespace peduli::accounts
