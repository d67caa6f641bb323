#include "store/election_store.h"

#include <nlohmann/json.hpp>

namespace peduli::store {

using election::Election;
using election::Entry;
using election::Version;
using election::VoterFacts;
using nlohmann::json;

namespace {

constexpr const char* kElectionCols =
    "id, code, name, polling_date, cutoff_date, status, purged_at";
Election ElectionOf(const Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6)};
}

constexpr const char* kVersionCols =
    "id, election_id, ppln, number, rules, snapshot_at, created_by, potential, included, "
    "verified, postal, postal_checked, problems";
Version VersionOf(const Row& r) {
  Version v;
  v.id = r.Int(0);
  v.election_id = r.Int(1);
  v.ppln = r.Text(2);
  v.number = r.Int(3);
  v.rules = r.Text(4);
  v.snapshot_at = r.Int(5);
  v.created_by = r.Int(6);
  v.potential = r.Int(7);
  v.included = r.Int(8);
  v.verified = r.Int(9);
  v.postal = r.Int(10);
  v.postal_checked = r.Int(11);
  v.problems = r.Int(12);
  return v;
}

// Columns of voter_list_entries read back, in this order.
#define PEDULI_ENTRY_COLS "citizen_id, included, reason, method, unit, seq, verified, facts"
Entry EntryFromRow(const Row& r) {
  Entry e;
  e.facts = VoterFacts::FromJson(json::parse(r.Text(7), nullptr, false));
  e.facts.citizen_id = r.Int(0);
  e.decision.included = r.Int(1) == 1;
  e.decision.reason = r.Text(2);
  e.decision.method = r.Text(3);
  e.unit = r.Text(4);
  e.seq = r.Int(5);
  e.verified = r.Int(6) == 1;
  return e;
}

// The facts of the PPLN's citizens after a citizen id, in id order. A Dukcapil check still
// open reads as pending: the earlier verdict may be about data since changed.
constexpr const char* kFactsPage =
    "SELECT c.id, c.nik, c.full_name, c.sex, c.birth_date, c.marital_status, c.occupation, "
    "s.category, s.details, s.city, m.city, "
    // A citizen's postal request names the address the ballot goes to (migration 0015).
    "COALESCE((SELECT q.postal_address FROM voter_method_requests q "
    "  WHERE q.election_id = $2 AND q.citizen_id = c.id), s.address), s.expected_end_date, "
    "CASE WHEN EXISTS (SELECT 1 FROM verification_jobs j WHERE j.citizen_id = c.id "
    "  AND j.system = 'dukcapil' AND j.state IN ('queued', 'running')) THEN 'pending' "
    "  ELSE (SELECT v.state FROM verification_results v WHERE v.citizen_id = c.id "
    "  AND v.system = 'dukcapil') END, "
    "(SELECT COUNT(*) FROM voting_right_revocations r WHERE r.citizen_id = c.id "
    "  AND r.lifted_at IS NULL), "
    "(SELECT COUNT(*) FROM duplicate_attempts d WHERE d.nik = c.nik AND d.resolved_at IS NULL), "
    "(SELECT COUNT(*) FROM postal_address_checks p WHERE p.stay_id = s.id), "
    // Method precedence: the officer's override, else the citizen's request (0015).
    "COALESCE((SELECT o.method FROM voter_method_overrides o WHERE o.election_id = $2 "
    "  AND o.citizen_id = c.id), (SELECT q.method FROM voter_method_requests q "
    "  WHERE q.election_id = $2 AND q.citizen_id = c.id)) "
    "FROM stays s JOIN citizens c ON c.id = s.citizen_id "
    "LEFT JOIN missions m ON m.code = s.mission_code "
    "WHERE s.mission_code = $1 AND s.ended_at IS NULL AND s.citizen_id > $3 "
    "AND c.status = 'active' AND c.nik IS NOT NULL "
    "ORDER BY s.citizen_id LIMIT $4";

// An exported column's value: set for included voters only, the ones an export writes.
Value Exported(const Entry& en, const std::string& v) {
  return en.decision.included ? Value{v} : Null();
}

