#include "modules/registry/validation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

namespace peduli::registry {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// A handful of reference data. Districts: "327301" exists; "327399" does not but its regency
// "3273" does; "999999" neither. Countries MY, SA, TW, HK, PA, ID; only MY has subdivisions.
class FakeContext : public ValidationContext {
 public:
  bool DistrictExists(std::string_view d) const override { return d == "327301"; }
  bool RegencyExists(std::string_view r) const override { return r == "3273"; }
  bool CountryExists(std::string_view c) const override {
    return std::set<std::string_view>{"MY", "SA", "TW", "HK", "PA", "ID"}.count(c) > 0;
  }
  bool SubdivisionExists(std::string_view s) const override {
    return std::set<std::string_view>{"MY-12", "MY-01", "MY-14"}.count(s) > 0;
  }
  bool SubdivisionsKnown(std::string_view c) const override { return c == "MY"; }
  bool RegencyCodeExists(std::string_view r) const override { return r == "32.73"; }
  Date Today() const override { return *Date::Parse("2025-06-15"); }
};

// A complete, valid submission: a woman born on 31 December 1990, PMI in Sabah.
LaporDiri Valid() {
  LaporDiri d;
  d.identity = {"3273017112900002", "Siti Nurhaliza", "Bandung", "1990-12-31", "P",
                "kawin",            "Asisten rumah tangga", "sma", "32.73"};
  d.passport = {"C1234567", "2022-01-10", "2027-01-10", "Kantor Imigrasi Bandung"};
  d.stay.country = "MY";
  d.stay.subdivision = "MY-12";
  d.stay.city = "Kota Kinabalu";
  d.stay.address = "Lot 5, Jalan Gaya";
  d.stay.phone = "012-345 6789";
  d.stay.arrival_date = "2023-03-01";
  d.stay.category = "pmi";
  d.stay.pmi = {"Tan Ah Kow", "Jalan Tuaran 12, Kota Kinabalu", "informal", "PT Maju Jaya",
                "2026-03-01"};
  d.emergency_contact = {"Ahmad Suherman", "Suami", "0812-3456-7890"};
  return d;
}

ValidationOutcome Validate(const LaporDiri& d) { return ValidateLaporDiri(d, FakeContext()); }

std::vector<std::string> ErrorsOn(const ValidationOutcome& o, const std::string& field) {
  std::vector<std::string> keys;
  for (const auto& e : o.errors) {
    if (e.field == field) keys.push_back(e.key);
  }
  return keys;
}

std::vector<std::string> Fields(const ValidationOutcome& o) {
  std::vector<std::string> fields;
  for (const auto& e : o.errors) fields.push_back(e.field + ":" + e.key);
  return fields;
}

TEST(ValidateLaporDiriTest, AcceptsACompleteSubmissionAndNormalizes) {
  LaporDiri d = Valid();
  d.identity.full_name = "  Siti   Nurhaliza ";
  d.passport.number = " c 1234567 ";
  d.stay.country = "my";
  d.stay.subdivision = "my-12";
  d.stay.student.institution = "left over from an earlier choice";
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_THAT(o.flags, IsEmpty());
  EXPECT_EQ(o.normalized.identity.full_name, "Siti Nurhaliza");
  EXPECT_EQ(o.normalized.passport.number, "C1234567");
  EXPECT_EQ(o.normalized.stay.country, "MY");
  EXPECT_EQ(o.normalized.stay.subdivision, "MY-12");
  EXPECT_EQ(o.normalized.stay.phone, "+60123456789");
  EXPECT_EQ(o.normalized.emergency_contact.phone, "+6281234567890");
  EXPECT_EQ(o.normalized.stay.pmi.employer_name, "Tan Ah Kow");
  EXPECT_EQ(o.normalized.stay.student.institution, "");
}

TEST(ValidateLaporDiriTest, TrimsEveryString) {
  LaporDiri d = Valid();
  d.identity.nik = " 3273017112900002\n";
  d.identity.birth_date = "1990-12-31 ";
  d.stay.city = "\tKota Kinabalu ";
  d.emergency_contact.relation = " Suami";
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_EQ(o.normalized.identity.nik, "3273017112900002");
  EXPECT_EQ(o.normalized.stay.city, "Kota Kinabalu");
  EXPECT_EQ(o.normalized.emergency_contact.relation, "Suami");
}

TEST(ValidateLaporDiriTest, EmptyFormReportsEveryRequiredField) {
  auto o = Validate(LaporDiri{});
  for (const char* field :
       {"identity.nik", "identity.full_name", "identity.birth_place", "identity.birth_date",
        "identity.sex", "identity.marital_status", "identity.occupation", "identity.education",
        "identity.origin_regency", "passport.number", "passport.issue_date",
        "passport.expiry_date", "passport.office", "stay.country", "stay.city", "stay.address",
        "stay.phone", "stay.arrival_date", "stay.category", "emergency_contact.name",
        "emergency_contact.relation", "emergency_contact.phone"}) {
    EXPECT_THAT(ErrorsOn(o, field), ElementsAre("err.required")) << field;
  }
  EXPECT_THAT(ErrorsOn(o, "stay.expected_end_date"), IsEmpty());
}

TEST(ValidateLaporDiriTest, ManBornOnLeapDay2000) {
  LaporDiri d = Valid();
  d.identity.nik = "3273012902000003";
  d.identity.birth_date = "2000-02-29";
  d.identity.sex = "L";
  EXPECT_THAT(Fields(Validate(d)), IsEmpty());

  d.identity.nik = "3273012902010003";  // claims 29-02-2001
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.nik"), ElementsAre("err.nik.date_invalid"));
}

TEST(ValidateLaporDiriTest, NikContradictingBirthDateOrSex) {
  LaporDiri d = Valid();
  d.identity.birth_date = "1990-12-30";
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.nik"), ElementsAre("err.nik.birthdate"));
  d = Valid();
  d.identity.sex = "L";
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.nik"), ElementsAre("err.nik.sex"));
}

TEST(ValidateLaporDiriTest, NikDistricts) {
  LaporDiri d = Valid();
  d.identity.nik = "9999997112900002";
  auto unknown = Validate(d);
  EXPECT_THAT(ErrorsOn(unknown, "identity.nik"), ElementsAre("err.nik.district"));

  d.identity.nik = "3273997112900002";  // district split since; regency still exists
  auto old = Validate(d);
  EXPECT_THAT(Fields(old), IsEmpty());
  EXPECT_THAT(old.flags, ElementsAre(kFlagNikOldDistrict));
}

TEST(ValidateLaporDiriTest, NikLengthAndSpaces) {
  LaporDiri d = Valid();
  d.identity.nik = "3273 0171 1290 0002";  // as printed on some documents
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_EQ(o.normalized.identity.nik, "3273017112900002");
  d.identity.nik = "32730171129000";
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.nik"), ElementsAre("err.nik.length"));
}

TEST(ValidateLaporDiriTest, NamesInAnyScript) {
  for (const char* name : {"Đặng Thị Hương", "Siti Nur'aini", "محمد", "Siti Nur’aini",
                           "Jean-Pierre O. Marbun", "李小龙", "สมชาย", "مُحَمَّد"}) {
    LaporDiri d = Valid();
    d.identity.full_name = name;
    auto o = Validate(d);
    EXPECT_THAT(ErrorsOn(o, "identity.full_name"), IsEmpty()) << name;
  }
  LaporDiri d = Valid();
  d.identity.full_name = "Siti Nur’aini";  // typographic apostrophe from a phone keyboard
  EXPECT_EQ(Validate(d).normalized.identity.full_name, "Siti Nur'aini");
  // Decomposed input is stored composed.
  d.identity.full_name = "Hu\xCC\x9B\xCC\x81ng";  // "u" + horn + acute
  EXPECT_EQ(Validate(d).normalized.identity.full_name, "H\xE1\xBB\xA9ng");
}

TEST(ValidateLaporDiriTest, NamesWithDigitsSymbolsOrControlsAreRejected) {
  for (const char* name : {"Budi123", "Budi\x01", "Budi\nSantoso", "Budi 😀", "Budi@home",
                           "...", "\xCC\x81" "Budi", "Bu\xFF" "di"}) {
    LaporDiri d = Valid();
    d.identity.full_name = name;
    EXPECT_THAT(ErrorsOn(Validate(d), "identity.full_name"), ElementsAre("err.name.chars"))
        << name;
  }
  LaporDiri d = Valid();
  d.identity.full_name = std::string(101, 'a');
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.full_name"), ElementsAre("err.name.length"));
  d.identity.full_name = "";
  for (int i = 0; i < 100; ++i) d.identity.full_name += "ă";  // 100 code points, 200 bytes
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.full_name"), IsEmpty());
}

TEST(ValidateLaporDiriTest, FamilyAndEmergencyNamesFollowTheSameRule) {
  LaporDiri d = Valid();
  d.emergency_contact.name = "Ahmad 2";
  d.family.push_back({"R2D2", "child", "2015-04-01", ""});
  auto o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "emergency_contact.name"), ElementsAre("err.name.chars"));
  EXPECT_THAT(ErrorsOn(o, "family.0.name"), ElementsAre("err.name.chars"));
}

