#pragma once

// Small helpers shared by the voter-action routes (routes_officer.cc, routes_ballots.cc,
// routes_citizen.cc). Internal to the election module.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/i18n.h"
#include "modules/registry/model.h"

namespace peduli::election::voter_util {

inline std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1) return std::nullopt;
  return v;
}

// A string member of a JSON body; "" when absent or not a string (validation reports it).
inline std::string Str(const nlohmann::json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "POS" -> the catalog's "voter.method.pos" text; "" stays "".
inline std::string MethodText(const http::Catalog& c, const std::string& lang,
                              const std::string& method) {
  if (method.empty()) return "";
  std::string key = method;
  std::transform(key.begin(), key.end(), key.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return c.Text(lang, "voter.method." + key);
}

// The mission of the record's current stay; "" when it has none (returned, deleted).
inline std::string CurrentMission(const registry::CitizenRecord& rec) {
  if (rec.status != "active" || rec.stays.empty() || rec.stays.front().ended_at != 0) return "";
  return rec.stays.front().mission_code;
}

// The mission a record belongs to for authorisation: its current (or last) stay's.
inline std::string MissionOf(const registry::CitizenRecord& rec) {
  return rec.stays.empty() ? "" : rec.stays.front().mission_code;
}

}  // namespace peduli::election::voter_util
