// The HQ case dashboard (issue 6): counts by mission x category x state with overdue,
// escalated and restricted, no names. The counts come from counter rows kept with every
// case write (migration 0027), overdue from an index range over open cases' deadlines, so a
// request costs the same at 100k cases as at 100 (docs/PERFORMANCE.md).
#include <algorithm>

#include "modules/protection/service.h"

namespace peduli::protection {

Result<std::vector<store::CaseCountRow>> ProtectionService::Dashboard(const Context& ctx,
                                                                      std::string mission,
                                                                      const std::string& category) {
  const std::string scope = policy::ScopeOf(ctx.actor);
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCases, scope)) return Error::Forbidden();
  if (!scope.empty()) mission = scope;  // a mission sees its own counts only
  if (!category.empty() &&
      std::find(kCategories.begin(), kCategories.end(), category) == kCategories.end()) {
    return Error::Invalid("category", "err.choice");
  }
  // Escalated is a stored level: raise what is due first, so the counts show it. Only cases
  // not yet at HQ level are walked (index cases_to_escalate).
  if (auto e = EscalateOverdue(); !e.ok()) return e.take_error();
  return store_->Counts(mission, category, clock_->NowUnix());
}

}  // namespace peduli::protection
