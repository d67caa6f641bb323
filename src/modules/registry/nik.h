#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "core/result.h"

namespace peduli::registry {

// The districts and regencies of Indonesia as the NIK writes them: digits only, no dots
// ("327301" is idn-area-data "32.73.01", "3273" is "32.73"). Implemented by the reference
// module; must be safe to call from several threads at once.
class RegionIndex {
 public:
  virtual ~RegionIndex() = default;
  // True when the six-digit district code is in today's list of districts.
  virtual bool DistrictExists(std::string_view six_digits) const = 0;
  // True when the four-digit province+regency code is in today's list of regencies.
  virtual bool RegencyExists(std::string_view four_digits) const = 0;
};

// The parts of a NIK (Nomor Induk Kependudukan), 16 digits:
//   1–6   district where it was issued (province 2 + regency 2 + district 2)
//   7–12  birth date DDMMYY, with 40 added to DD for women (a woman born on the 31st: 71)
//   13–16 serial, never 0000
struct NikParts {
  std::string district;       // "327301"
  unsigned encoded_day = 0;   // DD as written: 1–31 for men, 41–71 for women
  unsigned month = 0;         // MM as written
  unsigned year2 = 0;         // YY: the year of birth modulo 100
  std::string serial;         // "0001"

  std::string regency() const { return district.substr(0, 4); }  // "3273"
  std::string province() const { return district.substr(0, 2); }  // "32"
  bool female() const { return encoded_day > 40; }
  unsigned birth_day() const { return female() ? encoded_day - 40 : encoded_day; }
  // True when DD, MM and YY can be a date of birth in 1900–2099: DD in 1–31 or 41–71, and
  // the day exists in that month (29 February only when YY is divisible by 4).
  bool DatePossible() const;
};

// Splits a NIK written as exactly 16 ASCII digits (no spaces; trim before). Judges only the
// shape; CheckNik judges the parts. Errors are Invalid on `field` with key "err.nik.length"
// (not 16 characters) or "err.nik.digits" (16 characters, not all digits).
Result<NikParts> ParseNik(std::string_view nik, std::string_view field = "identity.nik");

// What CheckNik found: errors (all on "identity.nik") reject the NIK; flags only inform an
// officer.
struct NikCheck {
  std::vector<FieldError> errors;
  std::vector<std::string> flags;
  bool ok() const { return errors.empty(); }
};

// Checks a NIK against the person's declared birth date and sex, and against today's list
// of districts. `birth_date` is nullopt and `sex` anything but "L"/"P" when those are not
// known (missing or invalid in the form); the matching checks are then skipped. Reports
// every problem found, on field "identity.nik":
//   err.nik.length / err.nik.digits  not 16 digits (nothing else is checked then)
//   err.nik.district      neither the district nor its regency exists
//   err.nik.date_invalid  DDMMYY is no calendar date (day 32–40 or over 71, month 13,
//                         30 February, 29 February of a non-leap YY)
//   err.nik.birthdate     DDMMYY (day less 40 for women) differs from the birth date given
//   err.nik.sex           the day says male (1–31) or female (41–71), the sex given differs
//   err.nik.serial        digits 13–16 are 0000
// A district not in today's list whose regency is (a NIK issued before the district was
// split or renumbered) raises the flag kFlagNikOldDistrict, not an error.
NikCheck CheckNik(std::string_view nik, const std::optional<Date>& birth_date,
                  std::string_view sex, const RegionIndex& regions);

}  // namespace peduli::registry
