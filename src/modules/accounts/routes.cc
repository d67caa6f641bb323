#include "modules/accounts/routes.h"

#include <nlohmann/json.hpp>

#include "http/forms.h"

namespace peduli::accounts {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

std::optional<http::Principal> SessionAuthenticator::Resolve(const std::string& token) {
  auto found = s_->Resolve(token);
  if (!found) return std::nullopt;
  const auto& [session, account] = *found;
  return http::Principal{account.id, account.role, account.mission_code, account.name,
                         account.email, session.csrf, false};
}

VerifyMailText MailText(const http::Catalog& c, const std::string& lang) {
  return {c.Text(lang, "mail.verify.subject"), c.Text(lang, "mail.verify.before"),
          c.Text(lang, "mail.verify.after")};
}

namespace {

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

Response BadJson(const Request& req, const http::Templates& t) {
  return http::ErrorResponse(req, Error::Invalid("", "err.json"), t);
}

const std::vector<http::Field>& SignUpFields() {
  static const std::vector<http::Field> f = {
      {.name = "name", .label_key = "account.name", .autocomplete = "name", .maxlength = "100"},
      {.name = "email", .label_key = "account.email", .type = "email", .autocomplete = "email"},
      {.name = "password", .label_key = "account.password", .type = "password",
       .hint_key = "account.password_hint", .autocomplete = "new-password"},
  };
  return f;
}

const std::vector<http::Field>& SignInFields() {
  static const std::vector<http::Field> f = {
      {.name = "email", .label_key = "account.email", .type = "email", .autocomplete = "email"},
      {.name = "password", .label_key = "account.password", .type = "password",
       .autocomplete = "current-password"},
  };
  return f;
}

// Only same-site relative paths may be a redirect target.
std::string SafeNext(const std::string& next) {
  if (next.size() > 1 && next[0] == '/' && next[1] != '/' && next.find('\\') == std::string::npos) {
    return next;
  }
  return "/beranda";
}

Response SignUpPage(const Request& req, const http::Templates& t,
                    const std::map<std::string, std::string>& values,
                    const std::map<std::string, std::string>& errors, int status = 200) {
  http::Page page(t, req, "account.sign_up", "modules/accounts/templates/sign_up.tpl");
  auto vals = values;
  vals.erase("password");  // never echoed back
  http::IncludeFields(&page.content(), SignUpFields(), vals, errors, t.catalog(), req.lang);
  return page.Finish(status);
}

Response SignInPage(const Request& req, const http::Templates& t, const std::string& email,
                    const std::string& next, const std::string& message, int status = 200) {
  http::Page page(t, req, "account.sign_in", "modules/accounts/templates/sign_in.tpl");
  http::IncludeFields(&page.content(), SignInFields(), {{"email", email}}, {}, t.catalog(), req.lang);
  page.content().SetValue("NEXT", next);
  if (!message.empty()) page.Flash(message, true);
  return page.Finish(status);
}

}  // namespace

void RegisterRoutes(http::Router& r, AccountsService* s, const http::Templates* t,
                    bool secure_cookies) {
  // ---- JSON API
  r.Post("/api/v1/accounts", Access::kPublic, [s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    auto id = s->Register({Str(*b, "email"), Str(*b, "password"), Str(*b, "name"), req.lang},
                          MailText(t->catalog(), req.lang));
    if (!id.ok()) return http::ErrorResponse(req, id.error(), *t);
    return Response::Json({{"id", *id}, {"email_verification", "sent"}}, 201);
  }, "Create a citizen account; sends the verification mail");

  r.Post("/api/v1/accounts/verify", Access::kPublic, [s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    auto st = s->VerifyEmail(Str(*b, "token"));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    return Response::Json({{"verified", true}});
  }, "Verify an email address with the token from the mail");

  r.Post("/api/v1/sessions", Access::kPublic, [s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    auto session = s->SignIn(Str(*b, "email"), Str(*b, "password"));
    if (!session.ok()) return http::ErrorResponse(req, session.error(), *t);
    return Response::Json({{"token", session->token}, {"expires_at", session->expires_at}}, 201);
  }, "Sign in; returns a Bearer token");

  r.Delete("/api/v1/sessions/current", Access::kSignedIn, [s](Request& req) {
    if (auto h = req.Header("authorization")) s->SignOut(h->substr(7));
    Response res;
    res.status = 204;
    return res;
  }, "Sign out the current Bearer token");

  // ---- HTML pages
  r.Get("/daftar", Access::kPublic, [t](Request& req) {
    return SignUpPage(req, *t, {}, {});
  }, "Sign-up page");

  r.Post("/daftar", Access::kPublic, [s, t](Request& req) {
    std::map<std::string, std::string> values = {{"name", req.FormValue("name")},
                                                 {"email", req.FormValue("email")},
                                                 {"password", req.FormValue("password")}};
    auto id = s->Register({values["email"], values["password"], values["name"], req.lang},
                          MailText(t->catalog(), req.lang));
    if (!id.ok()) {
      if (id.error().code != Code::kInvalid) return http::ErrorResponse(req, id.error(), *t);
      return SignUpPage(req, *t, values, http::TranslateErrors(id.error(), t->catalog(), req.lang), 422);
    }
    http::Page page(*t, req, "account.check_mail", "modules/accounts/templates/check_mail.tpl");
    page.content().SetValue("EMAIL", AccountsService::NormalizeEmail(values["email"]));
    return page.Finish(201);
  }, "Sign-up form");

  r.Get("/verify-email", Access::kPublic, [s, t](Request& req) {
    auto st = s->VerifyEmail(req.QueryParam("token").value_or(""));
    http::Page page(*t, req, "account.verify_title", "modules/accounts/templates/verified.tpl");
    page.content().ShowSection(st.ok() ? "OK" : "FAILED");
    return page.Finish(st.ok() ? 200 : 422);
  }, "The link from the verification mail");

  r.Post("/verify-email/resend", Access::kPublic, [s, t](Request& req) {
    (void)s->ResendVerification(req.FormValue("email"), MailText(t->catalog(), req.lang));
    http::Page page(*t, req, "account.check_mail", "modules/accounts/templates/check_mail.tpl");
    page.content().SetValue("EMAIL", AccountsService::NormalizeEmail(req.FormValue("email")));
    return page.Finish();
  }, "Send the verification mail again");

  r.Get("/masuk", Access::kPublic, [t](Request& req) {
    return SignInPage(req, *t, "", SafeNext(req.QueryParam("next").value_or("")), "");
  }, "Sign-in page");

  r.Post("/masuk", Access::kPublic, [s, t, secure_cookies](Request& req) {
    std::string email = req.FormValue("email"), next = SafeNext(req.FormValue("next"));
    auto session = s->SignIn(email, req.FormValue("password"));
    if (!session.ok()) {
      const Error& e = session.error();
      if (e.code == Code::kInternal || e.code == Code::kUnavailable) {
        return http::ErrorResponse(req, e, *t);
      }
      Response res = SignInPage(req, *t, email, next, t->catalog().Text(req.lang, e.message),
                                http::HttpStatus(e.code));
      return res;
    }
    Response res = Response::Redirect(next);
    res.Set("Set-Cookie", http::SetCookieValue(http::kSessionCookie, session->token,
                                               secure_cookies));
    return res;
  }, "Sign-in form");

  r.Post("/keluar", Access::kSignedIn, [s, secure_cookies](Request& req) {
    if (auto c = req.Cookie(http::kSessionCookie)) s->SignOut(*c);
    Response res = Response::Redirect("/");
    res.Set("Set-Cookie", http::SetCookieValue(http::kSessionCookie, "", secure_cookies, 0));
    return res;
  }, "Sign out");
}

}  // namespace peduli::accounts