VoterFacts FactsOf(const Row& r) {
  VoterFacts f;
  f.citizen_id = r.Int(0);
  f.nik = r.Text(1);
  f.full_name = r.Text(2);
  f.sex = r.Text(3);
  f.birth_date = r.Text(4);
  f.marital_status = r.Text(5);
  f.occupation = r.Text(6);
  f.category = r.Text(7);
  if (f.category == "pmi") {
    auto d = json::parse(r.Text(8), nullptr, false);
    if (d.is_object()) f.employer_name = d.value("employer_name", std::string());
  }
  f.city = r.Text(9);
  f.mission_city = r.Text(10);
  f.address = r.Text(11);
  f.expected_end_date = r.Text(12);
  f.nik_state = r.Text(13);
  f.revoked = r.Int(14) > 0;
  f.duplicate_open = r.Int(15) > 0;
  f.address_checked = r.Int(16) > 0;
  f.method_override = r.Text(17);
  return f;
}

}  // namespace

Result<int64_t> ElectionStore::CreateElection(const Election& e, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(
      "INSERT INTO elections (code, name, polling_date, cutoff_date, status, created_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
      {e.code, e.name, e.polling_date, e.cutoff_date,
       e.status.empty() ? std::string("preparing") : e.status, now});
  if (!row.ok()) return row.take_error();
  return row->Int(0);
}

Result<Election> ElectionStore::FindElection(const std::string& code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(
      std::string("SELECT ") + kElectionCols + " FROM elections WHERE code = $1", {code});
  if (!row.ok()) return row.take_error();
  return ElectionOf(*row);
}

Result<std::vector<Election>> ElectionStore::Elections() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string("SELECT ") + kElectionCols +
                              " FROM elections ORDER BY polling_date DESC, id DESC");
  if (!rows.ok()) return rows.take_error();
  std::vector<Election> out;
  for (const auto& r : *rows) out.push_back(ElectionOf(r));
  return out;
}

Status ElectionStore::SetStatus(int64_t election_id, const std::string& status) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec("UPDATE elections SET status = $2 WHERE id = $1", {election_id, status});
}

Result<int64_t> ElectionStore::Purge(int64_t election_id, int64_t now) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto e = c.QueryOne("SELECT status FROM elections WHERE id = $1", {election_id});
    if (!e.ok()) return e.take_error();
    if (e->Text(0) != "closed") return Error::Conflict("err.election.not_closed");
    auto n = c.QueryOne(
        "SELECT COUNT(*) FROM voter_list_entries WHERE version_id IN "
        "(SELECT id FROM voter_list_versions WHERE election_id = $1)",
        {election_id});
    if (!n.ok()) return n.take_error();
    // The citizen id, verdict, reason, method, unit, number, sex and verified flag stay:
    // the published counts and the differences between versions remain explainable.
    PEDULI_TRY(c.Exec(
        "UPDATE voter_list_entries SET facts = '{}', nik = NULL, full_name = NULL, "
        "birth_date = NULL, marital_status = NULL, address = NULL, city = NULL "
        "WHERE version_id IN (SELECT id FROM voter_list_versions WHERE election_id = $1)",
        {election_id}));
    // A citizen's postal address given with a method request is personal data of the same
    // election (ballot events hold only ids and states, and stay with the counts).
    PEDULI_TRY(c.Exec("UPDATE voter_method_requests SET postal_address = NULL "
                      "WHERE election_id = $1", {election_id}));
    PEDULI_TRY(c.Exec("UPDATE elections SET purged_at = $2 WHERE id = $1", {election_id, now}));
    return n->Int(0);
  });
}

Status ElectionStore::Revoke(int64_t citizen_id, const std::string& reference, int64_t by,
                             int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "INSERT INTO voting_right_revocations (citizen_id, reference, set_by, set_at) "
      "VALUES ($1, $2, $3, $4)",
      {citizen_id, reference, by, now});
}

Status ElectionStore::CheckPostalAddress(int64_t citizen_id, int64_t by, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "INSERT INTO postal_address_checks (stay_id, checked_by, checked_at) "
      "SELECT id, $2, $3 FROM stays WHERE citizen_id = $1 AND ended_at IS NULL "
      "ON CONFLICT (stay_id) DO UPDATE SET checked_by = excluded.checked_by, "
      "checked_at = excluded.checked_at RETURNING stay_id",
      {citizen_id, by, now});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return Error::NotFound();
  return Status::Ok();
}

