// Referrals as tracked objects (migration 0022), the HQ dashboard's counts and the account
// deletion guard inside the anonymising transaction, on both backends with a fixed clock.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "modules/protection/fixture.h"
#include "modules/protection/service.h"
#include "support/test_db.h"

namespace peduli::protection {
namespace {

using testing_support::kKl;

class ReferralTest : public testing_support::ProtectionFixture {};

size_t Audited(audit::AuditService& a, const std::string& action) {
  store::AuditFilter f;
  f.action = action;
  auto rows = a.Query(f);
  return rows.ok() ? rows->size() : 0;
}

TEST_P(ReferralTest, ConsentGatedAndOverrideAuditedForSupervisorsOnly) {
  const int64_t id = OfficerCase();
  ReferralInput in{.to_kind = "mission", .to_mission = "KJRI-JEDDAH", .scope = "summary",
                   .reason = "Majikan pindah ke Jeddah"};
  auto refused = svc_->Refer(officer_, id, in);
  ASSERT_EQ(refused.error().code, Code::kInvalid) << "no consent, no override";
  EXPECT_EQ(refused.error().fields.at(0).field, "consent");
  in.override_consent = true;
  in.override_reason = "WNI tidak dapat dihubungi, nyawa terancam";
  EXPECT_EQ(svc_->Refer(officer_, id, in).error().code, Code::kInvalid) << "officers cannot override";
  in.override_reason.clear();
  EXPECT_EQ(svc_->Refer(supervisor_, id, in).error().code, Code::kInvalid) << "an override needs a reason";
  in.override_reason = "WNI tidak dapat dihubungi, nyawa terancam";
  auto made = svc_->Refer(supervisor_, id, in);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_FALSE(made->r.consent);
  EXPECT_EQ(made->r.state, "pending");
  EXPECT_EQ(Audited(*audit_, "case_referral_consent_override"), 1u);
  // With consent, an officer refers; invalid targets and scopes are field errors.
  ReferralInput ok{.to_kind = "partner", .partner = "shelter", .partner_name = "Shelter Ampang",
                   .scope = "contact", .reason = "Butuh tempat aman", .consent = true};
  auto partner = svc_->Refer(officer_, id, ok);
  ASSERT_TRUE(partner.ok());
  EXPECT_EQ(partner->link_token.size(), 32u);
  EXPECT_EQ(Audited(*audit_, "case_referral"), 1u);
  ReferralInput bad{.to_kind = "mission", .to_mission = kKl, .scope = "everything",
                    .reason = "x", .consent = true};
  auto errs = svc_->Refer(officer_, id, bad);
  ASSERT_EQ(errs.error().code, Code::kInvalid);
  EXPECT_EQ(errs.error().fields.size(), 2u) << "own mission and unknown scope";
  // Another mission's officer does not learn the case exists; HQ reads but does not act.
  EXPECT_EQ(svc_->Refer(other_, id, ok).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Refer(hq_, id, ok).error().code, Code::kForbidden);
  // The case's timeline records both, with their referral ids; the old path is closed.
  auto v = svc_->Get(officer_, id);
  int referral_actions = 0;
  for (const auto& a : v->actions) {
    if (a.kind == "referral") {
      ++referral_actions;
      EXPECT_NE(a.referral_id, 0);
      EXPECT_TRUE(a.internal);
    }
  }
  EXPECT_EQ(referral_actions, 2);
  EXPECT_EQ(svc_->CaseReferrals(officer_, id)->size(), 2u);
}

TEST_P(ReferralTest, ReceiverSeesOnlyTheScope) {
  const int64_t id = OfficerCase("trafficking");  // restricted
  ActionInput note{.kind = "note", .body = "RAHASIA: nama agen di Johor", .internal = true};
  ASSERT_TRUE(svc_->Act(officer_, id, note).ok());
  ActionInput pub{.kind = "note", .body = "Petugas sudah menghubungi keluarga", .internal = false};
  ASSERT_TRUE(svc_->Act(officer_, id, pub).ok());
  ReferralInput in{.to_kind = "mission", .to_mission = "KJRI-JEDDAH", .scope = "summary",
                   .reason = "Korban dipindahkan ke Jeddah", .consent = true};
  auto summary = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(summary.ok());
  auto v = svc_->IncomingView(other_, summary->r.id);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_TRUE(v->name_masked);
  EXPECT_EQ(v->c.subject_name, "S*** R***");
  EXPECT_TRUE(v->c.subject_nik.empty());
  EXPECT_TRUE(v->c.phone.empty());
  EXPECT_TRUE(v->entries.empty()) << "no timeline in a summary";
  EXPECT_EQ(v->c.summary, "Gaji tidak dibayar enam bulan.");
  EXPECT_TRUE(v->can_decide);
  EXPECT_EQ(Audited(*audit_, "read_referral"), 1u);
  // The receiver still cannot open the case itself.
  EXPECT_EQ(svc_->Get(other_, id).error().code, Code::kNotFound);
  // Full scope: identifiers and the public steps, never internal notes.
  in.scope = "full";
  auto full = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(full.ok());
  auto f = svc_->IncomingView(other_, full->r.id);
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->name_masked);
  EXPECT_EQ(f->c.subject_name, "Siti Rahmawati");
  EXPECT_EQ(f->c.subject_nik, "3273014108900001");
  bool saw_public = false;
  for (const auto& e : f->entries) {
    EXPECT_EQ(e.body.find("RAHASIA"), std::string::npos);
    if (e.body == "Petugas sudah menghubungi keluarga") saw_public = true;
  }
  EXPECT_TRUE(saw_public);
  // The incoming list names no one.
  auto list = svc_->Incoming(other_, true);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_TRUE(list->front().second.subject_name.empty());
  EXPECT_TRUE(svc_->Incoming(officer_, true)->empty()) << "KL receives nothing";
}

TEST_P(ReferralTest, ThirdMissionLearnsNothing) {
  const int64_t id = OfficerCase();
  ReferralInput in{.to_kind = "mission", .to_mission = "KJRI-JEDDAH", .scope = "full",
                   .reason = "Pindah", .consent = true};
  auto made = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(made.ok());
  Context third{{9999, "officer", "KBRI-SINGAPURA"}, "127.0.0.1", "r9"};
  EXPECT_EQ(svc_->IncomingView(third, made->r.id).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Decide(third, 0, made->r.id, "accept", "").error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Decide(dpo_, 0, made->r.id, "accept", "").error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Decide(officer_, 0, made->r.id, "accept", "").error().code, Code::kNotFound)
      << "the referrer does not decide for the receiver";
  EXPECT_EQ(svc_->Decide(hq_, 0, made->r.id, "accept", "").error().code, Code::kForbidden)
      << "HQ reads every mission but acts for none";
  EXPECT_EQ(svc_->Revoke(other_, id, made->r.id, "").error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Decide(other_, id + 1, made->r.id, "accept", "").error().code, Code::kNotFound)
      << "the path's case must be the referral's";
}

TEST_P(ReferralTest, StateMachineAndConflicts) {
  const int64_t id = OfficerCase();
  ReferralInput in{.to_kind = "mission", .to_mission = "KJRI-JEDDAH", .scope = "summary",
                   .reason = "Pindah", .consent = true};
  auto a = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(a.ok());
  const int64_t r = a->r.id;
  EXPECT_EQ(svc_->Decide(other_, 0, r, "done", "").error().code, Code::kConflict) << "pending -> done";
  EXPECT_EQ(svc_->Decide(other_, 0, r, "reject", "").error().code, Code::kInvalid) << "a rejection says why";
  auto acc = svc_->Decide(other_, 0, r, "accept", "Kami tangani");
  ASSERT_TRUE(acc.ok());
  EXPECT_EQ(acc->state, "accepted");
  auto again = svc_->Decide(other_, 0, r, "accept", "");
  ASSERT_EQ(again.error().code, Code::kConflict);
  EXPECT_EQ(again.error().message, "protection.referral.bad_transition");
  EXPECT_EQ(svc_->Decide(other_, 0, r, "reject", "x").error().code, Code::kConflict);
  auto done = svc_->Decide(other_, id, r, "done", "WNI sudah dipulangkan");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, "done");
  EXPECT_EQ(svc_->Revoke(officer_, id, r, "").error().code, Code::kConflict) << "done is final";
  // pending -> revoked; then nothing more.
  auto b = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(b.ok());
  auto rev = svc_->Revoke(officer_, id, b->r.id, "Salah tujuan");
  ASSERT_TRUE(rev.ok());
  EXPECT_EQ(rev->state, "revoked");
  EXPECT_EQ(svc_->Decide(other_, 0, b->r.id, "accept", "").error().code, Code::kConflict);
  // accepted -> revoked by the referrer.
  auto c = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(svc_->Decide(other_, 0, c->r.id, "accept", "").ok());
  EXPECT_TRUE(svc_->Revoke(officer_, id, c->r.id, "WNI kembali ke KL").ok());
  // pending -> rejected.
  auto d = svc_->Refer(officer_, id, in);
  auto rej = svc_->Decide(other_, 0, d->r.id, "reject", "Bukan wilayah kami");
  ASSERT_TRUE(rej.ok());
  EXPECT_EQ(rej->decision_note, "Bukan wilayah kami");
  // The compare-and-set: a stale state loses even if the service's check passed.
  auto e = svc_->Refer(officer_, id, in);
  store::CaseActionRow act;
  act.kind = "referral_accepted";
  act.created_at = clock_.NowUnix();
  store::AuditEntry entry = audit_->MakeEntry(other_.actor, "case_referral_accepted", 0, "perlindungan", "", "");
  ASSERT_TRUE(store_->MoveReferral(e->r.id, "pending", "accepted", "", act, entry).ok());
  auto lost = store_->MoveReferral(e->r.id, "pending", "rejected", "", act, entry);
  EXPECT_EQ(lost.error().message, "protection.referral.changed");
  // Every move is in the timeline and the audit log.
  EXPECT_EQ(Audited(*audit_, "case_referral_accepted"), 3u);
  EXPECT_EQ(Audited(*audit_, "case_referral_done"), 1u);
  EXPECT_EQ(Audited(*audit_, "case_referral_revoked"), 2u);
  EXPECT_EQ(Audited(*audit_, "case_referral_rejected"), 1u);
  auto v = svc_->Get(officer_, id);
  int moves = 0;
  for (const auto& x : v->actions) {
    if (x.kind.rfind("referral_", 0) == 0) ++moves;
  }
  EXPECT_EQ(moves, 7) << "accepted, done, revoked, accepted, revoked, rejected, and the store's own";
}

