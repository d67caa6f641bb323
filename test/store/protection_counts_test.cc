// The HQ case dashboard's counter rows (migration 0027) on both backends: any sequence of
// case writes leaves them equal to a count of the case table, the dashboard read equals the
// old GROUP BY over the table, and rebuild/check find and repair drift.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <random>
#include <sstream>
#include <thread>

#include "modules/protection/cli.h"
#include "store/protection_store.h"
#include "support/test_db.h"

namespace peduli::store {
namespace {

const char* kMissions[] = {"KBRI-KUALA-LUMPUR", "KJRI-JEDDAH", "KBRI-SINGAPURA"};
const char* kCats[] = {"wage", "trafficking", "detention", "violence", "other"};
const char* kPrio[] = {"urgent", "high", "normal", "low"};
const char* kStates[] = {"new", "triaged", "in_progress", "resolved", "closed"};

bool Restricted(const std::string& cat) { return cat == "trafficking" || cat == "violence"; }
bool Finished(const std::string& s) { return s == "resolved" || s == "closed"; }
int64_t Grace(const std::string&) { return 100; }

// The dashboard as it was computed before the counters: one GROUP BY over the whole table.
std::map<std::tuple<std::string, std::string, std::string>, std::vector<int64_t>> Reference(
    Database& db, int64_t now) {
  auto lease = db.Acquire();
  auto rows = (*lease)->Query(
      "SELECT mission_code, category, state, COUNT(*), "
      "SUM(CASE WHEN state NOT IN ('resolved', 'closed') AND due_at IS NOT NULL AND due_at < $1 "
      "THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN escalation_level > 0 AND state NOT IN ('resolved', 'closed') THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN restricted <> 0 THEN 1 ELSE 0 END) FROM cases "
      "GROUP BY mission_code, category, state",
      {now});
  EXPECT_TRUE(rows.ok());
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<int64_t>> out;
  for (const auto& r : *rows) out[{r.Text(0), r.Text(1), r.Text(2)}] = {r.Int(3), r.Int(4), r.Int(5), r.Int(6)};
  return out;
}

class ProtectionCountsTest : public ::testing::TestWithParam<std::string> {
 protected:
  ProtectionCountsTest() : tdb_(GetParam(), 6), store_(&tdb_.db()) {}

  Result<CaseRow> Create(std::mt19937& rng, int64_t now, int n) {
    CaseRow c;
    c.tracking_number = "PW-T" + std::to_string(n) + "-" + std::to_string(rng() % 1000000);
    c.mission_code = kMissions[rng() % 3];
    c.source = "officer";
    c.category = kCats[rng() % 5];
    c.priority = kPrio[rng() % 4];
    c.restricted = Restricted(c.category);
    c.state = "new";
    c.subject_name = "Sintetis";
    c.due_at = now + static_cast<int64_t>(rng() % 400) - 100;
    c.created_at = now;
    CaseActionRow first;
    first.kind = "report";
    first.created_at = now;
    return store_.Create(c, first, {});
  }

  // One random write on case `id`: state change, re-triage, transfer, or deadline restart.
  Status Mutate(std::mt19937& rng, int64_t id, int64_t now) {
    CaseActionRow a;
    a.created_at = now;
    CaseChange ch;
    switch (rng() % 4) {
      case 0: {
        a.kind = "state";
        ch.state = kStates[rng() % 5];
        ch.due_at = Finished(*ch.state) ? 0 : now + 50;
        ch.reset_escalation = rng() % 2 == 0;
        break;
      }
      case 1: {
        a.kind = "note";  // re-triage: category (and restricted with it), priority
        const std::string cat = kCats[rng() % 5];
        ch.category = cat;
        ch.restricted = Restricted(cat);
        ch.priority = kPrio[rng() % 4];
        break;
      }
      case 2:
        a.kind = "transfer";
        ch.mission_code = kMissions[rng() % 3];
        ch.reset_escalation = true;
        break;
      default:
        a.kind = "note";  // no counted column changes
        break;
    }
    auto r = store_.ApplyAction(id, a, ch, 0, nullptr);
    return r.ok() ? Status::Ok() : r.take_error();
  }

