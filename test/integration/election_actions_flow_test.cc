// The voter list's actions through the real server: an officer revokes and lifts the right
// to vote, checks the postal address and overrides the method, each seen in the next
// version; the citizen switches method before the cut-off (and not after); the PPLN tracks
// postal ballots and reads its coverage.
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

class ElectionActionsFlow : public ::testing::TestWithParam<std::string> {};

bool Has(const std::string& body, const std::string& needle) {
  return body.find(needle) != std::string::npos;
}

TEST_P(ElectionActionsFlow, OfficerActionsCitizenSwitchAndPostalBallots) {
  TestDatabase db(GetParam(), 2);
  ServerProcess server(db.dir(), db.url(), {"--demo"});
  const char* kJson = "Content-Type: application/json";
  HttpCall("POST", server.url() + "/api/v1/accounts",
           json{{"email", "pemilih@example.test"}, {"password", "rahasia-sekali-123"},
                {"name", "P"}}.dump(), {kJson});
  HttpCall("POST", server.url() + "/api/v1/accounts/verify",
           json{{"token", TokenFromText(server.LatestMail())}}.dump(), {kJson});
  const std::string citizen = SignIn(server.url(), "pemilih@example.test", "rahasia-sekali-123");
  json person = registry::ToJson(TestPopulation().Person(9101));
  person["identity"]["occupation"] = "Guru";
  person["stay"]["country"] = "MY";
  person["stay"]["subdivision"] = "MY-10";
  person["stay"]["city"] = "Shah Alam";
  person["stay"]["address"] = "Jalan Plumbum 7, Shah Alam";
  person["stay"]["phone"] = "+60 12-345 6789";
  person["stay"]["expected_end_date"] = "";
  auto put = HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                      {kJson, "Authorization: Bearer " + citizen});
  ASSERT_EQ(put.status, 201) << put.body;
  auto lease = db.db().Acquire();
  const int64_t id = (*lease)->QueryOne("SELECT id FROM citizens WHERE nik = $1",
                                        {person["identity"]["nik"].get<std::string>()})->Int(0);
  ASSERT_TRUE((*lease)->Exec("UPDATE verification_jobs SET state = 'done' WHERE citizen_id = $1",
                             {id}).ok());
  ASSERT_TRUE((*lease)->Exec(
      "INSERT INTO verification_results (citizen_id, system, state, updated_at) "
      "VALUES ($1, 'dukcapil', 'match', 0) ON CONFLICT (citizen_id, system) DO UPDATE SET "
      "state = 'match'", {id}).ok());

  auto call = [&](const std::string& method, const std::string& token, const std::string& path,
                  const json& body = json::object()) {
    std::vector<std::string> h = {kJson};
    if (!token.empty()) h.push_back("Authorization: Bearer " + token);
    return HttpCall(method, server.url() + path, method == "GET" ? "" : body.dump(), h);
  };
  // A browser form: the double-submit CSRF cookie and field.
  const std::string csrf = "csrf-token-for-the-test-0123";
  auto form = [&](const std::string& token, const std::string& path, const std::string& body) {
    return HttpCall("POST", server.url() + path, "_csrf=" + csrf + "&" + body,
                    {"Content-Type: application/x-www-form-urlencoded",
                     "Authorization: Bearer " + token, "Cookie: pw_csrf=" + csrf});
  };
  const std::string officer = StaffSignIn(server.url(), "petugas.kl@demo.peduli.test");
  const std::string jeddah = StaffSignIn(server.url(), "petugas.jeddah@demo.peduli.test");
  const std::string hq = StaffSignIn(server.url(), "hq@demo.peduli.test");
  const std::string liaison = StaffSignIn(server.url(), "pemilu.kl@demo.peduli.test");
  const std::string kl = "/api/v1/elections/PEMILU-2029/ppln/KBRI-KUALA-LUMPUR";
  const std::string voter = "/api/v1/citizens/" + std::to_string(id) + "/voter";
  const std::string page = "/konsol/warga/" + std::to_string(id) + "/pemilu";
  // The citizen's standing in the demo election after the liaison generates a version.
  auto regenerate = [&] {
    auto g = call("POST", liaison, kl + "/versions");
    EXPECT_EQ(g.status, 201) << g.body;
    auto st = call("GET", officer, voter);
    EXPECT_EQ(st.status, 200);
    return json::parse(st.body)["elections"][0];
  };
  EXPECT_EQ(regenerate()["method"], "POS");

  // Revoke: a reference is required; another mission's officer learns nothing; HQ reads only.
  EXPECT_EQ(call("POST", officer, voter + "/revocation").status, 422);
  EXPECT_EQ(call("POST", jeddah, voter + "/revocation", {{"reference", "X"}}).status, 404);
  EXPECT_EQ(call("POST", hq, voter + "/revocation", {{"reference", "X"}}).status, 403);
  EXPECT_EQ(call("GET", jeddah, page).status, 404);
  EXPECT_EQ(call("GET", hq, page).status, 200);
  ASSERT_EQ(call("POST", officer, voter + "/revocation",
                 {{"reference", "12/Pid.B/2028/PN Jkt.Sel"}}).status, 200);
  json st = regenerate();
  EXPECT_EQ(st["on_list"], false);
  EXPECT_EQ(st["reason"], "right_revoked");
  auto shown = call("GET", officer, page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(Has(shown.body, "data-reason=\"right_revoked\"")) << shown.body;
  EXPECT_TRUE(Has(shown.body, "data-revoked=\"yes\""));
  EXPECT_TRUE(Has(shown.body, "12/Pid.B/2028/PN Jkt.Sel"));
  // The lift form without a reference: the field error in the user's language.
  auto no_ref = form(officer, page + "/pemulihan", "reference=");
  EXPECT_EQ(no_ref.status, 422);
  EXPECT_TRUE(Has(no_ref.body, "Wajib diisi.")) << no_ref.body;
  auto lifted = form(officer, page + "/pemulihan", "reference=7%2FPid%2F2029%2FPT+DKI");
  ASSERT_EQ(lifted.status, 303) << lifted.body;
  EXPECT_EQ(lifted.headers["location"], page + "?disimpan=lift");
  st = regenerate();
  EXPECT_EQ(st["on_list"], true);
  EXPECT_EQ(st["reason"], "postal_address_unchecked");

  // The address check, then an override and its removal.
  ASSERT_EQ(form(officer, page + "/alamat-pos", "").status, 303);
  st = regenerate();
  EXPECT_EQ(st["reason"], nullptr);
  auto bad = form(officer, page + "/metode", "election=NOPE&method=KSK");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad.body, "<option value=\"KSK\" selected>")) << "keeps what was typed";
  ASSERT_EQ(call("PUT", officer, voter + "/method",
                 {{"election", "PEMILU-2029"}, {"method", "TPSLN"}}).status, 200);
  EXPECT_EQ(regenerate()["method"], "TPSLN");
  auto facts = call("GET", officer, voter + "/facts");
  ASSERT_EQ(facts.status, 200);
  EXPECT_EQ(json::parse(facts.body)["method_overrides"]["PEMILU-2029"], "TPSLN");
  EXPECT_EQ(json::parse(facts.body)["revocations"][0]["lift_reference"], "7/Pid/2029/PT DKI");
  ASSERT_EQ(call("PUT", officer, voter + "/method", {{"election", "PEMILU-2029"}}).status, 200);
  EXPECT_EQ(regenerate()["method"], "POS");
  EXPECT_EQ((*lease)->QueryOne(
      "SELECT COUNT(*) FROM audit_log WHERE citizen_id = $1 AND action IN ('voting_right_revoke', "
      "'voting_right_lift', 'postal_address_check', 'voter_method_override')", {id})->Int(0), 5);

  // The citizen asks for a mobile box, then by post without an address (a field error in
  // their language), then by post to a new address; the check of the old one is void.
  const std::string mine = "/api/v1/me/voter/PEMILU-2029/method";
  auto no_addr = call("PUT", citizen, mine, {{"method", "POS"}, {"postal_address", ""}});
  EXPECT_EQ(no_addr.status, 422);
  EXPECT_TRUE(Has(no_addr.body, "Pemilih pos wajib mengisi alamat pos."));
  auto no_addr_en = call("PUT", citizen, mine + "?lang=en", {{"method", "POS"}});
  EXPECT_TRUE(Has(no_addr_en.body, "Postal voters must give a postal address.")) << no_addr_en.body;
  auto typed = form(citizen, "/pemilu-saya/PEMILU-2029", "method=POS&postal_address=");
  EXPECT_EQ(typed.status, 422);
  EXPECT_TRUE(Has(typed.body, "<option value=\"POS\" selected>"));
  EXPECT_TRUE(Has(typed.body, "Pemilih pos wajib mengisi alamat pos."));
  ASSERT_EQ(form(citizen, "/pemilu-saya/PEMILU-2029", "method=KSK").status, 303);
  EXPECT_EQ(regenerate()["method"], "KSK");
  ASSERT_EQ(call("PUT", citizen, mine, {{"method", "POS"},
                                        {"postal_address", "Peti Surat 88, Shah Alam"}}).status, 200);
  st = regenerate();
  EXPECT_EQ(st["method"], "POS");
  EXPECT_EQ(st["reason"], "postal_address_unchecked");
  EXPECT_EQ(call("GET", officer, "/pemilu-saya/PEMILU-2029").status, 403);

  // After the cut-off: a clear refusal, and no form.
  ASSERT_TRUE((*lease)->Exec(
      "INSERT INTO elections (code, name, polling_date, cutoff_date, status, created_at) "
      "VALUES ('PEMILU-LALU', 'Pemilu lalu', '2026-02-14', '2026-01-15', 'open', 0)").ok());
  auto late = call("PUT", citizen, "/api/v1/me/voter/PEMILU-LALU/method", {{"method", "KSK"}});
  EXPECT_EQ(late.status, 409);
  EXPECT_TRUE(Has(late.body, "Batas waktu pindah metode memilih sudah lewat."));
  auto late_page = call("GET", citizen, "/pemilu-saya/PEMILU-LALU");
  ASSERT_EQ(late_page.status, 200);
  EXPECT_TRUE(Has(late_page.body, "data-switch=\"closed\""));
  EXPECT_FALSE(Has(late_page.body, "name=\"method\""));
  EXPECT_EQ(call("GET", citizen, "/pemilu-saya/NOPE").status, 404);

  // Postal ballots: the liaison records, the officer may not, HQ reads.
  const std::string ballot = kl + "/ballots/" + std::to_string(id);
  EXPECT_EQ(call("POST", officer, ballot, {{"event", "sent"}}).status, 403);
  EXPECT_EQ(call("POST", liaison, ballot, {{"event", "received"}}).status, 409);
  ASSERT_EQ(call("POST", liaison, ballot, {{"event", "sent"}}).status, 201);
  auto bulk = call("POST", liaison, kl + "/ballots", {{"unit", "POS-001"}});
  ASSERT_EQ(bulk.status, 200) << bulk.body;
  const int64_t unit_sent = json::parse(bulk.body)["sent"];
  EXPECT_EQ(call("POST", liaison, kl + "/ballots", {{"unit", "TPSLN-001"}}).status, 422);
  ASSERT_EQ(form(liaison, "/pemilu/PEMILU-2029/KBRI-KUALA-LUMPUR/pos",
                 "citizen_id=" + std::to_string(id) + "&event=received&unit=").status, 303);
  const std::string unit = st["unit"];
  auto list = call("GET", hq, kl + "/ballots?unit=" + unit + "&after=" + unit + "." +
                                  std::to_string(st["number"].get<int64_t>() - 1));
  ASSERT_EQ(list.status, 200);
  bool received = false;
  const json voters = json::parse(list.body)["voters"];
  for (const auto& v : voters) {
    if (v["citizen_id"] == id) received = v["ballot"] == "received";
  }
  EXPECT_TRUE(received) << list.body.substr(0, 600);
  auto list_page = call("GET", liaison, "/pemilu/PEMILU-2029/KBRI-KUALA-LUMPUR/pos?unit=" + unit +
                                            "&after=" + unit + "." +
                                            std::to_string(st["number"].get<int64_t>() - 1));
  ASSERT_EQ(list_page.status, 200);
  EXPECT_TRUE(Has(list_page.body, "<tr data-citizen=\"" + std::to_string(id) +
                                      "\"><td>" + unit));
  EXPECT_TRUE(Has(list_page.body, "data-ballot=\"received\""));
  auto cov = call("GET", liaison, kl + "/coverage");
  ASSERT_EQ(cov.status, 200);
  json c = json::parse(cov.body);
  EXPECT_EQ(c["ballots"]["sent"], 1 + unit_sent);
  EXPECT_EQ(c["ballots"]["received"], 1);
  EXPECT_GE(c["potential"].get<int64_t>(), c["included"].get<int64_t>());
  auto cov_page = call("GET", liaison, "/pemilu/PEMILU-2029/KBRI-KUALA-LUMPUR/cakupan");
  ASSERT_EQ(cov_page.status, 200);
  EXPECT_TRUE(Has(cov_page.body, "<progress"));
  EXPECT_EQ(call("GET", jeddah, "/pemilu/PEMILU-2029/KBRI-KUALA-LUMPUR/cakupan").status, 403);
  // The citizen follows their ballot.
  auto followed = call("GET", citizen, mine);
  ASSERT_EQ(followed.status, 200);
  EXPECT_EQ(json::parse(followed.body)["ballot"].size(), 2u);
  EXPECT_TRUE(Has(call("GET", citizen, "/pemilu-saya/PEMILU-2029").body, "data-ballot=\"received\""));
  EXPECT_GE((*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action LIKE "
                               "'postal_ballot_%'")->Int(0), 5);
}

INSTANTIATE_TEST_SUITE_P(Backends, ElectionActionsFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