TEST_P(ReferralTest, PartnerLink) {
  const int64_t id = OfficerCase();
  ReferralInput in{.to_kind = "partner", .partner = "iom", .scope = "contact",
                   .reason = "Pemulangan sukarela", .consent = true};
  auto made = svc_->Refer(officer_, id, in);
  ASSERT_TRUE(made.ok());
  const Context anyone{{0, "public", ""}, "10.0.0.1", "p1"};
  EXPECT_EQ(svc_->PartnerView(anyone, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").error().code, Code::kNotFound);
  auto v = svc_->PartnerView(anyone, made->link_token);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->c.subject_name, "Siti Rahmawati");  // contact scope
  EXPECT_TRUE(v->c.subject_nik.empty());
  EXPECT_TRUE(v->r.link_hash.empty());
  EXPECT_TRUE(v->can_decide);
  // A partner referral is not on any mission's incoming list and no staff decides it.
  EXPECT_EQ(svc_->IncomingView(other_, made->r.id).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Decide(officer_, 0, made->r.id, "accept", "").error().code, Code::kNotFound);
  ASSERT_TRUE(svc_->PartnerDecide(anyone, made->link_token, "accept", "").ok());
  EXPECT_EQ(svc_->PartnerDecide(anyone, made->link_token, "accept", "").error().code, Code::kConflict);
  auto done = svc_->PartnerDecide(anyone, made->link_token, "done", "Sudah dipulangkan");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->state, "done");
  // The link's hash only is stored.
  auto lease = tdb_->db().Acquire();
  auto stored = (*lease)->QueryOne("SELECT link_hash FROM case_referrals WHERE id = $1", {made->r.id});
  EXPECT_EQ(stored->Text(0), crypto::HashToken("referral:" + made->link_token));
  EXPECT_EQ(stored->Text(0).find(made->link_token), std::string::npos);
}

