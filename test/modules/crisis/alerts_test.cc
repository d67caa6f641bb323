// Crisis alerts on both backends (issue 9, item 1): who may write, the preview's counts,
// the first send fixing the audience (with vulnerability), later sends reaching the same
// people, per-channel queuing deduplicated, and the outbox sender's delivery and retries.
#include <gtest/gtest.h>

#include "modules/crisis/fixture.h"

namespace peduli::crisis {
namespace {

class RecordingMailer : public mail::Mailer {
 public:
  Status Send(const mail::Mail& m) override {
    if (fail) return Error{Code::kUnavailable, "relay down", {}};
    sent.push_back(m);
    return Status::Ok();
  }
  bool fail = false;
  std::vector<mail::Mail> sent;
};

class RecordingGateway : public outbox::TextGateway {
 public:
  Status Send(const std::string& channel, const std::string& to, const std::string& text) override {
    sent.push_back(channel + " " + to + " " + text);
    return Status::Ok();
  }
  std::vector<std::string> sent;
};

class CrisisAlertsTest : public CrisisServiceTest {
 protected:
  void SetUp() override {
    CrisisServiceTest::SetUp();
    if (HasFatalFailure()) return;
    // A: Kota Kinabalu, account with a verified address, phone. B: Shah Alam (outside).
    // C: an unknown town of Sabah, informal migrant worker, no account, no phone, born 2010.
    Person(1, "MY-12", "Kota Kinabalu", "+60123", "resident", "", "1990-01-01", true);
    Person(2, "MY-10", "Shah Alam", "+60124", "student", "", "1990-01-01", true);
    Person(3, "MY-12", "Kampung Entah", "", "pmi", "informal", "2010-01-01", false);
  }

  void Person(int64_t id, const std::string& sub, const std::string& city, const std::string& phone,
              const std::string& category, const std::string& sector, const std::string& birth,
              bool account) {
    auto lease = tdb_->db().Acquire();
    Connection& c = **lease;
    store::Value account_id;
    if (account) {
      ASSERT_TRUE(c.Exec("INSERT INTO accounts (id, email, name, password_hash, created_at, "
                         "email_verified_at) VALUES ($1, $2, 'X', 'x', 0, 0)",
                         {id, "p" + std::to_string(id) + "@example.test"}).ok());
      account_id = id;
    }
    ASSERT_TRUE(c.Exec("INSERT INTO citizens (id, account_id, registration_number, birth_date, "
                       "passport_expiry_date, verify_code, created_at, updated_at) VALUES ($1, $2, "
                       "$3, $4, '2030-01-01', $3, 0, 0)",
                       {id, account_id, "R" + std::to_string(id), birth}).ok());
    ASSERT_TRUE(c.Exec("INSERT INTO stays (citizen_id, mission_code, country, subdivision, city, "
                       "phone, arrival_date, category, details, started_at) VALUES ($1, $2, 'MY', "
                       "$3, $4, $5, '2024-01-01', $6, $7, 0)",
                       {id, std::string(sub == "MY-12" ? "KJRI-KOTA-KINABALU" : "KBRI-KUALA-LUMPUR"),
                        sub, city, store::TextOrNull(phone), category,
                        std::string(R"({"sector":")") + sector + "\"}"}).ok());
  }
  using Connection = store::Connection;

  Context Hq() { return {{900, "hq", ""}, "127.0.0.1", "req-1"}; }
  CrisisInput Sabah() {
    CrisisInput in;
    in.level = "danger";
    in.title_id = "Banjir di Sabah";
    in.title_en = "Floods in Sabah";
    in.text_id = "Hindari daerah rendah.";
    in.text_en = "Avoid low-lying areas.";
    in.area = R"({"subdivisions": ["MY-12"]})";
    in.safety_check = true;
    return in;
  }
};

TEST_P(CrisisAlertsTest, WhoMayWrite) {
  // An officer may not; a supervisor only within the mission's jurisdiction.
  EXPECT_EQ(service_->Create({{5, "officer", "KBRI-KUALA-LUMPUR"}, "", ""}, Sabah()).error().code,
            Code::kForbidden);
  auto in = Sabah();
  in.area = R"({"countries": ["JP"]})";
  auto outside = service_->Create({{6, "supervisor", "KBRI-KUALA-LUMPUR"}, "", ""}, in);
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().fields[0].key, "crisis.err.area_jurisdiction");
  auto own = service_->Create({{7, "supervisor", "KJRI-KOTA-KINABALU"}, "", ""}, Sabah());
  ASSERT_TRUE(own.ok()) << own.error().message;
  // Another mission's officer learns nothing; HQ reads it.
  EXPECT_EQ(service_->Get({{8, "officer", "KJRI-JEDDAH"}, "", ""}, *own).error().code, Code::kNotFound);
  EXPECT_TRUE(service_->Get(Hq(), *own).ok());
  // Missing texts are field errors.
  CrisisInput empty;
  empty.area = "{}";
  auto bad = service_->Create(Hq(), empty);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, Code::kInvalid);
  EXPECT_GE(bad.error().fields.size(), 5u);
}

