// The registry adapters against the real simulator over HTTP (one test per verdict), and
// against the simulator's failure switches and a scripted in-process server (timeouts,
// 503 then recovery, bad bodies, a wrong API key, the circuit breaker).
#include "adapters/registries/registries.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <regex>

#include "core/crypto.h"
#include "core/metrics.h"
#include "fakes/fixed_clock.h"
#include "support/server_process.h"
#include "support/sim_process.h"

namespace peduli::registries {
namespace {

using peduli::testing::SimProcess;
using peduli::testing::TestPopulation;

// The count of peduli_external_call_duration_seconds for one system and outcome.
uint64_t Calls(const Metrics& m, const std::string& system, const std::string& outcome) {
  std::regex re("peduli_external_call_duration_seconds_count\\{system=\"" + system +
                "\",outcome=\"" + outcome + "\"\\} ([0-9]+)");
  std::smatch match;
  const std::string text = m.Render();
  return std::regex_search(text, match, re) ? std::stoull(match[1]) : 0;
}

// The first index whose person satisfies `pred`.
uint64_t FindPerson(const std::function<bool(uint64_t, const registry::LaporDiri&)>& pred) {
  const auto& pop = TestPopulation();
  for (uint64_t i = 0; i < 100000; ++i) {
    if (pred(i, pop.Person(i))) return i;
  }
  ADD_FAILURE() << "no such person in the first 100000";
  return 0;
}

DukcapilQuery DukcapilOf(const registry::LaporDiri& p) {
  return {p.identity.nik, p.identity.full_name, p.identity.birth_place, p.identity.birth_date,
          p.identity.sex};
}

PassportQuery PassportOf(const registry::LaporDiri& p) {
  return {p.passport.number, p.identity.nik, p.identity.full_name, p.identity.birth_date};
}

long MillisSince(std::chrono::steady_clock::time_point t) {
  return static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::steady_clock::now() - t)
                               .count());
}

class RegistryAdapterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    crypto::Init();
    TestPopulation();
    sim_ = new SimProcess();
  }
  static void TearDownTestSuite() {
    delete sim_;
    sim_ = nullptr;
  }
  void TearDown() override {
    sim_->SetMode({{"slow_ms", 0}, {"error_rate", 0}, {"hang_rate", 0}, {"garbage_rate", 0}});
  }

  ClientOptions Options(const std::string& system) {
    ClientOptions o;
    o.base_url = sim_->BaseUrl(system);
    o.timeout_ms = 3000;
    o.backoff_base_ms = 10;
    return o;
  }

  static SimProcess* sim_;
  SystemClock clock_;
  Metrics metrics_;
};

SimProcess* RegistryAdapterTest::sim_ = nullptr;

TEST_F(RegistryAdapterTest, DukcapilMatchesEveryFieldIgnoringCaseAndSpaces) {
  const auto& pop = TestPopulation();
  uint64_t i = FindPerson([](uint64_t i, const auto&) { return i % 50 != 7 && i % 50 != 17; });
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  DukcapilQuery q = DukcapilOf(pop.Person(i));
  for (auto& c : q.full_name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  q.full_name = "  " + q.full_name + " ";
  auto v = client->Verify(q);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->found);
  ASSERT_EQ(v->fields.size(), 4u);
  for (const auto& [field, same] : v->fields) EXPECT_TRUE(same) << field;
  EXPECT_EQ(Calls(metrics_, "dukcapil", "ok"), 1u);
}

TEST_F(RegistryAdapterTest, DukcapilReportsTheBirthPlaceThatDiffers) {
  uint64_t i = FindPerson([](uint64_t i, const auto&) { return i % 50 == 7; });
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  auto v = client->Verify(DukcapilOf(TestPopulation().Person(i)));
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->found);
  EXPECT_FALSE(v->fields.at("birth_place"));
  EXPECT_TRUE(v->fields.at("full_name"));
  EXPECT_TRUE(v->fields.at("birth_date"));
  EXPECT_TRUE(v->fields.at("sex"));
}

TEST_F(RegistryAdapterTest, DukcapilReportsTheNameThatDiffers) {
  uint64_t i = FindPerson([](uint64_t i, const auto&) { return i % 50 == 17; });
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  DukcapilQuery q = DukcapilOf(TestPopulation().Person(i));
  q.birth_date = "1901-01-01";  // and a date the citizen got wrong
  auto v = client->Verify(q);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_FALSE(v->fields.at("full_name"));
  EXPECT_FALSE(v->fields.at("birth_date"));
  EXPECT_TRUE(v->fields.at("birth_place"));
}

TEST_F(RegistryAdapterTest, DukcapilUnknownNikIsNotFoundNotAnError) {
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  DukcapilQuery q = DukcapilOf(TestPopulation().Person(1));
  q.nik = q.nik.substr(0, 12) + "0000";  // serial 0000 is never issued
  auto v = client->Verify(q);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_FALSE(v->found);
  EXPECT_TRUE(v->fields.empty());
}

