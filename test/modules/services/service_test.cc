// Consular services over real reference data and a real database (both backends), with a
// fixed clock: the seeded catalog and its versions, filing with documents checked by
// content, the workflow with its append-only actions, deadlines paused while waiting on the
// citizen, escalation recorded once, and appointment slots that are never overbooked even
// when many clients race for the last places.
#include "modules/services/service.h"
#include "modules/services/messages.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "fakes/fixed_clock.h"
#include "http/i18n.h"
#include "modules/reference/loader.h"
#include "modules/registry/service.h"
#include "store/accounts_store.h"
#include "store/audit_store.h"
#include "support/test_db.h"

namespace peduli::services {
namespace {

using registry::LaporDiri;
constexpr const char* kKl = "KBRI-KUALA-LUMPUR";
constexpr const char* kRenewal = "paspor-perpanjangan";
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

LaporDiri InKl(const std::string& nik = "3273014108900001") {
  LaporDiri d;
  d.identity = {nik, "Siti Rahmawati", "Bandung", "1990-08-01", "P", "kawin", "Pekerja rumah tangga", "sma", "32.73"};
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

std::vector<Upload> RenewalDocs() {
  return {{"passport", "paspor.pdf", kPdf}, {"ktp_or_kk", "ktp.pdf", kPdf}, {"photo", "foto.pdf", kPdf}};
}

class ServicesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 8);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = std::move(ref.value());
    records_ = std::make_unique<store::RegistryStore>(&tdb_->db());
    audit_store_ = std::make_unique<store::AuditStore>(&tdb_->db());
    audit_ = std::make_unique<audit::AuditService>(audit_store_.get(), &clock_);
    registry_ = std::make_unique<registry::RegistryService>(records_.get(), ref_.get(), &clock_, audit_.get());
    registry_->EnableVerification(false);
    store_ = std::make_unique<store::ServicesStore>(&tdb_->db());
    files_ = std::make_unique<DocumentFiles>(tdb_->dir() + "/documents");
    svc_ = std::make_unique<ServicesService>(store_.get(), records_.get(), ref_.get(), audit_.get(),
                                             files_.get(), &clock_);
    ASSERT_TRUE(svc_->EnsureSeed(std::string(PEDULI_SOURCE_DIR) + "/data/services.json").ok());
    store::AccountsStore accounts(&tdb_->db());
    auto add = [&](const char* email, const char* role, const char* mission) {
      store::AccountRow a{.email = email, .name = "X", .password_hash = "x", .role = role,
                          .mission_code = mission, .locale = "id", .created_at = clock_.NowUnix()};
      auto id = accounts.Create(a, "", 0);
      EXPECT_TRUE(id.ok());
      return id.ok() ? *id : 0;
    };
    citizen_ = add("a@example.test", "citizen", "");
    officer_ = {{add("kl@example.test", "officer", kKl), "officer", kKl}, "127.0.0.1", "r1"};
    other_ = {{add("jed@example.test", "officer", "KJRI-JEDDAH"), "officer", "KJRI-JEDDAH"}, "127.0.0.1", "r2"};
    hq_ = {{add("hq@example.test", "hq", ""), "hq", ""}, "127.0.0.1", "r3"};
    admin_ = {{add("admin@example.test", "hq_admin", ""), "hq_admin", ""}, "127.0.0.1", "r4"};
    ASSERT_TRUE(registry_->Submit(citizen_, InKl()).ok());
  }

  int64_t Count(const std::string& sql) {
    auto lease = tdb_->db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }

  store::ApplicationRow File() {
    auto app = svc_->Apply(citizen_, kRenewal, {{"reason", "penuh"}}, RenewalDocs());
    EXPECT_TRUE(app.ok()) << (app.ok() ? "" : app.error().message);
    return app.ok() ? *app : store::ApplicationRow{};
  }

