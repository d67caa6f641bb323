#include "modules/accounts/second_factor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "modules/accounts/totp.h"
#include "store/accounts_store.h"
#include "support/test_db.h"

namespace peduli::accounts {
namespace {

class SecondFactorTest : public ::testing::TestWithParam<std::string> {
 protected:
  SecondFactorTest() : tdb_(GetParam()), accounts_(&tdb_.db()), store_(&tdb_.db()),
                       service_(&store_, &clock_) {
    crypto::Init();
    store::AccountRow a;
    a.email = "petugas@kbri-tokyo.test";
    a.name = "Petugas";
    a.password_hash = "unused";
    a.role = "officer";
    a.mission_code = "TYO";
    a.locale = "id";
    a.email_verified_at = clock_.NowUnix();
    a.created_at = clock_.NowUnix();
    auto id = accounts_.Create(a, "", 0);
    if (!id.ok()) throw std::runtime_error("account: " + id.error().message);
    id_ = *id;
  }

  // Enrols the account and returns its recovery codes.
  std::vector<std::string> Enrol() {
    auto e = service_.StartEnrolment(id_, "petugas@kbri-tokyo.test");
    EXPECT_TRUE(e.ok());
    secret_ = e->secret;
    auto codes = service_.ConfirmEnrolment(id_, totp::Code(secret_, clock_.NowUnix()));
    EXPECT_TRUE(codes.ok());
    return codes.ok() ? *codes : std::vector<std::string>{};
  }

  std::string Now() { return totp::Code(secret_, clock_.NowUnix()); }

