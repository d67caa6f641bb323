// BP2MI (migrant-worker placements) over HTTP: POST {base}/v1/placements/search
// (docs/integrations.md). The NIK travels in the body, never in the URL.
#include <nlohmann/json.hpp>

#include "adapters/registries/http_json_client.h"
#include "adapters/registries/registries.h"

namespace peduli::registries {
namespace {

bool Text(const nlohmann::json& p, const char* name, std::string* out) {
  auto it = p.find(name);
  if (it == p.end() || it->is_null()) return true;  // absent: unknown to the registry
  if (!it->is_string()) return false;
  *out = it->get<std::string>();
  return true;
}

// {"placements":[{"employer_name","country","agency","contract_start","contract_end",
//                 "status":"active|ended|cancelled"}]}
bool ParsePlacements(const nlohmann::json& j, std::vector<Placement>* out) {
  out->clear();
  auto list = j.find("placements");
  if (list == j.end() || !list->is_array()) return false;
  for (const auto& p : *list) {
    if (!p.is_object()) return false;
    Placement x;
    if (!Text(p, "employer_name", &x.employer_name) || !Text(p, "country", &x.country) ||
        !Text(p, "agency", &x.agency) || !Text(p, "contract_start", &x.contract_start) ||
        !Text(p, "contract_end", &x.contract_end) || !Text(p, "status", &x.status)) {
      return false;
    }
    if (x.status != "active" && x.status != "ended" && x.status != "cancelled") return false;
    out->push_back(std::move(x));
  }
  return true;
}

class Bp2miClient final : public Bp2mi {
 public:
  Bp2miClient(ClientOptions o, Metrics* metrics, const Clock* clock)
      : http_("bp2mi", std::move(o), metrics, clock) {}

  Result<std::vector<Placement>> Placements(const std::string& nik) override {
    std::vector<Placement> out;
    Status s = http_.Post("/v1/placements/search", nlohmann::json{{"nik", nik}},
                          [&out](const nlohmann::json& j) { return ParsePlacements(j, &out); });
    if (!s.ok()) return s.take_error();
    return out;
  }

 private:
  HttpJsonClient http_;
};

}  // namespace

std::unique_ptr<Bp2mi> MakeBp2miClient(ClientOptions o, Metrics* metrics, const Clock* clock) {
  return std::make_unique<Bp2miClient>(std::move(o), metrics, clock);
}

}  // namespace peduli::registries