  peduli::testing::FixedClock clock_;  // Friday 27 November 2026, 08:00 in Kuala Lumpur
  std::unique_ptr<peduli::testing::TestDatabase> tdb_;
  std::unique_ptr<reference::ReferenceService> ref_;
  std::unique_ptr<store::RegistryStore> records_;
  std::unique_ptr<store::AuditStore> audit_store_;
  std::unique_ptr<audit::AuditService> audit_;
  std::unique_ptr<registry::RegistryService> registry_;
  std::unique_ptr<store::ServicesStore> store_;
  std::unique_ptr<DocumentFiles> files_;
  std::unique_ptr<ServicesService> svc_;
  int64_t citizen_ = 0;
  Context officer_, other_, hq_, admin_;
};

TEST_P(ServicesTest, SeededCatalogHasTheIssuesServices) {
  auto cat = svc_->CurrentCatalog();
  ASSERT_TRUE(cat.ok());
  for (const char* code : {"paspor-perpanjangan", "paspor-hilang", "paspor-rusak", "splp",
                           "legalisasi", "sk-domisili", "sk-pindahan", "sk-cni",
                           "sk-berkelakuan-baik", "sk-usaha", "catat-kelahiran",
                           "catat-perkawinan", "catat-kematian"}) {
    EXPECT_NE((*cat)->Find(code), nullptr) << code;
  }
  // Seeding twice keeps one version.
  ASSERT_TRUE(svc_->EnsureSeed(std::string(PEDULI_SOURCE_DIR) + "/data/services.json").ok());
  EXPECT_EQ(svc_->Versions()->size(), 1u);
}

TEST_P(ServicesTest, FilingChecksFieldsAndDocumentsByContent) {
  auto missing = svc_->Apply(citizen_, kRenewal, {}, {});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Code::kInvalid);
  std::set<std::string> fields;
  for (const auto& f : missing.error().fields) fields.insert(f.field);
  EXPECT_TRUE(fields.count("field.reason"));
  EXPECT_TRUE(fields.count("doc.passport"));
  EXPECT_TRUE(fields.count("doc.photo"));

  auto docs = RenewalDocs();
  docs[0].data = std::string("\x7f" "ELF\x02\x01\x01", 7) + std::string(200, '\0');  // named paspor.pdf
  auto exe = svc_->Apply(citizen_, kRenewal, {{"reason", "penuh"}}, docs);
  ASSERT_FALSE(exe.ok());
  ASSERT_EQ(exe.error().fields.size(), 1u);
  EXPECT_EQ(exe.error().fields[0].key, "err.services.file_type");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 0);

  auto app = File();
  EXPECT_EQ(app.state, "submitted");
  EXPECT_EQ(app.mission_code, kKl);
  EXPECT_EQ(app.due_date, "2026-12-02");  // Friday + 3 working days
  EXPECT_EQ(app.fee_currency, "IDR");
  // Prefilled from Lapor Diri.
  EXPECT_NE(app.form.find("C1234567"), std::string::npos);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_documents"), 3);

  // A citizen without Lapor Diri is sent there first.
  store::AccountsStore accounts(&tdb_->db());
  auto b = accounts.Create({.email = "b@example.test", .name = "B", .password_hash = "x",
                            .role = "citizen", .locale = "id", .created_at = 1}, "", 0);
  EXPECT_EQ(svc_->Apply(*b, kRenewal, {{"reason", "x"}}, RenewalDocs()).error().message,
            "services.no_record");
}

