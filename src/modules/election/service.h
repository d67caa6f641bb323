#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "modules/election/model.h"
#include "store/election_store.h"

namespace peduli::election {

// One difference between two versions of a PPLN's list, in citizen order.
struct DiffRow {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind = Kind::kAdded;
  int64_t citizen_id = 0;
  std::string full_name;
  std::string reason;  // removed: why (an exclusion reason, or kLeftPpln)
  std::string old_method, new_method, old_unit, new_unit;
};
const char* KindName(DiffRow::Kind k);  // added, removed, changed

// A citizen's place in the latest list of one election.
struct Standing {
  Election election;
  std::optional<Version> version;  // none yet for their PPLN
  std::optional<Entry> entry;      // none: not in the PPLN's latest version
  std::string ppln;
};

// Generation, re-derivation and comparison of voter-list versions. Thread-safe (the store
// is; the service keeps no state).
class ElectionService {
 public:
  // Neither pointer is owned.
  ElectionService(store::ElectionStore* store, const Clock* clock)
      : store_(store), clock_(clock) {}

  // Generates the next version of (election, ppln) with `rules`, reading the registry now.
  // kNotFound for an unknown election; kInvalid for a malformed polling day.
  Result<Version> Generate(const std::string& election_code, const std::string& ppln,
                           int64_t actor_account_id, const RuleSet& rules = {});

  // Re-runs the version's stored rules over its stored facts and counts the entries whose
  // verdict, method, unit or number differ from the stored ones (0 for an intact version).
  Result<int64_t> Rederive(const Version& v, const Election& e);

  // What changed from `older` (nullopt: an empty list) to `newer`.
  Result<std::vector<DiffRow>> Diff(const std::optional<Version>& older, const Version& newer);

  // Where the citizen stands in each election's latest list of `ppln` (their current stay's
  // mission; "" when they have none).
  Result<std::vector<Standing>> StandingOf(int64_t citizen_id, const std::string& ppln);

  store::ElectionStore& store() { return *store_; }

 private:
  store::ElectionStore* store_;
  const Clock* clock_;
};

// Gives units and numbers in citizen order: the n-th voter of a method (from 0) is number
// n % size + 1 of unit "<METHOD>-<n / size + 1, 3 digits>". Generation and re-derivation
// share it, so both give the same units.
class UnitAssigner {
 public:
  explicit UnitAssigner(int unit_size) : size_(unit_size) {}
  void Assign(Entry* e);

 private:
  int size_;
  int64_t tps_ = 0, ksk_ = 0, pos_ = 0;
};

}  // namespace peduli::election
