#include "modules/registry/nik.h"

#include "modules/registry/model.h"

namespace peduli::registry {
namespace {

unsigned TwoDigits(std::string_view s, size_t pos) {
  return static_cast<unsigned>((s[pos] - '0') * 10 + (s[pos + 1] - '0'));
}

unsigned DaysInMonth(unsigned month, bool leap) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && leap) return 29;
  return kDays[month - 1];
}

}  // namespace

bool NikParts::DatePossible() const {
  if (month < 1 || month > 12) return false;
  bool day_in_range = (encoded_day >= 1 && encoded_day <= 31) ||
                      (encoded_day >= 41 && encoded_day <= 71);
  if (!day_in_range) return false;
  // The century is not written. 29 February exists in 19YY or 20YY exactly when YY is
  // divisible by 4 (00 through 2000).
  return birth_day() <= DaysInMonth(month, year2 % 4 == 0);
}

Result<NikParts> ParseNik(std::string_view nik, std::string_view field) {
  if (nik.size() != 16) return Error::Invalid(std::string(field), "err.nik.length");
  for (char c : nik) {
    if (c < '0' || c > '9') return Error::Invalid(std::string(field), "err.nik.digits");
  }
  NikParts p;
  p.district = std::string(nik.substr(0, 6));
  p.encoded_day = TwoDigits(nik, 6);
  p.month = TwoDigits(nik, 8);
  p.year2 = TwoDigits(nik, 10);
  p.serial = std::string(nik.substr(12, 4));
  return p;
}

NikCheck CheckNik(std::string_view nik, const std::optional<Date>& birth_date,
                  std::string_view sex, const RegionIndex& regions) {
  static constexpr const char* kField = "identity.nik";
  NikCheck out;
  auto add = [&](const char* key) { out.errors.push_back({kField, key}); };

  auto parsed = ParseNik(nik, kField);
  if (!parsed.ok()) {
    out.errors = parsed.error().fields;
    return out;
  }
  const NikParts& p = *parsed;

  if (!regions.DistrictExists(p.district)) {
    if (regions.RegencyExists(p.regency())) {
      out.flags.push_back(kFlagNikOldDistrict);
    } else {
      add("err.nik.district");
    }
  }

  if (!p.DatePossible()) {
    // Matching an impossible date against the birth date or sex would only repeat this.
    add("err.nik.date_invalid");
  } else {
    if (birth_date && (p.birth_day() != birth_date->day || p.month != birth_date->month ||
                       static_cast<int>(p.year2) != birth_date->year % 100)) {
      add("err.nik.birthdate");
    }
    if ((sex == "L" && p.female()) || (sex == "P" && !p.female())) add("err.nik.sex");
  }

  if (p.serial == "0000") add("err.nik.serial");
  return out;
}

}  // namespace peduli::registry