TEST(ValidateLaporDiriTest, ChoicesComeFromTheLists) {
  LaporDiri d = Valid();
  d.identity.sex = "X";
  d.identity.marital_status = "married";
  d.identity.education = "S1";
  d.stay.category = "tourist";
  auto o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "identity.sex"), ElementsAre("err.choice"));
  EXPECT_THAT(ErrorsOn(o, "identity.marital_status"), ElementsAre("err.choice"));
  EXPECT_THAT(ErrorsOn(o, "identity.education"), ElementsAre("err.choice"));
  EXPECT_THAT(ErrorsOn(o, "stay.category"), ElementsAre("err.choice"));
}

TEST(ValidateLaporDiriTest, OriginRegencyMustExist) {
  LaporDiri d = Valid();
  d.identity.origin_regency = "32.99";
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.origin_regency"),
              ElementsAre("err.region.unknown"));
  d.identity.origin_regency = "3273";  // written as in the NIK
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_EQ(o.normalized.identity.origin_regency, "32.73");
}

TEST(ValidateLaporDiriTest, BirthDateRules) {
  LaporDiri d = Valid();
  d.identity.birth_date = "2025-06-16";
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.birth_date"), ElementsAre("err.date.future"));
  d.identity.birth_date = "1899-12-31";
  EXPECT_THAT(ErrorsOn(Validate(d), "identity.birth_date"),
              ElementsAre("err.date.before_1900"));
  for (const char* bad : {"2023-02-29", "31-12-1990", "1990/12/31", "1990-13-01", "yesterday"}) {
    d.identity.birth_date = bad;
    EXPECT_THAT(ErrorsOn(Validate(d), "identity.birth_date"), ElementsAre("err.date.invalid"))
        << bad;
  }
}

