#pragma once

#include "core/result.h"
#include "modules/election/service.h"

namespace peduli::election {

// The demo election (code PEMILU-2029, polling day 2029-02-14) and a first version of
// KBRI Kuala Lumpur's list, once: nothing is done when the election exists.
Status SeedDemo(ElectionService& service, int64_t now);

inline constexpr const char* kDemoElection = "PEMILU-2029";

}  // namespace peduli::election
