// Duplicate-NIK decisions and walk-in registration over real reference data and a real
// database (both backends), with a fixed clock.
#include "modules/counter/service.h"

#include <gtest/gtest.h>

#include "fakes/fixed_clock.h"
#include "modules/reference/loader.h"
#include "store/accounts_store.h"
#include "store/audit_store.h"
#include "support/test_db.h"

namespace peduli::counter {
namespace {

using registry::LaporDiri;

constexpr const char* kKl = "KBRI-KUALA-LUMPUR";

// A woman in Shah Alam (Selangor): KBRI Kuala Lumpur's jurisdiction.
LaporDiri InKl(const std::string& nik = "3273014108900001", const std::string& name = "Siti Rahmawati") {
  LaporDiri d;
  d.identity = {nik, name, "Bandung", "1990-08-01", "P", "kawin", "Pekerja rumah tangga", "sma", "32.73"};
  d.passport = {"C1234567", "2022-01-10", "2032-01-09", "Kantor Imigrasi Bandung"};
  d.stay.country = "MY";
  d.stay.subdivision = "MY-10";
  d.stay.city = "Shah Alam";
  d.stay.address = "Jalan Kebun 3";
  d.stay.phone = "012-345 6789";
  d.stay.arrival_date = "2023-05-01";
  d.stay.category = "student";
  d.stay.student = {"Universiti Teknologi MARA", "Ilmu Komputer"};
  d.emergency_contact = {"Aminah", "ibu", "0812-3456-7890"};
  return d;
}

class CounterServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 2);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    records_ = std::make_unique<store::RegistryStore>(&tdb_->db());
    audit_store_ = std::make_unique<store::AuditStore>(&tdb_->db());
    audit_ = std::make_unique<audit::AuditService>(audit_store_.get(), &clock_);
    registry_ = std::make_unique<registry::RegistryService>(records_.get(), ref_.get(), &clock_, audit_.get());
    registry_->EnableVerification(false);
    store_ = std::make_unique<store::CounterStore>(&tdb_->db());
    counter_ = std::make_unique<CounterService>(store_.get(), records_.get(), registry_.get(),
                                                audit_.get(), &clock_);
    store::AccountsStore accounts(&tdb_->db());
    auto add = [&](const char* email, const char* role, const char* mission) {
      store::AccountRow a{.email = email, .name = "X", .password_hash = "x", .role = role,
                          .mission_code = mission, .locale = "id", .created_at = clock_.NowUnix()};
      auto id = accounts.Create(a, "", 0);
      EXPECT_TRUE(id.ok());
      return id.ok() ? *id : 0;
    };
    a_ = add("a@example.test", "citizen", "");
    b_ = add("b@example.test", "citizen", "");
    officer_ = {{add("kl@example.test", "officer", kKl), "officer", kKl}, "127.0.0.1", "r1"};
    other_ = {{add("jed@example.test", "officer", "KJRI-JEDDAH"), "officer", "KJRI-JEDDAH"}, "127.0.0.1", "r2"};
    hq_ = {{add("hq@example.test", "hq", ""), "hq", ""}, "127.0.0.1", "r3"};
  }

  // a holds the record, b claims the same NIK: the claim's id.
  int64_t Claim() {
    EXPECT_TRUE(registry_->Submit(a_, InKl()).ok());
    auto dup = registry_->Submit(b_, InKl("3273014108900001", "Siti Palsu"));
    EXPECT_EQ(dup.error().message, "registry.nik_taken");
    auto lists = counter_->ListClaims(officer_);
    EXPECT_TRUE(lists.ok());
    EXPECT_EQ(lists->open.size(), 1u);
    return lists->open.empty() ? 0 : lists->open.front().id;
  }

  int64_t Holder() {
    auto r = records_->FindByNik("3273014108900001");
    return r.ok() ? r->account_id : -1;
  }

  int64_t Count(const std::string& sql) {
    auto lease = tdb_->db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }

  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  std::unique_ptr<store::RegistryStore> records_;
  std::unique_ptr<store::AuditStore> audit_store_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<store::CounterStore> store_;
  std::unique_ptr<CounterService> counter_;
  int64_t a_ = 0, b_ = 0;
  Context officer_, other_, hq_;
};

