// The audit log's chain, its queries, the CSV export and the citizen's view, on every backend.
#include "modules/audit/service.h"

#include <atomic>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "fakes/fixed_clock.h"
#include "http/i18n.h"
#include "http/message.h"
#include "modules/audit/cli.h"
#include "modules/audit/routes.h"
#include "store/audit_store.h"
#include "support/test_db.h"

namespace peduli::audit {
namespace {

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 5);
    store_ = std::make_unique<store::AuditStore>(&tdb_->db());
    service_ = std::make_unique<AuditService>(store_.get(), &clock_);
  }

  void AppendMany(int n) {
    Actor officer{7, "officer", "KBRI-KUALALUMPUR"};
    for (int i = 0; i < n; ++i) {
      ASSERT_TRUE(service_->Record(officer, "read_citizen", 100 + i % 3, "service", "10.0.0.1",
                                   "req-" + std::to_string(i), {{"n", i}})
                      .ok());
      clock_.Advance(60);
    }
  }

  store::VerifyReport Verify() {
    auto r = store_->Verify(/*page_size=*/7);  // small pages: the walk crosses page bounds
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : store::VerifyReport{};
  }

  Status Exec(const std::string& sql) {
    auto lease = tdb_->db().Acquire();
    return (*lease)->Exec(sql);
  }

  std::vector<store::AuditEntry> All() {
    store::AuditFilter f;
    f.limit = 1000;
    auto r = store_->Query(f);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::AuditEntry>{};
  }

  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<store::AuditStore> store_;
  std::unique_ptr<AuditService> service_;
};

TEST_P(AuditTest, FreshLogVerifies) {
  auto rep = Verify();
  EXPECT_TRUE(rep.ok) << rep.reason;
  EXPECT_EQ(rep.entries, 0);
}

TEST_P(AuditTest, AppendsFormAChain) {
  AppendMany(20);
  auto all = All();
  ASSERT_EQ(all.size(), 20u);
  EXPECT_EQ(all[0].prev_hash, store::kAuditGenesisHash);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].hash, store::AuditEntryHash(all[i]));
    if (i > 0) EXPECT_EQ(all[i].prev_hash, all[i - 1].hash);
  }
  EXPECT_EQ(all[3].actor_mission, "KBRI-KUALALUMPUR");
  EXPECT_EQ(all[3].purpose, "service");
  EXPECT_EQ(all[3].ip, "10.0.0.1");
  EXPECT_EQ(all[3].detail, R"({"n":3})");
  auto rep = Verify();
  EXPECT_TRUE(rep.ok) << rep.reason;
  EXPECT_EQ(rep.entries, 20);
}

TEST_P(AuditTest, EditedRowIsReportedAtItsId) {
  AppendMany(10);
  ASSERT_TRUE(Exec("UPDATE audit_log SET action = 'x' WHERE id = 3").ok());
  auto rep = Verify();
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.broken_id, 3);
  EXPECT_NE(rep.reason.find("hash"), std::string::npos);
}

TEST_P(AuditTest, RehashedEditIsFoundAtTheNextLink) {
  AppendMany(10);
  auto e = All()[4];
  e.purpose = "statistics";
  std::string forged = store::AuditEntryHash(e);
  ASSERT_TRUE(Exec("UPDATE audit_log SET purpose = 'statistics', hash = '" + forged +
                   "' WHERE id = 5").ok());
  auto rep = Verify();
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.broken_id, 6);
}

TEST_P(AuditTest, DeletedRowIsDetected) {
  AppendMany(10);
  ASSERT_TRUE(Exec("DELETE FROM audit_log WHERE id = 5").ok());
  auto rep = Verify();
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.broken_id, 6);
}

TEST_P(AuditTest, DeletedNewestRowIsDetected) {
  AppendMany(10);
  ASSERT_TRUE(Exec("DELETE FROM audit_log WHERE id = 10").ok());
  auto rep = Verify();
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.broken_id, 10);
}