TEST_F(RegistryAdapterTest, PassportValidForItsHolder) {
  uint64_t i = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    return i % 97 != 3 && i % 97 != 5 && p.passport.expiry_date >= "2026-11-27";
  });
  const auto p = TestPopulation().Person(i);
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(PassportOf(p));
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->found);
  EXPECT_TRUE(v->holder_match);
  EXPECT_EQ(v->status, "valid");
  EXPECT_EQ(v->expiry_date, p.passport.expiry_date);
  EXPECT_TRUE(v->mismatched.empty());
}

TEST_F(RegistryAdapterTest, PassportExpired) {
  uint64_t i = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    return i % 97 != 3 && i % 97 != 5 && p.passport.expiry_date < "2026-11-27";
  });
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(PassportOf(TestPopulation().Person(i)));
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->status, "expired");
}

TEST_F(RegistryAdapterTest, PassportRevoked) {
  uint64_t i = FindPerson([](uint64_t i, const auto&) { return i % 97 == 3; });
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(PassportOf(TestPopulation().Person(i)));
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->holder_match);
  EXPECT_EQ(v->status, "revoked");
}

TEST_F(RegistryAdapterTest, PassportLost) {
  uint64_t i = FindPerson([](uint64_t i, const auto&) { return i % 97 == 5; });
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(PassportOf(TestPopulation().Person(i)));
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->status, "lost");
}

TEST_F(RegistryAdapterTest, PassportOfAnotherPersonIsAHolderMismatchWithoutItsDetails) {
  const auto& pop = TestPopulation();
  const auto owner = pop.Person(10), claimant = pop.Person(11);
  PassportQuery q = PassportOf(claimant);
  q.passport_number = owner.passport.number;
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(q);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->found);
  EXPECT_FALSE(v->holder_match);
  EXPECT_TRUE(v->status.empty());
  EXPECT_TRUE(v->expiry_date.empty());
  EXPECT_NE(std::find(v->mismatched.begin(), v->mismatched.end(), "nik"), v->mismatched.end());
}

TEST_F(RegistryAdapterTest, PassportHolderByNikWithAMisspelledName) {
  uint64_t i = FindPerson([](uint64_t i, const auto&) { return i % 97 != 3 && i % 97 != 5; });
  PassportQuery q = PassportOf(TestPopulation().Person(i));
  q.full_name += " Binti Ahmad";
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(q);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->holder_match);
  EXPECT_EQ(v->mismatched, std::vector<std::string>{"full_name"});
}

TEST_F(RegistryAdapterTest, PassportNumberNobodyHoldsIsNotFound) {
  PassportQuery q = PassportOf(TestPopulation().Person(3));
  q.passport_number = "Z0000000";
  auto client = MakeImigrasiClient(Options("imigrasi"), &metrics_, &clock_);
  auto v = client->Check(q);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_FALSE(v->found);
}

TEST_F(RegistryAdapterTest, PlacementOfAMigrantWorkerAsReported) {
  uint64_t i = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    const uint64_t r = i % 20;
    return p.stay.category == "pmi" && r != 5 && r != 6 && r != 8 && r != 9;
  });
  const auto p = TestPopulation().Person(i);
  auto client = MakeBp2miClient(Options("bp2mi"), &metrics_, &clock_);
  auto v = client->Placements(p.identity.nik);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].employer_name, p.stay.pmi.employer_name);
  EXPECT_EQ((*v)[0].agency, p.stay.pmi.agency);
  EXPECT_EQ((*v)[0].country, p.stay.country);
  EXPECT_EQ((*v)[0].contract_start, p.stay.arrival_date);
  EXPECT_EQ((*v)[0].contract_end, p.stay.pmi.contract_end_date);
  EXPECT_EQ((*v)[0].status, p.stay.pmi.contract_end_date < "2026-11-27" ? "ended" : "active");
}

TEST_F(RegistryAdapterTest, NoPlacementForSomeMigrantWorkersAndForOthers) {
  const auto& pop = TestPopulation();
  uint64_t pmi = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    return p.stay.category == "pmi" && i % 20 == 5;
  });
  uint64_t student = FindPerson([](uint64_t, const registry::LaporDiri& p) {
    return p.stay.category == "student";
  });
  auto client = MakeBp2miClient(Options("bp2mi"), &metrics_, &clock_);
  for (uint64_t i : {pmi, student}) {
    auto v = client->Placements(pop.Person(i).identity.nik);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_TRUE(v->empty()) << i;
  }
}

TEST_F(RegistryAdapterTest, PlacementWithAnotherEmployer) {
  uint64_t i = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    return p.stay.category == "pmi" && i % 20 == 6;
  });
  const auto p = TestPopulation().Person(i);
  auto client = MakeBp2miClient(Options("bp2mi"), &metrics_, &clock_);
  auto v = client->Placements(p.identity.nik);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->size(), 1u);
  EXPECT_NE((*v)[0].employer_name, p.stay.pmi.employer_name);
  EXPECT_FALSE((*v)[0].employer_name.empty());
}

