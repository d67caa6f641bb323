// Protection's messages through the outbox (issue 6, item 6), on both backends with a fixed
// clock: each public step queues a message per recipient in the step's transaction (kind,
// channel, recipient, dedup key), internal steps none, a rolled-back step none; the words
// are in the recipient's language and carry no personal data; referrals tell receivers.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/i18n.h"
#include "modules/protection/fixture.h"
#include "modules/protection/notify.h"
#include "modules/protection/service.h"
#include "store/outbox_store.h"
#include "support/test_db.h"

namespace peduli::protection {
namespace {

using nlohmann::json;
using testing_support::kKl;

class ProtectionMessagesTest : public testing_support::ProtectionFixture {
 protected:
  void SetUp() override {
    ProtectionFixture::SetUp();
    catalog_.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
    RegisterRenderers(renderers_, &catalog_, "http://portal.test");
  }

  outbox::Rendered Render(const store::OutboxRow& row) {
    auto r = renderers_.Render(row);
    EXPECT_TRUE(r.ok()) << row.m.kind;
    return r.ok() ? *r : outbox::Rendered{};
  }

  static std::string Payload(const store::OutboxRow& row, const char* key) {
    auto p = json::parse(row.m.payload);
    return p.contains(key) && p[key].is_string() ? p[key].get<std::string>() : "";
  }

  http::Catalog catalog_;
  outbox::Renderers renderers_;
  Context anon_{{0, "public", ""}, "203.0.113.9", "p"};
};

// The family report -> the officer's steps: a message per public step to the reporter's
// contact (email, or SMS for a phone number), none for an internal note, dedup per step.
TEST_P(ProtectionMessagesTest, FamilyReportThenOfficerStepsQueueOnePerPublicStep) {
  OpenRequest r = Public();
  r.reporter_contact = "Ibu.Aminah@Example.test";
  auto pub = svc_->ReportPublic(anon_, r, "");
  ASSERT_TRUE(pub.ok()) << pub.error().message;
  const int64_t id = pub->c.id;
  auto rows = Outbox();
  ASSERT_EQ(rows.size(), 1u) << "the report's receipt; wage is not urgent: no duty message";
  EXPECT_EQ(rows[0].m.kind, "protection_step");
  EXPECT_EQ(rows[0].m.channel, "email");
  EXPECT_EQ(rows[0].m.recipient, "ibu.aminah@example.test");
  EXPECT_EQ(rows[0].m.locale, "") << "unknown language: both";
  EXPECT_EQ(rows[0].m.ref, "case:" + std::to_string(id));
  EXPECT_EQ(Payload(rows[0], "step"), "report");
  EXPECT_EQ(rows[0].m.dedup_key,
            "protection:case:" + std::to_string(id) + ":report:email:ibu.aminah@example.test");

  ActionInput triage{.kind = "state", .to_state = "triaged"};
  ASSERT_TRUE(svc_->Act(officer_, id, triage).ok());
  rows = Outbox();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(Payload(rows[1], "step"), "state");
  EXPECT_EQ(Payload(rows[1], "state"), "triaged");
  EXPECT_EQ(rows[1].m.recipient, "ibu.aminah@example.test");

  ActionInput internal{.kind = "note", .body = "Majikan menyangkal; cek paspor di agensi"};
  ASSERT_TRUE(svc_->Act(officer_, id, internal).ok());
  EXPECT_EQ(Outbox().size(), 2u) << "an internal note tells no one";

  clock_.Advance(60);
  ActionInput note{.kind = "note", .body = "Kami sudah menghubungi majikan di Shah Alam.",
                   .internal = false};
  ASSERT_TRUE(svc_->Act(officer_, id, note).ok());
  ActionInput contact{.kind = "contact", .body = "Telepon ke WNI", .internal = false};
  ASSERT_TRUE(svc_->Act(officer_, id, contact).ok());
  rows = Outbox();
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(Payload(rows[2], "step"), "note");
  EXPECT_EQ(Payload(rows[3], "step"), "contact");
  EXPECT_EQ(rows[2].m.payload.find("Shah Alam"), std::string::npos) << "no note text queued";
  EXPECT_NE(rows[2].m.dedup_key, rows[3].m.dedup_key) << "each step its own key";

  // Queuing a step's message again (a retry) adds nothing.
  store::OutboxStore outbox(&tdb_->db());
  auto again = outbox.Enqueue({rows[3].m}, clock_.NowUnix());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(Outbox().size(), 4u);

  // A reporter who left a phone number: an SMS to the number in E.164.
  auto by_phone = svc_->ReportPublic(anon_, Public(), "");
  ASSERT_TRUE(by_phone.ok());
  rows = Outbox();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[4].m.channel, "sms");
  EXPECT_EQ(rows[4].m.recipient, "+6281234567890");
  // The officer links it to the record: the reporter hears that, not whose record.
  ASSERT_TRUE(registry_->Submit(citizen_account_, InKl()).ok());
  auto v = svc_->Get(officer_, by_phone->c.id);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->proposals.size(), 1u);
  ASSERT_TRUE(svc_->ConfirmMatch(officer_, by_phone->c.id, v->proposals[0].citizen_id).ok());
  rows = Outbox();
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(Payload(rows[5], "step"), "linked");
  EXPECT_EQ(rows[5].m.recipient, "+6281234567890");
  // Assignment is internal: no message.
  ASSERT_TRUE(svc_->Assign(supervisor_, id, officer_.actor.account_id).ok());
  EXPECT_EQ(Outbox().size(), 6u);
}

