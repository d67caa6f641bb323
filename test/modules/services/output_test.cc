// Consular services, second part, over real reference data and a real database (both
// backends) with a fixed clock: issued documents numbered without gaps or duplicates under
// concurrency, an SPLP's validity, journey, refused extension and revocation, /verify's
// three answers; the day's list with arrivals and walk-in queue numbers; reminders queued
// once across runs and servers; the daily quota as a lock; the migrant worker's waiver;
// uploads staged across a field error; staff reads audited with the session's purpose.
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "fakes/fixed_clock.h"
#include "http/i18n.h"
#include "modules/reference/loader.h"
#include "modules/registry/service.h"
#include "modules/services/messages.h"
#include "modules/services/reminders.h"
#include "modules/services/service.h"
#include "store/accounts_store.h"
#include "store/audit_store.h"
#include "support/test_db.h"

namespace peduli::services {
namespace {

using registry::LaporDiri;
constexpr const char* kKl = "KBRI-KUALA-LUMPUR";
const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

LaporDiri InKl(const std::string& nik, const std::string& passport_expiry = "2032-01-09") {
  LaporDiri d;
  d.identity = {nik, "Siti Rahmawati", "Bandung", "1990-08-01", "P", "kawin", "Pekerja rumah tangga", "sma", "32.73"};
  d.passport = {"C1234567", "2022-01-10", passport_expiry, "Kantor Imigrasi Bandung"};
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

class MailSink : public mail::Mailer {
 public:
  Status Send(const mail::Mail& m) override {
    std::lock_guard<std::mutex> lock(mu_);
    sent.push_back(m);
    return Status::Ok();
  }
  std::vector<mail::Mail> sent;

 private:
  std::mutex mu_;
};

class OutputTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 10);
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
    citizen_ = Add("a@example.test", "citizen", "");
    officer_ = {{Add("kl@example.test", "officer", kKl), "officer", kKl}, "127.0.0.1", "r1", ""};
    supervisor_ = {{Add("sup@example.test", "supervisor", kKl), "supervisor", kKl}, "127.0.0.1", "r2", ""};
    other_ = {{Add("jed@example.test", "officer", "KJRI-JEDDAH"), "officer", "KJRI-JEDDAH"}, "127.0.0.1", "r3", ""};
    hq_ = {{Add("hq@example.test", "hq", ""), "hq", ""}, "127.0.0.1", "r4", ""};
    admin_ = {{Add("admin@example.test", "hq_admin", ""), "hq_admin", ""}, "127.0.0.1", "r5", ""};
    ASSERT_TRUE(registry_->Submit(citizen_, InKl("3273014108900001")).ok());
  }

