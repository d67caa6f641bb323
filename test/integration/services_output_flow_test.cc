// Consular services, second part, through the real server process on every backend: an
// SPLP is issued with a number, downloaded as a PDF by the citizen, checked at
// /verify/dokumen (valid, then revoked by the supervisor), and cannot be extended; the
// day's list with arrivals and walk-in numbers; the web form keeps its files after a field
// error; the migrant worker's waiver needs an open protection case; the daily quota holds
// through two servers; staff reads carry the session's purpose.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "core/date.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kJson = "Content-Type: application/json";
const std::string kCsrf = "services-output-csrf-token";
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

struct Multipart {
  std::vector<std::pair<std::string, std::string>> fields;
  std::vector<std::tuple<std::string, std::string, std::string>> files;  // name, file name, data
  std::string Body() const {
    std::string b = "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + kCsrf + "\r\n";
    for (const auto& [k, v] : fields) {
      b += "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"" + k + "\"\r\n\r\n" + v + "\r\n";
    }
    for (const auto& [k, name, data] : files) {
      b += "--BoUnDaRy\r\nContent-Disposition: form-data; name=\"" + k + "\"; filename=\"" + name +
           "\"\r\nContent-Type: application/pdf\r\n\r\n" + data + "\r\n";
    }
    return b + "--BoUnDaRy--\r\n";
  }
};

std::string InDays(int days) { return Date::FromUnix(std::time(nullptr) + days * 86400).ToString(); }

class ServicesOutputFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
    citizen_ = SignIn(server_->url(), "warga@demo.peduli.test", "peduli-demo-2026");
    officer_ = StaffSignIn(server_->url(), "petugas.kl@demo.peduli.test");
    other_ = StaffSignIn(server_->url(), "petugas.jeddah@demo.peduli.test");
    ASSERT_FALSE(citizen_.empty());
    ASSERT_FALSE(officer_.empty());
    ASSERT_FALSE(other_.empty());
  }

  void TearDown() override {
    if (HasFailure()) server_->PrintLog();
  }

  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const json& body = nullptr, const std::string& base = "") {
    std::vector<std::string> h = {kJson};
    if (!token.empty()) h.push_back("Authorization: Bearer " + token);
    return HttpCall(method, (base.empty() ? server_->url() : base) + path,
                    body.is_null() ? "" : body.dump(), h);
  }
  HttpResult Get(const std::string& path, const std::string& token) {
    std::vector<std::string> h;
    if (!token.empty()) h.push_back("Authorization: Bearer " + token);
    return HttpCall("GET", server_->url() + path, "", h);
  }
  HttpResult PostMultipart(const std::string& path, const std::string& token, const Multipart& m,
                           const std::string& base = "") {
    return HttpCall("POST", (base.empty() ? server_->url() : base) + path, m.Body(),
                    {"Content-Type: multipart/form-data; boundary=BoUnDaRy",
                     "Cookie: pw_csrf=" + kCsrf, "Authorization: Bearer " + token});
  }
  HttpResult PostForm(const std::string& path, const std::string& token, const std::string& form) {
    return HttpCall("POST", server_->url() + path, "_csrf=" + kCsrf + (form.empty() ? "" : "&" + form),
                    {"Content-Type: application/x-www-form-urlencoded", "Cookie: pw_csrf=" + kCsrf,
                     "Authorization: Bearer " + token});
  }
  int64_t Count(const std::string& sql) {
    auto lease = db_->db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }
  std::string Text(const std::string& sql) {
    auto lease = db_->db().Acquire();
    return (*lease)->QueryOne(sql)->Text(0);
  }
  Multipart Splp() {
    return {{{"service", "splp"}, {"field.travel_date", InDays(10)}, {"field.reason", "Paspor hilang"}},
            {{"doc.identity", "ktp.pdf", kPdf}, {"doc.photo", "foto.pdf", kPdf}}};
  }
  int64_t ReadySplp() {
    auto filed = PostMultipart("/api/v1/me/applications", citizen_, Splp());
    EXPECT_EQ(filed.status, 201) << filed.body;
    if (filed.status != 201) return 0;
    const int64_t id = json::parse(filed.body)["id"].get<int64_t>();
    for (const char* a : {"check", "process", "ready"}) {
      EXPECT_EQ(Call("POST", "/api/v1/applications/" + std::to_string(id) + "/actions", officer_,
                     {{"action", a}}).status, 200) << a;
    }
    return id;
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string citizen_, officer_, other_;
};

