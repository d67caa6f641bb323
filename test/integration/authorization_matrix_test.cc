// Every route of the running server (read from its own OpenAPI document, which the router
// generates) against every role, own mission and another, and without a session. A route
// without an entry in the table below fails the test.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "modules/registry/codec.h"
#include "support/server_process.h"
#include "support/sim_process.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

enum class Rule {
  kPublic,        // anyone
  kSignIn,        // anyone; wrong credentials are a 401 answer, not a refusal to serve
  kSignedIn,      // any session
  kCitizen,       // a citizen's own data
  kStaffCitizen,  // one citizen: staff of that citizen's mission and HQ; others learn nothing (404)
  kStaffList,     // a list scoped to the actor: officers and HQ
  kDpo,           // the audit log
};

const std::map<std::string, Rule>& Table() {
  static const std::map<std::string, Rule> t = {
      {"GET /", Rule::kPublic},
      {"POST /api/v1/accounts", Rule::kPublic},
      {"POST /api/v1/accounts/verify", Rule::kPublic},
      {"GET /api/v1/audit", Rule::kDpo},
      {"GET /api/v1/audit.csv", Rule::kDpo},
      {"GET /api/v1/audit/verify", Rule::kDpo},
      {"GET /api/v1/citizens", Rule::kStaffList},
      {"GET /api/v1/citizens/{id}/verification", Rule::kStaffCitizen},
      {"POST /api/v1/citizens/{id}/verification", Rule::kStaffCitizen},
      {"DELETE /api/v1/me", Rule::kCitizen},
      {"GET /api/v1/me/export", Rule::kCitizen},
      {"GET /api/v1/me/lapor-diri", Rule::kCitizen},
      {"PUT /api/v1/me/lapor-diri", Rule::kCitizen},
      {"GET /api/v1/me/lapor-diri/receipt.pdf", Rule::kCitizen},
      {"POST /api/v1/me/lapor-diri/return", Rule::kCitizen},
      {"GET /api/v1/me/record-access", Rule::kCitizen},
      {"GET /api/v1/openapi.json", Rule::kPublic},
      {"POST /api/v1/sessions", Rule::kSignIn},
      {"DELETE /api/v1/sessions/current", Rule::kSignedIn},
      {"GET /api/v1/verification/attention", Rule::kStaffList},
      {"GET /api/v1/verify/{code}", Rule::kPublic},
      {"GET /beranda", Rule::kCitizen},
      {"GET /daftar", Rule::kPublic},
      {"POST /daftar", Rule::kPublic},
      {"GET /hapus-akun", Rule::kCitizen},
      {"POST /hapus-akun", Rule::kCitizen},
      {"GET /healthz", Rule::kPublic},
      {"POST /keluar", Rule::kSignedIn},
      {"GET /kembali", Rule::kCitizen},
      {"POST /kembali", Rule::kCitizen},
      {"GET /lapor-diri", Rule::kCitizen},
      {"GET /lapor-diri-selesai", Rule::kCitizen},
      {"GET /lapor-diri/{step}", Rule::kCitizen},
      {"POST /lapor-diri/{step}", Rule::kCitizen},
      {"GET /masuk", Rule::kPublic},
      {"POST /masuk", Rule::kSignIn},
      {"GET /metrics", Rule::kPublic},
      {"GET /verify-email", Rule::kPublic},
      {"POST /verify-email/resend", Rule::kPublic},
      {"GET /verify/{code}", Rule::kPublic},
  };
  return t;
}

// Who calls. "officer" is KBRI Kuala Lumpur's, where the test citizen lives.
enum class Who { kAnonymous, kCitizen, kOfficer, kOtherOfficer, kHq, kDpo };
const char* Name(Who w) {
  switch (w) {
    case Who::kAnonymous: return "anonymous";
    case Who::kCitizen: return "citizen";
    case Who::kOfficer: return "officer of the citizen's mission";
    case Who::kOtherOfficer: return "officer of another mission";
    case Who::kHq: return "hq";
    case Who::kDpo: return "dpo";
  }
  return "";
}

enum class Expect { kAllowed, kDenied, kHidden };  // hidden: 404, existence not revealed

Expect Expected(Rule rule, Who who) {
  const bool anon = who == Who::kAnonymous;
  switch (rule) {
    case Rule::kPublic:
    case Rule::kSignIn: return Expect::kAllowed;
    case Rule::kSignedIn: return anon ? Expect::kDenied : Expect::kAllowed;
    case Rule::kCitizen: return who == Who::kCitizen ? Expect::kAllowed : Expect::kDenied;
    case Rule::kStaffCitizen:
      if (anon) return Expect::kDenied;
      return who == Who::kOfficer || who == Who::kHq ? Expect::kAllowed : Expect::kHidden;
    case Rule::kStaffList:
      return who == Who::kOfficer || who == Who::kOtherOfficer || who == Who::kHq
                 ? Expect::kAllowed : Expect::kDenied;
    case Rule::kDpo: return who == Who::kDpo ? Expect::kAllowed : Expect::kDenied;
  }
  return Expect::kDenied;
}

