#pragma once

#include <cstdint>
#include <vector>

#include "core/result.h"
#include "store/db.h"
#include "store/registry_store.h"

namespace peduli::store {

// How verify codes (the unguessable part of /verify/<code>) are made.
enum class VerifyCodes {
  // crypto::RandomToken(20), as RegistryStore::Create's callers use.
  kRandom,
  // Keyed BLAKE2b-160 of the citizen id under a key drawn at random for each call and then
  // forgotten: as unguessable as kRandom (nobody holds the key), unique because ids are, and
  // no syscall per row.
  kKeyedHash,
};

struct BulkLoadOptions {
  // Citizens per multi-row INSERT; stays and family members go in statements of the same
  // number of rows. 0 picks the backend's best (see bulk_load.cc): SQLite binds parameters
  // by name, and finding a name costs time linear in the parameter count, so its statements
  // stay small; PostgreSQL pays a round trip per statement, so its statements are large.
  int rows_per_statement = 0;
  // Citizens per transaction.
  int people_per_transaction = 10000;
  VerifyCodes verify_codes = VerifyCodes::kRandom;
};

// Writes citizens with their first stay and family, the way RegistryStore::Create stores
// one, but many at a time: for seeding demo and benchmark databases, and for imports.
// Each `people[k]` must be validated and normalised (see registry::ValidateLaporDiri).
//
// Citizens get consecutive ids, in the order of `people`, after the largest one present,
// allocated inside each transaction; registration numbers are "PWNI-<year of now>-<id in base32, 8 characters>"
// and verify codes as `options` says. Status is 'active', created_at = updated_at =
// started_at = `now` of each write. On PostgreSQL the citizens' id sequence is moved past
// the ids used, so later RegistryStore::Create calls do not collide, and the table is
// locked against concurrent writers for each transaction.
//
// The statistics counters (store/stats_store.h) are not maintained here: call
// StatsStore::Rebuild once after the last batch (peduli-gen and the demo seed do).
//
// Transactions of `people_per_transaction` citizens are committed one after the other.
// On failure, the failing transaction writes nothing but earlier ones stay committed; the
// error is kConflict when a NIK, registration number or verify code exists already
// (duplicates are not recorded as claims: a bulk load has no claimant). Returns the number
// of citizens written.
Result<int64_t> BulkLoadCitizens(Database& db, const std::vector<CitizenWrite>& people,
                                 const BulkLoadOptions& options = {});

}  // namespace peduli::store
