// Contract of BulkLoadCitizens, on every backend, with synthetic people over the real
// reference data.
#include "store/bulk_load.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "demo/synthetic.h"
#include "modules/reference/loader.h"
#include "modules/registry/codec.h"
#include "support/test_db.h"

namespace peduli::store {
namespace {

constexpr int64_t kNow = 1795737600;  // 2026-11-27T00:00:00Z

class BulkLoadTest : public ::testing::TestWithParam<std::string> {
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

  static std::vector<CitizenWrite> People(uint64_t first, uint64_t count) {
    demo::ReferenceValidationContext ctx(*ref_, demo::kAsOf);
    std::vector<CitizenWrite> out;
    for (uint64_t i = first; i < first + count; ++i) {
      auto w = pop_->Write(i, ctx, kNow);
      EXPECT_TRUE(w.ok()) << "person " << i;
      if (w.ok()) out.push_back(std::move(w.value()));
    }
    return out;
  }

  int64_t Count(const std::string& sql) {
    auto lease = tdb_.db().Acquire();
    auto r = (*lease)->QueryOne(sql);
    EXPECT_TRUE(r.ok()) << sql << ": " << (r.ok() ? "" : r.error().message);
    return r.ok() ? r->Int(0) : -1;
  }

  static size_t FamilyOf(const std::vector<CitizenWrite>& people) {
    size_t n = 0;
    for (const auto& p : people) n += p.data.family.size();
    return n;
  }

  static peduli::testing::TestDatabase* ref_db_;
  static reference::ReferenceService* ref_;
  static demo::Population* pop_;
  peduli::testing::TestDatabase tdb_{GetParam()};
};

peduli::testing::TestDatabase* BulkLoadTest::ref_db_ = nullptr;
reference::ReferenceService* BulkLoadTest::ref_ = nullptr;
demo::Population* BulkLoadTest::pop_ = nullptr;

TEST_P(BulkLoadTest, LoadsCitizensStaysAndFamily) {
  auto people = People(0, 1000);
  // Small transactions and an odd statement size: full chunks, tails and several commits.
  BulkLoadOptions options;
  options.rows_per_statement = 37;
  options.people_per_transaction = 300;
  auto n = BulkLoadCitizens(tdb_.db(), people, options);
  ASSERT_TRUE(n.ok()) << n.error().message;
  EXPECT_EQ(*n, 1000);

  EXPECT_EQ(Count("SELECT COUNT(*) FROM citizens"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM citizens WHERE status = 'active' AND account_id IS NULL "
                  "AND created_at = updated_at"),
            1000);
  EXPECT_EQ(Count("SELECT MIN(id) FROM citizens"), 1);
  EXPECT_EQ(Count("SELECT MAX(id) FROM citizens"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT nik) FROM citizens"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT registration_number) FROM citizens"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT verify_code) FROM citizens"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM citizens WHERE registration_number LIKE 'PWNI-2026-%'"),
            1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM stays WHERE ended_at IS NULL"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT citizen_id) FROM stays"), 1000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM family_members"), static_cast<int64_t>(FamilyOf(people)));

  // Person 0 went in first, with id 1: check one row column by column against the input.
  const CitizenWrite& p = people[0];
  auto lease = tdb_.db().Acquire();
  auto row = (*lease)->QueryOne(
      "SELECT c.nik, c.full_name, c.birth_date, c.passport_number, c.emergency_phone, c.flags, "
      "s.country, s.subdivision, s.city, s.phone, s.category, s.details, s.mission_code, "
      "s.started_at FROM citizens c JOIN stays s ON s.citizen_id = c.id WHERE c.id = 1");
  ASSERT_TRUE(row.ok()) << row.error().message;
  EXPECT_EQ(row->Text(0), p.data.identity.nik);
  EXPECT_EQ(row->Text(1), p.data.identity.full_name);
  EXPECT_EQ(row->Text(2), p.data.identity.birth_date);
  EXPECT_EQ(row->Text(3), p.data.passport.number);
  EXPECT_EQ(row->Text(4), p.data.emergency_contact.phone);
  EXPECT_EQ(row->Text(5), nlohmann::json(p.flags).dump());
  EXPECT_EQ(row->Text(6), p.data.stay.country);
  EXPECT_EQ(row->Text(7), p.data.stay.subdivision);
  EXPECT_EQ(row->Text(8), p.data.stay.city);
  EXPECT_EQ(row->Text(9), p.data.stay.phone);
  EXPECT_EQ(row->Text(10), p.data.stay.category);
  EXPECT_EQ(row->Text(12), p.mission_code);
  EXPECT_EQ(row->Int(13), kNow);
}

