#include "sim/registry_sim.h"

#include <chrono>

#include "core/crypto.h"
#include "core/log.h"

namespace peduli::sim {
namespace {

using nlohmann::json;
using http::Response;

double MillisSince(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

bool IsNik(const std::string& s) {
  if (s.size() != 16) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Response Problem(int status, const std::string& error, const std::string& field = "") {
  json body = {{"error", error}};
  if (!field.empty()) body["field"] = field;
  return Response::Json(body, status);
}

}  // namespace

json ToJson(const Mode& m) {
  return {{"slow_ms", m.slow_ms},
          {"error_rate", m.error_rate},
          {"hang_rate", m.hang_rate},
          {"garbage_rate", m.garbage_rate}};
}

Result<Mode> ApplyMode(const json& j, Mode m) {
  if (!j.is_object()) return Error::Invalid("mode", "an object");
  for (const auto& [key, value] : j.items()) {
    if (key == "slow_ms") {
      if (!value.is_number_integer() || value.get<long>() < 0) {
        return Error::Invalid(key, "a non-negative integer");
      }
      m.slow_ms = value.get<long>();
      continue;
    }
    double* rate = key == "error_rate"     ? &m.error_rate
                   : key == "hang_rate"    ? &m.hang_rate
                   : key == "garbage_rate" ? &m.garbage_rate
                                           : nullptr;
    if (rate == nullptr) return Error::Invalid(key, "unknown setting");
    if (!value.is_number() || value.get<double>() < 0 || value.get<double>() > 1) {
      return Error::Invalid(key, "a number from 0 to 1");
    }
    *rate = value.get<double>();
  }
  return m;
}

RegistrySim::RegistrySim(const demo::Population& pop, SimOptions options)
    : api_key_(std::move(options.api_key)),
      hang_ms_(options.hang_ms),
      rules_(pop),
      mode_(options.mode),
      rng_(options.fault_seed) {
  using http::Access;
  router_.Post("/dukcapil/v1/verify", Access::kPublic, [this](http::Request& r) {
    return ServeRegistry("dukcapil", r, [this](const json& q) { return rules_.Verify(q); });
  });
  router_.Post("/imigrasi/v1/passports/check", Access::kPublic, [this](http::Request& r) {
    return ServeRegistry("imigrasi", r, [this](const json& q) { return rules_.CheckPassport(q); });
  });
  router_.Post("/bp2mi/v1/placements/search", Access::kPublic, [this](http::Request& r) {
    return ServeRegistry("bp2mi", r, [this](const json& q) {
      return rules_.SearchPlacements(q.at("nik").get<std::string>());
    });
  });
  router_.Get("/_sim/health", Access::kPublic,
              [](http::Request&) { return Response::Json({{"status", "ok"}}); });
  router_.Get("/_sim/mode", Access::kPublic,
              [this](http::Request&) { return Response::Json(ToJson(mode())); });
  router_.Post("/_sim/mode", Access::kPublic, [this](http::Request& r) {
    auto m = ApplyMode(json::parse(r.body, nullptr, false), mode());
    if (!m.ok()) {
      const auto& f = m.error().fields.front();
      return Response::Json({{"error", "invalid_mode"}, {"field", f.field}, {"expected", f.key}},
                            400);
    }
    set_mode(*m);
    return Response::Json(ToJson(*m));
  });
  router_.Get("/_sim/stats", Access::kPublic,
              [this](http::Request&) { return Response::Json(Stats()); });
  router_.Delete("/_sim/stats", Access::kPublic, [this](http::Request&) {
    ResetStats();
    return Response::Json(Stats());
  });
}

Response RegistrySim::Handle(http::Request& req) {
  const auto started = std::chrono::steady_clock::now();
  const http::Route* route = nullptr;
  Response res;
  try {
    switch (router_.Find(req, &route)) {
      case http::Router::Match::kFound:
        // Registry routes log their own line, with the system and the outcome.
        if (route->pattern.rfind("/_sim/", 0) != 0) return route->handler(req);
        res = route->handler(req);
        break;
      case http::Router::Match::kNotFound:
        res = Problem(404, "not_found");
        break;
      case http::Router::Match::kMethodNotAllowed:
        res = Problem(405, "method_not_allowed");
        break;
    }
  } catch (const std::exception& e) {
    log::Error("sim_exception", {{"what", e.what()}});
    res = Problem(500, "internal");
  }
  log::Info("sim_request", {{"method", req.method},
                            {"route", route ? route->pattern : "unmatched"},
                            {"status", res.status},
                            {"ms", MillisSince(started)}});
  return res;
}

Response RegistrySim::ServeRegistry(const std::string& system, http::Request& req,
                               const Answer& answer) {
  const auto started = std::chrono::steady_clock::now();
  const json query = json::parse(req.body, nullptr, false);
  std::string nik;
  if (query.is_object()) {
    if (auto it = query.find("nik"); it != query.end() && it->is_string()) nik = it->get<std::string>();
  }
  {
    std::lock_guard lock(mu_);
    ++requests_[system];
    if (!nik.empty()) ++by_nik_[system][nik];
  }
  std::string outcome = "ok";
  Response res = [&]() -> Response {
    if (!api_key_.empty()) {
      auto key = req.Header("x-api-key");
      if (!key || !crypto::Equal(*key, api_key_)) {
        outcome = "unauthorized";
        return Problem(401, "unauthorized");
      }
    }
    if (!query.is_object()) {
      outcome = "bad_request";
      return Problem(400, "invalid_json");
    }
    if (system != "imigrasi" && !IsNik(nik)) {
      outcome = "bad_request";
      return Problem(400, "invalid_field", "nik");
    }
    if (system == "imigrasi") {
      auto it = query.find("passport_number");
      if (it == query.end() || !it->is_string() || it->get<std::string>().empty()) {
        outcome = "bad_request";
        return Problem(400, "invalid_field", "passport_number");
      }
    }
    const Mode m = mode();
    if (m.slow_ms > 0 && !Wait(m.slow_ms)) {
      outcome = "shutdown";
      return Problem(503, "shutting_down");
    }
    const Fault fault = DrawFault();
    if (fault == Fault::kHang) {
      outcome = "hang";
      if (!Wait(hang_ms_)) return Problem(503, "shutting_down");
    } else if (fault == Fault::kError) {
      outcome = "error";
      return Problem(503, "unavailable");
    }
    const std::string body = answer(query).dump();
    if (fault == Fault::kGarbage) {
      outcome = "garbage";
      return Response::Text(body.substr(0, body.size() / 2), "application/json");
    }
    return Response::Text(body, "application/json");
  }();
  {
    std::lock_guard lock(mu_);
    ++outcomes_[system][outcome];
  }
  log::Info("sim_request", {{"system", system},
                            {"outcome", outcome},
                            {"status", res.status},
                            {"ms", MillisSince(started)}});
  return res;
}

RegistrySim::Fault RegistrySim::DrawFault() {
  std::lock_guard lock(mu_);
  if (mode_.hang_rate <= 0 && mode_.error_rate <= 0 && mode_.garbage_rate <= 0) {
    return Fault::kNone;
  }
  double u = std::uniform_real_distribution<double>(0, 1)(rng_);
  if (u < mode_.hang_rate) return Fault::kHang;
  u -= mode_.hang_rate;
  if (u < mode_.error_rate) return Fault::kError;
  u -= mode_.error_rate;
  if (u < mode_.garbage_rate) return Fault::kGarbage;
  return Fault::kNone;
}

bool RegistrySim::Wait(long ms) {
  std::unique_lock lock(mu_);
  return !wake_.wait_for(lock, std::chrono::milliseconds(ms), [this] { return stopping_; });
}

void RegistrySim::Shutdown() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
}

Mode RegistrySim::mode() const {
  std::lock_guard lock(mu_);
  return mode_;
}

void RegistrySim::set_mode(const Mode& m) {
  std::lock_guard lock(mu_);
  mode_ = m;
  log::Info("sim_mode", ToJson(m));
}

json RegistrySim::Stats() const {
  std::lock_guard lock(mu_);
  json requests = {{"dukcapil", 0}, {"imigrasi", 0}, {"bp2mi", 0}};
  for (const auto& [system, n] : requests_) requests[system] = n;
  json outcomes = json::object(), by_nik = json::object();
  for (const auto& [system, counts] : outcomes_) outcomes[system] = counts;
  for (const auto& [system, counts] : by_nik_) by_nik[system] = counts;
  return {{"requests", requests}, {"outcomes", outcomes}, {"by_nik", by_nik}};
}

void RegistrySim::ResetStats() {
  std::lock_guard lock(mu_);
  requests_.clear();
  outcomes_.clear();
  by_nik_.clear();
}

}  // namespace peduli::sim
