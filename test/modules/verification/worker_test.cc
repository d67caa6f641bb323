// The queue's rules with fake registries and a fixed clock, on every backend.
#include "modules/verification/worker.h"

#include <gtest/gtest.h>

#include "demo/synthetic.h"
#include "fakes/fixed_clock.h"
#include "modules/reference/loader.h"
#include "modules/registry/prepare.h"
#include "modules/verification/checks.h"
#include "store/accounts_store.h"
#include "store/reference_store.h"
#include "support/test_db.h"

namespace peduli::verification {
namespace {

class FakeDukcapil final : public registries::Dukcapil {
 public:
  Result<registries::DukcapilVerdict> Verify(const registries::DukcapilQuery& q) override {
    ++calls;
    if (down) return Error::Unavailable("down");
    return registries::DukcapilVerdict{true, {{"full_name", true}, {"birth_date", q.birth_date != "1999-01-01"}}};
  }
  bool down = false;
  int calls = 0;
};

class FakeImigrasi final : public registries::Imigrasi {
 public:
  Result<registries::PassportVerdict> Check(const registries::PassportQuery&) override {
    return registries::PassportVerdict{true, true, "revoked", "2030-01-01", {}};
  }
};

class FakeBp2mi final : public registries::Bp2mi {
 public:
  Result<std::vector<registries::Placement>> Placements(const std::string&) override { return placements; }
  std::vector<registries::Placement> placements;
};

class WorkerTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 2);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    records_ = std::make_unique<store::RegistryStore>(&tdb_->db());
    jobs_ = std::make_unique<store::VerificationStore>(&tdb_->db());
    WorkerOptions o;
    o.max_attempts = 3;
    o.retry_base_seconds = 10;
    worker_ = std::make_unique<Worker>(jobs_.get(), records_.get(), &dukcapil_, &imigrasi_, &bp2mi_,
                                       &clock_, nullptr, o);
  }

  // Stores synthetic person `i` as a new record with its checks queued.
  int64_t Store(uint64_t i) {
    demo::Population pop(*ref_);
    registry::ReferenceContext ctx(*ref_, demo::kAsOf);
    auto w = registry::PrepareWrite(pop.Person(i), ctx, *ref_, clock_.NowUnix());
    EXPECT_TRUE(w.ok());
    w->verify = SystemsToCheck(nullptr, w->data);
    auto id = records_->Create(*w, "PWNI-T-" + std::to_string(i), "code" + std::to_string(i) + "xxxxxxxxxxxxxxxxxx", "{}");
    EXPECT_TRUE(id.ok());
    return *id;
  }

  std::string State(int64_t citizen, const std::string& system) {
    auto results = jobs_->Results(citizen);
    for (const auto& r : *results) {
      if (r.system == system) return r.state;
    }
    return "";
  }

  peduli::testing::FixedClock clock_;
  FakeDukcapil dukcapil_;
  FakeImigrasi imigrasi_;
  FakeBp2mi bp2mi_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  std::unique_ptr<store::RegistryStore> records_;
  std::unique_ptr<store::VerificationStore> jobs_;
  std::unique_ptr<Worker> worker_;
};

TEST_P(WorkerTest, VerdictsAreStoredAndEachJobRunsOnce) {
  int64_t id = Store(3);
  EXPECT_EQ(State(id, kDukcapil), "pending");
  int ran = 0;
  while (int n = worker_->RunOnce("w1")) ran += n;
  EXPECT_GE(ran, 2);
  EXPECT_EQ(State(id, kDukcapil), "match");
  EXPECT_EQ(State(id, kImigrasi), "mismatch") << "a revoked passport";
  EXPECT_EQ(dukcapil_.calls, 1);
  EXPECT_EQ(worker_->RunOnce("w2"), 0) << "nothing left";
}

