// The whole citizen path through the real server process, on every backend:
// register -> verify email from the Maildir -> Lapor Diri -> receipt PDF -> verify page ->
// move -> return -> export, and the 409 for a second account with the same NIK.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "support/server_process.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kJson = "Content-Type: application/json";

json LaporDiri(const std::string& nik, const std::string& name) {
  return json::parse(R"({
    "identity": {"nik": "", "full_name": "", "birth_place": "Bandung",
      "birth_date": "1990-08-01", "sex": "P", "marital_status": "kawin",
      "occupation": "Pekerja rumah tangga", "education": "sma", "origin_regency": "32.73"},
    "passport": {"number": "C1234567", "issue_date": "2022-01-10", "expiry_date": "2032-01-09",
      "office": "Kantor Imigrasi Kelas I Bandung"},
    "stay": {"country": "MY", "subdivision": "MY-12", "city": "Tawau",
      "address": "Jalan Kuhara, Lorong 3 No. 12", "phone": "012-345 6789",
      "arrival_date": "2023-05-01", "expected_end_date": "2027-05-01", "category": "pmi",
      "pmi": {"employer_name": "Tan Ah Kow", "employer_address": "Jalan Dunlop, Tawau",
        "sector": "informal", "agency": "PT Maju Jaya", "contract_end_date": "2027-05-01"}},
    "family": [{"name": "Putri", "relation": "child", "birth_date": "2016-02-29", "nik": ""}],
    "emergency_contact": {"name": "Siti Aminah", "relation": "ibu", "phone": "0812-3456-7890"}
  })")
      .patch(json::array({{{"op", "replace"}, {"path", "/identity/nik"}, {"value", nik}},
                          {{"op", "replace"}, {"path", "/identity/full_name"}, {"value", name}}}));
}

class LaporDiriFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url());
  }

  void TearDown() override {
    if (HasFailure()) server_->PrintLog();  // the server's own account of what went wrong
  }

  std::string Url(const std::string& path) const { return server_->url() + path; }

  HttpResult Post(const std::string& path, const json& body, const std::string& token = "") {
    return server_->Json("POST", path, token, body.dump());
  }
  HttpResult Call(const std::string& method, const std::string& path, const std::string& token,
                  const json& body = nullptr) {
    std::vector<std::string> h = {kJson, "Authorization: Bearer " + token};
    return HttpCall(method, Url(path), body.is_null() ? "" : body.dump(), h);
  }

  // Registers, verifies through the mailed link and signs in; returns the Bearer token.
  std::string NewCitizen(const std::string& email) {
    auto r = Post("/api/v1/accounts", {{"email", email}, {"password", "rahasia-sekali-123"},
                                       {"name", "Warga Uji"}});
    EXPECT_EQ(r.status, 201) << r.body;
    std::string mail = server_->LatestMail();
    EXPECT_NE(mail.find("To: " + email), std::string::npos);
    std::string token = TokenFromText(mail);
    EXPECT_FALSE(token.empty()) << mail;
    // Before verification, sign-in is refused.
    auto early = Post("/api/v1/sessions", {{"email", email}, {"password", "rahasia-sekali-123"}});
    EXPECT_EQ(early.status, 403);
    auto v = Post("/api/v1/accounts/verify", {{"token", token}});
    EXPECT_EQ(v.status, 200) << v.body;
    auto again = Post("/api/v1/accounts/verify", {{"token", token}});
    EXPECT_EQ(again.status, 422) << "a verification token is single-use";
    auto s = Post("/api/v1/sessions", {{"email", email}, {"password", "rahasia-sekali-123"}});
    EXPECT_EQ(s.status, 201) << s.body;
    return json::parse(s.body).value("token", "");
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
};