TEST_P(CounterServiceTest, ClaimIsShownSideBySideOnlyInsideTheJurisdiction) {
  const int64_t id = Claim();
  auto v = counter_->GetClaim(officer_, id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->existing.data.identity.full_name, "Siti Rahmawati");
  EXPECT_EQ(v->claimed.identity.full_name, "Siti Palsu");
  auto diffs = Differences(v->existing.data, v->claimed);
  EXPECT_EQ(diffs, std::vector<std::string>{"identity.full_name"});
  EXPECT_TRUE(v->can_act);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'read_duplicate_claim'"), 1);

  EXPECT_EQ(counter_->GetClaim(other_, id).error().code, Code::kNotFound);
  EXPECT_TRUE(counter_->ListClaims(other_)->open.empty());
  auto hq = counter_->GetClaim(hq_, id);
  ASSERT_TRUE(hq.ok());
  EXPECT_FALSE(hq->can_act);
  EXPECT_EQ(counter_->Decide(hq_, id, "keep", "", false).error().code, Code::kForbidden);
  EXPECT_EQ(counter_->Decide(other_, id, "keep", "", false).error().code, Code::kNotFound);
  EXPECT_EQ(counter_->Undo(hq_, id).error().code, Code::kForbidden);
  EXPECT_EQ(counter_->GetClaim(officer_, id + 1000).error().code, Code::kNotFound);
}

TEST_P(CounterServiceTest, KeepThenUndo) {
  const int64_t id = Claim();
  EXPECT_EQ(counter_->Undo(officer_, id).error().message, "counter.nothing_to_undo");
  auto kept = counter_->Decide(officer_, id, "keep", "", false);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(Holder(), a_);
  EXPECT_EQ(registry_->OpenDuplicateClaims(b_), 0);
  EXPECT_EQ(registry_->LatestClaimOutcome(b_), "keep");
  EXPECT_EQ(counter_->Decide(officer_, id, "reject", "x", false).error().message,
            "counter.already_decided");
  ASSERT_TRUE(counter_->Undo(officer_, id).ok());
  EXPECT_EQ(registry_->OpenDuplicateClaims(b_), 1);
  EXPECT_EQ(registry_->LatestClaimOutcome(b_), "");
  EXPECT_EQ(Holder(), a_);
  auto v = counter_->GetClaim(officer_, id);
  ASSERT_EQ(v->decisions.size(), 2u);
  EXPECT_TRUE(v->decisions[0].undone);
  EXPECT_EQ(v->decisions[1].decision, "undo");
  EXPECT_FALSE(v->can_undo);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action IN "
                  "('decide_duplicate_claim', 'undo_duplicate_decision')"), 2);
}

TEST_P(CounterServiceTest, RejectNeedsANoteAndIsUndone) {
  const int64_t id = Claim();
  auto bad = counter_->Decide(officer_, id, "reject", "  ", false);
  ASSERT_EQ(bad.error().code, Code::kInvalid);
  EXPECT_EQ(bad.error().fields[0].field, "note");
  EXPECT_EQ(counter_->Decide(officer_, id, "merge", "x", false).error().fields[0].field, "decision");
  ASSERT_TRUE(counter_->Decide(officer_, id, "reject", "KTP palsu", false).ok());
  EXPECT_EQ(registry_->LatestClaimOutcome(b_), "reject");
  ASSERT_TRUE(counter_->Undo(officer_, id).ok());
  EXPECT_EQ(registry_->OpenDuplicateClaims(b_), 1);
}

