// The protection store's contract on both backends: the queue's order and keyset pages,
// the compare-and-set of ApplyAction, escalation recorded once, tracking numbers unique.
#include "store/protection_store.h"

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace peduli::store {
namespace {

class ProtectionStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  ProtectionStoreTest() : tdb_(GetParam()), store_(&tdb_.db()) {}

  CaseRow Make(const std::string& tracking, int64_t due, const std::string& mission = "KBRI-KUALA-LUMPUR") {
    CaseRow c;
    c.tracking_number = tracking;
    c.mission_code = mission;
    c.source = "officer";
    c.category = "wage";
    c.priority = "normal";
    c.state = "new";
    c.subject_name = "Siti";
    c.due_at = due;
    c.created_at = 1000;
    CaseActionRow first;
    first.kind = "report";
    first.created_at = 1000;
    auto r = store_.Create(c, first, {});
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : CaseRow{};
  }

  peduli::testing::TestDatabase tdb_;
  ProtectionStore store_;
};

TEST_P(ProtectionStoreTest, QueueOrderAndKeysetPages) {
  Make("PW-AAAA-0001", 5000);
  Make("PW-AAAA-0002", 3000);
  Make("PW-AAAA-0003", 0);  // no deadline: last
  Make("PW-AAAA-0004", 3000);
  Make("PW-AAAA-0005", 4000, "KJRI-JEDDAH");
  CaseFilter f;
  f.mission_code = "KBRI-KUALA-LUMPUR";
  f.limit = 2;
  auto p1 = store_.List(f);
  ASSERT_TRUE(p1.ok());
  ASSERT_EQ(p1->size(), 2u);
  EXPECT_EQ((*p1)[0].tracking_number, "PW-AAAA-0002");
  EXPECT_EQ((*p1)[1].tracking_number, "PW-AAAA-0004");
  f.after_due = p1->back().due_at;
  f.after_id = p1->back().id;
  auto p2 = store_.List(f);
  ASSERT_EQ(p2->size(), 2u);
  EXPECT_EQ((*p2)[0].tracking_number, "PW-AAAA-0001");
  EXPECT_EQ((*p2)[1].tracking_number, "PW-AAAA-0003");
  f.after_due = INT64_MAX;
  f.after_id = p2->back().id;
  EXPECT_TRUE(store_.List(f)->empty());
  CaseFilter all;
  all.mission_code = "";
  EXPECT_EQ(store_.List(all)->size(), 5u);
  CaseRow dup = (*p1)[0];
  CaseActionRow first;
  first.kind = "report";
  auto taken = store_.Create(dup, first, {});
  ASSERT_FALSE(taken.ok()) << "tracking numbers are unique";
  EXPECT_EQ(taken.error().message, "protection.tracking_taken");
}

TEST_P(ProtectionStoreTest, ApplyActionIsCompareAndSet) {
  auto c = Make("PW-BBBB-0001", 5000);
  CaseActionRow a;
  a.kind = "state";
  a.from_state = "new";
  a.to_state = "triaged";
  a.created_at = 2000;
  CaseChange ch;
  ch.state = "triaged";
  auto after = store_.ApplyAction(c.id, a, ch, c.updated_at, nullptr);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->state, "triaged");
  auto stale = store_.ApplyAction(c.id, a, ch, c.updated_at, nullptr);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().message, "protection.changed");
  auto actions = store_.Actions(c.id);
  ASSERT_EQ(actions->size(), 2u) << "the refused action left nothing";
  EXPECT_EQ((*actions)[1].to_state, "triaged");
  EXPECT_EQ(store_.Find(c.id)->state, "triaged");
}

int64_t Grace(const std::string&) { return 100; }

TEST_P(ProtectionStoreTest, EscalationRecordedOncePerLevel) {
  auto c = Make("PW-CCCC-0001", 5000);
  EXPECT_TRUE(store_.Escalate(5000, &Grace)->empty()) << "not overdue yet";
  EXPECT_EQ(store_.Escalate(5001, &Grace)->size(), 1u);
  EXPECT_TRUE(store_.Escalate(5002, &Grace)->empty());
  auto hq = store_.Escalate(5100, &Grace);
  ASSERT_EQ(hq->size(), 1u);
  EXPECT_EQ((*hq)[0].escalation_level, 2);
  EXPECT_TRUE(store_.Escalate(9999, &Grace)->empty());
  int n = 0;
  for (const auto& a : *store_.Actions(c.id)) n += a.kind == "escalate";
  EXPECT_EQ(n, 2);
  CaseFilter f;
  f.mission_code = "";
  f.min_escalation = 2;
  EXPECT_EQ(store_.List(f)->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProtectionStoreTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
