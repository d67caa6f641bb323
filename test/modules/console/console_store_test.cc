// Contract of the console's store on every backend: review rows written with every Lapor
// Diri write, counts kept current, the queue's keyset pages and filters, stale decisions,
// the backfill of bulk-loaded records, session purposes.
#include "store/console_store.h"

#include <gtest/gtest.h>

#include "demo/synthetic.h"
#include "modules/audit/service.h"
#include "modules/console/service.h"
#include "modules/reference/loader.h"
#include "store/bulk_load.h"
#include "store/registry_store.h"
#include "support/test_db.h"
#include "fakes/fixed_clock.h"

namespace peduli::store {
namespace {

constexpr int64_t kNow = 1795737600;  // 2026-11-27T00:00:00Z
constexpr const char* kKl = "KBRI-KUALA-LUMPUR";
constexpr const char* kJeddah = "KJRI-JEDDAH";

class ConsoleStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  static void SetUpTestSuite() {
    ref_db_ = new peduli::testing::TestDatabase("sqlite");
    auto svc = reference::LoadAndOpen(ref_db_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(svc.ok()) << svc.error().message;
    ref_ = svc.value().release();
    pop_ = new demo::Population(*ref_);
  }
  static void TearDownTestSuite() {
    delete pop_;
    delete ref_;
    delete ref_db_;
  }

  CitizenWrite Person(uint64_t i, const std::string& mission, int64_t now) {
    demo::ReferenceValidationContext ctx(*ref_, demo::kAsOf);
    auto w = pop_->Write(i, ctx, now);
    EXPECT_TRUE(w.ok());
    CitizenWrite out = w.ok() ? w.value() : CitizenWrite{};
    out.mission_code = mission;
    out.now = now;
    out.verify.clear();
    return out;
  }

  int64_t Create(uint64_t i, const std::string& mission, int64_t now) {
    auto id = registry_.Create(Person(i, mission, now), "PWNI-2026-T" + std::to_string(i),
                               "code-" + std::to_string(i) + "-aaaaaaaaaaaaaaaa", "{}");
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
  }

  int64_t N(const std::string& mission, const std::string& category, const std::string& state) {
    auto c = store_.Counts(mission, category);
    EXPECT_TRUE(c.ok());
    return c.ok() && c->count(state) ? c->at(state) : 0;
  }

  AuditEntry Entry(int64_t citizen) {
    AuditEntry e;
    e.at = kNow;
    e.actor_account_id = 9;
    e.actor_role = "officer";
    e.action = "review_verify";
    e.citizen_id = citizen;
    e.purpose = "verifikasi";
    return e;
  }

