#include "modules/registry/nik.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "modules/registry/model.h"

namespace peduli::registry {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// Today's list: district 32.73.01 (Kota Bandung, Sukasari) and 35.78.01 exist; regencies
// 32.73 and 35.78. "327399" is not a district today but its regency is; "999999" is nothing.
class FakeRegions : public RegionIndex {
 public:
  bool DistrictExists(std::string_view d) const override { return districts_.count(std::string(d)); }
  bool RegencyExists(std::string_view r) const override { return regencies_.count(std::string(r)); }

 private:
  std::set<std::string> districts_{"327301", "357801"};
  std::set<std::string> regencies_{"3273", "3578"};
};

Date D(const char* s) { return *Date::Parse(s); }

std::vector<std::string> Keys(const NikCheck& c) {
  std::vector<std::string> keys;
  for (const auto& e : c.errors) {
    EXPECT_EQ(e.field, "identity.nik");
    keys.push_back(e.key);
  }
  return keys;
}

class CheckNikTest : public ::testing::Test {
 protected:
  FakeRegions regions_;
};

TEST(ParseNikTest, SplitsTheParts) {
  auto p = ParseNik("3273017112900002");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->district, "327301");
  EXPECT_EQ(p->regency(), "3273");
  EXPECT_EQ(p->province(), "32");
  EXPECT_EQ(p->encoded_day, 71u);
  EXPECT_TRUE(p->female());
  EXPECT_EQ(p->birth_day(), 31u);
  EXPECT_EQ(p->month, 12u);
  EXPECT_EQ(p->year2, 90u);
  EXPECT_EQ(p->serial, "0002");
  EXPECT_TRUE(p->DatePossible());
}

TEST(ParseNikTest, MaleDayIsWrittenAsIs) {
  auto p = ParseNik("3273010508950001");
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->female());
  EXPECT_EQ(p->birth_day(), 5u);
}

TEST(ParseNikTest, RejectsWrongLengthAndNonDigitsOnTheGivenField) {
  auto short_nik = ParseNik("327301050895001");
  ASSERT_FALSE(short_nik.ok());
  EXPECT_EQ(short_nik.error().code, Code::kInvalid);
  ASSERT_EQ(short_nik.error().fields.size(), 1u);
  EXPECT_EQ(short_nik.error().fields[0].field, "identity.nik");
  EXPECT_EQ(short_nik.error().fields[0].key, "err.nik.length");

  EXPECT_EQ(ParseNik("32730105089500011").error().fields[0].key, "err.nik.length");
  EXPECT_EQ(ParseNik("").error().fields[0].key, "err.nik.length");
  auto letters = ParseNik("32730105089500O1", "family.2.nik");  // letter O for zero
  ASSERT_FALSE(letters.ok());
  EXPECT_EQ(letters.error().fields[0].field, "family.2.nik");
  EXPECT_EQ(letters.error().fields[0].key, "err.nik.digits");
  EXPECT_EQ(ParseNik("3273 0105 0895 1").error().fields[0].key, "err.nik.digits");
}

TEST_F(CheckNikTest, AcceptsAManWhoseNikMatches) {
  auto c = CheckNik("3273010508950001", D("1995-08-05"), "L", regions_);
  EXPECT_THAT(c.errors, IsEmpty());
  EXPECT_THAT(c.flags, IsEmpty());
}

TEST_F(CheckNikTest, WomanBornOnThe31stHasDay71) {
  EXPECT_TRUE(CheckNik("3273017112900002", D("1990-12-31"), "P", regions_).ok());
  // Written without the +40 it says a man.
  EXPECT_THAT(Keys(CheckNik("3273013112900002", D("1990-12-31"), "P", regions_)),
              ElementsAre("err.nik.sex"));
  // A man cannot carry 71.
  EXPECT_THAT(Keys(CheckNik("3273017112900002", D("1990-12-31"), "L", regions_)),
              ElementsAre("err.nik.sex"));
}

TEST_F(CheckNikTest, LeapDay2000IsValidButNotIn2001) {
  EXPECT_TRUE(CheckNik("3273012902000003", D("2000-02-29"), "L", regions_).ok());
  // 29-02-01 is neither 1901 nor 2001 a date; only that is reported, whatever birth date.
  EXPECT_THAT(Keys(CheckNik("3273012902010004", D("2001-03-01"), "L", regions_)),
              ElementsAre("err.nik.date_invalid"));
  EXPECT_THAT(Keys(CheckNik("3273016902010004", std::nullopt, "P", regions_)),
              ElementsAre("err.nik.date_invalid"));
}

TEST_F(CheckNikTest, ImpossibleDatePartsAreInvalid) {
  for (const char* nik : {"3273013002950001",    // 30 February
                          "3273017002950001",    // 30 February, woman
                          "3273013104950001",    // 31 April
                          "3273013505950001",    // day 35: neither man nor woman
                          "3273017205950001",    // day 72
                          "3273010005950001",    // day 00
                          "3273011513950001",    // month 13
                          "3273011500950001"}) {  // month 00
    EXPECT_THAT(Keys(CheckNik(nik, std::nullopt, "", regions_)),
                ElementsAre("err.nik.date_invalid"))
        << nik;
  }
}

TEST_F(CheckNikTest, DatePartMustMatchTheBirthDate) {
  for (const char* birth : {"1995-08-06", "1995-09-05", "1985-08-05", "2005-08-05"}) {
    EXPECT_THAT(Keys(CheckNik("3273010508950001", D(birth), "L", regions_)),
                ElementsAre("err.nik.birthdate"))
        << birth;
  }
  // Only YY is written: 1995 and another century's 95 both match two digits.
  EXPECT_TRUE(CheckNik("3273014508950001", D("1995-08-05"), "P", regions_).ok());
}

TEST_F(CheckNikTest, UnknownBirthDateOrSexSkipsThoseChecks) {
  EXPECT_TRUE(CheckNik("3273014508950001", std::nullopt, "", regions_).ok());
  EXPECT_TRUE(CheckNik("3273014508950001", std::nullopt, "X", regions_).ok());
}

TEST_F(CheckNikTest, UnknownDistrictIsAnError) {
  EXPECT_THAT(Keys(CheckNik("9999990508950001", D("1995-08-05"), "L", regions_)),
              ElementsAre("err.nik.district"));
}

TEST_F(CheckNikTest, OldDistrictOfAnExistingRegencyIsFlaggedNotRejected) {
  auto c = CheckNik("3273990508950001", D("1995-08-05"), "L", regions_);
  EXPECT_THAT(c.errors, IsEmpty());
  EXPECT_THAT(c.flags, ElementsAre(kFlagNikOldDistrict));
}

TEST_F(CheckNikTest, SerialZeroIsAnError) {
  EXPECT_THAT(Keys(CheckNik("3273010508950000", D("1995-08-05"), "L", regions_)),
              ElementsAre("err.nik.serial"));
}

TEST_F(CheckNikTest, ReportsEveryProblemTogether) {
  EXPECT_THAT(Keys(CheckNik("9999994508950000", D("1996-08-05"), "L", regions_)),
              ElementsAre("err.nik.district", "err.nik.birthdate", "err.nik.sex",
                          "err.nik.serial"));
}

TEST_F(CheckNikTest, MalformedNikStopsThere) {
  EXPECT_THAT(Keys(CheckNik("12345", D("1995-08-05"), "L", regions_)),
              ElementsAre("err.nik.length"));
  EXPECT_THAT(Keys(CheckNik("327301050895000A", D("1995-08-05"), "L", regions_)),
              ElementsAre("err.nik.digits"));
}

}  // namespace
}  // namespace peduli::registry
