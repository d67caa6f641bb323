// The officer console through the real server, on both databases: the work queue and its
// scope, the purpose asked once per session and recorded in the audit log, decisions and
// what the citizen sees of them, a correction re-submitted, a stale decision refused.
#include <gtest/gtest.h>

#include <ctime>
#include <nlohmann/json.hpp>

#include "core/date.h"
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
// Bearer clients posting forms use the double-submit cookie like anonymous browsers.
const std::string kCsrf = "console-test-csrf-token-0001";

class ConsoleFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<ServerProcess>(db_.dir(), db_.url(), std::vector<std::string>{"--demo"});
    HttpCall("POST", url() + "/api/v1/accounts",
             json{{"email", "rina@example.test"}, {"password", "rahasia-sekali-123"}, {"name", "R"}}.dump(),
             {kJson});
    HttpCall("POST", url() + "/api/v1/accounts/verify",
             json{{"token", TokenFromText(server_->LatestMail())}}.dump(), {kJson});
    citizen_ = SignIn(url(), "rina@example.test", "rahasia-sekali-123");
    person_ = registry::ToJson(TestPopulation().Person(7301));
    person_["identity"]["full_name"] = "Rina Kartika Wulandari";
    person_["stay"]["country"] = "MY";
    person_["stay"]["subdivision"] = "MY-10";
    person_["stay"]["city"] = "Shah Alam";
    person_["stay"]["phone"] = "+60 12-345 6789";
    auto put = Call(citizen_, "PUT", "/api/v1/me/lapor-diri", person_.dump());
    ASSERT_EQ(put.status, 201) << put.body;
    auto lease = db_.db().Acquire();
    id_ = (*lease)->QueryOne(
        "SELECT c.id FROM citizens c JOIN accounts a ON a.id = c.account_id "
        "WHERE a.email = 'rina@example.test'")->Int(0);
    officer_ = StaffSignIn(url(), "petugas.kl@demo.peduli.test");
    ASSERT_FALSE(officer_.empty());
  }

  const std::string& url() const { return server_->url(); }
  HttpResult Call(const std::string& token, const std::string& method, const std::string& path,
                  const std::string& body = "") {
    return server_->Json(method, path, token, body);
  }
  HttpResult Form(const std::string& token, const std::string& path, const std::string& body) {
    return HttpCall("POST", url() + path, "_csrf=" + kCsrf + "&" + body,
                    {kForm, "Cookie: pw_csrf=" + kCsrf, "Authorization: Bearer " + token});
  }
  json Review() {
    auto r = Call(citizen_, "GET", "/api/v1/me/lapor-diri");
    EXPECT_EQ(r.status, 200);
    return json::parse(r.body)["review"];
  }
  int64_t Count(const std::string& sql) {
    auto lease = db_.db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }

  TestDatabase db_{GetParam(), 2};
  std::unique_ptr<ServerProcess> server_;
  std::string citizen_, officer_;
  json person_;
  int64_t id_ = 0;
};

std::string Today() { return Date::FromUnix(std::time(nullptr)).ToString(); }