  static peduli::testing::TestDatabase* ref_db_;
  static reference::ReferenceService* ref_;
  static demo::Population* pop_;
  peduli::testing::TestDatabase tdb_{GetParam()};
  RegistryStore registry_{&tdb_.db()};
  ConsoleStore store_{&tdb_.db()};
};

peduli::testing::TestDatabase* ConsoleStoreTest::ref_db_ = nullptr;
reference::ReferenceService* ConsoleStoreTest::ref_ = nullptr;
demo::Population* ConsoleStoreTest::pop_ = nullptr;

TEST_P(ConsoleStoreTest, EveryWriteIsSubmittedAndCounted) {
  const int64_t a = Create(1, kKl, kNow);
  const int64_t b = Create(2, kKl, kNow + 10);
  const int64_t c = Create(3, kJeddah, kNow + 20);
  auto kl = store_.Counts(kKl, "");
  ASSERT_TRUE(kl.ok());
  EXPECT_EQ((*kl)["submitted"], 2);
  EXPECT_EQ(N("", "", "submitted"), 3);
  EXPECT_EQ(N(kJeddah, "", "submitted"), 1);

  // Keyset pages, oldest first, within the mission only.
  QueueFilter f;
  f.mission_code = kKl;
  f.limit = 1;
  auto p1 = store_.Queue(f);
  ASSERT_TRUE(p1.ok()) << p1.error().message;
  ASSERT_EQ(p1->items.size(), 1u);
  EXPECT_EQ(p1->items[0].citizen_id, a);
  EXPECT_TRUE(p1->more);
  f.after_submitted_at = p1->items[0].submitted_at;
  f.after_id = p1->items[0].citizen_id;
  auto p2 = store_.Queue(f);
  ASSERT_TRUE(p2.ok());
  ASSERT_EQ(p2->items.size(), 1u);
  EXPECT_EQ(p2->items[0].citizen_id, b);
  EXPECT_FALSE(p2->more);
  QueueFilter all;
  all.limit = 10;
  EXPECT_EQ(store_.Queue(all)->items.size(), 3u);
  // Filters: submitted date range, category, arrival date, assignee.
  QueueFilter late = all;
  late.submitted_from = kNow + 15;
  ASSERT_EQ(store_.Queue(late)->items.size(), 1u);
  EXPECT_EQ(store_.Queue(late)->items[0].citizen_id, c);
  QueueFilter cat = all;
  cat.category = Person(3, kJeddah, kNow).data.stay.category;
  for (const auto& it : store_.Queue(cat)->items) EXPECT_EQ(it.category, cat.category);
  QueueFilter arrival = all;
  arrival.arrival_from = "2999-01-01";
  EXPECT_TRUE(store_.Queue(arrival)->items.empty());
  QueueFilter mine = all;
  mine.assigned_to = 77;
  EXPECT_TRUE(store_.Queue(mine)->items.empty());
  ASSERT_TRUE(store_.Assign(b, 77, kNow, Entry(b)).ok());
  ASSERT_EQ(store_.Queue(mine)->items.size(), 1u);
  EXPECT_EQ(store_.Queue(mine)->items[0].citizen_id, b);
}

TEST_P(ConsoleStoreTest, DecisionsMoveCountsAndStaleOnesAreRefused) {
  const int64_t a = Create(1, kKl, kNow);
  auto before = store_.Review(a);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->state, "submitted");
  auto stale = store_.Decide(a, before->version + 1, "verified", "", 9, "officer", kKl, kNow,
                             Entry(a));
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, Code::kConflict);
  EXPECT_EQ(stale.error().message, "console.review.stale");
  auto done = store_.Decide(a, before->version, "correction_requested", "Foto buram", 9,
                            "officer", kKl, kNow + 5, Entry(a));
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(done->state, "correction_requested");
  EXPECT_EQ(done->reason, "Foto buram");
  EXPECT_EQ(done->decided_mission, kKl);
  EXPECT_EQ(done->version, before->version + 1);
  auto counts = *store_.Counts(kKl, "");
  EXPECT_EQ(counts["submitted"], 0);
  EXPECT_EQ(counts["correction_requested"], 1);
  // The same decision again on the old version: someone else already decided.
  EXPECT_EQ(store_.Decide(a, before->version, "verified", "", 9, "officer", kKl, kNow, Entry(a))
                .error().code, Code::kConflict);

  // The citizen corrects: submitted again, reason cleared, history kept.
  ASSERT_TRUE(registry_.Update(a, Person(1, kKl, kNow + 60), false, "{}").ok());
  auto again = store_.Review(a);
  EXPECT_EQ(again->state, "submitted");
  EXPECT_TRUE(again->reason.empty());
  EXPECT_GT(again->version, done->version);
  counts = *store_.Counts(kKl, "");
  EXPECT_EQ(counts["submitted"], 1);
  EXPECT_EQ(counts["correction_requested"], 0);
  auto events = store_.Events(a);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[1].state, "correction_requested");
  EXPECT_EQ((*events)[1].reason, "Foto buram");
  // The decision's audit entry went in with it.
  auto lease = tdb_.db().Acquire();
  EXPECT_EQ((*lease)->QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = 'review_verify' "
                               "AND purpose = 'verifikasi'")->Int(0), 1);
}