TEST_P(CounterServiceTest, TransferMovesTheRecordAndUndoMovesItBack) {
  const int64_t id = Claim();
  auto unchecked = counter_->Decide(officer_, id, "transfer", "KTP diperiksa", false);
  ASSERT_EQ(unchecked.error().code, Code::kInvalid);
  EXPECT_EQ(unchecked.error().fields[0].field, "identity_checked");
  auto t = counter_->Decide(officer_, id, "transfer", "KTP dan paspor asli diperiksa", true);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->before_account_id, a_);
  EXPECT_EQ(t->after_account_id, b_);
  EXPECT_EQ(Holder(), b_);
  EXPECT_EQ(registry_->Get(a_).error().code, Code::kNotFound) << "the previous account lost access";
  auto mine = registry_->Get(b_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->data.identity.full_name, "Siti Rahmawati") << "the claim is not merged";
  ASSERT_TRUE(counter_->Undo(officer_, id).ok());
  EXPECT_EQ(Holder(), a_);
  EXPECT_EQ(registry_->Get(b_).error().code, Code::kNotFound);
}

TEST_P(CounterServiceTest, TransferUndoIsRefusedOnceTheRecordChanged) {
  const int64_t id = Claim();
  ASSERT_TRUE(counter_->Decide(officer_, id, "transfer", "KTP diperiksa", true).ok());
  clock_.Advance(60);
  LaporDiri edited = InKl();
  edited.stay.address = "Jalan Baru 9";
  ASSERT_TRUE(registry_->Submit(b_, edited).ok());  // the new holder edits it
  auto undo = counter_->Undo(officer_, id);
  ASSERT_FALSE(undo.ok());
  EXPECT_EQ(undo.error().message, "counter.undo_state_changed");
  EXPECT_EQ(Holder(), b_) << "nothing changed";
  EXPECT_EQ(registry_->LatestClaimOutcome(b_), "transfer");
}

TEST_P(CounterServiceTest, TransferUndoIsRefusedWhenThePreviousAccountHasAnotherRecord) {
  const int64_t id = Claim();
  ASSERT_TRUE(counter_->Decide(officer_, id, "transfer", "KTP diperiksa", true).ok());
  LaporDiri other = InKl("3273010108900003", "Budi Santoso");
  other.identity.sex = "L";
  ASSERT_TRUE(registry_->Submit(a_, other).ok());
  EXPECT_EQ(counter_->Undo(officer_, id).error().message, "counter.undo_state_changed");
}

TEST_P(CounterServiceTest, WalkInCreatesAnAccountlessRecordEnteredByTheOfficer) {
  auto res = counter_->WalkIn(officer_, InKl(), 0);
  ASSERT_TRUE(res.ok()) << res.error().message;
  EXPECT_TRUE(res->created);
  EXPECT_EQ(res->record.account_id, 0);
  EXPECT_EQ(MissionOf(res->record), kKl);
  auto entry = records_->EnteredBy(res->record.id);
  EXPECT_EQ(entry.account_id, officer_.actor.account_id);
  EXPECT_EQ(entry.mission_code, kKl);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'walk_in_registration'"), 1);

  // The same NIK again: the officer must have seen the record found.
  LaporDiri moved = InKl();
  moved.stay.city = "Petaling Jaya";
  auto unconfirmed = counter_->WalkIn(officer_, moved, 0);
  EXPECT_EQ(unconfirmed.error().message, "counter.existing_record");
  auto p = counter_->PreviewWalkIn(officer_, moved);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->existing_id, res->record.id);
  EXPECT_TRUE(p->existing_here);
  auto upd = counter_->WalkIn(officer_, moved, p->existing_id);
  ASSERT_TRUE(upd.ok());
  EXPECT_FALSE(upd->created);
  EXPECT_TRUE(upd->moved);
  EXPECT_EQ(upd->record.id, res->record.id);
  EXPECT_EQ(upd->record.stays.size(), 2u);

  // Later the citizen signs up online with the same NIK: a claim, resolved by a transfer.
  auto online = registry_->Submit(a_, InKl());
  EXPECT_EQ(online.error().message, "registry.nik_taken");
  auto lists = counter_->ListClaims(officer_);
  ASSERT_EQ(lists->open.size(), 1u);
  EXPECT_EQ(lists->open[0].existing_account_id, 0);
  ASSERT_TRUE(counter_->Decide(officer_, lists->open[0].id, "transfer", "Paspor asli diperiksa", true).ok());
  auto mine = registry_->Get(a_);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->registration_number, res->record.registration_number);
  // And back to the counter's record without an account.
  ASSERT_TRUE(counter_->Undo(officer_, lists->open[0].id).ok());
  EXPECT_EQ(Holder(), 0);
}

