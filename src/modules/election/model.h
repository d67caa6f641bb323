#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace peduli::election {

// One election as the KPU schedules it.
struct Election {
  int64_t id = 0;
  std::string code;          // "PEMILU-2029"
  std::string name;
  std::string polling_date;  // YYYY-MM-DD: age and stay are judged on this day
  std::string cutoff_date;   // YYYY-MM-DD: last day to change the voting method
  std::string status;        // preparing, open, closed: a closed election gets no new
                             // version and no method changes
  int64_t purged_at = 0;     // when its versions' personal data was removed (0: not)
};

// The rules of UU 7/2017 as configuration. A version stores the rule set it was generated
// with (ToJson), so a change of rules never changes an existing version.
struct RuleSet {
  int min_age = 17;
  // Married, or married before: eligible at any age (UU 7/2017 art. 198(1)).
  std::vector<std::string> married_statuses = {"kawin", "cerai_hidup", "cerai_mati"};
  // The Dukcapil verdict that counts as a verified NIK.
  std::string verified_state = "match";
  // Occupation is free text: serving TNI/Polri members are recognised by whole words,
  // retirees ("pensiunan TNI", "purnawirawan") by an exception word, as they may vote.
  std::vector<std::string> armed_forces_words = {"tni", "polri", "tentara", "polisi",
                                                 "kepolisian", "abri"};
  std::vector<std::string> armed_forces_exceptions = {"pensiunan", "purnawirawan", "mantan",
                                                      "veteran", "retired"};
  // Default methods by category. Distance to the mission is approximated by the city: a
  // voter in the mission's city votes at a TPSLN, elsewhere by post (the registry has no
  // coordinates).
  std::vector<std::string> postal_categories = {"crew"};           // ships: Pos
  std::vector<std::string> ksk_employer_words = {"perkebunan", "plantation", "ladang",
                                                 "estate", "kebun", "sawit"};  // PMI: KSK
  int unit_size = 500;  // voters per TPSLN, KSK or Pos unit

  nlohmann::json ToJson() const;
  // Missing keys keep their defaults; wrong types are kInvalid.
  static Result<RuleSet> FromJson(const nlohmann::json& j);
};

// Why a citizen of the PPLN is not on the list. Stable codes: they are stored in versions
// and shown through the catalog (election.reason.<code>).
inline constexpr const char* kUnverifiedNik = "unverified_nik";
inline constexpr const char* kUnderAge = "under_age_unmarried";
inline constexpr const char* kNoBirthDate = "no_birth_date";
inline constexpr const char* kArmedForces = "tni_polri";
inline constexpr const char* kRevoked = "right_revoked";
inline constexpr const char* kStayEnds = "stay_ends_before_polling";
inline constexpr const char* kDuplicateNik = "duplicate_nik";
inline constexpr const char* kPostalNoAddress = "postal_no_address";
// A problem on the list (included, but to be resolved by the PPLN): not a silent inclusion.
inline constexpr const char* kPostalUnchecked = "postal_address_unchecked";
// Diff only: on the earlier version, no longer in this PPLN's jurisdiction (moved, returned).
inline constexpr const char* kLeftPpln = "left_ppln";

inline constexpr const char* kTpsln = "TPSLN";
inline constexpr const char* kKsk = "KSK";
inline constexpr const char* kPos = "POS";

// Everything the rules read about one citizen of the PPLN, as of the snapshot. Stored whole
// in the version, so the version can be re-derived from it (reproducibility).
struct VoterFacts {
  int64_t citizen_id = 0;
  std::string nik;
  std::string full_name;
  std::string sex;  // L / P
  std::string birth_date;
  std::string marital_status;
  std::string occupation;
  std::string category;           // the current stay's
  std::string employer_name;      // PMI only
  std::string city;               // of the stay
  std::string mission_city;
  std::string address;            // postal address of the stay
  std::string expected_end_date;  // "" = no end date
  std::string nik_state;          // Dukcapil verdict: match, mismatch, pending, ... or ""
  bool revoked = false;           // a court took the right to vote (an officer's flag)
  bool duplicate_open = false;    // an unresolved duplicate-NIK claim on this NIK
  bool address_checked = false;   // an officer checked the stay's postal address
  std::string method_override;    // an officer's choice: TPSLN, KSK, POS or ""

  nlohmann::json ToJson() const;
  static VoterFacts FromJson(const nlohmann::json& j);
};

// The rules' verdict for one citizen (unit and position are given by the generator).
struct Decision {
  bool included = false;
  std::string reason;   // exclusion reason, or the problem of an included voter; "" if none
  std::string method;   // TPSLN, KSK, POS for included voters
};

// One row of a version: the facts, the verdict and the voter's unit.
struct Entry {
  VoterFacts facts;
  Decision decision;
  std::string unit;  // "TPSLN-001", "KSK-001", "POS-001"; "" when excluded
  int64_t seq = 0;   // number within the unit, from 1
  bool verified = false;  // the NIK counted as verified under the version's rules
};

// A numbered, immutable list of one election and PPLN.
struct Version {
  int64_t id = 0;
  int64_t election_id = 0;
  std::string ppln;
  int64_t number = 0;
  std::string rules;  // RuleSet JSON
  int64_t snapshot_at = 0;
  int64_t created_by = 0;
  int64_t potential = 0;  // citizens of the PPLN considered
  int64_t included = 0;
  int64_t verified = 0;          // of the potential, NIK verified
  int64_t postal = 0;            // included postal voters
  int64_t postal_checked = 0;    // of those, with a checked address
  int64_t problems = 0;          // included with a problem
};

}  // namespace peduli::election
