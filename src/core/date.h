#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace peduli {

// A calendar date without a time zone (dates of birth, passport dates, stay dates).
struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;

  // Parses strict "YYYY-MM-DD"; nullopt for malformed text or a day the calendar lacks
  // (2023-02-29, 2024-04-31).
  static std::optional<Date> Parse(std::string_view text);
  static Date FromUnix(int64_t unix_seconds);  // the UTC date of an instant
  std::string ToString() const;                // "YYYY-MM-DD"
  int64_t DaysSinceEpoch() const;

  friend auto operator<=>(const Date&, const Date&) = default;
};

// Formats an instant as "DD-MM-YYYY HH:MM" in an IANA time zone (falls back to UTC when
// the zone is unknown).
std::string FormatLocalTime(int64_t unix_seconds, const std::string& tz_name);
// The calendar date of an instant in an IANA time zone (UTC when unknown).
Date LocalDate(int64_t unix_seconds, const std::string& tz_name);
// That date as "DD-MM-YYYY".
std::string FormatLocalDate(int64_t unix_seconds, const std::string& tz_name);
// "2025-01-31" -> "31-01-2025": how dates are shown to Indonesian users.
std::string FormatDateId(const Date& d);

}  // namespace peduli
