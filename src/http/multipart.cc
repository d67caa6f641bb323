#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace peduli::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The value of `key=` in a header's parameters ("form-data; name=\"a\"; filename=\"b\"").
std::optional<std::string> Param(std::string_view header, std::string_view key) {
  size_t pos = 0;
  while ((pos = header.find(';', pos)) != std::string_view::npos) {
    ++pos;
    auto rest = Trim(header.substr(pos));
    auto eq = rest.find('=');
    if (eq == std::string_view::npos) continue;
    if (Lower(Trim(rest.substr(0, eq))) != key) continue;
    auto v = rest.substr(eq + 1);
    if (!v.empty() && v.front() == '"') {
      std::string out;
      for (size_t i = 1; i < v.size(); ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) out += v[++i];
        else if (v[i] == '"') return out;
        else out += v[i];
      }
      return std::nullopt;
    }
    auto end = v.find(';');
    return std::string(Trim(v.substr(0, end)));
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::vector<Part>> ParseMultipart(std::string_view content_type,
                                                std::string_view body) {
  if (Lower(content_type).rfind("multipart/form-data", 0) != 0) return std::nullopt;
  auto boundary = Param(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  const std::string delim = "--" + *boundary;
  size_t pos = body.find(delim);
  if (pos == std::string_view::npos) return std::nullopt;
  std::vector<Part> parts;
  while (true) {
    pos += delim.size();
    if (body.substr(pos, 2) == "--") return parts;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    Part p;
    bool has_disposition = false;
    auto headers = body.substr(pos, head_end - pos);
    size_t line_start = 0;
    while (line_start <= headers.size()) {
      auto eol = headers.find("\r\n", line_start);
      auto line = headers.substr(line_start, eol == std::string_view::npos ? std::string_view::npos
                                                                           : eol - line_start);
      auto colon = line.find(':');
      if (colon != std::string_view::npos) {
        auto name = Lower(Trim(line.substr(0, colon)));
        auto value = Trim(line.substr(colon + 1));
        if (name == "content-disposition") {
          has_disposition = true;
          p.name = Param(value, "name").value_or("");
          p.file_name = Param(value, "filename").value_or("");
        } else if (name == "content-type") {
          p.content_type = std::string(value);
        }
      }
      if (eol == std::string_view::npos) break;
      line_start = eol + 2;
    }
    if (!has_disposition) return std::nullopt;
    const size_t data_start = head_end + 4;
    auto next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos) return std::nullopt;
    p.data = std::string(body.substr(data_start, next - data_start));
    parts.push_back(std::move(p));
    pos = next + 2;
  }
}

}  // namespace peduli::http
