#pragma once
// The crisis service on a fresh database of each backend, with the reference data loaded and
// a test city list (Places) for placement: shared by the alert and bulk-send tests.
#include <gtest/gtest.h>

#include <memory>

#include "fakes/fixed_clock.h"
#include "modules/crisis/service.h"
#include "modules/reference/loader.h"
#include "store/audit_store.h"
#include "support/test_db.h"

namespace peduli::crisis {

class CrisisServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  // Kota Kinabalu (MY-12) and Shah Alam (MY-10) are in the city list; tests add more.
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 2);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    places_.Add("MY", "MY-12", "Kota Kinabalu", {5.9804, 116.0735});
    places_.Add("MY", "MY-10", "Shah Alam", {3.0733, 101.5185});
    audit_store_ = std::make_unique<store::AuditStore>(&tdb_->db());
    audit_ = std::make_unique<audit::AuditService>(audit_store_.get(), &clock_);
    store_ = std::make_unique<store::CrisisStore>(&tdb_->db());
    outbox_ = std::make_unique<store::OutboxStore>(&tdb_->db());
    service_ = std::make_unique<CrisisService>(store_.get(), outbox_.get(), ref_.get(), &places_,
                                               audit_.get(), &clock_, "https://peduli.test");
  }

  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  Places places_;
  std::unique_ptr<store::AuditStore> audit_store_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<store::CrisisStore> store_;
  std::unique_ptr<store::OutboxStore> outbox_;
  std::unique_ptr<CrisisService> service_;
};

}  // namespace peduli::crisis
