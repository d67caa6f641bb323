// Protection cases over real reference data and a real database (both backends), with a
// fixed clock: reporting doors, the lock, masking, escalation once, referral consent,
// transfer, matching.
#include "modules/protection/service.h"

#include <fstream>
#include <sstream>

#include "modules/protection/export.h"
#include "support/zip_entry.h"

#include <gtest/gtest.h>

#include "modules/protection/fixture.h"
#include "support/test_db.h"

namespace peduli::protection {
namespace {

using testing_support::kKl;

TEST(ProtectionRules, RestrictedDeadlinesMaskTracking) {
  EXPECT_TRUE(IsRestrictedCategory("trafficking"));
  EXPECT_TRUE(IsRestrictedCategory("violence"));
  EXPECT_TRUE(IsRestrictedCategory("death_penalty"));
  EXPECT_FALSE(IsRestrictedCategory("wage"));
  EXPECT_EQ(DeadlineSeconds("urgent"), 4 * 3600);
  EXPECT_EQ(DeadlineSeconds("low"), 7 * 24 * 3600);
  EXPECT_EQ(MaskName("Siti  Aminah"), "S*** A***");
  EXPECT_EQ(MaskName("Ägus"), "Ä***");
  EXPECT_EQ(MaskName(""), "");
  const std::string t = NewTrackingNumber();
  ASSERT_EQ(t.size(), 12u);
  EXPECT_EQ(t.substr(0, 3), "PW-");
  EXPECT_EQ(t[7], '-');
  EXPECT_NE(t, NewTrackingNumber());
  store::CaseRow c;
  c.priority = "normal";
  c.state = "new";
  c.due_at = 1000 + DeadlineSeconds("normal");
  EXPECT_EQ(Rag(c, 1000), "green");
  EXPECT_EQ(Rag(c, c.due_at - 3600), "amber");
  EXPECT_EQ(Rag(c, c.due_at + 1), "red");
  c.state = "resolved";
  EXPECT_EQ(Rag(c, c.due_at + 1), "");
}

class ProtectionServiceTest : public testing_support::ProtectionFixture {};

TEST_P(ProtectionServiceTest, PublicReportFollowLinkAndRateLimit) {
  Context anon{{0, "public", ""}, "203.0.113.9", "p"};
  auto o = svc_->ReportPublic(anon, Public(), "");
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->c.mission_code, kKl) << "Malaysia's default mission";
  EXPECT_EQ(o->c.source, "public");
  EXPECT_GE(o->follow_token.size(), 32u);
  EXPECT_NE(o->c.follow_hash, o->follow_token) << "only the hash is stored";
  auto v = svc_->Follow(o->follow_token);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->c.tracking_number, o->c.tracking_number);
  EXPECT_EQ(svc_->Follow(std::string(32, 'a')).error().code, Code::kNotFound);
  // Field errors all at once.
  OpenRequest bad;
  auto e = svc_->ReportPublic(anon, bad, "");
  ASSERT_EQ(e.error().code, Code::kInvalid);
  EXPECT_GE(e.error().fields.size(), 4u);
  // The honeypot stores nothing.
  auto hp = svc_->ReportPublic(anon, Public(), "http://spam");
  ASSERT_TRUE(hp.ok());
  EXPECT_EQ(hp->c.id, 0);
  for (int i = 1; i < ProtectionService::kPublicReportsPerHour; ++i) {
    ASSERT_TRUE(svc_->ReportPublic(anon, Public(), "").ok());
  }
  EXPECT_EQ(svc_->ReportPublic(anon, Public(), "").error().code, Code::kTooMany);
  Context elsewhere{{0, "public", ""}, "198.51.100.1", "p"};
  EXPECT_TRUE(svc_->ReportPublic(elsewhere, Public(), "").ok()) << "per address";
  clock_.Advance(3601);
  EXPECT_TRUE(svc_->ReportPublic(anon, Public(), "").ok()) << "an hour later";
}

