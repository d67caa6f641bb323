#include "core/log.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

namespace peduli::log {

void Init(const std::string& level) {
  auto logger = spdlog::stderr_logger_mt("peduli");
  // The message is the rest of a JSON object; the pattern opens it with time and level.
  logger->set_pattern(R"({"time":"%Y-%m-%dT%H:%M:%S.%eZ","level":"%l",%v})", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
  spdlog::flush_every(std::chrono::seconds(1));
}

namespace {
void Write(spdlog::level::level_enum lvl, const std::string& event, nlohmann::json fields) {
  fields["event"] = event;
  std::string body = fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Strip the outer braces: the pattern supplies them.
  spdlog::log(lvl, "{}", std::string_view(body).substr(1, body.size() - 2));
}
}  // namespace

void Info(const std::string& e, nlohmann::json f) { Write(spdlog::level::info, e, std::move(f)); }
void Warn(const std::string& e, nlohmann::json f) { Write(spdlog::level::warn, e, std::move(f)); }
void Error(const std::string& e, nlohmann::json f) { Write(spdlog::level::err, e, std::move(f)); }

}  // namespace peduli::log
