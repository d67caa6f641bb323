#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace peduli::services {

struct RequiredDocument {
  std::string key;
  std::string name_id, name_en;
  bool required = true;
};

struct FormField {
  std::string key;
  std::string label_id, label_en;
  std::string type = "text";  // text, textarea, date
  bool required = true;
};

// One service as HQ defines it, the same at every mission.
struct ServiceDef {
  std::string code;   // "paspor-perpanjangan": lower case, digits and '-'
  std::string group;  // passport, travel, legalisation, letter, civil
  std::string name_id, name_en;
  std::string description_id, description_en;
  std::vector<RequiredDocument> documents;
  std::vector<FormField> fields;
  int64_t fee_idr = 0;          // the standard fee; missions set a local-currency equivalent
  int processing_days = 1;      // working days of the mission
  std::string eligibility_id, eligibility_en;
  std::string output_id, output_en;
  int validity_days = 0;  // of the issued document; 0: no end (an SPLP: 30)

  const std::string& Name(const std::string& lang) const { return lang == "en" ? name_en : name_id; }
};

// One version of the catalog: every service, parsed from its JSON document
// (data/services.json is the first).
struct Catalog {
  int64_t version_id = 0;
  std::string effective_date;
  int64_t effective_at = 0;
  std::vector<ServiceDef> services;

  const ServiceDef* Find(const std::string& code) const;
};

// Parses and checks a catalog document: unique well-formed codes, both languages present,
// processing days 1..60, a fee >= 0, document and field keys unique within a service.
// kInvalid with field "document" and a message naming the problem.
Result<Catalog> ParseCatalog(const nlohmann::json& doc);
nlohmann::json ServiceJson(const ServiceDef& s);

}  // namespace peduli::services
