// Contract of the storage layer, run on every backend.
#include "store/db.h"

#include <gtest/gtest.h>

#include "support/test_db.h"

namespace peduli::store {
namespace {

class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  peduli::testing::TestDatabase tdb_{GetParam()};
};

TEST_P(DbTest, BindsByNumberWhateverTheOrderOfAppearance) {
  auto lease = tdb_.db().Acquire();
  ASSERT_TRUE(lease.ok());
  auto row = (*lease)->QueryOne("SELECT $2 || '-' || $1", {std::string("a"), std::string("b")});
  ASSERT_TRUE(row.ok()) << row.error().message;
  EXPECT_EQ(row->Text(0), "b-a");
}

TEST_P(DbTest, UniqueViolationIsConflictAndRollsBackEverything) {
  auto insert = [&](const std::string& email) {
    return InTransaction<int64_t>(tdb_.db(), true, [&](Connection& c) -> Result<int64_t> {
      auto r = c.QueryOne(
          "INSERT INTO accounts (email, name, password_hash, created_at) "
          "VALUES ($1, 'Siti', 'x', 0) RETURNING id",
          {email});
      if (!r.ok()) return r.take_error();
      // A second insert in the same transaction; its failure must undo the first.
      auto again = c.Exec(
          "INSERT INTO accounts (email, name, password_hash, created_at) VALUES ($1, 'B', 'x', 0)",
          {std::string("dup@example.test")});
      if (!again.ok()) return again.take_error();
      return r->Int(0);
    });
  };
  ASSERT_TRUE(insert("one@example.test").ok());
  auto second = insert("two@example.test");
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().code, Code::kConflict);
  auto lease = tdb_.db().Acquire();
  auto rows = (*lease)->Query("SELECT email FROM accounts ORDER BY email");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);  // one@ and dup@ from the first call; nothing of the second
  EXPECT_EQ((*rows)[0].Text(0), "dup@example.test");
  EXPECT_EQ((*rows)[1].Text(0), "one@example.test");
}

TEST_P(DbTest, NullsAndIntegersRoundTrip) {
  auto lease = tdb_.db().Acquire();
  auto row = (*lease)->QueryOne("SELECT CAST($1 AS BIGINT), $2", {int64_t{9007199254740993}, Null()});
  ASSERT_TRUE(row.ok()) << row.error().message;
  EXPECT_EQ(row->Int(0), 9007199254740993);
  EXPECT_TRUE(row->IsNull(1));
}

TEST_P(DbTest, PartialUniqueIndexAllowsOneCurrentStay) {
  auto lease = tdb_.db().Acquire();
  Connection& c = **lease;
  ASSERT_TRUE(c.Exec("INSERT INTO citizens (nik, registration_number, verify_code, created_at, "
                     "updated_at) VALUES ('3273014101900001', 'R1', 'v1', 0, 0)").ok());
  const char* stay =
      "INSERT INTO stays (citizen_id, mission_code, country, arrival_date, category, started_at, "
      "ended_at) VALUES (1, 'KBRI-X', 'MY', '2024-01-01', 'pmi', 0, $1)";
  ASSERT_TRUE(c.Exec(stay, {int64_t{5}}).ok());
  ASSERT_TRUE(c.Exec(stay, {Null()}).ok());
  auto second_current = c.Exec(stay, {Null()});
  ASSERT_FALSE(second_current.ok());
  EXPECT_EQ(second_current.error().code, Code::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
