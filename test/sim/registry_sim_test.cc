// The simulator's HTTP surface without a socket: routes, the API key, bad requests, the
// failure switches, the counters, and the deterministic rules over the population.
#include "sim/registry_sim.h"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

#include "core/crypto.h"
#include "support/sim_process.h"

namespace peduli::sim {
namespace {

using nlohmann::json;
using peduli::testing::TestPopulation;

http::Request Post(const std::string& path, const std::string& body,
                   const std::string& api_key = "") {
  http::Request r;
  r.method = "POST";
  r.path = path;
  r.body = body;
  if (!api_key.empty()) r.headers.emplace_back("x-api-key", api_key);
  return r;
}

http::Request Get(const std::string& path) {
  http::Request r;
  r.method = "GET";
  r.path = path;
  return r;
}

json VerifyBody(const registry::LaporDiri& p) {
  return {{"nik", p.identity.nik},
          {"full_name", p.identity.full_name},
          {"birth_place", p.identity.birth_place},
          {"birth_date", p.identity.birth_date},
          {"sex", p.identity.sex}};
}

class RegistrySimTest : public ::testing::Test {
 protected:
  void SetUp() override { crypto::Init(); }
  const demo::Population& pop_ = TestPopulation();
};

TEST_F(RegistrySimTest, AnswersVerifyAndCountsByNik) {
  RegistrySim sim(pop_, {});
  const auto p = pop_.Person(1);
  auto req = Post("/dukcapil/v1/verify", VerifyBody(p).dump());
  auto res = sim.Handle(req);
  ASSERT_EQ(res.status, 200) << res.body;
  EXPECT_EQ(json::parse(res.body)["found"], true);
  req = Post("/dukcapil/v1/verify", VerifyBody(p).dump());
  sim.Handle(req);
  json stats = sim.Stats();
  EXPECT_EQ(stats["requests"]["dukcapil"], 2);
  EXPECT_EQ(stats["requests"]["bp2mi"], 0);
  EXPECT_EQ(stats["by_nik"]["dukcapil"][p.identity.nik], 2);
  EXPECT_EQ(stats["outcomes"]["dukcapil"]["ok"], 2);
  sim.ResetStats();
  EXPECT_EQ(sim.Stats()["requests"]["dukcapil"], 0);
}

TEST_F(RegistrySimTest, RequiresTheApiKeyWhenConfigured) {
  SimOptions o;
  o.api_key = "kunci";
  RegistrySim sim(pop_, o);
  const std::string body = json{{"nik", pop_.NikOf(3)}}.dump();
  auto none = Post("/bp2mi/v1/placements/search", body);
  EXPECT_EQ(sim.Handle(none).status, 401);
  auto wrong = Post("/bp2mi/v1/placements/search", body, "kuncx");
  EXPECT_EQ(sim.Handle(wrong).status, 401);
  auto right = Post("/bp2mi/v1/placements/search", body, "kunci");
  EXPECT_EQ(sim.Handle(right).status, 200);
  EXPECT_EQ(sim.Stats()["outcomes"]["bp2mi"]["unauthorized"], 2);
}

TEST_F(RegistrySimTest, RefusesMalformedRequestsAndAnswers404And405OnPurpose) {
  RegistrySim sim(pop_, {});
  auto not_json = Post("/dukcapil/v1/verify", "{nik");
  EXPECT_EQ(sim.Handle(not_json).status, 400);
  auto short_nik = Post("/bp2mi/v1/placements/search", R"({"nik":"123"})");
  auto res = sim.Handle(short_nik);
  EXPECT_EQ(res.status, 400);
  EXPECT_EQ(json::parse(res.body)["field"], "nik");
  auto no_number = Post("/imigrasi/v1/passports/check", R"({"nik":"3273010101900001"})");
  EXPECT_EQ(sim.Handle(no_number).status, 400);
  auto unknown = Get("/dukcapil/v2/verify");
  EXPECT_EQ(sim.Handle(unknown).status, 404);
  auto wrong_method = Get("/dukcapil/v1/verify");
  EXPECT_EQ(sim.Handle(wrong_method).status, 405);
}

TEST_F(RegistrySimTest, ModeIsValidatedAndChangesAtRunTime) {
  RegistrySim sim(pop_, {});
  auto bad = Post("/_sim/mode", R"({"error_rate":2})");
  EXPECT_EQ(sim.Handle(bad).status, 400);
  auto unknown = Post("/_sim/mode", R"({"explode":true})");
  EXPECT_EQ(sim.Handle(unknown).status, 400);
  auto errors = Post("/_sim/mode", R"({"error_rate":1})");
  ASSERT_EQ(sim.Handle(errors).status, 200);
  auto get = Get("/_sim/mode");
  EXPECT_EQ(json::parse(sim.Handle(get).body)["error_rate"], 1.0);
  const std::string body = VerifyBody(pop_.Person(2)).dump();
  auto r1 = Post("/dukcapil/v1/verify", body);
  EXPECT_EQ(sim.Handle(r1).status, 503);

  auto garbage = Post("/_sim/mode", R"({"error_rate":0,"garbage_rate":1})");
  ASSERT_EQ(sim.Handle(garbage).status, 200);
  auto r2 = Post("/dukcapil/v1/verify", body);
  auto res = sim.Handle(r2);
  EXPECT_EQ(res.status, 200);
  EXPECT_TRUE(json::parse(res.body, nullptr, false).is_discarded());
  EXPECT_EQ(sim.Stats()["outcomes"]["dukcapil"]["garbage"], 1);
}

TEST_F(RegistrySimTest, FailureDrawsFollowTheSeed) {
  auto run = [&] {
    SimOptions o;
    o.fault_seed = 99;
    o.mode.error_rate = 0.5;
    RegistrySim sim(pop_, o);
    std::string statuses;
    for (int i = 0; i < 40; ++i) {
      auto r = Post("/bp2mi/v1/placements/search", json{{"nik", pop_.NikOf(i)}}.dump());
      statuses += sim.Handle(r).status == 503 ? 'E' : '.';
    }
    return statuses;
  };
  const std::string a = run();
  EXPECT_EQ(a, run());
  EXPECT_NE(a.find('E'), std::string::npos);
  EXPECT_NE(a.find('.'), std::string::npos);
}

TEST_F(RegistrySimTest, AHangEndsAfterHangMsOrAtShutdown) {
  SimOptions o;
  o.mode.hang_rate = 1;
  o.hang_ms = 100;
  {
    RegistrySim sim(pop_, o);
    auto r = Post("/bp2mi/v1/placements/search", json{{"nik", pop_.NikOf(4)}}.dump());
    const auto t = std::chrono::steady_clock::now();
    EXPECT_EQ(sim.Handle(r).status, 200);
    EXPECT_GE(std::chrono::steady_clock::now() - t, std::chrono::milliseconds(95));
  }
  o.hang_ms = 60000;
  RegistrySim sim(pop_, o);
  auto hanging = std::async(std::launch::async, [&] {
    auto r = Post("/bp2mi/v1/placements/search", json{{"nik", pop_.NikOf(4)}}.dump());
    return sim.Handle(r).status;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto t = std::chrono::steady_clock::now();
  sim.Shutdown();
  EXPECT_EQ(hanging.get(), 503);
  EXPECT_LT(std::chrono::steady_clock::now() - t, std::chrono::seconds(2));
}

TEST_F(RegistrySimTest, MostPeopleMatchAndTheRulesHitTheirShare) {
  RegistryRules rules(pop_);
  int place = 0, name = 0, revoked = 0, lost = 0, matched = 0;
  const int n = 2000;
  for (int i = 0; i < n; ++i) {
    const auto p = pop_.Person(i);
    json v = rules.Verify(VerifyBody(p));
    ASSERT_EQ(v["found"], true);
    bool all = true;
    for (const auto& [f, verdict] : v["fields"].items()) all = all && verdict == "sesuai";
    matched += all;
    place += v["fields"]["birth_place"] == "tidak sesuai";
    name += v["fields"]["full_name"] == "tidak sesuai";
    json pass = rules.CheckPassport({{"passport_number", p.passport.number},
                                     {"nik", p.identity.nik},
                                     {"full_name", p.identity.full_name},
                                     {"birth_date", p.identity.birth_date}});
    ASSERT_EQ(pass["found"], true) << i;
    ASSERT_EQ(pass["holder_match"], true) << i;
    revoked += pass["status"] == "revoked";
    lost += pass["status"] == "lost";
  }
  EXPECT_EQ(place, n / 50);
  EXPECT_EQ(name, n / 50);
  EXPECT_EQ(matched, n - 2 * n / 50);
  EXPECT_EQ(revoked, 21);  // i % 97 == 3 below 2000
  EXPECT_EQ(lost, 21);
}

TEST_F(RegistrySimTest, PassportNumbersLeadBackToTheirHolder) {
  RegistryRules rules(pop_);
  for (uint64_t i : {0ull, 1ull, 977ull, 123456ull, 9999999ull, 10000000ull, 45000001ull}) {
    const auto p = pop_.Person(i);
    EXPECT_EQ(rules.PassportHolder(p.passport.number, pop_.IndexOfNik(p.identity.nik)), i);
    std::string spaced = p.passport.number;
    spaced[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(spaced[0])));
    spaced.insert(3, " ");
    EXPECT_EQ(rules.PassportHolder(spaced, i), i);
  }
  EXPECT_FALSE(rules.PassportHolder("X12", std::nullopt).has_value());
}

TEST(NormalizeNameTest, IgnoresCaseAndSpaces) {
  EXPECT_EQ(NormalizeName("  Siti   RAHAYU "), NormalizeName("siti rahayu"));
  EXPECT_EQ(NormalizeName("La Ode"), NormalizeName("Laode"));
  EXPECT_NE(NormalizeName("Siti Rahayu"), NormalizeName("Siti Rahayu Saputri"));
}

}  // namespace
}  // namespace peduli::sim
