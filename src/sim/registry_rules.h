#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "demo/synthetic.h"

namespace peduli::sim {

// What the simulated registries hold, derived from the synthetic population: the record
// behind NIK n is demo::Population::Person(IndexOfNik(n)), except for a deterministic
// minority chosen by the index so that every verdict can be produced on purpose
// (docs/integrations.md lists the rules; the constants below are those rules).
// "Today" for the registries is demo::kAsOf. Thread-safe (const).
class RegistryRules {
 public:
  // Dukcapil: index % 50 == kDukcapilOtherPlace has another birth place,
  // == kDukcapilLongerName a longer full name.
  static constexpr uint64_t kDukcapilModulus = 50;
  static constexpr uint64_t kDukcapilOtherPlace = 7;
  static constexpr uint64_t kDukcapilLongerName = 17;
  // Imigrasi: index % 97 == kPassportRevoked is revoked, == kPassportLost reported lost.
  static constexpr uint64_t kPassportModulus = 97;
  static constexpr uint64_t kPassportRevoked = 3;
  static constexpr uint64_t kPassportLost = 5;
  // BP2MI, for PMI only: index % 20 == kNoPlacement has no record, == kOtherEmployer a
  // placement with another employer, == kContractEnded one whose contract ended before
  // today, == kTwoPlacements an earlier ended placement as well as the current one.
  static constexpr uint64_t kPlacementModulus = 20;
  static constexpr uint64_t kNoPlacement = 5;
  static constexpr uint64_t kOtherEmployer = 6;
  static constexpr uint64_t kContractEnded = 8;
  static constexpr uint64_t kTwoPlacements = 9;

  explicit RegistryRules(const demo::Population& pop) : pop_(pop) {}

  // POST /dukcapil/v1/verify: {nik, full_name, birth_place, birth_date, sex} ->
  // {"found":bool,"fields":{"<field>":"sesuai"|"tidak sesuai"}}, one verdict per field sent
  // non-empty. `query` must be an object with a string "nik".
  nlohmann::json Verify(const nlohmann::json& query) const;

  // POST /imigrasi/v1/passports/check: {passport_number, nik, full_name, birth_date} ->
  // {"found","holder_match","status","expiry_date","mismatched"}. The passport is looked up
  // by its number; status and expiry_date only when the holder matches.
  nlohmann::json CheckPassport(const nlohmann::json& query) const;

  // POST /bp2mi/v1/placements/search: {nik} -> {"placements":[...]}, newest first.
  nlohmann::json SearchPlacements(const std::string& nik) const;

  // The index of the person holding passport `number` ("X1234567", case and spaces
  // ignored), preferring `preferred` when several hold the same number; nullopt if none.
  std::optional<uint64_t> PassportHolder(std::string_view number,
                                         std::optional<uint64_t> preferred) const;

 private:
  std::string OtherBirthPlace(uint64_t index, const std::string& place) const;
  std::string OtherEmployer(uint64_t index, const std::string& employer) const;

  const demo::Population& pop_;
};

// Lower case (ASCII), every whitespace removed: "Siti  RAHAYU" and "siti rahayu" compare
// equal.
std::string NormalizeName(std::string_view s);

}  // namespace peduli::sim
