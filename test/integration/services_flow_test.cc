// Consular services through the real server process on every backend: the demo citizen of
// KBRI Kuala Lumpur files a passport renewal with documents (multipart), a disguised
// executable is refused, the mission's officer moves it on while another mission learns
// nothing, every staff read is audited, and clients racing through two servers for the last
// places of a slot never overbook it.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/date.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kJson = "Content-Type: application/json";
const std::string kCsrf = "services-flow-csrf-token";
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

class ServicesFlow : public ::testing::TestWithParam<std::string> {
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
  HttpResult PostMultipart(const std::string& path, const std::string& token, const Multipart& m) {
    return HttpCall("POST", server_->url() + path, m.Body(),
                    {"Content-Type: multipart/form-data; boundary=BoUnDaRy",
                     "Cookie: pw_csrf=" + kCsrf, "Authorization: Bearer " + token});
  }
  Multipart Renewal() {
    return {{{"service", "paspor-perpanjangan"}, {"field.reason", "Paspor penuh"}},
            {{"doc.passport", "paspor.pdf", kPdf}, {"doc.ktp_or_kk", "ktp.pdf", kPdf},
             {"doc.photo", "foto.pdf", kPdf}}};
  }
  int64_t Count(const std::string& sql) {
    auto lease = db_->db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string citizen_, officer_, other_;
};

TEST_P(ServicesFlow, FileCheckAndFollow) {
  auto catalog = Call("GET", "/api/v1/services", "");
  ASSERT_EQ(catalog.status, 200);
  EXPECT_EQ(json::parse(catalog.body)["services"].size(), 13u);
  auto page = Call("GET", "/layanan", "");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Surat Perjalanan Laksana Paspor"), std::string::npos);

  // An executable named paspor.pdf and declared as a PDF is refused by its content.
  Multipart bad = Renewal();
  std::get<2>(bad.files[0]) = std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(300, '\0');
  auto refused = PostMultipart("/api/v1/me/applications", citizen_, bad);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("doc.passport"), std::string::npos);

  auto filed = PostMultipart("/api/v1/me/applications", citizen_, Renewal());
  ASSERT_EQ(filed.status, 201) << filed.body;
  const int64_t id = json::parse(filed.body)["id"].get<int64_t>();
  const std::string app = "/api/v1/applications/" + std::to_string(id);

  auto queue = Call("GET", "/api/v1/missions/KBRI-KUALA-LUMPUR/applications", officer_);
  ASSERT_EQ(queue.status, 200) << queue.body;
  auto list = json::parse(queue.body)["applications"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["rag"], "green");
  EXPECT_EQ(Call("GET", "/api/v1/missions/KBRI-KUALA-LUMPUR/applications", other_).status, 403);
  EXPECT_EQ(Call("GET", app, other_).status, 404);
  EXPECT_EQ(Call("POST", app + "/actions", other_, {{"action", "check"}}).status, 404);

  auto view = Call("GET", app, officer_);
  ASSERT_EQ(view.status, 200);
  const auto docs = json::parse(view.body)["documents"];
  ASSERT_EQ(docs.size(), 3u);
  auto file = Call("GET", app + "/documents/" + std::to_string(docs[0]["id"].get<int64_t>()), officer_);
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, kPdf);
  EXPECT_EQ(file.headers["content-type"], "application/pdf");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'application_document_read'"), 1);

  EXPECT_EQ(Call("POST", app + "/actions", officer_, {{"action", "ready"}}).status, 409);
  ASSERT_EQ(Call("POST", app + "/actions", officer_, {{"action", "request_correction"},
                                                       {"note", "Foto kurang jelas"}}).status, 200);
  Multipart fix{{{"note", "Foto baru"}}, {{"doc.photo", "foto2.pdf", kPdf + "%"}}};
  ASSERT_EQ(PostMultipart("/api/v1/me/applications/" + std::to_string(id) + "/resubmit", citizen_, fix).status, 200);
  for (const char* a : {"check", "process", "ready"}) {
    ASSERT_EQ(Call("POST", app + "/actions", officer_, {{"action", a}}).status, 200) << a;
  }
  auto mine = Call("GET", "/api/v1/me/applications/" + std::to_string(id), citizen_);
  ASSERT_EQ(mine.status, 200);
  auto j = json::parse(mine.body);
  EXPECT_EQ(j["state"], "ready");
  EXPECT_EQ(j["actions"].size(), 6u);
  EXPECT_FALSE(j["actions"][0].contains("actor_account_id"));  // the citizen sees roles only
  auto timeline = Call("GET", "/layanan/saya/" + std::to_string(id), citizen_);
  EXPECT_EQ(timeline.status, 200);
  EXPECT_NE(timeline.body.find("Siap diambil"), std::string::npos);
  EXPECT_NE(timeline.body.find("Foto kurang jelas"), std::string::npos);
  // Each change is mailed through the outbox (within the sender's 5 s interval) and is in
  // the inbox.
  auto inbox = Call("GET", "/api/v1/me/application-messages", citizen_);
  ASSERT_EQ(inbox.status, 200);
  EXPECT_EQ(json::parse(inbox.body)["messages"].size(), 6u);
  // (Their wording is checked in test/modules/services; here that all six leave the server.)
  for (int i = 0; i < 100 && server_->MailCount() < 6; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(server_->MailCount(), 6u);
}

TEST_P(ServicesFlow, RaceForTheLastPlacesThroughTwoServers) {
  ServerProcess second(MakeTempDir(), db_->url());
  // A slot the day after tomorrow at 10:00 in Kuala Lumpur, with 2 places.
  const std::string day = Date::FromUnix(std::time(nullptr) + 2 * 86400).ToString();
  auto slot = Call("POST", "/api/v1/missions/KBRI-KUALA-LUMPUR/slots", officer_,
                   {{"service", "paspor-perpanjangan"}, {"starts_at", day + "T10:00"}, {"capacity", "2"}});
  ASSERT_EQ(slot.status, 201) << slot.body;
  const int64_t slot_id = json::parse(slot.body)["id"].get<int64_t>();
  constexpr int kClients = 6;
  std::vector<int64_t> apps;
  for (int i = 0; i < kClients; ++i) {
    auto r = PostMultipart("/api/v1/me/applications", citizen_, Renewal());
    ASSERT_EQ(r.status, 201) << r.body;
    apps.push_back(json::parse(r.body)["id"].get<int64_t>());
  }
  std::atomic<int> ok{0}, full{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto r = Call("PUT", "/api/v1/me/applications/" + std::to_string(apps[i]) + "/appointment",
                    citizen_, {{"slot_id", std::to_string(slot_id)}},
                    i % 2 ? second.url() : server_->url());
      if (r.status == 200) ++ok;
      else if (r.status == 409) ++full;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 2);
  EXPECT_EQ(full.load(), kClients - 2);
  EXPECT_EQ(Count("SELECT booked FROM appointment_slots WHERE id = " + std::to_string(slot_id)), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments WHERE status = 'booked'"), 2);
  auto slots = Call("GET", "/api/v1/missions/KBRI-KUALA-LUMPUR/slots?service=paspor-perpanjangan", "");
  ASSERT_EQ(slots.status, 200);
  EXPECT_EQ(json::parse(slots.body)["slots"][0]["available"], 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServicesFlow, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace peduli::testing