Status ElectionStore::SetMethodOverride(int64_t election_id, int64_t citizen_id,
                                        const std::string& method, int64_t by, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  if (method.empty()) {
    return (*lease)->Exec(
        "DELETE FROM voter_method_overrides WHERE election_id = $1 AND citizen_id = $2",
        {election_id, citizen_id});
  }
  return (*lease)->Exec(
      "INSERT INTO voter_method_overrides (election_id, citizen_id, method, set_by, set_at) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (election_id, citizen_id) DO UPDATE SET "
      "method = excluded.method, set_by = excluded.set_by, set_at = excluded.set_at",
      {election_id, citizen_id, method, by, now});
}

Result<Version> ElectionStore::Generate(const Election& e, const std::string& ppln,
                                        const std::string& rules_json, int64_t snapshot_at,
                                        int64_t created_by, const Decide& decide,
                                        int page_size) {
  return InTransaction<Version>(*db_, true, [&](Connection& c) -> Result<Version> {
    // Every page reads the same snapshot: a citizen who moves while the PPLN is read is
    // either in it or not, never half (SQLite's write transaction already sees one).
    if (c.dialect() == Dialect::kPostgres) {
      PEDULI_TRY(c.Exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"));
    }
    auto next = c.QueryOne(
        "SELECT COALESCE(MAX(number), 0) + 1 FROM voter_list_versions "
        "WHERE election_id = $1 AND ppln = $2",
        {e.id, ppln});
    if (!next.ok()) return next.take_error();
    auto id = c.QueryOne(
        "INSERT INTO voter_list_versions (election_id, ppln, number, rules, snapshot_at, "
        "created_by, potential, included, verified, postal, postal_checked, problems) "
        "VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, 0, 0) RETURNING id",
        {e.id, ppln, next->Int(0), rules_json, snapshot_at,
         created_by ? Value{created_by} : Null()});
    if (!id.ok()) return id.take_error();
    const int64_t version_id = id->Int(0);
    int64_t after = 0;
    for (;;) {
      auto rows = c.Query(kFactsPage, {ppln, e.id, after, int64_t{page_size}});
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) {
        Entry en = decide(FactsOf(r));
        PEDULI_TRY(c.Exec(
            "INSERT INTO voter_list_entries (version_id, citizen_id, included, reason, method, "
            "unit, seq, sex, verified, facts, nik, full_name, birth_date, marital_status, "
            "address, city) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
            "$14, $15, $16)",
            {version_id, en.facts.citizen_id, int64_t{en.decision.included ? 1 : 0},
             TextOrNull(en.decision.reason), TextOrNull(en.decision.method), en.unit, en.seq,
             TextOrNull(en.facts.sex), int64_t{en.verified ? 1 : 0}, en.facts.ToJson().dump(),
             // The exported columns, for the voters an export writes (see 0014).
             Exported(en, en.facts.nik), Exported(en, en.facts.full_name),
             Exported(en, en.facts.birth_date), Exported(en, en.facts.marital_status),
             Exported(en, en.facts.address), Exported(en, en.facts.city)}));
      }
      if (static_cast<int>(rows->size()) < page_size) break;
      after = rows->back().Int(0);
    }
    PEDULI_TRY(c.Exec(
        "UPDATE voter_list_versions SET "
        "potential = (SELECT COUNT(*) FROM voter_list_entries WHERE version_id = $1), "
        "included = (SELECT COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
        "  AND included = 1), "
        "verified = (SELECT COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
        "  AND verified = 1), "
        "postal = (SELECT COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
        "  AND included = 1 AND method = 'POS'), "
        "postal_checked = (SELECT COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
        "  AND included = 1 AND method = 'POS' AND reason IS NULL), "
        "problems = (SELECT COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
        "  AND included = 1 AND reason IS NOT NULL) "
        "WHERE id = $1",
        {version_id}));
    auto v = c.QueryOne(std::string("SELECT ") + kVersionCols +
                            " FROM voter_list_versions WHERE id = $1",
                        {version_id});
    if (!v.ok()) return v.take_error();
    return VersionOf(*v);
  });
}

Result<std::vector<std::string>> ElectionStore::Pplns() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT DISTINCT s.mission_code FROM stays s WHERE s.ended_at IS NULL ORDER BY 1");
  if (!rows.ok()) return rows.take_error();
  std::vector<std::string> out;
  for (const auto& r : *rows) out.push_back(r.Text(0));
  return out;
}

Result<std::vector<Version>> ElectionStore::Versions(int64_t election_id, const std::string& ppln) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string("SELECT ") + kVersionCols +
                                  " FROM voter_list_versions WHERE election_id = $1 "
                                  "AND ppln = $2 ORDER BY number DESC",
                              {election_id, ppln});
  if (!rows.ok()) return rows.take_error();
  std::vector<Version> out;
  for (const auto& r : *rows) out.push_back(VersionOf(r));
  return out;
}

