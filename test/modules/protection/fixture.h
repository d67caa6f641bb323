// The protection tests' common ground, on both backends with a fixed clock: reference data,
// the registry, audit, search and the protection service over one test database, with a
// citizen, two KL officers, the KL supervisor, a Jeddah officer, HQ and the DPO, plus a KL
// Lapor Diri (InKl) and a family report (Public) to open cases from.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "core/crypto.h"
#include "fakes/fixed_clock.h"
#include "modules/protection/service.h"
#include "modules/reference/loader.h"
#include "modules/registry/service.h"
#include "store/audit_store.h"
#include "store/outbox_store.h"
#include "store/search_store.h"
#include "support/test_db.h"

namespace peduli::protection::testing_support {

constexpr const char* kKl = "KBRI-KUALA-LUMPUR";

class ProtectionFixture : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto::Init();
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 2);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    records_ = std::make_unique<store::RegistryStore>(&tdb_->db());
    audit_store_ = std::make_unique<store::AuditStore>(&tdb_->db());
    audit_ = std::make_unique<audit::AuditService>(audit_store_.get(), &clock_);
    registry_ = std::make_unique<registry::RegistryService>(records_.get(), ref_.get(), &clock_, audit_.get());
    registry_->EnableVerification(false);
    accounts_ = std::make_unique<store::AccountsStore>(&tdb_->db());
    search_store_ = std::make_unique<store::SearchStore>(&tdb_->db());
    search_ = std::make_unique<search::SearchService>(search_store_.get(),
                                                      [](const std::string&) { return "MY"; });
    store_ = std::make_unique<store::ProtectionStore>(&tdb_->db());
    svc_ = std::make_unique<ProtectionService>(store_.get(), records_.get(), search_.get(),
                                               accounts_.get(), audit_.get(), ref_.get(), &clock_);
    auto add = [&](const char* email, const char* role, const char* mission) {
      store::AccountRow a{.email = email, .name = email, .password_hash = "x", .role = role,
                          .mission_code = mission, .locale = "id", .created_at = clock_.NowUnix()};
      auto id = accounts_->Create(a, "", 0);
      EXPECT_TRUE(id.ok());
      return id.ok() ? *id : 0;
    };
    citizen_account_ = add("warga@example.test", "citizen", "");
    citizen_ = {{citizen_account_, "citizen", ""}, "127.0.0.1", "r0"};
    officer_ = {{add("kl@example.test", "officer", kKl), "officer", kKl}, "127.0.0.1", "r1"};
    officer2_ = {{add("kl2@example.test", "officer", kKl), "officer", kKl}, "127.0.0.1", "r2"};
    supervisor_ = {{add("sup@example.test", "supervisor", kKl), "supervisor", kKl}, "127.0.0.1", "r3"};
    other_ = {{add("jed@example.test", "officer", "KJRI-JEDDAH"), "officer", "KJRI-JEDDAH"}, "127.0.0.1", "r4"};
    hq_ = {{add("hq@example.test", "hq", ""), "hq", ""}, "127.0.0.1", "r5"};
    dpo_ = {{add("dpo@example.test", "dpo", ""), "dpo", ""}, "127.0.0.1", "r6"};
  }

  registry::LaporDiri InKl() {
    registry::LaporDiri d;
    d.identity = {"3273014108900001", "Siti Rahmawati", "Bandung", "1990-08-01", "P", "kawin",
                  "Pekerja rumah tangga", "sma", "32.73"};
    d.passport = {"C1234567", "2022-01-10", "2032-01-09", "Kantor Imigrasi Bandung"};
    d.stay.country = "MY";
    d.stay.subdivision = "MY-10";
    d.stay.city = "Shah Alam";
    d.stay.address = "Jalan Kebun 3";
    d.stay.phone = "012-345 6789";
    d.stay.arrival_date = "2023-05-01";
    d.stay.category = "pmi";
    d.stay.pmi = {"Tan Holdings", "Jalan Kilang 1", "informal", "PT Maju Jaya", "2026-12-31"};
    d.emergency_contact = {"Aminah", "ibu", "0812-3456-7890"};
    return d;
  }

  OpenRequest Public(const std::string& category = "wage") {
    OpenRequest r;
    r.reporter_name = "Ibu Aminah";
    r.reporter_contact = "0812-3456-7890";
    r.reporter_relation = "ibu";
    r.subject_name = "Siti Rahmawati";
    r.subject_nik = "3273014108900001";
    r.country = "MY";
    r.category = category;
    r.summary = "Gaji tidak dibayar enam bulan.";
    return r;
  }

  int64_t OfficerCase(const std::string& category = "wage") {
    OpenRequest r = Public(category);
    r.source = "officer";
    r.channel = "hotline";
    r.priority = "normal";
    auto o = svc_->OpenCase(officer_, r);
    EXPECT_TRUE(o.ok()) << (o.ok() ? "" : o.error().message);
    return o.ok() ? o->c.id : 0;
  }

  // The outbox's messages of `kind` ("" = all), oldest first (notify.cc queues them).
  std::vector<store::OutboxRow> Outbox(const std::string& kind = "") {
    std::vector<store::OutboxRow> out;
    auto lease = tdb_->db().Acquire();
    EXPECT_TRUE(lease.ok());
    if (!lease.ok()) return out;
    auto rows = (*lease)->Query(
        "SELECT id, channel, recipient, locale, kind, ref, payload, dedup_key, state, "
        "COALESCE(secret, '') FROM outbox WHERE CAST($1 AS TEXT) = '' OR kind = $1 ORDER BY id",
        {kind});
    EXPECT_TRUE(rows.ok());
    if (!rows.ok()) return out;
    for (const auto& r : *rows) {
      store::OutboxRow o;
      o.id = r.Int(0);
      o.m = {r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7), r.Text(9)};
      o.state = r.Text(8);
      out.push_back(std::move(o));
    }
    return out;
  }

  peduli::testing::FixedClock clock_;
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  std::unique_ptr<store::RegistryStore> records_;
  std::unique_ptr<store::AuditStore> audit_store_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<store::AccountsStore> accounts_;
  std::unique_ptr<store::SearchStore> search_store_;
  std::unique_ptr<search::SearchService> search_;
  std::unique_ptr<store::ProtectionStore> store_;
  std::unique_ptr<ProtectionService> svc_;
  int64_t citizen_account_ = 0;
  Context citizen_, officer_, officer2_, supervisor_, other_, hq_, dpo_;
};

}  // namespace peduli::protection::testing_support
