#include "modules/accounts/routes.h"

#include <nlohmann/json.hpp>

#include "http/forms.h"
#include "modules/accounts/qr_svg.h"
#include "modules/accounts/totp.h"

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

SetPasswordMailText SetPasswordText(const http::Catalog& c, const std::string& lang) {
  return {c.Text(lang, "mail.set_password.subject"), c.Text(lang, "mail.set_password.before"),
          c.Text(lang, "mail.set_password.after")};
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

const std::vector<http::Field>& SetPasswordFields() {
  static const std::vector<http::Field> f = {
      {.name = "password", .label_key = "account.password", .type = "password",
       .hint_key = "account.password_hint", .autocomplete = "new-password"},
  };
  return f;
}

Response SetPasswordPage(const Request& req, const http::Templates& t, const std::string& token,
                         bool valid, const std::map<std::string, std::string>& errors,
                         int status = 200) {
  http::Page page(t, req, "staff.set_password_title",
                  "modules/accounts/templates/set_password.tpl");
  if (valid) {
    auto* form = page.content().AddSectionDictionary("FORM");
    form->SetValue("TOKEN", token);
    http::IncludeFields(form, SetPasswordFields(), {}, errors, t.catalog(), req.lang);
  } else {
    page.content().ShowSection("INVALID");
    if (status == 200) status = 422;
  }
  return page.Finish(status);
}

Origin OriginOf(const Request& req) { return {req.remote_ip, req.request_id}; }

// Where a staff member lands after signing in when no page was asked for.
std::string StaffNext(const std::string& next) { return next == "/beranda" ? "/konsol" : next; }

const std::vector<http::Field>& CodeFields() {
  static const std::vector<http::Field> f = {
      {.name = "code", .label_key = "signin.code", .hint_key = "signin.code_hint",
       .autocomplete = "one-time-code", .maxlength = "20"},
  };
  return f;
}

// The second step: a code from the app or a recovery code.
Response CodePage(const Request& req, const http::Templates& t, const std::string& next,
                  const std::map<std::string, std::string>& errors, const std::string& message,
                  int status = 200) {
  http::Page page(t, req, "signin.code_title", "modules/accounts/templates/sign_in_code.tpl");
  http::IncludeFields(&page.content(), CodeFields(), {}, errors, t.catalog(), req.lang);
  page.content().SetValue("NEXT", next);
  if (!message.empty()) page.Flash(message, true);
  return page.Finish(status);
}

// "ABCD EFGH ..." for typing the secret in by hand.
std::string Grouped(const std::string& secret) {
  std::string out;
  for (size_t i = 0; i < secret.size(); ++i) {
    if (i && i % 4 == 0) out += ' ';
    out += secret[i];
  }
  return out;
}

Response EnrolPage(const Request& req, const http::Templates& t, const Enrolment& e,
                   const std::string& next, const std::map<std::string, std::string>& errors,
                   const std::string& message, int status = 200) {
  // The first code confirms the app: no recovery codes exist yet.
  static const std::vector<http::Field> fields = {
      {.name = "code", .label_key = "signin.code", .autocomplete = "one-time-code",
       .inputmode = "numeric", .maxlength = "7"},
  };
  http::Page page(t, req, "signin.enrol_title", "modules/accounts/templates/enrol.tpl");
  http::IncludeFields(&page.content(), fields, {}, errors, t.catalog(), req.lang);
  page.content().SetValue("NEXT", next);
  page.content().SetValue("SECRET", Grouped(e.secret));
  page.content().SetValue("QR_SVG", QrSvg(e.uri, t.catalog().Text(req.lang, "signin.qr_label")));
  if (!message.empty()) page.Flash(message, true);
  return page.Finish(status);
}

Response ExpiredPage(const Request& req, const http::Templates& t, const std::string& next) {
  Response res = SignInPage(req, t, "", next, t.catalog().Text(req.lang, "auth.pending_expired"),
                            401);
  return res;
}

std::string PendingOf(const Request& req) { return req.Cookie(kPendingCookie).value_or(""); }

// Signs the browser in: the session cookie, the pending cookie cleared.
void SetSessionCookies(Response* res, const Session& s, bool secure) {
  res->Set("Set-Cookie", http::SetCookieValue(http::kSessionCookie, s.token, secure));
  res->Set("Set-Cookie", http::SetCookieValue(kPendingCookie, "", secure, 0));
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  AccountsService* s = d.accounts;
  SignInFlow* flow = d.sign_in;
  const http::Templates* t = d.templates;
  const bool secure_cookies = d.secure_cookies;
  RegisterStaffRoutes(r, d);

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

  r.Post("/api/v1/sessions", Access::kPublic, [flow, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    auto first = flow->Password(Str(*b, "email"), Str(*b, "password"), OriginOf(req));
    if (!first.ok()) return http::ErrorResponse(req, first.error(), *t);
    if (first->session) {
      return Response::Json({{"token", first->session->token},
                             {"expires_at", first->session->expires_at}}, 201);
    }
    return Response::Json({{"second_factor", first->enrol ? "enrol" : "required"},
                           {"pending_token", first->pending_token}});
  }, "Sign in with {email, password}. Citizens: 201 {token, expires_at}, a Bearer token. "
     "Staff: 200 {second_factor: \"required\" | \"enrol\", pending_token}; no session yet: "
     "send a code to /api/v1/sessions/second-factor within 5 minutes (\"enrol\": first get "
     "the secret from /api/v1/sessions/enrolment). 401 wrong email or password, 429 slowed "
     "down, 403 unverified or disabled");

  r.Post("/api/v1/sessions/enrolment", Access::kPublic, [flow, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    auto e = flow->EnrolmentOf(Str(*b, "pending_token"));
    if (!e.ok()) return http::ErrorResponse(req, e.error(), *t);
    return Response::Json({{"secret", e->secret}, {"uri", e->uri}});
  }, "Staff enrolment of the TOTP second factor, with {pending_token} from a sign-in that "
     "answered second_factor \"enrol\": 200 {secret (base32), uri (otpauth://, for a QR "
     "code)}; the same secret until confirmed. Confirm by sending the app's first code to "
     "/api/v1/sessions/second-factor. 401 pending sign-in expired, 409 already enrolled");

  r.Post("/api/v1/sessions/second-factor", Access::kPublic, [flow, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    const std::string pending = Str(*b, "pending_token"), code = Str(*b, "code");
    auto p = flow->Find(pending);
    if (!p.ok()) return http::ErrorResponse(req, p.error(), *t);
    if (!p->enrolled) {
      auto done = flow->ConfirmEnrolment(pending, code, OriginOf(req));
      if (!done.ok()) return http::ErrorResponse(req, done.error(), *t);
      return Response::Json({{"token", done->session.token},
                             {"expires_at", done->session.expires_at},
                             {"recovery_codes", done->recovery_codes}}, 201);
    }
    auto session = flow->Code(pending, code, OriginOf(req));
    if (!session.ok()) return http::ErrorResponse(req, session.error(), *t);
    return Response::Json({{"token", session->token}, {"expires_at", session->expires_at}}, 201);
  }, "Staff second sign-in step with {pending_token, code}: code is the authenticator app's "
     "6-digit TOTP code (each code once) or an unused recovery code. 201 {token, expires_at}; "
     "when confirming an enrolment also recovery_codes (shown once). 401 wrong code or "
     "pending sign-in expired, 422 wrong first code of an enrolment, 429 slowed down");

  r.Post("/api/v1/accounts/password", Access::kPublic, [s, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return BadJson(req, *t);
    auto st = s->SetPasswordWithToken(Str(*b, "token"), Str(*b, "password"));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    return Response::Json({{"password_set", true}});
  }, "Set the password of a new staff account with {token, password}, the token from the "
     "\"set your password\" mail (single use). 422 bad token or password");

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

  r.Post("/masuk", Access::kPublic, [flow, t, secure_cookies](Request& req) {
    std::string email = req.FormValue("email"), next = SafeNext(req.FormValue("next"));
    auto first = flow->Password(email, req.FormValue("password"), OriginOf(req));
    if (!first.ok()) {
      const Error& e = first.error();
      if (e.code == Code::kInternal || e.code == Code::kUnavailable) {
        return http::ErrorResponse(req, e, *t);
      }
      Response res = SignInPage(req, *t, email, next, t->catalog().Text(req.lang, e.message),
                                http::HttpStatus(e.code));
      return res;
    }
    if (first->session) {
      Response res = Response::Redirect(next);
      res.Set("Set-Cookie", http::SetCookieValue(http::kSessionCookie, first->session->token,
                                                 secure_cookies));
      return res;
    }
    // Staff: no session yet; the second step finds the pending sign-in by this cookie.
    Response res = Response::Redirect(std::string(first->enrol ? "/masuk/aktivasi" : "/masuk/kode") +
                                      "?next=" + http::UrlEncode(StaffNext(next)));
    res.Set("Set-Cookie", http::SetCookieValue(kPendingCookie, first->pending_token,
                                               secure_cookies, 300));
    return res;
  }, "Sign-in form; staff continue at /masuk/kode (or /masuk/aktivasi to enrol)");

  r.Get("/masuk/kode", Access::kPublic, [flow, t](Request& req) {
    const std::string next = SafeNext(req.QueryParam("next").value_or(""));
    auto p = flow->Find(PendingOf(req));
    if (!p.ok()) return ExpiredPage(req, *t, next);
    if (!p->enrolled) return Response::Redirect("/masuk/aktivasi?next=" + http::UrlEncode(next));
    return CodePage(req, *t, next, {}, "");
  }, "Staff sign-in, second step: the code from the authenticator app");

  r.Post("/masuk/kode", Access::kPublic, [flow, t, secure_cookies](Request& req) {
    const std::string next = SafeNext(req.FormValue("next"));
    const std::string pending = PendingOf(req);
    auto session = flow->Code(pending, req.FormValue("code"), OriginOf(req));
    if (!session.ok()) {
      const Error& e = session.error();
      const auto& c = t->catalog();
      if (e.message == "auth.pending_expired") return ExpiredPage(req, *t, next);
      if (e.message == "auth.not_enrolled") {
        return Response::Redirect("/masuk/aktivasi?next=" + http::UrlEncode(next));
      }
      if (e.code == Code::kUnauthorized) {
        return CodePage(req, *t, next, {{"code", c.Text(req.lang, e.message)}}, "", 422);
      }
      if (e.code == Code::kTooMany) {
        return CodePage(req, *t, next, {}, c.Text(req.lang, "auth.code_too_many"), 429);
      }
      return http::ErrorResponse(req, e, *t);
    }
    Response res = Response::Redirect(next);
    SetSessionCookies(&res, *session, secure_cookies);
    return res;
  }, "Staff second step form: a TOTP code or a recovery code");

  r.Get("/masuk/aktivasi", Access::kPublic, [flow, t](Request& req) {
    const std::string next = SafeNext(req.QueryParam("next").value_or(""));
    const std::string pending = PendingOf(req);
    auto p = flow->Find(pending);
    if (!p.ok()) return ExpiredPage(req, *t, next);
    if (p->enrolled) return Response::Redirect("/masuk/kode?next=" + http::UrlEncode(next));
    auto e = flow->EnrolmentOf(pending);
    if (!e.ok()) return http::ErrorResponse(req, e.error(), *t);
    return EnrolPage(req, *t, *e, next, {}, "");
  }, "Staff first sign-in: set up the authenticator app (secret and QR code)");

  r.Post("/masuk/aktivasi", Access::kPublic, [flow, t, secure_cookies](Request& req) {
    const std::string next = SafeNext(req.FormValue("next"));
    const std::string pending = PendingOf(req);
    auto done = flow->ConfirmEnrolment(pending, req.FormValue("code"), OriginOf(req));
    if (!done.ok()) {
      const Error& e = done.error();
      if (e.message == "auth.pending_expired") return ExpiredPage(req, *t, next);
      if (e.code == Code::kConflict) {
        return Response::Redirect("/masuk/kode?next=" + http::UrlEncode(next));
      }
      if (e.code != Code::kInvalid && e.code != Code::kNotFound) {
        return http::ErrorResponse(req, e, *t);
      }
      auto again = flow->EnrolmentOf(pending);
      if (!again.ok()) return ExpiredPage(req, *t, next);
      return EnrolPage(req, *t, *again, next,
                       {{"code", t->catalog().Text(req.lang, "auth.bad_code")}}, "", 422);
    }
    http::Page page(*t, req, "signin.recovery_title", "modules/accounts/templates/recovery_codes.tpl");
    for (const auto& code : done->recovery_codes) {
      page.content().AddSectionDictionary("RECOVERY")->SetValue("CODE", code);
    }
    page.content().SetValue("NEXT", next);
    Response res = page.Finish();
    SetSessionCookies(&res, done->session, secure_cookies);
    return res;
  }, "Staff first sign-in: confirm the app with its first code; shows the recovery codes once");

  r.Get("/atur-kata-sandi", Access::kPublic, [s, t](Request& req) {
    const std::string token = req.QueryParam("token").value_or("");
    return SetPasswordPage(req, *t, token, s->SetPasswordTokenValid(token), {});
  }, "The link from the \"set your password\" mail of a new staff account");

  r.Post("/atur-kata-sandi", Access::kPublic, [s, t](Request& req) {
    const std::string token = req.FormValue("token");
    auto st = s->SetPasswordWithToken(token, req.FormValue("password"));
    if (!st.ok()) {
      if (st.error().code != Code::kInvalid) return http::ErrorResponse(req, st.error(), *t);
      auto errors = http::TranslateErrors(st.error(), t->catalog(), req.lang);
      return SetPasswordPage(req, *t, token, !errors.count("token"), errors, 422);
    }
    http::Page page(*t, req, "staff.password_set_title", "modules/accounts/templates/password_set.tpl");
    return page.Finish();
  }, "Set the password of a new staff account");

  r.Post("/keluar", Access::kSignedIn, [s, secure_cookies](Request& req) {
    if (auto c = req.Cookie(http::kSessionCookie)) s->SignOut(*c);
    Response res = Response::Redirect("/");
    res.Set("Set-Cookie", http::SetCookieValue(http::kSessionCookie, "", secure_cookies, 0));
    return res;
  }, "Sign out");
}

}  // namespace peduli::accounts
