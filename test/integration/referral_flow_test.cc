// Referrals between missions through the real server process, on every backend (issue 6,
// item 5): KBRI Kuala Lumpur refers a case to KJRI Jeddah with the citizen's consent, by the
// JSON API and by the console's form (CSRF); Jeddah's officer sees only the limited view in
// /konsol/rujukan (no internal notes; the name masked under scope "summary"), accepts and
// marks it done; a revoked referral refuses acceptance (409); only a supervisor overrides
// consent, with a reason, audited; an officer of a third mission learns nothing (404); a
// partner's secret link works and a wrong one is 404.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kForm = "Content-Type: application/x-www-form-urlencoded";
const char* kCsrf = "csrfcsrfcsrfcsrfcsrf";
const char* kThird = "petugas.bangkok@demo.peduli.test";

class ReferralFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
    {
      // An officer of a third mission (KBRI Bangkok): petugas.jeddah's account and second
      // factor copied under another address and mission (the demo has no such account).
      auto lease = db_->db().Acquire();
      ASSERT_TRUE((*lease)->Exec(
          "INSERT INTO accounts (email, name, password_hash, role, mission_code, locale, "
          "email_verified_at, created_at) SELECT $1, 'Petugas Bangkok', password_hash, "
          "'officer', 'KBRI-BANGKOK', locale, email_verified_at, created_at FROM accounts "
          "WHERE email = 'petugas.jeddah@demo.peduli.test'", {std::string(kThird)}).ok());
      ASSERT_TRUE((*lease)->Exec(
          "INSERT INTO staff_second_factor (account_id, secret, enrolled_at) "
          "SELECT n.id, f.secret, f.enrolled_at FROM accounts n, accounts o "
          "JOIN staff_second_factor f ON f.account_id = o.id "
          "WHERE n.email = $1 AND o.email = 'petugas.jeddah@demo.peduli.test'",
          {std::string(kThird)}).ok());
    }
    officer_ = StaffSignIn(server_->url(), "petugas.kl@demo.peduli.test");
    supervisor_ = StaffSignIn(server_->url(), "supervisor.kl@demo.peduli.test");
    jeddah_ = StaffSignIn(server_->url(), "petugas.jeddah@demo.peduli.test");
    third_ = StaffSignIn(server_->url(), kThird);
    ASSERT_FALSE(officer_.empty());
    ASSERT_FALSE(supervisor_.empty());
    ASSERT_FALSE(jeddah_.empty());
    ASSERT_FALSE(third_.empty());
  }

  void TearDown() override {
    if (HasFailure()) server_->PrintLog();
  }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const json& body = nullptr) {
    return server_->Json(method, path, token, body.is_null() ? "" : body.dump());
  }

  // A console form post with the double-submit CSRF cookie (`csrf` false: without the field).
  HttpResult Form(const std::string& path, const std::string& token, const std::string& body,
                  bool csrf = true) {
    return HttpCall("POST", server_->url() + path, (csrf ? std::string("_csrf=") + kCsrf + "&" : "") + body,
                    {kForm, std::string("Cookie: pw_csrf=") + kCsrf, "Authorization: Bearer " + token});
  }

  // A KL case with an internal note; returns its id.
  int64_t KlCase(const std::string& name) {
    json c = {{"category", "wage"}, {"priority", "high"}, {"channel", "walk_in"},
              {"subject_name", name}, {"phone", "+60 12 345 6789"},
              {"summary", "Gaji belum dibayar; majikan pindah ke Jeddah."}};
    auto r = Call("POST", "/api/v1/cases", officer_, c);
    EXPECT_EQ(r.status, 201) << r.body;
    const int64_t id = json::parse(r.body)["id"];
    EXPECT_EQ(Call("POST", "/api/v1/cases/" + std::to_string(id) + "/actions", officer_,
                   {{"kind", "note"}, {"body", "RAHASIA: catatan internal"}}).status, 201);
    return id;
  }

  int64_t CountAudit(const std::string& action) {
    auto lease = db_->db().Acquire();
    auto n = (*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = $1", {action});
    return n.ok() ? n->Int(0) : -1;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string officer_, supervisor_, jeddah_, third_;
};

TEST_P(ReferralFlow, ApiReferralLimitedViewAcceptDoneAndRevoked) {
  const int64_t id = KlCase("Siti Rahmawati");
  const std::string base = "/api/v1/cases/" + std::to_string(id) + "/referrals";
  json refer = {{"to_kind", "mission"}, {"to_mission", "KJRI-JEDDAH"}, {"scope", "summary"},
                {"reason", "Majikan kini di Jeddah"}};
  // Without the citizen's consent an officer may not refer.
  auto refused = Call("POST", base, officer_, refer);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("consent"), std::string::npos);
  refer["consent"] = true;
  auto made = Call("POST", base, officer_, refer);
  ASSERT_EQ(made.status, 201) << made.body;
  const int64_t ref = json::parse(made.body)["id"];
  EXPECT_EQ(json::parse(made.body)["state"], "pending");
  const std::string rid = std::to_string(ref);

  // Jeddah's list and the limited view: masked name, no phone, no internal note.
  auto list = Call("GET", "/api/v1/referrals", jeddah_);
  ASSERT_EQ(list.status, 200);
  bool listed = false;
  const json listed_json = json::parse(list.body);  // (a temporary would die before the loop)
  for (const auto& x : listed_json["referrals"]) {
    if (x["id"].get<int64_t>() == ref) listed = true;
  }
  EXPECT_TRUE(listed) << list.body;
  auto view = Call("GET", "/api/v1/referrals/" + rid, jeddah_);
  ASSERT_EQ(view.status, 200) << view.body;
  const json v = json::parse(view.body);
  EXPECT_EQ(v["case"]["subject_name"], "S*** R***");
  EXPECT_EQ(v["case"]["name_masked"], true);
  EXPECT_FALSE(v["case"].contains("phone"));
  EXPECT_EQ(view.body.find("RAHASIA"), std::string::npos);
  EXPECT_EQ(view.body.find("Rahmawati"), std::string::npos);
  EXPECT_EQ(v["can_decide"], true);
  auto in = HttpCall("GET", server_->url() + "/konsol/rujukan", "", {"Authorization: Bearer " + jeddah_});
  ASSERT_EQ(in.status, 200);
  EXPECT_NE(in.body.find("/konsol/rujukan/" + rid), std::string::npos);
  auto page = HttpCall("GET", server_->url() + "/konsol/rujukan/" + rid, "", {"Authorization: Bearer " + jeddah_});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("S*** R***"), std::string::npos);
  EXPECT_EQ(page.body.find("Rahmawati"), std::string::npos);
  EXPECT_EQ(page.body.find("RAHASIA"), std::string::npos);
  EXPECT_EQ(page.body.find("345 6789"), std::string::npos);
  EXPECT_GE(CountAudit("read_referral"), 2);
  EXPECT_GE(CountAudit("read_referrals_incoming"), 2);

  // A third mission learns nothing; the referring mission's officer cannot decide for Jeddah.
  EXPECT_EQ(Call("GET", "/api/v1/referrals/" + rid, third_).status, 404);
  EXPECT_EQ(HttpCall("GET", server_->url() + "/konsol/rujukan/" + rid, "",
                     {"Authorization: Bearer " + third_}).status, 404);
  EXPECT_EQ(Call("POST", base + "/" + rid + "/accept", third_, json::object()).status, 404);
  EXPECT_EQ(Call("GET", "/api/v1/cases/" + std::to_string(id), third_).status, 404);
  auto third_list = json::parse(Call("GET", "/api/v1/referrals", third_).body);
  EXPECT_TRUE(third_list["referrals"].empty());
  EXPECT_EQ(Call("POST", base + "/" + rid + "/accept", officer_, json::object()).status, 404);

  // Jeddah accepts, then marks it done; done twice is a conflict.
  auto accepted = Call("POST", base + "/" + rid + "/accept", jeddah_, json::object());
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(json::parse(accepted.body)["state"], "accepted");
  auto done = Call("POST", base + "/" + rid + "/done", jeddah_, {{"note", "Sudah ditangani"}});
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(json::parse(done.body)["state"], "done");
  EXPECT_EQ(Call("POST", base + "/" + rid + "/done", jeddah_, json::object()).status, 409);
  EXPECT_EQ(CountAudit("case_referral_accepted"), 1);
  EXPECT_EQ(CountAudit("case_referral_done"), 1);

  // A referral revoked by Kuala Lumpur can no longer be accepted.
  auto second = Call("POST", base, officer_, refer);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string rid2 = std::to_string(json::parse(second.body)["id"].get<int64_t>());
  auto revoked = Call("POST", base + "/" + rid2 + "/revoke", officer_, {{"note", "Salah kirim"}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(json::parse(revoked.body)["state"], "revoked");
  EXPECT_EQ(Call("POST", base + "/" + rid2 + "/accept", jeddah_, json::object()).status, 409);
  auto form = Form("/konsol/rujukan/" + rid2 + "/keputusan", jeddah_, "decision=accept");
  EXPECT_EQ(form.status, 409);
}

TEST_P(ReferralFlow, WebFormWithCsrfAndSupervisorOverride) {
  const int64_t id = KlCase("Dewi Lestari");
  const std::string path = "/konsol/kasus/" + std::to_string(id) + "/rujuk";
  const std::string fields =
      "to_kind=mission&to_mission=KJRI-JEDDAH&scope=contact&reason=Majikan+di+Jeddah";
  auto count = [&] {
    auto lease = db_->db().Acquire();
    return (*lease)->QueryOne("SELECT COUNT(*) FROM case_referrals WHERE case_id = $1", {id})->Int(0);
  };
  // No CSRF token: refused before anything is stored.
  EXPECT_EQ(Form(path, officer_, fields + "&consent=yes", false).status, 403);
  // No consent, an officer: the form again with the error, nothing stored.
  auto no_consent = Form(path, officer_, fields);
  EXPECT_EQ(no_consent.status, 422);
  // An officer cannot override consent either.
  EXPECT_EQ(Form(path, officer_, fields + "&override_consent=yes&override_reason=Darurat").status, 422);
  EXPECT_EQ(count(), 0);
  auto made = Form(path, officer_, fields + "&consent=yes");
  ASSERT_EQ(made.status, 303) << made.body;
  EXPECT_EQ(count(), 1);

  // The supervisor overrides consent: only with a reason, and audited with it.
  EXPECT_EQ(Form(path, supervisor_, fields + "&override_consent=yes&override_reason=").status, 422);
  EXPECT_EQ(count(), 1);
  auto over = Form(path, supervisor_, fields + "&override_consent=yes&override_reason=Nyawa+terancam");
  ASSERT_EQ(over.status, 303) << over.body;
  EXPECT_EQ(count(), 2);
  {
    auto lease = db_->db().Acquire();
    auto a = (*lease)->Query(
        "SELECT detail FROM audit_log WHERE action = 'case_referral_consent_override'");
    ASSERT_TRUE(a.ok());
    ASSERT_EQ(a->size(), 1u);
    EXPECT_NE(a->front().Text(0).find("Nyawa terancam"), std::string::npos);
    auto r = (*lease)->QueryOne(
        "SELECT consent, override_reason FROM case_referrals WHERE case_id = $1 ORDER BY id DESC",
        {id});
    EXPECT_EQ(r->Int(0), 0);
    EXPECT_EQ(r->Text(1), "Nyawa terancam");
  }

  // Jeddah sees the contact scope (the name, no internal note, no override reason) and
  // accepts through its console form.
  auto list = json::parse(Call("GET", "/api/v1/referrals", jeddah_).body);
  ASSERT_EQ(list["referrals"].size(), 2u);
  const int64_t ref = list["referrals"][1]["id"];  // newest first: [1] is the consented one
  const std::string rid = std::to_string(ref);
  auto page = HttpCall("GET", server_->url() + "/konsol/rujukan/" + rid, "", {"Authorization: Bearer " + jeddah_});
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Dewi Lestari"), std::string::npos);
  EXPECT_EQ(page.body.find("RAHASIA"), std::string::npos);
  EXPECT_EQ(Form("/konsol/rujukan/" + rid + "/keputusan", jeddah_, "decision=accept", false).status, 403);
  auto accepted = Form("/konsol/rujukan/" + rid + "/keputusan", jeddah_, "decision=accept");
  ASSERT_EQ(accepted.status, 303) << accepted.body;
  auto v = json::parse(Call("GET", "/api/v1/referrals/" + rid, jeddah_).body);
  EXPECT_EQ(v["state"], "accepted");
  EXPECT_EQ(v["override_reason"], nullptr);
  EXPECT_EQ(Form("/konsol/rujukan/" + rid + "/keputusan", third_, "decision=done").status, 404);
  auto finished = Form("/konsol/rujukan/" + rid + "/keputusan", jeddah_, "decision=done");
  ASSERT_EQ(finished.status, 303) << finished.body;
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/referrals/" + rid, jeddah_).body)["state"], "done");
}

TEST_P(ReferralFlow, PartnerLinkAndWrongCode) {
  const int64_t id = KlCase("Rina Kartika");
  auto made = Call("POST", "/api/v1/cases/" + std::to_string(id) + "/referrals", officer_,
                   {{"to_kind", "partner"}, {"partner", "shelter"}, {"partner_name", "Rumah Aman"},
                    {"scope", "summary"}, {"reason", "Butuh tempat tinggal"}, {"consent", true}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string link = json::parse(made.body)["partner_link"];
  ASSERT_EQ(link.rfind("/rujukan/", 0), 0u);
  auto page = HttpCall("GET", server_->url() + link);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("R*** K***"), std::string::npos);
  EXPECT_EQ(page.body.find("RAHASIA"), std::string::npos);
  EXPECT_EQ(HttpCall("GET", server_->url() + "/rujukan/" + std::string(32, 'a')).status, 404);
  EXPECT_EQ(HttpCall("GET", server_->url() + "/rujukan/x").status, 404);
  // The partner accepts through the link (a form with the double-submit cookie).
  auto accepted = HttpCall("POST", server_->url() + link,
                           std::string("_csrf=") + kCsrf + "&decision=accept",
                           {kForm, std::string("Cookie: pw_csrf=") + kCsrf});
  EXPECT_EQ(accepted.status, 303) << accepted.body;
  EXPECT_EQ(HttpCall("POST", server_->url() + "/rujukan/" + std::string(32, 'a'),
                     std::string("_csrf=") + kCsrf + "&decision=accept",
                     {kForm, std::string("Cookie: pw_csrf=") + kCsrf}).status, 404);
  // The partner referral is no mission's business.
  EXPECT_TRUE(json::parse(Call("GET", "/api/v1/referrals", jeddah_).body)["referrals"].empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferralFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
