// HQ's mission administration and the DPO's audit page through the real server, on every
// backend: a jurisdiction handed over today moves the current stay and routes the next
// Lapor Diri; forms keep what was typed; a scheduled change is cancelled; the DPO filters
// the log, exports the same filter and checks the chain.
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

const char* kJson = "Content-Type: application/json";
const char* kForm = "Content-Type: application/x-www-form-urlencoded";
// Forms need the double-submit CSRF token even with a Bearer token.
const char* kCsrfCookie = "Cookie: pw_csrf=admin-flow-csrf-0123456789";
const std::string kCsrf = "_csrf=admin-flow-csrf-0123456789&";

class AdminFlow : public ::testing::TestWithParam<std::string> {};

std::string Bearer(const std::string& t) { return "Authorization: Bearer " + t; }

// A new citizen reporting a stay in Johor (MY-01); returns their token.
std::string CitizenInJohor(const ServerProcess& server, const std::string& email, int person) {
  HttpCall("POST", server.url() + "/api/v1/accounts",
           json{{"email", email}, {"password", "rahasia-sekali-123"}, {"name", "W"}}.dump(), {kJson});
  HttpCall("POST", server.url() + "/api/v1/accounts/verify",
           json{{"token", TokenFromText(server.LatestMail())}}.dump(), {kJson});
  std::string token = SignIn(server.url(), email, "rahasia-sekali-123");
  json p = registry::ToJson(TestPopulation().Person(person));
  p["stay"]["country"] = "MY";
  p["stay"]["subdivision"] = "MY-01";
  p["stay"]["city"] = "Johor Bahru";
  p["stay"]["phone"] = "+60 12-345 6789";
  auto put = HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", p.dump(), {kJson, Bearer(token)});
  EXPECT_EQ(put.status, 201) << put.body;
  return token;
}

std::string MissionOf(const ServerProcess& server, const std::string& token) {
  auto r = HttpCall("GET", server.url() + "/api/v1/me/lapor-diri", "", {Bearer(token)});
  return json::parse(r.body)["mission"]["code"];
}