TEST(ValidateLaporDiriTest, PassportExpiryBeforeIssue) {
  LaporDiri d = Valid();
  d.passport.expiry_date = "2021-01-10";
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), ElementsAre("passport.expiry_date:err.passport.expiry_before_issue"));
  EXPECT_THAT(o.flags, IsEmpty());
  d.passport.expiry_date = d.passport.issue_date;
  EXPECT_THAT(ErrorsOn(Validate(d), "passport.expiry_date"),
              ElementsAre("err.passport.expiry_before_issue"));
}

TEST(ValidateLaporDiriTest, ExpiredPassportIsAcceptedWithFlag) {
  LaporDiri d = Valid();
  d.passport.issue_date = "2015-01-10";
  d.passport.expiry_date = "2020-01-10";
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_THAT(o.flags, ElementsAre(kFlagPassportExpired));
  d.passport.expiry_date = "2025-06-15";  // expires today: still valid today
  EXPECT_THAT(Validate(d).flags, IsEmpty());
}

TEST(ValidateLaporDiriTest, PassportIssueDate) {
  LaporDiri d = Valid();
  d.passport.issue_date = "2025-07-01";
  d.passport.expiry_date = "2030-07-01";
  EXPECT_THAT(ErrorsOn(Validate(d), "passport.issue_date"), ElementsAre("err.date.future"));
  d.passport.issue_date = "1985-01-01";
  EXPECT_THAT(ErrorsOn(Validate(d), "passport.issue_date"),
              ElementsAre("err.date.before_birth"));
}

