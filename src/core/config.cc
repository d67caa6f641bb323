#include "core/config.h"

#include <cstdlib>
#include <toml++/toml.h>

namespace peduli {
namespace {

// One table of settings serves both the TOML file and the environment.
struct Setting {
  const char* key;  // TOML key; the variable is PEDULI_<KEY upper case>
  std::string Config::*text = nullptr;
  int Config::*number = nullptr;
  bool Config::*flag = nullptr;
};

const Setting kSettings[] = {
    {"address", &Config::address},       {"port", nullptr, &Config::port},
    {"data_dir", &Config::data_dir},     {"database", &Config::database},
    {"demo", nullptr, nullptr, &Config::demo},
    {"base_url", &Config::base_url},
    {"secure_cookies", nullptr, nullptr, &Config::secure_cookies},
    {"threads", nullptr, &Config::threads}, {"db_pool", nullptr, &Config::db_pool},
    {"log_level", &Config::log_level},   {"assets_dir", &Config::assets_dir},
    {"mail_from", &Config::mail_from},   {"smtp_url", &Config::smtp_url},
    {"smtp_username", &Config::smtp_username}, {"smtp_password", &Config::smtp_password},
    {"dukcapil_url", &Config::dukcapil_url},   {"imigrasi_url", &Config::imigrasi_url},
    {"bp2mi_url", &Config::bp2mi_url},         {"registry_api_key", &Config::registry_api_key},
    {"registry_client_cert", &Config::registry_client_cert},
    {"registry_client_key", &Config::registry_client_key},
    {"registry_ca_file", &Config::registry_ca_file},
    {"registry_timeout_ms", nullptr, &Config::registry_timeout_ms},
    {"verification_enabled", nullptr, nullptr, &Config::verification_enabled},
    {"verification_workers", nullptr, &Config::verification_workers},
    {"verification_retry_base_seconds", nullptr, &Config::verification_retry_base_seconds},
    {"verification_max_attempts", nullptr, &Config::verification_max_attempts},
    {"stats_suppression_threshold", nullptr, &Config::stats_suppression_threshold},
    {"crisis_retention_days", nullptr, &Config::crisis_retention_days},
    {"outbox_rate_email", nullptr, &Config::outbox_rate_email},
    {"outbox_rate_sms", nullptr, &Config::outbox_rate_sms},
    {"outbox_rate_whatsapp", nullptr, &Config::outbox_rate_whatsapp},
    {"outbox_rate_portal", nullptr, &Config::outbox_rate_portal},
    {"stats_counters", nullptr, nullptr, &Config::stats_counters},
    {"stats_fold_ms", nullptr, &Config::stats_fold_ms},
};

std::string EnvName(const char* key) {
  std::string n = "PEDULI_";
  for (const char* p = key; *p; ++p) n.push_back(static_cast<char>(std::toupper(*p)));
  return n;
}

}  // namespace

Status ApplyTomlFile(const std::string& path, Config* c) {
  toml::table t;
  try {
    t = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Error::Invalid("config", std::string("config: ") + std::string(e.description()));
  }
  for (const auto& s : kSettings) {
    auto node = t[s.key];
    if (!node) continue;
    if (s.text) {
      auto v = node.value<std::string>();
      if (!v) return Error::Invalid(s.key, "config: expected a string");
      c->*s.text = *v;
    } else if (s.number) {
      auto v = node.value<int64_t>();
      if (!v) return Error::Invalid(s.key, "config: expected an integer");
      c->*s.number = static_cast<int>(*v);
    } else {
      auto v = node.value<bool>();
      if (!v) return Error::Invalid(s.key, "config: expected true or false");
      c->*s.flag = *v;
    }
  }
  return Status::Ok();
}

Status ApplyEnvironment(Config* c) {
  for (const auto& s : kSettings) {
    const char* v = std::getenv(EnvName(s.key).c_str());
    if (!v) continue;
    std::string text = v;
    if (s.text) {
      c->*s.text = text;
    } else if (s.number) {
      try {
        c->*s.number = std::stoi(text);
      } catch (const std::exception&) {
        return Error::Invalid(s.key, "config: " + EnvName(s.key) + " must be an integer");
      }
    } else {
      c->*s.flag = text == "1" || text == "true" || text == "yes";
    }
  }
  return Status::Ok();
}

}  // namespace peduli