TEST_P(ConsoleFlow, QueueIsScopedCountedAndFiltered) {
  auto q = Call(officer_, "GET", "/api/v1/work-queue?date=submitted&from=" + Today());
  ASSERT_EQ(q.status, 200) << q.body;
  json page = json::parse(q.body);
  EXPECT_EQ(page["scope"], "KBRI-KUALA-LUMPUR");
  EXPECT_GE(page["counts"]["submitted"].get<int64_t>(), 1);
  bool found = false;
  for (const auto& it : page["items"]) {
    EXPECT_EQ(it["mission_code"], "KBRI-KUALA-LUMPUR");
    EXPECT_EQ(it["state"], "submitted");
    if (it["citizen_id"] == id_) {
      found = true;
      EXPECT_EQ(it["nik"].get<std::string>().find(person_["identity"]["nik"].get<std::string>()),
                std::string::npos) << "lists never show a whole NIK";
      EXPECT_NE(it["nik"].get<std::string>().find("******"), std::string::npos);
    }
  }
  EXPECT_TRUE(found) << q.body;
  // Every bulk-loaded demo citizen counts as a new report too.
  EXPECT_GT(page["counts"]["submitted"].get<int64_t>(), 10);
  EXPECT_EQ(Call(officer_, "GET", "/api/v1/work-queue?state=bogus").status, 422);
  EXPECT_EQ(Call(officer_, "GET", "/api/v1/work-queue?from=27-11-2026").status, 422);
  auto other_category = Call(officer_, "GET", "/api/v1/work-queue?from=" + Today() +
                                                  "&category=" +
                                                  (person_["stay"]["category"] == "visitor" ? "pmi" : "visitor"));
  for (const auto& it : json::parse(other_category.body)["items"]) EXPECT_NE(it["citizen_id"], id_);
  // Keyset pages never repeat an item.
  auto first = json::parse(Call(officer_, "GET", "/api/v1/work-queue").body);
  ASSERT_TRUE(first["next_after"].is_string());
  auto second = json::parse(Call(officer_, "GET", "/api/v1/work-queue?after=" +
                                                      first["next_after"].get<std::string>()).body);
  ASSERT_FALSE(second["items"].empty());
  EXPECT_NE(second["items"][0]["citizen_id"], first["items"][0]["citizen_id"]);
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_work_queue'"), 3);

  // Another mission's officer never sees KL's reports; HQ sees every mission.
  const std::string jeddah = StaffSignIn(url(), "petugas.jeddah@demo.peduli.test");
  auto jq = json::parse(Call(jeddah, "GET", "/api/v1/work-queue?from=" + Today()).body);
  EXPECT_EQ(jq["scope"], "KJRI-JEDDAH");
  for (const auto& it : jq["items"]) {
    EXPECT_EQ(it["mission_code"], "KJRI-JEDDAH");
    EXPECT_NE(it["citizen_id"], id_);
  }
  EXPECT_EQ(Call(jeddah, "GET", "/api/v1/citizens/" + std::to_string(id_)).status, 404);
  const std::string hq = StaffSignIn(url(), "hq@demo.peduli.test");
  auto hqq = json::parse(Call(hq, "GET", "/api/v1/work-queue").body);
  EXPECT_TRUE(hqq["scope"].is_null());
  EXPECT_GT(hqq["counts"]["submitted"].get<int64_t>(), page["counts"]["submitted"].get<int64_t>());
  EXPECT_EQ(Call(citizen_, "GET", "/api/v1/work-queue").status, 403);

  // The supervisor gives the report to the officer: "assigned to me" finds it.
  const std::string supervisor = StaffSignIn(url(), "supervisor.kl@demo.peduli.test");
  const int64_t officer_id = Count("SELECT id FROM accounts WHERE email = 'petugas.kl@demo.peduli.test'");
  EXPECT_EQ(Call(officer_, "PUT", "/api/v1/citizens/" + std::to_string(id_) + "/assignee",
                 json{{"account_id", officer_id}}.dump()).status, 403);
  EXPECT_EQ(Call(supervisor, "PUT", "/api/v1/citizens/" + std::to_string(id_) + "/assignee",
                 json{{"account_id", Count("SELECT id FROM accounts WHERE email = 'petugas.jeddah@demo.peduli.test'")}}.dump()).status,
            422) << "not an officer of the mission";
  ASSERT_EQ(Call(supervisor, "PUT", "/api/v1/citizens/" + std::to_string(id_) + "/assignee",
                 json{{"account_id", officer_id}}.dump()).status, 200);
  auto mine = json::parse(Call(officer_, "GET", "/api/v1/work-queue?mine=1").body);
  ASSERT_EQ(mine["items"].size(), 1u) << mine.dump();
  EXPECT_EQ(mine["items"][0]["citizen_id"], id_);
  EXPECT_EQ(mine["items"][0]["assigned_to"]["id"], officer_id);
}

