// The verification queue through real processes: the portal, the registry simulator and
// the database. A registry outage never blocks Lapor Diri; jobs complete when it returns;
// two servers on one PostgreSQL run each job exactly once.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <thread>

#include "modules/registry/codec.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/sim_process.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kJson = "Content-Type: application/json";

// A verified citizen account on `server`; returns its Bearer token.
std::string Citizen(const ServerProcess& server, const std::string& email) {
  HttpCall("POST", server.url() + "/api/v1/accounts",
           json{{"email", email}, {"password", "rahasia-sekali-123"}, {"name", "Uji"}}.dump(), {kJson});
  std::string token = TokenFromText(server.LatestMail());
  HttpCall("POST", server.url() + "/api/v1/accounts/verify", json{{"token", token}}.dump(), {kJson});
  return SignIn(server.url(), email, "rahasia-sekali-123");
}

// Person `index` of the simulator's population as the API takes it.
json PersonJson(uint64_t index) { return registry::ToJson(TestPopulation().Person(index)); }

json Verification(const ServerProcess& server, const std::string& token) {
  auto r = HttpCall("GET", server.url() + "/api/v1/me/lapor-diri", "",
                    {"Authorization: Bearer " + token});
  return json::parse(r.body)["verification"];
}

bool AllSettled(const json& v) {
  if (v.empty()) return false;
  for (auto& [k, s] : v.items()) {
    if (s == "pending") return false;
  }
  return true;
}

// Waits up to `seconds` for `done`.
template <typename F>
bool Eventually(F done, int seconds) {
  for (int i = 0; i < seconds * 10; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

class VerificationFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    setenv("PEDULI_VERIFICATION_RETRY_BASE_SECONDS", "1", 1);
    setenv("PEDULI_REGISTRY_TIMEOUT_MS", "500", 1);
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
  }
  void TearDown() override {
    unsetenv("PEDULI_VERIFICATION_RETRY_BASE_SECONDS");
    unsetenv("PEDULI_REGISTRY_TIMEOUT_MS");
  }
  std::unique_ptr<TestDatabase> db_;
};

TEST_P(VerificationFlow, RegistryOutageNeverBlocksLaporDiriAndJobsFinishWhenItReturns) {
  const int sim_port = FreePort();
  const std::string registries = "http://127.0.0.1:" + std::to_string(sim_port);
  ServerProcess server(db_->dir(), db_->url(), {"--registries", registries});
  std::string token = Citizen(server, "outage@example.test");
  // Person 1 is a migrant worker or not; either way Dukcapil and Imigrasi are checked.
  auto put = HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", PersonJson(1).dump(),
                      {kJson, "Authorization: Bearer " + token});
  ASSERT_EQ(put.status, 201) << put.body;
  json v = Verification(server, token);
  EXPECT_EQ(v["dukcapil"], "pending");
  EXPECT_EQ(v["imigrasi"], "pending");
  // The registries stay down for a while: the jobs retry and wait.
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_FALSE(AllSettled(Verification(server, token)));
  {
    auto lease = db_->db().Acquire();
    auto attempts = (*lease)->QueryOne("SELECT MAX(attempts) FROM verification_jobs");
    EXPECT_GE(attempts->Int(0), 1) << "the workers tried";
  }
  // The registries come back: every job completes without a second submission.
  SimProcess sim({}, sim_port);
  ASSERT_TRUE(Eventually([&] { return AllSettled(Verification(server, token)); }, 30))
      << Verification(server, token).dump();
  v = Verification(server, token);
  EXPECT_EQ(v["dukcapil"], "match") << v.dump();
  EXPECT_EQ(v["imigrasi"], "match") << v.dump();
}

TEST_P(VerificationFlow, AChangedPassportIsCheckedAgain) {
  SimProcess sim;
  ServerProcess server(db_->dir(), db_->url(), {"--registries", sim.url()});
  std::string token = Citizen(server, "renew@example.test");
  json person = PersonJson(2);
  ASSERT_EQ(HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                     {kJson, "Authorization: Bearer " + token}).status, 201);
  ASSERT_TRUE(Eventually([&] { return AllSettled(Verification(server, token)); }, 20));
  int before = sim.Stats()["requests"].value("imigrasi", 0);
  // A new passport number the registry does not know: checked again, and not found.
  person["passport"]["number"] = "AB123456";
  ASSERT_EQ(HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                     {kJson, "Authorization: Bearer " + token}).status, 200);
  ASSERT_TRUE(Eventually([&] { return AllSettled(Verification(server, token)); }, 20));
  EXPECT_EQ(Verification(server, token)["imigrasi"], "not_found");
  EXPECT_GT(sim.Stats()["requests"].value("imigrasi", 0), before);
  // An address change alone asks no registry.
  int dukcapil = sim.Stats()["requests"].value("dukcapil", 0);
  person["stay"]["address"] = "Alamat baru 7";
  ASSERT_EQ(HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                     {kJson, "Authorization: Bearer " + token}).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  EXPECT_EQ(sim.Stats()["requests"].value("dukcapil", 0), dukcapil);
}

