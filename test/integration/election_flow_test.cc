// The voter list through the real server and the command line: who sees which PPLN, audited
// exports, masked NIKs in print, the officer's lookup and the citizen's standing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "modules/registry/codec.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/sim_process.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

class ElectionFlow : public ::testing::TestWithParam<std::string> {};

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST_P(ElectionFlow, LiaisonsSupervisorsAndHqExportTheirListsAudited) {
  TestDatabase db(GetParam(), 2);
  ServerProcess server(db.dir(), db.url(), {"--demo"});
  const char* kJson = "Content-Type: application/json";
  HttpCall("POST", server.url() + "/api/v1/accounts",
           json{{"email", "voter@example.test"}, {"password", "rahasia-sekali-123"},
                {"name", "V"}}.dump(), {kJson});
  HttpCall("POST", server.url() + "/api/v1/accounts/verify",
           json{{"token", TokenFromText(server.LatestMail())}}.dump(), {kJson});
  const std::string citizen = SignIn(server.url(), "voter@example.test", "rahasia-sekali-123");
  json person = registry::ToJson(TestPopulation().Person(9001));
  person["identity"]["occupation"] = "Guru";
  person["stay"]["country"] = "MY";
  person["stay"]["subdivision"] = "MY-10";
  person["stay"]["city"] = "Shah Alam";
  person["stay"]["phone"] = "+60 12-345 6789";
  person["stay"]["expected_end_date"] = "";
  auto put = HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                      {kJson, "Authorization: Bearer " + citizen});
  ASSERT_EQ(put.status, 201) << put.body;
  const std::string nik = person["identity"]["nik"];
  auto lease = db.db().Acquire();
  const int64_t citizen_id =
      (*lease)->QueryOne("SELECT id FROM citizens WHERE nik = $1", {nik})->Int(0);
  // Dukcapil confirmed the NIK (what the verification worker records).
  ASSERT_TRUE((*lease)->Exec("UPDATE verification_jobs SET state = 'done' WHERE citizen_id = $1",
                             {citizen_id}).ok());
  ASSERT_TRUE((*lease)->Exec(
      "INSERT INTO verification_results (citizen_id, system, state, updated_at) "
      "VALUES ($1, 'dukcapil', 'match', 0) ON CONFLICT (citizen_id, system) DO UPDATE SET "
      "state = 'match'", {citizen_id}).ok());

  auto call = [&](const std::string& method, const std::string& token, const std::string& path) {
    std::vector<std::string> h = {kJson};
    if (!token.empty()) h.push_back("Authorization: Bearer " + token);
    return HttpCall(method, server.url() + path, method == "GET" ? "" : "{}", h);
  };
  const std::string liaison = StaffSignIn(server.url(), "pemilu.kl@demo.peduli.test");
  const std::string supervisor = StaffSignIn(server.url(), "supervisor.kl@demo.peduli.test");
  const std::string officer = StaffSignIn(server.url(), "petugas.kl@demo.peduli.test");
  const std::string jeddah = StaffSignIn(server.url(), "petugas.jeddah@demo.peduli.test");
  const std::string hq = StaffSignIn(server.url(), "hq@demo.peduli.test");
  const std::string kl = "/api/v1/elections/PEMILU-2029/ppln/KBRI-KUALA-LUMPUR/versions";

  // The demo has version 1 (before this citizen); the liaison generates version 2.
  auto gen = call("POST", liaison, kl);
  ASSERT_EQ(gen.status, 201) << gen.body;
  EXPECT_EQ(json::parse(gen.body)["number"], 2);
  auto versions = call("GET", liaison, kl);
  ASSERT_EQ(versions.status, 200);
  EXPECT_EQ(json::parse(versions.body)["versions"].size(), 2u);

  // Only their own PPLN, and no citizen's page.
  EXPECT_EQ(call("GET", liaison, "/api/v1/elections/PEMILU-2029/ppln/KJRI-JEDDAH/versions").status, 403);
  EXPECT_EQ(call("POST", liaison, "/api/v1/elections/PEMILU-2029/ppln/KJRI-JEDDAH/versions").status, 403);
  EXPECT_EQ(call("GET", liaison, "/api/v1/citizens/" + std::to_string(citizen_id) + "/voter").status, 404);
  EXPECT_EQ(call("GET", liaison, "/api/v1/citizens/" + std::to_string(citizen_id) + "/verification").status, 404);
  EXPECT_EQ(call("POST", supervisor, kl).status, 403);  // supervisors export, not generate
  EXPECT_EQ(call("GET", officer, kl + "/2/export.csv").status, 403);
  EXPECT_EQ(call("GET", liaison, kl + "/9/export.csv").status, 404);
  EXPECT_EQ(call("GET", liaison, kl + "/2/export.csv?kind=other").status, 422);

  // The printed list masks the NIK; the KPU file has it whole.
  auto printed = call("GET", liaison, kl + "/2/export.csv?kind=printed");
  ASSERT_EQ(printed.status, 200);
  EXPECT_EQ(printed.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(printed.body.find(nik), std::string::npos);
  EXPECT_NE(printed.body.find("************" + nik.substr(12)), std::string::npos);
  auto kpu = call("GET", supervisor, kl + "/2/export.csv");
  ASSERT_EQ(kpu.status, 200);
  EXPECT_EQ(kpu.headers["transfer-encoding"], "chunked") << "streamed, not held whole";
  EXPECT_NE(kpu.body.find(nik), std::string::npos);
  auto xlsx = call("GET", hq, kl + "/2/export.xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto exports = (*lease)->Query(
      "SELECT actor_role FROM audit_log WHERE action = 'voter_list_export' ORDER BY id");
  ASSERT_TRUE(exports.ok());
  ASSERT_EQ(exports->size(), 3u);
  EXPECT_EQ((*exports)[0].Text(0), "election");
  EXPECT_EQ((*exports)[1].Text(0), "supervisor");
  EXPECT_EQ((*exports)[2].Text(0), "hq");

  // The differences from version 1: this citizen was added, by post (Shah Alam is not
  // Kuala Lumpur), with an unchecked address.
  auto diff = call("GET", liaison, kl + "/2/diff");
  ASSERT_EQ(diff.status, 200);
  bool added = false;
  const json changes = json::parse(diff.body)["changes"];
  for (const auto& c : changes) {
    if (c["citizen_id"] == citizen_id) added = c["change"] == "added" && c["new_method"] == "POS";
  }
  EXPECT_TRUE(added) << diff.body.substr(0, 2000);
  auto page = call("GET", liaison, "/pemilu/PEMILU-2029/KBRI-KUALA-LUMPUR");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("export.xlsx?kind=printed"), std::string::npos);
  EXPECT_EQ(call("GET", jeddah, "/pemilu/PEMILU-2029/KBRI-KUALA-LUMPUR").status, 403);

  // An officer of the mission looks the citizen up (audited); another mission's cannot.
  auto lookup = call("GET", officer, "/api/v1/citizens/" + std::to_string(citizen_id) + "/voter");
  ASSERT_EQ(lookup.status, 200) << lookup.body;
  json st = json::parse(lookup.body)["elections"][0];
  EXPECT_EQ(st["on_list"], true);
  EXPECT_EQ(st["method"], "POS");
  EXPECT_EQ(st["reason"], "postal_address_unchecked");
  EXPECT_EQ(call("GET", jeddah, "/api/v1/citizens/" + std::to_string(citizen_id) + "/voter").status, 404);
  EXPECT_EQ((*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'voter_status_read' "
                               "AND citizen_id = $1", {citizen_id})->Int(0), 1);

  // The citizen sees their own standing.
  auto me = call("GET", citizen, "/api/v1/me/voter");
  ASSERT_EQ(me.status, 200);
  json mine = json::parse(me.body)["elections"][0];
  EXPECT_EQ(mine["ppln"], "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(mine["on_list"], true);
  EXPECT_EQ(mine["polling_date"], "2029-02-14");
  // And on their own page, in words: on the list, by post, and what is left to fix.
  auto mine_page = call("GET", citizen, "/pemilu-saya");
  ASSERT_EQ(mine_page.status, 200);
  EXPECT_NE(mine_page.body.find("data-on-list=\"yes\""), std::string::npos) << mine_page.body;
  EXPECT_NE(mine_page.body.find("Pos (surat suara dikirim)"), std::string::npos);
  EXPECT_NE(mine_page.body.find("KBRI Kuala Lumpur"), std::string::npos);
  EXPECT_NE(mine_page.body.find("2029-02-14"), std::string::npos);
  EXPECT_NE(call("GET", citizen, "/pemilu-saya?lang=en").body.find("Post (the ballot is mailed to you)"),
            std::string::npos);
  EXPECT_EQ(call("GET", officer, "/pemilu-saya").status, 403);
  EXPECT_EQ(call("GET", citizen, kl).status, 403);

  // The command line: the next version of one PPLN, and the same version exported twice
  // gives the same bytes.
  const std::string bin = std::string(PEDULI_BINARY_DIR) + "/peduli";
  const std::string quiet = " > /dev/null 2>&1";
  ASSERT_EQ(std::system((bin + " election generate --election PEMILU-2029 --ppln KBRI-KUALA-LUMPUR "
                                "--database '" + db.url() + "'" + quiet).c_str()), 0);
  EXPECT_EQ(json::parse(call("GET", liaison, kl).body)["versions"].size(), 3u);
  for (const char* out : {"/a.csv", "/b.csv", "/a.xlsx", "/b.xlsx"}) {
    ASSERT_EQ(std::system((bin + " election export --election PEMILU-2029 --ppln "
                                  "KBRI-KUALA-LUMPUR --version 3 --out " + db.dir() + out +
                                  " --database '" + db.url() + "'" + quiet).c_str()), 0);
  }
  EXPECT_EQ(ReadFile(db.dir() + "/a.csv"), kpu.body) << "v3 of unchanged data equals v2";
  EXPECT_EQ(ReadFile(db.dir() + "/a.xlsx"), ReadFile(db.dir() + "/b.xlsx"));
  EXPECT_EQ(std::system((bin + " election generate --election NOPE --database '" + db.url() +
                         "'" + quiet).c_str()) >> 8, 1);
  // The whole list in one file: every PPLN's latest version under one header.
  ASSERT_EQ(std::system((bin + " election export --election PEMILU-2029 --out " + db.dir() +
                         "/all.csv --database '" + db.url() + "'" + quiet).c_str()), 0);
  const std::string all = ReadFile(db.dir() + "/all.csv");
  EXPECT_NE(all.find(kpu.body.substr(kpu.body.find("\r\n") + 2)), std::string::npos);
  EXPECT_EQ(all.find("ppln,unit", 1), std::string::npos) << "one header";

  // Retention: a purge is refused until the election is closed; a closed election gets no
  // new version; after the purge no version holds a name or NIK, the counts stay, and
  // exports are refused.
  const std::string el = " --election PEMILU-2029 --database '" + db.url() + "'" + quiet;
  EXPECT_EQ(std::system((bin + " election purge" + el).c_str()) >> 8, 1);
  ASSERT_EQ(std::system((bin + " election close" + el).c_str()), 0);
  EXPECT_EQ(std::system((bin + " election generate" + el).c_str()) >> 8, 1);
  ASSERT_EQ(std::system((bin + " election purge" + el).c_str()), 0);
  EXPECT_EQ((*lease)->QueryOne("SELECT COUNT(*) FROM voter_list_entries WHERE nik IS NOT NULL "
                               "OR facts LIKE $1", {"%" + nik + "%"})->Int(0), 0);
  EXPECT_EQ(json::parse(call("GET", liaison, kl).body)["versions"].size(), 3u);
  EXPECT_EQ(call("GET", supervisor, kl + "/2/export.csv").status, 409);
  EXPECT_EQ(std::system((bin + " election export --out " + db.dir() + "/p.csv" + el).c_str()) >> 8,
            1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ElectionFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