TEST_P(AuditTest, RowsBeforeTheChainAreSkippedButNotAfter) {
  ASSERT_TRUE(Exec("INSERT INTO audit_log (at, actor_role, action) VALUES (1, 'officer', 'old')")
                  .ok());
  AppendMany(3);
  auto rep = Verify();
  EXPECT_TRUE(rep.ok) << rep.reason;
  EXPECT_EQ(rep.unhashed, 1);
  EXPECT_EQ(rep.entries, 3);
  ASSERT_TRUE(Exec("INSERT INTO audit_log (at, actor_role, action) VALUES (2, 'officer', 'new')")
                  .ok());
  AppendMany(1);
  rep = Verify();
  EXPECT_FALSE(rep.ok);
  EXPECT_EQ(rep.broken_id, 5);
}

TEST_P(AuditTest, ConcurrentAppendsFormOneChain) {
  constexpr int kThreads = 4, kEach = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      // Each thread its own store on the shared pool, as two servers would have.
      store::AuditStore s(&tdb_->db());
      for (int i = 0; i < kEach; ++i) {
        store::AuditEntry e;
        e.at = 1000 + i;
        e.actor_account_id = t + 1;
        e.actor_role = "officer";
        e.action = "read_citizen";
        e.citizen_id = i + 1;
        if (!s.Append(e).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto all = All();
  ASSERT_EQ(all.size(), size_t{kThreads * kEach});
  for (size_t i = 1; i < all.size(); ++i) EXPECT_EQ(all[i].prev_hash, all[i - 1].hash);
  auto rep = Verify();
  EXPECT_TRUE(rep.ok) << rep.broken_id << ": " << rep.reason;
  EXPECT_EQ(rep.entries, kThreads * kEach);
}

TEST_P(AuditTest, AppendInRollsBackWithTheCaller) {
  AppendMany(2);
  auto r = store::InTransaction<bool>(tdb_->db(), true, [&](store::Connection& c) -> Result<bool> {
    store::AuditEntry e;
    e.at = 5;
    e.action = "write_citizen";
    PEDULI_TRY(store::AuditStore::AppendIn(c, e));
    return Error::Invalid("x", "err.required");  // the caller's write fails
  });
  ASSERT_FALSE(r.ok());
  AppendMany(1);
  EXPECT_EQ(All().size(), 3u);
  EXPECT_TRUE(Verify().ok);
}

TEST_P(AuditTest, QueryFiltersAndPages) {
  AppendMany(9);  // citizens 100, 101, 102 in turn, one minute apart
  Actor other{8, "hq", ""};
  ASSERT_TRUE(service_->Record(other, "search", 101, "protection", "", "r").ok());
  store::AuditFilter f;
  f.citizen_id = 101;
  f.limit = 2;
  auto page1 = service_->Query(f);
  ASSERT_TRUE(page1.ok());
  ASSERT_EQ(page1->size(), 2u);
  f.after_id = page1->back().id;
  auto page2 = service_->Query(f);
  ASSERT_TRUE(page2.ok());
  ASSERT_EQ(page2->size(), 2u);
  EXPECT_EQ(page2->back().actor_account_id, 8);
  for (const auto& e : *page2) EXPECT_EQ(e.citizen_id, 101);

  store::AuditFilter by_actor;
  by_actor.actor_account_id = 8;
  EXPECT_EQ(service_->Query(by_actor)->size(), 1u);

  store::AuditFilter by_time;
  by_time.from = clock_.NowUnix() - 9 * 60 + 60;  // skips the first entry
  by_time.to = clock_.NowUnix() - 60;             // skips the last two
  auto t = service_->Query(by_time);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->size(), 7u);
}

TEST_P(AuditTest, CsvExportEscapesFormulasAndQuotes) {
  Actor officer{7, "officer", "KBRI-X"};
  const std::vector<std::string> purposes = {"=cmd()", "+1", "-2", "@x", "a,b", "say \"hi\"",
                                             "two\nlines", "\tx"};
  for (const auto& p : purposes) ASSERT_TRUE(service_->Record(officer, "read", 1, p, "", "").ok());
  store::AuditFilter f;
  auto csv = service_->ExportCsv(f);
  ASSERT_TRUE(csv.ok());
  EXPECT_NE(csv->find(",'=cmd(),"), std::string::npos) << *csv;
  EXPECT_NE(csv->find(",'+1,"), std::string::npos);
  EXPECT_NE(csv->find(",'-2,"), std::string::npos);
  EXPECT_NE(csv->find(",'@x,"), std::string::npos);
  EXPECT_NE(csv->find(",\"a,b\","), std::string::npos);
  EXPECT_NE(csv->find(",\"say \"\"hi\"\"\","), std::string::npos);
  EXPECT_NE(csv->find(",\"two\nlines\","), std::string::npos);
  EXPECT_NE(csv->find(",'\tx,"), std::string::npos);
  EXPECT_EQ(csv->rfind("id,at,", 0), 0u);
  EXPECT_EQ(CsvCell("=1+1"), "'=1+1");
  EXPECT_EQ(CsvCell("\r=1"), "\"'\r=1\"");
  EXPECT_EQ(CsvCell("plain"), "plain");
}

TEST_P(AuditTest, CitizenViewShowsRoleAndMissionOnly) {
  ASSERT_TRUE(service_->Record({7, "officer", "KBRI-X"}, "read_citizen", 42, "service", "1.2.3.4",
                               "r1", {{"officer_name", "Budi"}})
                  .ok());
  ASSERT_TRUE(service_->Record({42, "citizen", ""}, "self_export", 42, "", "", "r2").ok());
  ASSERT_TRUE(service_->Record({9, "hq", ""}, "read_citizen", 43, "protection", "", "r3").ok());
  auto view = service_->CitizenView(42);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->size(), 1u);
  EXPECT_EQ((*view)[0].role, "officer");
  EXPECT_EQ((*view)[0].mission_code, "KBRI-X");
  EXPECT_EQ((*view)[0].action, "read_citizen");
  EXPECT_EQ((*view)[0].at, clock_.NowUnix());
}

