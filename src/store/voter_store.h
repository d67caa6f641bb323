#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/election/model.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// A court's revocation of one citizen's right to vote, as recorded.
struct Revocation {
  int64_t id = 0;
  std::string reference;
  int64_t set_by = 0, set_at = 0;
  int64_t lifted_at = 0;  // 0: in force
  std::string lift_reference;
};

// An officer's override, or a citizen's request, of the voting method in one election.
struct MethodChoice {
  int64_t election_id = 0;
  std::string method;
  std::string postal_address;  // citizen's POS requests only
  int64_t at = 0;
};

// One postal voter of a version with the state of their ballot ("" before it is sent).
struct PostalVoter {
  int64_t citizen_id = 0;
  std::string full_name, unit;
  int64_t seq = 0;
  std::string ballot_state;
};

struct BallotEvent {
  std::string event;  // sent, received, counted
  int64_t at = 0;
};

// Ballots of one PPLN by the furthest state reached.
struct BallotCounts {
  int64_t sent = 0, received = 0, counted = 0;  // received includes counted, sent both
};

// The writes behind the voter list's officer actions, the citizen's method requests and
// postal-ballot tracking. Every write takes the audit entry that records it and appends it
// in the same transaction, so an action is never stored unaudited or audited unstored.
class VoterStore {
 public:
  explicit VoterStore(Database* db) : db_(db) {}

  Status Revoke(int64_t citizen_id, const std::string& reference, int64_t by, int64_t now,
                const AuditEntry& audit);
  // Lifts every revocation in force. kNotFound when none is.
  Status Lift(int64_t citizen_id, const std::string& reference, int64_t by, int64_t now,
              const AuditEntry& audit);
  Result<std::vector<Revocation>> Revocations(int64_t citizen_id);  // newest first

  // Marks the postal address of the citizen's current stay checked. kNotFound without one.
  Status CheckPostalAddress(int64_t citizen_id, int64_t by, int64_t now, const AuditEntry& audit);
  // When the current stay's address was checked; 0 when it was not (or no current stay).
  Result<int64_t> PostalCheckedAt(int64_t citizen_id);

  // An officer's method ("" removes the override).
  Status SetOverride(int64_t election_id, int64_t citizen_id, const std::string& method,
                     int64_t by, int64_t now, const AuditEntry& audit);
  Result<std::vector<MethodChoice>> Overrides(int64_t citizen_id);

  // The citizen's own request (replacing an earlier one). A POS request whose address
  // differs from the stay's current one voids the check of that stay's address.
  Status SetRequest(int64_t election_id, int64_t citizen_id, const std::string& method,
                    const std::string& postal_address, int64_t now, const AuditEntry& audit);
  Result<std::optional<MethodChoice>> RequestOf(int64_t election_id, int64_t citizen_id);

  // Appends `event` for one voter, moving their ballot from `from` ("" = none yet) to
  // `event`; kConflict ("election.ballot.order") when the ballot is not in `from`.
  Status RecordBallot(int64_t election_id, const std::string& ppln, int64_t citizen_id,
                      const std::string& from, const std::string& event, int64_t version_number,
                      const std::string& unit, int64_t by, int64_t now, const AuditEntry& audit);
  // Records "sent" for every included POS voter of the version's `unit` whose ballot has no
  // state yet; the number recorded.
  Result<int64_t> SendUnit(const election::Version& v, const std::string& unit, int64_t by,
                           int64_t now, const AuditEntry& audit);
  Result<std::string> BallotState(int64_t election_id, int64_t citizen_id);  // "" none
  Result<std::vector<BallotEvent>> BallotEvents(int64_t election_id, int64_t citizen_id);
  // The version's included POS voters after (after_unit, after_seq) in unit order, only of
  // `unit` unless it is "", with their ballots' state.
  Result<std::vector<PostalVoter>> PostalVoters(const election::Version& v,
                                                const std::string& unit,
                                                const std::string& after_unit, int64_t after_seq,
                                                int limit);
  Result<BallotCounts> Counts(int64_t election_id, const std::string& ppln);

 private:
  Database* db_;
};

}  // namespace peduli::store
