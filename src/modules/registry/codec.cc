#include "modules/registry/codec.h"

#include <functional>

namespace peduli::registry {

using nlohmann::json;

namespace {

// One table of (path, member) pairs drives JSON, flattening and applying, so the three
// never disagree about a field name.
struct FieldRef {
  const char* path;
  std::function<std::string&(LaporDiri&)> get;
};

const std::vector<FieldRef>& Fields() {
  static const std::vector<FieldRef> f = {
      {"identity.nik", [](LaporDiri& d) -> std::string& { return d.identity.nik; }},
      {"identity.full_name", [](LaporDiri& d) -> std::string& { return d.identity.full_name; }},
      {"identity.birth_place", [](LaporDiri& d) -> std::string& { return d.identity.birth_place; }},
      {"identity.birth_date", [](LaporDiri& d) -> std::string& { return d.identity.birth_date; }},
      {"identity.sex", [](LaporDiri& d) -> std::string& { return d.identity.sex; }},
      {"identity.marital_status", [](LaporDiri& d) -> std::string& { return d.identity.marital_status; }},
      {"identity.occupation", [](LaporDiri& d) -> std::string& { return d.identity.occupation; }},
      {"identity.education", [](LaporDiri& d) -> std::string& { return d.identity.education; }},
      {"identity.origin_regency", [](LaporDiri& d) -> std::string& { return d.identity.origin_regency; }},
      {"passport.number", [](LaporDiri& d) -> std::string& { return d.passport.number; }},
      {"passport.issue_date", [](LaporDiri& d) -> std::string& { return d.passport.issue_date; }},
      {"passport.expiry_date", [](LaporDiri& d) -> std::string& { return d.passport.expiry_date; }},
      {"passport.office", [](LaporDiri& d) -> std::string& { return d.passport.office; }},
      {"stay.country", [](LaporDiri& d) -> std::string& { return d.stay.country; }},
      {"stay.subdivision", [](LaporDiri& d) -> std::string& { return d.stay.subdivision; }},
      {"stay.city", [](LaporDiri& d) -> std::string& { return d.stay.city; }},
      {"stay.address", [](LaporDiri& d) -> std::string& { return d.stay.address; }},
      {"stay.phone", [](LaporDiri& d) -> std::string& { return d.stay.phone; }},
      {"stay.arrival_date", [](LaporDiri& d) -> std::string& { return d.stay.arrival_date; }},
      {"stay.expected_end_date", [](LaporDiri& d) -> std::string& { return d.stay.expected_end_date; }},
      {"stay.category", [](LaporDiri& d) -> std::string& { return d.stay.category; }},
      {"stay.pmi.employer_name", [](LaporDiri& d) -> std::string& { return d.stay.pmi.employer_name; }},
      {"stay.pmi.employer_address", [](LaporDiri& d) -> std::string& { return d.stay.pmi.employer_address; }},
      {"stay.pmi.sector", [](LaporDiri& d) -> std::string& { return d.stay.pmi.sector; }},
      {"stay.pmi.agency", [](LaporDiri& d) -> std::string& { return d.stay.pmi.agency; }},
      {"stay.pmi.contract_end_date", [](LaporDiri& d) -> std::string& { return d.stay.pmi.contract_end_date; }},
      {"stay.student.institution", [](LaporDiri& d) -> std::string& { return d.stay.student.institution; }},
      {"stay.student.programme", [](LaporDiri& d) -> std::string& { return d.stay.student.programme; }},
      {"stay.crew.vessel_name", [](LaporDiri& d) -> std::string& { return d.stay.crew.vessel_name; }},
      {"stay.crew.flag_state", [](LaporDiri& d) -> std::string& { return d.stay.crew.flag_state; }},
      {"stay.crew.manning_agency", [](LaporDiri& d) -> std::string& { return d.stay.crew.manning_agency; }},
      {"emergency_contact.name", [](LaporDiri& d) -> std::string& { return d.emergency_contact.name; }},
      {"emergency_contact.relation", [](LaporDiri& d) -> std::string& { return d.emergency_contact.relation; }},
      {"emergency_contact.phone", [](LaporDiri& d) -> std::string& { return d.emergency_contact.phone; }},
  };
  return f;
}

const json* At(const json& j, const std::string& path) {
  const json* cur = &j;
  size_t start = 0;
  while (true) {
    size_t dot = path.find('.', start);
    std::string key = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!cur->is_object()) return nullptr;
    auto it = cur->find(key);
    if (it == cur->end()) return nullptr;
    cur = &*it;
    if (dot == std::string::npos) return cur;
    start = dot + 1;
  }
}

std::string AsText(const json* v) {
  if (!v) return "";
  if (v->is_string()) return v->get<std::string>();
  if (v->is_number_integer()) return std::to_string(v->get<int64_t>());
  return "";
}

const char* kFamilyKeys[] = {"name", "relation", "birth_date", "nik"};

std::string& FamilyField(FamilyMember& m, int k) {
  switch (k) {
    case 0: return m.name;
    case 1: return m.relation;
    case 2: return m.birth_date;
    default: return m.nik;
  }
}

}  // namespace

