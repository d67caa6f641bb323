#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "adapters/registries/registries.h"
#include "core/clock.h"
#include "core/metrics.h"
#include "store/registry_store.h"
#include "store/verification_store.h"

namespace peduli::verification {

struct WorkerOptions {
  int threads = 2;
  int batch = 4;                      // jobs leased per claim
  int64_t lease_seconds = 120;        // > the adapters' timeout x attempts
  int max_attempts = 8;               // then the job parks as needs_attention
  int64_t retry_base_seconds = 30;    // doubles per attempt, with jitter
  int64_t retry_max_seconds = 3600;
  int64_t poll_ms = 250;              // idle wait between claims
};

// Workers inside the server process: lease due jobs, call the registry, store the verdict.
// A registry outage only delays jobs (retries with backoff, then needs_attention); it never
// reaches the citizen's submission.
class Worker {
 public:
  Worker(store::VerificationStore* jobs, store::RegistryStore* records, registries::Dukcapil* dukcapil,
         registries::Imigrasi* imigrasi, registries::Bp2mi* bp2mi, const Clock* clock,
         Metrics* metrics, WorkerOptions options);
  ~Worker();

  void Start();
  void Stop();
  // Ends an idle wait early (after an enqueue).
  void Wake();
  // Claims and runs one batch as `owner`; the number of jobs run. For tests and tools.
  int RunOnce(const std::string& owner);

 private:
  void Loop(std::string owner);
  void Run(const store::VerificationJob& job, const std::string& owner);
  int64_t Backoff(int64_t attempts);

  store::VerificationStore* jobs_;
  store::RegistryStore* records_;
  registries::Dukcapil* dukcapil_;
  registries::Imigrasi* imigrasi_;
  registries::Bp2mi* bp2mi_;
  const Clock* clock_;
  Metrics* metrics_;
  WorkerOptions options_;
  std::atomic<bool> stop_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::thread> threads_;
};

}  // namespace peduli::verification
