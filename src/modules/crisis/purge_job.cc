#include "modules/crisis/purge_job.h"

#include "core/log.h"

namespace peduli::crisis {

void PurgeJob::Start() {
  task_.Start(std::chrono::seconds(period_), [this] {
    auto done = service_->Purge();
    if (!done.ok()) log::Warn("crisis_purge_failed", {{"error", done.error().message}});
  });
}

}  // namespace peduli::crisis