TEST_P(ProtectionServiceTest, InternalNotesNeverReachTheReporter) {
  Context anon{{0, "public", ""}, "203.0.113.9", "p"};
  auto o = svc_->ReportPublic(anon, Public(), "");
  ASSERT_TRUE(o.ok());
  ActionInput note{.kind = "note", .body = "Majikan dikenal kasar", .internal = true};
  ASSERT_TRUE(svc_->Act(officer_, o->c.id, note).ok());
  ActionInput pub{.kind = "note", .body = "Kami sudah menghubungi majikan.", .internal = false};
  ASSERT_TRUE(svc_->Act(officer_, o->c.id, pub).ok());
  ActionInput st{.kind = "state", .to_state = "triaged"};
  ASSERT_TRUE(svc_->Act(officer_, o->c.id, st).ok());
  auto v = svc_->Follow(o->follow_token);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->c.state, "triaged");
  bool saw_public = false;
  for (const auto& e : v->entries) {
    EXPECT_EQ(e.body.find("kasar"), std::string::npos);
    if (e.body == "Kami sudah menghubungi majikan.") saw_public = true;
  }
  EXPECT_TRUE(saw_public);
  EXPECT_EQ(v->entries.size(), 3u);  // report, public note, state
}

TEST_P(ProtectionServiceTest, AccessLockAndAssignment) {
  const int64_t id = OfficerCase();
  EXPECT_EQ(svc_->Get(other_, id).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Get(dpo_, id).error().code, Code::kNotFound);
  EXPECT_TRUE(svc_->Get(hq_, id).ok());
  ActionInput note{.kind = "note", .body = "x"};
  EXPECT_EQ(svc_->Act(hq_, id, note).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->Act(other_, id, note).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Assign(officer_, id, officer_.actor.account_id).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->Assign(supervisor_, id, other_.actor.account_id).error().code, Code::kInvalid);
  ASSERT_TRUE(svc_->Assign(supervisor_, id, officer_.actor.account_id).ok());
  auto refused = svc_->Act(officer2_, id, note);
  ASSERT_EQ(refused.error().code, Code::kForbidden);
  EXPECT_EQ(refused.error().message, "protection.locked");
  EXPECT_TRUE(svc_->Get(officer2_, id)->locked);
  EXPECT_TRUE(svc_->Act(officer_, id, note).ok());
  EXPECT_TRUE(svc_->Act(supervisor_, id, note).ok()) << "the supervisor acts on any case";
}

TEST_P(ProtectionServiceTest, RestrictedNamesMaskedAndRevealAudited) {
  const int64_t id = OfficerCase("trafficking");
  auto q = svc_->Queue(officer2_, {});
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->cases.size(), 1u);
  EXPECT_TRUE(q->masked[0]);
  EXPECT_EQ(q->cases[0].subject_name, "S*** R***");
  EXPECT_EQ(svc_->Queue(supervisor_, {})->cases[0].subject_name, "Siti Rahmawati");
  EXPECT_EQ(svc_->Queue(hq_, {})->cases[0].subject_name, "Siti Rahmawati");
  ASSERT_TRUE(svc_->Assign(supervisor_, id, officer_.actor.account_id).ok());
  EXPECT_FALSE(svc_->Get(officer_, id)->name_masked) << "the assignee sees it";
  auto v = svc_->Get(officer2_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_TRUE(v->name_masked);
  EXPECT_TRUE(v->can_reveal);
  EXPECT_EQ(svc_->Reveal(officer2_, id, " ").error().code, Code::kInvalid);
  auto name = svc_->Reveal(officer2_, id, "Hotline: keluarga menelepon");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "Siti Rahmawati");
  store::AuditFilter f;
  f.action = "reveal_case_name";
  auto entries = audit_->Query(f);
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), 1u);
  f.action = "read_case";
  EXPECT_GE(audit_->Query(f)->size(), 2u) << "every staff read is audited";
}

