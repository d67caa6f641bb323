// The Lapor Diri rules over real reference data and a real database, with a fixed clock.
#include "modules/registry/service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "modules/reference/loader.h"
#include "store/accounts_store.h"
#include "store/reference_store.h"
#include "support/test_db.h"

namespace peduli::registry {
namespace {

LaporDiri Valid() {
  LaporDiri d;
  d.identity = {"3273014108900001", "Siti Rahmawati", "Bandung", "1990-08-01", "P", "kawin",
                "Pekerja rumah tangga", "sma", "32.73"};
  d.passport = {"C1234567", "2022-01-10", "2032-01-09", "Kantor Imigrasi Bandung"};
  d.stay.country = "MY";
  d.stay.subdivision = "MY-12";
  d.stay.city = "Tawau";
  d.stay.address = "Jalan Kuhara 3";
  d.stay.phone = "012-345 6789";
  d.stay.arrival_date = "2023-05-01";
  d.stay.category = "student";
  d.stay.student = {"Universiti Malaysia Sabah", "Ilmu Komputer"};
  d.emergency_contact = {"Aminah", "ibu", "0812-3456-7890"};
  return d;
}

class RegistryServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 2);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    store_ = std::make_unique<store::RegistryStore>(&tdb_->db());
    service_ = std::make_unique<RegistryService>(store_.get(), ref_.get(), &clock_);
    store::AccountsStore accounts(&tdb_->db());
    for (const char* e : {"a@example.test", "b@example.test"}) {
      store::AccountRow a{.email = e, .name = "X", .password_hash = "x", .role = "citizen",
                          .locale = "id", .created_at = clock_.NowUnix()};
      ASSERT_TRUE(accounts.Create(a, "", 0).ok());
    }
  }

  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  std::unique_ptr<store::RegistryStore> store_;
  std::unique_ptr<RegistryService> service_;
};

TEST_P(RegistryServiceTest, ExpiredPassportIsAcceptedAndFlagged) {
  LaporDiri d = Valid();
  d.passport.issue_date = "2015-01-01";
  d.passport.expiry_date = "2025-01-01";
  auto r = service_->Submit(1, d);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->created);
  EXPECT_NE(std::find(r->record.flags.begin(), r->record.flags.end(), kFlagPassportExpired),
            r->record.flags.end());
}

TEST_P(RegistryServiceTest, CountryWithoutMissionGoesToHqWithAFlagNeverRejected) {
  LaporDiri d = Valid();
  d.stay.country = "IL";
  d.stay.subdivision = "";
  d.stay.city = "Tel Aviv";
  d.stay.phone = "+972 50-123-4567";
  if (ref_->HasSubdivisions("IL")) d.stay.subdivision = ref_->SubdivisionsOf("IL").front().code;
  auto r = service_->Submit(1, d);
  ASSERT_TRUE(r.ok()) << (r.ok() ? "" : r.error().fields.empty() ? r.error().message : r.error().fields[0].key);
  EXPECT_EQ(r->record.stays.front().mission_code, "HQ-PWNI");
  EXPECT_NE(std::find(r->record.flags.begin(), r->record.flags.end(), kFlagJurisdictionHq),
            r->record.flags.end());
}

TEST_P(RegistryServiceTest, SameCityWrittenDifferentlyIsNotAMoveButAnotherCityIs) {
  ASSERT_TRUE(service_->Submit(1, Valid()).ok());
  LaporDiri d = Valid();
  d.stay.city = "  TAWAU ";
  d.stay.address = "Jalan Baru 9";
  auto same = service_->Submit(1, d);
  ASSERT_TRUE(same.ok());
  EXPECT_FALSE(same->created);
  EXPECT_FALSE(same->moved);
  EXPECT_EQ(same->record.stays.size(), 1u);
  EXPECT_EQ(same->record.data.stay.address, "Jalan Baru 9");
  d.stay.city = "Sandakan";
  auto moved = service_->Submit(1, d);
  ASSERT_TRUE(moved.ok());
  EXPECT_TRUE(moved->moved);
  ASSERT_EQ(moved->record.stays.size(), 2u);
  EXPECT_EQ(moved->record.stays[1].end_reason, "moved");
  EXPECT_EQ(moved->record.stays[0].mission_code, "KJRI-KOTA-KINABALU");
}

TEST_P(RegistryServiceTest, ReturnEndsTheStayAndANewReportStartsAnother) {
  ASSERT_TRUE(service_->Submit(1, Valid()).ok());
  EXPECT_EQ(service_->Return(1, "2026-12-25").error().fields[0].key, "err.date.future");
  EXPECT_EQ(service_->Return(1, "2023-04-30").error().fields[0].key, "err.return.before_arrival");
  ASSERT_TRUE(service_->Return(1, "2026-11-27").ok());
  EXPECT_EQ(service_->Return(1, "2026-11-27").error().code, Code::kConflict);
  auto rec = service_->Get(1);
  EXPECT_EQ(rec->status, "returned");
  auto again = service_->Submit(1, Valid());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->record.status, "active");
  EXPECT_EQ(again->record.stays.size(), 2u);
}

TEST_P(RegistryServiceTest, NikOfAnotherAccountIsAConflictAndNothingChanges) {
  ASSERT_TRUE(service_->Submit(1, Valid()).ok());
  LaporDiri other = Valid();
  other.identity.full_name = "Penyusup";
  auto r = service_->Submit(2, other);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kConflict);
  EXPECT_EQ(service_->Get(2).error().code, Code::kNotFound);
  EXPECT_EQ(service_->Get(1)->data.identity.full_name, "Siti Rahmawati");
  EXPECT_EQ(service_->OpenDuplicateClaims(2), 1);
  // The same person changing their own NIK to someone else's is refused the same way.
  LaporDiri b = Valid();
  b.identity.nik = "3273014108900002";
  ASSERT_TRUE(service_->Submit(2, b).ok());
  b.identity.nik = "3273014108900001";
  EXPECT_EQ(service_->Submit(2, b).error().code, Code::kConflict);
  EXPECT_EQ(service_->Get(2)->data.identity.nik, "3273014108900002");
}

TEST_P(RegistryServiceTest, DraftsKeepWhatWasTyped) {
  EXPECT_TRUE(service_->LoadDraft(1).empty());
  ASSERT_TRUE(service_->SaveDraft(1, {{"identity.full_name", "Đặng Thị Hương"}, {"identity.nik", "12"}}).ok());
  auto d = service_->LoadDraft(1);
  EXPECT_EQ(d["identity.full_name"], "Đặng Thị Hương");
  EXPECT_EQ(d["identity.nik"], "12");
  ASSERT_TRUE(service_->Submit(1, Valid()).ok());
  EXPECT_TRUE(service_->LoadDraft(1).empty()) << "a submission clears the draft";
}

TEST(RegistryInitialsTest, NonAsciiNames) {
  EXPECT_EQ(RegistryService::Initials("Đặng Thị Hương"), "Đ. T. H.");
  EXPECT_EQ(RegistryService::Initials("siti  nur'aini"), "S. N.");
  EXPECT_EQ(RegistryService::Initials(""), "");
}

INSTANTIATE_TEST_SUITE_P(Backends, RegistryServiceTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::registry