TEST(ValidateLaporDiriTest, PassportNumber) {
  for (const char* ok : {"C1234567", "X123456", "b 1234567", "AB1234567"}) {
    LaporDiri d = Valid();
    d.passport.number = ok;
    EXPECT_THAT(ErrorsOn(Validate(d), "passport.number"), IsEmpty()) << ok;
  }
  for (const char* bad : {"C1234", "C12345678X", "C-1234567", "Ç1234567"}) {
    LaporDiri d = Valid();
    d.passport.number = bad;
    EXPECT_THAT(ErrorsOn(Validate(d), "passport.number"), ElementsAre("err.passport.number"))
        << bad;
  }
}

TEST(ValidateLaporDiriTest, StayInIndonesiaIsRejected) {
  LaporDiri d = Valid();
  d.stay.country = "ID";
  d.stay.subdivision = "";
  auto o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "stay.country"), ElementsAre("err.country.indonesia"));
  // The national number cannot be judged without a country; only the country is reported.
  EXPECT_THAT(ErrorsOn(o, "stay.phone"), IsEmpty());
  d.stay.country = "ZZ";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.country"), ElementsAre("err.country.unknown"));
}

TEST(ValidateLaporDiriTest, SubdivisionRequiredWhereTheListHasThem) {
  LaporDiri d = Valid();
  d.stay.subdivision = "";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.subdivision"), ElementsAre("err.required"));
  d.stay.subdivision = "MY-99";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.subdivision"), ElementsAre("err.subdivision.unknown"));

  // Saudi Arabia has none in the list: none needed, and one given cannot be checked.
  d.stay.country = "SA";
  d.stay.phone = "050 123 4567";
  d.stay.subdivision = "";
  EXPECT_THAT(Fields(Validate(d)), IsEmpty());
  d.stay.subdivision = "MY-12";  // belongs to another country
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.subdivision"), ElementsAre("err.subdivision.unknown"));
}

TEST(ValidateLaporDiriTest, StayPhoneIsReadInTheStayCountry) {
  struct Case {
    const char* country;
    const char* phone;
    const char* e164;
  };
  for (const Case& c : {Case{"SA", "050 123 4567", "+966501234567"},
                        Case{"TW", "0912 345 678", "+886912345678"},
                        Case{"HK", "9123 4567", "+85291234567"},
                        Case{"TW", "+62 812-3456-7890", "+6281234567890"}}) {
    LaporDiri d = Valid();
    d.stay.country = c.country;
    d.stay.subdivision = "";
    d.stay.phone = c.phone;
    auto o = Validate(d);
    EXPECT_THAT(Fields(o), IsEmpty()) << c.country << " " << c.phone;
    EXPECT_EQ(o.normalized.stay.phone, c.e164);
  }
  LaporDiri d = Valid();
  d.stay.phone = "0812-3456-7890";  // Indonesian national form, read in Malaysia
  auto o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "stay.phone"), ElementsAre("err.phone.invalid"));
  EXPECT_EQ(o.normalized.stay.phone, "0812-3456-7890");
}

