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

// What staff do. Each names the resource's mission: a citizen belongs to the mission of
// their current stay; a list or search to the mission it is scoped to ("" = every mission).
enum class Action {
  kReadCitizen,       // open a citizen's record, including registry verdicts
  kVerifyCitizen,     // trigger a registry check by hand
  kDecideCitizen,     // verify or reject a report, request a correction
  kResolveDuplicate,  // decide a duplicate-NIK claim (or undo that decision)
  kRegisterWalkIn,    // enter Lapor Diri for a citizen at the mission's counter
  kReadWorkQueue,     // the mission's (or, for HQ, every mission's) work lists
  kSearchCitizens,    // search the registry (limited to the actor's scope)
  kAssignWork,        // give a work item to an officer of the mission
  kManageStaff,       // create, disable, reset the second factor of staff accounts
  kManageMissions,    // missions, jurisdictions, time zones, working days
  kReadAudit,         // the audit log: the data-protection officer only
  // The voter list (DPT LN) of one PPLN: its versions, differences, coverage and exports
  // (CSV/XLSX): its election liaison, the mission's supervisor, and HQ.
  kExportVoterList,
  // Generate a new version of one PPLN's list: its election liaison, and HQ (the HQ console
  // generates for any PPLN).
  kGenerateVoterList,
  // Issue 6, protection cases. A case belongs to the mission handling it (after a transfer,
  // the receiving mission; the sender keeps only its audit trail).
  // Read a case or the case queue: officers and supervisors of the mission, HQ (all).
  kReadCases,
  // Open a case, add actions, change its state, match, transfer: officers and supervisors of
  // the mission. The assignment lock (only the assignee and the supervisor act on an
  // assigned case) is the protection service's rule on top of this.
  kActOnCase,
  // Assign a case to an officer of the mission: its supervisor.
  kAssignCase,
  // Reveal the masked name of a restricted case (trafficking, violence, death penalty) with
  // a reason, audited: those who read the case (the assignee, the supervisor and HQ see it
  // without revealing). The dpo and election liaisons never see case content.
  kRevealRestricted,
  // Issue 8: record postal ballots of one PPLN as sent, received, counted: its election
  // liaison and the mission's supervisor (who read the list too); not HQ (mission work).
  kRecordPostalBallot,
  // Issue 7: the statistics dashboard, its exports and a mission's profile (aggregates, no
  // person): officers and supervisors for their own mission, HQ for every mission (""); not
  // the dpo or election liaisons.
  kReadStats,
  // Issue 5 (consular services). Move an application on (check, correction, process, ready,
  // hand over, reject), file one at the counter, open appointment slots: the mission's
  // officers and supervisors. Reading applications is kReadCitizen.
  kHandleApplication,
  // Publish a new version of the service catalog: hq_admin.
  kManageCatalog,
  // A mission's own service settings (offered, local fee, quota, hours): hq_admin, and the
  // mission's supervisor.
  kManageMissionServices,
  // Issue 9 (crisis response). Write, send and close a crisis alert: HQ for any area (an
  // HQ-wide crisis has mission_code ""), a mission's supervisor for its own jurisdiction.
  kManageCrisis,
  // Read a crisis, its reach, its counts and the list of citizens not yet accounted for: HQ,
  // and the staff of the mission ("" = their own scope).
  kReadCrisis,
  // Record a safety answer from a phone call, a call outcome, an evacuation mark or a
  // transport: the officers and supervisor of the citizen's mission.
  kRecordSafety,
  // Issue 5: revoke a document the mission issued (an SPLP, a letter): the mission's
  // supervisor only.
  kRevokeServiceDocument,
};

// The one place that decides whether `actor` may do `action` on something that belongs to
// `mission_code`. Every staff route asks it; routes never hand-code role checks.
//  - officer: read and act within their mission;
//  - supervisor: an officer's rights plus assigning work and managing the mission's
//    officers (not supervisors, HQ or other roles: see MayGrantRole);
//  - hq: reads everything, acts on nothing of a mission's own work;
//  - hq_admin: what hq may, plus missions and staff accounts everywhere;
//  - dpo: the audit log only, no case content;
//  - election: the voter list of their own PPLN only.
bool Allowed(const Actor& actor, Action action, const std::string& mission_code);

// Whether `actor` may give a staff account `role` at `mission_code` (kManageStaff decides
// the mission; this decides the role): hq_admin any role, a supervisor only officers.
bool MayGrantRole(const Actor& actor, const std::string& role);

// The mission whose data a work list shows to `actor`: their own mission, "" for HQ (all).
std::string ScopeOf(const Actor& actor);

// Every staff role: they work in the console and must use a second factor.
bool IsStaff(const std::string& role);
// Roles bound to one mission.
bool IsMissionRole(const std::string& role);

// The actor of a signed-in request (the routes' view of http::Principal).
template <typename PrincipalT>
Actor ActorOf(const PrincipalT& p) {
  return {p.account_id, p.role, p.mission_code};
}

}  // namespace peduli::policy
