// The two-step staff sign-in (SignInFlow) and staff account management (StaffService) on
// both databases, with a clock that moves only when told.
#include "modules/accounts/staff.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "modules/accounts/sign_in_flow.h"
#include "modules/accounts/totp.h"
#include "store/audit_store.h"
#include "store/second_factor_store.h"
#include "support/test_db.h"

namespace peduli::accounts {
namespace {

class RecordingMailer final : public mail::Mailer {
 public:
  Status Send(const mail::Mail& m) override {
    sent.push_back(m);
    return Status::Ok();
  }
  std::vector<mail::Mail> sent;
};

constexpr const char* kSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
constexpr const char* kPassword = "kata-sandi-panjang";

class StaffTest : public ::testing::TestWithParam<std::string> {
 protected:
  StaffTest()
      : tdb_(GetParam()), store_(&tdb_.db()), sf_store_(&tdb_.db()), audit_store_(&tdb_.db()),
        accounts_(&store_, &mailer_, &clock_,
                  Options{.base_url = "http://portal.test", .fast_hashing = true,
                          .session_cache_seconds = 0}),
        second_factor_(&sf_store_, &clock_), audit_(&audit_store_, &clock_),
        flow_(&accounts_, &store_, &second_factor_, &audit_, &clock_),
        staff_(&accounts_, &store_, &second_factor_, &audit_, &mailer_, &clock_,
               [](const std::string& m) { return m == "KBRI-KUALA-LUMPUR" || m == "KJRI-JEDDAH"; }) {
    crypto::Init();
    admin_ = Make("admin@x.test", "hq_admin", "");
    supervisor_ = Make("sup@x.test", "supervisor", "KBRI-KUALA-LUMPUR");
    officer_ = Make("officer@x.test", "officer", "KBRI-KUALA-LUMPUR");
  }

  // A staff account enrolled with kSecret.
  policy::Actor Make(const std::string& email, const std::string& role, const std::string& mission) {
    auto id = accounts_.CreateVerified({email, kPassword, "N", "id"}, role, mission);
    if (!id.ok()) throw std::runtime_error(id.error().message);
    if (role != "citizen" && !second_factor_.EnrolKnownSecret(*id, kSecret).ok()) {
      throw std::runtime_error("enrol");
    }
    return {*id, role, mission};
  }

  std::string Code(int step_offset = 0) {
    return totp::Code(kSecret, clock_.NowUnix() + step_offset * totp::kPeriod);
  }

  std::vector<store::AuditEntry> AuditOf(int64_t account, const std::string& action) {
    store::AuditFilter f;
    f.actor_account_id = account;
    f.action = action;
    auto r = audit_.Query(f);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<store::AuditEntry>{};
  }

  peduli::testing::TestDatabase tdb_;
  store::AccountsStore store_;
  store::SecondFactorStore sf_store_;
  store::AuditStore audit_store_;
  RecordingMailer mailer_;
  peduli::testing::FixedClock clock_;
  AccountsService accounts_;
  SecondFactorService second_factor_;
  audit::AuditService audit_;
  SignInFlow flow_;
  StaffService staff_;
  policy::Actor admin_, supervisor_, officer_;
  Origin origin_{"192.0.2.1", "req-1"};
  SetPasswordMailText text_{"Kata sandi", "Buka:", "Terima kasih"};
};

TEST_P(StaffTest, StaffNeedTheSecondFactorCitizensDoNot) {
  auto citizen = Make("warga@x.test", "citizen", "");
  auto c = flow_.Password("warga@x.test", kPassword, origin_);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->session.has_value());
  EXPECT_TRUE(AuditOf(citizen.account_id, "").empty());  // citizens' sign-ins are not logged

  // No session from the password alone, and not through the password-only path either.
  EXPECT_EQ(accounts_.SignIn("officer@x.test", kPassword).error().message,
            "auth.second_factor_required");
  auto first = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->session.has_value());
  EXPECT_FALSE(first->enrol);
  EXPECT_EQ(flow_.Code(first->pending_token, "000000", origin_).error().message, "auth.bad_code");
  auto s = flow_.Code(first->pending_token, Code(), origin_);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(accounts_.Resolve(s->token).has_value());
  // The pending sign-in is used up.
  EXPECT_EQ(flow_.Code(first->pending_token, Code(1), origin_).error().message,
            "auth.pending_expired");

  // The same code again (replay) is refused.
  auto again = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(flow_.Code(again->pending_token, Code(), origin_).error().code, Code::kUnauthorized);
  EXPECT_TRUE(flow_.Code(again->pending_token, Code(1), origin_).ok());