TEST(ValidateLaporDiriTest, EmergencyPhoneIsReadAsIndonesian) {
  LaporDiri d = Valid();
  d.emergency_contact.phone = "012-345 6789";  // Malaysian form: not an Indonesian number
  EXPECT_THAT(ErrorsOn(Validate(d), "emergency_contact.phone"),
              ElementsAre("err.phone.invalid"));
  d.emergency_contact.phone = "+60 12-345 6789";
  EXPECT_EQ(Validate(d).normalized.emergency_contact.phone, "+60123456789");
}

TEST(ValidateLaporDiriTest, ArrivalAndEndDates) {
  LaporDiri d = Valid();
  d.stay.arrival_date = "2025-06-16";  // tomorrow in UTC: today east of it
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.arrival_date"), IsEmpty());
  d.stay.arrival_date = "2025-06-17";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.arrival_date"), ElementsAre("err.date.future"));
  d.stay.arrival_date = "1990-12-30";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.arrival_date"), ElementsAre("err.date.before_birth"));

  d = Valid();
  d.stay.expected_end_date = "2023-02-28";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.expected_end_date"),
              ElementsAre("err.date.before_arrival"));
  d.stay.expected_end_date = d.stay.arrival_date;
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.expected_end_date"), IsEmpty());
  d.stay.expected_end_date = "2023-02-30";
  EXPECT_THAT(ErrorsOn(Validate(d), "stay.expected_end_date"), ElementsAre("err.date.invalid"));
}

TEST(ValidateLaporDiriTest, PmiWithoutEmployer) {
  LaporDiri d = Valid();
  d.stay.pmi = {};
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), UnorderedElementsAre("stay.pmi.employer_name:err.required",
                                              "stay.pmi.employer_address:err.required",
                                              "stay.pmi.sector:err.required",
                                              "stay.pmi.agency:err.required",
                                              "stay.pmi.contract_end_date:err.required"));
  d = Valid();
  d.stay.pmi.sector = "domestic";
  d.stay.pmi.contract_end_date = "2026-13-01";
  o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "stay.pmi.sector"), ElementsAre("err.choice"));
  EXPECT_THAT(ErrorsOn(o, "stay.pmi.contract_end_date"), ElementsAre("err.date.invalid"));
}

TEST(ValidateLaporDiriTest, StudentAndCrewDetails) {
  LaporDiri d = Valid();
  d.stay.category = "student";
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), UnorderedElementsAre("stay.student.institution:err.required",
                                              "stay.student.programme:err.required"));
  EXPECT_EQ(o.normalized.stay.pmi.employer_name, "");  // details of pmi cleared

  d.stay.category = "crew";
  d.stay.crew = {"MV Sinar Laut", "xx", ""};
  o = Validate(d);
  EXPECT_THAT(Fields(o), UnorderedElementsAre("stay.crew.flag_state:err.country.unknown",
                                              "stay.crew.manning_agency:err.required"));
  d.stay.crew = {"MV Sinar Laut", "pa", "PT Samudra Crew"};
  o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_EQ(o.normalized.stay.crew.flag_state, "PA");

  d.stay.category = "visitor";
  o = Validate(d);
  EXPECT_THAT(Fields(o), IsEmpty());
  EXPECT_EQ(o.normalized.stay.crew.vessel_name, "");
  EXPECT_EQ(o.normalized.stay.pmi.agency, "");
}

