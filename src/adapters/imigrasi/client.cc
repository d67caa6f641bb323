// Imigrasi (passports) over HTTP: POST {base}/v1/passports/check (docs/integrations.md).
#include <nlohmann/json.hpp>

#include "adapters/registries/http_json_client.h"
#include "adapters/registries/registries.h"

namespace peduli::registries {
namespace {

bool KnownStatus(const std::string& s) {
  return s == "valid" || s == "expired" || s == "revoked" || s == "lost";
}

bool OptionalString(const nlohmann::json& j, const char* name, std::string* out) {
  auto it = j.find(name);
  if (it == j.end() || it->is_null()) return true;
  if (!it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

// {"found":bool,"holder_match":bool,"status":"valid|expired|revoked|lost",
//  "expiry_date":"YYYY-MM-DD","mismatched":["full_name",...]}; status and expiry_date only
// when holder_match.
bool ParseVerdict(const nlohmann::json& j, PassportVerdict* v) {
  *v = {};
  auto found = j.find("found");
  if (found == j.end() || !found->is_boolean()) return false;
  v->found = found->get<bool>();
  if (!v->found) return true;
  auto holder = j.find("holder_match");
  if (holder == j.end() || !holder->is_boolean()) return false;
  v->holder_match = holder->get<bool>();
  if (!OptionalString(j, "status", &v->status)) return false;
  if (!OptionalString(j, "expiry_date", &v->expiry_date)) return false;
  if (v->holder_match && !KnownStatus(v->status)) return false;
  if (!v->status.empty() && !KnownStatus(v->status)) return false;
  if (auto m = j.find("mismatched"); m != j.end() && !m->is_null()) {
    if (!m->is_array()) return false;
    for (const auto& f : *m) {
      if (!f.is_string()) return false;
      v->mismatched.push_back(f.get<std::string>());
    }
  }
  return true;
}

class ImigrasiClient final : public Imigrasi {
 public:
  ImigrasiClient(ClientOptions o, Metrics* metrics, const Clock* clock)
      : http_("imigrasi", std::move(o), metrics, clock) {}

  Result<PassportVerdict> Check(const PassportQuery& q) override {
    const nlohmann::json body = {{"passport_number", q.passport_number},
                                 {"nik", q.nik},
                                 {"full_name", q.full_name},
                                 {"birth_date", q.birth_date}};
    PassportVerdict v;
    Status s = http_.Post("/v1/passports/check", body,
                          [&v](const nlohmann::json& j) { return ParseVerdict(j, &v); });
    if (!s.ok()) return s.take_error();
    return v;
  }

 private:
  HttpJsonClient http_;
};

}  // namespace

std::unique_ptr<Imigrasi> MakeImigrasiClient(ClientOptions o, Metrics* metrics,
                                             const Clock* clock) {
  return std::make_unique<ImigrasiClient>(std::move(o), metrics, clock);
}

}  // namespace peduli::registries