TEST_F(RegistryAdapterTest, PlacementWhoseContractEnded) {
  uint64_t i = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    return p.stay.category == "pmi" && i % 20 == 8 && p.stay.pmi.contract_end_date >= "2026-11-27";
  });
  const auto p = TestPopulation().Person(i);
  auto client = MakeBp2miClient(Options("bp2mi"), &metrics_, &clock_);
  auto v = client->Placements(p.identity.nik);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->size(), 1u);
  EXPECT_EQ((*v)[0].status, "ended");
  EXPECT_LT((*v)[0].contract_end, "2026-11-27");
  EXPECT_EQ((*v)[0].employer_name, p.stay.pmi.employer_name);
}

TEST_F(RegistryAdapterTest, EarlierPlacementListedAfterTheCurrentOne) {
  uint64_t i = FindPerson([](uint64_t i, const registry::LaporDiri& p) {
    return p.stay.category == "pmi" && i % 20 == 9;
  });
  auto client = MakeBp2miClient(Options("bp2mi"), &metrics_, &clock_);
  auto v = client->Placements(TestPopulation().Person(i).identity.nik);
  ASSERT_TRUE(v.ok()) << v.error().message;
  ASSERT_EQ(v->size(), 2u);
  EXPECT_GT((*v)[0].contract_start, (*v)[1].contract_start);
  EXPECT_EQ((*v)[1].status, "ended");
}

TEST_F(RegistryAdapterTest, EachCallIsCountedOncePerNik) {
  sim_->ResetStats();
  const auto p = TestPopulation().Person(42);
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  ASSERT_TRUE(client->Verify(DukcapilOf(p)).ok());
  auto stats = sim_->Stats();
  EXPECT_EQ(stats["requests"]["dukcapil"], 1);
  EXPECT_EQ(stats["requests"]["imigrasi"], 0);
  EXPECT_EQ(stats["by_nik"]["dukcapil"][p.identity.nik], 1);
}

TEST_F(RegistryAdapterTest, GarbageBodiesAreRetriedThenUnavailable) {
  sim_->SetMode({{"garbage_rate", 1.0}});
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  auto v = client->Verify(DukcapilOf(TestPopulation().Person(5)));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, Code::kUnavailable);
  EXPECT_EQ(Calls(metrics_, "dukcapil", "bad_body"), 3u);
  EXPECT_EQ(v.error().message.find(TestPopulation().Person(5).identity.nik), std::string::npos);
}

TEST_F(RegistryAdapterTest, ServerErrorsAreRetriedThenUnavailable) {
  sim_->SetMode({{"error_rate", 1.0}});
  auto client = MakeBp2miClient(Options("bp2mi"), &metrics_, &clock_);
  auto v = client->Placements(TestPopulation().Person(5).identity.nik);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, Code::kUnavailable);
  EXPECT_EQ(Calls(metrics_, "bp2mi", "http_5xx"), 3u);
}

TEST_F(RegistryAdapterTest, AHangingRegistryCostsAboutTimeoutTimesAttempts) {
  sim_->SetMode({{"hang_rate", 1.0}});
  ClientOptions o = Options("imigrasi");
  o.timeout_ms = 300;
  o.max_attempts = 2;
  o.backoff_base_ms = 20;
  auto client = MakeImigrasiClient(o, &metrics_, &clock_);
  const auto started = std::chrono::steady_clock::now();
  auto v = client->Check(PassportOf(TestPopulation().Person(5)));
  const long ms = MillisSince(started);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, Code::kUnavailable);
  EXPECT_EQ(Calls(metrics_, "imigrasi", "timeout"), 2u);
  EXPECT_GE(ms, 580);
  EXPECT_LT(ms, 1500);
}

TEST_F(RegistryAdapterTest, ASlowRegistryWithinTheTimeoutIsFine) {
  sim_->SetMode({{"slow_ms", 200}});
  auto client = MakeDukcapilClient(Options("dukcapil"), &metrics_, &clock_);
  const auto started = std::chrono::steady_clock::now();
  auto v = client->Verify(DukcapilOf(TestPopulation().Person(6)));
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_GE(MillisSince(started), 190);
  EXPECT_EQ(Calls(metrics_, "dukcapil", "ok"), 1u);
}

TEST(RegistryAuthTest, AWrongApiKeyIsRefusedOnceAndNotRetried) {
  crypto::Init();
  SimProcess sim({"--api-key", "kunci-rahasia"});
  SystemClock clock;
  Metrics metrics;
  ClientOptions o;
  o.base_url = sim.BaseUrl("dukcapil");
  o.api_key = "salah";
  o.backoff_base_ms = 10;
  const auto p = TestPopulation().Person(8);
  auto wrong = MakeDukcapilClient(o, &metrics, &clock);
  auto v = wrong->Verify(DukcapilOf(p));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.error().code, Code::kUnavailable);
  EXPECT_NE(v.error().message.find("401"), std::string::npos) << v.error().message;
  EXPECT_EQ(sim.Stats()["requests"]["dukcapil"], 1);
  EXPECT_EQ(Calls(metrics, "dukcapil", "http_4xx"), 1u);

  o.api_key = "kunci-rahasia";
  auto right = MakeDukcapilClient(o, &metrics, &clock);
  auto ok = right->Verify(DukcapilOf(p));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_TRUE(ok->found);
}

}  // namespace
}  // namespace peduli::registries
