#include "modules/verification/worker.h"

#include <sodium.h>

#include <chrono>

#include "core/crypto.h"
#include "core/log.h"
#include "modules/verification/checks.h"

namespace peduli::verification {

Worker::Worker(store::VerificationStore* jobs, store::RegistryStore* records,
               registries::Dukcapil* dukcapil, registries::Imigrasi* imigrasi,
               registries::Bp2mi* bp2mi, const Clock* clock, Metrics* metrics,
               WorkerOptions options)
    : jobs_(jobs), records_(records), dukcapil_(dukcapil), imigrasi_(imigrasi), bp2mi_(bp2mi),
      clock_(clock), metrics_(metrics), options_(options) {}

Worker::~Worker() { Stop(); }

void Worker::Start() {
  stop_ = false;
  for (int i = 0; i < options_.threads; ++i) {
    threads_.emplace_back(&Worker::Loop, this, "w-" + crypto::RandomToken(8));
  }
}

void Worker::Stop() {
  stop_ = true;
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

void Worker::Wake() { cv_.notify_all(); }

void Worker::Loop(std::string owner) {
  while (!stop_) {
    int n = 0;
    try {
      n = RunOnce(owner);
    } catch (const std::exception& e) {
      log::Error("verification_worker_exception", {{"what", e.what()}});
    }
    if (n == 0 && !stop_) {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms));
    }
  }
}

int Worker::RunOnce(const std::string& owner) {
  auto claimed = jobs_->Claim(owner, clock_->NowUnix(), options_.lease_seconds, options_.batch);
  if (!claimed.ok()) {
    log::Warn("verification_claim_failed", {{"reason", claimed.error().message}});
    return 0;
  }
  for (const auto& job : *claimed) Run(job, owner);
  if (metrics_ && !claimed->empty()) {
    if (auto counts = jobs_->Counts(); counts.ok()) {
      for (const char* s : {"queued", "running", "done", "needs_attention"}) {
        metrics_->SetGauge("peduli_verification_jobs", std::string("state=\"") + s + "\"",
                           static_cast<double>((*counts)[s]));
      }
    }
  }
  return static_cast<int>(claimed->size());
}

int64_t Worker::Backoff(int64_t attempts) {
  int64_t delay = options_.retry_base_seconds;
  for (int64_t i = 1; i < attempts && delay < options_.retry_max_seconds; ++i) delay *= 2;
  delay = std::min(delay, options_.retry_max_seconds);
  // Jitter: between half and all of the delay, so parked bursts do not return together.
  int64_t half = delay / 2;
  return half + (half > 0 ? static_cast<int64_t>(randombytes_uniform(static_cast<uint32_t>(half + 1))) : 0);
}

void Worker::Run(const store::VerificationJob& job, const std::string& owner) {
  const int64_t now = clock_->NowUnix();
  auto rec = records_->FindById(job.citizen_id);
  if (!rec.ok()) {
    // Deleted meanwhile: nothing to check.
    store::VerificationResult gone{job.system, "error", {}, "{}", R"({"error":"record_deleted"})"};
    (void)jobs_->Finish(job, owner, gone, now);
    return;
  }
  const registry::LaporDiri& d = rec->data;
  Result<Outcome> outcome = Error::Internal("unknown system");
  if (job.system == kDukcapil && dukcapil_) {
    auto v = dukcapil_->Verify(DukcapilQueryOf(d));
    outcome = v.ok() ? Result<Outcome>(FromDukcapil(*v)) : Result<Outcome>(v.take_error());
  } else if (job.system == kImigrasi && imigrasi_) {
    auto v = imigrasi_->Check(PassportQueryOf(d));
    outcome = v.ok() ? Result<Outcome>(FromImigrasi(*v)) : Result<Outcome>(v.take_error());
  } else if (job.system == kBp2mi && bp2mi_) {
    if (d.stay.category != "pmi") {
      outcome = Outcome{"match", {}, {{"skipped", "not_a_migrant_worker"}}, {}};
    } else {
      auto v = bp2mi_->Placements(d.identity.nik);
      outcome = v.ok() ? Result<Outcome>(FromBp2mi(*v, d, Date::FromUnix(now)))
                       : Result<Outcome>(v.take_error());
    }
  }
  if (!outcome.ok()) {
    // The registry refused the request itself (400/422): asking again will not help.
    const bool park = job.attempts >= options_.max_attempts || outcome.error().code == Code::kInvalid;
    std::string reason = CodeName(outcome.error().code);
    (void)jobs_->Retry(job, owner, now + Backoff(job.attempts), reason, park, now);
    log::Info("verification_retry", {{"job", job.id}, {"system", job.system},
                                     {"attempt", job.attempts}, {"parked", park}});
    return;
  }
  Outcome& o = outcome.value();
  o.checked_against["record_updated_at"] = rec->updated_at;
  store::VerificationResult r{job.system, o.state, o.mismatched, o.checked_against.dump(),
                              o.detail.dump()};
  auto stored = jobs_->Finish(job, owner, r, clock_->NowUnix());
  if (!stored.ok()) log::Warn("verification_store_failed", {{"job", job.id}});
}

}  // namespace peduli::verification