// A step whose transaction rolls back queues nothing: the outbox row is in the same
// transaction as the case's action.
TEST_P(ProtectionMessagesTest, RolledBackStepQueuesNothing) {
  const int64_t id = OfficerCase();
  ASSERT_TRUE(Outbox().empty()) << "an officer's case has no reporter to tell";
  store::CaseActionRow a;
  a.kind = "state";
  a.internal = false;
  a.to_state = "triaged";
  a.actor_role = "officer";
  a.created_at = clock_.NowUnix();
  store::CaseChange ch;
  ch.state = "triaged";
  auto failed = store_->ApplyAction(
      id, a, ch, 0, nullptr, [&](store::Connection& c, const store::CaseRow& row) -> Status {
        store::OutboxMessage m{"email", "x@example.test", "id", "protection_step",
                               "case:" + std::to_string(row.id), "{}", "rollback-test"};
        auto added = store::OutboxStore::EnqueueIn(c, {m}, clock_.NowUnix());
        EXPECT_TRUE(added.ok() && *added == 1);
        return Error::Conflict("later step failed");
      });
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(Outbox().empty()) << "rolled back with the step";
  auto v = svc_->Get(officer_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->c.state, "new");
  // A public report refused by validation queues nothing either.
  OpenRequest bad = Public();
  bad.category = "nope";
  EXPECT_FALSE(svc_->ReportPublic(anon_, bad, "").ok());
  // Nor does the honeypot's made-up receipt.
  EXPECT_TRUE(svc_->ReportPublic(anon_, Public(), "filled by a bot").ok());
  EXPECT_TRUE(Outbox().empty());
}

// The words: in the account's language when known, else Indonesian with English below;
// never a name, the story, a note, or the follow link's secret.
TEST_P(ProtectionMessagesTest, RenderedInRecipientLanguageWithoutPersonalData) {
  auto pub = svc_->ReportPublic(anon_, Public("missing"), "");
  ASSERT_TRUE(pub.ok());
  ActionInput note{.kind = "note", .body = "Catatan rahasia tentang keluarga", .internal = false};
  ASSERT_TRUE(svc_->Act(officer_, pub->c.id, note).ok());
  ActionInput internal{.kind = "note", .body = "Catatan internal petugas"};
  ASSERT_TRUE(svc_->Act(officer_, pub->c.id, internal).ok());
  auto rows = Outbox("protection_step");
  ASSERT_EQ(rows.size(), 2u);
  for (const auto& row : rows) {
    auto text = Render(row);
    const std::string all = text.subject + "\n" + text.text;
    EXPECT_NE(all.find(pub->c.tracking_number), std::string::npos) << all;
    EXPECT_NE(all.find("Nomor pelacakan"), std::string::npos) << "Indonesian first";
    EXPECT_NE(all.find("Tracking number"), std::string::npos) << "English below";
    EXPECT_LT(all.find("Nomor pelacakan"), all.find("Tracking number"));
    EXPECT_NE(all.find("http://portal.test/lapor-kasus"), std::string::npos);
    for (const std::string& secret : {std::string("Siti"), std::string("Rahmawati"),
                                      std::string("Aminah"), std::string("Gaji"),
                                      std::string("rahasia"), std::string("internal"),
                                      pub->follow_token}) {
      EXPECT_EQ(all.find(secret), std::string::npos) << secret << " in " << all;
    }
  }
  EXPECT_NE(Render(rows[1]).text.find("Ada catatan baru"), std::string::npos);

  // A citizen who chose English hears in English only: the inbox and the account's email.
  auto lease = tdb_->db().Acquire();
  ASSERT_TRUE((*lease)->Exec("UPDATE accounts SET locale = 'en' WHERE id = $1", {citizen_account_}).ok());
  ASSERT_TRUE(registry_->Submit(citizen_account_, InKl()).ok());
  OpenRequest mine;
  mine.category = "wage";
  mine.summary = "Gaji belum dibayar";
  auto own = svc_->ReportAsCitizen(citizen_, mine);
  ASSERT_TRUE(own.ok());
  rows = Outbox("protection_step");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[2].m.channel, "portal");
  EXPECT_EQ(rows[2].m.recipient, std::to_string(citizen_account_));
  EXPECT_EQ(rows[3].m.channel, "email");
  EXPECT_EQ(rows[3].m.recipient, "warga@example.test");
  for (size_t i : {2u, 3u}) {
    EXPECT_EQ(rows[i].m.locale, "en");
    auto text = Render(rows[i]);
    EXPECT_NE(text.text.find("We have received your report"), std::string::npos) << text.text;
    EXPECT_EQ(text.text.find("Nomor pelacakan"), std::string::npos) << "English only";
    EXPECT_NE(text.text.find("http://portal.test/lindungi/" + std::to_string(own->c.id)),
              std::string::npos);
    EXPECT_EQ(text.text.find("Siti"), std::string::npos);
  }

  // The panic button: the duty officer (the supervisor, Indonesian) gets an urgent message.
  auto panic = svc_->Panic(citizen_, "3.07310,101.51850");
  ASSERT_TRUE(panic.ok());
  auto duty = Outbox("protection_duty");
  ASSERT_EQ(duty.size(), 1u);
  EXPECT_EQ(duty[0].m.recipient, "sup@example.test");
  auto text = Render(duty[0]);
  EXPECT_EQ(text.subject.find("DARURAT"), 12u) << text.subject;  // after "Peduli WNI: "
  EXPECT_NE(text.text.find("http://portal.test/konsol/kasus/" + std::to_string(panic->c.id)),
            std::string::npos);
  EXPECT_EQ(text.text.find("Tracking number"), std::string::npos) << "the account's language";
  EXPECT_EQ(text.text.find("3.07310"), std::string::npos) << "no position";
}

