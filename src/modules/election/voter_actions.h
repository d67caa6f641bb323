#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/date.h"
#include "core/result.h"
#include "modules/audit/service.h"
#include "modules/election/model.h"
#include "modules/policy/policy.h"
#include "store/election_store.h"
#include "store/voter_store.h"

namespace peduli::election {

// Where an action came from, for its audit entry.
struct ActionOrigin {
  std::string purpose = "election";
  std::string ip, request_id;
};

// Ballot events in the only order they happen.
inline constexpr const char* kBallotEvents[] = {"sent", "received", "counted"};
// The state a ballot must be in for `event` ("" = none yet); nullptr for an unknown event.
const char* BallotStateBefore(const std::string& event);

// Whether a citizen may still ask to switch method: up to and including the election's
// cut-off date, judged on `local_today`, the date where the voter's mission is.
// kConflict ("voter.switch.closed") after it or for a closed election.
Status MayRequestMethod(const Election& e, const Date& local_today);

// What a PPLN's coverage page shows: the latest version's numbers and the ballots.
struct Coverage {
  bool has_version = false;
  Version version;
  store::BallotCounts ballots;
};

// The voter list's officer actions, the citizen's method requests and postal-ballot
// tracking. Each write is audited in its own transaction (store::VoterStore). Who may act
// is the routes' question (policy); this checks the input and the order of things.
//
// Method precedence when a list is generated: an officer's override, else the citizen's
// request (made before the cut-off), else the rules' default (DefaultMethod).
class VoterActions {
 public:
  // No pointer is owned.
  VoterActions(store::VoterStore* voters, store::ElectionStore* elections,
               audit::AuditService* audit, const Clock* clock)
      : voters_(voters), elections_(elections), audit_(audit), clock_(clock) {}

  // A court's revocation, and its lifting: `reference` (the decision's number, at most 120
  // characters) is required: kInvalid ("reference"). Lift: kConflict
  // ("election.revocation.none") when no revocation is in force.
  Status Revoke(const policy::Actor& a, int64_t citizen_id, const std::string& reference,
                const ActionOrigin& o);
  Status Lift(const policy::Actor& a, int64_t citizen_id, const std::string& reference,
              const ActionOrigin& o);
  // kNotFound when the citizen has no current stay.
  Status CheckPostalAddress(const policy::Actor& a, int64_t citizen_id, const ActionOrigin& o);
  // `method` TPSLN, KSK, POS, or "" to remove: kInvalid ("method"); an unknown election is
  // kInvalid ("election"), a closed one kConflict ("election.closed").
  Status Override(const policy::Actor& a, const std::string& election_code, int64_t citizen_id,
                  const std::string& method, const ActionOrigin& o);
  // The citizen's request: kInvalid ("method") for another method, ("postal_address") for
  // POS without an address (or one over 300 characters); MayRequestMethod's kConflict.
  Status RequestMethod(const policy::Actor& a, const Election& e, int64_t citizen_id,
                       const Date& local_today, const std::string& method,
                       const std::string& postal_address, const ActionOrigin& o);

  // One voter's ballot event, for a POS voter of the PPLN's latest version (kNotFound
  // otherwise); kInvalid ("event"); kConflict ("election.ballot.order") out of order.
  Status RecordBallot(const policy::Actor& a, const Election& e, const std::string& ppln,
                      int64_t citizen_id, const std::string& event, const ActionOrigin& o);
  // "sent" for every POS voter of `unit` in the latest version without a ballot state;
  // kInvalid ("unit") for a unit that is not a POS unit of it. The number recorded.
  Result<int64_t> SendUnit(const policy::Actor& a, const Election& e, const std::string& ppln,
                           const std::string& unit, const ActionOrigin& o);

  Result<Coverage> CoverageOf(const Election& e, const std::string& ppln);

  store::VoterStore& store() { return *voters_; }

 private:
  store::AuditEntry Entry(const policy::Actor& a, const std::string& action, int64_t citizen_id,
                          const ActionOrigin& o, const nlohmann::json& detail) const {
    return audit_->MakeEntry(a, action, citizen_id, o.purpose, o.ip, o.request_id, detail);
  }

  store::VoterStore* voters_;
  store::ElectionStore* elections_;
  audit::AuditService* audit_;
  const Clock* clock_;
};

}  // namespace peduli::election
