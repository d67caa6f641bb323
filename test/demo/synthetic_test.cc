// The synthetic population on the real reference data (web/node_modules, data/missions.csv).
#include "demo/synthetic.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>

#include "modules/reference/loader.h"
#include "modules/registry/codec.h"
#include "modules/registry/nik.h"
#include "support/test_db.h"

namespace peduli::demo {
namespace {

class SyntheticTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tdb_ = new peduli::testing::TestDatabase("sqlite");
    auto svc = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(svc.ok()) << svc.error().message;
    ref_ = svc.value().release();
    pop_ = new Population(*ref_);
  }
  static void TearDownTestSuite() {
    delete pop_;
    delete ref_;
    delete tdb_;
  }

  static peduli::testing::TestDatabase* tdb_;
  static reference::ReferenceService* ref_;
  static Population* pop_;
};

peduli::testing::TestDatabase* SyntheticTest::tdb_ = nullptr;
reference::ReferenceService* SyntheticTest::ref_ = nullptr;
Population* SyntheticTest::pop_ = nullptr;

std::string Describe(const registry::ValidationOutcome& v) {
  std::string out;
  for (const auto& e : v.errors) out += e.field + "=" + e.key + " ";
  return out;
}

TEST_F(SyntheticTest, TheFirstTwoThousandPeoplePassValidation) {
  ReferenceValidationContext ctx(*ref_, kAsOf);
  std::map<std::string, int> categories, countries, flags;
  int with_family = 0;
  for (uint64_t i = 0; i < 2000; ++i) {
    registry::LaporDiri p = pop_->Person(i);
    registry::ValidationOutcome v = registry::ValidateLaporDiri(p, ctx);
    ASSERT_TRUE(v.ok()) << "person " << i << ": " << Describe(v) << "\n"
                        << registry::ToJson(p).dump(1);
    // Already in normal form: what is generated is what would be stored.
    EXPECT_EQ(registry::ToJson(v.normalized), registry::ToJson(p)) << "person " << i;
    EXPECT_EQ(p.identity.origin_regency.substr(0, 2) + p.identity.origin_regency.substr(3, 2),
              p.identity.nik.substr(0, 4));
    EXPECT_FALSE(pop_->MissionOf(p).empty());
    ++categories[p.stay.category];
    ++countries[p.stay.country];
    for (const auto& f : v.flags) ++flags[f];
    with_family += !p.family.empty();
  }
  EXPECT_EQ(categories.size(), 7u);
  EXPECT_NEAR(categories["pmi"], 900, 90);
  EXPECT_NEAR(countries["MY"], 600, 80);
  EXPECT_NEAR(countries["SA"], 240, 50);
  EXPECT_GT(countries.size(), 40u);
  EXPECT_NEAR(flags[registry::kFlagPassportExpired], 60, 30);
  EXPECT_EQ(flags[registry::kFlagNikOldDistrict], 0);
  EXPECT_GT(with_family, 400);
}

TEST_F(SyntheticTest, IsAPureFunctionOfSeedAndIndex) {
  Population again(*ref_);
  for (uint64_t i : std::vector<uint64_t>{0, 1, 9998, 9999, 123456789}) {
    EXPECT_EQ(registry::ToJson(pop_->Person(i)), registry::ToJson(pop_->Person(i)));
    EXPECT_EQ(registry::ToJson(again.Person(i)), registry::ToJson(pop_->Person(i)));
  }
  Population other(*ref_, kDefaultSeed + 1);
  EXPECT_NE(registry::ToJson(other.Person(7)), registry::ToJson(pop_->Person(7)));
}

TEST_F(SyntheticTest, NikOfMatchesPerson) {
  for (uint64_t i = 0; i < 200; ++i) EXPECT_EQ(pop_->NikOf(i), pop_->Person(i).identity.nik);
}

TEST_F(SyntheticTest, NiksAreUniqueOverTheFirstTenMillion) {
  constexpr uint64_t kCount = 10000000;
  std::vector<uint64_t> niks;
  niks.reserve(kCount);
  for (uint64_t i = 0; i < kCount; ++i) niks.push_back(std::stoull(pop_->NikOf(i)));
  std::sort(niks.begin(), niks.end());
  EXPECT_EQ(std::adjacent_find(niks.begin(), niks.end()), niks.end());
}

TEST_F(SyntheticTest, IndexOfNikInvertsNikOf) {
  for (uint64_t i : std::vector<uint64_t>{0, 1, 9998, 9999, 10000, 999999, 10000000,
                                          Population::kIndexLimit - 1}) {
    auto back = pop_->IndexOfNik(pop_->NikOf(i));
    ASSERT_TRUE(back.has_value()) << i;
    EXPECT_EQ(*back, i);
  }
  for (uint64_t i = 0; i < 5000; ++i) {
    uint64_t index = (i * 0x9E3779B97F4A7C15ull) % Population::kIndexLimit;
    EXPECT_EQ(pop_->IndexOfNik(pop_->NikOf(index)), index);
  }
}

TEST_F(SyntheticTest, IndexOfNikRejectsOtherNiks) {
  std::string nik = pop_->NikOf(42);
  std::string other_district = nik;
  other_district[5] = other_district[5] == '1' ? '2' : '1';
  EXPECT_FALSE(pop_->IndexOfNik(other_district).has_value());
  EXPECT_FALSE(pop_->IndexOfNik("3273017112900000").has_value());  // serial 0000
  EXPECT_FALSE(pop_->IndexOfNik("327301711290").has_value());
  EXPECT_FALSE(pop_->IndexOfNik("32730171129x0001").has_value());
  EXPECT_FALSE(pop_->IndexOfNik("3273013112500001").has_value());  // YY 50 is 2050: out of range
}

TEST_F(SyntheticTest, SabahPeopleNameACityOfTheSplit) {
  std::set<std::string> missions;
  for (uint64_t i = 0; i < 20000 && missions.size() < 2; ++i) {
    auto p = pop_->Person(i);
    if (p.stay.subdivision != "MY-12") continue;
    auto a = ref_->ResolveMission(p.stay.country, p.stay.subdivision, p.stay.city);
    EXPECT_EQ(a.note, "") << p.stay.city;
    missions.insert(a.mission_code);
  }
  EXPECT_EQ(missions, (std::set<std::string>{"KJRI-KOTA-KINABALU", "KRI-TAWAU"}));
}

TEST_F(SyntheticTest, WriteCarriesMissionAndFlags) {
  ReferenceValidationContext ctx(*ref_, kAsOf);
  auto w = pop_->Write(3, ctx, 1800000000);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->mission_code, pop_->MissionOf(pop_->Person(3)));
  EXPECT_EQ(w->now, 1800000000);
  EXPECT_EQ(w->account_id, 0);
}

}  // namespace
}  // namespace peduli::demo
