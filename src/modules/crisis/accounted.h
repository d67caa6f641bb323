#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "modules/crisis/safety.h"

namespace peduli::crisis {

extern const std::vector<std::string> kCallOutcomes;  // reached_safe, reached_needs_help, unreachable, left_area

// When to call someone unreachable again after their `attempts`-th attempt: +2 h after the
// first, +6 h after the next ones, none after kMaxAttempts (0).
inline constexpr int64_t kMaxAttempts = 5;
int64_t NextAttemptAt(int64_t now, int64_t attempts);

struct CallInput {
  std::string outcome;
  std::string note;  // at most 1,000 characters
};

// The live counts of a crisis in the actor's scope.
struct CountsView {
  std::vector<store::SafetyCounts> areas;    // per mission and subdivision
  store::SafetyCounts total;
  std::vector<store::SafetyCounts> samples;  // over time, oldest first
};

// Item 3 of issue 9: the list of citizens not yet accounted for, call outcomes and the
// repeated attempts, and the live counts. Access: kReadCrisis to read (mission staff see
// their mission's people only), kRecordSafety on the person's mission to record a call.
class AccountedService {
 public:
  explicit AccountedService(SafetyService* safety) : safety_(safety) {}

  // The call list with contact data: audited (one entry naming the citizens shown) before
  // it is returned. `open_only` false lists everyone.
  Result<std::vector<store::CallListEntry>> List(const SafetyContext& ctx, int64_t crisis_id,
                                                 const std::string& subdivision, bool open_only);
  // Records a call outcome. reached_needs_help opens the case like a "need help" answer;
  // unreachable schedules the next attempt. Audited.
  Result<store::SafetyPerson> RecordCall(const SafetyContext& ctx, int64_t crisis_id,
                                         int64_t citizen_id, CallInput in);
  // Counts by area now and sampled over time (a sample a minute at most).
  Result<CountsView> Counts(const SafetyContext& ctx, int64_t crisis_id);

 private:
  SafetyService* safety_;
};

}  // namespace peduli::crisis
