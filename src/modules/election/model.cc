#include "modules/election/model.h"

namespace peduli::election {

using nlohmann::json;

json RuleSet::ToJson() const {
  // Keys in a fixed order (nlohmann sorts object keys), so equal rules give equal text.
  return {{"min_age", min_age},
          {"married_statuses", married_statuses},
          {"verified_state", verified_state},
          {"armed_forces_words", armed_forces_words},
          {"armed_forces_exceptions", armed_forces_exceptions},
          {"postal_categories", postal_categories},
          {"ksk_employer_words", ksk_employer_words},
          {"unit_size", unit_size}};
}

Result<RuleSet> RuleSet::FromJson(const json& j) {
  RuleSet r;
  if (!j.is_object()) return Error::Invalid("rules", "err.election.rules");
  try {
    if (j.contains("min_age")) r.min_age = j.at("min_age").get<int>();
    if (j.contains("married_statuses")) r.married_statuses = j.at("married_statuses");
    if (j.contains("verified_state")) r.verified_state = j.at("verified_state");
    if (j.contains("armed_forces_words")) r.armed_forces_words = j.at("armed_forces_words");
    if (j.contains("armed_forces_exceptions")) {
      r.armed_forces_exceptions = j.at("armed_forces_exceptions");
    }
    if (j.contains("postal_categories")) r.postal_categories = j.at("postal_categories");
    if (j.contains("ksk_employer_words")) r.ksk_employer_words = j.at("ksk_employer_words");
    if (j.contains("unit_size")) r.unit_size = j.at("unit_size").get<int>();
  } catch (const json::exception&) {
    return Error::Invalid("rules", "err.election.rules");
  }
  if (r.unit_size < 1 || r.min_age < 0) return Error::Invalid("rules", "err.election.rules");
  return r;
}

json VoterFacts::ToJson() const {
  return {{"citizen_id", citizen_id}, {"nik", nik}, {"full_name", full_name}, {"sex", sex},
          {"birth_date", birth_date}, {"marital_status", marital_status},
          {"occupation", occupation}, {"category", category}, {"employer_name", employer_name},
          {"city", city}, {"mission_city", mission_city}, {"address", address},
          {"expected_end_date", expected_end_date}, {"nik_state", nik_state},
          {"revoked", revoked}, {"duplicate_open", duplicate_open},
          {"address_checked", address_checked}, {"method_override", method_override}};
}

VoterFacts VoterFacts::FromJson(const json& j) {
  VoterFacts f;
  auto s = [&](const char* k) { return j.value(k, std::string()); };
  f.citizen_id = j.value("citizen_id", int64_t{0});
  f.nik = s("nik");
  f.full_name = s("full_name");
  f.sex = s("sex");
  f.birth_date = s("birth_date");
  f.marital_status = s("marital_status");
  f.occupation = s("occupation");
  f.category = s("category");
  f.employer_name = s("employer_name");
  f.city = s("city");
  f.mission_city = s("mission_city");
  f.address = s("address");
  f.expected_end_date = s("expected_end_date");
  f.nik_state = s("nik_state");
  f.revoked = j.value("revoked", false);
  f.duplicate_open = j.value("duplicate_open", false);
  f.address_checked = j.value("address_checked", false);
  f.method_override = s("method_override");
  return f;
}

}  // namespace peduli::election
