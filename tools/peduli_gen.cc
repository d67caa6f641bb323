// peduli-gen: fills a database with the synthetic population, for demos and benchmarks.
//
//   peduli-gen --database URL_OR_PATH --count N [--seed S] [--offset K] [--assets DIR]
//              [--accounts K --tokens-out FILE --bodies-out FILE]
//              [--batch 10000] [--workers 2] [--rows-per-statement R]
//              [--verify-codes random|keyed]
//
// Migrates the database, loads the reference data, then writes people offset ..
// offset+count-1 of demo::Population (validated like a submission, no account) with
// store::BulkLoadCitizens. With --accounts it also creates K verified citizen accounts,
// each with a session whose bearer token goes to --tokens-out (one a line), and writes to
// --bodies-out one Lapor Diri JSON a line for people offset+count .. offset+count+K-1 (not
// loaded, so that submitting line j with token j is a real first write and conflicts with
// nothing). Prints one JSON object with what it did and how fast: `seconds` and
// `rows_per_second` cover generating, validating and writing the citizens (generation runs
// on --workers threads while the previous batch is written); `table_rows` counts citizens,
// stays and family members.
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <future>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "demo/synthetic.h"
#include "modules/reference/loader.h"
#include "modules/registry/codec.h"
#include "store/accounts_store.h"
#include "store/search_store.h"
#include "store/bulk_load.h"
#include "store/stats_store.h"
#include "store/migrate.h"