INSTANTIATE_TEST_SUITE_P(Backends, VerificationFlow, ::testing::ValuesIn(Backends()));

// Two servers share one PostgreSQL database; the simulator counts every request per NIK.
TEST(VerificationTwoServers, EachJobRunsExactlyOnce) {
  if (std::getenv("PEDULI_TEST_PG") == nullptr) GTEST_SKIP() << "needs PostgreSQL";
  setenv("PEDULI_VERIFICATION_RETRY_BASE_SECONDS", "1", 1);
  TestDatabase db("postgres", 2);
  SimProcess sim({"--slow-ms", "20"});
  std::string dir_b = MakeTempDir();
  ServerProcess a(db.dir(), db.url(), {"--registries", sim.url()});
  ServerProcess b(dir_b, db.url(), {"--registries", sim.url()});
  const int kPeople = 16;
  std::vector<std::string> tokens;
  for (int i = 0; i < kPeople; ++i) {
    const ServerProcess& s = i % 2 ? b : a;
    std::string t = Citizen(s, "twin" + std::to_string(i) + "@example.test");
    ASSERT_FALSE(t.empty());
    ASSERT_EQ(HttpCall("PUT", s.url() + "/api/v1/me/lapor-diri", PersonJson(100 + i).dump(),
                       {kJson, "Authorization: Bearer " + t}).status, 201);
    tokens.push_back(t);
  }
  for (int i = 0; i < kPeople; ++i) {
    ASSERT_TRUE(Eventually([&] { return AllSettled(Verification(a, tokens[i])); }, 60)) << i;
  }
  json by_nik = sim.Stats()["by_nik"];
  int jobs = 0;
  for (auto& [system, niks] : by_nik.items()) {
    for (auto& [nik, count] : niks.items()) {
      EXPECT_EQ(count.get<int>(), 1) << system << " asked twice about one NIK";
      ++jobs;
    }
  }
  EXPECT_GE(jobs, kPeople * 2);
  auto lease = db.db().Acquire();
  auto open = (*lease)->QueryOne("SELECT COUNT(*) FROM verification_jobs WHERE state <> 'done'");
  EXPECT_EQ(open->Int(0), 0);
  unsetenv("PEDULI_VERIFICATION_RETRY_BASE_SECONDS");
}

}  // namespace
}  // namespace peduli::testing

namespace peduli::testing {
namespace {

// Staff see verdicts only for their own mission's citizens; HQ sees all; a citizen none.
TEST(VerificationStaffApi, JurisdictionDecidesWhoSeesVerdicts) {
  TestDatabase db("sqlite", 2);
  SimProcess sim;
  ServerProcess server(db.dir(), db.url(), {"--registries", sim.url(), "--demo"});
  std::string citizen = Citizen(server, "kl@example.test");
  json person = PersonJson(6001);  // beyond the demo population (1..5000)
  person["stay"]["country"] = "MY";
  person["stay"]["subdivision"] = "MY-10";  // Selangor: KBRI Kuala Lumpur
  person["stay"]["city"] = "Shah Alam";
  person["stay"]["phone"] = "+60 12-345 6789";
  auto put = HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                      {kJson, "Authorization: Bearer " + citizen});
  ASSERT_EQ(put.status, 201) << put.body;
  ASSERT_EQ(json::parse(put.body)["mission"]["code"], "KBRI-KUALA-LUMPUR");
  auto lease = db.db().Acquire();
  int64_t id = (*lease)->QueryOne("SELECT c.id FROM citizens c JOIN accounts a ON a.id = c.account_id "
                                  "WHERE a.email = 'kl@example.test'")->Int(0);
  auto staff = [&](const std::string& email) { return StaffSignIn(server.url(), email); };
  const std::string path = server.url() + "/api/v1/citizens/" + std::to_string(id) + "/verification";
  auto as = [&](const std::string& token) {
    return HttpCall("GET", path, "", {"Authorization: Bearer " + token}).status;
  };
  EXPECT_EQ(as(staff("petugas.kl@demo.peduli.test")), 200);
  EXPECT_EQ(as(staff("hq@demo.peduli.test")), 200);
  EXPECT_EQ(as(staff("petugas.jeddah@demo.peduli.test")), 404) << "another mission learns nothing";
  EXPECT_EQ(as(citizen), 404);
  EXPECT_EQ(HttpCall("GET", path).status, 401);
  auto manual = HttpCall("POST", path, R"({"systems":["dukcapil"]})",
                         {kJson, "Authorization: Bearer " + staff("petugas.kl@demo.peduli.test")});
  EXPECT_EQ(manual.status, 202) << manual.body;
  auto wrong = HttpCall("POST", path, R"({"systems":["interpol"]})",
                        {kJson, "Authorization: Bearer " + staff("petugas.kl@demo.peduli.test")});
  EXPECT_EQ(wrong.status, 422);
  auto audited = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM audit_log WHERE citizen_id = $1 AND action = 'read_verification'", {id});
  EXPECT_EQ(audited->Int(0), 2) << "the two reads that were allowed";
}

}  // namespace
}  // namespace peduli::testing