  EXPECT_EQ(AuditOf(officer_.account_id, "sign_in").size(), 2u);
  auto wrong = AuditOf(officer_.account_id, "sign_in_wrong_code");
  ASSERT_EQ(wrong.size(), 2u);
  EXPECT_EQ(wrong[0].ip, "192.0.2.1");
  EXPECT_EQ(wrong[0].request_id, "req-1");
  EXPECT_EQ(wrong[0].actor_role, "officer");
  EXPECT_EQ(wrong[0].actor_mission, "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(wrong[0].citizen_id, 0);

  EXPECT_EQ(flow_.Password("officer@x.test", "salah-salah-salah", origin_).error().code,
            Code::kUnauthorized);
  EXPECT_EQ(AuditOf(officer_.account_id, "sign_in_wrong_password").size(), 1u);
}

TEST_P(StaffTest, PendingSignInExpiresAndAllowsFewCodes) {
  auto first = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(first.ok());
  clock_.Advance(301);
  EXPECT_EQ(flow_.Code(first->pending_token, Code(), origin_).error().message,
            "auth.pending_expired");
  EXPECT_EQ(flow_.Code("", Code(), origin_).error().message, "auth.pending_expired");
  // Repeated wrong codes slow the factor down (auth.too_many) and are logged as locked.
  auto p = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(p.ok());
  for (int i = 0; i < 5; ++i) (void)flow_.Code(p->pending_token, "111111", origin_);
  EXPECT_EQ(flow_.Code(p->pending_token, Code(), origin_).error().code, Code::kTooMany);
  EXPECT_EQ(AuditOf(officer_.account_id, "sign_in_locked").size(), 1u);
}

TEST_P(StaffTest, EnrolmentOnFirstSignInThenRecoveryCodesOnce) {
  ASSERT_TRUE(staff_.ResetSecondFactor(admin_, officer_.account_id, origin_).ok());
  auto first = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->enrol);
  EXPECT_EQ(flow_.Code(first->pending_token, Code(), origin_).error().message, "auth.not_enrolled");
  auto e = flow_.EnrolmentOf(first->pending_token);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(flow_.EnrolmentOf(first->pending_token)->secret, e->secret);  // stable until confirmed
  EXPECT_EQ(flow_.ConfirmEnrolment(first->pending_token, "000000", origin_).error().code,
            Code::kInvalid);
  auto done = flow_.ConfirmEnrolment(first->pending_token,
                                     totp::Code(e->secret, clock_.NowUnix()), origin_);
  ASSERT_TRUE(done.ok()) << done.error().message;
  ASSERT_EQ(done->recovery_codes.size(), 10u);
  EXPECT_TRUE(accounts_.Resolve(done->session.token).has_value());

  // A recovery code signs in once.
  auto p = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->enrol);
  EXPECT_TRUE(flow_.Code(p->pending_token, done->recovery_codes[3], origin_).ok());
  auto q = flow_.Password("officer@x.test", kPassword, origin_);
  EXPECT_EQ(flow_.Code(q->pending_token, done->recovery_codes[3], origin_).error().code,
            Code::kUnauthorized);
}

TEST_P(StaffTest, CreateMailsASetPasswordLink) {
  auto id = staff_.Create(admin_, {"Petugas Baru", "Baru@X.test", "officer", "KJRI-JEDDAH"},
                          text_, origin_);
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_EQ(mailer_.sent.size(), 1u);
  EXPECT_EQ(mailer_.sent[0].to, "baru@x.test");
  const std::string& body = mailer_.sent[0].text;
  auto p = body.find("/atur-kata-sandi?token=");
  ASSERT_NE(p, std::string::npos);
  const std::string token = body.substr(p + 23, body.find('\n', p) - p - 23);
  // No password yet: nobody signs in with anything.
  EXPECT_EQ(flow_.Password("baru@x.test", "", origin_).error().code, Code::kUnauthorized);
  EXPECT_TRUE(accounts_.SetPasswordTokenValid(token));
  EXPECT_EQ(accounts_.SetPasswordWithToken(token, "pendek").error().code, Code::kInvalid);
  ASSERT_TRUE(accounts_.SetPasswordWithToken(token, "sandi-baru-yang-panjang").ok());
  EXPECT_FALSE(accounts_.SetPasswordTokenValid(token));  // single use
  EXPECT_EQ(accounts_.SetPasswordWithToken(token, "sandi-lain-yang-panjang").error().code,
            Code::kInvalid);
  auto first = flow_.Password("baru@x.test", "sandi-baru-yang-panjang", origin_);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->enrol);
  auto created = AuditOf(admin_.account_id, "staff_create");
  ASSERT_EQ(created.size(), 1u);
  EXPECT_NE(created[0].detail.find(std::to_string(*id)), std::string::npos);
  EXPECT_EQ(created[0].detail.find("sandi"), std::string::npos);
}

