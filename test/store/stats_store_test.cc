// Statistics counters (issue 7): kept current by every registry write, on both databases.
// The drift property: a seeded random sequence of registrations, moves, category changes,
// returns, deletions and officers' decisions through the real services leaves
// `stats check` with nothing to report, and a rebuild changes nothing.
#include "store/stats_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <random>
#include <set>
#include <thread>

#include "demo/synthetic.h"
#include "fakes/fixed_clock.h"
#include "modules/reference/loader.h"
#include "modules/registry/service.h"
#include "store/accounts_store.h"
#include "store/console_store.h"
#include "store/migrate.h"
#include "store/reference_store.h"
#include "support/test_db.h"

namespace peduli::store {
namespace {

class StatsStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 2);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    registry_store_ = std::make_unique<RegistryStore>(&tdb_->db());
    registry_ = std::make_unique<registry::RegistryService>(registry_store_.get(), ref_.get(), &clock_);
    pop_ = std::make_unique<demo::Population>(*ref_);
    AccountsStore accounts(&tdb_->db());
    for (int i = 0; i < kAccounts; ++i) {
      AccountRow a{.email = "p" + std::to_string(i) + "@example.test", .name = "X",
                   .password_hash = "x", .role = "citizen", .locale = "id",
                   .created_at = clock_.NowUnix()};
      auto id = accounts.Create(a, "", 0);
      ASSERT_TRUE(id.ok());
      ids_.push_back(*id);
    }
  }

  void ExpectNoDrift(const std::string& when) {
    auto drift = StatsStore(&tdb_->db()).Check();
    ASSERT_TRUE(drift.ok()) << drift.error().message;
    for (const auto& c : drift->cells) {
      ADD_FAILURE() << when << ": " << c.what << " " << c.key << " stored " << c.stored
                    << " actual " << c.actual;
    }
  }

  static constexpr int kAccounts = 12;
  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  std::unique_ptr<RegistryStore> registry_store_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<demo::Population> pop_;
  std::vector<int64_t> ids_;
};

TEST_P(StatsStoreTest, RandomWritesLeaveNoDrift) {
  std::mt19937_64 rng(20261128);
  ConsoleStore console(&tdb_->db());
  std::set<int64_t> deleted;
  std::map<std::string, int> done;
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); };
  const std::vector<std::string> plain = {"resident", "family", "visitor", "other"};
  const std::vector<std::string> states = {"verified", "rejected", "correction_requested"};
  for (int step = 0; step < 160; ++step) {
    clock_.Advance(pick(3) * 43200 + 17);
    const int a = pick(kAccounts);
    const int64_t account = ids_[a];
    if (deleted.count(account)) continue;
    auto current = registry_->Get(account);
    switch (pick(6)) {
      case 0:
      case 1: {  // register, or report again as the same person
        auto r = registry_->Submit(account, pop_->Person(static_cast<uint64_t>(a) + 1));
        if (r.ok()) ++done[r->created ? "register" : "resubmit"];
        break;
      }
      case 2: {  // move: the same person, somebody else's stay (another city or country)
        if (!current.ok()) break;
        registry::LaporDiri d = current->data;
        d.stay = pop_->Person(100 + static_cast<uint64_t>(pick(50))).stay;
        auto r = registry_->Submit(account, d);
        if (r.ok()) ++done[r->moved ? "move" : "update"];
        break;
      }
      case 3: {  // category change in place
        if (!current.ok()) break;
        registry::LaporDiri d = current->data;
        d.stay.category = plain[static_cast<size_t>(pick(4))];
        if (registry_->Submit(account, d).ok()) ++done["category"];
        break;
      }
      case 4: {  // return home, or an officer's decision
        if (!current.ok()) break;
        if (pick(2) == 0) {
          if (registry_->Return(account, Date::FromUnix(clock_.NowUnix()).ToString()).ok()) {
            ++done["return"];
          }
        } else {
          auto review = console.Review(current->id);
          int64_t version = review.ok() ? review->version : 0;
          AuditEntry audit{.at = clock_.NowUnix(), .actor_account_id = 1, .actor_role = "officer",
                           .action = "review_decide", .citizen_id = current->id};
          if (console.Decide(current->id, version, states[static_cast<size_t>(pick(3))], "x", 1,
                             "officer", "", clock_.NowUnix(), audit).ok()) {
            ++done["decide"];
          }
        }
        break;
      }
      case 5: {  // deletion (UU PDP): the account is gone afterwards
        if (pick(3) != 0 || !current.ok()) break;
        ASSERT_TRUE(registry_->Delete(account).ok());
        deleted.insert(account);
        ++done["delete"];
        break;
      }
    }
    // Now and then the pending changes move into the tables (the server's fold), so the
    // checks below see counters partly folded, wholly folded and not folded at all.
    if (pick(7) == 0) {
      auto folded = StatsStore(&tdb_->db()).Fold();
      ASSERT_TRUE(folded.ok()) << folded.error().message;
      if (*folded > 0) ++done["fold"];
    }
    if (step % 40 == 39) ExpectNoDrift("step " + std::to_string(step));
  }
  if (GetParam() == "sqlite") EXPECT_GT(done["fold"], 0) << "no fold moved anything";
  for (const char* k : {"register", "move", "category", "return", "decide", "delete"}) {
    EXPECT_GT(done[k], 0) << k << " never happened: the sequence tests less than it claims";
  }
  ExpectNoDrift("end");
  // Rebuilding from the base tables finds exactly what the hooks kept.
  StatsStore stats(&tdb_->db());
  auto before = stats.Counts({});
  ASSERT_TRUE(before.ok());
  int64_t total = 0;
  for (const auto& c : *before) total += c.n;
  auto rebuilt = stats.Rebuild();
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.error().message;
  EXPECT_EQ(*rebuilt, total);
  ExpectNoDrift("after rebuild");
}

