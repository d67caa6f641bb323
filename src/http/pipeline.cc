#include "http/pipeline.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/crypto.h"
#include "core/log.h"
#include "http/gzip.h"

namespace peduli::http {

int HttpStatus(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kNotFound: return 404;
    case Code::kInvalid: return 422;
    case Code::kConflict: return 409;
    case Code::kForbidden: return 403;
    case Code::kUnauthorized: return 401;
    case Code::kTooMany: return 429;
    case Code::kUnavailable: return 503;
    case Code::kInternal: return 500;
  }
  return 500;
}

std::string ErrorJson(const Request& req, const Error& e, const Catalog& c) {
  nlohmann::json errors = nlohmann::json::array();
  for (const auto& f : e.fields) {
    errors.push_back({{"field", f.field}, {"code", f.key}, {"message", c.Text(req.lang, f.key)}});
  }
  if (errors.empty()) {
    std::string msg = e.code == Code::kInternal ? c.Text(req.lang, "error.internal")
                                                : c.Text(req.lang, e.message);
    errors.push_back({{"field", nullptr}, {"code", CodeName(e.code)}, {"message", msg}});
  }
  nlohmann::json body = {{"errors", errors}};
  if (e.code == Code::kInternal || e.code == Code::kUnavailable) body["request_id"] = req.request_id;
  return body.dump();
}

Response ErrorResponse(const Request& req, const Error& e, const Templates& t) {
  int status = HttpStatus(e.code);
  if (req.WantsJson()) {
    return Response::Text(ErrorJson(req, e, t.catalog()), "application/json", status);
  }
  if (e.code == Code::kUnauthorized) {
    return Response::Redirect("/masuk?next=" + UrlEncode(req.path));
  }
  Page page(t, req, "error.title", "http/templates/error.tpl");
  std::string msg = e.code == Code::kInternal ? t.catalog().Text(req.lang, "error.internal")
                                              : t.catalog().Text(req.lang, e.message);
  page.content().SetValue("MESSAGE", msg);
  page.content().SetValue("REQUEST_ID", req.request_id);
  page.content().SetIntValue("STATUS", status);
  return page.Finish(status);
}

