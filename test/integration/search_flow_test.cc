// Staff search through the real server: name variants, jurisdiction, audit of the terms.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "modules/registry/codec.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/sim_process.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

class SearchFlow : public ::testing::TestWithParam<std::string> {};

TEST_P(SearchFlow, OfficersFindTheirOwnCitizensOnly) {
  TestDatabase db(GetParam(), 2);
  ServerProcess server(db.dir(), db.url(), {"--demo"});
  const char* kJson = "Content-Type: application/json";
  auto token = [&](const std::string& email, const std::string& password) {
    return SignIn(server.url(), email, password);
  };
  HttpCall("POST", server.url() + "/api/v1/accounts",
           json{{"email", "zul@example.test"}, {"password", "rahasia-sekali-123"}, {"name", "Z"}}.dump(), {kJson});
  HttpCall("POST", server.url() + "/api/v1/accounts/verify",
           json{{"token", TokenFromText(server.LatestMail())}}.dump(), {kJson});
  std::string citizen = token("zul@example.test", "rahasia-sekali-123");
  json person = registry::ToJson(TestPopulation().Person(7001));
  person["identity"]["full_name"] = "Mohammad Zulkarnaen Noor";
  person["stay"]["country"] = "MY";
  person["stay"]["subdivision"] = "MY-10";
  person["stay"]["city"] = "Shah Alam";
  person["stay"]["phone"] = "+60 12-345 6789";
  auto put = HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                      {kJson, "Authorization: Bearer " + citizen});
  ASSERT_EQ(put.status, 201) << put.body;
  const std::string nik = person["identity"]["nik"];

  auto search = [&](const std::string& who, const std::string& query) {
    auto r = HttpCall("GET", server.url() + "/api/v1/citizens?" + query, "",
                      {"Authorization: Bearer " + who});
    return std::make_pair(r.status, r.status == 200 ? json::parse(r.body) : json());
  };
  auto names = [](const json& page) {
    std::vector<std::string> out;
    for (const auto& h : page["hits"]) out.push_back(h["full_name"]);
    return out;
  };
  const std::string kl = token("petugas.kl@demo.peduli.test", "peduli-demo-2026");
  const std::string jeddah = token("petugas.jeddah@demo.peduli.test", "peduli-demo-2026");
  const std::string hq = token("hq@demo.peduli.test", "peduli-demo-2026");

  auto [s1, p1] = search(kl, "kind=name&q=muhamad+zulk+nur");
  ASSERT_EQ(s1, 200);
  EXPECT_EQ(names(p1), std::vector<std::string>{"Mohammad Zulkarnaen Noor"}) << p1.dump();
  EXPECT_EQ(p1["hits"][0]["nik"].get<std::string>().find(nik.substr(6, 6)), std::string::npos)
      << "the NIK is masked";
  auto [s2, p2] = search(jeddah, "kind=name&q=muhamad+zulk+nur");
  ASSERT_EQ(s2, 200);
  EXPECT_TRUE(p2["hits"].empty()) << "another mission never sees them";
  auto [s3, p3] = search(jeddah, "kind=nik&q=" + nik);
  EXPECT_TRUE(p3["hits"].empty());
  auto [s4, p4] = search(hq, "kind=nik&q=" + nik);
  EXPECT_EQ(p4["hits"].size(), 1u);
  EXPECT_EQ(search(citizen, "kind=name&q=zulkarnaen").first, 403);
  EXPECT_EQ(search(kl, "kind=name&q=z").first, 422);
  EXPECT_EQ(search(kl, "kind=shoe&q=zul").first, 422);

  auto lease = db.db().Acquire();
  auto audited = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM audit_log WHERE action = 'search' AND detail LIKE '%zulk%'");
  EXPECT_GE(audited->Int(0), 2) << "searches are audited with their terms";
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
