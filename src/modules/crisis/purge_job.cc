#include "modules/crisis/purge_job.h"

#include <chrono>

#include "core/log.h"

namespace peduli::crisis {

void PurgeJob::Start() {
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, std::chrono::seconds(period_), [this] { return stop_; })) {
      lock.unlock();
      auto done = service_->Purge();
      if (!done.ok()) log::Warn("crisis_purge_failed", {{"error", done.error().message}});
      lock.lock();
    }
  });
}

void PurgeJob::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peduli::crisis
