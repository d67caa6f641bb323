#include "modules/accounts/service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "support/test_db.h"

namespace peduli::accounts {
namespace {

// Records what would have been sent.
class RecordingMailer final : public mail::Mailer {
 public:
  Status Send(const mail::Mail& m) override {
    sent.push_back(m);
    return Status::Ok();
  }
  std::vector<mail::Mail> sent;
};

class AccountsServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  AccountsServiceTest()
      : tdb_(GetParam()), store_(&tdb_.db()),
        service_(&store_, &mailer_, &clock_, Options{.base_url = "http://portal.test", .fast_hashing = true}) {}

  std::string TokenOfLastMail() {
    const auto& text = mailer_.sent.back().text;
    auto p = text.find("token=");
    return text.substr(p + 6, text.find('\n', p) - p - 6);
  }

  peduli::testing::TestDatabase tdb_;
  store::AccountsStore store_;
  RecordingMailer mailer_;
  peduli::testing::FixedClock clock_;
  AccountsService service_;
  VerifyMailText text_{"Verifikasi", "Buka:", "Terima kasih"};
};

TEST_P(AccountsServiceTest, RegisterVerifySignInSignOut) {
  auto id = service_.Register({"  Siti@Example.TEST ", "kata-sandi-panjang", "Siti", "id"}, text_);
  ASSERT_TRUE(id.ok());
  ASSERT_EQ(mailer_.sent.size(), 1u);
  EXPECT_EQ(mailer_.sent[0].to, "siti@example.test");
  EXPECT_NE(mailer_.sent[0].text.find("http://portal.test/verify-email?token="), std::string::npos);
  auto unverified = service_.SignIn("siti@example.test", "kata-sandi-panjang");
  ASSERT_FALSE(unverified.ok());
  EXPECT_EQ(unverified.error().code, Code::kForbidden);
  ASSERT_TRUE(service_.VerifyEmail(TokenOfLastMail()).ok());
  auto session = service_.SignIn("SITI@example.test", "kata-sandi-panjang");
  ASSERT_TRUE(session.ok());
  auto who = service_.Resolve(session->token);
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->second.id, *id);
  EXPECT_EQ(who->first.csrf, session->csrf);
  service_.SignOut(session->token);
  EXPECT_FALSE(service_.Resolve(session->token).has_value());
}

TEST_P(AccountsServiceTest, SessionsAndTokensExpire) {
  ASSERT_TRUE(service_.Register({"a@example.test", "kata-sandi-panjang", "A"}, text_).ok());
  std::string token = TokenOfLastMail();
  clock_.Advance(4 * 86400);
  EXPECT_FALSE(service_.VerifyEmail(token).ok()) << "verification links last three days";
  ASSERT_TRUE(service_.ResendVerification("a@example.test", text_).ok());
  ASSERT_TRUE(service_.VerifyEmail(TokenOfLastMail()).ok());
  auto s = service_.SignIn("a@example.test", "kata-sandi-panjang");
  ASSERT_TRUE(s.ok());
  clock_.Advance(8 * 86400);
  EXPECT_FALSE(service_.Resolve(s->token).has_value());
}

TEST_P(AccountsServiceTest, BadInputAndTakenEmailAreFieldErrors) {
  auto bad = service_.Register({"not-an-email", "short", ""}, text_);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(bad.error().fields[0].field, "email");
  EXPECT_EQ(bad.error().fields[1].key, "err.password.short");
  EXPECT_EQ(bad.error().fields[2].field, "name");
  ASSERT_TRUE(service_.Register({"b@example.test", "kata-sandi-panjang", "B"}, text_).ok());
  auto taken = service_.Register({"B@example.test", "kata-sandi-panjang", "B2"}, text_);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().fields[0].key, "err.email.taken");
  EXPECT_TRUE(mailer_.sent.size() == 1) << "no mail for a refused sign-up";
}

TEST_P(AccountsServiceTest, FailedSignInsSlowDownThenRecover) {
  ASSERT_TRUE(service_.CreateVerified({"c@example.test", "kata-sandi-panjang", "C"}, "citizen", "").ok());
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(service_.SignIn("c@example.test", "wrong-password").error().code, Code::kUnauthorized);
  }
  EXPECT_EQ(service_.SignIn("c@example.test", "wrong-password").error().code, Code::kUnauthorized);
  EXPECT_EQ(service_.SignIn("c@example.test", "kata-sandi-panjang").error().code, Code::kTooMany);
  clock_.Advance(16);
  EXPECT_TRUE(service_.SignIn("c@example.test", "kata-sandi-panjang").ok());
  // An unknown account answers exactly like a wrong password.
  EXPECT_EQ(service_.SignIn("nobody@example.test", "x").error().message, "auth.bad_credentials");
}

TEST_P(AccountsServiceTest, ASignOutElsewhereTakesEffectWithinTheCacheTime) {
  ASSERT_TRUE(service_.CreateVerified({"d@example.test", "kata-sandi-panjang", "D"}, "citizen", "").ok());
  auto s = service_.SignIn("d@example.test", "kata-sandi-panjang");
  ASSERT_TRUE(s.ok());
  ASSERT_TRUE(service_.Resolve(s->token).has_value());
  // Another server signs the session out: only the database knows.
  ASSERT_TRUE(store_.DeleteSession(crypto::HashToken(s->token)).ok());
  EXPECT_TRUE(service_.Resolve(s->token).has_value()) << "cached for a few seconds";
  clock_.Advance(6);
  EXPECT_FALSE(service_.Resolve(s->token).has_value());
  // Here, a sign-out is immediate.
  auto t = service_.SignIn("d@example.test", "kata-sandi-panjang");
  ASSERT_TRUE(service_.Resolve(t->token).has_value());
  service_.SignOut(t->token);
  EXPECT_FALSE(service_.Resolve(t->token).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, AccountsServiceTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::accounts