TEST_P(AuditTest, CliReportsOkAndBrokenLink) {
  AppendMany(4);
  std::ostringstream out, err;
  EXPECT_EQ(RunAuditVerify(tdb_->url(), out, err), 0) << err.str();
  EXPECT_EQ(out.str(), "ok: 4 entries\n");
  ASSERT_TRUE(Exec("UPDATE audit_log SET action = 'x' WHERE id = 3").ok());
  std::ostringstream out2;
  EXPECT_EQ(RunAuditVerify(tdb_->url(), out2, err), 1);
  EXPECT_EQ(out2.str().rfind("broken at id 3: ", 0), 0u) << out2.str();
}

// The routes, called through the router without a socket.
class AuditRoutesTest : public AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    catalog_.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
    templates_ = std::make_unique<http::Templates>(std::string(PEDULI_SOURCE_DIR) + "/src",
                                                   &catalog_);
    records_ = std::make_unique<store::RegistryStore>(&tdb_->db());
    RegisterRoutes(router_, {service_.get(), records_.get(), templates_.get()});
  }

  http::Response Get(const std::string& path, const std::string& query,
                     std::optional<http::Principal> who) {
    http::Request req;
    req.method = "GET";
    req.path = path;
    req.query = query;
    req.remote_ip = "10.1.1.1";
    req.request_id = "rid";
    req.principal = std::move(who);
    const http::Route* route = nullptr;
    EXPECT_EQ(router_.Find(req, &route), http::Router::Match::kFound) << path;
    if (!route) return {};
    return route->handler(req);
  }

  static http::Principal As(int64_t id, std::string role, std::string mission = "") {
    http::Principal p;
    p.account_id = id;
    p.role = std::move(role);
    p.mission_code = std::move(mission);
    p.name = "Nama Petugas";
    return p;
  }

  http::Catalog catalog_;
  std::unique_ptr<http::Templates> templates_;
  std::unique_ptr<store::RegistryStore> records_;
  http::Router router_;
};