LaporDiri FromJson(const json& j) {
  LaporDiri d;
  for (const auto& f : Fields()) f.get(d) = AsText(At(j, f.path));
  if (auto it = j.find("family"); it != j.end() && it->is_array()) {
    for (const auto& m : *it) {
      FamilyMember fm;
      for (int k = 0; k < 4; ++k) FamilyField(fm, k) = AsText(At(m, kFamilyKeys[k]));
      d.family.push_back(std::move(fm));
    }
  }
  return d;
}

json ToJson(const LaporDiri& in) {
  LaporDiri d = in;
  json j = json::object();
  for (const auto& f : Fields()) {
    std::string path = f.path;
    // Category details appear only under the category they belong to.
    if (path.rfind("stay.pmi.", 0) == 0 && d.stay.category != "pmi") continue;
    if (path.rfind("stay.student.", 0) == 0 && d.stay.category != "student") continue;
    if (path.rfind("stay.crew.", 0) == 0 && d.stay.category != "crew") continue;
    j[json::json_pointer("/" + [&] {
      std::string p = path;
      for (auto& c : p) if (c == '.') c = '/';
      return p;
    }())] = f.get(d);
  }
  j["family"] = json::array();
  for (auto& m : d.family) {
    json fm = json::object();
    for (int k = 0; k < 4; ++k) fm[kFamilyKeys[k]] = FamilyField(m, k);
    j["family"].push_back(fm);
  }
  return j;
}

json StayToJson(const Stay& s) {
  LaporDiri d;
  d.stay = s;
  return ToJson(d)["stay"];
}

std::map<std::string, std::string> Flatten(const LaporDiri& in) {
  LaporDiri d = in;
  std::map<std::string, std::string> out;
  for (const auto& f : Fields()) out[f.path] = f.get(d);
  for (size_t i = 0; i < d.family.size(); ++i) {
    for (int k = 0; k < 4; ++k) {
      out["family." + std::to_string(i) + "." + kFamilyKeys[k]] = FamilyField(d.family[i], k);
    }
  }
  return out;
}

LaporDiri FromFlat(const std::map<std::string, std::string>& values) {
  LaporDiri d;
  ApplyFlat(values, &d);
  for (size_t i = 0;; ++i) {
    std::string prefix = "family." + std::to_string(i) + ".";
    if (!values.count(prefix + "name")) break;
    FamilyMember m;
    for (int k = 0; k < 4; ++k) {
      auto it = values.find(prefix + kFamilyKeys[k]);
      if (it != values.end()) FamilyField(m, k) = it->second;
    }
    d.family.push_back(std::move(m));
  }
  return d;
}

void ApplyFlat(const std::map<std::string, std::string>& values, LaporDiri* d) {
  for (const auto& f : Fields()) {
    auto it = values.find(f.path);
    if (it != values.end()) f.get(*d) = it->second;
  }
}

}  // namespace peduli::registry