TEST_P(AdminFlow, HqHandsOverAnAreaAndTheDpoSeesItInTheLog) {
  TestDatabase db(GetParam(), 2);
  ServerProcess server(db.dir(), db.url(), {"--demo"});
  const std::string admin = StaffSignIn(server.url(), "admin@demo.peduli.test");
  const std::string hq = StaffSignIn(server.url(), "hq@demo.peduli.test");
  const std::string dpo = StaffSignIn(server.url(), "dpo@demo.peduli.test");

  // The list, filtered; refused to HQ staff who do not administer missions.
  auto list = HttpCall("GET", server.url() + "/admin/perwakilan?country=SA&type=KJRI", "", {Bearer(admin)});
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("KJRI-JEDDAH"), std::string::npos);
  EXPECT_EQ(list.body.find("KBRI-RIYADH"), std::string::npos);
  EXPECT_NE(list.body.find("Senin, Selasa, Rabu, Kamis, Minggu"), std::string::npos) << "Jeddah works Sunday to Thursday";
  EXPECT_EQ(HttpCall("GET", server.url() + "/admin/perwakilan", "", {Bearer(hq)}).status, 403);

  const std::string before = CitizenInJohor(server, "johor1@example.test", 9101);
  EXPECT_EQ(MissionOf(server, before), "KJRI-JOHOR-BAHRU");

  // Johor goes to KBRI Kuala Lumpur from today (Kuala Lumpur's date).
  json kl = json::parse(HttpCall("GET", server.url() + "/api/v1/missions/KBRI-KUALA-LUMPUR").body);
  json areas = kl["jurisdictions"];
  areas.push_back({{"country", "MY"}, {"subdivision", "MY-01"}});
  // A malformed area is a field error, not a server error, and schedules nothing.
  json bad_areas = areas;
  bad_areas.push_back({{"country", 458}});
  auto malformed = HttpCall("POST", server.url() + "/api/v1/missions/KBRI-KUALA-LUMPUR/changes",
                            json{{"effective_date", kl["local_date"]}, {"jurisdictions", bad_areas}}.dump(),
                            {kJson, Bearer(admin)});
  EXPECT_EQ(malformed.status, 422) << malformed.body;
  EXPECT_EQ(MissionOf(server, before), "KJRI-JOHOR-BAHRU");
  auto post = HttpCall("POST", server.url() + "/api/v1/missions/KBRI-KUALA-LUMPUR/changes",
                       json{{"effective_date", kl["local_date"]}, {"jurisdictions", areas}}.dump(),
                       {kJson, Bearer(admin)});
  ASSERT_EQ(post.status, 201) << post.body;
  EXPECT_EQ(MissionOf(server, before), "KBRI-KUALA-LUMPUR") << "the current stay moved";
  const std::string after = CitizenInJohor(server, "johor2@example.test", 9102);
  EXPECT_EQ(MissionOf(server, after), "KBRI-KUALA-LUMPUR") << "a new Lapor Diri goes there too";

  // The form keeps what was typed and says what is wrong, in Indonesian.
  auto bad = HttpCall("POST", server.url() + "/admin/perwakilan/KJRI-JEDDAH/perubahan",
                      kCsrf + "kind=update&effective_date=2030-01-05&name=KJRI+Jeddah+Baru&timezone=Asia%2FBandung"
                      "&working_days_shown=1&working_days=7&working_days=1",
                      {kForm, kCsrfCookie, Bearer(admin)});
  EXPECT_EQ(bad.status, 422);
  EXPECT_NE(bad.body.find("KJRI Jeddah Baru"), std::string::npos);
  EXPECT_NE(bad.body.find("Asia/Bandung"), std::string::npos);
  EXPECT_NE(bad.body.find("Zona waktu tidak dikenal"), std::string::npos);
  auto good = HttpCall("POST", server.url() + "/admin/perwakilan/KJRI-JEDDAH/perubahan",
                       kCsrf + "kind=update&effective_date=2030-01-05&name=KJRI+Jeddah+Baru&timezone=Asia%2FRiyadh",
                       {kForm, kCsrfCookie, Bearer(admin)});
  ASSERT_EQ(good.status, 303) << good.body;
  json changes = json::parse(HttpCall("GET", server.url() + "/api/v1/missions/KJRI-JEDDAH/changes", "",
                                      {Bearer(admin)}).body)["changes"];
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["state"], "scheduled");
  EXPECT_EQ(changes[0]["data"], (json{{"name", "KJRI Jeddah Baru"}}));
  const std::string id = std::to_string(changes[0]["id"].get<int64_t>());
  auto page = HttpCall("GET", server.url() + "/admin/perwakilan/KJRI-JEDDAH", "", {Bearer(admin)});
  EXPECT_NE(page.body.find("/perubahan/" + id + "/batal"), std::string::npos);
  EXPECT_EQ(HttpCall("POST", server.url() + "/admin/perwakilan/KJRI-JEDDAH/perubahan/" + id + "/batal",
                     kCsrf, {kForm, kCsrfCookie, Bearer(admin)}).status, 303);
  changes = json::parse(HttpCall("GET", server.url() + "/api/v1/missions/KJRI-JEDDAH/changes", "",
                                 {Bearer(admin)}).body)["changes"];
  EXPECT_EQ(changes[0]["state"], "cancelled");
  EXPECT_EQ(HttpCall("DELETE", server.url() + "/api/v1/missions/KJRI-JEDDAH/changes/" + id, "",
                     {Bearer(admin)}).status, 409);
  json jeddah = json::parse(HttpCall("GET", server.url() + "/api/v1/missions/KJRI-JEDDAH").body);
  EXPECT_EQ(jeddah["name"], "KJRI Jeddah");
  EXPECT_EQ(jeddah["working_days"], (json{1, 2, 3, 4, 7}));

  // The DPO: every admin write is in the log, found by action and by actor.
  json scheduled = json::parse(HttpCall("GET", server.url() + "/api/v1/audit?action=mission_change_scheduled",
                                        "", {Bearer(dpo)}).body)["entries"];
  ASSERT_EQ(scheduled.size(), 2u);
  const std::string admin_id = std::to_string(scheduled[0]["actor"]["account_id"].get<int64_t>());
  auto log = HttpCall("GET", server.url() + "/audit?action=mission_change_cancelled&actor=" + admin_id,
                      "", {Bearer(dpo)});
  ASSERT_EQ(log.status, 200);
  EXPECT_NE(log.body.find("mission_change_cancelled"), std::string::npos);
  EXPECT_EQ(log.body.find("mission_change_scheduled"), std::string::npos);
  EXPECT_NE(log.body.find("hq_admin"), std::string::npos);
  EXPECT_NE(log.body.find("/api/v1/audit.csv?actor=" + admin_id + "&amp;action=mission_change_cancelled"),
            std::string::npos)
      << "the export link carries the same filter";
  auto csv = HttpCall("GET", server.url() + "/api/v1/audit.csv?action=mission_change_scheduled", "",
                      {Bearer(dpo)});
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("mission_change_scheduled"), std::string::npos);
  EXPECT_EQ(csv.body.find("mission_change_cancelled"), std::string::npos);
  EXPECT_EQ(HttpCall("GET", server.url() + "/audit?citizen_id=abc", "", {Bearer(dpo)}).status, 422);
  EXPECT_EQ(HttpCall("GET", server.url() + "/audit", "", {Bearer(admin)}).status, 403);
  auto verify = HttpCall("GET", server.url() + "/audit?verify=1", "", {Bearer(dpo)});
  EXPECT_NE(verify.body.find("Rantai hash utuh"), std::string::npos);
  // Reading the log was itself logged.
  json reads = json::parse(HttpCall("GET", server.url() + "/api/v1/audit?action=audit_query", "",
                                    {Bearer(dpo)}).body)["entries"];
  EXPECT_GE(reads.size(), 3u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
