#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <functional>
#include "core/result.h"
#include "modules/reference/changes.h"
#include "modules/reference/model.h"
#include "store/reference_store.h"

namespace peduli::reference {

// The reference data in memory. Regions, countries and subdivisions are read once at
// start-up. Missions and their jurisdictions are the CSV baseline plus HQ's changes that
// have taken effect (AttachChanges): they live in immutable snapshots, swapped atomically
// when a change takes effect or another server saves one, so readers never lock. Every
// method is const and safe to call from many threads at once. Pointers and references it
// returns stay valid for the service's lifetime (old snapshots are kept: a few hundred KB
// each, one per change that took effect). Codes are matched as written (uppercase ISO
// codes, idn-area-data codes with dots) unless a method says otherwise.
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

  // --- Missions and jurisdiction (the version in effect now) ---
  // Closed missions are still found (with closed = true): old stays name them.
  const Mission* FindMission(std::string_view code) const;
  const std::vector<Mission>& Missions() const;  // by code, closed ones included
  // Every jurisdiction row in effect, in rule order.
  const std::vector<Jurisdiction>& Jurisdictions() const;
  // The mission's local date and time at `instant`, and whether that is a working day
  // there; nullopt for an unknown mission. Uses the mission's data in effect now.
  std::optional<MissionTime> LocalTime(std::string_view code, int64_t instant) const;

  // Serves HQ's mission changes from `changes`, with the clock `now` deciding when each takes
  // effect (both must outlive the service). Reads them now; afterwards the first call after
  // a change's effective instant switches to the new snapshot (checked on every mission
  // call: one clock read and two atomic loads), and the change list is re-read when its
  // version counter moves, polled at most every `poll_seconds` — so a change saved by
  // another server is seen within that time. A change that takes effect hands over the
  // current stays of the areas that moved (store::MissionChangeStore::Apply, once across
  // servers; retried at the next poll if the database fails). Without this call the
  // service is the CSV baseline only.
  // `now` is the clock (Unix seconds; a Clock's NowUnix), taken as a function so this
  // header does not bring peduli::Clock into the tools that say `using namespace peduli`.
  Status AttachChanges(store::MissionChangeStore* changes, std::function<int64_t()> now,
                       int poll_seconds = 5);
  // Re-reads the changes now, and applies any that took effect: after this server saved
  // or cancelled one. No-op without AttachChanges.
  Status Reload() const;
  // The mission set with every change whose effective_at <= `at` applied (uncancelled,
  // in (effective_date, id) order): what the admin pages preview. Requires the cached
  // change list (AttachChanges), else the baseline.
  MissionSet MissionsAt(int64_t at) const;

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
  // Missions and jurisdiction at one moment, with their indexes. Immutable once built.
  struct Snapshot {
    MissionSet set;
    std::unordered_map<std::string_view, const Mission*> missions;
    std::unordered_map<std::string, CountryRules> rules;
    std::vector<std::string> folded_cities;  // parallel to set.jurisdictions
    std::vector<int64_t> applied;            // ids of the changes in it, in order
    int64_t valid_until = INT64_MAX;         // the next pending change's effective_at

    const Mission* Find(std::string_view code) const;
    Assignment Resolve(const ReferenceService& ref, std::string_view country,
                       std::string_view subdivision, std::string_view city) const;
  };

  void BuildIndexes();
  std::unique_ptr<Snapshot> Build(const std::vector<const store::MissionChange*>& changes) const;
  // The uncancelled changes in effect at `at`, in application order. Caller holds mu_.
  std::vector<const store::MissionChange*> EffectiveAt(int64_t at) const;
  int64_t NextEffective(int64_t at) const;  // caller holds mu_
  const Snapshot& Current() const;
  // Re-reads (when `poll`) and rebuilds; hands over stays of changes that took effect.
  // Caller holds mu_.
  Status RefreshLocked(int64_t now, bool poll) const;
  void Publish(std::unique_ptr<Snapshot> s) const;  // caller holds mu_

  const store::ReferenceData data_;
  std::unordered_map<std::string_view, const Province*> provinces_;
  std::unordered_map<std::string_view, const Regency*> regencies_;
  std::unordered_map<std::string_view, const District*> districts_;
  std::unordered_map<std::string_view, const Country*> countries_;
  std::unordered_map<std::string_view, const Subdivision*> subdivisions_;
  std::unordered_map<std::string_view, std::vector<Subdivision>> subdivisions_by_country_;
  std::vector<Country> countries_by_name_id_;
  std::vector<Country> countries_by_name_en_;

  // The snapshot in effect; every one ever published stays in snapshots_.
  mutable std::atomic<const Snapshot*> current_{nullptr};
  mutable std::atomic<int64_t> next_poll_{INT64_MAX};
  mutable std::mutex mu_;  // guards what follows and refreshing
  mutable std::vector<std::unique_ptr<Snapshot>> snapshots_;
  mutable std::vector<store::MissionChange> changes_;  // all, id order
  mutable int64_t version_ = -1;
  store::MissionChangeStore* change_store_ = nullptr;
  std::function<int64_t()> now_;  // empty: the baseline only
  int poll_seconds_ = 5;
};

// A name folded for loose comparison: Unicode case-folded, accents removed, every run of
// characters other than letters and digits turned into one space, trimmed.
// "  Kota-Kinabalú " -> "kota kinabalu".
std::string FoldName(std::string_view utf8);

}  // namespace peduli::reference
