#include "modules/policy/policy.h"

namespace peduli::policy {

bool IsStaff(const std::string& role) {
  return role == "officer" || role == "supervisor" || role == "hq" || role == "hq_admin" ||
         role == "dpo" || role == "election";
}

bool IsMissionRole(const std::string& role) {
  return role == "officer" || role == "supervisor" || role == "election";
}

namespace {

bool Hq(const Actor& a) { return a.role == "hq" || a.role == "hq_admin"; }

// Officer or supervisor of exactly this mission.
bool MissionStaff(const Actor& a, const std::string& mission_code) {
  return (a.role == "officer" || a.role == "supervisor") && !a.mission_code.empty() &&
         a.mission_code == mission_code;
}

// Officer or supervisor, for a list scoped to their mission ("" means their own scope).
bool MissionList(const Actor& a, const std::string& mission_code) {
  return (a.role == "officer" || a.role == "supervisor") && !a.mission_code.empty() &&
         (mission_code.empty() || a.mission_code == mission_code);
}

}  // namespace

bool Allowed(const Actor& actor, Action action, const std::string& mission_code) {
  switch (action) {
    case Action::kReadCitizen:
      return Hq(actor) || MissionStaff(actor, mission_code);
    case Action::kVerifyCitizen:
    case Action::kDecideCitizen:
    case Action::kResolveDuplicate:
    case Action::kRegisterWalkIn:
      return MissionStaff(actor, mission_code);
    case Action::kSearchCitizens:
    case Action::kReadWorkQueue:
      return Hq(actor) || MissionList(actor, mission_code);
    case Action::kAssignWork:
      return actor.role == "supervisor" && !actor.mission_code.empty() &&
             (mission_code.empty() || actor.mission_code == mission_code);
    case Action::kManageStaff:
      return actor.role == "hq_admin" ||
             (actor.role == "supervisor" && !actor.mission_code.empty() &&
              actor.mission_code == mission_code);
    case Action::kManageMissions:
      return actor.role == "hq_admin";
    case Action::kReadAudit:
      return actor.role == "dpo";
    case Action::kExportVoterList:
      return Hq(actor) || ((actor.role == "election" || actor.role == "supervisor") &&
                           !actor.mission_code.empty() && actor.mission_code == mission_code);
    case Action::kGenerateVoterList:
      return Hq(actor) || (actor.role == "election" && !actor.mission_code.empty() &&
                           actor.mission_code == mission_code);
    case Action::kReadCases:
    case Action::kRevealRestricted:
      return Hq(actor) || MissionList(actor, mission_code);
    case Action::kActOnCase:
      return MissionStaff(actor, mission_code);
    case Action::kAssignCase:
      return actor.role == "supervisor" && !actor.mission_code.empty() &&
             actor.mission_code == mission_code;
    case Action::kRecordPostalBallot:
      return (actor.role == "election" || actor.role == "supervisor") &&
             !actor.mission_code.empty() && actor.mission_code == mission_code;
    case Action::kReadStats:
      return Hq(actor) || MissionList(actor, mission_code);
    case Action::kHandleApplication:
      return MissionStaff(actor, mission_code);
    case Action::kManageCatalog:
      return actor.role == "hq_admin";
    case Action::kManageMissionServices:
      return actor.role == "hq_admin" ||
             (actor.role == "supervisor" && !actor.mission_code.empty() &&
              actor.mission_code == mission_code);
    case Action::kManageCrisis:
      return Hq(actor) || (actor.role == "supervisor" && !actor.mission_code.empty() &&
                           actor.mission_code == mission_code);
    case Action::kReadCrisis:
      return Hq(actor) || MissionList(actor, mission_code);
    case Action::kRecordSafety:
      return MissionStaff(actor, mission_code);
    case Action::kRevokeServiceDocument:  // issue 5
      return actor.role == "supervisor" && !actor.mission_code.empty() &&
             actor.mission_code == mission_code;
  }
  return false;
}

bool MayGrantRole(const Actor& actor, const std::string& role) {
  if (actor.role == "hq_admin") return IsStaff(role);
  if (actor.role == "supervisor") return role == "officer";
  return false;
}

std::string ScopeOf(const Actor& actor) { return Hq(actor) ? "" : actor.mission_code; }

}  // namespace peduli::policy
