#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "modules/crisis/safety.h"

namespace peduli::crisis {

// Runs SafetyService::Purge every `period_seconds` on its own thread: safety answers, call
// notes, evacuation marks and shared positions of crises closed longer than the retention
// (config crisis_retention_days, default 90) are deleted; crises.summary keeps the counts.
// The purge claims each crisis by compare-and-set, so several servers may run it.
class PurgeJob {
 public:
  PurgeJob(SafetyService* service, int period_seconds) : service_(service), period_(period_seconds) {}
  ~PurgeJob() { Stop(); }
  void Start();
  void Stop();

 private:
  SafetyService* service_;
  int period_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace peduli::crisis
