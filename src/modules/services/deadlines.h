#pragma once

#include <set>
#include <string>

#include "core/date.h"

namespace peduli::services {

// A mission's working calendar: its working weekdays and its holidays.
struct WorkCalendar {
  unsigned working_days = 0x1f;  // bit d-1 for ISO weekday d; Monday..Friday by default
  std::set<std::string> holidays;  // YYYY-MM-DD

  bool IsWorkingDay(const Date& d) const;
};

// ISO weekday of a date: 1 Monday .. 7 Sunday.
unsigned IsoWeekday(const Date& d);
Date AddDays(const Date& d, int64_t days);

// The `n`-th working day after `start` (start itself does not count, whatever it is): an
// application filed on `start` with n working days is due at the end of that day.
Date AddWorkingDays(const WorkCalendar& cal, const Date& start, int n);
// Working days in (from, to]; 0 when to <= from.
int WorkingDaysBetween(const WorkCalendar& cal, const Date& from, const Date& to);

// Red / amber / green of an open application on the mission's `today`: red past the due
// date, amber on it or on the working day before it, green otherwise. "paused" while
// waiting on the citizen (the clock does not run).
std::string Rag(const WorkCalendar& cal, const Date& today, const Date& due, bool paused);

// How far an overdue application has escalated: 0 not overdue, 1 the mission's supervisor
// (overdue), 2 HQ (more than kHqAfterDays working days overdue).
inline constexpr int kHqAfterDays = 3;
int EscalationLevel(const WorkCalendar& cal, const Date& today, const Date& due);

}  // namespace peduli::services
