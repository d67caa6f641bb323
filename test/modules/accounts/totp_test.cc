#include "modules/accounts/totp.h"

#include <gtest/gtest.h>

#include "core/crypto.h"

namespace peduli::accounts::totp {
namespace {

// The RFC 6238 Appendix B SHA-1 seed "12345678901234567890", in base32.
const std::string kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(TotpTest, Base32RoundTripsAndMatchesRfc4648) {
  EXPECT_EQ(crypto::Base32("12345678901234567890", true), kRfcSecret);
  EXPECT_EQ(crypto::Base32("foobar", true), "MZXW6YTBOI");  // RFC 4648 section 10
  EXPECT_EQ(internal::Base32Decode("MZXW6YTBOI====").value(), "foobar");
  EXPECT_EQ(internal::Base32Decode("mzxw 6ytb oi").value(), "foobar");
  EXPECT_FALSE(internal::Base32Decode("MZXW6YTBO1").has_value()) << "1 is not base32";
}

TEST(TotpTest, Rfc4226HotpVectors) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t i = 0; i < 10; ++i) {
    EXPECT_EQ(internal::Hotp("12345678901234567890", i, 6), expected[i]) << "counter " << i;
  }
}

TEST(TotpTest, Rfc6238Sha1Vectors) {
  const struct {
    int64_t time;
    const char* code;
  } vectors[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
                 {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& v : vectors) {
    EXPECT_EQ(internal::Code(kRfcSecret, v.time, 8), v.code) << "T=" << v.time;
    // The 6-digit code is the same truncation modulo 10^6: the last six digits.
    EXPECT_EQ(Code(kRfcSecret, v.time), std::string(v.code).substr(2)) << "T=" << v.time;
  }
}

TEST(TotpTest, CheckAcceptsOneStepEitherWayAndReportsTheStep) {
  const int64_t now = 1111111111;  // step 37037037, 1 s into it
  const int64_t step = StepOf(now);
  int64_t matched = -1;
  ASSERT_TRUE(Check(kRfcSecret, Code(kRfcSecret, now), now, &matched));
  EXPECT_EQ(matched, step);
  ASSERT_TRUE(Check(kRfcSecret, Code(kRfcSecret, now - 30), now, &matched));
  EXPECT_EQ(matched, step - 1);
  ASSERT_TRUE(Check(kRfcSecret, Code(kRfcSecret, now + 30), now, &matched));
  EXPECT_EQ(matched, step + 1);
  EXPECT_FALSE(Check(kRfcSecret, Code(kRfcSecret, now - 60), now, &matched));
  EXPECT_FALSE(Check(kRfcSecret, Code(kRfcSecret, now + 60), now, &matched));
  EXPECT_TRUE(Check(kRfcSecret, Code(kRfcSecret, now), now, nullptr));
}

TEST(TotpTest, CheckRefusesWrongAndMalformedCodes) {
  const int64_t now = 1234567890;
  std::string good = Code(kRfcSecret, now);
  std::string wrong = good;
  wrong[5] = wrong[5] == '9' ? '0' : static_cast<char>(wrong[5] + 1);
  int64_t matched = 0;
  EXPECT_FALSE(Check(kRfcSecret, wrong, now, &matched));
  EXPECT_FALSE(Check(kRfcSecret, "", now, &matched));
  EXPECT_FALSE(Check(kRfcSecret, good + "0", now, &matched));
  EXPECT_FALSE(Check(kRfcSecret, "12345a", now, &matched));
  EXPECT_FALSE(Check("not base32!", good, now, &matched));
  EXPECT_EQ(Code("not base32!", now), "");
}

TEST(TotpTest, NewSecretIs32UpperCaseBase32CharactersOf20Bytes) {
  crypto::Init();
  std::string a = NewSecret(), b = NewSecret();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
  EXPECT_EQ(internal::Base32Decode(a)->size(), 20u);
  EXPECT_EQ(Code(a, 1000).size(), 6u);
}

TEST(TotpTest, ProvisioningUriIsPercentEncoded) {
  EXPECT_EQ(ProvisioningUri(kRfcSecret, "petugas+1@kbri-tokyo.test"),
            "otpauth://totp/Peduli%20WNI:petugas%2B1%40kbri-tokyo.test?secret=" + kRfcSecret +
                "&issuer=Peduli%20WNI&algorithm=SHA1&digits=6&period=30");
  EXPECT_EQ(ProvisioningUri("ABC", "a@b.test", "KBRI & Co"),
            "otpauth://totp/KBRI%20%26%20Co:a%40b.test?secret=ABC&issuer=KBRI%20%26%20Co"
            "&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace peduli::accounts::totp
