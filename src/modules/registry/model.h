#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace peduli::registry {

// Lapor Diri as the citizen submits it. Field names follow the JSON API
// (`identity.nik`, `stay.pmi.employer_name`, ...). Strings are as typed, trimmed; dates are
// "YYYY-MM-DD" text until validated.
struct Identity {
  std::string nik;
  std::string full_name;
  std::string birth_place;
  std::string birth_date;
  std::string sex;             // "L" or "P"
  std::string marital_status;  // belum_kawin, kawin, cerai_hidup, cerai_mati
  std::string occupation;
  std::string education;       // tidak_sekolah, sd, smp, sma, d1_d3, d4_s1, s2, s3
  std::string origin_regency;  // "32.73" (idn-area-data)
};

struct Passport {
  std::string number;
  std::string issue_date;
  std::string expiry_date;
  std::string office;
};

struct PmiDetails {  // migrant worker
  std::string employer_name;
  std::string employer_address;
  std::string sector;  // formal, informal
  std::string agency;
  std::string contract_end_date;
};
struct StudentDetails {
  std::string institution;
  std::string programme;
};
struct CrewDetails {  // ABK
  std::string vessel_name;
  std::string flag_state;  // ISO alpha-2
  std::string manning_agency;
};

struct Stay {
  std::string country;      // ISO 3166-1 alpha-2
  std::string subdivision;  // ISO 3166-2, "MY-12"; may be empty
  std::string city;
  std::string address;
  std::string phone;        // as typed; stored as E.164 after validation
  std::string arrival_date;
  std::string expected_end_date;
  std::string category;     // pmi, student, crew, resident, family, visitor, other
  PmiDetails pmi;
  StudentDetails student;
  CrewDetails crew;
};

struct FamilyMember {
  std::string name;
  std::string relation;  // spouse, child, parent, sibling, other
  std::string birth_date;
  std::string nik;       // optional
};

struct EmergencyContact {
  std::string name;
  std::string relation;
  std::string phone;  // as typed; stored as E.164 (Indonesia by default)
};

struct LaporDiri {
  Identity identity;
  Passport passport;
  Stay stay;
  std::vector<FamilyMember> family;
  EmergencyContact emergency_contact;
};

// Flags raised by validation for an officer, never reasons to reject.
inline constexpr const char* kFlagPassportExpired = "passport_expired";
inline constexpr const char* kFlagNikOldDistrict = "nik_district_not_current";
inline constexpr const char* kFlagJurisdictionDefault = "jurisdiction_default_mission";
inline constexpr const char* kFlagJurisdictionUncertain = "jurisdiction_uncertain";
inline constexpr const char* kFlagJurisdictionHq = "jurisdiction_hq";

inline const std::vector<std::string> kCategories = {"pmi",    "student", "crew",   "resident",
                                                     "family", "visitor", "other"};
inline const std::vector<std::string> kMaritalStatuses = {"belum_kawin", "kawin", "cerai_hidup",
                                                          "cerai_mati"};
inline const std::vector<std::string> kEducationLevels = {
    "tidak_sekolah", "sd", "smp", "sma", "d1_d3", "d4_s1", "s2", "s3"};
inline const std::vector<std::string> kFamilyRelations = {"spouse", "child", "parent", "sibling",
                                                          "other"};

// A stored stay, current (ended_at == 0) or past.
struct StayRecord {
  int64_t id = 0;
  Stay stay;           // phone in E.164
  std::string mission_code;
  std::string jurisdiction_note;
  int64_t started_at = 0;
  int64_t ended_at = 0;
  std::string end_reason;   // moved, returned
  std::string return_date;
};

// The citizen master record as stored.
struct CitizenRecord {
  int64_t id = 0;
  int64_t account_id = 0;
  std::string registration_number;
  std::string verify_code;
  std::string status;  // active, returned, deleted
  LaporDiri data;      // the current stay is data.stay
  std::vector<std::string> flags;
  std::vector<StayRecord> stays;  // newest first; the first is current when status is active
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

}  // namespace peduli::registry
