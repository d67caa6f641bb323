#include "core/periodic.h"

namespace peduli {

void PeriodicTask::Start(std::chrono::milliseconds period, std::function<void()> work,
                         bool run_at_start) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_.joinable()) return;
    stop_ = false;
  }
  thread_ = std::thread([this, period, work = std::move(work), run_at_start] {
    std::unique_lock<std::mutex> lock(mu_);
    bool due = run_at_start;
    while (!stop_) {
      if (due) {
        lock.unlock();
        work();
        lock.lock();
      }
      due = !cv_.wait_for(lock, period, [this] { return stop_; });
    }
  });
}

void PeriodicTask::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace peduli