TEST(AuthorizationMatrix, EveryRouteEveryRole) {
  TestDatabase db("sqlite", 2);
  ServerProcess server(db.dir(), db.url(), {"--demo"});
  const char* kJson = "Content-Type: application/json";
  auto sign_in = [&](const std::string& email, const std::string& password) {
    auto s = HttpCall("POST", server.url() + "/api/v1/sessions",
                      json{{"email", email}, {"password", password}}.dump(), {kJson});
    return json::parse(s.body).value("token", "");
  };
  // A citizen of KBRI Kuala Lumpur, with a record.
  auto new_citizen = [&](const std::string& email) {
    HttpCall("POST", server.url() + "/api/v1/accounts",
             json{{"email", email}, {"password", "rahasia-sekali-123"}, {"name", "M"}}.dump(), {kJson});
    HttpCall("POST", server.url() + "/api/v1/accounts/verify",
             json{{"token", TokenFromText(server.LatestMail())}}.dump(), {kJson});
    return sign_in(email, "rahasia-sekali-123");
  };
  const std::string citizen = new_citizen("matrix@example.test");
  json person = registry::ToJson(TestPopulation().Person(8001));
  person["stay"]["country"] = "MY";
  person["stay"]["subdivision"] = "MY-10";
  person["stay"]["city"] = "Shah Alam";
  person["stay"]["phone"] = "+60 12-345 6789";
  ASSERT_EQ(HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                     {kJson, "Authorization: Bearer " + citizen}).status, 201);
  auto lease = db.db().Acquire();
  const int64_t citizen_id = (*lease)->QueryOne(
      "SELECT c.id FROM citizens c JOIN accounts a ON a.id = c.account_id WHERE a.email = 'matrix@example.test'")->Int(0);

  std::map<Who, std::function<std::string()>> token = {
      {Who::kAnonymous, [] { return std::string(); }},
      {Who::kCitizen, [&] { return sign_in("matrix@example.test", "rahasia-sekali-123"); }},
      {Who::kOfficer, [&] { return sign_in("petugas.kl@demo.peduli.test", "peduli-demo-2026"); }},
      {Who::kOtherOfficer, [&] { return sign_in("petugas.jeddah@demo.peduli.test", "peduli-demo-2026"); }},
      {Who::kHq, [&] { return sign_in("hq@demo.peduli.test", "peduli-demo-2026"); }},
      {Who::kDpo, [&] { return sign_in("dpo@demo.peduli.test", "peduli-demo-2026"); }},
  };

  json doc = json::parse(HttpCall("GET", server.url() + "/api/v1/openapi.json").body);
  int checked = 0;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method_lower, op] : ops.items()) {
      std::string method = method_lower;
      for (auto& ch : method) ch = static_cast<char>(std::toupper(ch));
      const std::string key = method + " " + path;
      auto rule = Table().find(key);
      ASSERT_NE(rule, Table().end()) << key << " has no entry in the authorization table";
      std::string url = path;
      auto fill = [&](const std::string& param, const std::string& value) {
        auto p = url.find("{" + param + "}");
        if (p != std::string::npos) url.replace(p, param.size() + 2, value);
      };
      fill("id", std::to_string(citizen_id));
      fill("step", "identitas");
      fill("code", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
      for (Who who : {Who::kAnonymous, Who::kCitizen, Who::kOfficer, Who::kOtherOfficer, Who::kHq, Who::kDpo}) {
        // Deleting the account is tried only where it must be refused.
        if (key == "DELETE /api/v1/me" && who == Who::kCitizen) continue;
        std::vector<std::string> headers = {kJson};
        std::string t = token[who]();  // a fresh session each time: some routes end it
        if (!t.empty()) headers.push_back("Authorization: Bearer " + t);
        auto r = HttpCall(method, server.url() + url, method == "GET" ? "" : "{}", headers);
        const bool to_sign_in = r.status == 303 && r.headers["location"].rfind("/masuk", 0) == 0;
        const bool denied = (r.status == 401 && rule->second != Rule::kSignIn) ||
                            r.status == 403 || to_sign_in;
        const Expect want = Expected(rule->second, who);
        SCOPED_TRACE(key + " as " + Name(who) + ": " + std::to_string(r.status));
        if (want == Expect::kAllowed) {
          EXPECT_FALSE(denied);
          EXPECT_NE(r.status, 0);
        } else if (want == Expect::kHidden) {
          EXPECT_EQ(r.status, 404);
        } else {
          EXPECT_TRUE(denied);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Table().size()) * 6 - 1);
  // The citizen can still delete their own account.
  const std::string gone = new_citizen("matrix-delete@example.test");
  EXPECT_EQ(HttpCall("DELETE", server.url() + "/api/v1/me", "", {"Authorization: Bearer " + gone}).status, 200);
}

}  // namespace
}  // namespace peduli::testing