TEST_P(ConsoleFlow, PurposeThenDecisionsThatTheCitizenSees) {
  const std::string rec = "/api/v1/citizens/" + std::to_string(id_);
  EXPECT_EQ(Review()["state"], "submitted");

  // No purpose yet: 428 with a code a client can act on.
  auto no_purpose = Call(officer_, "GET", rec);
  ASSERT_EQ(no_purpose.status, 428) << no_purpose.body;
  EXPECT_EQ(json::parse(no_purpose.body)["errors"][0]["code"], "purpose_required");
  EXPECT_EQ(Call(officer_, "PUT", "/api/v1/sessions/current/purpose",
                 json{{"purpose", "curiosity"}}.dump()).status, 422);
  EXPECT_EQ(Call(citizen_, "PUT", "/api/v1/sessions/current/purpose",
                 json{{"purpose", "layanan"}}.dump()).status, 403);
  ASSERT_EQ(Call(officer_, "PUT", "/api/v1/sessions/current/purpose",
                 json{{"purpose", "verifikasi"}}.dump()).status, 200);
  auto opened = Call(officer_, "GET", rec);
  ASSERT_EQ(opened.status, 200) << opened.body;
  json record = json::parse(opened.body);
  EXPECT_EQ(record["identity"]["full_name"], "Rina Kartika Wulandari");
  EXPECT_EQ(record["review"]["state"], "submitted");
  EXPECT_TRUE(record["entered_by"].is_null()) << "the citizen typed it";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_citizen' AND citizen_id = " +
                  std::to_string(id_) + " AND purpose = 'verifikasi'"), 1);

  // HQ reads (with its own session's purpose) but does not decide.
  const std::string hq = StaffSignIn(url(), "hq@demo.peduli.test");
  ASSERT_EQ(Call(hq, "PUT", "/api/v1/sessions/current/purpose", json{{"purpose", "statistik"}}.dump()).status, 200);
  EXPECT_EQ(Call(hq, "GET", rec).status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_citizen' AND purpose = 'statistik'"), 1);
  EXPECT_EQ(Call(hq, "POST", rec + "/review", json{{"decision", "verify"}}.dump()).status, 403);

  // A reason is required to reject or to ask for a correction, in the user's language.
  auto no_reason = Call(officer_, "POST", rec + "/review", json{{"decision", "reject"}}.dump());
  ASSERT_EQ(no_reason.status, 422);
  json err = json::parse(no_reason.body)["errors"][0];
  EXPECT_EQ(err["field"], "reason");
  EXPECT_NE(err["message"].get<std::string>().find("alasan"), std::string::npos) << err.dump();
  auto en = Call(officer_, "POST", rec + "/review?lang=en",
                 json{{"decision", "request_correction"}, {"reason", " "}}.dump());
  ASSERT_EQ(en.status, 422);
  EXPECT_NE(json::parse(en.body)["errors"][0]["message"].get<std::string>().find("reason"),
            std::string::npos);

  const int64_t v0 = record["review"]["version"];
  auto corr = Call(officer_, "POST", rec + "/review",
                   json{{"decision", "request_correction"}, {"reason", "Nomor paspor tidak terbaca"},
                        {"version", v0}}.dump());
  ASSERT_EQ(corr.status, 200) << corr.body;
  EXPECT_EQ(json::parse(corr.body)["state"], "correction_requested");
  // The same page's second decision is stale: someone (here: the officer) decided meanwhile.
  auto stale = Call(officer_, "POST", rec + "/review", json{{"decision", "verify"}, {"version", v0}}.dump());
  EXPECT_EQ(stale.status, 409);

  json seen = Review();
  EXPECT_EQ(seen["state"], "correction_requested");
  EXPECT_EQ(seen["reason"], "Nomor paspor tidak terbaca");
  EXPECT_EQ(seen["mission"]["code"], "KBRI-KUALA-LUMPUR");
  EXPECT_TRUE(seen["decided_at"].is_number());
  EXPECT_FALSE(seen.contains("decided_by")) << "the citizen sees the mission, not the officer";
  auto home = Call(citizen_, "GET", "/beranda");
  EXPECT_NE(home.body.find("Nomor paspor tidak terbaca"), std::string::npos);
  EXPECT_NE(home.body.find("data-review-state=\"correction_requested\""), std::string::npos);
  EXPECT_NE(home.body.find("href=\"/lapor-diri\""), std::string::npos);

  // The citizen corrects: submitted again.
  ASSERT_EQ(Call(citizen_, "PUT", "/api/v1/me/lapor-diri", person_.dump()).status, 200);
  seen = Review();
  EXPECT_EQ(seen["state"], "submitted");
  EXPECT_TRUE(seen["reason"].is_null());

  auto verified = Call(officer_, "POST", rec + "/review", json{{"decision", "verify"}}.dump());
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(Review()["state"], "verified");
  auto rejected = Call(officer_, "POST", rec + "/review",
                       json{{"decision", "reject"}, {"reason", "Bukan WNI"}}.dump());
  ASSERT_EQ(rejected.status, 200);
  EXPECT_EQ(Review()["state"], "rejected");
  EXPECT_EQ(Review()["reason"], "Bukan WNI");

  auto history = json::parse(Call(officer_, "GET", rec).body)["review"]["history"];
  ASSERT_EQ(history.size(), 5u) << history.dump();  // submitted, correction, submitted, verified, rejected
  EXPECT_EQ(history[0]["state"], "rejected");
  EXPECT_EQ(history[4]["state"], "submitted");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'review_%' AND citizen_id = " +
                  std::to_string(id_) + " AND purpose = 'verifikasi'"), 3);  // the stale one left none

  // The citizen sees who opened the record: role, mission and purpose, never a name.
  auto access = Call(citizen_, "GET", "/akses-data");
  ASSERT_EQ(access.status, 200);
  EXPECT_NE(access.body.find("Petugas, KBRI Kuala Lumpur"), std::string::npos) << access.body;
  EXPECT_NE(access.body.find("Petugas pusat, Kementerian Luar Negeri (pusat)"), std::string::npos);
  EXPECT_NE(access.body.find("pemeriksaan statistik"), std::string::npos);
  EXPECT_EQ(access.body.find("Petugas KBRI Kuala Lumpur"), std::string::npos)
      << "the demo officer's account name must not appear";
  auto access_en = Call(citizen_, "GET", "/akses-data?lang=en");
  EXPECT_NE(access_en.body.find("Officer, KBRI Kuala Lumpur"), std::string::npos);
  EXPECT_NE(access_en.body.find("verification"), std::string::npos);
}