TEST_P(ConsoleStoreTest, BulkLoadedRecordsAreBackfilledAsSubmitted) {
  std::vector<CitizenWrite> people;
  for (uint64_t i = 10; i < 40; ++i) people.push_back(Person(i, i % 2 ? kKl : kJeddah, kNow));
  ASSERT_TRUE(BulkLoadCitizens(tdb_.db(), people).ok());
  auto missing = store_.Review(1);
  EXPECT_EQ(missing.error().code, Code::kNotFound);
  auto added = store_.Backfill(kNow + 100);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(*added, 30);
  EXPECT_EQ(*store_.Backfill(kNow + 200), 0);
  EXPECT_EQ(N(kKl, "", "submitted"), 15);
  EXPECT_EQ(N("", "", "submitted"), 30);
  EXPECT_EQ(store_.Review(1)->submitted_at, kNow);
}

TEST_P(ConsoleStoreTest, AMoveToAnotherMissionKeepsTheStateAndMovesTheCounts) {
  const int64_t a = Create(1, kKl, kNow);
  auto v = store_.Review(a)->version;
  ASSERT_TRUE(store_.Decide(a, v, "verified", "", 9, "officer", kKl, kNow, Entry(a)).ok());
  ASSERT_TRUE(InTransaction(tdb_.db(), true, [&](Connection& c) { return MoveReview(c, a, kJeddah); }).ok());
  EXPECT_EQ(store_.Review(a)->state, "verified");
  EXPECT_EQ(store_.Review(a)->mission_code, kJeddah);
  EXPECT_EQ(N(kKl, "", "verified"), 0);
  EXPECT_EQ(N(kJeddah, "", "verified"), 1);
}

TEST_P(ConsoleStoreTest, SessionPurposes) {
  EXPECT_EQ(store_.Purpose("k1"), "");
  ASSERT_TRUE(store_.SetPurpose("k1", 5, "layanan", kNow).ok());
  ASSERT_TRUE(store_.SetPurpose("k1", 5, "pelindungan", kNow + 1).ok());
  EXPECT_EQ(store_.Purpose("k1"), "pelindungan");
  EXPECT_EQ(store_.Purpose("k2"), "");
}

TEST_P(ConsoleStoreTest, ServiceRequiresAReasonToRejectOrCorrect) {
  const int64_t a = Create(1, kKl, kNow);
  AuditStore audit_store(&tdb_.db());
  peduli::testing::FixedClock clock(kNow);
  audit::AuditService audit(&audit_store, &clock);
  console::ConsoleService svc(&store_, &audit, &clock);
  policy::Actor officer{9, "officer", kKl};
  for (const char* decision : {"reject", "request_correction"}) {
    auto r = svc.Decide(officer, a, decision, "   ", 0, {"verifikasi", "127.0.0.1", "r1"});
    ASSERT_FALSE(r.ok());
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, "reason");
    EXPECT_EQ(r.error().fields[0].key, "err.review.reason_required");
  }
  EXPECT_EQ(svc.Decide(officer, a, "approve", "", 0, {}).error().fields[0].field, "decision");
  EXPECT_EQ(svc.Decide(officer, a, "reject", std::string(1001, 'x'), 0, {}).error().fields[0].key,
            "err.review.reason_long");
  auto ok = svc.Decide(officer, a, "verify", "", 0, {"verifikasi", "127.0.0.1", "r1"});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->state, "verified");
  EXPECT_EQ(console::MaskNik("3273014101900001"), "327301******0001");
  EXPECT_EQ(svc.SetPurpose(9, "csrf", "curiosity").error().fields[0].field, "purpose");
  ASSERT_TRUE(svc.SetPurpose(9, "csrf", "statistik").ok());
  EXPECT_EQ(svc.Purpose("csrf"), "statistik");
  EXPECT_EQ(svc.Purpose("other"), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleStoreTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