TEST_P(ReferralTest, DashboardCounts) {
  OfficerCase("wage");
  OfficerCase("wage");
  OfficerCase("trafficking");
  const int64_t done = OfficerCase("illness");
  ActionInput close{.kind = "state", .to_state = "closed", .outcome = "other"};
  ASSERT_TRUE(svc_->Act(officer_, done, close).ok());
  auto jed = OpenRequest(Public("wage"));
  jed.source = "officer";
  jed.country = "SA";
  jed.mission_code = "KJRI-JEDDAH";
  ASSERT_TRUE(svc_->OpenCase(other_, jed).ok());
  clock_.Advance(80 * 3600);  // past the normal (72 h) and high (24 h) deadlines
  auto all = svc_->Dashboard(hq_, "", "");
  ASSERT_TRUE(all.ok());
  int64_t total = 0, overdue = 0, restricted = 0, escalated = 0, kl_wage_new = 0, closed = 0;
  for (const auto& x : *all) {
    total += x.total;
    overdue += x.overdue;
    restricted += x.restricted;
    escalated += x.escalated;
    if (x.mission_code == kKl && x.category == "wage" && x.state == "new") kl_wage_new = x.total;
    if (x.state == "closed") closed += x.total;
  }
  EXPECT_EQ(total, 5);
  EXPECT_EQ(overdue, 4) << "the closed case has no deadline";
  EXPECT_EQ(escalated, 4) << "the dashboard runs the escalation first";
  EXPECT_EQ(restricted, 1);
  EXPECT_EQ(kl_wage_new, 2);
  EXPECT_EQ(closed, 1);
  auto wage = svc_->Dashboard(hq_, kKl, "wage");
  ASSERT_EQ(wage->size(), 1u);
  EXPECT_EQ(wage->front().total, 2);
  // A mission sees its own counts only, whatever it asks for.
  auto own = svc_->Dashboard(other_, kKl, "");
  ASSERT_TRUE(own.ok());
  for (const auto& x : *own) EXPECT_EQ(x.mission_code, "KJRI-JEDDAH");
  EXPECT_EQ(svc_->Dashboard(dpo_, "", "").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->Dashboard(hq_, "", "nope").error().code, Code::kInvalid);
}

