// The rules of UU 7/2017 as the list applies them: pure, judged on polling day.
#include "modules/election/eligibility.h"

#include <gtest/gtest.h>

namespace peduli::election {
namespace {

const Date kPolling = *Date::Parse("2029-02-14");

// An adult resident of Kuala Lumpur with a verified NIK: on the list at a TPSLN.
VoterFacts Voter() {
  VoterFacts f;
  f.citizen_id = 1;
  f.nik = "3201014101900001";
  f.full_name = "Siti Aminah";
  f.sex = "P";
  f.birth_date = "1990-01-01";
  f.marital_status = "belum_kawin";
  f.occupation = "Karyawan swasta";
  f.category = "resident";
  f.city = "Kuala Lumpur";
  f.mission_city = "Kuala Lumpur";
  f.address = "Jalan Ampang 1";
  f.nik_state = "match";
  return f;
}

Decision Judge(const VoterFacts& f) { return Decide(RuleSet{}, kPolling, f); }

TEST(Eligibility, AdultResidentVotesAtTheTpsln) {
  auto d = Judge(Voter());
  EXPECT_TRUE(d.included);
  EXPECT_EQ(d.method, kTpsln);
  EXPECT_EQ(d.reason, "");
}

TEST(Eligibility, SeventeenthBirthdayOnPollingDayCounts) {
  auto f = Voter();
  f.birth_date = "2012-02-14";
  EXPECT_TRUE(Judge(f).included);
}

TEST(Eligibility, SeventeenthBirthdayTheDayAfterDoesNot) {
  auto f = Voter();
  f.birth_date = "2012-02-15";
  auto d = Judge(f);
  EXPECT_FALSE(d.included);
  EXPECT_EQ(d.reason, kUnderAge);
}

TEST(Eligibility, MarriedAtSixteenVotes) {
  auto f = Voter();
  f.birth_date = "2012-08-01";
  f.marital_status = "kawin";
  EXPECT_TRUE(Judge(f).included);
  f.marital_status = "cerai_hidup";  // married before: still eligible
  EXPECT_TRUE(Judge(f).included);
}

TEST(Eligibility, TniAndPolriMembersAreExcludedButRetireesVote) {
  auto f = Voter();
  for (const char* job : {"Anggota TNI", "TNI-AD", "POLRI", "anggota kepolisian"}) {
    f.occupation = job;
    auto d = Judge(f);
    EXPECT_FALSE(d.included) << job;
    EXPECT_EQ(d.reason, kArmedForces) << job;
  }
  for (const char* job : {"Pensiunan TNI", "Purnawirawan Polri", "Konsultan Antni"}) {
    f.occupation = job;
    EXPECT_TRUE(Judge(f).included) << job;
  }
}

TEST(Eligibility, StayEndingTheDayBeforePollingDayIsExcluded) {
  auto f = Voter();
  f.expected_end_date = "2029-02-13";
  EXPECT_EQ(Judge(f).reason, kStayEnds);
  f.expected_end_date = "2029-02-14";  // not after polling day: gone by then
  EXPECT_EQ(Judge(f).reason, kStayEnds);
  f.expected_end_date = "2029-02-15";
  EXPECT_TRUE(Judge(f).included);
  f.expected_end_date = "";  // no end date: abroad
  EXPECT_TRUE(Judge(f).included);
}

TEST(Eligibility, RevokedRightIsExcluded) {
  auto f = Voter();
  f.revoked = true;
  auto d = Judge(f);
  EXPECT_FALSE(d.included);
  EXPECT_EQ(d.reason, kRevoked);
}

TEST(Eligibility, UnverifiedAndDuplicateNiksAreExcluded) {
  auto f = Voter();
  f.nik_state = "pending";
  EXPECT_EQ(Judge(f).reason, kUnverifiedNik);
  f.nik_state = "";
  EXPECT_EQ(Judge(f).reason, kUnverifiedNik);
  f.nik_state = "match";
  f.duplicate_open = true;
  EXPECT_EQ(Judge(f).reason, kDuplicateNik);
}

TEST(Eligibility, LeapDayBirthdaysTurnSeventeenOnTheFirstOfMarch) {
  // Born 29 February 2012; 2029 has no 29 February.
  EXPECT_EQ(AgeOn(*Date::Parse("2012-02-29"), *Date::Parse("2029-02-28")), 16);
  EXPECT_EQ(AgeOn(*Date::Parse("2012-02-29"), *Date::Parse("2029-03-01")), 17);
  EXPECT_FALSE(Date::Parse("2029-02-29"));  // the calendar has no such polling day
  // In a leap year, on the day itself.
  EXPECT_EQ(AgeOn(Date{2008, 2, 29}, *Date::Parse("2025-02-28")), 16);
  EXPECT_EQ(AgeOn(Date{2008, 2, 29}, *Date::Parse("2024-02-29")), 16);
  EXPECT_EQ(AgeOn(Date{2007, 2, 28}, *Date::Parse("2024-02-28")), 17);
  EXPECT_EQ(AgeOn(Date{2007, 2, 28}, *Date::Parse("2024-02-29")), 17);

  auto f = Voter();
  f.birth_date = "2012-02-29";
  EXPECT_EQ(Decide(RuleSet{}, *Date::Parse("2029-02-28"), f).reason, kUnderAge);
  EXPECT_TRUE(Decide(RuleSet{}, *Date::Parse("2029-03-01"), f).included);
  f.birth_date = "2008-02-29";
  EXPECT_FALSE(Decide(RuleSet{}, *Date::Parse("2025-02-28"), f).included);
  EXPECT_TRUE(Decide(RuleSet{}, *Date::Parse("2025-03-01"), f).included);
}

TEST(Eligibility, MissingBirthDateIsAReasonNotAGuess) {
  auto f = Voter();
  f.birth_date = "";
  EXPECT_EQ(Judge(f).reason, kNoBirthDate);
}

TEST(Eligibility, MethodDefaultsByCategoryAndCity) {
  auto f = Voter();
  f.category = "crew";
  EXPECT_EQ(DefaultMethod(RuleSet{}, f), kPos);
  f.category = "pmi";
  f.employer_name = "Ladang Sawit Sdn Bhd";
  EXPECT_EQ(DefaultMethod(RuleSet{}, f), kKsk);
  f.employer_name = "Restoran Nasi Padang";
  EXPECT_EQ(DefaultMethod(RuleSet{}, f), kTpsln);
  f.category = "student";
  f.city = "Johor Bahru";  // far from the mission's city: by post
  EXPECT_EQ(DefaultMethod(RuleSet{}, f), kPos);
  f.city = " kuala lumpur ";
  EXPECT_EQ(DefaultMethod(RuleSet{}, f), kTpsln);
}

TEST(Eligibility, OfficerOverrideWins) {
  auto f = Voter();
  f.method_override = kKsk;
  EXPECT_EQ(Judge(f).method, kKsk);
}

TEST(Eligibility, PostalVotersNeedACheckedAddress) {
  auto f = Voter();
  f.city = "Penang";
  auto d = Judge(f);
  EXPECT_TRUE(d.included);
  EXPECT_EQ(d.method, kPos);
  EXPECT_EQ(d.reason, kPostalUnchecked);  // a problem on the list, not a silent inclusion
  f.address_checked = true;
  EXPECT_EQ(Judge(f).reason, "");
  f.address = " ";
  d = Judge(f);
  EXPECT_FALSE(d.included);
  EXPECT_EQ(d.reason, kPostalNoAddress);
}

TEST(Eligibility, FirstReasonInTheDocumentedOrder) {
  auto f = Voter();
  f.birth_date = "2015-01-01";
  f.occupation = "TNI";
  f.nik_state = "";
  EXPECT_EQ(Judge(f).reason, kUnderAge);
  f.birth_date = "1990-01-01";
  EXPECT_EQ(Judge(f).reason, kArmedForces);
}

TEST(RuleSet, RoundTripsAndRejectsNonsense) {
  RuleSet r;
  r.min_age = 18;
  auto back = RuleSet::FromJson(r.ToJson());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->ToJson(), r.ToJson());
  EXPECT_FALSE(RuleSet::FromJson({{"unit_size", 0}}).ok());
  EXPECT_FALSE(RuleSet::FromJson({{"min_age", "x"}}).ok());
}

}  // namespace
}  // namespace peduli::election
