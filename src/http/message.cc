#include "http/message.h"
#include "http/multipart.h"

#include <nlohmann/json.hpp>

namespace peduli::http {

namespace {
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}
}  // namespace

std::string UrlDecode(std::string_view s, bool plus_is_space) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else if (c == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string UrlEncode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::multimap<std::string, std::string> ParseUrlEncoded(std::string_view body) {
  std::multimap<std::string, std::string> out;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view{} : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string key = UrlDecode(pair.substr(0, eq), true);
    std::string value = eq == std::string_view::npos ? "" : UrlDecode(pair.substr(eq + 1), true);
    out.emplace(std::move(key), std::move(value));
  }
  return out;
}

std::optional<std::string> Request::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k == name) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      size_t semi = rest.find(';');
      std::string_view part = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view{} : rest.substr(semi + 1);
      size_t eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) {
        return std::string(part.substr(eq + 1));
      }
    }
  }
  return std::nullopt;
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  for (const auto& [k, v] : ParseUrlEncoded(query)) {
    if (k == name) return v;
  }
  return std::nullopt;
}

const std::multimap<std::string, std::string>& Request::Form() const {
  if (!form_) {
    auto ct = Header("content-type");
    if (ct && ct->find("application/x-www-form-urlencoded") != std::string::npos) {
      form_ = ParseUrlEncoded(body);
    } else if (auto parts = ct ? ParseMultipart(*ct, body) : std::nullopt) {
      // An upload form's plain fields (its _csrf among them); files are read by the route.
      form_.emplace();
      for (auto& part : *parts) {
        if (part.file_name.empty()) form_->emplace(part.name, std::move(part.data));
      }
    } else {
      form_.emplace();
    }
  }
  return *form_;
}

std::string Request::FormValue(const std::string& name) const {
  auto it = Form().find(name);
  return it == Form().end() ? "" : it->second;
}

std::optional<nlohmann::json> Request::JsonObject() const {
  auto j = nlohmann::json::parse(body, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return std::nullopt;
  return j;
}

bool Request::WantsJson() const { return path.rfind("/api/", 0) == 0; }

std::optional<std::string> Response::Header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k.size() == name.size() &&
        std::equal(k.begin(), k.end(), name.begin(),
                   [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return v;
    }
  }
  return std::nullopt;
}

Response Response::Html(std::string body, int status) {
  Response r{status, {{"Content-Type", "text/html; charset=utf-8"}}, std::move(body)};
  return r;
}

Response Response::Json(const nlohmann::json& body, int status) {
  Response r{status, {{"Content-Type", "application/json"}}, body.dump()};
  return r;
}

Response Response::Text(std::string body, std::string content_type, int status) {
  Response r{status, {{"Content-Type", std::move(content_type)}}, std::move(body)};
  return r;
}

Response Response::Redirect(const std::string& location) {
  Response r{303, {{"Location", location}}, ""};
  return r;
}

std::string SetCookieValue(const std::string& name, const std::string& value, bool secure,
                           int64_t max_age, bool http_only) {
  std::string c = name + "=" + value + "; Path=/; SameSite=Lax";
  if (http_only) c += "; HttpOnly";
  if (secure) c += "; Secure";
  if (max_age >= 0) c += "; Max-Age=" + std::to_string(max_age);
  return c;
}

}  // namespace peduli::http