TEST_P(CrisisAlertsTest, PreviewSendAndSendAgain) {
  auto id = service_->Create(Hq(), Sabah());
  ASSERT_TRUE(id.ok()) << id.error().message;
  auto reach = service_->Preview(Hq(), *id);
  ASSERT_TRUE(reach.ok()) << reach.error().message;
  EXPECT_EQ(reach->total, 2);
  EXPECT_EQ(reach->by_placement.at("city"), 1);
  EXPECT_EQ(reach->by_placement.at("subdivision"), 1);
  EXPECT_EQ(reach->by_mission.at("KJRI-KOTA-KINABALU"), 2);
  EXPECT_EQ(reach->by_category.at("pmi"), 1);

  auto first = service_->Send(Hq(), *id);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->first);
  EXPECT_EQ(first->alert.audience, 2);
  EXPECT_EQ(first->alert.queued, 3);  // A: email, SMS (the default channel), portal; C: none
  EXPECT_EQ(first->alert.text_channels, "sms");
  {
    auto lease = tdb_->db().Acquire();
    auto v = (*lease)->QueryOne("SELECT vulnerability, placed_by FROM crisis_people "
                                "WHERE crisis_id = $1 AND citizen_id = 3", {*id});
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->Int(0), 8 + 4 + 2);  // informal PMI, a child, no phone
    EXPECT_EQ(v->Text(1), "subdivision");
  }
  {
    auto lease = tdb_->db().Acquire();
    auto n = (*lease)->QueryOne("SELECT COUNT(*) FROM outbox WHERE channel = 'whatsapp'");
    EXPECT_EQ(n->Int(0), 0);
  }
  // A citizen who arrives later is not added: the audience is fixed. The next alert goes on
  // both text channels, as the writer now chooses.
  Person(4, "MY-12", "Kota Kinabalu", "+60125", "resident", "", "1990-01-01", false);
  auto both = Sabah();
  both.text_channels = "sms,whatsapp";
  ASSERT_TRUE(service_->Update(Hq(), *id, both).ok());
  auto again = service_->Send(Hq(), *id);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->first);
  EXPECT_EQ(again->alert.audience, 2);
  EXPECT_EQ(again->alert.queued, 4);  // A: email, SMS, WhatsApp, portal
  auto counts = outbox_->CountsByRef("crisis:" + std::to_string(*id));
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->queued, 7);
  // "none": email and portal only. An unknown choice is a field error.
  auto none = Sabah();
  none.text_channels = "none";
  ASSERT_TRUE(service_->Update(Hq(), *id, none).ok());
  auto third = service_->Send(Hq(), *id);
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->alert.queued, 2);
  auto bad = Sabah();
  bad.text_channels = "pager";
  auto refused = service_->Update(Hq(), *id, bad);
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "text_channels");
  // Queuing the same message again adds nothing (dedup per alert, channel and person).
  store::OutboxMessage dup;
  dup.channel = "email";
  dup.recipient = "p1@example.test";
  dup.kind = "crisis_alert";
  dup.dedup_key = "crisis-alert:" + std::to_string(again->alert.id) + ":email:1";
  EXPECT_EQ(*outbox_->Enqueue({dup}, clock_.NowUnix()), 0);
  auto view = service_->Get(Hq(), *id);
  ASSERT_TRUE(view.ok());
  ASSERT_EQ(view->alerts.size(), 3u);  // newest first, each with the channels it went on
  EXPECT_EQ(view->alerts[0].text_channels, "none");
  EXPECT_EQ(view->alerts[1].text_channels, "sms,whatsapp");
  EXPECT_EQ(view->alerts[2].text_channels, "sms");
  EXPECT_EQ(view->placed.at("city"), 1);
}

TEST_P(CrisisAlertsTest, OutboxDeliversRetriesAndRenders) {
  auto in = Sabah();
  in.text_channels = "sms,whatsapp";
  auto id = service_->Create(Hq(), in);
  ASSERT_TRUE(id.ok());
  SafetyTokens tokens("test-key");
  service_->SetSafetyTokens(&tokens);
  ASSERT_TRUE(service_->Send(Hq(), *id).ok());
  outbox::Renderers renderers;
  renderers.Register("crisis_alert", [this](const store::OutboxRow& r) { return service_->RenderAlert(r); });
  RecordingMailer mailer;
  RecordingGateway gateway;
  outbox::Limits limits;
  outbox::Sender sender(outbox_.get(), &renderers, &mailer, &gateway, &clock_, limits);
  mailer.fail = true;
  EXPECT_EQ(sender.RunOnce(), 3);  // sms, whatsapp, portal; the mail waits
  auto counts = outbox_->CountsByRef("crisis:" + std::to_string(*id));
  EXPECT_EQ(counts->sent, 3);
  EXPECT_EQ(counts->queued, 1);
  // Not due before its backoff; sent after it.
  mailer.fail = false;
  EXPECT_EQ(sender.RunOnce(), 0);
  clock_.Advance(31);
  EXPECT_EQ(sender.RunOnce(), 1);
  ASSERT_EQ(mailer.sent.size(), 1u);
  EXPECT_EQ(mailer.sent[0].to, "p1@example.test");
  EXPECT_NE(mailer.sent[0].text.find("Banjir di Sabah"), std::string::npos);
  EXPECT_NE(mailer.sent[0].text.find("Floods in Sabah"), std::string::npos);
  EXPECT_NE(mailer.sent[0].text.find("https://peduli.test/aman/"), std::string::npos);
  ASSERT_EQ(gateway.sent.size(), 2u);
  EXPECT_EQ(gateway.sent[0].rfind("sms +60123 [BAHAYA] Banjir di Sabah", 0), 0u);
  // The citizen's inbox holds the portal message.
  auto inbox = outbox_->Inbox(1, 10);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].m.kind, "crisis_alert");
}

INSTANTIATE_TEST_SUITE_P(Backends, CrisisAlertsTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::crisis