Result<Version> ElectionStore::FindVersion(int64_t election_id, const std::string& ppln,
                                           int64_t number) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(std::string("SELECT ") + kVersionCols +
                                    " FROM voter_list_versions WHERE election_id = $1 "
                                    "AND ppln = $2 AND number = $3",
                                {election_id, ppln, number});
  if (!row.ok()) return row.take_error();
  return VersionOf(*row);
}

Result<std::optional<Version>> ElectionStore::Latest(int64_t election_id,
                                                     const std::string& ppln) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string("SELECT ") + kVersionCols +
                                  " FROM voter_list_versions WHERE election_id = $1 "
                                  "AND ppln = $2 ORDER BY number DESC LIMIT 1",
                              {election_id, ppln});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<Version>();
  return std::optional<Version>(VersionOf(rows->front()));
}

Result<std::vector<Entry>> ElectionStore::EntriesByCitizen(int64_t version_id,
                                                           int64_t after_citizen, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT " PEDULI_ENTRY_COLS " FROM voter_list_entries WHERE version_id = $1 "
      "AND citizen_id > $2 ORDER BY citizen_id LIMIT $3",
      {version_id, after_citizen, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<Entry> out;
  for (const auto& r : *rows) out.push_back(EntryFromRow(r));
  return out;
}

Result<std::vector<ExportRow>> ElectionStore::ExportPage(int64_t version_id,
                                                        const std::string& after_unit,
                                                        int64_t after_seq, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  // The row-value comparison lets both databases seek the (version_id, unit, seq) index to
  // the page's start; "unit > $2 OR (unit = $2 AND seq > $3)" made SQLite walk the version
  // from its first voter on every page. Facts are read only for entries written before
  // the exported columns existed (0014).
  auto rows = (*lease)->Query(
      "SELECT unit, seq, method, nik, full_name, sex, birth_date, marital_status, address, "
      "city, CASE WHEN nik IS NULL THEN facts END FROM voter_list_entries "
      "WHERE version_id = $1 AND included = 1 AND (unit, seq) > ($2, $3) "
      "ORDER BY unit, seq LIMIT $4",
      {version_id, after_unit, after_seq, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<ExportRow> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) {
    ExportRow x;
    x.unit = r.Text(0);
    x.seq = r.Int(1);
    x.method = r.Text(2);
    if (r.IsNull(3)) {
      const VoterFacts f = VoterFacts::FromJson(json::parse(r.Text(10), nullptr, false));
      x.nik = f.nik;
      x.full_name = f.full_name;
      x.sex = f.sex;
      x.birth_date = f.birth_date;
      x.marital_status = f.marital_status;
      x.address = f.address;
      x.city = f.city;
    } else {
      x.nik = r.Text(3);
      x.full_name = r.Text(4);
      x.sex = r.Text(5);
      x.birth_date = r.Text(6);
      x.marital_status = r.Text(7);
      x.address = r.Text(8);
      x.city = r.Text(9);
    }
    out.push_back(std::move(x));
  }
  return out;
}

Result<std::optional<Entry>> ElectionStore::EntryOf(int64_t version_id, int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query("SELECT " PEDULI_ENTRY_COLS " FROM voter_list_entries "
                              "WHERE version_id = $1 AND citizen_id = $2",
                              {version_id, citizen_id});
  if (!rows.ok()) return rows.take_error();
  if (rows->empty()) return std::optional<Entry>();
  return std::optional<Entry>(EntryFromRow(rows->front()));
}

Result<std::vector<VoterUnit>> ElectionStore::Units(int64_t version_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT unit, method, COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
      "AND included = 1 GROUP BY unit, method ORDER BY unit",
      {version_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<VoterUnit> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Int(2)});
  return out;
}

Result<std::vector<VoterCount>> ElectionStore::Counts(int64_t version_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT method, COALESCE(sex, ''), COUNT(*) FROM voter_list_entries WHERE version_id = $1 "
      "AND included = 1 GROUP BY method, COALESCE(sex, '') ORDER BY 1, 2",
      {version_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<VoterCount> out;
  for (const auto& r : *rows) out.push_back({r.Text(0), r.Text(1), r.Int(2)});
  return out;
}

}  // namespace peduli::store