TEST_P(ProtectionServiceTest, EscalatesOnceToSupervisorThenHq) {
  const int64_t id = OfficerCase();  // normal: 72 h
  clock_.Advance(DeadlineSeconds("normal") + 1);
  EXPECT_EQ(*svc_->EscalateOverdue(), 1);
  EXPECT_EQ(*svc_->EscalateOverdue(), 0) << "recorded once";
  auto v = svc_->Get(supervisor_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->c.escalation_level, 1);
  EXPECT_EQ(v->rag, "red");
  int escalations = 0;
  for (const auto& a : v->actions) escalations += a.kind == "escalate";
  EXPECT_EQ(escalations, 1);
  auto told = Outbox("protection_duty");
  ASSERT_EQ(told.size(), 1u) << "the supervisor is told, once";
  EXPECT_EQ(told[0].m.recipient, "sup@example.test");
  store::CaseFilter hq_only;
  hq_only.min_escalation = 2;
  EXPECT_TRUE(svc_->Queue(hq_, hq_only)->cases.empty());
  clock_.Advance(HqGraceSeconds("normal"));
  EXPECT_EQ(svc_->Queue(hq_, hq_only)->cases.size(), 1u) << "escalated to HQ on read";
  // A new step resets the deadline and the escalation.
  ActionInput st{.kind = "state", .to_state = "in_progress"};
  auto after = svc_->Act(officer_, id, st);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->escalation_level, 0);
  EXPECT_EQ(after->due_at, clock_.NowUnix() + DeadlineSeconds("normal"));
}

TEST_P(ProtectionServiceTest, StatesOutcomeAndReferralConsent) {
  const int64_t id = OfficerCase();
  ActionInput bad{.kind = "state", .to_state = "resolved"};
  EXPECT_EQ(svc_->Act(officer_, id, bad).error().code, Code::kInvalid) << "an outcome is needed";
  ActionInput wages{.kind = "state", .to_state = "resolved", .outcome = "wages_recovered",
                    .amount = "4500", .currency = "MYR"};
  auto done = svc_->Act(officer_, id, wages);
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, "resolved");
  EXPECT_EQ(done->due_at, 0);
  auto v = svc_->Get(officer_, id);
  EXPECT_EQ(*v->actions.back().amount, 4500);
  // Referrals are tracked objects now (referral_test.cc): the old action path is refused.
  ActionInput refer{.kind = "referral", .body = "Shelter KBRI"};
  auto refused = svc_->Act(supervisor_, id, refer);
  ASSERT_EQ(refused.error().code, Code::kInvalid);
  EXPECT_EQ(refused.error().fields.at(0).key, "err.protection.referral_moved");
}

TEST_P(ProtectionServiceTest, ReclassifyRestrictsRestartsTheDeadlineAndMovesTheCounts) {
  const int64_t id = OfficerCase("wage");
  EXPECT_FALSE(svc_->Queue(officer2_, {})->masked[0]);
  const size_t messages = Outbox().size();
  ActionInput same{.kind = "reclassify", .category = "wage", .priority = "normal"};
  auto refused = svc_->Act(officer_, id, same);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Code::kInvalid);
  ActionInput bad{.kind = "reclassify", .category = "piracy"};
  EXPECT_EQ(svc_->Act(officer_, id, bad).error().code, Code::kInvalid);
  ActionInput tppo{.kind = "reclassify", .body = "Paspor ditahan, dijual ke majikan lain",
                   .category = "trafficking", .priority = "urgent"};
  EXPECT_EQ(svc_->Act(other_, id, tppo).error().code, Code::kNotFound) << "another mission";
  EXPECT_EQ(svc_->Act(hq_, id, tppo).error().code, Code::kForbidden) << "HQ reads, does not act";
  clock_.Advance(600);
  auto moved = svc_->Act(officer_, id, tppo);
  ASSERT_TRUE(moved.ok()) << moved.error().message;
  EXPECT_EQ(moved->category, "trafficking");
  EXPECT_EQ(moved->priority, "urgent");
  EXPECT_TRUE(moved->restricted);
  EXPECT_EQ(moved->due_at, clock_.NowUnix() + DeadlineSeconds("urgent"));
  auto q = svc_->Queue(officer2_, {});
  ASSERT_TRUE(q.ok());
  EXPECT_TRUE(q->masked[0]) << "the name is masked from now on";
  EXPECT_EQ(q->cases[0].subject_name, "S*** R***");
  // Back to "wage" (a mistake corrected): the case stays restricted.
  ActionInput back{.kind = "reclassify", .category = "wage"};
  auto again = svc_->Act(officer_, id, back);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->restricted);
  EXPECT_EQ(again->priority, "urgent") << "an empty priority keeps the current one";
  auto v = svc_->Get(supervisor_, id);
  ASSERT_TRUE(v.ok());
  const auto& last = v->actions.back();
  EXPECT_EQ(last.kind, "reclassify");
  EXPECT_EQ(last.category, "wage");
  EXPECT_EQ(last.priority, "urgent");
  EXPECT_TRUE(last.internal);
  EXPECT_EQ(Outbox().size(), messages) << "a re-triage tells no reporter";
  auto drift = store_->CheckCounts();
  ASSERT_TRUE(drift.ok());
  EXPECT_TRUE(drift->empty()) << "the dashboard's counters follow the new classification";
}

