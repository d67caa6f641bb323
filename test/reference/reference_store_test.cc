// Contract of the reference store and of the loader, run on every backend.
#include "store/reference_store.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "modules/reference/loader.h"
#include "modules/reference/service.h"
#include "support/test_db.h"

namespace peduli::reference {
namespace {

const std::string kRoot = PEDULI_SOURCE_DIR;

store::ReferenceData SmallData() {
  store::ReferenceData d;
  d.provinces = {{"32", "Jawa Barat"}, {"11", "Aceh"}};
  d.regencies = {{"32.73", "32", "Kota Bandung"}};
  d.districts = {{"32.73.01", "32.73", "Sukasari"}};
  d.countries = {{"MY", "Malaysia", "Malaysia"}, {"IL", "Israel", "Israel"}};
  d.subdivisions = {{"MY-12", "MY", "Sabah"}, {"MY-01", "MY", "Johor"}};
  d.missions = {
      {"KBRI-KUALA-LUMPUR", "KBRI", "KBRI Kuala Lumpur", "Kuala Lumpur", "MY", "Asia/Kuala_Lumpur",
       "", "", "src S1, \"quoted\""},
      {"KRI-TAWAU", "KRI", "KRI Tawau", "Tawau", "MY", "Asia/Kuching", "", "", ""},
  };
  // Deliberately not in code order: the store keeps the given order.
  d.jurisdictions = {
      {"KRI-TAWAU", "MY", "MY-12", "Tawau", false},
      {"KBRI-KUALA-LUMPUR", "MY", "MY-01", "", true},
      {"KBRI-KUALA-LUMPUR", "MY", "", "", false},
  };
  return d;
}

int64_t Count(store::Database& db, const std::string& sql) {
  auto lease = db.Acquire();
  auto row = (*lease)->QueryOne(sql);
  return row.ok() ? row->Int(0) : -1;
}

class ReferenceStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  peduli::testing::TestDatabase tdb_{GetParam()};
  std::unique_ptr<store::ReferenceStore> store_ = store::NewReferenceStore(tdb_.db());
};

TEST_P(ReferenceStoreTest, ReplaceThenReadAllRoundTrips) {
  auto v = store_->Version();
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(*v, "");

  auto replaced = store_->Replace(SmallData(), "v1");
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_TRUE(*replaced);
  EXPECT_EQ(*store_->Version(), "v1");

  auto d = store_->ReadAll();
  ASSERT_TRUE(d.ok()) << d.error().message;
  ASSERT_EQ(d->provinces.size(), 2u);
  EXPECT_EQ(d->provinces[0].code, "11");  // sorted by code
  EXPECT_EQ(d->regencies[0].province_code, "32");
  EXPECT_EQ(d->districts[0].name, "Sukasari");
  ASSERT_EQ(d->missions.size(), 2u);
  EXPECT_EQ(d->missions[0].notes, "src S1, \"quoted\"");
  EXPECT_EQ(d->missions[1].address, "");  // stored as NULL, read as ""
  ASSERT_EQ(d->jurisdictions.size(), 3u);
  EXPECT_EQ(d->jurisdictions[0].mission_code, "KRI-TAWAU");
  EXPECT_EQ(d->jurisdictions[0].city, "Tawau");
  EXPECT_TRUE(d->jurisdictions[1].uncertain);
  EXPECT_EQ(d->jurisdictions[2].subdivision, "");
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM mission_jurisdictions WHERE city IS NULL"), 2);
}

TEST_P(ReferenceStoreTest, ReplaceWithTheStoredVersionWritesNothing) {
  ASSERT_TRUE(store_->Replace(SmallData(), "v1").ok());
  store::ReferenceData other;
  other.provinces = {{"99", "Nowhere"}};
  auto again = store_->Replace(other, "v1");
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM provinces"), 2);

  auto newer = store_->Replace(other, "v2");
  ASSERT_TRUE(newer.ok());
  EXPECT_TRUE(*newer);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM provinces"), 1);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM missions"), 0);
}

TEST_P(ReferenceStoreTest, BulkInsertCoversFullBatchesAndTheRest) {
  store::ReferenceData d;
  for (int i = 0; i < 451; ++i) {
    char code[16];
    std::snprintf(code, sizeof code, "%03d", i);
    d.countries.push_back({code, "id", "en"});
  }
  ASSERT_TRUE(store_->Replace(d, "bulk").ok());
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM countries"), 451);
  auto all = store_->ReadAll();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->countries.back().code, "450");
}