TEST_P(LaporDiriFlow, RegisterReportReceiptMoveReturnExport) {
  const std::string token = NewCitizen("siti.flow@example.test");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", token).status, 404);

  // A woman born on the 1st: the NIK's day is 41. The name is not ASCII.
  auto put = Call("PUT", "/api/v1/me/lapor-diri", token,
                  LaporDiri("3273014108900001", "Đặng Siti Nur'aini"));
  ASSERT_EQ(put.status, 201) << put.body;
  json rec = json::parse(put.body);
  EXPECT_EQ(rec["mission"]["code"], "KRI-TAWAU");
  EXPECT_EQ(rec["stay"]["phone"], "+60123456789");
  EXPECT_EQ(rec["emergency_contact"]["phone"], "+6281234567890");
  EXPECT_EQ(rec["identity"]["full_name"], "Đặng Siti Nur'aini");
  const std::string regno = rec["registration_number"];
  EXPECT_EQ(regno.rfind("PWNI-", 0), 0u);

  auto got = Call("GET", "/api/v1/me/lapor-diri", token);
  ASSERT_EQ(got.status, 200);
  EXPECT_EQ(json::parse(got.body)["registration_number"], regno);
  EXPECT_EQ(json::parse(got.body)["family"][0]["birth_date"], "2016-02-29");

  auto pdf = Call("GET", "/api/v1/me/lapor-diri/receipt.pdf", token);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

  // The receipt page links to the public verification page; it shows initials only.
  auto page = Call("GET", "/lapor-diri-selesai", token);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(regno), std::string::npos);
  auto at = page.body.find("/verify/");
  ASSERT_NE(at, std::string::npos);
  std::string code = page.body.substr(at + 8, page.body.find('"', at) - at - 8);
  auto verify = HttpCall("GET", Url("/verify/" + code));
  ASSERT_EQ(verify.status, 200);
  EXPECT_NE(verify.body.find("Đ. S. N."), std::string::npos) << verify.body;
  EXPECT_EQ(verify.body.find("Nur&#39;aini"), std::string::npos);
  EXPECT_EQ(verify.body.find("Nur'aini"), std::string::npos);
  EXPECT_EQ(verify.body.find("3273014108900001"), std::string::npos);
  EXPECT_NE(verify.body.find("KRI Tawau"), std::string::npos);
  EXPECT_EQ(HttpCall("GET", Url("/verify/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).status, 404);

  // A move to Kota Kinabalu starts a new stay with another mission; the old one is history.
  json moved = LaporDiri("3273014108900001", "Đặng Siti Nur'aini");
  moved["stay"]["city"] = "Kota Kinabalu";
  auto upd = Call("PUT", "/api/v1/me/lapor-diri", token, moved);
  ASSERT_EQ(upd.status, 200) << upd.body;
  rec = json::parse(upd.body);
  EXPECT_EQ(rec["mission"]["code"], "KJRI-KOTA-KINABALU");
  ASSERT_EQ(rec["stays"].size(), 2u);
  EXPECT_EQ(rec["stays"][0]["current"], true);
  EXPECT_EQ(rec["stays"][1]["end_reason"], "moved");
  EXPECT_EQ(rec["stays"][1]["mission_code"], "KRI-TAWAU");
  EXPECT_EQ(rec["registration_number"], regno);

  // An update without a move changes the current stay in place.
  moved["stay"]["address"] = "Jalan Gaya 5";
  upd = Call("PUT", "/api/v1/me/lapor-diri", token, moved);
  ASSERT_EQ(upd.status, 200);
  EXPECT_EQ(json::parse(upd.body)["stays"].size(), 2u);

  auto early = Call("POST", "/api/v1/me/lapor-diri/return", token, {{"date", "2020-01-01"}});
  EXPECT_EQ(early.status, 422) << "a return before arrival";
  auto ret = Call("POST", "/api/v1/me/lapor-diri/return", token, {{"date", "2026-11-20"}});
  ASSERT_EQ(ret.status, 200) << ret.body;
  rec = json::parse(ret.body);
  EXPECT_EQ(rec["status"], "returned");
  EXPECT_EQ(rec["stays"][0]["end_reason"], "returned");
  EXPECT_EQ(rec["stays"][0]["return_date"], "2026-11-20");
  verify = HttpCall("GET", Url("/api/v1/verify/" + code));
  EXPECT_EQ(json::parse(verify.body)["stay_active"], false);

  auto exp = Call("GET", "/api/v1/me/export", token);
  ASSERT_EQ(exp.status, 200);
  json all = json::parse(exp.body);
  EXPECT_EQ(all["account"]["email"], "siti.flow@example.test");
  EXPECT_EQ(all["lapor_diri"]["identity"]["nik"], "3273014108900001");
  EXPECT_EQ(all["lapor_diri"]["stays"].size(), 2u);
  auto lease = db_->db().Acquire();
  auto audited = (*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'export_own'");
  EXPECT_EQ(audited->Int(0), 1) << "the export is audited";
  // The chain holds, and `peduli audit verify` notices a row edited behind its back.
  const std::string audit_verify = std::string(PEDULI_BINARY_DIR) + "/peduli audit verify --database '" +
                             db_->url() + "' > /dev/null";
  EXPECT_EQ(std::system(audit_verify.c_str()), 0);
  ASSERT_TRUE((*lease)->Exec("UPDATE audit_log SET action = 'nothing_to_see' WHERE action = 'export_own'").ok());
  EXPECT_NE(std::system(audit_verify.c_str()), 0);
}

TEST_P(LaporDiriFlow, SecondAccountWithSameNikGets409AndFirstRecordIsKept) {
  const std::string first = NewCitizen("first@example.test");
  const std::string second = NewCitizen("second@example.test");
  ASSERT_EQ(Call("PUT", "/api/v1/me/lapor-diri", first, LaporDiri("3273014108900002", "Ani Lestari")).status, 201);
  auto dup = Call("PUT", "/api/v1/me/lapor-diri", second, LaporDiri("3273014108900002", "Orang Lain"));
  ASSERT_EQ(dup.status, 409) << dup.body;
  EXPECT_NE(dup.body.find("NIK"), std::string::npos);
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", second).status, 404) << "no second record";
  auto kept = json::parse(Call("GET", "/api/v1/me/lapor-diri", first).body);
  EXPECT_EQ(kept["identity"]["full_name"], "Ani Lestari");
  auto lease = db_->db().Acquire();
  auto n = (*lease)->QueryOne("SELECT COUNT(*) FROM duplicate_attempts WHERE resolved_at IS NULL");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->Int(0), 1) << "the attempt is kept for an officer";
  auto citizens = (*lease)->QueryOne("SELECT COUNT(*) FROM citizens");
  EXPECT_EQ(citizens->Int(0), 1);
}

TEST_P(LaporDiriFlow, InvalidInputGetsFieldErrorsInTheUsersLanguageAndStoresNothing) {
  const std::string token = NewCitizen("errors@example.test");
  json bad = LaporDiri("3273013108900001", "Budi123");  // day 31 but sex P: needs 71
  bad["passport"]["expiry_date"] = "2021-01-01";       // before issue
  auto r = Call("PUT", "/api/v1/me/lapor-diri", token, bad);
  ASSERT_EQ(r.status, 422);
  json errors = json::parse(r.body)["errors"];
  std::set<std::string> fields;
  for (const auto& e : errors) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.count("identity.nik"));
  EXPECT_TRUE(fields.count("identity.full_name"));
  EXPECT_TRUE(fields.count("passport.expiry_date"));
  std::string id_text = errors[0]["message"];
  auto en = HttpCall("PUT", Url("/api/v1/me/lapor-diri?lang=en"), bad.dump(),
                     {kJson, "Authorization: Bearer " + token});
  json en_errors = json::parse(en.body)["errors"];
  EXPECT_NE(en_errors[0]["message"], id_text) << "English differs from Indonesian";
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", token).status, 404);
  EXPECT_EQ(Call("PUT", "/api/v1/me/lapor-diri", token, json::parse("[1]")).status, 422);
}

TEST_P(LaporDiriFlow, DeletionAnonymisesAndEndsTheAccount) {
  const std::string token = NewCitizen("hapus@example.test");
  ASSERT_EQ(Call("PUT", "/api/v1/me/lapor-diri", token, LaporDiri("3273014108900003", "Rina")).status, 201);
  ASSERT_EQ(Call("DELETE", "/api/v1/me", token).status, 200);
  EXPECT_EQ(Call("GET", "/api/v1/me/lapor-diri", token).status, 401) << "sessions end";
  auto lease = db_->db().Acquire();
  auto row = (*lease)->QueryOne("SELECT nik, full_name, status, birth_date FROM citizens");
  ASSERT_TRUE(row.ok());
  EXPECT_TRUE(row->IsNull(0));
  EXPECT_TRUE(row->IsNull(1));
  EXPECT_EQ(row->Text(2), "deleted");
  EXPECT_EQ(row->Text(3), "1990");
  auto req = (*lease)->QueryOne("SELECT action FROM deletion_requests");
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req->Text(0), "anonymised");
  // The NIK is free again for a new registration.
  const std::string again = NewCitizen("hapus2@example.test");
  EXPECT_EQ(Call("PUT", "/api/v1/me/lapor-diri", again, LaporDiri("3273014108900003", "Rina")).status, 201);
}