TEST_P(AuditRoutesTest, OnlyTheDpoReadsTheLogAndEveryReadIsAudited) {
  AppendMany(3);
  for (const char* role : {"officer", "supervisor", "hq", "hq_admin", "election", "citizen"}) {
    EXPECT_EQ(Get("/api/v1/audit", "", As(5, role, "KBRI-X")).status, 403) << role;
    EXPECT_EQ(Get("/api/v1/audit.csv", "", As(5, role, "KBRI-X")).status, 403) << role;
    EXPECT_EQ(Get("/api/v1/audit/verify", "", As(5, role, "KBRI-X")).status, 403) << role;
  }
  auto res = Get("/api/v1/audit", "citizen_id=101&limit=5", As(77, "dpo"));
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = nlohmann::json::parse(res.body);
  ASSERT_EQ(j["entries"].size(), 1u);
  EXPECT_EQ(j["entries"][0]["actor"]["mission_code"], "KBRI-KUALALUMPUR");
  EXPECT_TRUE(j["next_after_id"].is_null());

  auto csv = Get("/api/v1/audit.csv", "actor=7", As(77, "dpo"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("content-type").value_or("").find("text/csv"), 0u);
  EXPECT_NE(csv.body.find("KBRI-KUALALUMPUR"), std::string::npos);

  store::AuditFilter f;
  f.actor_account_id = 77;
  auto mine = service_->Query(f);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 2u);
  EXPECT_EQ((*mine)[0].action, "audit_query");
  EXPECT_EQ((*mine)[0].citizen_id, 101);
  EXPECT_EQ((*mine)[0].ip, "10.1.1.1");
  EXPECT_EQ((*mine)[1].action, "audit_export");

  auto v = Get("/api/v1/audit/verify", "", As(77, "dpo"));
  ASSERT_EQ(v.status, 200);
  EXPECT_EQ(nlohmann::json::parse(v.body)["ok"], true);
  EXPECT_EQ(Get("/api/v1/audit", "from=yesterday", As(77, "dpo")).status, 422);
}

TEST_P(AuditRoutesTest, CitizenSeesRoleMissionAndTimeButNoNames) {
  ASSERT_TRUE(Exec("INSERT INTO accounts (email, name, password_hash, created_at) "
                   "VALUES ('w@example.test', 'Siti', 'x', 0)").ok());
  ASSERT_TRUE(Exec("INSERT INTO citizens (account_id, nik, registration_number, verify_code, "
                   "created_at, updated_at) VALUES (1, '3273014101900001', 'R1', 'v1', 0, 0)")
                  .ok());
  ASSERT_TRUE(service_->Record({7, "officer", "KBRI-X"}, "read_citizen", 1, "service", "1.2.3.4",
                               "r1").ok());
  auto res = Get("/api/v1/me/record-access", "", As(1, "citizen"));
  ASSERT_EQ(res.status, 200) << res.body;
  auto j = nlohmann::json::parse(res.body);
  ASSERT_EQ(j["accesses"].size(), 1u);
  const auto& a = j["accesses"][0];
  EXPECT_EQ(a["role"], "officer");
  EXPECT_EQ(a["mission_code"], "KBRI-X");
  EXPECT_EQ(a["action"], "read_citizen");
  EXPECT_EQ(a["at"], IsoUtc(clock_.NowUnix()));
  EXPECT_FALSE(a.contains("account_id"));
  EXPECT_EQ(res.body.find("1.2.3.4"), std::string::npos);
  // A citizen without a record sees an empty list, not an error.
  auto none = Get("/api/v1/me/record-access", "", As(2, "citizen"));
  ASSERT_EQ(none.status, 200);
  EXPECT_EQ(nlohmann::json::parse(none.body)["accesses"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditRoutesTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::audit
