#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "modules/reference/service.h"
#include "modules/registry/model.h"
#include "modules/registry/prepare.h"
#include "modules/registry/validation.h"
#include "store/registry_store.h"

namespace peduli::demo {

// The seed of the demo population, and the day it is generated as of: every date a person
// carries (arrival, passport) lies before it.
inline constexpr uint64_t kDefaultSeed = 20261127;
inline constexpr Date kAsOf{2026, 11, 27};

// The validation context the generator and its users take (kept under this name).
using ReferenceValidationContext = registry::ReferenceContext;

// A deterministic synthetic population of Indonesian citizens abroad, for demos, load
// tests and the registry simulators. No real person is described.
//
// Person(i) is a pure function of (seed, i): the same on every call, run and machine, so a
// simulator can regenerate person i instead of storing it. Every person passes
// ValidateLaporDiri on the reference data as of kAsOf with no errors (a few carry the
// passport_expired flag on purpose).
//
// The NIK encodes the index: serial = 1 + i % 9999 and birth date = 1960-01-01 +
// (i / 9999 + h(i % 9999)) % 16000 days. Two people with the same serial therefore never
// share a birth date, and NIKs are unique for every index below kIndexLimit (about 160
// million); IndexOfNik inverts the mapping.
//
// Thread-safe (every method is const). `ref` must outlive the population.
class Population {
 public:
  static constexpr uint64_t kSerials = 9999;
  static constexpr uint64_t kBirthDays = 16000;  // 1960-01-01 .. 2003-10-22
  static constexpr uint64_t kIndexLimit = kSerials * kBirthDays;

  // Throws std::invalid_argument when `ref` holds no districts or no country a mission
  // serves (the reference data was not loaded): a start-up failure.
  explicit Population(const reference::ReferenceService& ref, uint64_t seed = kDefaultSeed);

  // Person `index`. Indexes at or above kIndexLimit repeat NIKs of lower ones.
  registry::LaporDiri Person(uint64_t index) const;

  // Only the NIK of person `index` (much cheaper than Person(index).identity.nik).
  std::string NikOf(uint64_t index) const;

  // The index whose person carries `nik`; nullopt when no index below kIndexLimit does.
  std::optional<uint64_t> IndexOfNik(std::string_view nik) const;

  // The mission responsible for the person's current stay.
  std::string MissionOf(const registry::LaporDiri& person) const;

  // Person `index` validated with `ctx` and made ready for storage the way the registry
  // service does it: normalised data, validation flags plus the jurisdiction flags,
  // mission and note. account_id and entered_by are 0 (none), `now` is the write time.
  // Invalid (with the field errors) if the person fails validation, which is a bug here.
  Result<store::CitizenWrite> Write(uint64_t index, const registry::ValidationContext& ctx,
                                    int64_t now) const;

  uint64_t seed() const { return seed_; }

 private:
  struct District {
    std::string digits;  // "327301"
    uint32_t regency;    // index into regencies_
  };
  struct Regency {
    std::string code;   // "32.73"
    std::string place;  // "Bandung"
  };
  struct Place {
    std::string subdivision;
    std::string city;
    uint64_t weight;
  };
  struct CountryPlan {
    std::string code;
    uint64_t weight;
    std::vector<Place> places;  // empty when the country has no subdivisions
    uint64_t places_total = 0;
    std::string city;           // for countries without subdivisions
    std::vector<std::string> phones;  // valid E.164 mobile (or fixed) numbers
  };

  uint64_t Hash(uint64_t stream, uint64_t value) const;
  int64_t BirthDay(uint64_t index) const;  // days since 1970-01-01
  bool Female(uint64_t index) const;
  const District& DistrictOf(uint64_t index) const;
  void BuildRegions();
  void BuildCountries();
  CountryPlan Plan(const std::string& code, uint64_t weight) const;

  const reference::ReferenceService& ref_;
  uint64_t seed_;
  std::vector<Regency> regencies_;
  std::vector<District> districts_;
  std::vector<CountryPlan> countries_;
  uint64_t countries_total_ = 0;
};

}  // namespace peduli::demo
