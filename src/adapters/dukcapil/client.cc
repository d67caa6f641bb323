// Dukcapil (civil registry) over HTTP: POST {base}/v1/verify, match-only
// (docs/integrations.md).
#include <nlohmann/json.hpp>

#include "adapters/registries/http_json_client.h"
#include "adapters/registries/registries.h"

namespace peduli::registries {
namespace {

constexpr const char* kSesuai = "sesuai";
constexpr const char* kTidakSesuai = "tidak sesuai";

// {"found":bool,"fields":{"<field>":"sesuai"|"tidak sesuai"}}; "fields" may be absent
// when not found.
bool ParseVerdict(const nlohmann::json& j, DukcapilVerdict* v) {
  *v = {};
  auto found = j.find("found");
  if (found == j.end() || !found->is_boolean()) return false;
  v->found = found->get<bool>();
  auto fields = j.find("fields");
  if (fields == j.end() || fields->is_null()) return !v->found;
  if (!fields->is_object()) return false;
  for (const auto& [name, verdict] : fields->items()) {
    if (!verdict.is_string()) return false;
    const auto& s = verdict.get_ref<const std::string&>();
    if (s != kSesuai && s != kTidakSesuai) return false;
    v->fields[name] = s == kSesuai;
  }
  return true;
}

class DukcapilClient final : public Dukcapil {
 public:
  DukcapilClient(ClientOptions o, Metrics* metrics, const Clock* clock)
      : http_("dukcapil", std::move(o), metrics, clock) {}

  Result<DukcapilVerdict> Verify(const DukcapilQuery& q) override {
    const nlohmann::json body = {{"nik", q.nik},
                                 {"full_name", q.full_name},
                                 {"birth_place", q.birth_place},
                                 {"birth_date", q.birth_date},
                                 {"sex", q.sex}};
    DukcapilVerdict v;
    Status s = http_.Post("/v1/verify", body,
                          [&v](const nlohmann::json& j) { return ParseVerdict(j, &v); });
    if (!s.ok()) return s.take_error();
    return v;
  }

 private:
  HttpJsonClient http_;
};

}  // namespace

std::unique_ptr<Dukcapil> MakeDukcapilClient(ClientOptions o, Metrics* metrics,
                                             const Clock* clock) {
  return std::make_unique<DukcapilClient>(std::move(o), metrics, clock);
}

}  // namespace peduli::registries
