#include "modules/protection/escalation_job.h"

#include <chrono>

#include "core/log.h"

namespace peduli::protection {

void EscalationJob::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::seconds(period_), [this] { return stop_; })) {
      lock.unlock();
      auto n = service_->EscalateOverdue();
      if (!n.ok()) log::Warn("protection_escalation_failed", {{"error", n.error().message}});
      lock.lock();
    }
  });
}

void EscalationJob::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peduli::protection
