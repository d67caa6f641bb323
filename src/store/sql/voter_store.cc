#include "store/voter_store.h"

#include <nlohmann/json.hpp>

namespace peduli::store {

Status VoterStore::Revoke(int64_t citizen_id, const std::string& reference, int64_t by,
                          int64_t now, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(c.Exec(
        "INSERT INTO voting_right_revocations (citizen_id, reference, set_by, set_at) "
        "VALUES ($1, $2, $3, $4)",
        {citizen_id, reference, by, now}));
    return AuditStore::AppendIn(c, audit);
  });
}

Status VoterStore::Lift(int64_t citizen_id, const std::string& reference, int64_t by,
                        int64_t now, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto rows = c.Query(
        "UPDATE voting_right_revocations SET lifted_at = $2, lifted_by = $3, "
        "lift_reference = $4 WHERE citizen_id = $1 AND lifted_at IS NULL RETURNING id",
        {citizen_id, now, by, reference});
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) return Error::NotFound();
    return AuditStore::AppendIn(c, audit);
  });
}

Result<std::vector<Revocation>> VoterStore::Revocations(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, reference, set_by, set_at, lifted_at, lift_reference "
      "FROM voting_right_revocations WHERE citizen_id = $1 ORDER BY id DESC",
      {citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<Revocation> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5)});
  }
  return out;
}

Status VoterStore::CheckPostalAddress(int64_t citizen_id, int64_t by, int64_t now,
                                      const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto stay = c.Query("SELECT id FROM stays WHERE citizen_id = $1 AND ended_at IS NULL",
                        {citizen_id});
    if (!stay.ok()) return stay.take_error();
    if (stay->empty()) return Error::NotFound();
    PEDULI_TRY(c.Exec(
        "INSERT INTO postal_address_checks (stay_id, checked_by, checked_at) "
        "VALUES ($1, $2, $3) ON CONFLICT (stay_id) DO UPDATE SET "
        "checked_by = excluded.checked_by, checked_at = excluded.checked_at",
        {stay->front().Int(0), by, now}));
    return AuditStore::AppendIn(c, audit);
  });
}

Result<int64_t> VoterStore::PostalCheckedAt(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT p.checked_at FROM stays s JOIN postal_address_checks p ON p.stay_id = s.id "
      "WHERE s.citizen_id = $1 AND s.ended_at IS NULL",
      {citizen_id});
  if (!rows.ok()) return rows.take_error();
  return rows->empty() ? int64_t{0} : rows->front().Int(0);
}

Status VoterStore::SetOverride(int64_t election_id, int64_t citizen_id,
                               const std::string& method, int64_t by, int64_t now,
                               const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    if (method.empty()) {
      PEDULI_TRY(c.Exec(
          "DELETE FROM voter_method_overrides WHERE election_id = $1 AND citizen_id = $2",
          {election_id, citizen_id}));
    } else {
      PEDULI_TRY(c.Exec(
          "INSERT INTO voter_method_overrides (election_id, citizen_id, method, set_by, set_at) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (election_id, citizen_id) DO UPDATE SET "
          "method = excluded.method, set_by = excluded.set_by, set_at = excluded.set_at",
          {election_id, citizen_id, method, by, now}));
    }
    return AuditStore::AppendIn(c, audit);
  });
}

Result<std::vector<MethodChoice>> VoterStore::Overrides(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT election_id, method, set_at FROM voter_method_overrides WHERE citizen_id = $1 "
      "ORDER BY election_id",
      {citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<MethodChoice> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Text(1), "", r.Int(2)});
  return out;
}

Status VoterStore::SetRequest(int64_t election_id, int64_t citizen_id, const std::string& method,
                              const std::string& postal_address, int64_t now,
                              const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    if (!postal_address.empty()) {
      // The check was of the stay's address (or of an earlier request's): a new address
      // needs a new check.
      auto old = c.Query(
          "SELECT COALESCE((SELECT q.postal_address FROM voter_method_requests q "
          "  WHERE q.election_id = $2 AND q.citizen_id = $1), s.address), s.id "
          "FROM stays s WHERE s.citizen_id = $1 AND s.ended_at IS NULL",
          {citizen_id, election_id});
      if (!old.ok()) return old.take_error();
      if (!old->empty() && old->front().Text(0) != postal_address) {
        PEDULI_TRY(c.Exec("DELETE FROM postal_address_checks WHERE stay_id = $1",
                          {old->front().Int(1)}));
      }
    }
    PEDULI_TRY(c.Exec(
        "INSERT INTO voter_method_requests (election_id, citizen_id, method, postal_address, "
        "requested_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (election_id, citizen_id) "
        "DO UPDATE SET method = excluded.method, postal_address = excluded.postal_address, "
        "requested_at = excluded.requested_at",
        {election_id, citizen_id, method, TextOrNull(postal_address), now}));
    return AuditStore::AppendIn(c, audit);
  });
}