TEST_P(WorkerTest, AnOutageRetriesWithBackoffThenParksForAnOfficer) {
  int64_t id = Store(4);
  dukcapil_.down = true;
  worker_->RunOnce("w1");
  EXPECT_EQ(State(id, kDukcapil), "pending");
  EXPECT_EQ(worker_->RunOnce("w1"), 0) << "the retry waits for its backoff";
  for (int attempt = 2; attempt <= 3; ++attempt) {
    clock_.Advance(3600);
    EXPECT_GE(worker_->RunOnce("w1"), 1);
  }
  EXPECT_EQ(State(id, kDukcapil), "error");
  auto parked = jobs_->NeedsAttention("", 10);
  ASSERT_EQ(parked->size(), 1u);
  EXPECT_EQ((*parked)[0].system, kDukcapil);
  EXPECT_EQ((*parked)[0].attempts, 3);
  // An officer asks again once the registry is back.
  dukcapil_.down = false;
  ASSERT_TRUE(jobs_->EnqueueManual(id, {kDukcapil}, 99, clock_.NowUnix()).ok());
  worker_->RunOnce("w1");
  EXPECT_EQ(State(id, kDukcapil), "match");
}

TEST_P(WorkerTest, ACrashedWorkersLeaseExpiresAndItsLateVerdictIsDropped) {
  int64_t id = Store(5);
  auto claimed = jobs_->Claim("crashed", clock_.NowUnix(), 60, 10);
  ASSERT_TRUE(claimed.ok());
  ASSERT_FALSE(claimed->empty());
  EXPECT_EQ(worker_->RunOnce("w1"), 0) << "leased jobs are not taken";
  clock_.Advance(61);
  EXPECT_GE(worker_->RunOnce("w1"), 1) << "an expired lease is taken over";
  EXPECT_EQ(State(id, kDukcapil), "match");
  store::VerificationResult late{kDukcapil, "mismatch", {"identity.full_name"}, "{}", "{}"};
  auto stored = jobs_->Finish((*claimed)[0], "crashed", late, clock_.NowUnix());
  ASSERT_TRUE(stored.ok());
  EXPECT_FALSE(*stored);
  EXPECT_EQ(State(id, kDukcapil), "match");
}

TEST_P(WorkerTest, AClaimTakesNoMoreThanItsLimit) {
  // Two citizens' checks queued (two or more jobs each). The outbox's lease, the same
  // pattern, claimed every due row on PostgreSQL (OutboxRateTest); this plan did not, but
  // the pick is materialised all the same and the limit is asserted here.
  Store(6);
  Store(7);
  auto one = jobs_->Claim("w1", clock_.NowUnix(), 60, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
  auto three = jobs_->Claim("w2", clock_.NowUnix(), 60, 3);
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(three->size(), 3u);
}

TEST(ChecksTest, Bp2miDifferencesAreProtectionRisksNotErrors) {
  registry::LaporDiri d;
  d.stay.country = "MY";
  d.stay.category = "pmi";
  d.stay.pmi.employer_name = "Tan Ah Kow";
  Date today{2026, 11, 27};
  auto none = FromBp2mi({}, d, today);
  EXPECT_EQ(none.state, "not_found");
  EXPECT_EQ(none.detail["risks"][0], "no_placement_record");
  auto other = FromBp2mi({{"Lim Bee Hoon", "MY", "PT A", "2024-01-01", "2027-01-01", "active"}}, d, today);
  EXPECT_EQ(other.state, "mismatch");
  EXPECT_EQ(other.mismatched[0], "stay.pmi.employer_name");
  auto ended = FromBp2mi({{"TAN  ah kow", "MY", "PT A", "2022-01-01", "2025-01-01", "ended"}}, d, today);
  EXPECT_EQ(ended.state, "match") << "names compare case- and space-insensitively";
  EXPECT_EQ(ended.detail["risks"][0], "contract_expired");
}

TEST(ChecksTest, OnlyChangedInputsAreCheckedAgain) {
  registry::LaporDiri a;
  a.identity.nik = "3273014108900001";
  a.stay.category = "pmi";
  EXPECT_EQ(SystemsToCheck(nullptr, a), (std::vector<std::string>{kDukcapil, kImigrasi, kBp2mi}));
  registry::LaporDiri b = a;
  b.stay.address = "elsewhere";
  EXPECT_TRUE(SystemsToCheck(&a, b).empty());
  b.passport.number = "C7654321";
  EXPECT_EQ(SystemsToCheck(&a, b), (std::vector<std::string>{kImigrasi}));
  b.identity.full_name = "Nama Baru";
  EXPECT_EQ(SystemsToCheck(&a, b), (std::vector<std::string>{kDukcapil, kImigrasi}));
  b.stay.pmi.employer_name = "Majikan Baru";
  EXPECT_EQ(SystemsToCheck(&a, b).back(), kBp2mi);
}

INSTANTIATE_TEST_SUITE_P(Backends, WorkerTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::verification
