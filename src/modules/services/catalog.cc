#include "modules/services/catalog.h"

#include <set>

namespace peduli::services {
namespace {

using nlohmann::json;

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : "";
}

bool ValidCode(const std::string& c) {
  if (c.empty() || c.size() > 40) return false;
  for (char ch : c) {
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  }
  return true;
}

Error Bad(const std::string& what) { return Error::Invalid("document", "err.services.catalog." + what); }

}  // namespace

const ServiceDef* Catalog::Find(const std::string& code) const {
  for (const auto& s : services) {
    if (s.code == code) return &s;
  }
  return nullptr;
}

Result<Catalog> ParseCatalog(const json& doc) {
  if (!doc.is_object() || !doc.contains("services") || !doc["services"].is_array() ||
      doc["services"].empty()) {
    return Bad("shape");
  }
  Catalog c;
  std::set<std::string> codes;
  for (const auto& j : doc["services"]) {
    if (!j.is_object()) return Bad("shape");
    ServiceDef s;
    s.code = Str(j, "code");
    if (!ValidCode(s.code) || !codes.insert(s.code).second) return Bad("code");
    s.group = Str(j, "group");
    s.name_id = Str(j, "name_id");
    s.name_en = Str(j, "name_en");
    s.description_id = Str(j, "description_id");
    s.description_en = Str(j, "description_en");
    s.eligibility_id = Str(j, "eligibility_id");
    s.eligibility_en = Str(j, "eligibility_en");
    s.output_id = Str(j, "output_id");
    s.output_en = Str(j, "output_en");
    if (s.name_id.empty() || s.name_en.empty() || s.output_id.empty() || s.output_en.empty()) {
      return Bad("text");
    }
    if (!j.contains("processing_days") || !j["processing_days"].is_number_integer() ||
        j["processing_days"].get<int>() < 1 || j["processing_days"].get<int>() > 60) {
      return Bad("days");
    }
    s.processing_days = j["processing_days"].get<int>();
    if (!j.contains("fee_idr") || !j["fee_idr"].is_number_integer() || j["fee_idr"].get<int64_t>() < 0) {
      return Bad("fee");
    }
    s.fee_idr = j["fee_idr"].get<int64_t>();
    // How long the issued document is valid (0: no end); an SPLP's is short.
    if (j.contains("validity_days")) {
      if (!j["validity_days"].is_number_integer() || j["validity_days"].get<int>() < 0 ||
          j["validity_days"].get<int>() > 3660) {
        return Bad("validity");
      }
      s.validity_days = j["validity_days"].get<int>();
    }
    std::set<std::string> keys;
    for (const auto& d : j.value("documents", json::array())) {
      RequiredDocument r{Str(d, "key"), Str(d, "name_id"), Str(d, "name_en"), d.value("required", true)};
      if (r.key.empty() || !keys.insert(r.key).second ||
          r.name_id.empty() || r.name_en.empty()) {
        return Bad("documents");
      }
      s.documents.push_back(std::move(r));
    }
    keys.clear();
    for (const auto& f : j.value("fields", json::array())) {
      FormField ff{Str(f, "key"), Str(f, "label_id"), Str(f, "label_en"), Str(f, "type"),
                   f.value("required", true)};
      if (ff.type.empty()) ff.type = "text";
      if (ff.key.empty() || !keys.insert(ff.key).second || ff.label_id.empty() ||
          ff.label_en.empty() || (ff.type != "text" && ff.type != "textarea" && ff.type != "date")) {
        return Bad("fields");
      }
      s.fields.push_back(std::move(ff));
    }
    c.services.push_back(std::move(s));
  }
  return c;
}

json ServiceJson(const ServiceDef& s) {
  json docs = json::array(), fields = json::array();
  for (const auto& d : s.documents) {
    docs.push_back({{"key", d.key}, {"name_id", d.name_id}, {"name_en", d.name_en}, {"required", d.required}});
  }
  for (const auto& f : s.fields) {
    fields.push_back({{"key", f.key}, {"label_id", f.label_id}, {"label_en", f.label_en},
                      {"type", f.type}, {"required", f.required}});
  }
  return {{"code", s.code}, {"group", s.group}, {"name_id", s.name_id}, {"name_en", s.name_en},
          {"description_id", s.description_id}, {"description_en", s.description_en},
          {"documents", docs}, {"fields", fields}, {"fee_idr", s.fee_idr},
          {"processing_days", s.processing_days}, {"eligibility_id", s.eligibility_id},
          {"eligibility_en", s.eligibility_en}, {"output_id", s.output_id},
          {"output_en", s.output_en},
          {"validity_days", s.validity_days ? json(s.validity_days) : json(nullptr)}};
}

}  // namespace peduli::services
