#include "modules/policy/policy.h"

namespace peduli::policy {

bool IsStaff(const std::string& role) {
  return role == "officer" || role == "supervisor" || role == "hq" || role == "hq_admin";
}

bool Allowed(const Actor& actor, Action action, const std::string& mission_code) {
  const std::string& role = actor.role;
  const bool hq = role == "hq" || role == "hq_admin";
  const bool mission_staff = (role == "officer" || role == "supervisor") &&
                             !actor.mission_code.empty() && actor.mission_code == mission_code;
  switch (action) {
    case Action::kReadCitizen:
    case Action::kVerifyCitizen:
      return hq || mission_staff;
    case Action::kReadAudit:
      return role == "dpo";
    case Action::kSearchCitizens:
    case Action::kReadWorkQueue:
      return hq || ((role == "officer" || role == "supervisor") && !actor.mission_code.empty() &&
                    (mission_code.empty() || actor.mission_code == mission_code));
  }
  return false;
}

std::string ScopeOf(const Actor& actor) {
  return actor.role == "hq" || actor.role == "hq_admin" ? "" : actor.mission_code;
}

}  // namespace peduli::policy
