// Statistics (issue 7) through the real server process, on every backend: scope (a
// mission's view never counts another's citizens), the open-data table hides small cells,
// exports carry their filters and are audited, a write reaches a waiting live stream within
// a second, and `peduli stats check` finds no drift after it (and finds a tampered one).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <nlohmann/json.hpp>

#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

const char* kJson = "Content-Type: application/json";

// A woman in Shah Alam, Selangor: KBRI Kuala Lumpur's jurisdiction.
json InKl(const std::string& nik) {
  json j = json::parse(R"({
    "identity": {"nik": "", "full_name": "Dewi Statistik", "birth_place": "Bandung",
      "birth_date": "1990-08-01", "sex": "P", "marital_status": "kawin",
      "occupation": "Pekerja rumah tangga", "education": "sma", "origin_regency": "32.73"},
    "passport": {"number": "C7654321", "issue_date": "2022-01-10", "expiry_date": "2032-01-09",
      "office": "Kantor Imigrasi Kelas I Bandung"},
    "stay": {"country": "MY", "subdivision": "MY-10", "city": "Shah Alam",
      "address": "Jalan Kebun 3", "phone": "012-345 6789", "arrival_date": "2023-05-01",
      "category": "student", "student": {"institution": "UiTM", "programme": "Ilmu Komputer"}},
    "family": [],
    "emergency_contact": {"name": "Siti Aminah", "relation": "ibu", "phone": "0812-3456-7890"}
  })");
  j["identity"]["nik"] = nik;
  return j;
}

// Runs `peduli stats <what> --database URL`; the exit code.
int StatsCli(const std::string& what, const std::string& url) {
  const std::string cmd = std::string(PEDULI_BINARY_DIR) + "/peduli stats " + what +
                          " --database '" + url + "' > /dev/null 2>&1";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

class StatsFlow : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(GetParam(), 2);
    server_ = std::make_unique<ServerProcess>(db_->dir(), db_->url(), std::vector<std::string>{"--demo"});
    officer_ = StaffSignIn(server_->url(), "petugas.kl@demo.peduli.test");
    hq_ = StaffSignIn(server_->url(), "hq@demo.peduli.test");
    ASSERT_FALSE(officer_.empty());
    ASSERT_FALSE(hq_.empty());
  }

  HttpResult Get(const std::string& path, const std::string& token,
                 std::vector<std::string> headers = {}) {
    if (!token.empty()) headers.push_back("Authorization: Bearer " + token);
    return HttpCall("GET", server_->url() + path, "", headers);
  }

  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<ServerProcess> server_;
  std::string officer_, hq_;
};

// The data of the event in an SSE body, or null.
json EventData(const std::string& body) {
  auto p = body.find("data: ");
  if (p == std::string::npos) return nullptr;
  return json::parse(body.substr(p + 6, body.find('\n', p) - p - 6));
}

std::string EventId(const std::string& body) {
  auto p = body.find("id: ");
  return p == std::string::npos ? "" : body.substr(p + 4, body.find('\n', p) - p - 4);
}

