#include "modules/services/deadlines.h"

namespace peduli::services {

unsigned IsoWeekday(const Date& d) {
  // 1970-01-01 was a Thursday (ISO 4).
  int64_t days = d.DaysSinceEpoch();
  int64_t w = ((days + 3) % 7 + 7) % 7;
  return static_cast<unsigned>(w + 1);
}

Date AddDays(const Date& d, int64_t days) { return Date::FromUnix((d.DaysSinceEpoch() + days) * 86400); }

bool WorkCalendar::IsWorkingDay(const Date& d) const {
  if (!(working_days & (1u << (IsoWeekday(d) - 1)))) return false;
  return !holidays.count(d.ToString());
}

Date AddWorkingDays(const WorkCalendar& cal, const Date& start, int n) {
  Date d = start;
  if ((cal.working_days & 0x7f) == 0) return AddDays(start, n);  // no working days: calendar days
  while (n > 0) {
    d = AddDays(d, 1);
    if (cal.IsWorkingDay(d)) --n;
  }
  return d;
}

int WorkingDaysBetween(const WorkCalendar& cal, const Date& from, const Date& to) {
  int n = 0;
  for (Date d = AddDays(from, 1); d <= to; d = AddDays(d, 1)) {
    if (cal.IsWorkingDay(d)) ++n;
  }
  return n;
}

std::string Rag(const WorkCalendar& cal, const Date& today, const Date& due, bool paused) {
  if (paused) return "paused";
  if (today > due) return "red";
  if (today == due || AddWorkingDays(cal, today, 1) >= due) return "amber";
  return "green";
}

int EscalationLevel(const WorkCalendar& cal, const Date& today, const Date& due) {
  if (today <= due) return 0;
  return WorkingDaysBetween(cal, due, today) > kHqAfterDays ? 2 : 1;
}

}  // namespace peduli::services
