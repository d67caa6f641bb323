#pragma once

#include "core/periodic.h"
#include "modules/crisis/safety.h"

namespace peduli::crisis {

// Runs SafetyService::Purge every `period_seconds` on its own thread: safety answers, call
// notes, evacuation marks and shared positions of crises closed longer than the retention
// (config crisis_retention_days, default 90) are deleted; crises.summary keeps the counts.
// The purge claims each crisis by compare-and-set, so several servers may run it.
// Every kClaimTickSeconds it also takes over "need help" claims a crash left behind
// (SafetyService::ReclaimStale), so a person who asked for help gets their case within
// minutes even if they never answer again.
class PurgeJob {
 public:
  static constexpr int kClaimTickSeconds = 60;
  PurgeJob(SafetyService* service, int period_seconds) : service_(service), period_(period_seconds) {}
  ~PurgeJob() { Stop(); }
  void Start();
  void Stop() { task_.Stop(); }

 private:
  SafetyService* service_;
  int period_;
  int since_purge_ = 0;  // only touched by the task's thread
  PeriodicTask task_;
};

}  // namespace peduli::crisis