TEST(ValidateLaporDiriTest, FamilyMembers) {
  LaporDiri d = Valid();
  d.family = {{"Ahmad Suherman", "spouse", "1988-05-05", "3273010505880001"},
              {"", "cousin", "2019-02-29", "12345"},
              {"Putri", "child", "2030-01-01", "3273 0150 4150 0001"}};
  auto o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "family.0.name"), IsEmpty());
  EXPECT_THAT(ErrorsOn(o, "family.0.nik"), IsEmpty());
  EXPECT_THAT(ErrorsOn(o, "family.1.name"), ElementsAre("err.required"));
  EXPECT_THAT(ErrorsOn(o, "family.1.relation"), ElementsAre("err.choice"));
  EXPECT_THAT(ErrorsOn(o, "family.1.birth_date"), ElementsAre("err.date.invalid"));
  EXPECT_THAT(ErrorsOn(o, "family.1.nik"), ElementsAre("err.nik.length"));
  EXPECT_THAT(ErrorsOn(o, "family.2.birth_date"), ElementsAre("err.date.future"));
  EXPECT_THAT(ErrorsOn(o, "family.2.nik"), IsEmpty());
  EXPECT_EQ(o.normalized.family[2].nik, "3273015041500001");

  d.family = {{"Ahmad", "spouse", "", ""}};
  EXPECT_THAT(ErrorsOn(Validate(d), "family.0.birth_date"), ElementsAre("err.required"));
}

TEST(ValidateLaporDiriTest, AtMostTwentyFamilyMembers) {
  LaporDiri d = Valid();
  d.family.assign(20, FamilyMember{"Anak", "child", "2015-01-01", ""});
  EXPECT_THAT(Fields(Validate(d)), IsEmpty());
  d.family.push_back(FamilyMember{"Anak", "child", "2015-01-01", ""});
  EXPECT_THAT(ErrorsOn(Validate(d), "family"), ElementsAre("err.family.too_many"));
}

TEST(ValidateLaporDiriTest, FreeTextWithControlCharactersOrTooLong) {
  LaporDiri d = Valid();
  d.identity.occupation = "Petani\x07";
  d.stay.city = std::string(101, 'k');
  d.stay.address = "Lot 5\nJalan Gaya";  // addresses may span lines
  auto o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "identity.occupation"), ElementsAre("err.text.chars"));
  EXPECT_THAT(ErrorsOn(o, "stay.city"), ElementsAre("err.text.length"));
  EXPECT_THAT(ErrorsOn(o, "stay.address"), IsEmpty());

  d = Valid();
  d.stay.city = "\xD8\xA7\xD9\x84\xD8\xB1\xD9\x8A\xD8\xA7\xD8\xB6\xE2\x80\x8F";  // "الرياض" + RLM
  d.stay.address = "Jalan \xE2\x80\xAE" "ayaG";  // RIGHT-TO-LEFT OVERRIDE
  d.identity.birth_place = "Band\xFFung";        // not UTF-8
  o = Validate(d);
  EXPECT_THAT(ErrorsOn(o, "stay.city"), IsEmpty());
  EXPECT_THAT(ErrorsOn(o, "stay.address"), ElementsAre("err.text.chars"));
  EXPECT_THAT(ErrorsOn(o, "identity.birth_place"), ElementsAre("err.text.chars"));
}

TEST(ValidateLaporDiriTest, SeveralErrorsAreReturnedTogether) {
  LaporDiri d = Valid();
  d.identity.nik = "9999997112900000";
  d.identity.full_name = "Budi123";
  d.passport.expiry_date = "2020-01-01";
  d.stay.country = "ID";
  d.stay.pmi.employer_name = "";
  d.emergency_contact.phone = "123";
  auto o = Validate(d);
  EXPECT_THAT(Fields(o), ElementsAre("identity.nik:err.nik.district",
                                     "identity.nik:err.nik.serial",
                                     "identity.full_name:err.name.chars",
                                     "passport.expiry_date:err.passport.expiry_before_issue",
                                     "stay.country:err.country.indonesia",
                                     "stay.pmi.employer_name:err.required",
                                     "emergency_contact.phone:err.phone.invalid"));
  EXPECT_THAT(o.flags, Not(Contains(kFlagPassportExpired)));
}

}  // namespace
}  // namespace peduli::registry