TEST_P(StatsFlow, ScopeOpenDataExportsLiveAndNoDrift) {
  // HQ sees every mission; the demo population is counted (the seed rebuilt the counters).
  auto all = Get("/api/v1/stats", hq_);
  ASSERT_EQ(all.status, 200) << all.body;
  json hq = json::parse(all.body);
  EXPECT_GT(hq["total"].get<int64_t>(), 4000);
  EXPECT_GT(hq["by_mission"].size(), 5u);
  // The officer's view is their mission's only.
  auto mine = Get("/api/v1/stats", officer_);
  ASSERT_EQ(mine.status, 200);
  json kl = json::parse(mine.body);
  ASSERT_EQ(kl["by_mission"].size(), 1u);
  EXPECT_EQ(kl["by_mission"].begin().key(), "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(kl["total"], hq["by_mission"]["KBRI-KUALA-LUMPUR"]);
  EXPECT_EQ(Get("/api/v1/stats?mission=KJRI-JEDDAH", officer_).status, 403);
  EXPECT_EQ(Get("/api/v1/stats?category=spy", officer_).status, 422);
  auto students = Get("/api/v1/stats?category=student&sex=P", hq_);
  ASSERT_EQ(students.status, 200);
  json st = json::parse(students.body);
  EXPECT_EQ(st["by_category"].size(), 1u);
  EXPECT_EQ(st["by_sex"].size(), 1u);

  // Open data: nothing below the threshold is published.
  auto open = Get("/api/v1/public/stats", "");
  ASSERT_EQ(open.status, 200);
  json pub = json::parse(open.body);
  EXPECT_EQ(pub["suppression_threshold"], 10);
  int hidden = 0;
  for (const auto& row : pub["rows"]) {
    for (auto& [cat, n] : row["cells"].items()) {
      if (n.is_null()) { ++hidden; continue; }
      EXPECT_TRUE(n.get<int64_t>() == 0 || n.get<int64_t>() >= 10) << row["country"] << " " << cat;
    }
  }
  EXPECT_GT(hidden, 0);
  EXPECT_EQ(Get("/statistik", "").status, 200);

  // Exports carry the filters and are audited.
  auto csv = Get("/api/v1/stats/export.csv?category=pmi", hq_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find("filter:category,pmi"), std::string::npos);
  EXPECT_EQ(Get("/api/v1/stats/export.xlsx", officer_).body.substr(0, 2), "PK");
  {
    auto lease = db_->db().Acquire();
    auto n = (*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'stats_export'");
    ASSERT_TRUE(n.ok());
    EXPECT_EQ(n->Int(0), 2);
  }
  auto pdf = Get("/konsol/statistik/perwakilan/KBRI-KUALA-LUMPUR/profil.pdf", officer_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 4), "%PDF");
  EXPECT_EQ(Get("/konsol/statistik/perwakilan/KJRI-JEDDAH", officer_).status, 403);
  auto page = Get("/konsol/statistik", officer_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("<svg class=\"world-map\""), std::string::npos);

  // Live: the first stream answer is the current view; the next waits for a change.
  auto first = Get("/konsol/statistik/stream", officer_);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.headers["content-type"].rfind("text/event-stream", 0), 0u);
  const int64_t before = EventData(first.body)["total"];
  const std::string id = EventId(first.body);
  auto waiting = std::async(std::launch::async, [&] {
    return Get("/konsol/statistik/stream", officer_, {"Last-Event-ID: " + id});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto t0 = std::chrono::steady_clock::now();
  auto walk_in = HttpCall("POST", server_->url() + "/api/v1/walk-in", InKl("3273014108900077").dump(),
                          {kJson, "Authorization: Bearer " + officer_});
  ASSERT_EQ(walk_in.status, 201) << walk_in.body;
  ASSERT_EQ(waiting.wait_for(std::chrono::seconds(2)), std::future_status::ready);
  auto event = waiting.get();
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 1000);
  json live = EventData(event.body);
  ASSERT_FALSE(live.is_null()) << event.body;
  EXPECT_EQ(live["total"].get<int64_t>(), before + 1);

  // Waiting holds no thread: three times the server's 4 threads wait at once, the server
  // still answers other requests meanwhile, and one write reaches every one of them.
  const std::string id2 = EventId(Get("/konsol/statistik/stream", officer_).body);
  std::vector<std::future<HttpResult>> pages;
  for (int i = 0; i < 12; ++i) {
    pages.push_back(std::async(std::launch::async, [&] {
      return Get("/konsol/statistik/stream", officer_, {"Last-Event-ID: " + id2});
    }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  for (auto& p : pages) {
    EXPECT_EQ(p.wait_for(std::chrono::milliseconds(0)), std::future_status::timeout)
        << "answered before any change";
  }
  EXPECT_EQ(HttpCall("GET", server_->url() + "/healthz").status, 200);
  auto second = HttpCall("POST", server_->url() + "/api/v1/walk-in",
                         InKl("3273014108900078").dump(),
                         {kJson, "Authorization: Bearer " + officer_});
  ASSERT_EQ(second.status, 201) << second.body;
  for (auto& p : pages) {
    ASSERT_EQ(p.wait_for(std::chrono::seconds(2)), std::future_status::ready);
    json data = EventData(p.get().body);
    ASSERT_FALSE(data.is_null());
    EXPECT_EQ(data["total"].get<int64_t>(), before + 2);
  }

  // The counters match the base tables; a tampered counter is caught and rebuilt.
  EXPECT_EQ(StatsCli("check", db_->url()), 0);
  {
    auto lease = db_->db().Acquire();
    ASSERT_TRUE((*lease)->Exec("UPDATE stats_counts SET n = n + 3 WHERE country = 'MY'").ok());
  }
  EXPECT_EQ(StatsCli("check", db_->url()), 1);
  EXPECT_EQ(StatsCli("rebuild", db_->url()), 0);
  EXPECT_EQ(StatsCli("check", db_->url()), 0);
}

// The trend (per-day events, kept per mission only) says which filters it cannot follow,
// on the page and in the JSON; a mission's profile shows its open protection caseload and
// its migrant workers' sectors.
TEST_P(StatsFlow, TrendNamesIgnoredFiltersAndProfileShowsCaseload) {
  auto plain = Get("/api/v1/stats?mission=KBRI-KUALA-LUMPUR", hq_);
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(json::parse(plain.body)["trend_ignores"], json::array());
  auto filtered = Get("/api/v1/stats?mission=KBRI-KUALA-LUMPUR&category=pmi&sex=P", hq_);
  ASSERT_EQ(filtered.status, 200);
  json fj = json::parse(filtered.body);
  EXPECT_EQ(fj["trend_ignores"], json::array({"category", "sex"}));
  EXPECT_EQ(fj["trend_filters"], json::array({"mission"}));
  // The trend is the mission's whatever the other filters: it does not pretend otherwise.
  EXPECT_EQ(fj["trend"], json::parse(plain.body)["trend"]);
  auto page = Get("/konsol/statistik?sex=P&age=25-34&lang=en", officer_);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("id=\"stats-trend-note\""), std::string::npos);
  EXPECT_NE(page.body.find("does NOT follow these filters"), std::string::npos);
  EXPECT_NE(page.body.find("sex, age band"), std::string::npos);
  auto page_id = Get("/konsol/statistik?sex=P", officer_);
  ASSERT_EQ(page_id.status, 200);
  EXPECT_NE(page_id.body.find("TIDAK mengikuti filter berikut"), std::string::npos);
  EXPECT_NE(page_id.body.find("jenis kelamin"), std::string::npos);
  auto unfiltered = Get("/konsol/statistik", officer_);
  ASSERT_EQ(unfiltered.status, 200);
  EXPECT_EQ(unfiltered.body.find("id=\"stats-trend-note\""), std::string::npos);
  auto csv = Get("/api/v1/stats/export.csv?sex=P", officer_);
  EXPECT_NE(csv.body.find("trend_ignores,sex"), std::string::npos) << csv.body.substr(0, 400);

  // Protection cases of KL (open and finished) and one of Jeddah, written as the
  // protection module stores them.
  {
    auto lease = db_->db().Acquire();
    int i = 0;
    for (auto [m, cat, state] : std::vector<std::tuple<std::string, std::string, std::string>>{
             {"KBRI-KUALA-LUMPUR", "wage", "new"},
             {"KBRI-KUALA-LUMPUR", "wage", "new"},
             {"KBRI-KUALA-LUMPUR", "trafficking", "in_progress"},
             {"KBRI-KUALA-LUMPUR", "wage", "closed"},
             {"KJRI-JEDDAH", "detention", "new"}}) {
      ASSERT_TRUE((*lease)->Exec(
          "INSERT INTO cases (tracking_number, mission_code, source, category, priority, state, "
          "created_at, updated_at) VALUES ($1, $2, 'officer', $3, 'normal', $4, 1, 1)",
          {"STATS-T" + std::to_string(++i), m, cat, state}).ok());
    }
  }
  auto profile = Get("/konsol/statistik/perwakilan/KBRI-KUALA-LUMPUR", officer_);
  ASSERT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("<strong id=\"profile-open-cases\">3</strong>"), std::string::npos);
  EXPECT_NE(profile.body.find("<td>2</td>"), std::string::npos);
  EXPECT_NE(profile.body.find("id=\"profile-sectors\""), std::string::npos);
  EXPECT_NE(profile.body.find("sektor formal atau informal"), std::string::npos);
  auto jeddah = Get("/konsol/statistik/perwakilan/KJRI-JEDDAH", hq_);
  ASSERT_EQ(jeddah.status, 200);
  EXPECT_NE(jeddah.body.find("<strong id=\"profile-open-cases\">1</strong>"), std::string::npos);
  auto pdf = Get("/konsol/statistik/perwakilan/KBRI-KUALA-LUMPUR/profil.pdf", officer_);
  ASSERT_EQ(pdf.status, 200);
  EXPECT_EQ(pdf.body.substr(0, 4), "%PDF");
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsFlow, ::testing::ValuesIn(Backends()));

}  // namespace
}  // namespace peduli::testing
