#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "modules/reference/model.h"
#include "store/reference_store.h"

namespace peduli::reference {

// One immutable in-memory snapshot of the reference data, read once at start-up. Every
// method is const and safe to call from many threads at once. Pointers and references it
// returns stay valid for the service's lifetime. Codes are matched as written (uppercase
// ISO codes, idn-area-data codes with dots) unless a method says otherwise.
class ReferenceService {
 public:
  explicit ReferenceService(store::ReferenceData data);
  ReferenceService(const ReferenceService&) = delete;
  ReferenceService& operator=(const ReferenceService&) = delete;

  // Reads the snapshot from the store. Fails (kUnavailable, kInternal) only when the store
  // does; an empty store gives an empty service.
  static Result<std::unique_ptr<ReferenceService>> Load(store::ReferenceStore& store);

  // --- Indonesian regions (idn-area-data) ---
  bool ProvinceExists(std::string_view code) const;            // "32"
  bool RegencyExists(std::string_view code_with_dots) const;   // "32.73"
  bool DistrictExists(std::string_view code_with_dots) const;  // "32.73.01"
  // By the digits a NIK starts with: 2 for a province ("32"), 4 for a regency ("3273"), 6
  // for a district ("327301"). nullptr when unknown or not that many ASCII digits.
  const Province* ProvinceByNik(std::string_view two_digits) const;
  const Regency* RegencyByNik(std::string_view four_digits) const;
  const District* DistrictByNik(std::string_view six_digits) const;
  // Sorted by code.
  const std::vector<Province>& Provinces() const { return data_.provinces; }
  std::vector<Regency> RegenciesOf(std::string_view province_code) const;
  std::vector<District> DistrictsOf(std::string_view regency_code) const;

  // --- Countries and their ISO 3166-2 subdivisions ---
  bool CountryExists(std::string_view alpha2) const;
  // The name in `lang` ("id" or "en"; anything else is "id"); "" for an unknown code.
  std::string_view CountryName(std::string_view alpha2, std::string_view lang) const;
  // Every country, sorted by its name in `lang` (collation of that language).
  const std::vector<Country>& CountriesByName(std::string_view lang) const;
  bool SubdivisionExists(std::string_view code) const;  // "MY-12"
  const Subdivision* FindSubdivision(std::string_view code) const;
  // True when the list has subdivisions for the country, so a form can require one.
  bool HasSubdivisions(std::string_view alpha2) const;
  // The country's subdivisions sorted by name; empty for an unknown country.
  const std::vector<Subdivision>& SubdivisionsOf(std::string_view alpha2) const;

  // --- Missions and jurisdiction ---
  const Mission* FindMission(std::string_view code) const;
  const std::vector<Mission>& Missions() const { return data_.missions; }  // by code

  // The mission responsible for someone in `country` (ISO alpha-2), `subdivision` (ISO
  // 3166-2, may be empty) and `city` (as typed, may be empty). Never fails:
  //   - a single-mission country: its mission; note "" (or "uncertain");
  //   - a split country: the mission whose row names the subdivision, and for a subdivision
  //     split by city (Sabah) the row naming the city, compared without regard to case,
  //     accents and punctuation; note "" or "uncertain" (the row is marked `?`, or several
  //     missions claim the subdivision and the first in the file was taken);
  //   - a split country where the subdivision is empty, unknown, or not covered (or the
  //     city is not listed): the country's default mission (a mission serving the whole
  //     country, else the KBRI in it) with note "default_mission";
  //   - a country no mission serves, or an unknown code: HQ-PWNI with note "hq".
  // Codes are trimmed and uppercased first.
  Assignment ResolveMission(std::string_view country, std::string_view subdivision,
                            std::string_view city) const;

 private:
  struct CountryRules {
    std::vector<const Jurisdiction*> whole;  // rows without a subdivision, file order
    std::unordered_map<std::string, std::vector<const Jurisdiction*>> by_subdivision;
    std::string default_mission;
  };

  void BuildIndexes();
  void BuildRules();

  const store::ReferenceData data_;
  std::unordered_map<std::string_view, const Province*> provinces_;
  std::unordered_map<std::string_view, const Regency*> regencies_;
  std::unordered_map<std::string_view, const District*> districts_;
  std::unordered_map<std::string_view, const Country*> countries_;
  std::unordered_map<std::string_view, const Subdivision*> subdivisions_;
  std::unordered_map<std::string_view, std::vector<Subdivision>> subdivisions_by_country_;
  std::unordered_map<std::string_view, const Mission*> missions_;
  std::vector<Country> countries_by_name_id_;
  std::vector<Country> countries_by_name_en_;
  std::unordered_map<std::string, CountryRules> rules_;
  // City names as folded for comparison, parallel to data_.jurisdictions.
  std::vector<std::string> folded_cities_;
};

// A name folded for loose comparison: Unicode case-folded, accents removed, every run of
// characters other than letters and digits turned into one space, trimmed.
// "  Kota-Kinabalú " -> "kota kinabalu".
std::string FoldName(std::string_view utf8);

}  // namespace peduli::reference