TEST_P(ConsoleFlow, PagesSearchOpenAndDecide) {
  const std::string page = "/konsol/warga/" + std::to_string(id_);
  auto queue = Call(officer_, "GET", "/konsol");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("/konsol/warga/"), std::string::npos);
  EXPECT_EQ(Call(officer_, "GET", "/konsol?state=bogus").status, 422);
  EXPECT_EQ(Call(citizen_, "GET", "/konsol").status, 403);

  // Search terms go in the body; the results link to records in the jurisdiction only.
  auto found = Form(officer_, "/konsol/cari", "kind=name&q=rina+kartika");
  ASSERT_EQ(found.status, 200) << found.body.substr(0, 300);
  EXPECT_NE(found.body.find("Rina Kartika Wulandari"), std::string::npos);
  EXPECT_NE(found.body.find("href=\"" + page + "\""), std::string::npos);
  const std::string jeddah = StaffSignIn(url(), "petugas.jeddah@demo.peduli.test");
  auto elsewhere = Form(jeddah, "/konsol/cari", "kind=name&q=rina+kartika");
  EXPECT_EQ(elsewhere.body.find("Rina Kartika Wulandari"), std::string::npos);
  EXPECT_EQ(Form(officer_, "/konsol/cari", "kind=name&q=r").status, 422);

  // The record asks for a purpose first, then shows the record and the decision form.
  auto ask = Call(officer_, "GET", page);
  ASSERT_EQ(ask.status, 303);
  EXPECT_EQ(ask.headers["location"], "/konsol/tujuan?next=%2Fkonsol%2Fwarga%2F" + std::to_string(id_));
  EXPECT_EQ(Call(jeddah, "GET", page).status, 404);
  EXPECT_EQ(Form(officer_, "/konsol/tujuan", "purpose=&next=" + page).status, 422);
  auto given = Form(officer_, "/konsol/tujuan", "purpose=layanan&next=" + page);
  ASSERT_EQ(given.status, 303);
  EXPECT_EQ(given.headers["location"], page);
  EXPECT_EQ(Form(officer_, "/konsol/tujuan", "purpose=layanan&next=https://evil.test/").headers["location"],
            "/konsol");
  auto shown = Call(officer_, "GET", page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find(person_["identity"]["nik"].get<std::string>()), std::string::npos);
  EXPECT_NE(shown.body.find("/keputusan"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_citizen' AND purpose = 'layanan'"), 1);

  // A rejection without a reason: the field error, in Indonesian and in English.
  auto no_reason = Form(officer_, page + "/keputusan", "version=0&decision=reject&reason=");
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_NE(no_reason.body.find("Tuliskan alasannya"), std::string::npos);
  auto no_reason_en = Form(officer_, page + "/keputusan?lang=en", "version=0&decision=reject&reason=");
  EXPECT_NE(no_reason_en.body.find("Write the reason"), std::string::npos);
  auto done = Form(officer_, page + "/keputusan", "version=0&decision=verify&reason=");
  ASSERT_EQ(done.status, 303) << done.body.substr(0, 500);
  auto stale = Form(officer_, page + "/keputusan", "version=0&decision=reject&reason=Salah");
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(Review()["state"], "verified");
  EXPECT_NE(Call(citizen_, "GET", "/beranda").body.find("data-review-state=\"verified\""),
            std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