// Writers in parallel share the coarse counter rows (every citizen of a category adds to
// the same HQ rows): on PostgreSQL each locks them in one order (one statement per write,
// keys sorted), so none deadlocks, and nothing drifts.
TEST_P(StatsStoreTest, ConcurrentWritersLeaveNoDriftAndNoDeadlock) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937_64 rng(100 + static_cast<uint64_t>(t));
      for (int i = 0; i < 24; ++i) {
        const int a = 3 * t + static_cast<int>(rng() % 3);
        auto current = registry_->Get(ids_[a]);
        if (!current.ok() || i % 4 == 0) {  // register, or report again
          if (!registry_->Submit(ids_[a], pop_->Person(static_cast<uint64_t>(a) + 1)).ok()) ++failures;
        } else if (i % 4 == 3) {  // return home
          Status r = registry_->Return(ids_[a], Date::FromUnix(clock_.NowUnix()).ToString());
          if (!r.ok() && r.error().code != Code::kConflict) ++failures;  // conflict: returned already
        } else {  // move to somebody else's stay
          registry::LaporDiri d = current->data;
          d.stay = pop_->Person(100 + rng() % 40).stay;
          if (!registry_->Submit(ids_[a], d).ok()) ++failures;
        }
      }
    });
  }
  // The server's fold, running meanwhile: rows committed while it works wait for the next.
  std::atomic<bool> stop{false};
  std::thread folder([&] {
    StatsStore stats(&tdb_->db());
    while (!stop) {
      if (!stats.Fold().ok()) ++failures;
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
  });
  for (auto& th : threads) th.join();
  stop = true;
  folder.join();
  EXPECT_EQ(failures.load(), 0);
  ExpectNoDrift("concurrent writers");
}

