#include "modules/services/reminders.h"

#include "core/date.h"

namespace peduli::services {

namespace {

// The same day `months` later (clamped to the month's end: 31 August + 6 = 28/29 February).
Date AddMonths(const Date& d, int months) {
  int m0 = static_cast<int>(d.month) - 1 + months;
  Date out{d.year + m0 / 12, static_cast<unsigned>(m0 % 12 + 1), d.day};
  while (!Date::Parse(out.ToString()) && out.day > 28) --out.day;
  return out;
}

}  // namespace

ReminderJob::Counts ReminderJob::RunOnce() {
  Counts n;
  const int64_t now = clock_->NowUnix();
  // Passport dates carry no time zone: the UTC date is as good as any for a 6-month window.
  const Date today = Date::FromUnix(now);
  const std::string to = AddMonths(today, 6).ToString();
  // Up to 20,000 a pass; those already queued are skipped by their key.
  auto due = store_->PassportsExpiring(today.ToString(), to, 20000);
  if (due.ok()) {
    for (const auto& p : *due) {
      store::ReminderRow r{"passport:" + std::to_string(p.citizen_id) + ":" + p.expiry_date,
                           p.account_id, 0, "remind_passport", p.expiry_date};
      if (auto q = store_->QueueReminder(r, now); q.ok() && *q) ++n.passports;
    }
  }
  // Appointments tomorrow in their mission's time zone: every one starting in the next two
  // days is looked at, and those on the mission's next local date are reminded.
  auto appts = store_->AppointmentsBetween(now, now + 2 * 86400 + 3600);
  if (appts.ok()) {
    for (const auto& a : *appts) {
      const auto* m = refs_->FindMission(a.mission_code);
      const std::string tz = m ? m->timezone : "UTC";
      const Date local_today = LocalDate(now, tz);
      const Date tomorrow = Date::FromUnix((local_today.DaysSinceEpoch() + 1) * 86400);
      if (LocalDate(a.starts_at, tz) != tomorrow) continue;
      store::ReminderRow r{"appointment:" + std::to_string(a.appointment_id), a.account_id,
                           a.application_id, "remind_appointment", FormatLocalTime(a.starts_at, tz)};
      if (auto q = store_->QueueReminder(r, now); q.ok() && *q) ++n.appointments;
    }
  }
  return n;
}

}  // namespace peduli::services