  peduli::testing::TestDatabase tdb_;
  store::AccountsStore accounts_;
  store::SecondFactorStore store_;
  peduli::testing::FixedClock clock_;
  SecondFactorService service_;
  int64_t id_ = 0;
  std::string secret_;
};

TEST_P(SecondFactorTest, EnrolConfirmThenVerify) {
  EXPECT_FALSE(*service_.Enrolled(id_));
  EXPECT_EQ(service_.Verify(id_, "123456").error().message, "auth.not_enrolled");
  auto e = service_.StartEnrolment(id_, "petugas@kbri-tokyo.test");
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->uri.rfind("otpauth://totp/Peduli%20WNI:petugas%40kbri-tokyo.test?secret=" +
                             e->secret + "&",
                         0),
            0u);
  EXPECT_FALSE(*service_.Enrolled(id_)) << "pending until a code confirms it";
  EXPECT_EQ(service_.Verify(id_, totp::Code(e->secret, clock_.NowUnix())).error().code,
            Code::kForbidden);
  secret_ = e->secret;
  auto bad = service_.ConfirmEnrolment(id_, "000000" == Now() ? "111111" : "000000");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Code::kInvalid);
  auto codes = service_.ConfirmEnrolment(id_, Now());
  ASSERT_TRUE(codes.ok());
  EXPECT_TRUE(*service_.Enrolled(id_));
  ASSERT_EQ(codes->size(), 10u);
  std::set<std::string> distinct(codes->begin(), codes->end());
  EXPECT_EQ(distinct.size(), 10u);
  for (const auto& c : *codes) {
    ASSERT_EQ(c.size(), 12u);
    EXPECT_EQ(c[4], '-');
    EXPECT_EQ(c[9], '-');
    EXPECT_EQ(c.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567-"), std::string::npos) << c;
  }
  EXPECT_EQ(*service_.RecoveryCodesLeft(id_), 10);
  // The confirming code's step is used up; the next step's code signs in.
  EXPECT_EQ(service_.Verify(id_, Now()).error().message, "auth.bad_code");
  clock_.Advance(30);
  EXPECT_TRUE(service_.Verify(id_, Now()).ok());
  // A second enrolment needs a reset first.
  EXPECT_EQ(service_.StartEnrolment(id_, "petugas@kbri-tokyo.test").error().code,
            Code::kConflict);
}

TEST_P(SecondFactorTest, TheSameCodeIsRefusedTheSecondTime) {
  Enrol();
  clock_.Advance(30);
  std::string code = Now();
  ASSERT_TRUE(service_.Verify(id_, code).ok());
  auto again = service_.Verify(id_, code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, Code::kUnauthorized);
  EXPECT_EQ(again.error().message, "auth.bad_code");
  // Still inside the ±1 window 30 s later, but its step was used.
  clock_.Advance(30);
  EXPECT_FALSE(service_.Verify(id_, code).ok());
  // A code of an earlier step than the last accepted one is refused too.
  std::string newer = totp::Code(secret_, clock_.NowUnix() + 30);
  ASSERT_TRUE(service_.Verify(id_, newer).ok()) << "a fast phone: one step ahead";
  EXPECT_FALSE(service_.Verify(id_, Now()).ok());
  clock_.Advance(60);
  EXPECT_TRUE(service_.Verify(id_, Now().substr(0, 3) + " " + Now().substr(3)).ok())
      << "spaces are ignored";
}

TEST_P(SecondFactorTest, ARecoveryCodeWorksOnce) {
  auto codes = Enrol();
  ASSERT_EQ(codes.size(), 10u);
  ASSERT_TRUE(service_.Verify(id_, codes[3]).ok());
  EXPECT_EQ(service_.Verify(id_, codes[3]).error().message, "auth.bad_code");
  std::string shouted = codes[4];
  for (auto& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  shouted.erase(std::remove(shouted.begin(), shouted.end(), '-'), shouted.end());
  EXPECT_TRUE(service_.Verify(id_, shouted).ok()) << "case and hyphens are ignored";
  EXPECT_EQ(*service_.RecoveryCodesLeft(id_), 8);
  EXPECT_FALSE(service_.Verify(id_, "aaaa-bbbb-cc").ok());
}

TEST_P(SecondFactorTest, RepeatedFailuresSlowDown) {
  Enrol();
  clock_.Advance(30);
  std::string wrong = Now() == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(service_.Verify(id_, wrong).error().code, Code::kUnauthorized);
  }
  EXPECT_EQ(service_.Verify(id_, Now()).error().code, Code::kTooMany) << "even a right code waits";
  clock_.Advance(31);
  EXPECT_TRUE(service_.Verify(id_, Now()).ok());
  EXPECT_EQ(store_.Get(id_)->failures, 0);
}

TEST_P(SecondFactorTest, ResetRemovesTheFactorAndItsCodes) {
  auto codes = Enrol();
  ASSERT_TRUE(service_.Reset(id_).ok());
  EXPECT_FALSE(*service_.Enrolled(id_));
  EXPECT_EQ(service_.Verify(id_, codes[0]).error().code, Code::kForbidden);
  EXPECT_EQ(*service_.RecoveryCodesLeft(id_), 0);
  ASSERT_TRUE(service_.Reset(id_).ok()) << "nothing to reset is fine";
  // The account can enrol again, with a new secret; the old codes stay dead.
  std::string old_secret = secret_;
  auto fresh = Enrol();
  EXPECT_NE(secret_, old_secret);
  EXPECT_FALSE(service_.Verify(id_, codes[0]).ok());
  EXPECT_TRUE(service_.Verify(id_, fresh[0]).ok());
}

TEST_P(SecondFactorTest, RestartingAPendingEnrolmentReplacesTheSecret) {
  auto first = service_.StartEnrolment(id_, "petugas@kbri-tokyo.test");
  auto second = service_.StartEnrolment(id_, "petugas@kbri-tokyo.test");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->secret, second->secret);
  if (totp::Code(first->secret, clock_.NowUnix()) != totp::Code(second->secret, clock_.NowUnix())) {
    EXPECT_FALSE(service_.ConfirmEnrolment(id_, totp::Code(first->secret, clock_.NowUnix())).ok());
  }
  EXPECT_TRUE(service_.ConfirmEnrolment(id_, totp::Code(second->secret, clock_.NowUnix())).ok());
}

INSTANTIATE_TEST_SUITE_P(Backends, SecondFactorTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::accounts
