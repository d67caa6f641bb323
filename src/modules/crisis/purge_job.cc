#include "modules/crisis/purge_job.h"

#include <algorithm>

#include "core/log.h"

namespace peduli::crisis {

void PurgeJob::Start() {
  // Ticks often enough for the claims; purges once per `period_`.
  const int tick = std::max(1, std::min(period_, kClaimTickSeconds));
  task_.Start(std::chrono::seconds(tick), [this, tick] {
    auto taken = service_->ReclaimStale();
    if (!taken.ok()) log::Warn("crisis_reclaim_failed", {{"error", taken.error().message}});
    since_purge_ += tick;
    if (since_purge_ < period_) return;
    since_purge_ = 0;
    auto done = service_->Purge();
    if (!done.ok()) log::Warn("crisis_purge_failed", {{"error", done.error().message}});
  });
}

}  // namespace peduli::crisis
