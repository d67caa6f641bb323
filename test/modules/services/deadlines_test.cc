// Working-day arithmetic for service deadlines: weekends, holidays, a Friday-Saturday weekend
// (KJRI Jeddah), 29 February, the pause while waiting on the citizen, RAG and escalation.
#include "modules/services/deadlines.h"

#include <gtest/gtest.h>

#include "modules/reference/changes.h"

namespace peduli::services {
namespace {

Date D(const char* s) { return *Date::Parse(s); }

WorkCalendar Kl() {
  WorkCalendar c;
  c.working_days = reference::DefaultWorkingDays("MY");
  c.holidays = {"2026-08-17", "2026-08-31"};
  return c;
}

WorkCalendar Jeddah() {
  WorkCalendar c;
  c.working_days = reference::DefaultWorkingDays("SA");
  c.holidays = {"2026-09-23"};
  return c;
}

TEST(Deadlines, IsoWeekdays) {
  EXPECT_EQ(IsoWeekday(D("1970-01-01")), 4u);  // Thursday
  EXPECT_EQ(IsoWeekday(D("2026-11-27")), 5u);  // Friday
  EXPECT_EQ(IsoWeekday(D("2028-02-29")), 2u);  // Tuesday
  EXPECT_EQ(IsoWeekday(D("2026-11-29")), 7u);  // Sunday
}

TEST(Deadlines, SkipsTheWeekend) {
  // Filed on Friday with 3 working days: Monday, Tuesday, Wednesday.
  EXPECT_EQ(AddWorkingDays(Kl(), D("2026-11-27"), 3).ToString(), "2026-12-02");
  // Filed on Saturday: the count starts on Monday.
  EXPECT_EQ(AddWorkingDays(Kl(), D("2026-11-28"), 1).ToString(), "2026-11-30");
  EXPECT_EQ(AddWorkingDays(Kl(), D("2026-11-23"), 1).ToString(), "2026-11-24");
}

TEST(Deadlines, SkipsHolidays) {
  // Friday 14 August 2026, 2 working days: Monday 17 August is Independence Day.
  EXPECT_EQ(AddWorkingDays(Kl(), D("2026-08-14"), 2).ToString(), "2026-08-19");
  // Friday 28 August: Monday 31 August is Malaysia's national day.
  EXPECT_EQ(AddWorkingDays(Kl(), D("2026-08-28"), 1).ToString(), "2026-09-01");
}

TEST(Deadlines, FridaySaturdayWeekendInJeddah) {
  // Thursday 26 November 2026, 1 working day: Friday and Saturday are the weekend there.
  EXPECT_EQ(AddWorkingDays(Jeddah(), D("2026-11-26"), 1).ToString(), "2026-11-29");
  // The same filing in Kuala Lumpur is due on Friday.
  EXPECT_EQ(AddWorkingDays(Kl(), D("2026-11-26"), 1).ToString(), "2026-11-27");
  // Sunday is a working day in Jeddah.
  EXPECT_TRUE(Jeddah().IsWorkingDay(D("2026-11-29")));
  EXPECT_FALSE(Jeddah().IsWorkingDay(D("2026-11-27")));
  // Tuesday 22 September 2026 + 1: Wednesday 23 is Saudi National Day.
  EXPECT_EQ(AddWorkingDays(Jeddah(), D("2026-09-22"), 1).ToString(), "2026-09-24");
}

TEST(Deadlines, LeapDay) {
  EXPECT_EQ(AddWorkingDays(Kl(), D("2028-02-28"), 1).ToString(), "2028-02-29");
  EXPECT_EQ(AddWorkingDays(Kl(), D("2028-02-25"), 2).ToString(), "2028-02-29");
  EXPECT_EQ(AddWorkingDays(Kl(), D("2028-02-29"), 1).ToString(), "2028-03-01");
  // Not a leap year: 28 February 2027 is a Sunday, the next working day is 1 March.
  EXPECT_EQ(AddWorkingDays(Kl(), D("2027-02-26"), 1).ToString(), "2027-03-01");
  EXPECT_EQ(WorkingDaysBetween(Kl(), D("2028-02-25"), D("2028-03-01")), 3);
}

TEST(Deadlines, WaitingOnTheCitizenIsNotCounted) {
  // Correction requested on Monday 30 November, answered on Thursday 3 December: three
  // working days (Tue, Wed, Thu) are added to the due date.
  const WorkCalendar cal = Kl();
  const int paused = WorkingDaysBetween(cal, D("2026-11-30"), D("2026-12-03"));
  EXPECT_EQ(paused, 3);
  EXPECT_EQ(AddWorkingDays(cal, D("2026-12-02"), paused).ToString(), "2026-12-07");
  EXPECT_EQ(WorkingDaysBetween(cal, D("2026-12-03"), D("2026-12-03")), 0);
  // Over a weekend only: nothing.
  EXPECT_EQ(WorkingDaysBetween(cal, D("2026-11-27"), D("2026-11-29")), 0);
}

TEST(Deadlines, RedAmberGreen) {
  const WorkCalendar cal = Kl();
  EXPECT_EQ(Rag(cal, D("2026-12-03"), D("2026-12-02"), false), "red");
  EXPECT_EQ(Rag(cal, D("2026-12-02"), D("2026-12-02"), false), "amber");
  EXPECT_EQ(Rag(cal, D("2026-12-01"), D("2026-12-02"), false), "amber");
  // Friday before a Monday deadline: the next working day.
  EXPECT_EQ(Rag(cal, D("2026-11-27"), D("2026-11-30"), false), "amber");
  EXPECT_EQ(Rag(cal, D("2026-11-25"), D("2026-12-02"), false), "green");
  EXPECT_EQ(Rag(cal, D("2026-12-09"), D("2026-12-02"), true), "paused");
}

TEST(Deadlines, Escalation) {
  const WorkCalendar cal = Kl();
  EXPECT_EQ(EscalationLevel(cal, D("2026-12-02"), D("2026-12-02")), 0);
  EXPECT_EQ(EscalationLevel(cal, D("2026-12-03"), D("2026-12-02")), 1);
  EXPECT_EQ(EscalationLevel(cal, D("2026-12-07"), D("2026-12-02")), 1);  // 3 working days
  EXPECT_EQ(EscalationLevel(cal, D("2026-12-08"), D("2026-12-02")), 2);
}

}  // namespace
}  // namespace peduli::services