TEST_P(StaffTest, WhoMayCreateWhat) {
  auto bad = staff_.Create(admin_, {"", "x", "wizard", ""}, text_, origin_);
  ASSERT_EQ(bad.error().code, Code::kInvalid);
  EXPECT_EQ(bad.error().fields.size(), 3u);
  EXPECT_EQ(staff_.Create(admin_, {"A", "a@x.test", "officer", ""}, text_, origin_).error().code,
            Code::kInvalid);  // a mission role needs a mission
  EXPECT_EQ(staff_.Create(admin_, {"A", "a@x.test", "officer", "KBRI-NOWHERE"}, text_, origin_)
                .error().code, Code::kInvalid);
  EXPECT_EQ(staff_.Create(admin_, {"A", "a@x.test", "hq", "KJRI-JEDDAH"}, text_, origin_)
                .error().code, Code::kInvalid);  // HQ roles have none
  EXPECT_EQ(staff_.Create(admin_, {"A", "officer@x.test", "hq", ""}, text_, origin_)
                .error().code, Code::kInvalid);  // email taken
  EXPECT_TRUE(staff_.Create(admin_, {"A", "a@x.test", "dpo", ""}, text_, origin_).ok());

  // A supervisor: officers of their own mission only.
  EXPECT_TRUE(staff_.Create(supervisor_, {"B", "b@x.test", "officer", "KBRI-KUALA-LUMPUR"},
                            text_, origin_).ok());
  EXPECT_EQ(staff_.Create(supervisor_, {"C", "c@x.test", "supervisor", "KBRI-KUALA-LUMPUR"},
                          text_, origin_).error().code, Code::kForbidden);
  EXPECT_EQ(staff_.Create(supervisor_, {"C", "c@x.test", "officer", "KJRI-JEDDAH"}, text_,
                          origin_).error().code, Code::kForbidden);
  EXPECT_EQ(staff_.Create(officer_, {"C", "c@x.test", "officer", "KBRI-KUALA-LUMPUR"}, text_,
                          origin_).error().code, Code::kForbidden);
}

TEST_P(StaffTest, ListsAreScoped) {
  Make("jeddah@x.test", "officer", "KJRI-JEDDAH");
  auto all = staff_.List(admin_, "", origin_);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
  auto jeddah = staff_.List(admin_, "KJRI-JEDDAH", origin_);
  ASSERT_EQ(jeddah->size(), 1u);
  EXPECT_TRUE((*jeddah)[0].second_factor);
  auto own = staff_.List(supervisor_, "", origin_);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->size(), 2u);
  for (const auto& r : *own) EXPECT_EQ(r.account.mission_code, "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(staff_.List(supervisor_, "KJRI-JEDDAH", origin_).error().code, Code::kForbidden);
  EXPECT_EQ(staff_.List(officer_, "", origin_).error().code, Code::kForbidden);
  EXPECT_EQ(AuditOf(admin_.account_id, "staff_list").size(), 2u);
}

TEST_P(StaffTest, DisableEndsSessionsAndRefusesSignIn) {
  auto first = flow_.Password("officer@x.test", kPassword, origin_);
  auto s = flow_.Code(first->pending_token, Code(), origin_);
  ASSERT_TRUE(s.ok());
  auto pending = flow_.Password("officer@x.test", kPassword, origin_);
  ASSERT_TRUE(pending.ok());

  auto jeddah = Make("jeddah@x.test", "officer", "KJRI-JEDDAH");
  EXPECT_EQ(staff_.Disable(supervisor_, jeddah.account_id, origin_).error().code, Code::kNotFound);
  EXPECT_EQ(staff_.Disable(supervisor_, supervisor_.account_id, origin_).error().code,
            Code::kForbidden);
  EXPECT_EQ(staff_.Disable(officer_, supervisor_.account_id, origin_).error().code,
            Code::kForbidden);
  ASSERT_TRUE(staff_.Disable(supervisor_, officer_.account_id, origin_).ok());
  EXPECT_FALSE(accounts_.Resolve(s->token).has_value());
  EXPECT_EQ(flow_.Code(pending->pending_token, Code(1), origin_).error().message,
            "auth.pending_expired");
  EXPECT_EQ(flow_.Password("officer@x.test", kPassword, origin_).error().message, "auth.disabled");
  EXPECT_EQ(AuditOf(officer_.account_id, "sign_in_disabled").size(), 1u);
  ASSERT_TRUE(staff_.Enable(supervisor_, officer_.account_id, origin_).ok());
  EXPECT_TRUE(flow_.Password("officer@x.test", kPassword, origin_).ok());
  auto log = AuditOf(supervisor_.account_id, "staff_disable");
  ASSERT_EQ(log.size(), 1u);
  EXPECT_NE(log[0].detail.find(std::to_string(officer_.account_id)), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, StaffTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::accounts