TEST_P(CounterServiceTest, WalkInFollowsTheSameRulesAndTheJurisdiction) {
  LaporDiri bad = InKl("3273010108900001");  // a woman's NIK without +40 on the day
  bad.family.push_back({"Putri", "child", "2015-02-29", ""});
  auto r = counter_->WalkIn(officer_, bad, 0);
  ASSERT_EQ(r.error().code, Code::kInvalid);
  auto citizen = registry_->Submit(a_, bad);
  ASSERT_EQ(citizen.error().code, Code::kInvalid);
  ASSERT_EQ(r.error().fields.size(), citizen.error().fields.size());
  for (size_t i = 0; i < r.error().fields.size(); ++i) {
    EXPECT_EQ(r.error().fields[i].field, citizen.error().fields[i].field);
    EXPECT_EQ(r.error().fields[i].key, citizen.error().fields[i].key);
  }

  LaporDiri expired = InKl();
  expired.passport.issue_date = "2015-01-01";
  expired.passport.expiry_date = "2020-01-01";
  auto ok = counter_->WalkIn(officer_, expired, 0);
  ASSERT_TRUE(ok.ok());
  EXPECT_NE(std::find(ok->warnings.begin(), ok->warnings.end(), "passport_expired"), ok->warnings.end());

  LaporDiri tawau = InKl("3273014108900009");
  tawau.stay.subdivision = "MY-12";
  tawau.stay.city = "Tawau";
  auto far = counter_->WalkIn(officer_, tawau, 0);
  ASSERT_EQ(far.error().code, Code::kInvalid);
  EXPECT_EQ(far.error().fields[0].field, "stay.subdivision");
  EXPECT_EQ(far.error().fields[0].key, "err.counter.other_mission");
  EXPECT_EQ(counter_->WalkIn(other_, InKl("3273014108900009"), 0).error().code, Code::kInvalid);
  EXPECT_EQ(counter_->WalkIn(hq_, InKl("3273014108900009"), 0).error().code, Code::kForbidden);
  EXPECT_EQ(records_->FindByNik("3273014108900009").error().code, Code::kNotFound);
}

TEST_P(CounterServiceTest, WalkInAtAnotherMissionMovesTheCitizenThere) {
  ASSERT_TRUE(registry_->Submit(a_, InKl()).ok());
  LaporDiri jeddah = InKl();
  jeddah.stay.country = "SA";
  jeddah.stay.subdivision = "SA-02";
  jeddah.stay.city = "Jeddah";
  jeddah.stay.phone = "+966 50 123 4567";
  auto p = counter_->PreviewWalkIn(other_, jeddah);
  ASSERT_TRUE(p.ok()) << (p.ok() ? "" : p.error().message + " " + (p.error().fields.empty() ? "" : p.error().fields[0].field));
  EXPECT_NE(p->existing_id, 0);
  EXPECT_FALSE(p->existing_here) << "another mission's record is not shown";
  EXPECT_TRUE(p->existing.registration_number.empty());
  auto moved = counter_->WalkIn(other_, jeddah, p->existing_id);
  ASSERT_TRUE(moved.ok());
  EXPECT_TRUE(moved->moved);
  EXPECT_EQ(MissionOf(moved->record), "KJRI-JEDDAH");
  EXPECT_EQ(moved->record.account_id, a_) << "the account keeps its record";
  EXPECT_EQ(moved->record.stays.back().mission_code, kKl) << "the old stay is history";
  EXPECT_EQ(counter_->ReadRecord(officer_, moved->record.id, "x").error().code, Code::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, CounterServiceTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::counter