TEST_P(StatsStoreTest, JurisdictionHandoverMovesCountersNotDepartures) {
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(registry_->Submit(ids_[i], pop_->Person(i + 1)).ok());
  std::vector<std::string> missions;
  for (int i = 0; i < 4; ++i) missions.push_back(pop_->MissionOf(pop_->Person(i + 1)));
  MissionChangeStore changes(&tdb_->db());
  MissionChange mc;
  mc.mission_code = missions[0];
  mc.kind = "update";
  mc.effective_date = "2026-11-28";
  mc.effective_at = clock_.NowUnix() + 3600;
  mc.data = "{}";
  mc.created_by = 1;
  mc.created_at = clock_.NowUnix();
  auto id = changes.Add(mc, AuditEntry{.at = clock_.NowUnix(), .actor_account_id = 1,
                                        .actor_role = "hq_admin", .action = "mission_change"});
  ASSERT_TRUE(id.ok()) << id.error().message;
  clock_.Advance(7200);
  auto moved = changes.Apply(*id, clock_.NowUnix(), missions, [](const CurrentStay&) {
    return StayMove{"HQ-PWNI", "hq"};
  });
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(*moved, 4);
  ExpectNoDrift("after the handover");
  StatsQuery q;
  q.scope = "HQ-PWNI";
  auto at_hq = StatsStore(&tdb_->db()).Counts(q);
  ASSERT_TRUE(at_hq.ok());
  int64_t n = 0;
  for (const auto& c : *at_hq) n += c.n;
  EXPECT_EQ(n, 4);
  auto daily = StatsStore(&tdb_->db()).Daily("", "", 0, 1'000'000);
  ASSERT_TRUE(daily.ok());
  int64_t departures = 0;
  for (const auto& d : *daily) departures += d.measure == "departures" ? d.n : 0;
  EXPECT_EQ(departures, 4);  // a handover is not a departure
}

TEST_P(StatsStoreTest, CheckFindsATamperedCounterAndRebuildRepairsIt) {
  ASSERT_TRUE(registry_->Submit(ids_[0], pop_->Person(1)).ok());
  ASSERT_TRUE(registry_->Submit(ids_[1], pop_->Person(2)).ok());
  StatsStore stats(&tdb_->db());
  ExpectNoDrift("two reports");
  ASSERT_TRUE(stats.Fold().ok());  // SQLite: into stats_counts, to be tampered with
  {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE((*lease)->Exec("UPDATE stats_counts SET n = n + 1").ok());
  }
  auto drift = stats.Check();
  ASSERT_TRUE(drift.ok());
  EXPECT_FALSE(drift->ok());
  EXPECT_EQ(drift->active, 2);
  ASSERT_TRUE(stats.Rebuild().ok());
  ExpectNoDrift("rebuilt");
}

TEST_P(StatsStoreTest, CountsFilterByDimensionAndScope) {
  auto p1 = pop_->Person(1), p2 = pop_->Person(2);
  ASSERT_TRUE(registry_->Submit(ids_[0], p1).ok());
  ASSERT_TRUE(registry_->Submit(ids_[1], p2).ok());
  StatsStore stats(&tdb_->db());
  const std::string m1 = pop_->MissionOf(p1);
  StatsQuery q;
  q.scope = m1;
  auto mine = stats.Counts(q);
  ASSERT_TRUE(mine.ok());
  int64_t n = 0;
  for (const auto& c : *mine) {
    EXPECT_EQ(c.key.mission_code, m1);  // a mission never counts another's citizens
    n += c.n;
  }
  EXPECT_EQ(n, pop_->MissionOf(p2) == m1 ? 2 : 1);
  q = {};
  q.sex = p1.identity.sex;
  q.birth_year_from = q.birth_year_to = p1.identity.birth_date.substr(0, 4);
  auto one = stats.Counts(q);
  ASSERT_TRUE(one.ok());
  ASSERT_FALSE(one->empty());
  EXPECT_EQ(one->front().key.origin_regency, p1.identity.origin_regency);
  EXPECT_EQ(one->front().key.passport_expiry, p1.passport.expiry_date.substr(0, 7));
  auto daily = stats.Daily("", "", 0, 1'000'000);
  ASSERT_TRUE(daily.ok());
  int64_t reports = 0, departures = 0;
  for (const auto& d : *daily) {
    if (d.measure == "reports") reports += d.n;
    if (d.measure == "departures") departures += d.n;
  }
  EXPECT_EQ(reports, 2);
  EXPECT_EQ(departures, 2);
}

