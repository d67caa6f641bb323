#pragma once

#include <optional>
#include <string>

#include "core/date.h"
#include "modules/election/model.h"

namespace peduli::election {

// Whole years between `birth` and `on`. A 29 February birthday is reached on 1 March in
// years without one (the day after 28 February), never earlier.
int AgeOn(const Date& birth, const Date& on);

// Whether free-text `occupation` names serving TNI/Polri membership under `rules`.
bool IsArmedForces(const RuleSet& rules, const std::string& occupation);

// The voting method the rules give `f` when no officer chose one.
std::string DefaultMethod(const RuleSet& rules, const VoterFacts& f);

// The verdict for one citizen of the PPLN on `polling_day`. Pure: no clock, no store. When
// several reasons apply, the first of this order is given: under age (or no birth date),
// TNI/Polri, right revoked, stay ending before polling day, duplicate NIK, unverified NIK,
// postal voter without an address. A postal voter whose address nobody checked is
// included with the problem kPostalUnchecked.
Decision Decide(const RuleSet& rules, const Date& polling_day, const VoterFacts& f);

}  // namespace peduli::election
