// Protection cases through the real server process, on every backend: a family member
// reports without an account and follows the case through its secret link; an officer
// links it to the Lapor Diri record and works on it; the reporter sees the progress and
// never an internal note. A restricted case's name is masked in the list and the CSV
// export; the assignment lock refuses others; the panic button (a plain form POST) creates
// an urgent case that the mission's officer sees, and mails the duty officer.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <nlohmann/json.hpp>

#include "http/message.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"
#include "support/zip_entry.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kForm = "Content-Type: application/x-www-form-urlencoded";

class ProtectionFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
    officer_ = StaffSignIn(server_->url(), "petugas.kl@demo.peduli.test");
    supervisor_ = StaffSignIn(server_->url(), "supervisor.kl@demo.peduli.test");
    other_ = StaffSignIn(server_->url(), "petugas.jeddah@demo.peduli.test");
    hq_ = StaffSignIn(server_->url(), "hq@demo.peduli.test");
    citizen_ = SignIn(server_->url(), "warga@demo.peduli.test", "peduli-demo-2026");
    ASSERT_FALSE(officer_.empty());
    ASSERT_FALSE(supervisor_.empty());
    ASSERT_FALSE(citizen_.empty());
  }

  void TearDown() override {
    if (HasFailure()) server_->PrintLog();
  }

  // Protection mail goes through the outbox: the sender delivers it within a few seconds.
  bool WaitForMails(size_t n) {
    for (int i = 0; i < 150 && server_->MailCount() < n; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return server_->MailCount() >= n;
  }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const json& body = nullptr) {
    return server_->Json(method, path, token, body.is_null() ? "" : body.dump());
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string officer_, supervisor_, other_, hq_, citizen_;
};

TEST_P(ProtectionFlow, FamilyReportLinkedWorkedAndFollowed) {
  auto lease = db_->db().Acquire();
  auto warga = (*lease)->QueryOne(
      "SELECT c.id, c.nik, c.full_name FROM citizens c JOIN accounts a ON a.id = c.account_id "
      "WHERE a.email = 'warga@demo.peduli.test'");
  ASSERT_TRUE(warga.ok());
  const int64_t warga_id = warga->Int(0);
  json report = {{"reporter_name", "Ibu Aminah"}, {"reporter_contact", "+62 812 3456 7890"},
                 {"reporter_relation", "ibu"}, {"subject_name", warga->Text(2)},
                 {"subject_nik", warga->Text(1)}, {"country", "MY"}, {"category", "wage"},
                 {"summary", "Anak saya belum digaji enam bulan."}, {"employer", "Tan Sdn Bhd"}};
  auto r = Call("POST", "/api/v1/public/reports", "", report);
  ASSERT_EQ(r.status, 201) << r.body;
  const json created = json::parse(r.body);
  const std::string token = created["follow_token"];
  const std::string tracking = created["tracking_number"];
  EXPECT_EQ(tracking.rfind("PW-", 0), 0u);
  // The follow page works without an account; the secret is never stored in clear.
  auto page = HttpCall("GET", server_->url() + "/lapor-kasus/ikuti/" + token);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(tracking), std::string::npos);
  EXPECT_TRUE((*lease)->Query("SELECT id FROM cases WHERE follow_hash = $1", {token})->empty());

  // The officer of KBRI Kuala Lumpur finds it, and confirms the proposed record.
  auto list = json::parse(Call("GET", "/api/v1/cases", officer_).body);
  int64_t id = 0;
  for (const auto& c : list["cases"]) {
    if (c["tracking_number"] == tracking) id = c["id"];
  }
  ASSERT_NE(id, 0);
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  EXPECT_EQ(Call("GET", path, other_).status, 404);
  auto view = json::parse(Call("GET", path, officer_).body);
  ASSERT_FALSE(view["proposals"].empty());
  EXPECT_EQ(view["proposals"][0]["citizen_id"], warga_id);
  EXPECT_EQ(Call("POST", path + "/match", officer_, {{"citizen_id", warga_id}}).status, 200);
  EXPECT_EQ(Call("POST", path + "/actions", officer_,
                 {{"kind", "note"}, {"body", "RAHASIA: majikan mengancam"}}).status, 201);
  EXPECT_EQ(Call("POST", path + "/actions", officer_,
                 {{"kind", "contact"}, {"body", "Menelepon majikan"}, {"internal", false}}).status, 201);
  EXPECT_EQ(Call("POST", path + "/actions", officer_,
                 {{"kind", "state"}, {"to_state", "in_progress"}}).status, 201);
  EXPECT_EQ(Call("POST", path + "/actions", hq_, {{"kind", "note"}, {"body", "x"}}).status, 403);

  auto follow = Call("GET", "/api/v1/public/reports/" + token, "");
  ASSERT_EQ(follow.status, 200);
  const json f = json::parse(follow.body);
  EXPECT_EQ(f["state"], "in_progress");
  EXPECT_EQ(follow.body.find("RAHASIA"), std::string::npos);
  EXPECT_EQ(follow.body.find("Ibu Aminah"), std::string::npos);
  page = HttpCall("GET", server_->url() + "/lapor-kasus/ikuti/" + token);
  EXPECT_EQ(page.body.find("RAHASIA"), std::string::npos);
  EXPECT_EQ(HttpCall("GET", server_->url() + "/api/v1/public/reports/" + std::string(32, 'b')).status, 404);
  auto linked = (*lease)->QueryOne("SELECT citizen_id FROM cases WHERE id = $1", {id});
  EXPECT_EQ(linked->Int(0), warga_id);
  auto audited = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM audit_log WHERE action IN ('read_case', 'read_case_queue')");
  EXPECT_GE(audited->Int(0), 2);  // the queue and the case page
}

