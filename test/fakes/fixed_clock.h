#pragma once

#include "core/clock.h"

namespace peduli::testing {

// A clock that only moves when told to.
class FixedClock final : public Clock {
 public:
  explicit FixedClock(int64_t now = 1795737600) : now_(now) {}  // 2026-11-27T00:00:00Z
  int64_t NowUnix() const override { return now_; }
  void Advance(int64_t seconds) { now_ += seconds; }

 private:
  int64_t now_;
};

}  // namespace peduli::testing
