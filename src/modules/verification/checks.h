#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adapters/registries/registries.h"
#include "core/date.h"
#include "modules/registry/model.h"

namespace peduli::verification {

inline constexpr const char* kDukcapil = "dukcapil";
inline constexpr const char* kImigrasi = "imigrasi";
inline constexpr const char* kBp2mi = "bp2mi";

// A verdict as stored: state (match, mismatch, not_found), our fields that did not match
// (as JSON paths), and the facts an officer needs. Never a copy of the registry's record.
struct Outcome {
  std::string state;
  std::vector<std::string> mismatched;
  nlohmann::json detail = nlohmann::json::object();
  nlohmann::json checked_against = nlohmann::json::object();
};

registries::DukcapilQuery DukcapilQueryOf(const registry::LaporDiri& d);
registries::PassportQuery PassportQueryOf(const registry::LaporDiri& d);

Outcome FromDukcapil(const registries::DukcapilVerdict& v);
Outcome FromImigrasi(const registries::PassportVerdict& v);
// Compares the placements with what the citizen reported. A different employer, a contract
// that has ended, or no placement at all are protection risks (detail.risks), not errors.
Outcome FromBp2mi(const std::vector<registries::Placement>& placements,
                  const registry::LaporDiri& d, Date today);

// Which registries must (re)check a record: all that apply for a new record (`before` null);
// for a changed one, those whose inputs changed.
std::vector<std::string> SystemsToCheck(const registry::LaporDiri* before,
                                        const registry::LaporDiri& after);

}  // namespace peduli::verification
