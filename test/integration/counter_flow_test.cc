// Duplicate-NIK decisions and walk-in registration through the real server process, on
// every backend: officers of KBRI Kuala Lumpur decide and undo, another mission's officer
// learns nothing, HQ reads but may not decide, a walk-in follows the citizen form's rules,
// and a later online sign-up with the walk-in's NIK is transferred to the citizen.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/message.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kForm = "Content-Type: application/x-www-form-urlencoded";

// A woman in Shah Alam, Selangor: KBRI Kuala Lumpur's jurisdiction.
json InKl(const std::string& nik, const std::string& name) {
  json j = json::parse(R"({
    "identity": {"nik": "", "full_name": "", "birth_place": "Bandung",
      "birth_date": "1990-08-01", "sex": "P", "marital_status": "kawin",
      "occupation": "Pekerja rumah tangga", "education": "sma", "origin_regency": "32.73"},
    "passport": {"number": "C1234567", "issue_date": "2022-01-10", "expiry_date": "2032-01-09",
      "office": "Kantor Imigrasi Kelas I Bandung"},
    "stay": {"country": "MY", "subdivision": "MY-10", "city": "Shah Alam",
      "address": "Jalan Kebun 3", "phone": "012-345 6789", "arrival_date": "2023-05-01",
      "category": "student", "student": {"institution": "UiTM", "programme": "Ilmu Komputer"}},
    "family": [],
    "emergency_contact": {"name": "Siti Aminah", "relation": "ibu", "phone": "0812-3456-7890"}
  })");
  j["identity"]["nik"] = nik;
  j["identity"]["full_name"] = name;
  return j;
}

class CounterFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
    officer_ = StaffSignIn(server_->url(), "petugas.kl@demo.peduli.test");
    other_ = StaffSignIn(server_->url(), "petugas.jeddah@demo.peduli.test");
    hq_ = StaffSignIn(server_->url(), "hq@demo.peduli.test");
    ASSERT_FALSE(officer_.empty());
    ASSERT_FALSE(other_.empty());
    ASSERT_FALSE(hq_.empty());
  }

  void TearDown() override {
    if (HasFailure()) server_->PrintLog();
  }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const json& body = nullptr) {
    return server_->Json(method, path, token, body.is_null() ? "" : body.dump());
  }
  HttpResult PostForm(const std::string& path, const std::string& token,
                      const std::vector<std::pair<std::string, std::string>>& fields) {
    // A Bearer client posting a form still shows the double-submit CSRF token.
    const std::string csrf = "counter-flow-csrf-token";
    std::string body = "_csrf=" + csrf;
    for (const auto& [k, v] : fields) {
      if (!body.empty()) body += "&";
      body += http::UrlEncode(k) + "=" + http::UrlEncode(v);
    }
    return HttpCall("POST", server_->url() + path, body,
                    {kForm, "Cookie: pw_csrf=" + csrf, "Authorization: Bearer " + token});
  }

  std::string NewCitizen(const std::string& email) {
    Call("POST", "/api/v1/accounts", "",
         {{"email", email}, {"password", "rahasia-sekali-123"}, {"name", "Warga Uji"}});
    Call("POST", "/api/v1/accounts/verify", "", {{"token", TokenFromText(server_->LatestMail())}});
    return SignIn(server_->url(), email, "rahasia-sekali-123");
  }

  int64_t OpenClaimOn(const std::string& nik) {
    auto r = Call("GET", "/api/v1/duplicates", officer_);
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = json::parse(r.body);
    for (const auto& c : body["open"]) {
      if (c["nik"] == nik) return c["id"].get<int64_t>();
    }
    ADD_FAILURE() << "no open claim on the NIK: " << r.body.substr(0, 1000);
    return 0;
  }

  int64_t Count(const std::string& sql) {
    auto lease = db_->db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string officer_, other_, hq_;
};

