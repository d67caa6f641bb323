#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace peduli::log {

// Structured JSON lines on stderr via spdlog. Callers pass ids, routes, codes and timings,
// never personal data (names, NIKs, emails, phones, addresses).
void Init(const std::string& level);
void Info(const std::string& event, nlohmann::json fields = nlohmann::json::object());
void Warn(const std::string& event, nlohmann::json fields = nlohmann::json::object());
void Error(const std::string& event, nlohmann::json fields = nlohmann::json::object());

}  // namespace peduli::log