// A new referral tells its receiver; a decision tells the referring mission; a partner
// with an email gets the secret link, kept only until sent.
TEST_P(ProtectionMessagesTest, ReferralTellsReceiverAndReferrer) {
  const int64_t id = OfficerCase();
  ReferralInput to_jeddah{.to_kind = "mission", .to_mission = "KJRI-JEDDAH", .scope = "summary",
                          .reason = "Majikan pindah ke Jeddah", .consent = true};
  auto made = svc_->Refer(officer_, id, to_jeddah);
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto rows = Outbox("protection_referral");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].m.channel, "email");
  EXPECT_EQ(rows[0].m.recipient, "jed@example.test") << "Jeddah has no supervisor: its officer";
  auto text = Render(rows[0]);
  EXPECT_NE(text.text.find("http://portal.test/konsol/rujukan/" + std::to_string(made->r.id)),
            std::string::npos) << text.text;
  EXPECT_EQ(text.text.find("Siti"), std::string::npos);
  EXPECT_EQ(text.text.find("Jeddah"), std::string::npos) << "not the reason either";

  ASSERT_TRUE(svc_->Decide(other_, id, made->r.id, "accept", "").ok());
  rows = Outbox("protection_referral");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1].m.recipient, "sup@example.test") << "the referring mission's duty officer";
  EXPECT_EQ(Payload(rows[1], "event"), "accepted");
  EXPECT_NE(Render(rows[1]).text.find("http://portal.test/konsol/kasus/" + std::to_string(id)),
            std::string::npos);

  ReferralInput to_hq{.to_kind = "hq", .scope = "summary", .reason = "Butuh keputusan pusat",
                      .consent = true};
  ASSERT_TRUE(svc_->Refer(officer_, id, to_hq).ok());
  rows = Outbox("protection_referral");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].m.recipient, "hq@example.test");

  // A partner: no email, no message; with one, the secret link by email.
  ReferralInput shelter{.to_kind = "partner", .partner = "shelter", .partner_name = "Shelter Ampang",
                        .scope = "contact", .reason = "Butuh tempat aman", .consent = true};
  ASSERT_TRUE(svc_->Refer(officer_, id, shelter).ok());
  EXPECT_EQ(Outbox("protection_referral").size(), 3u);
  shelter.partner_email = "not an email";
  auto bad = svc_->Refer(officer_, id, shelter);
  ASSERT_EQ(bad.error().code, Code::kInvalid);
  EXPECT_EQ(bad.error().fields.at(0).field, "partner_email");
  shelter.partner_email = "Intake@Shelter.example";
  auto partner = svc_->Refer(officer_, id, shelter);
  ASSERT_TRUE(partner.ok());
  rows = Outbox("protection_referral");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[3].m.recipient, "intake@shelter.example");
  EXPECT_EQ(rows[3].m.secret, partner->link_token);
  EXPECT_EQ(rows[3].m.payload.find(partner->link_token), std::string::npos);
  text = Render(rows[3]);
  EXPECT_NE(text.text.find("http://portal.test/rujukan/" + partner->link_token), std::string::npos);
  EXPECT_NE(text.text.find("Tautan berikut rahasia"), std::string::npos) << "both languages";
  EXPECT_NE(text.text.find("do not forward"), std::string::npos);
  store::OutboxStore outbox(&tdb_->db());
  ASSERT_TRUE(outbox.MarkSent(rows[3].id, clock_.NowUnix()).ok());
  EXPECT_EQ(Outbox("protection_referral")[3].m.secret, "") << "the secret is gone once sent";
}

INSTANTIATE_TEST_SUITE_P(Backends, ProtectionMessagesTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::protection