// The coarse tables (0024) answer every breakdown exactly as the fine table does, for
// views they cover and for those that fall back; a mission's breakdown never counts
// another mission's citizens; `check` notices a tampered coarse table.
TEST_P(StatsStoreTest, CoarseTablesAgreeWithTheFineTable) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < kAccounts; ++i) {
    ASSERT_TRUE(registry_->Submit(ids_[i], pop_->Person(static_cast<uint64_t>(i) * 7 + 3)).ok());
  }
  // Some moves and category changes so that rows go down as well as up.
  for (int i = 0; i < kAccounts; i += 3) {
    auto current = registry_->Get(ids_[i]);
    ASSERT_TRUE(current.ok());
    registry::LaporDiri d = current->data;
    d.stay = pop_->Person(200 + static_cast<uint64_t>(i)).stay;
    ASSERT_TRUE(registry_->Submit(ids_[i], d).ok());
  }
  ExpectNoDrift("registered");
  StatsStore stats(&tdb_->db());
  const std::vector<StatsDim> dims = {kDimMission, kDimCountry, kDimSubdivision, kDimCategory,
                                      kDimSex,     kDimBirthYear, kDimProvince, kDimRegency,
                                      kDimState,   kDimPassport};
  auto fine_all = stats.Breakdown({}, dims, true);
  ASSERT_TRUE(fine_all.ok()) << fine_all.error().message;
  // Queries built from the values present: each dimension alone, the mission scope with
  // each, and the dashboard's demographic combination.
  std::vector<StatsQuery> queries(1);
  const auto& by = fine_all->by;
  auto first = [&](StatsDim d) { return by[d].begin()->first; };
  for (const auto& [m, n] : by[kDimMission]) {
    StatsQuery q;
    q.scope = m;
    queries.push_back(q);
    q.category = first(kDimCategory);
    queries.push_back(q);
    q.birth_year_from = "1980";
    q.birth_year_to = "1999";
    queries.push_back(q);
  }
  StatsQuery q;
  q.country = first(kDimCountry);
  queries.push_back(q);
  q = {};
  q.category = first(kDimCategory);
  q.sex = "P";
  q.birth_year_from = "1985";
  q.birth_year_to = "1995";
  queries.push_back(q);  // served in part by the fallback (province and regency)
  q = {};
  q.origin_province = first(kDimProvince);
  queries.push_back(q);
  q = {};
  q.review_state = "submitted";
  queries.push_back(q);
  q = {};
  q.passport_from = "2027-01";
  q.passport_to = "2030-12";
  queries.push_back(q);
  q = {};
  q.subdivision = first(kDimSubdivision);
  queries.push_back(q);
  // The fine table's index paths (0030): sex or age alone, a country with a fine dimension.
  q = {};
  q.sex = "L";
  queries.push_back(q);
  q = {};
  q.birth_year_from = "1980";
  queries.push_back(q);
  q = {};
  q.country = first(kDimCountry);
  q.subdivision = first(kDimSubdivision);
  queries.push_back(q);
  int coarse = 0;
  for (size_t i = 0; i < queries.size(); ++i) {
    auto fine = stats.Breakdown(queries[i], dims, true);
    auto rolled = stats.Breakdown(queries[i], dims);
    ASSERT_TRUE(fine.ok() && rolled.ok());
    EXPECT_TRUE(fine->fallback);
    coarse += rolled->fallback ? 0 : 1;
    for (StatsDim d : dims) {
      EXPECT_EQ(rolled->by[d], fine->by[d]) << "query " << i << " dimension " << d;
    }
    if (!queries[i].scope.empty()) {
      for (const auto& [m, n] : rolled->by[kDimMission]) EXPECT_EQ(m, queries[i].scope);
    }
  }
  EXPECT_GT(coarse, 0);
  // The unfiltered view and a mission's view are served from the coarse tables alone.
  const std::vector<StatsDim> dashboard = {kDimCategory, kDimSex, kDimBirthYear, kDimProvince,
                                           kDimRegency, kDimCountry, kDimMission, kDimState,
                                           kDimPassport};
  auto hq = stats.Breakdown({}, dashboard);
  ASSERT_TRUE(hq.ok());
  EXPECT_FALSE(hq->fallback);
  StatsQuery mine;
  mine.scope = first(kDimMission);
  auto one = stats.Breakdown(mine, dashboard);
  ASSERT_TRUE(one.ok());
  EXPECT_FALSE(one->fallback);
  // A country filter is served coarse too (0030: state, passport and origin keep the country).
  StatsQuery by_country;
  by_country.country = first(kDimCountry);
  auto country = stats.Breakdown(by_country, dashboard);
  ASSERT_TRUE(country.ok());
  EXPECT_FALSE(country->fallback);
  // The trend comes with the breakdowns, in the same statement, as Daily reads it.
  StatsQuery with_trend = mine;
  with_trend.daily_from = 0;
  with_trend.daily_to = 1'000'000;
  auto trend = stats.Breakdown(with_trend, dashboard);
  auto daily = stats.Daily(mine.scope, "", 0, 1'000'000);
  ASSERT_TRUE(trend.ok() && daily.ok());
  ASSERT_FALSE(daily->empty());
  ASSERT_EQ(trend->daily.size(), daily->size());
  for (size_t i = 0; i < daily->size(); ++i) {
    EXPECT_EQ(trend->daily[i].day, (*daily)[i].day);
    EXPECT_EQ(trend->daily[i].measure, (*daily)[i].measure);
    EXPECT_EQ(trend->daily[i].mission_code, (*daily)[i].mission_code);
    EXPECT_EQ(trend->daily[i].n, (*daily)[i].n);
  }
  EXPECT_EQ(trend->by[kDimCategory], one->by[kDimCategory]);
  // A coarse table tampered with is drift; a rebuild repairs it.
  ASSERT_TRUE(stats.Fold().ok());
  for (const char* table : {"stats_mission_sex", "stats_hq_origin"}) {
    {
      auto lease = tdb_->db().Acquire();
      ASSERT_TRUE(lease.ok());
      ASSERT_TRUE((*lease)->Exec(std::string("UPDATE ") + table + " SET n = n + 2").ok());
    }
    auto drift = stats.Check();
    ASSERT_TRUE(drift.ok());
    ASSERT_FALSE(drift->ok()) << table;
    EXPECT_EQ(drift->cells.front().what, table);
    EXPECT_EQ(drift->active, kAccounts);
    ASSERT_TRUE(stats.Rebuild().ok());
    ExpectNoDrift(std::string("rebuilt after ") + table);
  }
}

