#pragma once

#include <cstdint>
#include <string>

namespace peduli::policy {

// Who acts.
struct Actor {
  int64_t account_id = 0;
  std::string role;          // citizen, officer, supervisor, hq, hq_admin, dpo, election
  std::string mission_code;  // the mission of officers, supervisors and election liaisons
};

enum class Action {
  kReadCitizen,      // open a citizen's record, including registry verdicts
  kVerifyCitizen,    // trigger a registry check by hand
  kReadWorkQueue,    // the mission's (or, for HQ, every mission's) work lists
  kReadAudit,        // the audit log: the data-protection officer only
  kSearchCitizens,   // search the registry (limited to the actor's scope)
};

// The one place that decides whether `actor` may do `action` on something that belongs to
// `mission_code` (a citizen belongs to the mission of their current stay). Every staff
// route asks it; routes never hand-code role checks.
bool Allowed(const Actor& actor, Action action, const std::string& mission_code);

// The mission whose data a work list shows to `actor`: their own mission, "" for HQ (all).
std::string ScopeOf(const Actor& actor);

bool IsStaff(const std::string& role);

// The actor of a signed-in request (the routes' view of http::Principal).
template <typename PrincipalT>
Actor ActorOf(const PrincipalT& p) {
  return {p.account_id, p.role, p.mission_code};
}

}  // namespace peduli::policy
