#include "modules/protection/escalation_job.h"

#include "core/log.h"

namespace peduli::protection {

void EscalationJob::Start() {
  task_.Start(std::chrono::seconds(period_), [this] {
    auto n = service_->EscalateOverdue();
    if (!n.ok()) log::Warn("protection_escalation_failed", {{"error", n.error().message}});
  });
}

}  // namespace peduli::protection
