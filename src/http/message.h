#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace peduli::http {

// Who is signed in, as resolved from the session cookie or a Bearer token.
struct Principal {
  int64_t account_id = 0;
  std::string role;          // citizen, officer, supervisor, hq, hq_admin, dpo, election
  std::string mission_code;  // staff scope
  std::string name;
  std::string email;
  std::string csrf;          // this session's CSRF token
  bool via_cookie = false;   // false for Bearer tokens: those need no CSRF token
};

// The server-independent view of one HTTP request. Built by server.cc from RESTinio's
// request; handlers and tests never see RESTinio types.
struct Request {
  std::string method;  // upper case
  std::string path;    // decoded path without the query
  std::string query;   // raw query string
  std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
  std::string body;
  std::string remote_ip;

  // Filled in by the pipeline before the handler runs.
  std::string request_id;
  std::string lang = "id";  // "id" or "en"
  std::string route;        // the matched route pattern, for metrics
  std::map<std::string, std::string> params;  // path parameters
  std::optional<Principal> principal;
  std::string csrf;  // the CSRF token forms on this response must carry

  std::optional<std::string> Header(std::string_view name) const;  // name in lower case
  std::optional<std::string> Cookie(std::string_view name) const;
  std::optional<std::string> QueryParam(std::string_view name) const;
  // application/x-www-form-urlencoded body, parsed once.
  const std::multimap<std::string, std::string>& Form() const;
  std::string FormValue(const std::string& name) const;
  bool WantsJson() const;  // an /api/ path
  // The body as a JSON object; nullopt when it is not one (the caller answers 422).
  std::optional<nlohmann::json> JsonObject() const;

 private:
  mutable std::optional<std::multimap<std::string, std::string>> form_;
};

// The next piece of a streamed body; nullopt at the end.
using BodyStream = std::function<Result<std::optional<std::string>>()>;

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // Set instead of `body` for answers of any size (voter-list exports): the server sends
  // the pieces as HTTP/1.1 chunks and asks for the next only once the previous one is
  // written, so memory stays flat however slow the client. An error after the first piece
  // cuts the connection without the final chunk: the client sees an incomplete transfer,
  // never a complete-looking short file.
  BodyStream stream;
  // Set instead of `body` when the answer comes later (a live page waiting for a change):
  // the server calls `later` once, at once, with a function that sends the answer; that
  // function may be called from any thread, once, and no thread waits meanwhile. The
  // headers of this response (the pipeline's) go out with the answer unless it sets them.
  // After the server stops, sending does nothing.
  std::function<void(std::function<void(Response)>)> later;

  Response& Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  std::optional<std::string> Header(std::string_view name) const;

  static Response Html(std::string body, int status = 200);
  static Response Json(const nlohmann::json& body, int status = 200);
  static Response Text(std::string body, std::string content_type, int status = 200);
  // 303 See Other: the answer to a successful form POST.
  static Response Redirect(const std::string& location);
};

// Percent-decoding and application/x-www-form-urlencoded parsing.
std::string UrlDecode(std::string_view s, bool plus_is_space);
std::string UrlEncode(std::string_view s);
std::multimap<std::string, std::string> ParseUrlEncoded(std::string_view body);

// "name=value; Path=/; HttpOnly; SameSite=Lax[; Secure][; Max-Age=N]"
std::string SetCookieValue(const std::string& name, const std::string& value, bool secure,
                           int64_t max_age = -1, bool http_only = true);

}  // namespace peduli::http