TEST_P(LaporDiriFlow, PlatformEndpointsAndHeaders) {
  auto h = HttpCall("GET", Url("/healthz"));
  EXPECT_EQ(h.status, 200);
  auto page = HttpCall("GET", Url("/daftar"));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.headers["content-security-policy"].find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(page.headers["content-security-policy"].find("unsafe-inline"), std::string::npos);
  EXPECT_EQ(page.headers["x-content-type-options"], "nosniff");
  EXPECT_FALSE(page.headers["referrer-policy"].empty());
  EXPECT_FALSE(page.headers["x-request-id"].empty());
  // A form post without the CSRF token is refused.
  auto forged = HttpCall("POST", Url("/daftar"), "name=A&email=a%40b.test&password=xxxxxxxxxxxx",
                         {"Content-Type: application/x-www-form-urlencoded"});
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(HttpCall("GET", Url("/no-such-page")).status, 404);
  EXPECT_EQ(HttpCall("DELETE", Url("/daftar")).status, 405);
  EXPECT_EQ(HttpCall("GET", Url("/api/v1/me/lapor-diri")).status, 401);
  auto metrics = HttpCall("GET", Url("/metrics"));
  EXPECT_NE(metrics.body.find("peduli_http_requests_total{method=\"GET\",route=\"/daftar\",status=\"200\"}"),
            std::string::npos);
  auto api = HttpCall("GET", Url("/api/v1/openapi.json"));
  ASSERT_EQ(api.status, 200);
  json doc = json::parse(api.body);
  EXPECT_TRUE(doc["paths"].contains("/api/v1/me/lapor-diri"));
  EXPECT_TRUE(doc["paths"]["/api/v1/me/lapor-diri"].contains("put"));
  EXPECT_TRUE(doc["paths"].contains("/verify/{code}"));
}

TEST_P(LaporDiriFlow, RepeatedFailedSignInsSlowTheAccountDown) {
  NewCitizen("lambat@example.test");
  int last = 0;
  for (int i = 0; i < 6; ++i) {
    last = static_cast<int>(Post("/api/v1/sessions", {{"email", "lambat@example.test"},
                                                      {"password", "salah-salah-salah"}}).status);
  }
  EXPECT_EQ(last, 429);
  // Even the right password waits until the slow-down has passed.
  EXPECT_EQ(Post("/api/v1/sessions", {{"email", "lambat@example.test"},
                                      {"password", "rahasia-sekali-123"}}).status, 429);
}

INSTANTIATE_TEST_SUITE_P(Backends, LaporDiriFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