TEST_P(ServicesTest, WorkflowIsAppendOnlyAndAudited) {
  auto app = File();
  // Another mission learns nothing; HQ reads but may not act.
  EXPECT_EQ(svc_->StaffView(other_, app.id).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->Act(other_, app.id, "check", "", 0).error().code, Code::kNotFound);
  EXPECT_TRUE(svc_->StaffView(hq_, app.id).ok());
  EXPECT_EQ(svc_->Act(hq_, app.id, "check", "", 0).error().code, Code::kForbidden);
  // Not allowed from this state.
  EXPECT_EQ(svc_->Act(officer_, app.id, "ready", "", 0).error().message, "services.not_allowed");

  auto checked = svc_->Act(officer_, app.id, "check", "", app.version);
  ASSERT_TRUE(checked.ok());
  EXPECT_EQ(checked->state, "documents_checked");
  // A decision on what the officer saw before: someone acted meanwhile.
  EXPECT_EQ(svc_->Act(officer_, app.id, "process", "", app.version).error().message, "services.changed");
  EXPECT_EQ(svc_->Act(officer_, app.id, "request_correction", "", 0).error().code, Code::kInvalid);
  ASSERT_TRUE(svc_->Act(officer_, app.id, "request_correction", "Foto buram", 0).ok());

  // Four days later (two working days: Monday and Tuesday) the citizen answers.
  clock_.Advance(4 * 86400);
  auto back = svc_->Resubmit(citizen_, app.id, "Foto baru", {{"photo", "f.pdf", kPdf}});
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->state, "submitted");
  EXPECT_EQ(back->due_date, "2026-12-04");  // 2 December + the 2 working days waited

  for (const char* a : {"check", "process", "ready", "collect"}) {
    ASSERT_TRUE(svc_->Act(officer_, app.id, a, "", 0).ok()) << a;
  }
  auto view = svc_->MineOne(citizen_, app.id);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->app.state, "collected");
  EXPECT_NE(view->app.closed_at, 0);
  std::vector<std::string> steps;
  for (const auto& a : view->actions) steps.push_back(a.action);
  EXPECT_EQ(steps, (std::vector<std::string>{"submit", "check", "request_correction", "resubmit",
                                             "check", "process", "ready", "collect"}));
  EXPECT_EQ(view->documents.size(), 4u);
  EXPECT_TRUE(svc_->Withdraw(citizen_, app.id, "").error().message == "services.not_allowed");
  // Staff reads and every staff action are in the audit log.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'application_read'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'application_%' "
                  "AND action <> 'application_read'"), 6);
  // A document: the citizen's own, and the mission's officer with an audit entry.
  const int64_t doc = view->documents[0].id;
  EXPECT_EQ(svc_->MyDocument(citizen_, app.id, doc)->data, kPdf);
  EXPECT_EQ(svc_->StaffDocument(other_, app.id, doc).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->StaffDocument(officer_, app.id, doc)->data, kPdf);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'application_document_read'"), 1);
}

TEST_P(ServicesTest, OverdueEscalatesOnceToSupervisorThenHq) {
  auto app = File();  // due Wednesday 2 December
  clock_.Advance(6 * 86400);  // Thursday 3 December: overdue
  auto q = svc_->Queue(officer_, "");
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->size(), 1u);
  EXPECT_EQ((*q)[0].rag, "red");
  EXPECT_EQ((*q)[0].app.escalation, 1);
  ASSERT_TRUE(svc_->Queue(hq_, "").ok());  // read again: recorded once
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_actions WHERE action = 'escalate'"), 1);
  clock_.Advance(5 * 86400);  // Tuesday 8 December: more than 3 working days late
  ASSERT_TRUE(svc_->StaffView(officer_, app.id).ok());
  EXPECT_EQ(store_->FindApplication(app.id)->escalation, 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM application_actions WHERE action = 'escalate'"), 2);
}

TEST_P(ServicesTest, ApplicationsKeepTheirCatalogVersion) {
  auto doc = nlohmann::json::parse(R"({"services":[{"code":"paspor-perpanjangan","group":"passport",
    "name_id":"Paspor baru","name_en":"Passport renewal","output_id":"Paspor","output_en":"Passport",
    "processing_days":10,"fee_idr":400000,"documents":[],"fields":[]}]})");
  EXPECT_EQ(svc_->AddVersion(officer_, doc, "2026-12-10").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->AddVersion(admin_, doc, "2026-11-01").error().code, Code::kInvalid);
  ASSERT_TRUE(svc_->AddVersion(admin_, doc, "2026-12-10").ok());
  auto before = File();
  clock_.Advance(14 * 86400);  // 11 December
  auto after = svc_->Apply(citizen_, kRenewal, {}, {});
  ASSERT_TRUE(after.ok());
  EXPECT_NE(after->catalog_version_id, before.catalog_version_id);
  EXPECT_EQ(after->fee_minor, 40000000);
  // The older application still reads its own version: 3 working days, three documents.
  auto v = svc_->MineOne(citizen_, before.id);
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->def.processing_days, 3);
  EXPECT_EQ(v->def.documents.size(), 3u);
}