namespace {
const char* ContentType(const std::string& name) {
  auto ends = [&](const char* s) {
    std::string_view n(name), suf(s);
    return n.size() >= suf.size() && n.substr(n.size() - suf.size()) == suf;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

bool IsUnsafe(const std::string& m) { return m == "POST" || m == "PUT" || m == "DELETE" || m == "PATCH"; }
}  // namespace

Pipeline::Pipeline(const Router* router, Authenticator* auth, const Templates* templates,
                   peduli::Metrics* metrics, PipelineOptions options)
    : router_(router), auth_(auth), templates_(templates), metrics_(metrics),
      options_(std::move(options)) {
  // Static assets are small and few: read once, served from memory.
  for (const auto& path : options_.static_files) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("missing static file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string name = std::filesystem::path(path).filename().string();
    std::string body = ss.str();
    static_files_[name] = {ContentType(name), body, Gzip(body, 9)};
  }
}

std::optional<Response> Pipeline::Static(const Request& req) {
  if (req.path.rfind("/static/", 0) != 0) return std::nullopt;
  auto it = static_files_.find(req.path.substr(8));
  if (it == static_files_.end()) return std::nullopt;
  const bool gzip = req.Header("accept-encoding").value_or("").find("gzip") != std::string::npos;
  Response r = Response::Text(gzip ? it->second.gzipped : it->second.body, it->second.type);
  if (gzip) r.Set("Content-Encoding", "gzip");
  r.Set("Vary", "Accept-Encoding");
  r.Set("Cache-Control", "public, max-age=86400");
  return r;
}

Response Pipeline::Handle(Request& req) {
  auto start = std::chrono::steady_clock::now();
  req.request_id = crypto::RandomToken(10);
  Response res;
  try {
    res = Dispatch(req);
  } catch (const std::exception& ex) {
    // A bug: the user sees a request id, the log gets the reason, nobody sees a stack.
    log::Error("unhandled_exception", {{"request_id", req.request_id}, {"route", req.route},
                                       {"what", ex.what()}});
    res = ErrorResponse(req, Error::Internal("exception"), *templates_);
  }
  res.Set("X-Request-Id", req.request_id);
  res.Set("X-Content-Type-Options", "nosniff");
  res.Set("Referrer-Policy", "same-origin");
  res.Set("X-Frame-Options", "DENY");
  res.Set("Content-Security-Policy",
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  if (!res.Header("Cache-Control")) res.Set("Cache-Control", "no-store");
  // Pages and JSON are compressed for people on prepaid data; static files come compressed.
  if (res.body.size() > 1024 && !res.Header("Content-Encoding") &&
      req.Header("accept-encoding").value_or("").find("gzip") != std::string::npos) {
    auto type = res.Header("Content-Type").value_or("");
    if (type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0) {
      res.body = Gzip(res.body, 5);
      res.Set("Content-Encoding", "gzip");
      res.Set("Vary", "Accept-Encoding");
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::string route = req.route.empty() ? (res.status == 404 ? "unmatched" : "static") : req.route;
  metrics_->ObserveRequest(req.method, route, res.status, secs);
  log::Info("request", {{"request_id", req.request_id}, {"method", req.method},
                        {"route", route}, {"status", res.status},
                        {"ms", static_cast<int64_t>(secs * 1e6) / 1000.0}});
  return res;
}

Response Pipeline::Dispatch(Request& req) {
  if (auto s = Static(req)) return *s;

  // Language: an explicit ?lang= choice is remembered in a cookie.
  std::optional<std::string> set_lang;
  if (auto q = req.QueryParam("lang")) {
    req.lang = Catalog::Normalize(*q);
    set_lang = req.lang;
  } else if (auto c = req.Cookie(kLangCookie)) {
    req.lang = Catalog::Normalize(*c);
  }  // Otherwise Indonesian: English is a choice, not a guess from the browser.

  const bool multipart =
      req.Header("content-type").value_or("").find("multipart/form-data") != std::string::npos;
  if (req.body.size() > (multipart ? options_.max_upload_bytes : options_.max_body_bytes)) {
    Response r = ErrorResponse(req, {Code::kInvalid, "error.too_large", {}}, *templates_);
    r.status = 413;
    return r;
  }

  // Session: a Bearer token (API clients) or the session cookie (browsers).
  if (auto h = req.Header("authorization"); h && h->rfind("Bearer ", 0) == 0) {
    req.principal = auth_->Resolve(h->substr(7));
    if (req.principal) req.principal->via_cookie = false;
  } else if (auto c = req.Cookie(kSessionCookie)) {
    req.principal = auth_->Resolve(*c);
    if (req.principal) req.principal->via_cookie = true;
  }

  // CSRF: a signed-in browser uses its session's token; anyone else posting a form uses
  // the double-submit cookie. Bearer and cookie-less JSON calls carry no ambient authority.
  std::optional<std::string> new_csrf_cookie;
  if (req.principal && req.principal->via_cookie) {
    req.csrf = req.principal->csrf;
  } else if (auto c = req.Cookie(kCsrfCookie); c && c->size() >= 16) {
    req.csrf = *c;
  } else {
    req.csrf = crypto::RandomToken(20);
    new_csrf_cookie = req.csrf;
  }
  if (IsUnsafe(req.method)) {
    bool cookie_auth = req.principal && req.principal->via_cookie;
    auto ct = req.Header("content-type").value_or("");
    bool is_form = ct.find("application/x-www-form-urlencoded") != std::string::npos ||
                   ct.find("multipart/form-data") != std::string::npos;
    if (cookie_auth || is_form) {
      std::string sent = req.Header("x-csrf-token").value_or(req.FormValue("_csrf"));
      if (new_csrf_cookie || sent.empty() || !crypto::Equal(sent, req.csrf)) {
        return ErrorResponse(req, Error::Forbidden("error.csrf"), *templates_);
      }
    }
  }

  const Route* route = nullptr;
  Response res;
  switch (router_->Find(req, &route)) {
    case Router::Match::kNotFound:
      res = ErrorResponse(req, Error::NotFound(), *templates_);
      break;
    case Router::Match::kMethodNotAllowed:
      res = ErrorResponse(req, {Code::kInvalid, "error.method", {}}, *templates_);
      res.status = 405;
      break;
    case Router::Match::kFound: {
      bool allowed = route->access == Access::kPublic ||
                     (req.principal && (route->access == Access::kSignedIn ||
                                        req.principal->role == "citizen"));
      if (!req.principal && route->access != Access::kPublic) {
        res = ErrorResponse(req, Error::Unauthorized(), *templates_);
      } else if (!allowed) {
        res = ErrorResponse(req, Error::Forbidden(), *templates_);
      } else {
        res = route->handler(req);
      }
      break;
    }
  }
  if (new_csrf_cookie) {
    res.Set("Set-Cookie", SetCookieValue(kCsrfCookie, *new_csrf_cookie, options_.secure_cookies));
  }
  if (set_lang) {
    res.Set("Set-Cookie", SetCookieValue(kLangCookie, *set_lang, options_.secure_cookies,
                                         365 * 86400));
  }
  if (req.method == "HEAD") {
    res.body.clear();
    res.stream = nullptr;
  }
  return res;
}

}  // namespace peduli::http