TEST_P(ReferenceStoreTest, FailedReplaceLeavesThePreviousData) {
  ASSERT_TRUE(store_->Replace(SmallData(), "v1").ok());
  store::ReferenceData dup;
  dup.provinces = {{"32", "Jawa Barat"}, {"32", "Again"}};  // primary key violation
  auto r = store_->Replace(dup, "v2");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kConflict);
  EXPECT_EQ(*store_->Version(), "v1");
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM missions"), 2);
}

class ReferenceLoaderTest : public ReferenceStoreTest {};

TEST_P(ReferenceLoaderTest, LoadsTheRealDataOnceAndOnlyAgainWhenItChanges) {
  auto s = LoadReferenceData(tdb_.db(), kRoot + "/web", kRoot + "/data");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM provinces"), 38);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM regencies"), 514);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM districts"), 7285);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM countries"), 250);
  EXPECT_GT(Count(tdb_.db(), "SELECT COUNT(*) FROM subdivisions"), 4900);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM missions"), 134);
  EXPECT_GT(Count(tdb_.db(), "SELECT COUNT(*) FROM mission_jurisdictions"), 700);
  auto version = store_->Version();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(version->size(), 64u);

  // A row the loader does not know about survives a second load: nothing was rewritten.
  {
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE((*lease)->Exec("INSERT INTO provinces (code, name) VALUES ('99', 'marker')").ok());
  }
  s = LoadReferenceData(tdb_.db(), kRoot + "/web", kRoot + "/data");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM provinces WHERE code = '99'"), 1);
  EXPECT_EQ(*store_->Version(), *version);

  // Another version stored (an older package, say): the next load replaces everything.
  {
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE(
        (*lease)->Exec("UPDATE reference_meta SET value = 'old' WHERE key = 'version'").ok());
  }
  s = LoadReferenceData(tdb_.db(), kRoot + "/web", kRoot + "/data");
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM provinces WHERE code = '99'"), 0);
  EXPECT_EQ(*store_->Version(), *version);

  auto svc = ReferenceService::Load(*store_);
  ASSERT_TRUE(svc.ok());
  Assignment a = (*svc)->ResolveMission("MY", "MY-12", "Tawau");
  EXPECT_EQ(a.mission_code, "KRI-TAWAU");
  EXPECT_EQ(a.note, "");
  EXPECT_NE((*svc)->DistrictByNik("327301"), nullptr);
}

TEST_P(ReferenceLoaderTest, ServersStartingAtOnceLoadOnce) {
  std::vector<Status> results(3);
  std::vector<std::thread> threads;
  for (auto& r : results) {
    threads.emplace_back(
        [&r, this] { r = LoadReferenceData(tdb_.db(), kRoot + "/web", kRoot + "/data"); });
  }
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM districts"), 7285);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM missions"), 134);
}

TEST_P(ReferenceLoaderTest, RejectsMissionsNamingAnUnknownSubdivision) {
  ASSERT_TRUE(LoadReferenceData(tdb_.db(), kRoot + "/web", kRoot + "/data").ok());
  auto before = store_->Version();
  std::string dir = peduli::testing::MakeTempDir();
  {
    std::ofstream out(dir + "/missions.csv");
    out << "# a comment line\n"
           "code,type,name,city,country,timezone,serves_countries,serves_subdivisions,"
           "serves_cities,notes,address,phone\n"
           "HQ-PWNI,HQ,\"Direktorat PWNI (Kemlu, Jakarta)\",Jakarta,ID,Asia/Jakarta,,,,,,\n"
           "KBRI-X,KBRI,KBRI X,X,MY,Asia/Kuala_Lumpur,MY,MY-99,,\"a, b\",,\n";
  }
  auto s = LoadReferenceData(tdb_.db(), kRoot + "/web", dir);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("MY-99"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("missions.csv:4"), std::string::npos) << s.error().message;
  EXPECT_EQ(*store_->Version(), *before);
  EXPECT_EQ(Count(tdb_.db(), "SELECT COUNT(*) FROM missions"), 134);
  std::filesystem::remove_all(dir);
}

TEST(ReferenceSourcesTest, MissingFilesAreNamed) {
  auto src = ReadReferenceSources("/nonexistent", kRoot + "/data");
  ASSERT_FALSE(src.ok());
  EXPECT_NE(src.error().message.find("provinces.csv"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(ReferenceBackends, ReferenceStoreTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));
INSTANTIATE_TEST_SUITE_P(ReferenceBackends, ReferenceLoaderTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::reference