TEST_P(ServicesTest, FeesArePaidOrWaivedOnce) {
  auto app = File();
  store::PaymentRow pay;
  pay.kind = "payment";
  pay.amount_minor = 35000000;
  pay.currency = "IDR";
  pay.method = "cash";
  EXPECT_EQ(svc_->RecordPayment(officer_, app.id, pay).error().code, Code::kInvalid);  // no receipt
  pay.receipt_number = "KW-2026-0001";
  EXPECT_EQ(svc_->RecordPayment(hq_, app.id, pay).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->RecordPayment(other_, app.id, pay).error().code, Code::kNotFound);
  ASSERT_TRUE(svc_->RecordPayment(officer_, app.id, pay).ok());
  EXPECT_EQ(svc_->RecordPayment(officer_, app.id, pay).error().message, "services.payment_exists");
  auto v = svc_->StaffView(officer_, app.id);
  ASSERT_TRUE(v.ok() && v->payment.has_value());
  EXPECT_EQ(v->payment->receipt_number, "KW-2026-0001");
  // A waiver needs a reason the rules allow and a note.
  auto other = File();
  store::PaymentRow waiver;
  waiver.kind = "waiver";
  waiver.waiver_reason = "friend";
  waiver.note = "x";
  EXPECT_EQ(svc_->RecordPayment(officer_, other.id, waiver).error().code, Code::kInvalid);
  // (pmi_protection_case needs an open protection case: output_test.cc.)
  waiver.waiver_reason = "distressed";
  ASSERT_TRUE(svc_->RecordPayment(officer_, other.id, waiver).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action IN ('application_payment', 'application_waiver')"), 2);
}

TEST_P(ServicesTest, MissionSettings) {
  store::MissionServiceRow row{kKl, "splp"};
  row.offered = false;
  EXPECT_EQ(svc_->SetMissionService(officer_, row).error().code, Code::kForbidden);
  ASSERT_TRUE(svc_->SetMissionService(admin_, row).ok());
  EXPECT_EQ(svc_->Apply(citizen_, "splp", {}, {}).error().code, Code::kNotFound);
  store::MissionServiceRow fee{kKl, kRenewal};
  fee.local_fee_minor = 11000;
  fee.local_currency = "MYR";
  fee.opening_hours = "Senin-Jumat 09.00-12.00";
  ASSERT_TRUE(svc_->SetMissionService(admin_, fee).ok());
  auto app = File();
  EXPECT_EQ(app.fee_minor, 11000);
  EXPECT_EQ(app.fee_currency, "MYR");
  fee.daily_quota = 2;
  ASSERT_TRUE(svc_->SetMissionService(admin_, fee).ok());
  // The quota's places are taken from the moment it is set (a lock row per day).
  File();
  File();
  EXPECT_EQ(svc_->Apply(citizen_, kRenewal, {{"reason", "x"}}, RenewalDocs()).error().message,
            "services.quota_full");
  clock_.Advance(86400);  // the next day in Kuala Lumpur
  File();
  auto offers = svc_->Offers(kKl, true);
  ASSERT_TRUE(offers.ok());
  EXPECT_EQ(offers->size(), 12u);
}

TEST_P(ServicesTest, SlotsAreNeverOverbooked) {
  EXPECT_EQ(svc_->AddSlot(hq_, kKl, kRenewal, "2026-12-03T10:00", 3).error().code, Code::kForbidden);
  auto slot = svc_->AddSlot(officer_, kKl, kRenewal, "2026-12-03T10:00", 3);
  ASSERT_TRUE(slot.ok());
  EXPECT_EQ(slot->starts_at, 1796263200);  // 10:00 in Kuala Lumpur is 02:00 UTC
  constexpr int kClients = 8;
  std::vector<int64_t> apps;
  for (int i = 0; i < kClients; ++i) apps.push_back(File().id);
  std::atomic<int> booked{0}, full{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      auto r = svc_->Book(citizen_, apps[i], slot->id);
      if (r.ok()) ++booked;
      else if (r.error().message == "services.slot_full") ++full;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(booked.load(), 3);
  EXPECT_EQ(full.load(), kClients - 3);
  EXPECT_EQ(Count("SELECT booked FROM appointment_slots"), 3);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM appointments WHERE status = 'booked'"), 3);
  // A cancellation frees a place; a reschedule moves the place.
  int64_t holder = 0;
  for (auto id : apps) {
    if (auto a = store_->Appointment(id); a.ok() && a->has_value()) holder = id;
  }
  ASSERT_TRUE(svc_->CancelAppointment(citizen_, holder).ok());
  EXPECT_EQ(Count("SELECT booked FROM appointment_slots"), 2);
  auto later = svc_->AddSlot(officer_, kKl, kRenewal, "2026-12-04T10:00", 1);
  ASSERT_TRUE(svc_->Book(citizen_, holder, slot->id).ok());
  ASSERT_TRUE(svc_->Book(citizen_, holder, later->id).ok());
  EXPECT_EQ(Count("SELECT booked FROM appointment_slots WHERE id = " + std::to_string(slot->id)), 2);
  EXPECT_EQ(Count("SELECT booked FROM appointment_slots WHERE id = " + std::to_string(later->id)), 1);
}

// A mailer that records what it is given, failing the first `fail` sends.
class FakeMailer : public mail::Mailer {
 public:
  explicit FakeMailer(int fail = 0) : fail_(fail) {}
  Status Send(const mail::Mail& m) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (fail_ > 0) {
      --fail_;
      return Error::Unavailable("relay down");
    }
    sent.push_back(m);
    return Status::Ok();
  }
  std::vector<mail::Mail> sent;

 private:
  std::mutex mu_;
  int fail_;
};

TEST_P(ServicesTest, EveryChangeIsMailedThroughTheOutboxWithRetries) {
  http::Catalog texts;
  texts.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
  auto app = File();
  ASSERT_TRUE(svc_->Act(officer_, app.id, "request_correction", "Foto buram", 0).ok());
  FakeMailer down(2);
  MessageSender sender(store_.get(), svc_.get(), &down, &texts, &clock_, "https://peduli.test");
  EXPECT_EQ(sender.RunOnce(), 0);  // both fail: retried later, not lost
  EXPECT_EQ(sender.RunOnce(), 0);  // not due yet
  clock_.Advance(61);
  EXPECT_EQ(sender.RunOnce(), 2);
  ASSERT_EQ(down.sent.size(), 2u);
  EXPECT_EQ(down.sent[0].to, "a@example.test");
  EXPECT_NE(down.sent[1].subject.find("Perlu perbaikan"), std::string::npos);
  EXPECT_NE(down.sent[1].text.find("Foto buram"), std::string::npos);
  EXPECT_NE(down.sent[1].text.find("https://peduli.test/layanan/saya/" + std::to_string(app.id)),
            std::string::npos);
  EXPECT_EQ(sender.RunOnce(), 0);  // sent once
  auto inbox = svc_->Messages(citizen_);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->size(), 2u);
  EXPECT_EQ((*inbox)[0].to_state, "needs_correction");
  EXPECT_NE((*inbox)[0].sent_at, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServicesTest,
                         ::testing::ValuesIn(peduli::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace peduli::services