TEST_P(ProtectionServiceTest, TransferMovesOwnership) {
  const int64_t id = OfficerCase();
  EXPECT_EQ(svc_->Transfer(officer_, id, "NOPE", "x").error().code, Code::kInvalid);
  ASSERT_TRUE(svc_->Transfer(officer_, id, "KJRI-JEDDAH", "Majikan pindah ke Jeddah").ok());
  EXPECT_EQ(svc_->Get(officer_, id).error().code, Code::kNotFound) << "the sender no longer reads it";
  auto v = svc_->Get(other_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->c.mission_code, "KJRI-JEDDAH");
  EXPECT_EQ(v->actions.back().kind, "transfer");
}

TEST_P(ProtectionServiceTest, CitizenReportPanicAndMatching) {
  ASSERT_TRUE(registry_->Submit(citizen_account_, InKl()).ok());
  OpenRequest r;
  r.category = "wage";
  r.summary = "Gaji belum dibayar";
  auto mine = svc_->ReportAsCitizen(citizen_, r);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  EXPECT_EQ(mine->c.mission_code, kKl);
  EXPECT_EQ(mine->c.employer, "Tan Holdings") << "prefilled from Lapor Diri";
  EXPECT_NE(mine->c.citizen_id, 0);
  const size_t duty_before = Outbox("protection_duty").size();
  auto panic = svc_->Panic(citizen_, "3.07310,101.51850");
  ASSERT_TRUE(panic.ok());
  EXPECT_EQ(panic->c.priority, "urgent");
  EXPECT_EQ(panic->c.mission_code, kKl);
  EXPECT_EQ(panic->c.position, "3.07310,101.51850");
  EXPECT_FALSE(panic->c.phone.empty());
  auto duty = Outbox("protection_duty");
  ASSERT_EQ(duty.size(), duty_before + 1) << "the duty officer (the supervisor)";
  EXPECT_EQ(duty.back().m.recipient, "sup@example.test");
  EXPECT_EQ(duty.back().m.payload.find("Siti"), std::string::npos) << "no personal data";
  auto again = svc_->Panic(citizen_, "");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->c.id, panic->c.id) << "a second press adds to the same case";
  // A public report with the NIK is proposed, and an officer confirms it.
  Context anon{{0, "public", ""}, "203.0.113.9", "p"};
  auto pub = svc_->ReportPublic(anon, Public(), "");
  ASSERT_TRUE(pub.ok());
  auto v = svc_->Get(officer_, pub->c.id);
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->proposals.size(), 1u);
  EXPECT_EQ(v->proposals[0].reason, "nik");
  auto linked = svc_->ConfirmMatch(officer_, pub->c.id, v->proposals[0].citizen_id);
  ASSERT_TRUE(linked.ok());
  EXPECT_EQ(linked->citizen_id, mine->c.citizen_id);
  EXPECT_EQ(svc_->ConfirmMatch(other_, pub->c.id, linked->citizen_id).error().code, Code::kNotFound);
}