  int64_t Add(const char* email, const char* role, const char* mission) {
    store::AccountsStore accounts(&tdb_->db());
    store::AccountRow a{.email = email, .name = "X", .password_hash = "x", .role = role,
                        .mission_code = mission, .locale = "id", .created_at = clock_.NowUnix()};
    auto id = accounts.Create(a, "", 0);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  int64_t Count(const std::string& sql) {
    auto lease = tdb_->db().Acquire();
    return (*lease)->QueryOne(sql)->Int(0);
  }
  std::string Text(const std::string& sql) {
    auto lease = tdb_->db().Acquire();
    return (*lease)->QueryOne(sql)->Text(0);
  }
  // A renewal (series PASPOR) or an SPLP for `travel`, moved on to ready.
  int64_t Ready(const std::string& service = "paspor-perpanjangan", const std::string& travel = "2026-12-10") {
    Result<store::ApplicationRow> app =
        service == "splp"
            ? svc_->Apply(citizen_, "splp", {{"travel_date", travel}, {"reason", "Paspor hilang"}},
                          {{"identity", "ktp.pdf", kPdf}, {"photo", "foto.pdf", kPdf}})
            : svc_->Apply(citizen_, service, {{"reason", "penuh"}, {"purpose", "Sekolah anak"}},
                          {{"passport", "p.pdf", kPdf}, {"ktp_or_kk", "k.pdf", kPdf},
                           {"photo", "f.pdf", kPdf}, {"residence_proof", "r.pdf", kPdf}});
    EXPECT_TRUE(app.ok()) << (app.ok() ? "" : app.error().message);
    if (!app.ok()) return 0;
    for (const char* a : {"check", "process", "ready"}) {
      EXPECT_TRUE(svc_->Act(officer_, app->id, a, "", 0).ok()) << a;
    }
    return app->id;
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
  Context officer_, supervisor_, other_, hq_, admin_;
};

TEST_P(OutputTest, NumbersHaveNoGapsOrDuplicatesUnderConcurrency) {
  constexpr int kApps = 8;
  std::vector<int64_t> apps;
  for (int i = 0; i < kApps; ++i) apps.push_back(Ready());
  // Not ready yet: refused.
  auto early = svc_->Apply(citizen_, "paspor-perpanjangan", {{"reason", "x"}},
                           {{"passport", "p.pdf", kPdf}, {"ktp_or_kk", "k.pdf", kPdf}, {"photo", "f.pdf", kPdf}});
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(svc_->IssueDocument(officer_, early->id, "").error().message, "services.document_not_ready");
  EXPECT_EQ(svc_->IssueDocument(hq_, apps[0], "").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->IssueDocument(other_, apps[0], "").error().code, Code::kNotFound);

  std::vector<std::string> numbers(kApps);
  std::vector<std::thread> threads;
  for (int i = 0; i < kApps; ++i) {
    threads.emplace_back([&, i] {
      auto d = svc_->IssueDocument(officer_, apps[i], "");
      if (d.ok()) numbers[i] = d->number;
    });
  }
  for (auto& t : threads) t.join();
  std::set<std::string> unique(numbers.begin(), numbers.end());
  EXPECT_EQ(unique.size(), static_cast<size_t>(kApps));
  for (int i = 1; i <= kApps; ++i) {
    char want[64];
    std::snprintf(want, sizeof want, "PASPOR/KBRI-KUALA-LUMPUR/2026/%06d", i);
    EXPECT_TRUE(unique.count(want)) << want;
  }
  EXPECT_EQ(Count("SELECT last FROM document_counters WHERE series = 'PASPOR'"), kApps);
  // One document per application.
  EXPECT_EQ(svc_->IssueDocument(officer_, apps[0], "").error().message, "services.document_exists");
  EXPECT_EQ(Count("SELECT last FROM document_counters WHERE series = 'PASPOR'"), kApps);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'issued_document_issue'"), kApps);
  // Letters have their own series.
  auto letter = svc_->IssueDocument(officer_, Ready("sk-domisili"), "");
  ASSERT_TRUE(letter.ok()) << letter.error().message;
  EXPECT_EQ(letter->number, "SK/KBRI-KUALA-LUMPUR/2026/000001");
  EXPECT_EQ(letter->valid_until, 0);
}

TEST_P(OutputTest, SplpIsForOneJourneyWithinItsTimeAndCannotBeExtended) {
  const int64_t id = Ready("splp", "2026-12-10");
  EXPECT_EQ(svc_->IssueDocument(officer_, id, "2026-11-01").error().code, Code::kInvalid);  // past
  auto doc = svc_->IssueDocument(officer_, id, "");
  ASSERT_TRUE(doc.ok()) << doc.error().message;
  EXPECT_EQ(doc->number, "SPLP/KBRI-KUALA-LUMPUR/2026/000001");
  EXPECT_EQ(doc->journey_date, "2026-12-10");
  // The end of 10 December in Kuala Lumpur (UTC+8) comes before 30 days from now.
  EXPECT_EQ(doc->valid_until, 1796947200 - 8 * 3600);
  EXPECT_EQ(doc->verify_code.size(), 32u);
  EXPECT_EQ(doc->number.find(doc->verify_code), std::string::npos);
  EXPECT_EQ(*svc_->VerifyDocument(doc->verify_code), "valid");
  EXPECT_EQ(svc_->VerifyDocument("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").error().code, Code::kNotFound);
  EXPECT_EQ(svc_->VerifyDocument("../../etc").error().code, Code::kNotFound);

  auto ext = svc_->ExtendDocument(officer_, id);
  EXPECT_EQ(ext.error().code, Code::kConflict);
  EXPECT_EQ(ext.error().message, "services.splp_no_extension");
  EXPECT_EQ(svc_->ExtendDocument(hq_, id).error().code, Code::kForbidden);

  // The citizen downloads it; staff reads are audited.
  auto mine = svc_->MyIssued(citizen_, id);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->status, "valid");
  EXPECT_EQ(svc_->MyIssued(citizen_ + 999, id).error().code, Code::kNotFound);
  ASSERT_TRUE(svc_->StaffIssued(officer_, id).ok());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'issued_document_read'"), 1);
  EXPECT_EQ(svc_->StaffIssued(other_, id).error().code, Code::kNotFound);

  // The journey is recorded once: the SPLP is spent.
  ASSERT_TRUE(svc_->RecordJourney(officer_, id).ok());
  EXPECT_EQ(svc_->RecordJourney(officer_, id).error().message, "services.document_used");
  EXPECT_EQ(*svc_->VerifyDocument(doc->verify_code), "expired");

  // Another SPLP runs out with time.
  const int64_t id2 = Ready("splp", "2026-12-01");
  auto doc2 = svc_->IssueDocument(officer_, id2, "");
  ASSERT_TRUE(doc2.ok());
  EXPECT_EQ(*svc_->VerifyDocument(doc2->verify_code), "valid");
  clock_.Advance(5 * 86400);
  EXPECT_EQ(*svc_->VerifyDocument(doc2->verify_code), "expired");
}

TEST_P(OutputTest, OnlyTheMissionsSupervisorRevokesWithAReason) {
  const int64_t id = Ready("sk-domisili");
  auto doc = svc_->IssueDocument(officer_, id, "");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(svc_->RevokeDocument(officer_, id, "salah").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->RevokeDocument(hq_, id, "salah").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->RevokeDocument(supervisor_, id, "").error().code, Code::kInvalid);
  auto r = svc_->RevokeDocument(supervisor_, id, "Data pemohon keliru");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->revoke_reason, "Data pemohon keliru");
  EXPECT_EQ(*svc_->VerifyDocument(doc->verify_code), "revoked");
  EXPECT_EQ(svc_->RevokeDocument(supervisor_, id, "lagi").error().message, "services.document_revoked");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'issued_document_revoke'"), 1);
}

