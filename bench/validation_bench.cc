// The cost of the Lapor Diri rules on synthetic people over the real reference data, and
// of the pieces around them (the NIK check alone, generating a person, verify codes).
//
//   build-bench/validation_bench [--benchmark_filter=...]
#include <benchmark/benchmark.h>
#include <sodium.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "demo/synthetic.h"
#include "modules/reference/loader.h"
#include "modules/registry/nik.h"
#include "modules/registry/phone.h"
#include "store/migrate.h"

namespace {

using namespace peduli;

// The reference data in a throwaway SQLite file, loaded once for all benchmarks.
struct World {
  std::string dir;
  std::unique_ptr<store::Database> db;
  std::unique_ptr<reference::ReferenceService> ref;
  std::unique_ptr<demo::Population> pop;
  std::unique_ptr<demo::ReferenceValidationContext> ctx;
  std::vector<registry::LaporDiri> people;

  World() {
    crypto::Init();
    std::string tmpl = (std::filesystem::temp_directory_path() / "peduli-bench-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp");
    dir = tmpl;
    auto opened = store::Open(dir + "/ref.db", 1);
    if (!opened.ok()) throw std::runtime_error(opened.error().message);
    db = std::move(opened.value());
    if (!store::Migrate(*db).ok()) throw std::runtime_error("migrate");
    const std::string root = PEDULI_SOURCE_DIR;
    auto s = reference::LoadReferenceData(*db, root + "/web", root + "/data");
    if (!s.ok()) throw std::runtime_error(s.error().message);
    auto rs = store::NewReferenceStore(*db);
    auto loaded = reference::ReferenceService::Load(*rs);
    if (!loaded.ok()) throw std::runtime_error(loaded.error().message);
    ref = std::move(loaded.value());
    pop = std::make_unique<demo::Population>(*ref);
    ctx = std::make_unique<demo::ReferenceValidationContext>(*ref, demo::kAsOf);
    for (uint64_t i = 0; i < 1024; ++i) people.push_back(pop->Person(i));
  }
  ~World() {
    db.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

World& TheWorld() {
  static World w;
  return w;
}

void BM_ValidateLaporDiri(benchmark::State& state) {
  World& w = TheWorld();
  size_t i = 0, errors = 0;
  for (auto _ : state) {
    auto out = registry::ValidateLaporDiri(w.people[i++ & 1023], *w.ctx);
    errors += out.errors.size();
    benchmark::DoNotOptimize(out);
  }
  if (errors) state.SkipWithError("a synthetic person failed validation");
}
BENCHMARK(BM_ValidateLaporDiri);

void BM_CheckNik(benchmark::State& state) {
  World& w = TheWorld();
  struct Input {
    std::string nik, sex;
    std::optional<Date> birth;
  };
  std::vector<Input> inputs;
  for (const auto& p : w.people) {
    inputs.push_back({p.identity.nik, p.identity.sex, Date::Parse(p.identity.birth_date)});
  }
  size_t i = 0;
  for (auto _ : state) {
    const Input& in = inputs[i++ & 1023];
    auto r = registry::CheckNik(in.nik, in.birth, in.sex, *w.ctx);
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CheckNik);

// The two phone numbers of a Lapor Diri (libphonenumber): most of the cost above.
void BM_NormalizePhones(benchmark::State& state) {
  World& w = TheWorld();
  size_t i = 0;
  for (auto _ : state) {
    const auto& p = w.people[i++ & 1023];
    benchmark::DoNotOptimize(registry::NormalizePhone(p.stay.phone, p.stay.country));
    benchmark::DoNotOptimize(registry::NormalizePhone(p.emergency_contact.phone, "ID"));
  }
}
BENCHMARK(BM_NormalizePhones);

void BM_PopulationPerson(benchmark::State& state) {
  World& w = TheWorld();
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.pop->Person(i++));
}
BENCHMARK(BM_PopulationPerson);

// Person, validation and mission: what peduli-gen spends per citizen before writing.
void BM_PopulationWrite(benchmark::State& state) {
  World& w = TheWorld();
  uint64_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.pop->Write(i++, *w.ctx, 0));
}
BENCHMARK(BM_PopulationWrite);

void BM_IndexOfNik(benchmark::State& state) {
  World& w = TheWorld();
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(w.pop->IndexOfNik(w.people[i++ & 1023].identity.nik));
}
BENCHMARK(BM_IndexOfNik);

// Verify codes: the OS CSPRNG per code, against a keyed BLAKE2b of the id.
void BM_VerifyCodeRandomToken(benchmark::State& state) {
  crypto::Init();
  for (auto _ : state) benchmark::DoNotOptimize(crypto::RandomToken(20));
}
BENCHMARK(BM_VerifyCodeRandomToken);

void BM_VerifyCodeKeyedBlake2b(benchmark::State& state) {
  crypto::Init();
  unsigned char key[crypto_generichash_KEYBYTES], out[20];
  randombytes_buf(key, sizeof key);
  uint64_t id = 0;
  for (auto _ : state) {
    ++id;
    crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(&id), sizeof id,
                       key, sizeof key);
    benchmark::DoNotOptimize(out);
  }
}
BENCHMARK(BM_VerifyCodeKeyedBlake2b);

}  // namespace

BENCHMARK_MAIN();
