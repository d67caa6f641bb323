// The outbox's rate limits hold for every server together (issue 9, migration 0034): two
// senders on one database, as two servers would be, share each external channel's rate in
// a second; portal messages are limited per server only. Both backends.
#include <gtest/gtest.h>

#include "fakes/fixed_clock.h"
#include "modules/outbox/outbox.h"
#include "support/test_db.h"

namespace peduli::outbox {
namespace {

class CountingGateway : public TextGateway {
 public:
  Status Send(const std::string& channel, const std::string&, const std::string&) override {
    std::lock_guard<std::mutex> l(mu);
    ++sent[channel];
    return Status::Ok();
  }
  std::mutex mu;
  std::map<std::string, int> sent;
};

class OutboxRateTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 4);
    store_ = std::make_unique<store::OutboxStore>(&tdb_->db());
    renderers_.Register("note", [](const store::OutboxRow&) -> Result<Rendered> {
      return Rendered{"Subjek", "Teks"};
    });
    limits_.sms = 3;
    limits_.whatsapp = 2;
    limits_.portal = 4;
  }

  void Queue(const std::string& channel, int n) {
    std::vector<store::OutboxMessage> m;
    for (int i = 0; i < n; ++i) {
      m.push_back({channel, channel == "portal" ? "7" : "+6012345" + std::to_string(i), "id",
                   "note", "test:1", "{}", channel + ":" + std::to_string(i), ""});
    }
    ASSERT_EQ(*store_->Enqueue(m, clock_.NowUnix()), n);
  }

  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<store::OutboxStore> store_;
  Renderers renderers_;
  CountingGateway gateway_;
  Limits limits_;
};

TEST_P(OutboxRateTest, TwoServersShareEachExternalChannelsRate) {
  Queue("sms", 10);
  Queue("whatsapp", 10);
  Queue("portal", 10);
  Sender a(store_.get(), &renderers_, nullptr, &gateway_, &clock_, limits_);
  Sender b(store_.get(), &renderers_, nullptr, &gateway_, &clock_, limits_);
  // Second 1: server A takes the whole second's SMS and WhatsApp budget; B gets none of it,
  // but its own portal allowance.
  EXPECT_EQ(a.RunOnce(), 3 + 2 + 4);
  EXPECT_EQ(b.RunOnce(), 4);
  EXPECT_EQ(gateway_.sent["sms"], 3);
  EXPECT_EQ(gateway_.sent["whatsapp"], 2);
  // Second 2: whoever asks first gets the budget; together never more than the rate.
  clock_.Advance(1);
  EXPECT_EQ(b.RunChannel("sms", limits_.sms), 3);
  EXPECT_EQ(a.RunChannel("sms", limits_.sms), 0);
  // Both at once, from two threads, in second 3: still three between them.
  clock_.Advance(1);
  int sent_a = 0, sent_b = 0;
  std::thread ta([&] { sent_a = a.RunChannel("sms", limits_.sms); });
  std::thread tb([&] { sent_b = b.RunChannel("sms", limits_.sms); });
  ta.join();
  tb.join();
  EXPECT_EQ(sent_a + sent_b, 3);
  EXPECT_EQ(gateway_.sent["sms"], 9);
  // Second 4: the last one; nothing is left, and old seconds are not kept.
  clock_.Advance(1);
  EXPECT_EQ(a.RunOnce() + b.RunOnce(), 1 + 2 + 2);  // sms 1, whatsapp 2, portal 2
  auto lease = tdb_->db().Acquire();
  auto rows = (*lease)->QueryOne("SELECT COUNT(*), MAX(taken) FROM outbox_rate");
  ASSERT_TRUE(rows.ok());
  EXPECT_LE(rows->Int(0), 8);  // at most one row per channel and second used
  EXPECT_LE(rows->Int(1), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxRateTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::outbox