TEST_P(OutputTest, DayListArrivalsAndQueueNumbers) {
  auto slot = svc_->AddSlot(officer_, kKl, "paspor-perpanjangan", "2026-11-30T10:00", 3);
  ASSERT_TRUE(slot.ok());
  const int64_t id = Ready();
  auto appt = svc_->Book(citizen_, id, slot->id);
  ASSERT_TRUE(appt.ok());
  EXPECT_EQ(svc_->Day(other_, kKl, "2026-11-30").error().code, Code::kForbidden);
  auto day = svc_->Day(officer_, kKl, "2026-11-30");
  ASSERT_TRUE(day.ok());
  ASSERT_EQ(day->rows.size(), 1u);
  EXPECT_EQ(day->rows[0].citizen_name, "Siti Rahmawati");
  EXPECT_EQ(svc_->Day(officer_, kKl, "2026-12-01")->rows.size(), 0u);
  EXPECT_EQ(svc_->Day(hq_, kKl, "2026-11-30")->rows.size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'appointment_day_list'"), 3);
  EXPECT_EQ(svc_->MarkArrived(other_, kKl, appt->id).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->MarkArrived(other_, "KJRI-JEDDAH", appt->id).error().code, Code::kNotFound);
  ASSERT_TRUE(svc_->MarkArrived(officer_, kKl, appt->id).ok());
  EXPECT_NE(svc_->Day(officer_, kKl, "2026-11-30")->rows[0].arrived_at, 0);

  constexpr int kTakers = 6;
  std::vector<int64_t> got(kTakers);
  std::vector<std::thread> threads;
  for (int i = 0; i < kTakers; ++i) {
    threads.emplace_back([&, i] {
      auto t = svc_->TakeQueueNumber(officer_, kKl, i % 2 ? "splp" : "");
      if (t.ok()) got[i] = t->number;
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> unique(got.begin(), got.end());
  EXPECT_EQ(unique, (std::set<int64_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_EQ(svc_->TakeQueueNumber(hq_, kKl, "").error().code, Code::kForbidden);
  EXPECT_EQ(svc_->TakeQueueNumber(officer_, kKl, "nope").error().code, Code::kInvalid);
  // Another mission starts at 1; the next local day starts again at 1.
  EXPECT_EQ(svc_->TakeQueueNumber(other_, "KJRI-JEDDAH", "")->number, 1);
  clock_.Advance(86400);
  auto next_day = svc_->TakeQueueNumber(officer_, kKl, "");
  ASSERT_TRUE(next_day.ok());
  EXPECT_EQ(next_day->number, 1);
  EXPECT_EQ(next_day->day, "2026-11-28");
  EXPECT_EQ(svc_->Ticket(other_, next_day->id).error().code, Code::kNotFound);
  EXPECT_TRUE(svc_->Ticket(officer_, next_day->id).ok());
}

TEST_P(OutputTest, RemindersAreQueuedOnceAcrossRunsAndServers) {
  // A second citizen whose passport expires within 6 months, and one appointment tomorrow
  // (Saturday 28 November in Kuala Lumpur) and one the day after.
  const int64_t other = Add("b@example.test", "citizen", "");
  ASSERT_TRUE(registry_->Submit(other, InKl("3273014108900002", "2027-04-30")).ok());
  const int64_t id = Ready();
  const int64_t id2 = Ready();
  auto tomorrow = svc_->AddSlot(officer_, kKl, "paspor-perpanjangan", "2026-11-28T09:00", 2);
  auto later = svc_->AddSlot(officer_, kKl, "paspor-perpanjangan", "2026-11-29T09:00", 2);
  ASSERT_TRUE(svc_->Book(citizen_, id, tomorrow->id).ok());
  ASSERT_TRUE(svc_->Book(citizen_, id2, later->id).ok());
  ReminderJob one(store_.get(), ref_.get(), &clock_);
  ReminderJob two(store_.get(), ref_.get(), &clock_);  // another server
  auto n = one.RunOnce();
  EXPECT_EQ(n.passports, 1);
  EXPECT_EQ(n.appointments, 1);
  auto again = two.RunOnce();
  EXPECT_EQ(again.passports, 0);
  EXPECT_EQ(again.appointments, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM service_messages WHERE reminder_key IS NOT NULL"), 2);
  // A day later the second appointment is tomorrow; the passport is not reminded again.
  clock_.Advance(86400);
  auto day2 = one.RunOnce();
  EXPECT_EQ(day2.passports, 0);
  EXPECT_EQ(day2.appointments, 1);
  // Both reach the inbox and the mail.
  auto inbox = svc_->Messages(other);
  ASSERT_TRUE(inbox.ok());
  ASSERT_EQ(inbox->size(), 1u);
  EXPECT_EQ((*inbox)[0].action, "remind_passport");
  EXPECT_EQ((*inbox)[0].note, "2027-04-30");
  http::Catalog texts;
  texts.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
  MailSink sink;
  MessageSender sender(store_.get(), svc_.get(), &sink, &texts, &clock_, "https://peduli.test");
  while (sender.RunOnce() > 0) {
  }
  int reminders = 0;
  for (const auto& m : sink.sent) {
    if (m.subject.find("6 bulan") != std::string::npos) {
      ++reminders;
      EXPECT_EQ(m.to, "b@example.test");
      EXPECT_NE(m.text.find("2027-04-30"), std::string::npos);
    }
    if (m.subject.find("besok") != std::string::npos) {
      ++reminders;
      EXPECT_NE(m.text.find("/layanan/saya/"), std::string::npos);
    }
  }
  EXPECT_EQ(reminders, 3);
}

TEST_P(OutputTest, DailyQuotaIsALockNotACount) {
  store::MissionServiceRow row{kKl, "paspor-perpanjangan"};
  row.daily_quota = 2;
  ASSERT_TRUE(svc_->SetMissionService(admin_, row).ok());
  constexpr int kClients = 8;
  std::atomic<int> ok{0}, full{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&] {
      auto r = svc_->Apply(citizen_, "paspor-perpanjangan", {{"reason", "penuh"}},
                           {{"passport", "p.pdf", kPdf}, {"ktp_or_kk", "k.pdf", kPdf}, {"photo", "f.pdf", kPdf}});
      if (r.ok()) ++ok;
      else if (r.error().message == "services.quota_full") ++full;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 2);
  EXPECT_EQ(full.load(), kClients - 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM applications"), 2);
  EXPECT_EQ(*store_->QuotaUsed(kKl, "paspor-perpanjangan", "2026-11-27"), 2);
  // The next local day has its own places.
  clock_.Advance(86400);
  EXPECT_TRUE(svc_->Apply(citizen_, "paspor-perpanjangan", {{"reason", "penuh"}},
                          {{"passport", "p.pdf", kPdf}, {"ktp_or_kk", "k.pdf", kPdf}, {"photo", "f.pdf", kPdf}}).ok());
}

TEST_P(OutputTest, MigrantWorkerWaiverNeedsAnOpenProtectionCase) {
  auto app = svc_->Apply(citizen_, "paspor-perpanjangan", {{"reason", "penuh"}},
                         {{"passport", "p.pdf", kPdf}, {"ktp_or_kk", "k.pdf", kPdf}, {"photo", "f.pdf", kPdf}});
  ASSERT_TRUE(app.ok());
  store::PaymentRow w;
  w.kind = "waiver";
  w.waiver_reason = "pmi_protection_case";
  w.note = "PMI";
  auto refused = svc_->RecordPayment(officer_, app->id, w);
  EXPECT_EQ(refused.error().code, Code::kConflict);
  EXPECT_EQ(refused.error().message, "services.waiver_no_case");
  // A closed case does not count; an open one does.
  auto insert = [&](const std::string& tracking, const std::string& state) {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE((*lease)->Exec(
        "INSERT INTO cases (tracking_number, mission_code, source, category, priority, state, "
        "citizen_id, created_at, updated_at) VALUES ($1, $2, 'officer', 'wage', 'normal', $3, $4, 1, 1)",
        {tracking, std::string(kKl), state, app->citizen_id}).ok());
  };
  insert("T-CLOSED", "closed");
  EXPECT_EQ(svc_->RecordPayment(officer_, app->id, w).error().message, "services.waiver_no_case");
  insert("T-OPEN", "in_progress");
  auto ok = svc_->RecordPayment(officer_, app->id, w);
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->waiver_reason, "pmi_protection_case");
}

TEST_P(OutputTest, StagedUploadsAreKeptForTheirOwnerOnly) {
  auto staged = svc_->StageUploads(citizen_, {{"identity", "ktp.pdf", kPdf},
                                              {"photo", "virus.pdf", std::string("MZ\x90\x00", 4) + std::string(200, 'x')}});
  ASSERT_EQ(staged.size(), 1u);  // the executable is not kept
  EXPECT_EQ(staged[0].doc_key, "identity");
  std::vector<StagedFile> kept;
  auto back = svc_->Unstage(citizen_, {{"identity", staged[0].token}}, &kept);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].data, kPdf);
  EXPECT_EQ(kept[0].file_name, "ktp.pdf");
  const int64_t stranger = Add("c@example.test", "citizen", "");
  EXPECT_TRUE(svc_->Unstage(stranger, {{"identity", staged[0].token}}, nullptr).empty());
  EXPECT_TRUE(svc_->Unstage(citizen_, {{"photo", staged[0].token}}, nullptr).empty());  // another key
  // Filing with the staged file and the rest.
  std::vector<Upload> uploads = back;
  uploads.push_back({"photo", "foto.pdf", kPdf});
  EXPECT_TRUE(svc_->Apply(citizen_, "splp", {{"travel_date", "2026-12-10"}, {"reason", "x"}}, uploads).ok());
}

TEST_P(OutputTest, StaffReadsCarryTheSessionsPurpose) {
  const int64_t id = Ready();
  Context ctx = officer_;
  ctx.purpose = "pelindungan";
  ASSERT_TRUE(svc_->StaffView(ctx, id).ok());
  EXPECT_EQ(Text("SELECT purpose FROM audit_log WHERE action = 'application_read' ORDER BY id DESC LIMIT 1"),
            "pelindungan");
  ASSERT_TRUE(svc_->StaffView(officer_, id).ok());
  EXPECT_EQ(Text("SELECT purpose FROM audit_log WHERE action = 'application_read' ORDER BY id DESC LIMIT 1"),
            "layanan");
}

INSTANTIATE_TEST_SUITE_P(Backends, OutputTest, ::testing::ValuesIn(peduli::testing::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace peduli::services