Result<std::optional<MethodChoice>> VoterStore::RequestOf(int64_t election_id,
                                                          int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT method, postal_address, requested_at FROM voter_method_requests "
      "WHERE election_id = $1 AND citizen_id = $2",
      {election_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<MethodChoice>();
  const Row& r = rows->front();
  return std::optional<MethodChoice>(MethodChoice{election_id, r.Text(0), r.Text(1), r.Int(2)});
}

Status VoterStore::RecordBallot(int64_t election_id, const std::string& ppln, int64_t citizen_id,
                                const std::string& from, const std::string& event,
                                int64_t version_number, const std::string& unit, int64_t by,
                                int64_t now, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    // The state row is written first: on PostgreSQL its lock orders two recorders of the
    // same ballot, and the second sees the first's state.
    if (from.empty()) {
      auto ins = c.Query(
          "INSERT INTO postal_ballots (election_id, citizen_id, ppln, state, updated_at) "
          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (election_id, citizen_id) DO NOTHING "
          "RETURNING citizen_id",
          {election_id, citizen_id, ppln, event, now});
      if (!ins.ok()) return ins.take_error();
      if (ins->empty()) return Error::Conflict("election.ballot.order");
    } else {
      auto upd = c.Query(
          "UPDATE postal_ballots SET state = $3, updated_at = $4 WHERE election_id = $1 "
          "AND citizen_id = $2 AND state = $5 RETURNING citizen_id",
          {election_id, citizen_id, event, now, from});
      if (!upd.ok()) return upd.take_error();
      if (upd->empty()) return Error::Conflict("election.ballot.order");
    }
    PEDULI_TRY(c.Exec(
        "INSERT INTO postal_ballot_events (election_id, citizen_id, ppln, event, "
        "version_number, unit, recorded_by, recorded_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {election_id, citizen_id, ppln, event, version_number, unit, by, now}));
    return AuditStore::AppendIn(c, audit);
  });
}

Result<int64_t> VoterStore::SendUnit(const election::Version& v, const std::string& unit,
                                     int64_t by, int64_t now, const AuditEntry& audit) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    // Events first, then states, both for the voters without a state yet.
    auto sent = c.Query(
        "INSERT INTO postal_ballot_events (election_id, citizen_id, ppln, event, "
        "version_number, unit, recorded_by, recorded_at) "
        "SELECT $1, e.citizen_id, $3, 'sent', $4, e.unit, $6, $7 FROM voter_list_entries e "
        "WHERE e.version_id = $2 AND e.unit = $5 AND e.included = 1 AND e.method = 'POS' "
        "AND NOT EXISTS (SELECT 1 FROM postal_ballots b WHERE b.election_id = $1 "
        "  AND b.citizen_id = e.citizen_id) "
        "RETURNING citizen_id",
        {v.election_id, v.id, v.ppln, v.number, unit, by, now});
    if (!sent.ok()) return sent.take_error();
    PEDULI_TRY(c.Exec(
        "INSERT INTO postal_ballots (election_id, citizen_id, ppln, state, updated_at) "
        "SELECT $1, e.citizen_id, $3, 'sent', $5 FROM voter_list_entries e "
        "WHERE e.version_id = $2 AND e.unit = $4 AND e.included = 1 AND e.method = 'POS' "
        "AND NOT EXISTS (SELECT 1 FROM postal_ballots b WHERE b.election_id = $1 "
        "  AND b.citizen_id = e.citizen_id)",
        {v.election_id, v.id, v.ppln, unit, now}));
    AuditEntry a = audit;
    std::vector<int64_t> ids;
    for (const auto& r : *sent) ids.push_back(r.Int(0));
    a.record_ids = nlohmann::json(ids).dump();
    PEDULI_TRY(AuditStore::AppendIn(c, a));
    return static_cast<int64_t>(sent->size());
  });
}

Result<std::string> VoterStore::BallotState(int64_t election_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT state FROM postal_ballots WHERE election_id = $1 AND citizen_id = $2",
      {election_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  return rows->empty() ? std::string() : rows->front().Text(0);
}

Result<std::vector<BallotEvent>> VoterStore::BallotEvents(int64_t election_id,
                                                          int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT event, recorded_at FROM postal_ballot_events WHERE election_id = $1 "
      "AND citizen_id = $2 ORDER BY id",
      {election_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<BallotEvent> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Int(1)});
  return out;
}

Result<std::vector<PostalVoter>> VoterStore::PostalVoters(const election::Version& v,
                                                          const std::string& unit,
                                                          const std::string& after_unit,
                                                          int64_t after_seq, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT e.citizen_id, e.facts, e.unit, e.seq, COALESCE(b.state, '') "
      "FROM voter_list_entries e LEFT JOIN postal_ballots b ON b.election_id = $2 "
      "AND b.citizen_id = e.citizen_id WHERE e.version_id = $1 AND e.included = 1 "
      "AND e.method = 'POS' AND ($3 = '' OR e.unit = $3) "
      "AND (e.unit > $4 OR (e.unit = $4 AND e.seq > $5)) ORDER BY e.unit, e.seq LIMIT $6",
      {v.id, v.election_id, unit, after_unit, after_seq, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<PostalVoter> out;
  for (const auto& r : *rows) {
    auto facts = nlohmann::json::parse(r.Text(1), nullptr, false);
    std::string name = facts.is_object() ? facts.value("full_name", std::string()) : "";
    out.push_back({r.Int(0), std::move(name), r.Text(2), r.Int(3), r.Text(4)});
  }
  return out;
}

Result<BallotCounts> VoterStore::Counts(int64_t election_id, const std::string& ppln) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT state, COUNT(*) FROM postal_ballots WHERE election_id = $1 AND ppln = $2 "
      "GROUP BY state",
      {election_id, ppln});
  if (!rows.ok()) return rows.take_error();
  BallotCounts out;
  for (const auto& r : *rows) {
    const int64_t n = r.Int(1);
    out.sent += n;
    if (r.Text(0) == "received" || r.Text(0) == "counted") out.received += n;
    if (r.Text(0) == "counted") out.counted += n;
  }
  return out;
}

}  // namespace peduli::store
