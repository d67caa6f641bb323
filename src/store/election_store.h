#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/election/model.h"
#include "store/db.h"

namespace peduli::store {

// One unit of a version and its number of voters (export sheets, summary).
struct VoterUnit {
  std::string unit;
  std::string method;
  int64_t voters = 0;
};
// Included voters by method and sex (the summary sheet).
struct VoterCount {
  std::string method;
  std::string sex;
  int64_t voters = 0;
};

// One voter as an export writes them, in the KPU's layout.
struct ExportRow {
  std::string unit;
  int64_t seq = 0;
  std::string method, nik, full_name, sex, birth_date, marital_status, address, city;
};

// Elections, officer-set voting facts, and the numbered versions of the voter list.
// Versions are written whole in one transaction and never changed.
class ElectionStore {
 public:
  explicit ElectionStore(Database* db) : db_(db) {}

  // kConflict when the code exists.
  Result<int64_t> CreateElection(const election::Election& e, int64_t now);
  Result<election::Election> FindElection(const std::string& code);  // kNotFound
  Result<std::vector<election::Election>> Elections();  // newest polling day first

  // preparing, open or closed.
  Status SetStatus(int64_t election_id, const std::string& status);
  // Removes the personal data (facts, NIK, name, birth date, marital status, address, city,
  // and the postal addresses of method requests) from every version of a closed election,
  // in one transaction; returns the entries
  // scrubbed. kConflict ("err.election.not_closed") while the election is not closed.
  Result<int64_t> Purge(int64_t election_id, int64_t now);

  // A court's revocation of the right to vote (officer, with the decision's reference).
  Status Revoke(int64_t citizen_id, const std::string& reference, int64_t by, int64_t now);
  // Marks the postal address of the citizen's current stay as checked. kNotFound without one.
  Status CheckPostalAddress(int64_t citizen_id, int64_t by, int64_t now);
  // An officer's method for one voter ("" removes it).
  Status SetMethodOverride(int64_t election_id, int64_t citizen_id, const std::string& method,
                           int64_t by, int64_t now);

  // Writes the next version of (election, ppln) in one transaction: reads the PPLN's
  // citizens (active, current stay at the mission, with a NIK) in citizen-id pages of
  // `page_size` — never the whole PPLN at once — passes each one's facts to `decide` in
  // that order, stores the entries and the counts. Two generations at once: one gets
  // kConflict on the version number.
  using Decide = std::function<election::Entry(const election::VoterFacts&)>;
  Result<election::Version> Generate(const election::Election& e, const std::string& ppln,
                                     const std::string& rules_json, int64_t snapshot_at,
                                     int64_t created_by, const Decide& decide,
                                     int page_size = 2000);

  // Every mission with a current stay of an active citizen: the PPLNs to generate.
  Result<std::vector<std::string>> Pplns();

  Result<std::vector<election::Version>> Versions(int64_t election_id, const std::string& ppln);
  Result<election::Version> FindVersion(int64_t election_id, const std::string& ppln,
                                        int64_t number);  // kNotFound
  // The newest version of (election, ppln); nullopt when none was generated.
  Result<std::optional<election::Version>> Latest(int64_t election_id, const std::string& ppln);

  // Every entry of a version in citizen-id order after `after_citizen` (diffs, re-derivation).
  Result<std::vector<election::Entry>> EntriesByCitizen(int64_t version_id, int64_t after_citizen,
                                                        int limit);
  // Included voters in (unit, seq) order after (after_unit, after_seq): the exported
  // columns only (exports).
  Result<std::vector<ExportRow>> ExportPage(int64_t version_id, const std::string& after_unit,
                                            int64_t after_seq, int limit);
  Result<std::optional<election::Entry>> EntryOf(int64_t version_id, int64_t citizen_id);
  Result<std::vector<VoterUnit>> Units(int64_t version_id);
  Result<std::vector<VoterCount>> Counts(int64_t version_id);

 private:
  Database* db_;
};

}  // namespace peduli::store