TEST_P(ProtectionFlow, RestrictedMaskedLockedAndExported) {
  json c = {{"category", "trafficking"}, {"priority", "high"}, {"channel", "hotline"},
            {"subject_name", "Rina Kartika"}, {"summary", "Paspor ditahan agen"}};
  auto r = Call("POST", "/api/v1/cases", officer_, c);
  ASSERT_EQ(r.status, 201) << r.body;
  const int64_t id = json::parse(r.body)["id"];
  const std::string path = "/api/v1/cases/" + std::to_string(id);
  EXPECT_EQ(Call("POST", "/api/v1/cases", hq_, c).status, 403);
  // Not the assignee: masked in the list, the case and the CSV export.
  auto find = [&](const std::string& token) {
    const json list = json::parse(Call("GET", "/api/v1/cases", token).body);
    for (const auto& k : list["cases"]) {
      if (k["id"] == id) return k["subject_name"].get<std::string>();
    }
    return std::string("?");
  };
  EXPECT_EQ(find(officer_), "R*** K***");
  EXPECT_EQ(find(supervisor_), "Rina Kartika");
  EXPECT_EQ(find(hq_), "Rina Kartika");
  auto csv = Call("GET", "/konsol/kasus.csv", officer_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.find("Rina Kartika"), std::string::npos);
  EXPECT_NE(csv.body.find("R*** K***"), std::string::npos);
  EXPECT_NE(Call("GET", "/konsol/kasus.csv", supervisor_).body.find("Rina Kartika"), std::string::npos);
  EXPECT_EQ(Call("POST", path + "/reveal", officer_, {{"reason", ""}}).status, 422);
  auto shown = Call("POST", path + "/reveal", officer_, {{"reason", "Keluarga menelepon hotline"}});
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(json::parse(shown.body)["subject_name"], "Rina Kartika");

  // The supervisor takes it: the officer is refused, with the reason.
  auto lease = db_->db().Acquire();
  auto staff = (*lease)->QueryOne(
      "SELECT id FROM accounts WHERE email = 'supervisor.kl@demo.peduli.test'");
  EXPECT_EQ(Call("PUT", path + "/assignee", officer_, {{"account_id", staff->Int(0)}}).status, 403);
  ASSERT_EQ(Call("PUT", path + "/assignee", supervisor_, {{"account_id", staff->Int(0)}}).status, 200);
  auto locked = Call("POST", path + "/actions", officer_, {{"kind", "note"}, {"body", "x"}});
  EXPECT_EQ(locked.status, 403);
  EXPECT_NE(locked.body.find("supervisor"), std::string::npos) << locked.body;
  EXPECT_EQ(Call("POST", path + "/actions", supervisor_, {{"kind", "note"}, {"body", "x"}}).status, 201);
  auto page = Call("GET", "/konsol/kasus/" + std::to_string(id), officer_);
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"locked\""), std::string::npos);
}

TEST_P(ProtectionFlow, PanicButtonWithoutJavaScript) {
  const size_t mails = server_->MailCount();
  // The one-tap form: a plain form POST, with the double-submit CSRF token.
  const std::string csrf = "csrfcsrfcsrfcsrfcsrf";
  auto r = HttpCall("POST", server_->url() + "/darurat", "_csrf=" + csrf + "&position=",
                    {kForm, "Cookie: pw_csrf=" + csrf, "Authorization: Bearer " + citizen_});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"].rfind("/lindungi/", 0), 0u);
  auto list = json::parse(Call("GET", "/api/v1/cases?priority=urgent", officer_).body);
  ASSERT_EQ(list["cases"].size(), 1u);
  const auto& c = list["cases"][0];
  EXPECT_EQ(c["source"], "panic");
  EXPECT_EQ(c["mission_code"], "KBRI-KUALA-LUMPUR");
  EXPECT_FALSE(c["phone"].is_null()) << "the last reported phone";
  EXPECT_FALSE(c["location"].is_null()) << "the last reported location";
  EXPECT_TRUE(WaitForMails(mails + 1)) << "the duty officer is mailed (and the citizen)";
  EXPECT_NE(server_->LatestMail().find(c["tracking_number"].get<std::string>()), std::string::npos);
  EXPECT_EQ(json::parse(Call("GET", "/api/v1/cases?priority=urgent", other_).body)["cases"].size(), 0u);
  auto mine = json::parse(Call("GET", "/api/v1/me/cases", citizen_).body);
  EXPECT_EQ(mine["cases"].size(), 1u);
}

