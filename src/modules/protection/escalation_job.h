#pragma once

#include "core/periodic.h"
#include "modules/protection/service.h"

namespace peduli::protection {

// Runs ProtectionService::EscalateOverdue every `period_seconds` on its own thread, so an
// overdue case is escalated (and its supervisor mailed) even when nobody opens the queue.
// Reads of the queue and of a case also escalate first; the store's compare-and-set makes
// each level happen once however many servers and threads run it.
class EscalationJob {
 public:
  EscalationJob(ProtectionService* service, int period_seconds)
      : service_(service), period_(period_seconds) {}
  ~EscalationJob() { Stop(); }
  void Start();
  void Stop() { task_.Stop(); }

 private:
  ProtectionService* service_;
  int period_;
  PeriodicTask task_;
};

}  // namespace peduli::protection