namespace {

using namespace peduli;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

[[noreturn]] void Fail(const std::string& what, const Error& e) {
  std::string fields;
  for (const auto& f : e.fields) fields += " " + f.field + "=" + f.key;
  std::cerr << "peduli-gen: " << what << ": " << e.message << fields << "\n";
  std::exit(1);
}

struct Options {
  std::string database;
  uint64_t count = 0;
  uint64_t seed = demo::kDefaultSeed;
  uint64_t offset = 0;
  std::string assets = PEDULI_SOURCE_DIR;
  uint64_t batch = 10000;
  unsigned workers = 2;
  int rows_per_statement = 0;
  std::string verify_codes = "random";
  uint64_t accounts = 0;
  bool search_index = true;
  std::string tokens_out;
  std::string bodies_out;
};

// People [first, first+n) validated and ready to store, made by `workers` threads.
std::vector<store::CitizenWrite> Generate(const demo::Population& pop,
                                          const registry::ValidationContext& ctx, uint64_t first,
                                          uint64_t n, int64_t now, unsigned workers) {
  std::vector<store::CitizenWrite> out(n);
  auto part = [&](uint64_t from, uint64_t to) {
    for (uint64_t k = from; k < to; ++k) {
      auto w = pop.Write(first + k, ctx, now);
      if (!w.ok()) Fail("person " + std::to_string(first + k) + " is invalid", w.error());
      out[k] = std::move(w.value());
    }
  };
  std::vector<std::future<void>> parts;
  const uint64_t step = (n + workers - 1) / workers;
  for (uint64_t from = step; from < n; from += step) {
    parts.push_back(std::async(std::launch::async, part, from, std::min(n, from + step)));
  }
  part(0, std::min(n, step));
  for (auto& p : parts) p.get();
  return out;
}

// Creates the accounts with their sessions and writes the tokens and bodies files.
void CreateAccounts(store::Database& db, const demo::Population& pop, const Options& o,
                    int64_t now, nlohmann::json& report) {
  std::ofstream tokens(o.tokens_out), bodies(o.bodies_out);
  if (!tokens || !bodies) {
    std::cerr << "peduli-gen: cannot write " << o.tokens_out << " or " << o.bodies_out << "\n";
    std::exit(1);
  }
  auto started = Clock::now();
  store::AccountsStore accounts(&db);
  // Nobody signs in with a password: one hash of a random one serves every account.
  const std::string password_hash = crypto::HashPassword(crypto::RandomToken(20), true);
  const uint64_t first = o.offset + o.count;
  for (uint64_t j = 0; j < o.accounts; ++j) {
    const uint64_t index = first + j;
    registry::LaporDiri person = pop.Person(index);
    store::AccountRow a;
    a.email = "warga" + std::to_string(index) + "-" + std::to_string(o.seed) + "@bench.peduli.test";
    a.name = person.identity.full_name;
    a.password_hash = password_hash;
    a.role = "citizen";
    a.locale = "id";
    a.email_verified_at = now;
    a.created_at = now;
    auto id = accounts.Create(a, "", 0);
    if (!id.ok()) Fail("account " + a.email, id.error());
    const std::string token = crypto::RandomToken(24);
    auto s = accounts.CreateSession(
        {crypto::HashToken(token), *id, crypto::RandomToken(20), now, now + 30 * 86400});
    if (!s.ok()) Fail("session", s.error());
    tokens << token << "\n";
    bodies << registry::ToJson(person).dump() << "\n";
  }
  report["accounts"] = o.accounts;
  report["accounts_seconds"] = Since(started);
  report["tokens_out"] = o.tokens_out;
  report["bodies_out"] = o.bodies_out;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Fills a Peduli WNI database with the synthetic population"};
  Options o;
  app.add_option("--database", o.database, "SQLite file path or postgresql:// URL")->required();
  app.add_option("--count", o.count, "People to load")->required();
  app.add_option("--seed", o.seed, "Population seed");
  app.add_option("--offset", o.offset, "Index of the first person");
  app.add_flag("!--no-search-index", o.search_index, "Skip rebuilding the officers' search index");
  app.add_option("--assets", o.assets, "Directory holding web/ and data/ (reference sources)");
  app.add_option("--batch", o.batch, "People per transaction")->check(CLI::Range(1, 1000000));
  app.add_option("--workers", o.workers, "Threads generating and validating people")
      ->check(CLI::Range(1, 64));
  app.add_option("--rows-per-statement", o.rows_per_statement,
                 "Rows per INSERT (0: the backend's default)");
  app.add_option("--verify-codes", o.verify_codes, "random (RandomToken) or keyed (BLAKE2b)")
      ->check(CLI::IsMember({"random", "keyed"}));
  auto* accounts = app.add_option("--accounts", o.accounts,
                                  "Verified citizen accounts with sessions to create");
  app.add_option("--tokens-out", o.tokens_out, "File for the accounts' bearer tokens")
      ->needs(accounts);
  app.add_option("--bodies-out", o.bodies_out, "File for their Lapor Diri bodies (JSON lines)")
      ->needs(accounts);
  CLI11_PARSE(app, argc, argv);
  if (o.accounts > 0 && (o.tokens_out.empty() || o.bodies_out.empty())) {
    std::cerr << "peduli-gen: --accounts needs --tokens-out and --bodies-out\n";
    return 2;
  }
  if (o.offset + o.count + o.accounts > demo::Population::kIndexLimit) {
    std::cerr << "peduli-gen: indexes beyond " << demo::Population::kIndexLimit
              << " would repeat NIKs\n";
    return 2;
  }

  crypto::Init();
  const auto started = Clock::now();
  auto db = store::Open(o.database, 2);
  if (!db.ok()) Fail("open", db.error());
  if (auto s = store::Migrate(**db); !s.ok()) Fail("migrate", s.error());
  auto ref = reference::LoadAndOpen(**db, o.assets);
  if (!ref.ok()) Fail("reference data", ref.error());
  const demo::Population pop(**ref, o.seed);
  const demo::ReferenceValidationContext ctx(**ref, demo::kAsOf);
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  const double setup_seconds = Since(started);

  store::BulkLoadOptions load;
  load.rows_per_statement = o.rows_per_statement;
  load.people_per_transaction = static_cast<int>(o.batch);
  load.verify_codes = o.verify_codes == "keyed" ? store::VerifyCodes::kKeyedHash
                                                : store::VerifyCodes::kRandom;

  // Two stages on two cores: the next batch is generated and validated while this one
  // is written.
  const auto load_started = Clock::now();
  double generate_seconds = 0, write_seconds = 0;
  uint64_t family = 0;
  auto generate = [&](uint64_t first, uint64_t n) {
    return std::async(std::launch::async, [&, first, n] {
      auto t = Clock::now();
      auto batch = Generate(pop, ctx, first, n, now, o.workers);
      return std::make_pair(std::move(batch), Since(t));
    });
  };
  uint64_t done = 0;
  auto next = generate(o.offset, std::min(o.batch, o.count));
  while (done < o.count) {
    auto [batch, gen_time] = next.get();
    generate_seconds += gen_time;
    const uint64_t n = batch.size();
    if (done + n < o.count) {
      next = generate(o.offset + done + n, std::min(o.batch, o.count - done - n));
    }
    auto t = Clock::now();
    auto written = store::BulkLoadCitizens(**db, batch, load);
    if (!written.ok()) Fail("bulk load", written.error());
    write_seconds += Since(t);
    for (const auto& w : batch) family += w.data.family.size();
    done += n;
  }
  const double load_seconds = Since(load_started);

  nlohmann::json report = {
      {"database", o.database},
      {"count", o.count},
      {"offset", o.offset},
      {"seed", o.seed},
      {"seconds", load_seconds},
      {"rows_per_second", load_seconds > 0 ? static_cast<double>(o.count) / load_seconds : 0},
      {"table_rows", 2 * o.count + family},
      {"table_rows_per_second",
       load_seconds > 0 ? static_cast<double>(2 * o.count + family) / load_seconds : 0},
      {"generate_seconds", generate_seconds},
      {"write_seconds", write_seconds},
      {"setup_seconds", setup_seconds},
      {"verify_codes", o.verify_codes},
  };
  if (o.search_index && o.count > 0) {
    // Officers' search index over what was loaded (and anything before it).
    auto t = Clock::now();
    auto indexed = store::Reindex(**db);
    if (!indexed.ok()) Fail("search index", indexed.error());
    report["search_index_seconds"] = Since(t);
    report["search_indexed"] = *indexed;
  }
  if (o.accounts > 0) CreateAccounts(**db, pop, o, now, report);
  if (o.count > 0) {
    // The bulk load bypasses the statistics hooks (issue 7): recount once at the end.
    auto t = Clock::now();
    auto counted = store::StatsStore(db->get()).Rebuild();
    if (!counted.ok()) Fail("statistics", counted.error());
    report["stats_rebuild_seconds"] = Since(t);
  }
  report["total_seconds"] = Since(started);
  std::cout << report.dump() << std::endl;
  return 0;
}