// With the counters switched off (bench only), writes leave them alone; a rebuild catches up.
TEST_P(StatsStoreTest, CountersOffSkipMaintenance) {
  EnableStatsCounters(false);
  auto r = registry_->Submit(ids_[0], pop_->Person(1));
  EnableStatsCounters(true);
  ASSERT_TRUE(r.ok());
  StatsStore stats(&tdb_->db());
  auto drift = stats.Check();
  ASSERT_TRUE(drift.ok());
  EXPECT_FALSE(drift->ok());
  ASSERT_TRUE(stats.Rebuild().ok());
  ExpectNoDrift("rebuilt");
}

// A mission's profile reads two things the counters do not hold: the open protection
// caseload (from `cases`, read-only) and the migrant workers' declared sectors.
TEST_P(StatsStoreTest, ProfileCaseloadAndPmiSectors) {
  // Two migrant workers and a student of one mission.
  std::vector<registry::LaporDiri> people;
  std::string mission;
  registry::Stay pmi_stay;
  for (int i = 1; i < 400 && mission.empty(); ++i) {
    auto p = pop_->Person(i);
    if (p.stay.category == "pmi") {
      mission = pop_->MissionOf(p);
      pmi_stay = p.stay;
    }
  }
  ASSERT_FALSE(mission.empty());
  for (int i = 500; people.size() < 3; ++i) {  // other people, all in that stay's place
    auto p = pop_->Person(i);
    p.stay = pmi_stay;
    p.stay.pmi.sector = people.empty() ? "formal" : "informal";
    people.push_back(p);
  }
  ASSERT_EQ(people.size(), 3u);
  people[2].stay.category = "student";
  people[2].stay.student = {"Universiti", "Hukum"};
  for (size_t i = 0; i < people.size(); ++i) {
    auto r = registry_->Submit(ids_[i], people[i]);
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  {
    auto lease = tdb_->db().Acquire();
    auto add = [&](const std::string& tn, const std::string& m, const std::string& cat,
                   const std::string& state) {
      ASSERT_TRUE((*lease)->Exec(
          "INSERT INTO cases (tracking_number, mission_code, source, category, priority, state, "
          "created_at, updated_at) VALUES ($1, $2, 'officer', $3, 'normal', $4, 1, 1)",
          {tn, m, cat, state}).ok());
    };
    add("T1", mission, "wage", "new");
    add("T2", mission, "wage", "new");
    add("T3", mission, "wage", "in_progress");
    add("T4", mission, "detention", "triaged");
    add("T5", mission, "wage", "closed");       // not open
    add("T6", mission, "wage", "resolved");     // not open
    add("T7", "KJRI-JEDDAH-X", "wage", "new");  // another mission
  }
  StatsStore stats(&tdb_->db());
  auto cases = stats.OpenCases(mission);
  ASSERT_TRUE(cases.ok()) << cases.error().message;
  std::map<std::pair<std::string, std::string>, int64_t> want = {
      {{"wage", "new"}, 2}, {{"wage", "in_progress"}, 1}, {{"detention", "triaged"}, 1}};
  EXPECT_EQ(*cases, want);
  auto sectors = stats.PmiSectors(mission);
  ASSERT_TRUE(sectors.ok()) << sectors.error().message;
  std::map<std::string, int64_t> want_sectors = {{"formal", 1}, {"informal", 1}};
  EXPECT_EQ(*sectors, want_sectors);
  EXPECT_TRUE(stats.PmiSectors("NO-SUCH-MISSION")->empty());
}

// Migration 0032 recreates the coarse counter tables and stats_daily (WITHOUT ROWID on
// SQLite) and copies the rows: run again on a database with counters in it (registrations,
// a move and a return, so some rows are at 0), it keeps every count, and the hooks keep
// working on the new tables. On SQLite those tables are then one B-tree each.
TEST_P(StatsStoreTest, Migration0032KeepsTheCounters) {
  for (int a = 0; a < 6; ++a) {
    ASSERT_TRUE(registry_->Submit(ids_[a], pop_->Person(static_cast<uint64_t>(a) + 1)).ok());
  }
  auto current = registry_->Get(ids_[0]);
  ASSERT_TRUE(current.ok());
  registry::LaporDiri moved = current->data;
  moved.stay = pop_->Person(120).stay;
  ASSERT_TRUE(registry_->Submit(ids_[0], moved).ok());
  ASSERT_TRUE(registry_->Return(ids_[1], Date::FromUnix(clock_.NowUnix()).ToString()).ok());
  StatsStore stats(&tdb_->db());
  ASSERT_TRUE(stats.Fold().ok());  // SQLite: into the tables the migration copies
  auto before = stats.Counts({});
  ASSERT_TRUE(before.ok());
  const auto it = std::find_if(kMigrations.begin(), kMigrations.end(), [](const Migration& m) {
    return m.name.rfind("0032_", 0) == 0;
  });
  ASSERT_NE(it, kMigrations.end());
  {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE(lease.ok());
    Connection& c = **lease;
    std::string sql = it->sql;
    const std::string token = "@WITHOUT_ROWID@";
    const std::string with = c.dialect() == Dialect::kSqlite ? "WITHOUT ROWID" : "";
    for (size_t p = sql.find(token); p != std::string::npos; p = sql.find(token, p)) {
      sql.replace(p, token.size(), with);
    }
    ASSERT_TRUE(c.Begin(true).ok());
    Status s = c.ExecScript(sql);
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_TRUE(c.Commit().ok());
    if (c.dialect() == Dialect::kSqlite) {
      auto rows = c.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'stats_%' "
                          "AND name NOT IN ('stats_counts', 'stats_pending') AND sql NOT LIKE '%WITHOUT ROWID%'");
      ASSERT_TRUE(rows.ok());
      for (const auto& r : *rows) ADD_FAILURE() << r.Text(0) << " has a rowid";
    }
  }
  auto after = stats.Counts({});
  ASSERT_TRUE(after.ok());
  auto total = [](const std::vector<StatsCount>& v) {
    std::map<std::string, int64_t> out;
    for (const auto& c : v) {
      out[c.key.mission_code + "|" + c.key.country + "|" + c.key.category + "|" + c.key.sex + "|" +
          c.key.birth_year + "|" + c.key.origin_regency + "|" + c.key.review_state + "|" +
          c.key.passport_expiry + "|" + c.key.subdivision] += c.n;
    }
    return out;
  };
  EXPECT_EQ(total(*after), total(*before));
  EXPECT_FALSE(after->empty());
  ExpectNoDrift("after migration 0032");
  ASSERT_TRUE(registry_->Submit(ids_[7], pop_->Person(8)).ok());  // the hooks on the new tables
  ASSERT_TRUE(registry_->Return(ids_[2], Date::FromUnix(clock_.NowUnix()).ToString()).ok());
  ExpectNoDrift("writes after migration 0032");
}

