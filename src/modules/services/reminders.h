#pragma once

#include "core/clock.h"
#include "core/periodic.h"
#include "modules/reference/service.h"
#include "store/services_store.h"

namespace peduli::services {

// Queues reminders to citizens in the services outbox (mailed by MessageSender, shown in
// the portal inbox): "your passport expires within 6 months" (from the Lapor Diri passport
// expiry date) and "your appointment is tomorrow" (the mission's time zone). Each reminder
// has a unique key (passport:<citizen>:<expiry>, appointment:<id>), inserted with ON
// CONFLICT DO NOTHING, so it is queued once however many servers run the job and however
// often they restart.
class ReminderJob {
 public:
  // None owned; all must outlive the job.
  ReminderJob(store::ServicesStore* store, const reference::ReferenceService* refs,
              const Clock* clock)
      : store_(store), refs_(refs), clock_(clock) {}
  ~ReminderJob() { Stop(); }

  struct Counts {
    int passports = 0;
    int appointments = 0;
  };
  // One pass at the clock's now: the reminders queued by this call (not those queued before).
  Counts RunOnce();

  void Start(int period_seconds = 600) {
    task_.Start(std::chrono::seconds(period_seconds), [this] { (void)RunOnce(); }, true);
  }
  void Stop() { task_.Stop(); }

 private:
  store::ServicesStore* store_;
  const reference::ReferenceService* refs_;
  const Clock* clock_;
  PeriodicTask task_;
};

}  // namespace peduli::services