// The console's export covers the whole filter, beyond one page of 500, streamed; the
// restricted names stay masked in the CSV and the XLSX.
TEST_P(ProtectionFlow, ExportsWholeFilterInBothFormatsMasked) {
  auto lease = db_->db().Acquire();
  ASSERT_TRUE((*lease)->Exec(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 520) "
      "INSERT INTO cases (tracking_number, mission_code, source, category, priority, restricted, "
      "state, subject_name, created_at, updated_at) SELECT 'PW-TEST-' || i, 'KBRI-KUALA-LUMPUR', "
      "'officer', CASE WHEN i % 100 = 0 THEN 'trafficking' ELSE 'wage' END, 'normal', "
      "CASE WHEN i % 100 = 0 THEN 1 ELSE 0 END, 'new', "
      "CASE WHEN i % 100 = 0 THEN 'Rina Kartika' ELSE 'Budi Santoso' END, 1, 1 FROM n").ok());
  auto count = [](const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  auto csv = Call("GET", "/konsol/kasus.csv?state=&category=&priority=", officer_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(count(csv.body, "\r\n"), 521u);
  EXPECT_EQ(count(csv.body, "R*** K***"), 5u);
  EXPECT_EQ(csv.body.find("Rina Kartika"), std::string::npos);
  EXPECT_EQ(count(Call("GET", "/konsol/kasus.csv", supervisor_).body, "Rina Kartika"), 5u);
  // The filter holds: only the restricted category.
  EXPECT_EQ(count(Call("GET", "/konsol/kasus.csv?category=trafficking", officer_).body, "\r\n"), 6u);
  EXPECT_EQ(Call("GET", "/konsol/kasus.csv", other_).body.find("PW-TEST"), std::string::npos);
  auto audited = (*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'export_cases'");
  EXPECT_GE(audited->Int(0), 2) << "one entry a page";

  auto xlsx = Call("GET", "/konsol/kasus.xlsx", officer_);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  auto sheet = ZipEntry(xlsx.body, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_EQ(count(*sheet, ">PW-TEST-"), 520u);
  EXPECT_EQ(count(*sheet, "R*** K***"), 5u);
  EXPECT_EQ(sheet->find("Rina Kartika"), std::string::npos);
  auto full = ZipEntry(Call("GET", "/konsol/kasus.xlsx", supervisor_).body, "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(full.has_value());
  EXPECT_EQ(count(*full, "Rina Kartika"), 5u);
  EXPECT_GE(Call("GET", "/konsol/kasus.xlsx", citizen_).status, 400);
}

// A public reporter who left an email address hears of each public step through the outbox
// (the receipt, each change of state): the tracking number and the state in plain words,
// both languages, nothing else; an internal note tells no one.
TEST_P(ProtectionFlow, PublicReporterMailedThroughOutbox) {
  const size_t before = server_->MailCount();
  json report = {{"reporter_name", "Ibu Aminah"}, {"reporter_contact", "ibu.aminah@example.test"},
                 {"reporter_relation", "ibu"}, {"subject_name", "Dewi Lestari"},
                 {"country", "MY"}, {"category", "wage"},
                 {"summary", "Anak saya belum digaji enam bulan."}};
  auto r = Call("POST", "/api/v1/public/reports", "", report);
  ASSERT_EQ(r.status, 201) << r.body;
  const json created = json::parse(r.body);
  const std::string tracking = created["tracking_number"];
  const std::string token = created["follow_token"];
  auto list = json::parse(Call("GET", "/api/v1/cases", officer_).body);
  int64_t id = 0;
  for (const auto& c : list["cases"]) {
    if (c["tracking_number"] == tracking) id = c["id"];
  }
  ASSERT_NE(id, 0);
  ASSERT_TRUE(WaitForMails(before + 1)) << "the receipt";
  EXPECT_NE(server_->LatestMail().find("Laporan Anda sudah kami terima"), std::string::npos)
      << server_->LatestMail();
  ASSERT_EQ(Call("POST", "/api/v1/cases/" + std::to_string(id) + "/actions", officer_,
                 {{"kind", "state"}, {"to_state", "triaged"}}).status, 201);
  ASSERT_TRUE(WaitForMails(before + 2)) << "the change of state";
  const std::string mail = server_->LatestMail();  // headers and the decoded body
  EXPECT_NE(mail.find("Status laporan Anda berubah."), std::string::npos) << mail;
  EXPECT_NE(mail.find("Status: Sudah ditelaah"), std::string::npos) << mail;
  EXPECT_NE(mail.find("State: Triaged"), std::string::npos) << "English below";
  EXPECT_NE(mail.find("ibu.aminah@example.test"), std::string::npos);
  EXPECT_NE(mail.find(tracking), std::string::npos);
  for (const char* secret : {"Ibu Aminah", "Dewi Lestari", "digaji"}) {
    EXPECT_EQ(mail.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(mail.find(token), std::string::npos) << "the follow link's secret stays out";
  // An internal note (the API's default) queues nothing; the outbox holds the two sent.
  ASSERT_EQ(Call("POST", "/api/v1/cases/" + std::to_string(id) + "/actions", officer_,
                 {{"kind", "note"}, {"body", "x"}}).status, 201);
  auto lease = db_->db().Acquire();
  auto queued = (*lease)->Query("SELECT kind, channel, state FROM outbox WHERE ref = $1 ORDER BY id",
                                {"case:" + std::to_string(id)});
  // Marked sent just after the mail is written.
  for (int i = 0; i < 50 && queued.ok() && !queued->empty() && queued->back().Text(2) != "sent"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    queued = (*lease)->Query("SELECT kind, channel, state FROM outbox WHERE ref = $1 ORDER BY id",
                             {"case:" + std::to_string(id)});
  }
  ASSERT_TRUE(queued.ok());
  ASSERT_EQ(queued->size(), 2u);
  for (const auto& row : *queued) {
    EXPECT_EQ(row.Text(0), "protection_step");
    EXPECT_EQ(row.Text(1), "email");
    EXPECT_EQ(row.Text(2), "sent");
  }
  EXPECT_EQ(server_->MailCount(), before + 2);
}

// UU PDP: deletion is refused while a case about the citizen is open, on the page and the
// API, and the refusal is recorded on the request; once the case is closed it goes through.
TEST_P(ProtectionFlow, DeletionRefusedWhileCaseOpen) {
  const std::string csrf = "csrfcsrfcsrfcsrfcsrf";
  auto r = HttpCall("POST", server_->url() + "/darurat", "_csrf=" + csrf + "&position=",
                    {kForm, "Cookie: pw_csrf=" + csrf, "Authorization: Bearer " + citizen_});
  ASSERT_EQ(r.status, 303) << r.body;
  auto api = Call("DELETE", "/api/v1/me", citizen_);
  EXPECT_EQ(api.status, 409) << api.body;
  EXPECT_NE(api.body.find("kasus perlindungan yang terbuka"), std::string::npos) << api.body;
  auto page = HttpCall("POST", server_->url() + "/hapus-akun", "_csrf=" + csrf + "&confirm=yes",
                       {kForm, "Cookie: pw_csrf=" + csrf, "Authorization: Bearer " + citizen_});
  EXPECT_EQ(page.status, 409);
  EXPECT_NE(page.body.find("kasus perlindungan yang terbuka"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("name=\"confirm\""), std::string::npos) << "the form again";
  auto lease = db_->db().Acquire();
  auto refused = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM deletion_requests d JOIN accounts a ON a.id = d.account_id "
      "WHERE a.email = 'warga@demo.peduli.test' AND d.action = 'refused_open_case' "
      "AND d.completed_at IS NULL");
  EXPECT_EQ(refused->Int(0), 2);
  auto kept = (*lease)->QueryOne(
      "SELECT c.status FROM citizens c JOIN accounts a ON a.id = c.account_id "
      "WHERE a.email = 'warga@demo.peduli.test'");
  ASSERT_TRUE(kept.ok());
  EXPECT_NE(kept->Text(0), "deleted");

  // The officer closes the case: the citizen may now be deleted.
  auto list = json::parse(Call("GET", "/api/v1/cases?priority=urgent", officer_).body);
  ASSERT_EQ(list["cases"].size(), 1u);
  const std::string path = "/api/v1/cases/" + std::to_string(list["cases"][0]["id"].get<int64_t>());
  ASSERT_EQ(Call("POST", path + "/actions", officer_,
                 {{"kind", "state"}, {"to_state", "closed"}, {"outcome", "other"}}).status, 201);
  auto done = Call("DELETE", "/api/v1/me", citizen_);
  EXPECT_EQ(done.status, 200) << done.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, ProtectionFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