TEST_P(CounterFlow, DuplicateClaimKeepRejectTransferAndUndo) {
  const std::string holder = NewCitizen("holder@example.test");
  const std::string claimant = NewCitizen("claimant@example.test");
  const std::string nik = "3273014108900011";
  ASSERT_EQ(Call("PUT", "/api/v1/me/lapor-diri", holder, InKl(nik, "Siti Rahmawati")).status, 201);
  ASSERT_EQ(Call("PUT", "/api/v1/me/lapor-diri", claimant, InKl(nik, "Siti Palsu")).status, 409);
  const int64_t id = OpenClaimOn(nik);
  ASSERT_NE(id, 0);
  const std::string path = "/api/v1/duplicates/" + std::to_string(id);

  // Who sees what.
  auto detail = Call("GET", path, officer_);
  ASSERT_EQ(detail.status, 200) << detail.body;
  json d = json::parse(detail.body);
  EXPECT_EQ(d["existing"]["identity"]["full_name"], "Siti Rahmawati");
  EXPECT_EQ(d["claimed"]["identity"]["full_name"], "Siti Palsu");
  EXPECT_EQ(d["differences"], json::array({"identity.full_name"}));
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_duplicate_claim'"), 1);
  EXPECT_EQ(Call("GET", path, other_).status, 404);
  EXPECT_EQ(Call("POST", path + "/decision", other_, {{"decision", "keep"}}).status, 404);
  EXPECT_EQ(Call("GET", path, claimant).status, 404);
  EXPECT_EQ(Call("GET", path, hq_).status, 200);
  EXPECT_EQ(Call("POST", path + "/decision", hq_, {{"decision", "keep"}}).status, 403);
  EXPECT_EQ(Call("POST", path + "/undo", hq_).status, 403);
  EXPECT_EQ(Call("GET", "/api/v1/duplicates/999999", officer_).status, 404);

  // The page shows both sides, differences marked, and links the counter.
  auto page = Call("GET", "/konsol/duplikat/" + std::to_string(id), officer_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<mark>Siti Palsu</mark>"), std::string::npos);
  EXPECT_NE(page.body.find("/konsol/loket"), std::string::npos);
  auto list = Call("GET", "/konsol/duplikat", officer_);
  EXPECT_NE(list.body.find("/konsol/duplikat/" + std::to_string(id)), std::string::npos);
  EXPECT_EQ(Call("GET", "/konsol/duplikat/" + std::to_string(id), other_).status, 404);

  // keep, then undo.
  auto keep = Call("POST", path + "/decision", officer_, {{"decision", "keep"}});
  ASSERT_EQ(keep.status, 200) << keep.body;
  auto home = Call("GET", "/beranda", claimant);
  EXPECT_NE(home.body.find("terdaftar pada akun lain dan tetap pada akun itu"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", holder).status, 200);
  ASSERT_EQ(Call("POST", path + "/undo", officer_).status, 200);
  EXPECT_EQ(OpenClaimOn(nik), id);
  EXPECT_EQ(Call("POST", path + "/undo", officer_).status, 409) << "nothing left to undo";

  // reject needs a note (the form keeps what was typed); then undo.
  auto bare = PostForm("/konsol/duplikat/" + std::to_string(id) + "/keputusan", officer_,
                       {{"decision", "reject"}, {"note", ""}});
  EXPECT_EQ(bare.status, 422);
  EXPECT_NE(bare.body.find("Tulis catatan"), std::string::npos);
  auto rejected = PostForm("/konsol/duplikat/" + std::to_string(id) + "/keputusan", officer_,
                           {{"decision", "reject"}, {"note", "KTP tidak cocok"}});
  EXPECT_EQ(rejected.status, 303);
  EXPECT_NE(Call("GET", "/beranda", claimant).body.find("ditolak"), std::string::npos);
  EXPECT_EQ(PostForm("/konsol/duplikat/" + std::to_string(id) + "/batal", officer_, {}).status, 303);
  EXPECT_EQ(OpenClaimOn(nik), id);

  // transfer: identity checked, then the claimant holds the record (not merged).
  auto unchecked = Call("POST", path + "/decision", officer_,
                        {{"decision", "transfer"}, {"note", "KTP diperiksa"}});
  ASSERT_EQ(unchecked.status, 422);
  EXPECT_EQ(json::parse(unchecked.body)["errors"][0]["field"], "identity_checked");
  auto moved = Call("POST", path + "/decision", officer_,
                    {{"decision", "transfer"}, {"note", "KTP asli diperiksa"}, {"identity_checked", true}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  auto mine = Call("GET", "/api/v1/me/lapor-diri", claimant);
  ASSERT_EQ(mine.status, 200);
  EXPECT_EQ(json::parse(mine.body)["identity"]["full_name"], "Siti Rahmawati");
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", holder).status, 404);
  ASSERT_EQ(Call("POST", path + "/undo", officer_).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", holder).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", claimant).status, 404);

  // Transfer again; the new holder edits the record: the undo is refused, nothing changes.
  ASSERT_EQ(Call("POST", path + "/decision", officer_,
                 {{"decision", "transfer"}, {"note", "KTP asli diperiksa"}, {"identity_checked", true}}).status, 200);
  json edited = InKl(nik, "Siti Rahmawati");
  edited["stay"]["address"] = "Jalan Baru 9";
  ASSERT_EQ(Call("PUT", "/api/v1/me/lapor-diri", claimant, edited).status, 200);
  auto refused = Call("POST", path + "/undo", officer_);
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("tidak dapat dibatalkan"), std::string::npos) << refused.body;
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", claimant).status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM duplicate_decisions"), 7);  // 4 decisions, 3 undos
}

TEST_P(CounterFlow, WalkInRegistrationAndLaterOnlineSignUp) {
  const std::string nik = "3273014108900021";
  auto start = Call("GET", "/konsol/loket", officer_);
  ASSERT_EQ(start.status, 200);
  EXPECT_NE(start.body.find("/konsol/loket/baru"), std::string::npos);
  EXPECT_NE(start.body.find("/konsol/duplikat"), std::string::npos);
  auto blank = Call("GET", "/konsol/loket/baru?lang=en", officer_);
  ASSERT_EQ(blank.status, 200);
  EXPECT_NE(blank.body.find("name=\"identity.nik\""), std::string::npos);
  EXPECT_NE(blank.body.find("name=\"emergency_contact.phone\""), std::string::npos);
  EXPECT_NE(blank.body.find("Lapor Diri at the counter"), std::string::npos);
  EXPECT_EQ(Call("GET", "/konsol/loket", hq_).status, 403);
  auto created = Call("POST", "/api/v1/walk-in", officer_, InKl(nik, "Dewi Lestari"));
  ASSERT_EQ(created.status, 201) << created.body;
  json rec = json::parse(created.body);
  const int64_t cid = rec["citizen_id"];
  const std::string regno = rec["registration_number"];
  {
    auto lease = db_->db().Acquire();
    auto row = (*lease)->QueryOne(
        "SELECT c.account_id, a.email FROM citizens c JOIN accounts a ON a.id = c.entered_by WHERE c.id = $1",
        {cid});
    ASSERT_TRUE(row.ok());
    EXPECT_TRUE(row->IsNull(0)) << "no account";
    EXPECT_EQ(row->Text(1), "petugas.kl@demo.peduli.test");
  }
  EXPECT_GE(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'walk_in_registration'"), 1);
  auto receipt = Call("GET", "/konsol/loket/" + std::to_string(cid), officer_);
  ASSERT_EQ(receipt.status, 200);
  EXPECT_NE(receipt.body.find(regno), std::string::npos);
  EXPECT_NE(receipt.body.find("Dimasukkan oleh petugas KBRI Kuala Lumpur"), std::string::npos);
  auto pdf = Call("GET", "/konsol/loket/" + std::to_string(cid) + "/bukti.pdf", officer_);
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(Call("GET", "/konsol/loket/" + std::to_string(cid), other_).status, 404);

  // The same validation as the citizen form: the same fields and codes.
  json bad = InKl("3273010108900031", "Rina");  // a woman's NIK without +40 on the day
  bad["family"] = json::array({{{"name", "Putri"}, {"relation", "child"}, {"birth_date", "2015-02-29"}, {"nik", ""}}});
  auto at_counter = Call("POST", "/api/v1/walk-in", officer_, bad);
  ASSERT_EQ(at_counter.status, 422);
  const std::string citizen = NewCitizen("rina@example.test");
  auto online = Call("PUT", "/api/v1/me/lapor-diri", citizen, bad);
  ASSERT_EQ(online.status, 422);
  auto fields = [](const std::string& body) {
    std::vector<std::string> out;
    const json parsed = json::parse(body);
    for (const auto& e : parsed["errors"]) out.push_back(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
    return out;
  };
  EXPECT_EQ(fields(at_counter.body), fields(online.body));
  EXPECT_NE(at_counter.body.find("identity.nik"), std::string::npos);
  EXPECT_NE(at_counter.body.find("family.0.birth_date"), std::string::npos);

  // An expired passport is accepted and flagged.
  json expired = InKl("3273014108900041", "Tuti");
  expired["passport"]["issue_date"] = "2015-01-01";
  expired["passport"]["expiry_date"] = "2020-01-01";
  auto flagged = Call("POST", "/api/v1/walk-in", officer_, expired);
  ASSERT_EQ(flagged.status, 201) << flagged.body;
  EXPECT_NE(json::parse(flagged.body)["warnings"].dump().find("passport_expired"), std::string::npos);

  // Another mission's jurisdiction is refused at the subdivision, naming who serves it.
  json tawau = InKl("3273014108900051", "Yanti");
  tawau["stay"]["subdivision"] = "MY-12";
  tawau["stay"]["city"] = "Tawau";
  auto far = Call("POST", "/api/v1/walk-in", officer_, tawau);
  ASSERT_EQ(far.status, 422) << far.body;
  json err = json::parse(far.body)["errors"][0];
  EXPECT_EQ(err["field"], "stay.subdivision");
  EXPECT_NE(err["message"].get<std::string>().find("Tawau"), std::string::npos);
  EXPECT_EQ(Call("POST", "/api/v1/walk-in", hq_, InKl("3273014108900051", "Yanti")).status, 403);

  // The web form: same rules, the typed values kept, errors in the user's language.
  auto form = PostForm("/konsol/loket/baru", officer_,
                       {{"action", "save"}, {"identity.full_name", "Rina Wulandari"},
                        {"identity.nik", "3273010108900031"}, {"identity.sex", "P"},
                        {"identity.birth_date", "1990-08-01"}, {"stay.country", "MY"}});
  EXPECT_EQ(form.status, 422);
  EXPECT_NE(form.body.find("value=\"Rina Wulandari\""), std::string::npos);
  EXPECT_NE(form.body.find("untuk perempuan, tanggal lahir pada NIK ditambah 40"), std::string::npos);

  // The same NIK again: the officer is shown the record first, then it is updated.
  json again = InKl(nik, "Dewi Lestari");
  again["stay"]["city"] = "Petaling Jaya";
  auto unconfirmed = Call("POST", "/api/v1/walk-in", officer_, again);
  ASSERT_EQ(unconfirmed.status, 409) << unconfirmed.body;
  EXPECT_EQ(json::parse(unconfirmed.body)["existing_citizen_id"], cid);
  auto check = PostForm("/konsol/loket/baru", officer_,
                        {{"action", "check"}, {"identity.nik", nik}, {"identity.full_name", "Dewi Lestari"},
                         {"identity.birth_place", "Bandung"}, {"identity.birth_date", "1990-08-01"},
                         {"identity.sex", "P"}, {"identity.marital_status", "kawin"},
                         {"identity.occupation", "Guru"}, {"identity.education", "sma"},
                         {"identity.origin_regency", "32.73"}, {"passport.number", "C1234567"},
                         {"passport.issue_date", "2022-01-10"}, {"passport.expiry_date", "2032-01-09"},
                         {"passport.office", "Kanim Bandung"}, {"stay.country", "MY"},
                         {"stay.subdivision", "MY-10"}, {"stay.city", "Petaling Jaya"},
                         {"stay.address", "Jalan 1"}, {"stay.phone", "012-345 6789"},
                         {"stay.arrival_date", "2023-05-01"}, {"stay.category", "student"},
                         {"stay.student.institution", "UiTM"}, {"stay.student.programme", "IT"},
                         {"emergency_contact.name", "Ibu"}, {"emergency_contact.relation", "ibu"},
                         {"emergency_contact.phone", "0812-3456-7890"}});
  ASSERT_EQ(check.status, 200) << check.body.substr(0, 2000);
  EXPECT_NE(check.body.find(regno), std::string::npos) << "the record found is shown";
  again["confirm_existing"] = cid;
  auto updated = Call("POST", "/api/v1/walk-in", officer_, again);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(json::parse(updated.body)["registration_number"], regno);
  EXPECT_EQ(json::parse(updated.body)["stays"].size(), 2u);

  // Later the citizen signs up online with that NIK: a claim, which an officer transfers.
  const std::string dewi = NewCitizen("dewi@example.test");
  ASSERT_EQ(Call("PUT", "/api/v1/me/lapor-diri", dewi, InKl(nik, "Dewi Lestari")).status, 409);
  const int64_t claim = OpenClaimOn(nik);
  ASSERT_NE(claim, 0);
  auto t = Call("POST", "/api/v1/duplicates/" + std::to_string(claim) + "/decision", officer_,
                {{"decision", "transfer"}, {"note", "Paspor asli diperiksa"}, {"identity_checked", true}});
  ASSERT_EQ(t.status, 200) << t.body;
  auto hers = Call("GET", "/api/v1/me/lapor-diri", dewi);
  ASSERT_EQ(hers.status, 200);
  EXPECT_EQ(json::parse(hers.body)["registration_number"], regno);
  auto home = Call("GET", "/beranda", dewi);
  EXPECT_NE(home.body.find("dimasukkan oleh petugas"), std::string::npos);
  EXPECT_NE(home.body.find("KBRI Kuala Lumpur"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, CounterFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
