#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace peduli {

// A background job's thread: runs `work` every `period` until Stop (or destruction), which
// wakes the wait at once and joins. With `run_at_start` the first run is at Start, otherwise
// one period later. Start on a running task does nothing. The escalation, reminder, purge and
// mail jobs all run on one of these.
class PeriodicTask {
 public:
  PeriodicTask() = default;
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;
  ~PeriodicTask() { Stop(); }

  void Start(std::chrono::milliseconds period, std::function<void()> work, bool run_at_start = false);
  void Stop();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace peduli
