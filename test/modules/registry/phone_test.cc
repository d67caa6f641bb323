#include "modules/registry/phone.h"

#include <gtest/gtest.h>

namespace peduli::registry {
namespace {

std::string Normalized(std::string_view raw, std::string_view region) {
  auto r = NormalizePhone(raw, region);
  return r.ok() ? *r : "error:" + r.error().message;
}

TEST(NormalizePhoneTest, ReadsNationalNumbersInTheStayCountry) {
  EXPECT_EQ(Normalized("012-345 6789", "MY"), "+60123456789");
  EXPECT_EQ(Normalized("050 123 4567", "SA"), "+966501234567");
  EXPECT_EQ(Normalized("0912 345 678", "TW"), "+886912345678");
  EXPECT_EQ(Normalized("9123 4567", "HK"), "+85291234567");
}

TEST(NormalizePhoneTest, ReadsIndonesianMobileForEmergencyContact) {
  EXPECT_EQ(Normalized("0812-3456-7890", "ID"), "+6281234567890");
  EXPECT_EQ(Normalized("+62 812 3456 7890", "ID"), "+6281234567890");
}

TEST(NormalizePhoneTest, LeadingPlusIsReadInItsOwnCountryWhateverTheRegion) {
  EXPECT_EQ(Normalized("+60 12-345 6789", "ID"), "+60123456789");
  EXPECT_EQ(Normalized("+852 9123 4567", "SA"), "+85291234567");
  EXPECT_EQ(Normalized("+886 912 345 678", ""), "+886912345678");
  EXPECT_EQ(Normalized("+966 50 123 4567", "XX"), "+966501234567");
}

TEST(NormalizePhoneTest, RegionIsCaseInsensitive) {
  EXPECT_EQ(Normalized("012-345 6789", "my"), "+60123456789");
}

TEST(NormalizePhoneTest, InternationalPrefixOfTheRegionIsUnderstood) {
  // From Malaysia, 00 dials out: 00 62 ... is an Indonesian number.
  EXPECT_EQ(Normalized("00 62 812 3456 7890", "MY"), "+6281234567890");
}

TEST(NormalizePhoneTest, RejectsInvalidNumbers) {
  EXPECT_EQ(Normalized("", "MY"), "error:err.phone.invalid");
  EXPECT_EQ(Normalized("12345", "MY"), "error:err.phone.invalid");          // too short
  EXPECT_EQ(Normalized("0812-3456-7890", ""), "error:err.phone.invalid");  // no region, no +
  EXPECT_EQ(Normalized("0812-FLOWERS", "ID"), "error:err.phone.invalid");  // letters
  EXPECT_EQ(Normalized("not a number", "ID"), "error:err.phone.invalid");
  EXPECT_EQ(Normalized("+999 1234 5678", "ID"), "error:err.phone.invalid");  // no such code
  EXPECT_EQ(Normalized(std::string(60, '1'), "ID"), "error:err.phone.invalid");
  // A Malaysian mobile read as Indonesian is not a valid Indonesian number.
  EXPECT_EQ(Normalized("012-345 6789", "ID"), "error:err.phone.invalid");
}

TEST(NormalizePhoneTest, ErrorIsInvalidWithoutField) {
  auto r = NormalizePhone("123", "ID");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kInvalid);
  EXPECT_TRUE(r.error().fields.empty());
}

}  // namespace
}  // namespace peduli::registry