  void ExpectNoDrift(int64_t now) {
    auto drift = store_.CheckCounts();
    ASSERT_TRUE(drift.ok()) << drift.error().message;
    for (const auto& d : *drift) {
      ADD_FAILURE() << d.key.mission_code << " " << d.key.category << " " << d.key.state << " "
                    << d.key.priority << " level " << d.key.escalation_level << ": stored "
                    << d.stored << ", actual " << d.actual;
    }
    // And the dashboard read equals the whole-table GROUP BY, overdue included.
    auto counts = store_.Counts("", "", now);
    ASSERT_TRUE(counts.ok()) << counts.error().message;
    auto want = Reference(tdb_.db(), now);
    ASSERT_EQ(counts->size(), want.size());
    for (const auto& x : *counts) {
      auto it = want.find({x.mission_code, x.category, x.state});
      ASSERT_NE(it, want.end()) << x.mission_code << " " << x.category << " " << x.state;
      EXPECT_EQ(std::vector<int64_t>({x.total, x.overdue, x.escalated, x.restricted}), it->second)
          << x.mission_code << " " << x.category << " " << x.state;
    }
  }

  peduli::testing::TestDatabase tdb_;
  ProtectionStore store_;
};

TEST_P(ProtectionCountsTest, RandomWritesLeaveNoDrift) {
  for (unsigned seed : {1u, 2u, 3u}) {
    std::mt19937 rng(seed);
    std::vector<int64_t> ids;
    int64_t now = 10000 * seed;
    for (int step = 0; step < 150; ++step) {
      now += static_cast<int64_t>(rng() % 30);
      const unsigned op = rng() % 10;
      if (ids.empty() || op < 3) {
        auto c = Create(rng, now, step);
        ASSERT_TRUE(c.ok()) << c.error().message;
        ids.push_back(c->id);
      } else if (op < 9) {
        ASSERT_TRUE(Mutate(rng, ids[rng() % ids.size()], now).ok());
      } else {
        ASSERT_TRUE(store_.Escalate(now, &Grace).ok());  // raises levels 0 -> 1 -> 2
      }
      if (step % 25 == 24) ExpectNoDrift(now);
    }
    ExpectNoDrift(now);
    ExpectNoDrift(now + 1000);  // overdue is the clock's: everything open is now late
  }
  // Filters: one mission, one category.
  auto kl = store_.Counts("KBRI-KUALA-LUMPUR", "wage", 0);
  ASSERT_TRUE(kl.ok());
  for (const auto& x : *kl) {
    EXPECT_EQ(x.mission_code, "KBRI-KUALA-LUMPUR");
    EXPECT_EQ(x.category, "wage");
  }
}

TEST_P(ProtectionCountsTest, ConcurrentWritersLeaveNoDriftAndNoDeadlock) {
  std::vector<int64_t> ids;
  std::mt19937 seed_rng(7);
  for (int i = 0; i < 12; ++i) {
    auto c = Create(seed_rng, 1000, i);
    ASSERT_TRUE(c.ok());
    ids.push_back(c->id);
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (unsigned t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::mt19937 rng(100 + t);
      for (int i = 0; i < 40; ++i) {
        Status s = i % 5 == 0 ? (Create(rng, 2000, 1000 * (t + 1) + i).ok() ? Status::Ok()
                                                                             : Error::Internal("create"))
                              : Mutate(rng, ids[rng() % ids.size()], 2000 + i);
        if (!s.ok()) ++failures;
        if (i % 10 == 9 && !store_.Escalate(2000 + 10 * i, &Grace).ok()) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  ExpectNoDrift(5000);
}

TEST_P(ProtectionCountsTest, RebuildAndCheckFindAndRepairDrift) {
  std::mt19937 rng(11);
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(Create(rng, 1000, i).ok());
  std::ostringstream out, err;
  EXPECT_EQ(protection::RunCountsCheck(tdb_.url(), out, err), 0) << err.str();
  {
    // A write that skipped the counters (as a bulk load into the table does).
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE((*lease)->Exec("UPDATE cases SET state = 'closed' WHERE id IN (SELECT MIN(id) FROM cases)").ok());
    ASSERT_TRUE((*lease)->Exec("UPDATE protection_case_counts SET n = n + 3 WHERE category = 'wage'").ok());
  }
  auto drift = store_.CheckCounts();
  ASSERT_TRUE(drift.ok());
  EXPECT_FALSE(drift->empty());
  out.str("");
  EXPECT_EQ(protection::RunCountsCheck(tdb_.url(), out, err), 1);
  EXPECT_NE(out.str().find("stored"), std::string::npos);
  out.str("");
  EXPECT_EQ(protection::RunCountsRebuild(tdb_.url(), out, err), 0) << err.str();
  EXPECT_NE(out.str().find("20 cases counted"), std::string::npos) << out.str();
  EXPECT_TRUE(store_.CheckCounts()->empty());
  ExpectNoDrift(1000);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProtectionCountsTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