TEST_P(BulkLoadTest, VerifyCodesFromAKeyedHashAreUniqueAndServeTheReceipt) {
  auto people = People(0, 500);
  BulkLoadOptions options;
  options.verify_codes = VerifyCodes::kKeyedHash;
  ASSERT_TRUE(BulkLoadCitizens(tdb_.db(), people, options).ok());
  EXPECT_EQ(Count("SELECT COUNT(DISTINCT verify_code) FROM citizens"), 500);
  EXPECT_EQ(Count("SELECT MIN(LENGTH(verify_code)) FROM citizens"), 32);
  std::string code;
  {
    auto lease = tdb_.db().Acquire();
    auto r = (*lease)->QueryOne("SELECT verify_code FROM citizens WHERE id = 7");
    ASSERT_TRUE(r.ok());
    code = r->Text(0);
  }
  RegistryStore store(&tdb_.db());
  auto receipt = store.FindByVerifyCode(code);
  ASSERT_TRUE(receipt.ok());
  EXPECT_EQ(receipt->full_name, people[6].data.identity.full_name);
  EXPECT_TRUE(receipt->stay_active);
}

TEST_P(BulkLoadTest, LaterLoadsAndCreatesContinueAfterTheLoadedIds) {
  auto first = People(0, 1000);
  ASSERT_TRUE(BulkLoadCitizens(tdb_.db(), first).ok());
  auto second = People(1000, 10);
  ASSERT_TRUE(BulkLoadCitizens(tdb_.db(), second).ok());
  EXPECT_EQ(Count("SELECT MAX(id) FROM citizens"), 1010);

  // A normal write after the load: the identity sequence was moved past the loaded ids.
  RegistryStore store(&tdb_.db());
  auto fresh = People(5000, 1);
  auto id = store.Create(fresh[0], "PWNI-2026-TESTONE1", "verify-code-test-one-000000000001",
                         registry::ToJson(fresh[0].data).dump());
  ASSERT_TRUE(id.ok()) << id.error().message;
  EXPECT_EQ(*id, 1011);

  // A second account's claim on a loaded NIK is a conflict, recorded for an officer.
  int64_t claimant = 0;
  {
    auto lease = tdb_.db().Acquire();
    auto row = (*lease)->QueryOne(
        "INSERT INTO accounts (email, name, password_hash, created_at) "
        "VALUES ('claimant@example.test', 'C', 'x', 1) RETURNING id");
    ASSERT_TRUE(row.ok()) << row.error().message;
    claimant = row->Int(0);
  }
  auto claim = first[0];
  claim.account_id = claimant;
  auto again = store.Create(claim, "PWNI-2026-TESTTWO2", "verify-code-test-two-000000000002",
                            registry::ToJson(claim.data).dump());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Code::kConflict);
  EXPECT_EQ(again.error().message, "registry.nik_taken");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM duplicate_attempts WHERE existing_citizen_id = 1"), 1);

  // And a bulk load after that continues after the created id.
  ASSERT_TRUE(BulkLoadCitizens(tdb_.db(), People(2000, 3)).ok());
  EXPECT_EQ(Count("SELECT MAX(id) FROM citizens"), 1014);
}

TEST_P(BulkLoadTest, ADuplicateNikFailsItsTransactionOnly) {
  auto people = People(0, 20);
  ASSERT_TRUE(BulkLoadCitizens(tdb_.db(), {people.begin(), people.begin() + 10}).ok());
  // People 10..19, then person 3 again: the batch of 10..19 commits, the one with 3 fails.
  std::vector<CitizenWrite> more(people.begin() + 10, people.end());
  more.push_back(people[3]);
  BulkLoadOptions options;
  options.people_per_transaction = 10;
  auto r = BulkLoadCitizens(tdb_.db(), more, options);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM citizens"), 20);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM stays"), 20);
}

TEST_P(BulkLoadTest, AnEmptyListWritesNothing) {
  auto r = BulkLoadCitizens(tdb_.db(), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM citizens"), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, BulkLoadTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
