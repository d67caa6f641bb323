#include "core/date.h"

#include <date/date.h>
#include <date/tz.h>

#include <cstdio>

namespace peduli {

std::optional<Date> Date::Parse(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (t[i] < '0' || t[i] > '9') return std::nullopt;
  }
  auto num = [&](size_t pos, size_t n) {
    int v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  Date d{num(0, 4), static_cast<unsigned>(num(5, 2)), static_cast<unsigned>(num(8, 2))};
  date::year_month_day ymd{date::year{d.year}, date::month{d.month}, date::day{d.day}};
  if (!ymd.ok() || d.year < 1900) return std::nullopt;
  return d;
}

Date Date::FromUnix(int64_t s) {
  auto days = date::floor<date::days>(date::sys_seconds{std::chrono::seconds{s}});
  date::year_month_day ymd{days};
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
          static_cast<unsigned>(ymd.day())};
}

std::string Date::ToString() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

int64_t Date::DaysSinceEpoch() const {
  date::sys_days sd = date::year_month_day{date::year{year}, date::month{month}, date::day{day}};
  return sd.time_since_epoch().count();
}

std::string FormatDateId(const Date& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u-%02u-%04d", d.day, d.month, d.year);
  return buf;
}

Date LocalDate(int64_t unix_seconds, const std::string& tz_name) {
  date::sys_seconds tp{std::chrono::seconds{unix_seconds}};
  try {
    auto local = date::make_zoned(tz_name.empty() ? "UTC" : tz_name, tp).get_local_time();
    date::year_month_day ymd{date::floor<date::days>(local)};
    return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
            static_cast<unsigned>(ymd.day())};
  } catch (const std::exception&) {
    return Date::FromUnix(unix_seconds);
  }
}

std::string FormatLocalDate(int64_t unix_seconds, const std::string& tz_name) {
  return FormatDateId(LocalDate(unix_seconds, tz_name));
}

std::string FormatLocalTime(int64_t unix_seconds, const std::string& tz_name) {
  date::sys_seconds tp{std::chrono::seconds{unix_seconds}};
  try {
    auto zt = date::make_zoned(tz_name.empty() ? "UTC" : tz_name, tp);
    return date::format("%d-%m-%Y %H:%M %Z", zt);
  } catch (const std::exception&) {
    return date::format("%d-%m-%Y %H:%M UTC", tp);
  }
}

}  // namespace peduli