TEST_P(ServicesOutputFlow, SplpIssuedDownloadedVerifiedRevoked) {
  const int64_t id = ReadySplp();
  ASSERT_NE(id, 0);
  const std::string doc = "/api/v1/applications/" + std::to_string(id) + "/issued-document";
  EXPECT_EQ(Call("POST", doc, other_, json::object()).status, 404);
  auto issued = Call("POST", doc, officer_, json::object());
  ASSERT_EQ(issued.status, 201) << issued.body;
  auto j = json::parse(issued.body);
  const std::string year = InDays(0).substr(0, 4);
  EXPECT_EQ(j["number"], "SPLP/KBRI-KUALA-LUMPUR/" + year + "/000001");
  EXPECT_EQ(j["status"], "valid");
  EXPECT_EQ(j["journey_date"], InDays(10));
  EXPECT_EQ(Call("POST", doc, officer_, json::object()).status, 409);

  // The citizen downloads it (API and page); the PDF is real.
  auto pdf = Get("/api/v1/me/applications/" + std::to_string(id) + "/issued-document?format=pdf", citizen_);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
  auto page_pdf = Get("/layanan/saya/" + std::to_string(id) + "/terbit", citizen_);
  ASSERT_EQ(page_pdf.status, 200);
  EXPECT_EQ(page_pdf.body.rfind("%PDF-", 0), 0u);
  auto mine = Get("/layanan/saya/" + std::to_string(id), citizen_);
  EXPECT_NE(mine.body.find("SPLP/KBRI-KUALA-LUMPUR/"), std::string::npos);
  // Staff downloads are audited.
  EXPECT_EQ(Get(doc + "?format=pdf", officer_).status, 200);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'issued_document_read'"), 1);

  // /verify answers only the status, to anyone.
  const std::string code = Text("SELECT verify_code FROM issued_documents WHERE application_id = " + std::to_string(id));
  auto v = Get("/api/v1/verify/dokumen/" + code, "");
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(json::parse(v.body), (json{{"status", "valid"}}));
  auto vp = Get("/verify/dokumen/" + code, "");
  ASSERT_EQ(vp.status, 200);
  EXPECT_NE(vp.body.find("data-status=\"valid\""), std::string::npos);
  EXPECT_EQ(vp.body.find("SPLP/"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/verify/dokumen/" + std::string(32, 'a'), "").status, 404);

  // It cannot be extended.
  auto ext = Call("POST", doc + "/extend", officer_, json::object());
  EXPECT_EQ(ext.status, 409);
  EXPECT_NE(ext.body.find("SPLP tidak dapat diperpanjang"), std::string::npos) << ext.body;

  // Revoked by the mission's supervisor only, with a reason.
  EXPECT_EQ(Call("POST", doc + "/revoke", officer_, {{"reason", "x"}}).status, 403);
  const std::string supervisor = StaffSignIn(server_->url(), "supervisor.kl@demo.peduli.test");
  EXPECT_EQ(Call("POST", doc + "/revoke", supervisor, json::object()).status, 422);
  ASSERT_EQ(Call("POST", doc + "/revoke", supervisor, {{"reason", "Dilaporkan hilang"}}).status, 200);
  EXPECT_EQ(json::parse(Get("/api/v1/verify/dokumen/" + code, "").body)["status"], "revoked");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'issued_document_revoke'"), 1);
}

TEST_P(ServicesOutputFlow, DayListArrivalsAndWalkInNumbers) {
  const std::string day = InDays(2);
  auto slot = Call("POST", "/api/v1/missions/KBRI-KUALA-LUMPUR/slots", officer_,
                   {{"service", "splp"}, {"starts_at", day + "T10:00"}, {"capacity", "2"}});
  ASSERT_EQ(slot.status, 201) << slot.body;
  auto filed = PostMultipart("/api/v1/me/applications", citizen_, Splp());
  ASSERT_EQ(filed.status, 201);
  const int64_t id = json::parse(filed.body)["id"].get<int64_t>();
  ASSERT_EQ(Call("PUT", "/api/v1/me/applications/" + std::to_string(id) + "/appointment", citizen_,
                 {{"slot_id", std::to_string(json::parse(slot.body)["id"].get<int64_t>())}}).status, 200);
  const std::string list = "/api/v1/missions/KBRI-KUALA-LUMPUR/appointments?date=" + day;
  EXPECT_EQ(Call("GET", list, other_).status, 403);
  auto l = Call("GET", list, officer_);
  ASSERT_EQ(l.status, 200) << l.body;
  auto rows = json::parse(l.body)["appointments"];
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0]["local"].get<std::string>().substr(11, 5), "10:00");
  const int64_t appt = rows[0]["appointment_id"].get<int64_t>();
  EXPECT_EQ(Call("POST", "/api/v1/missions/KBRI-KUALA-LUMPUR/appointments/" + std::to_string(appt) + "/arrival",
                 other_, json::object()).status, 403);
  ASSERT_EQ(Call("POST", "/api/v1/missions/KBRI-KUALA-LUMPUR/appointments/" + std::to_string(appt) + "/arrival",
                 officer_, json::object()).status, 200);
  auto page = Get("/konsol/layanan/hari?tanggal=" + day, officer_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("class=\"arrived\""), std::string::npos);

  auto n1 = Call("POST", "/api/v1/missions/KBRI-KUALA-LUMPUR/queue-numbers", officer_, json::object());
  ASSERT_EQ(n1.status, 201) << n1.body;
  EXPECT_EQ(json::parse(n1.body)["number"], 1);
  EXPECT_EQ(Call("POST", "/api/v1/missions/KBRI-KUALA-LUMPUR/queue-numbers", other_, json::object()).status, 403);
  auto form = PostForm("/konsol/layanan/antrian", officer_, "service=splp");
  ASSERT_EQ(form.status, 303) << form.body;
  auto ticket = Get(form.headers["location"], officer_);
  ASSERT_EQ(ticket.status, 200);
  EXPECT_NE(ticket.body.find(">2</strong>"), std::string::npos);
}

