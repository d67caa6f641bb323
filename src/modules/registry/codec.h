#pragma once

#include <nlohmann/json.hpp>

#include "modules/registry/model.h"

namespace peduli::registry {

// Lapor Diri <-> the JSON of the API (`PUT /api/v1/me/lapor-diri`). Unknown keys are
// ignored; missing or non-string values read as "".
LaporDiri FromJson(const nlohmann::json& j);
nlohmann::json ToJson(const LaporDiri& d);
nlohmann::json StayToJson(const Stay& s);

// The same data as flat form fields keyed by JSON path ("identity.nik",
// "stay.pmi.sector", "family.0.name"), and back. Forms and drafts use this shape.
std::map<std::string, std::string> Flatten(const LaporDiri& d);
// The Lapor Diri a set of flat fields describes, family rows included.
LaporDiri FromFlat(const std::map<std::string, std::string>& values);
// Overwrites the fields present in `values`.
void ApplyFlat(const std::map<std::string, std::string>& values, LaporDiri* d);

}  // namespace peduli::registry