// On SQLite a write leaves its counter change pending (0035): -1 on the old key, +1 on the
// new. Every read adds the pending rows, so the dashboard's numbers are the same before the
// fold, after it, and from the fine table; the fold empties stats_pending, and a second has
// nothing to move. On PostgreSQL writes add to the tables directly and nothing is pending.
TEST_P(StatsStoreTest, PendingChangesReadTheSameBeforeAndAfterTheFold) {
  for (int a = 0; a < 8; ++a) {
    ASSERT_TRUE(registry_->Submit(ids_[a], pop_->Person(static_cast<uint64_t>(a) * 5 + 2)).ok());
  }
  StatsStore stats(&tdb_->db());
  ASSERT_TRUE(stats.Fold().ok());
  // Then changes on top of folded counters: a move (one row down, another up), a return
  // (down only), a category change and two new citizens.
  auto current = registry_->Get(ids_[0]);
  ASSERT_TRUE(current.ok());
  registry::LaporDiri moved = current->data;
  moved.stay = pop_->Person(300).stay;
  ASSERT_TRUE(registry_->Submit(ids_[0], moved).ok());
  ASSERT_TRUE(registry_->Return(ids_[1], Date::FromUnix(clock_.NowUnix()).ToString()).ok());
  current = registry_->Get(ids_[2]);
  ASSERT_TRUE(current.ok());
  registry::LaporDiri other = current->data;
  other.stay.category = other.stay.category == "other" ? "visitor" : "other";
  ASSERT_TRUE(registry_->Submit(ids_[2], other).ok());
  ASSERT_TRUE(registry_->Submit(ids_[8], pop_->Person(77)).ok());
  ASSERT_TRUE(registry_->Submit(ids_[9], pop_->Person(78)).ok());
  auto pending = [&] {
    auto lease = tdb_->db().Acquire();
    EXPECT_TRUE(lease.ok());
    auto n = (*lease)->QueryOne("SELECT COUNT(*) FROM stats_pending");
    EXPECT_TRUE(n.ok());
    return n.ok() ? n->Int(0) : -1;
  };
  const bool sqlite = GetParam() == "sqlite";
  EXPECT_EQ(pending(), sqlite ? 2 + 1 + 2 + 1 + 1 : 0);
  ExpectNoDrift("pending");
  const std::vector<StatsDim> dims = {kDimMission, kDimCountry, kDimCategory, kDimSex,
                                      kDimBirthYear, kDimProvince, kDimState, kDimPassport,
                                      kDimSubdivision, kDimRegency};
  StatsQuery scoped;
  scoped.scope = moved.stay.country == "MY" ? "KBRI-KUALA-LUMPUR" : "";
  std::vector<StatsQuery> queries = {StatsQuery{}, scoped};
  StatsQuery by_country;
  by_country.country = moved.stay.country;  // the fine table's country look-up
  queries.push_back(by_country);
  StatsQuery by_category;
  by_category.category = other.stay.category;
  queries.push_back(by_category);
  std::vector<StatsBreakdown> before;
  for (const auto& q : queries) {
    auto b = stats.Breakdown(q, dims);
    ASSERT_TRUE(b.ok()) << b.error().message;
    auto fine = stats.Breakdown(q, dims, true);
    ASSERT_TRUE(fine.ok());
    EXPECT_EQ(b->by, fine->by);
    before.push_back(*b);
  }
  // The two new citizens' reports and departures ride on their pending rows (0036).
  {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE(lease.ok());
    auto events = (*lease)->QueryOne(
        "SELECT COUNT(reports_day), COUNT(departures_day), COALESCE(MIN(reports_day), -1) "
        "FROM stats_pending");
    ASSERT_TRUE(events.ok());
    EXPECT_EQ(events->Int(0), sqlite ? 2 : 0);
    EXPECT_EQ(events->Int(1), sqlite ? 2 : 0);
    if (sqlite) {
      EXPECT_EQ(events->Int(2), clock_.NowUnix() / 86400);
    }
  }
  StatsQuery with_trend;
  with_trend.daily_from = 0;
  with_trend.daily_to = 1'000'000;
  auto daily_before = stats.Daily("", "", 0, 1'000'000);
  auto trend_before = stats.Breakdown(with_trend, dims);
  ASSERT_TRUE(daily_before.ok() && trend_before.ok());
  int64_t reports = 0, departures = 0;
  for (const auto& d : *daily_before) {
    reports += d.measure == "reports" ? d.n : 0;
    departures += d.measure == "departures" ? d.n : 0;
  }
  EXPECT_EQ(departures, 10 + 1);  // ten citizens, one moved (a new stay)
  EXPECT_EQ(reports, 10 + 2);     // and two who reported again
  auto counts_before = stats.Counts({});
  auto open_before = stats.ByCountryCategory();
  ASSERT_TRUE(counts_before.ok() && open_before.ok());
  int64_t total = 0;
  for (const auto& c : *counts_before) total += c.n;
  EXPECT_EQ(total, 9);  // ten registered, one returned
  auto folded = stats.Fold();
  ASSERT_TRUE(folded.ok()) << folded.error().message;
  EXPECT_EQ(*folded, sqlite ? 7 : 0);
  EXPECT_EQ(pending(), 0);
  for (size_t i = 0; i < queries.size(); ++i) {
    auto b = stats.Breakdown(queries[i], dims);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->by, before[i].by) << "query " << i;
  }
  auto counts_after = stats.Counts({});
  auto open_after = stats.ByCountryCategory();
  ASSERT_TRUE(counts_after.ok() && open_after.ok());
  ASSERT_EQ(counts_after->size(), counts_before->size());
  for (size_t i = 0; i < counts_after->size(); ++i) {
    EXPECT_EQ((*counts_after)[i].key, (*counts_before)[i].key);
    EXPECT_EQ((*counts_after)[i].n, (*counts_before)[i].n);
  }
  ASSERT_EQ(open_after->size(), open_before->size());
  for (size_t i = 0; i < open_after->size(); ++i) EXPECT_EQ((*open_after)[i].n, (*open_before)[i].n);
  auto daily_after = stats.Daily("", "", 0, 1'000'000);
  auto trend_after = stats.Breakdown(with_trend, dims);
  ASSERT_TRUE(daily_after.ok() && trend_after.ok());
  ASSERT_EQ(daily_after->size(), daily_before->size());
  for (size_t i = 0; i < daily_after->size(); ++i) {
    EXPECT_EQ((*daily_after)[i].day, (*daily_before)[i].day);
    EXPECT_EQ((*daily_after)[i].measure, (*daily_before)[i].measure);
    EXPECT_EQ((*daily_after)[i].mission_code, (*daily_before)[i].mission_code);
    EXPECT_EQ((*daily_after)[i].n, (*daily_before)[i].n);
  }
  ASSERT_EQ(trend_after->daily.size(), trend_before->daily.size());
  for (size_t i = 0; i < trend_after->daily.size(); ++i) {
    EXPECT_EQ(trend_after->daily[i].n, trend_before->daily[i].n);
    EXPECT_EQ(trend_after->daily[i].n, (*daily_after)[i].n);
  }
  ExpectNoDrift("folded");
  auto again = stats.Fold();
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  // A rebuild counts from the base tables and leaves nothing pending.
  ASSERT_TRUE(registry_->Submit(ids_[10], pop_->Person(90)).ok());
  auto rebuilt = stats.Rebuild();
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(*rebuilt, 10);
  EXPECT_EQ(pending(), 0);
  ExpectNoDrift("rebuilt");
}

INSTANTIATE_TEST_SUITE_P(Backends, StatsStoreTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