TEST_P(ServicesOutputFlow, FormKeepsUploadedFilesAfterAFieldError) {
  Multipart first{{{"field.reason", "Paspor hilang"}},  // the travel date is missing
                  {{"doc.identity", "ktp-saya.pdf", kPdf}, {"doc.photo", "foto-saya.pdf", kPdf}}};
  auto shown = PostMultipart("/layanan/ajukan/splp", citizen_, first);
  ASSERT_EQ(shown.status, 422) << shown.body;
  EXPECT_NE(shown.body.find("ktp-saya.pdf"), std::string::npos);
  EXPECT_NE(shown.body.find("foto-saya.pdf"), std::string::npos);
  std::map<std::string, std::string> tokens;
  std::regex re("name=\"staged\\.([a-z_]+)\" value=\"([a-z2-7]+)\"");
  for (std::sregex_iterator it(shown.body.begin(), shown.body.end(), re), end; it != end; ++it) {
    tokens[(*it)[1]] = (*it)[2];
  }
  ASSERT_EQ(tokens.size(), 2u);
  Multipart second{{{"field.reason", "Paspor hilang"}, {"field.travel_date", InDays(10)},
                    {"staged.identity", tokens["identity"]}, {"staged.photo", tokens["photo"]}},
                   {}};
  auto done = PostMultipart("/layanan/ajukan/splp", citizen_, second);
  ASSERT_EQ(done.status, 303) << done.body;
  const std::string loc = done.headers["location"];
  const int64_t id = std::stoll(loc.substr(std::string("/layanan/saya/").size()));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_documents WHERE application_id = " + std::to_string(id)), 2);
  // A token is no good to anyone else (nor a made-up one).
  Multipart forged = second;
  forged.fields[2].second = std::string(32, 'a');
  auto refused = PostMultipart("/layanan/ajukan/splp", citizen_, forged);
  EXPECT_EQ(refused.status, 422);
}

TEST_P(ServicesOutputFlow, MigrantWorkerWaiverNeedsAnOpenCase) {
  auto filed = PostMultipart("/api/v1/me/applications", citizen_, Splp());
  ASSERT_EQ(filed.status, 201);
  const std::string pay = "/api/v1/applications/" + json::parse(filed.body)["id"].dump() + "/payment";
  const json waiver = {{"kind", "waiver"}, {"waiver_reason", "pmi_protection_case"}, {"note", "PMI"}};
  auto refused = Call("POST", pay, officer_, waiver);
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("kasus pelindungan"), std::string::npos) << refused.body;
  ASSERT_EQ(Call("POST", "/api/v1/me/cases", citizen_,
                 {{"category", "wage"}, {"summary", "Gaji belum dibayar"}}).status, 201);
  auto ok = Call("POST", pay, officer_, waiver);
  EXPECT_EQ(ok.status, 201) << ok.body;
}

TEST_P(ServicesOutputFlow, DailyQuotaHoldsThroughTwoServers) {
  ServerProcess second(MakeTempDir(), db_->url());
  const std::string supervisor = StaffSignIn(server_->url(), "supervisor.kl@demo.peduli.test");
  ASSERT_EQ(Call("PUT", "/api/v1/missions/KBRI-KUALA-LUMPUR/services/splp", supervisor,
                 {{"offered", true}, {"daily_quota", 2}}).status, 200);
  constexpr int kClients = 6;
  std::atomic<int> ok{0}, full{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto r = PostMultipart("/api/v1/me/applications", citizen_, Splp(), i % 2 ? second.url() : "");
      if (r.status == 201) ++ok;
      else if (r.status == 409) ++full;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 2);
  EXPECT_EQ(full.load(), kClients - 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications WHERE service_code = 'splp'"), 2);
}

TEST_P(ServicesOutputFlow, StaffReadsCarryTheSessionsPurpose) {
  auto filed = PostMultipart("/api/v1/me/applications", citizen_, Splp());
  ASSERT_EQ(filed.status, 201);
  const std::string app = "/api/v1/applications/" + json::parse(filed.body)["id"].dump();
  ASSERT_EQ(Call("PUT", "/api/v1/sessions/current/purpose", officer_, {{"purpose", "pelindungan"}}).status, 200);
  ASSERT_EQ(Call("GET", app, officer_).status, 200);
  EXPECT_EQ(Text("SELECT purpose FROM audit_log WHERE action = 'application_read' ORDER BY id DESC LIMIT 1"),
            "pelindungan");
  ASSERT_EQ(Call("GET", app, other_).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServicesOutputFlow, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace peduli::testing