TEST_P(ReferralTest, DeletionGuardRunsInsideTheAnonymisingTransaction) {
  auto count_open = [](store::Connection& c, int64_t account) -> Result<std::string> {
    auto n = store::ProtectionStore::CountOpenForAccountIn(c, account);
    if (!n.ok()) return n.take_error();
    return std::string(*n > 0 ? "protection.delete_refused_open_case" : "");
  };
  registry_->SetDeletionGuard(count_open);
  OpenRequest r;
  r.category = "wage";
  r.summary = "Gaji belum dibayar";
  r.country = "MY";
  r.subject_name = "Siti Rahmawati";
  auto mine = svc_->ReportAsCitizen(citizen_, r);
  ASSERT_TRUE(mine.ok()) << mine.error().message;
  auto refused = registry_->Delete(citizen_account_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Code::kConflict);
  EXPECT_EQ(refused.error().message, "protection.delete_refused_open_case");
  ActionInput close{.kind = "state", .to_state = "closed", .outcome = "other"};
  ASSERT_TRUE(svc_->Act(officer_, mine->c.id, close).ok());
  // A case opened while the deletion decides: it is either counted (committed first) or
  // waits for the deletion and then finds the account gone. Never both.
  std::thread opener;
  std::atomic<bool> opened{false};
  registry_->SetDeletionGuard([&](store::Connection& c, int64_t account) -> Result<std::string> {
    opener = std::thread([&] { opened = svc_->ReportAsCitizen(citizen_, r).ok(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return count_open(c, account);
  });
  Status deleted = registry_->Delete(citizen_account_);
  opener.join();
  EXPECT_NE(deleted.ok(), opened.load()) << "deleted " << deleted.ok() << ", opened " << opened.load();
  EXPECT_TRUE(deleted.ok()) << "the deletion held the lock first";
  EXPECT_EQ(*store_->CountOpenForAccount(citizen_account_), 0);
}

TEST_P(ReferralTest, RiskListScopedReviewedAndOpened) {
  ASSERT_TRUE(registry_->Submit(citizen_account_, InKl()).ok());
  auto rec = records_->FindByAccount(citizen_account_);
  ASSERT_TRUE(rec.ok());
  auto lease = tdb_->db().Acquire();
  auto verdict = [&](int64_t citizen, const std::string& detail, int64_t at) {
    ASSERT_TRUE((*lease)->Exec("DELETE FROM verification_results WHERE citizen_id = $1 AND system = 'bp2mi'", {citizen}).ok());
    ASSERT_TRUE((*lease)->Exec(
        "INSERT INTO verification_results (citizen_id, system, state, detail, checked_at, updated_at) "
        "VALUES ($1, 'bp2mi', 'mismatch', $2, $3, $3)", {citizen, detail, at}).ok());
  };
  verdict(rec->id, R"({"risks":[]})", 100);
  EXPECT_TRUE(svc_->RiskList(officer_)->empty()) << "no risk, not listed";
  verdict(rec->id, R"({"risks":["employer_differs","contract_expired"]})", 200);
  auto list = svc_->RiskList(officer_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->front().full_name, "Siti Rahmawati");
  EXPECT_EQ(Audited(*audit_, "read_risk_list"), 2u);
  EXPECT_TRUE(svc_->RiskList(other_)->empty()) << "Jeddah sees only its own";
  EXPECT_EQ(svc_->RiskList(other_, kKl).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->RiskList(hq_)->size(), 1u);
  EXPECT_EQ(svc_->ReviewRisk(other_, rec->id, "x").error().code, Code::kNotFound);
  EXPECT_EQ(svc_->ReviewRisk(hq_, rec->id, "x").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->ReviewRisk(officer_, rec->id, "").error().code, Code::kInvalid);
  ASSERT_TRUE(svc_->ReviewRisk(officer_, rec->id, "Sudah ditelepon, majikan baru resmi").ok());
  EXPECT_TRUE(svc_->RiskList(officer_)->empty());
  EXPECT_EQ(svc_->ReviewRisk(officer_, rec->id, "lagi").error().code, Code::kNotFound);
  // A newer verdict lists the worker again; this time a case is opened from it.
  verdict(rec->id, R"({"risks":["no_placement_record"]})", 300);
  ASSERT_EQ(svc_->RiskList(officer_)->size(), 1u);
  auto opened = svc_->OpenFromRisk(officer_, rec->id);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  EXPECT_EQ(opened->c.citizen_id, rec->id);
  EXPECT_EQ(opened->c.mission_code, kKl);
  EXPECT_EQ(opened->c.employer, "Tan Holdings");
  EXPECT_NE(opened->c.summary.find("no_placement_record"), std::string::npos);
  EXPECT_TRUE(svc_->RiskList(officer_)->empty());
  EXPECT_EQ(Audited(*audit_, "review_risk"), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReferralTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::protection
