// Staff sign-in with the TOTP second factor and staff account management, through the real
// server process on every backend: the JSON API and the web pages, a new account from the
// admin's form to its first session, scoping of supervisors, disabling, and the audit log.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "demo/seed.h"
#include "http/message.h"
#include "modules/accounts/totp.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kForm = "Content-Type: application/x-www-form-urlencoded";
const char* kOfficer = "petugas.kl@demo.peduli.test";

// A browser without JavaScript: keeps cookies, posts forms with the CSRF token.
class Browser {
 public:
  explicit Browser(std::string base) : base_(std::move(base)) {}

  HttpResult Get(const std::string& path) { return Keep(HttpCall("GET", base_ + path, "", Headers(false))); }
  HttpResult Post(const std::string& path, std::map<std::string, std::string> form) {
    if (!cookies_.count("pw_csrf") && !cookies_.count("pw_session")) Get("/masuk");
    std::string body = "_csrf=" + http::UrlEncode(csrf_);
    for (const auto& [k, v] : form) body += "&" + k + "=" + http::UrlEncode(v);
    return Keep(HttpCall("POST", base_ + path, body, Headers(true)));
  }
  void SetCookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
  bool Has(const std::string& name) const { return cookies_.count(name) > 0; }
  std::string csrf_;

 private:
  std::vector<std::string> Headers(bool form) {
    std::string c;
    for (const auto& [k, v] : cookies_) c += (c.empty() ? "" : "; ") + k + "=" + v;
    std::vector<std::string> h;
    if (!c.empty()) h.push_back("Cookie: " + c);
    if (form) h.push_back(kForm);
    return h;
  }
  HttpResult Keep(HttpResult r) {
    for (const auto& sc : r.set_cookies) {
      auto eq = sc.find('='), semi = sc.find(';');
      std::string name = sc.substr(0, eq), value = sc.substr(eq + 1, semi - eq - 1);
      if (sc.find("Max-Age=0") != std::string::npos || value.empty()) {
        cookies_.erase(name);
      } else {
        cookies_[name] = value;
      }
      if (name == "pw_csrf") csrf_ = value;
    }
    // A signed-in page carries the session's own CSRF token.
    std::smatch m;
    static const std::regex kCsrf(R"(name="_csrf" value="([^"]+)\")");
    if (std::regex_search(r.body, m, kCsrf)) csrf_ = m[1];
    return r;
  }
  std::string base_;
  std::map<std::string, std::string> cookies_;
};

class StaffAccountsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
  }
  void TearDown() override {
    if (HasFailure()) server_->PrintLog();
  }
  HttpResult Api(const std::string& method, const std::string& path, const json& body,
                 const std::string& token = "") {
    return server_->Json(method, path, token, body.is_null() ? "" : body.dump());
  }
  std::vector<std::string> AuditActions(int64_t account_id) {
    auto lease = db_->db().Acquire();
    auto rows = (*lease)->Query(
        "SELECT action, ip, request_id FROM audit_log WHERE actor_account_id = $1 ORDER BY id",
        {account_id});
    std::vector<std::string> out;
    for (const auto& r : *rows) {
      EXPECT_FALSE(r.Text(1).empty());
      EXPECT_FALSE(r.Text(2).empty());
      out.push_back(r.Text(0));
    }
    return out;
  }
  int64_t AccountId(const std::string& email) {
    auto lease = db_->db().Acquire();
    return (*lease)->QueryOne("SELECT id FROM accounts WHERE email = $1", {email})->Int(0);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(StaffAccountsFlow, ApiSignInWithTotp) {
  // Citizens: a token straight away, nothing in the audit log.
  auto c = Api("POST", "/api/v1/sessions", {{"email", "warga@demo.peduli.test"}, {"password", "peduli-demo-2026"}});
  ASSERT_EQ(c.status, 201);
  EXPECT_TRUE(json::parse(c.body).contains("token"));
  EXPECT_TRUE(AuditActions(AccountId("warga@demo.peduli.test")).empty());

  // Staff: no session from the password alone.
  auto first = Api("POST", "/api/v1/sessions", {{"email", kOfficer}, {"password", "peduli-demo-2026"}});
  ASSERT_EQ(first.status, 200) << first.body;
  json j = json::parse(first.body);
  EXPECT_EQ(j["second_factor"], "required");
  EXPECT_FALSE(j.contains("token"));
  const std::string pending = j["pending_token"];
  EXPECT_EQ(Api("POST", "/api/v1/sessions/second-factor", {{"pending_token", pending}, {"code", "000000"}}).status, 401);
  const std::string code = NextTotpCode(kOfficer, demo::kDemoTotpSecret);
  auto done = Api("POST", "/api/v1/sessions/second-factor", {{"pending_token", pending}, {"code", code}});
  ASSERT_EQ(done.status, 201) << done.body;
  const std::string token = json::parse(done.body)["token"];
  EXPECT_EQ(Api("GET", "/api/v1/verification/attention", nullptr, token).status, 200);
  // The same code once more: refused (replay).
  auto again = Api("POST", "/api/v1/sessions", {{"email", kOfficer}, {"password", "peduli-demo-2026"}});
  EXPECT_EQ(Api("POST", "/api/v1/sessions/second-factor",
                {{"pending_token", json::parse(again.body)["pending_token"]}, {"code", code}}).status, 401);
  EXPECT_EQ(Api("POST", "/api/v1/sessions", {{"email", kOfficer}, {"password", "salah-sekali-123"}}).status, 401);

  auto actions = AuditActions(AccountId(kOfficer));
  auto count = [&](const std::string& a) { return std::count(actions.begin(), actions.end(), a); };
  EXPECT_EQ(count("sign_in"), 1);
  EXPECT_EQ(count("sign_in_wrong_code"), 2);
  EXPECT_EQ(count("sign_in_wrong_password"), 1);
}

TEST_P(StaffAccountsFlow, WebSignInWithCodeInBothLanguages) {
  Browser b(server_->url());
  auto r = b.Post("/masuk", {{"email", kOfficer}, {"password", "peduli-demo-2026"}});
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.headers["location"].rfind("/masuk/kode", 0), 0u);
  EXPECT_FALSE(b.Has("pw_session"));
  ASSERT_TRUE(b.Has("pw_pending"));
  EXPECT_EQ(b.Get("/masuk/kode").status, 200);
  auto wrong = b.Post("/masuk/kode", {{"code", "000000"}, {"next", "/konsol"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Kode salah atau sudah dipakai."), std::string::npos);
  b.SetCookie("pw_lang", "en");
  wrong = b.Post("/masuk/kode", {{"code", "000000"}, {"next", "/konsol"}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Wrong or already used code."), std::string::npos);
  auto ok = b.Post("/masuk/kode", {{"code", NextTotpCode(kOfficer, demo::kDemoTotpSecret)},
                                   {"next", "/api/v1/verification/attention"}});
  ASSERT_EQ(ok.status, 303) << ok.body;
  EXPECT_EQ(ok.headers["location"], "/api/v1/verification/attention");
  EXPECT_TRUE(b.Has("pw_session"));
  EXPECT_FALSE(b.Has("pw_pending"));
  EXPECT_EQ(b.Get("/api/v1/verification/attention").status, 200);

  // Without a pending sign-in the code page sends back to the password.
  Browser other(server_->url());
  EXPECT_EQ(other.Post("/masuk/kode", {{"code", "123456"}}).status, 401);
}

TEST_P(StaffAccountsFlow, NewStaffAccountFromCreationToSession) {
  const std::string admin = StaffSignIn(server_->url(), demo::kDemoHqAdmin);
  ASSERT_FALSE(admin.empty());
  auto created = Api("POST", "/api/v1/staff",
                     {{"name", "Petugas Baru"}, {"email", "baru.kl@kemlu.test"}, {"role", "officer"},
                      {"mission_code", "KBRI-KUALA-LUMPUR"}}, admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const int64_t id = json::parse(created.body)["id"];
  const std::string mail = server_->LatestMail();
  ASSERT_NE(mail.find("/atur-kata-sandi?token="), std::string::npos);
  const std::string link_token = TokenFromText(mail);

  Browser b(server_->url());
  EXPECT_EQ(b.Get("/atur-kata-sandi?token=" + link_token).status, 200);
  EXPECT_EQ(b.Post("/atur-kata-sandi", {{"token", link_token}, {"password", "pendek"}}).status, 422);
  ASSERT_EQ(b.Post("/atur-kata-sandi", {{"token", link_token}, {"password", "sandi-petugas-baru"}}).status, 200);
  EXPECT_EQ(b.Post("/atur-kata-sandi", {{"token", link_token}, {"password", "sandi-lain-lagi-x"}}).status, 422);

  auto r = b.Post("/masuk", {{"email", "baru.kl@kemlu.test"}, {"password", "sandi-petugas-baru"}});
  ASSERT_EQ(r.status, 303);
  EXPECT_EQ(r.headers["location"].rfind("/masuk/aktivasi", 0), 0u);
  auto page = b.Get("/masuk/aktivasi");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  std::smatch m;
  std::regex secret_re(R"(<code class="secret">([A-Z2-7 ]+)</code>)");
  ASSERT_TRUE(std::regex_search(page.body, m, secret_re));
  std::string secret = m[1];
  std::erase(secret, ' ');
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_EQ(b.Post("/masuk/aktivasi", {{"code", "000000"}}).status, 422);
  auto enrolled = b.Post("/masuk/aktivasi", {{"code", NextTotpCode("baru.kl@kemlu.test", secret)}});
  ASSERT_EQ(enrolled.status, 200) << enrolled.body;
  std::regex code_re(R"(<li><code>([a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{2})</code></li>)");
  std::vector<std::string> recovery;
  for (auto it = std::sregex_iterator(enrolled.body.begin(), enrolled.body.end(), code_re);
       it != std::sregex_iterator(); ++it) {
    recovery.push_back((*it)[1]);
  }
  ASSERT_EQ(recovery.size(), 10u);
  EXPECT_TRUE(b.Has("pw_session"));
  EXPECT_EQ(b.Get("/api/v1/verification/attention").status, 200);

  // A recovery code works once in place of the code.
  auto sign_in = [&](const std::string& code) {
    auto p = Api("POST", "/api/v1/sessions", {{"email", "baru.kl@kemlu.test"}, {"password", "sandi-petugas-baru"}});
    return Api("POST", "/api/v1/sessions/second-factor",
               {{"pending_token", json::parse(p.body)["pending_token"]}, {"code", code}});
  };
  auto rec = sign_in(recovery[0]);
  ASSERT_EQ(rec.status, 201);
  const std::string live = json::parse(rec.body)["token"];
  EXPECT_EQ(sign_in(recovery[0]).status, 401);

  // The list shows it enrolled; a reset makes the next sign-in enrol again.
  auto list = json::parse(Api("GET", "/api/v1/staff?mission_code=KBRI-KUALA-LUMPUR", nullptr, admin).body);
  bool seen = false;
  for (const auto& s : list["staff"]) {
    if (s["id"] == id) {
      seen = true;
      EXPECT_EQ(s["state"], "active");
      EXPECT_EQ(s["second_factor"], true);
    }
  }
  EXPECT_TRUE(seen);
  ASSERT_EQ(Api("POST", "/api/v1/staff/" + std::to_string(id) + "/reset-second-factor", json::object(), admin).status, 200);
  auto p = Api("POST", "/api/v1/sessions", {{"email", "baru.kl@kemlu.test"}, {"password", "sandi-petugas-baru"}});
  EXPECT_EQ(json::parse(p.body)["second_factor"], "enrol");

  // Disabling ends the live session at once and refuses sign-in.
  EXPECT_EQ(Api("GET", "/api/v1/verification/attention", nullptr, live).status, 200);
  ASSERT_EQ(Api("POST", "/api/v1/staff/" + std::to_string(id) + "/disable", json::object(), admin).status, 200);
  EXPECT_EQ(Api("GET", "/api/v1/verification/attention", nullptr, live).status, 401);
  EXPECT_EQ(Api("POST", "/api/v1/sessions", {{"email", "baru.kl@kemlu.test"}, {"password", "sandi-petugas-baru"}}).status, 403);
  auto admin_actions = AuditActions(AccountId(demo::kDemoHqAdmin));
  for (const char* a : {"staff_create", "staff_reset_second_factor", "staff_disable"}) {
    EXPECT_NE(std::find(admin_actions.begin(), admin_actions.end(), a), admin_actions.end()) << a;
  }
}

TEST_P(StaffAccountsFlow, SupervisorManagesOfficersOfTheirMissionOnly) {
  const std::string sup = StaffSignIn(server_->url(), demo::kDemoSupervisorKl);
  ASSERT_FALSE(sup.empty());
  auto create = [&](const std::string& role, const std::string& mission) {
    return Api("POST", "/api/v1/staff", {{"name", "X"}, {"email", role + "." + mission + "@kemlu.test"},
                                         {"role", role}, {"mission_code", mission}}, sup).status;
  };
  EXPECT_EQ(create("supervisor", "KBRI-KUALA-LUMPUR"), 403);
  EXPECT_EQ(create("officer", "KJRI-JEDDAH"), 403);
  EXPECT_EQ(create("officer", "KBRI-KUALA-LUMPUR"), 201);
  auto list = json::parse(Api("GET", "/api/v1/staff", nullptr, sup).body);
  ASSERT_FALSE(list["staff"].empty());
  for (const auto& s : list["staff"]) EXPECT_EQ(s["mission_code"], "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(Api("GET", "/api/v1/staff?mission_code=KJRI-JEDDAH", nullptr, sup).status, 403);
  const int64_t jeddah = AccountId(demo::kDemoOfficerJeddah);
  EXPECT_EQ(Api("POST", "/api/v1/staff/" + std::to_string(jeddah) + "/disable", json::object(), sup).status, 404);
  // The web page shows the same scope.
  Browser b(server_->url());
  b.SetCookie("pw_session", sup);
  auto page = b.Get("/admin/staf");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("petugas.jeddah"), std::string::npos);
  EXPECT_NE(page.body.find("petugas.kl"), std::string::npos);
  // Disabling from the page: the officer the supervisor created.
  const int64_t created = AccountId("officer.kbri-kuala-lumpur@kemlu.test");
  auto disabled = b.Post("/admin/staf/" + std::to_string(created) + "/nonaktifkan", {});
  EXPECT_EQ(disabled.status, 200);
  EXPECT_NE(disabled.body.find("Akun dinonaktifkan"), std::string::npos);
  EXPECT_EQ(b.Post("/admin/staf/" + std::to_string(jeddah) + "/nonaktifkan", {}).status, 404);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffAccountsFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
