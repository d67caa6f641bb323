// Contract of the storage layer, run on every backend.
#include "store/db.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

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

// SQLite's WAL is copied back into the database file while connections stay open (the
// Checkpointer), and started over under a steady load of writers and readers: a busy server
// keeps a WAL of about a second of writes, not one that grows until the last connection
// closes (SQLite starts it over by itself only when no reader is using it, which such a
// load rarely gives it).
TEST(SqliteCheckpointTest, TheWalIsCopiedBackAndStartedOverUnderLoad) {
  namespace fs = std::filesystem;
  const std::string dir = peduli::testing::MakeTempDir();
  const std::string path = dir + "/wal.db";
  {
    auto db = Open(path, 4);
    ASSERT_TRUE(db.ok()) << db.error().message;
    auto write_pages = [&](int n) {  // n rows of about one 4 KiB page each
      return InTransaction(**db, true, [n](Connection& c) {
        return c.Exec(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1) "
            "INSERT INTO pages (b) SELECT randomblob(3000) FROM n",
            {int64_t{n}});
      });
    };
    {
      auto lease = (*db)->Acquire();
      ASSERT_TRUE(lease.ok());
      ASSERT_TRUE((*lease)->Exec("CREATE TABLE pages (b BLOB)").ok());
    }
    ASSERT_TRUE(write_pages(2000).ok());
    // Copied back: the database file itself comes to hold the pages, connections open.
    for (int i = 0; i < 100 && fs::file_size(path) <= 2000u * 4096; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    ASSERT_GT(fs::file_size(path), 2000u * 4096);

    // Two writers and a reader for 6 s, 1 ms apart each: every commit writes a few frames
    // (a new page of the table, its root, the header) and the file grows by one page.
    const auto file_before = fs::file_size(path);
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> load;
    auto pace = [] { std::this_thread::sleep_for(std::chrono::milliseconds(1)); };
    for (int w = 0; w < 2; ++w)
      load.emplace_back([&] {
        for (; !stop; pace())
          if (!write_pages(1).ok()) ++failures;
      });
    load.emplace_back([&] {
      for (; !stop; pace()) {
        auto lease = (*db)->Acquire();
        if (!lease.ok() || !(*lease)->QueryOne("SELECT MAX(rowid) FROM pages").ok()) ++failures;
      }
    });
    std::this_thread::sleep_for(std::chrono::seconds(6));
    stop = true;
    for (auto& t : load) t.join();
    EXPECT_EQ(failures, 0);
    // A WAL never started over holds all those frames: 3.6 times what the file grew by, as
    // measured. Started over about once a second, it holds the last second or two of them
    // (0.6 times, as measured).
    const auto wal = fs::file_size(path + "-wal"), grown = fs::file_size(path) - file_before;
    EXPECT_GT(grown, 1000u * 4096);
    EXPECT_LT(wal, 2 * grown) << "WAL " << wal << " bytes, database file grew " << grown << " bytes";
  }
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
