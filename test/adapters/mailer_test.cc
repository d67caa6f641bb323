#include "adapters/mail/mailer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "support/test_db.h"

namespace peduli::mail {
namespace {

TEST(MailerTest, FormatsRfc5322WithEncodedSubjectAndNoHeaderInjection) {
  crypto::Init();
  std::string m = FormatMessage({"a@example.test\r\nBcc: evil@example.test", "Verifikasi — Peduli WNI",
                                 "Halo Đặng"},
                                "Peduli WNI <no-reply@peduli.test>", 1795737600, "id1");
  EXPECT_NE(m.find("Date: Fri, 27 Nov 2026 00:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(m.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(m.find("Message-ID: <id1@peduli.test>\r\n"), std::string::npos);
  EXPECT_EQ(m.find("\r\nBcc:"), std::string::npos);
  EXPECT_NE(m.find("\r\n\r\n"), std::string::npos);
}

TEST(MailerTest, MaildirDeliversOneFilePerMessageIntoNew) {
  crypto::Init();
  peduli::testing::FixedClock clock;
  std::string dir = peduli::testing::MakeTempDir() + "/mail";
  auto mailer = MakeMaildirMailer(dir, "Peduli WNI <no-reply@peduli.test>", &clock);
  ASSERT_TRUE(mailer->Send({"a@example.test", "S1", "one"}).ok());
  ASSERT_TRUE(mailer->Send({"b@example.test", "S2", "two"}).ok());
  int n = 0;
  for (auto& e : std::filesystem::directory_iterator(dir + "/new")) {
    ++n;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    EXPECT_EQ(ss.str().rfind("Date: ", 0), 0u);
  }
  EXPECT_EQ(n, 2);
  EXPECT_TRUE(std::filesystem::is_empty(dir + "/tmp"));
}

TEST(MailerTest, SmtpFailureIsUnavailableNotACrash) {
  crypto::Init();
  peduli::testing::FixedClock clock;
  // Nothing listens on port 1.
  auto mailer = MakeSmtpMailer({"smtp://127.0.0.1:1", "", "", "no-reply@peduli.test", 2}, &clock);
  auto s = mailer->Send({"a@example.test", "S", "T"});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, Code::kUnavailable);
}

}  // namespace
}  // namespace peduli::mail