TEST_P(ProtectionServiceTest, OpenCaseForOtherModules) {
  Context system{{0, "system", ""}, "", "crisis"};
  OpenRequest r;
  r.source = "crisis";
  r.category = "disaster";
  r.priority = "urgent";
  r.mission_code = kKl;
  r.subject_name = "Budi";
  r.summary = "Banjir";
  r.external_ref = "crisis:7";
  auto o = svc_->OpenCase(system, r);
  ASSERT_TRUE(o.ok()) << o.error().message;
  EXPECT_EQ(o->c.external_ref, "crisis:7");
  EXPECT_EQ(o->c.due_at, clock_.NowUnix() + 4 * 3600);
  r.mission_code = "KJRI-JEDDAH";
  EXPECT_EQ(svc_->OpenCase(officer_, r).error().code, Code::kForbidden) << "officers open at home";
}

// The export reads the whole filter page after page, masks as the queue in both formats,
// and audits every page before it leaves.
TEST_P(ProtectionServiceTest, ExportCoversEveryPageMaskedInBothFormats) {
  for (int i = 0; i < 4; ++i) {
    OpenRequest r = Public("wage");
    r.source = "officer";
    r.channel = "hotline";
    r.subject_name = "Budi Santoso";
    r.subject_nik.clear();
    ASSERT_TRUE(svc_->OpenCase(officer_, r).ok());
  }
  OfficerCase("trafficking");  // "Siti Rahmawati", restricted
  auto csv_of = [&](const Context& who, int* pieces) {
    CaseExportPages pages(svc_.get(), who, {}, "csv", 2);
    std::string csv;
    for (;;) {
      auto n = pages.NextCsv();
      EXPECT_TRUE(n.ok());
      if (!n.ok() || !*n) break;
      csv += **n;
      if (pieces) ++*pieces;
    }
    return csv;
  };
  int pieces = 0;
  const std::string csv = csv_of(officer2_, &pieces);
  EXPECT_EQ(pieces, 3) << "five cases, two a page";
  size_t lines = 0;
  for (size_t at = csv.find("\r\n"); at != std::string::npos; at = csv.find("\r\n", at + 2)) ++lines;
  EXPECT_EQ(lines, 6u) << csv;
  EXPECT_EQ(csv.rfind("tracking_number,", 0), 0u);
  EXPECT_EQ(csv.find("Siti Rahmawati"), std::string::npos);
  EXPECT_NE(csv.find("S*** R***"), std::string::npos);
  EXPECT_NE(csv.find("Budi Santoso"), std::string::npos);
  EXPECT_NE(csv_of(supervisor_, nullptr).find("Siti Rahmawati"), std::string::npos);
  EXPECT_EQ(csv_of(other_, nullptr).find("PW-"), std::string::npos) << "another mission's";
  store::AuditFilter f;
  f.action = "export_cases";
  EXPECT_GE(audit_->Query(f)->size(), 3u) << "every page audited";

  CaseExportPages pages(svc_.get(), officer2_, {}, "xlsx", 2);
  const std::string path = tdb_->dir() + "/kasus.xlsx";
  ASSERT_TRUE(WriteCasesXlsx(pages, path).ok());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  auto sheet = peduli::testing::ZipEntry(bytes.str(), "xl/worksheets/sheet1.xml");
  ASSERT_TRUE(sheet.has_value());
  EXPECT_EQ(sheet->find("Siti Rahmawati"), std::string::npos);
  EXPECT_NE(sheet->find("S*** R***"), std::string::npos);
  size_t rows = 0;
  for (size_t at = sheet->find(">PW-"); at != std::string::npos; at = sheet->find(">PW-", at + 1)) ++rows;
  EXPECT_EQ(rows, 5u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProtectionServiceTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::protection
