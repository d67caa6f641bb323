// Issue 9, safety checks and the call list, over real reference data and a real database
// (both backends) with a fixed clock: one-tap tokens (forged, expired, replayed, after the
// close), "need help" opening exactly one case (also when sent twice at once), the four
// answer doors, call outcomes and their schedule, the close and the purge.
#include "modules/crisis/safety.h"

#include <gtest/gtest.h>

#include <thread>

#include "core/crypto.h"
#include "core/date.h"
#include "fakes/fixed_clock.h"
#include "modules/crisis/accounted.h"
#include "modules/crisis/evacuation.h"
#include "modules/reference/loader.h"
#include "modules/registry/service.h"
#include "store/audit_store.h"
#include "store/search_store.h"
#include "support/test_db.h"

namespace peduli::crisis {
namespace {

constexpr const char* kKl = "KBRI-KUALA-LUMPUR";

TEST(SafetyTokens, RoundTripForgedExpired) {
  crypto::Init();
  SafetyTokens t("a key that is not 32 bytes long");
  const std::string tok = t.Issue(12, 3456, 2000);
  EXPECT_LE(tok.size(), 60u);
  EXPECT_EQ(tok.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos) << "URL-safe";
  auto c = t.Check(tok, 1999);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->crisis_id, 12);
  EXPECT_EQ(c->citizen_id, 3456);
  EXPECT_EQ(c->expires_at, 2000);
  // Expired.
  auto e = t.Check(tok, 2000);
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, Code::kForbidden);
  EXPECT_EQ(e.error().message, kTokenExpired);
  // Forged: another key, a changed character, garbage, a changed id.
  SafetyTokens other("another key");
  EXPECT_EQ(other.Check(tok, 0).error().message, kTokenInvalid);
  std::string flipped = tok;
  flipped[5] = flipped[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(t.Check(flipped, 0).error().code, Code::kNotFound);
  EXPECT_EQ(t.Check("", 0).error().code, Code::kNotFound);
  EXPECT_EQ(t.Check("not a token!", 0).error().code, Code::kNotFound);
  EXPECT_EQ(t.Check(std::string(500, 'A'), 0).error().code, Code::kNotFound);
  EXPECT_NE(t.Issue(12, 3457, 2000), tok);
  EXPECT_EQ(SafetyLink("https://peduli.test/", "abc"), "https://peduli.test/aman/abc");
}

TEST(SafetyRules, CheckAnswerAndSchedule) {
  AnswerInput ok{"needs_help", "  tolong  ", "3.1, 101.5"};
  EXPECT_TRUE(CheckAnswer(ok).empty());
  EXPECT_EQ(ok.message, "tolong");
  EXPECT_EQ(ok.position, "3.10000,101.50000");
  AnswerInput bad{"maybe", std::string(501, 'x'), "91,0"};
  EXPECT_EQ(CheckAnswer(bad).size(), 3u);
  EXPECT_EQ(NextAttemptAt(100, 1), 100 + 2 * 3600);
  EXPECT_EQ(NextAttemptAt(100, 2), 100 + 6 * 3600);
  EXPECT_EQ(NextAttemptAt(100, 4), 100 + 6 * 3600);
  EXPECT_EQ(NextAttemptAt(100, 5), 0);
}

class SafetyServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    crypto::Init();
    tdb_ = std::make_unique<peduli::testing::TestDatabase>(GetParam(), 4);
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
    cases_ = std::make_unique<store::ProtectionStore>(&tdb_->db());
    protection_ = std::make_unique<protection::ProtectionService>(
        cases_.get(), records_.get(), search_.get(), accounts_.get(), audit_.get(), ref_.get(),
        &clock_);
    store_ = std::make_unique<store::SafetyStore>(&tdb_->db());
    auto key = SafetyService::LoadKey(*store_, clock_);
    ASSERT_TRUE(key.ok());
    auto again = SafetyService::LoadKey(*store_, clock_);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*key, *again) << "generated once, then read";
    svc_ = std::make_unique<SafetyService>(store_.get(), protection_.get(), audit_.get(), &clock_,
                                           SafetyTokens(*key), "http://portal.test");
    calls_ = std::make_unique<AccountedService>(svc_.get());
    evac_ = std::make_unique<EvacuationService>(svc_.get());
    auto add = [&](const char* email, const char* role, const char* mission) {
      store::AccountRow a{.email = email, .name = email, .password_hash = "x", .role = role,
                          .mission_code = mission, .locale = "id", .created_at = clock_.NowUnix()};
      auto id = accounts_->Create(a, "", 0);
      EXPECT_TRUE(id.ok());
      return id.ok() ? *id : 0;
    };
    citizen_account_ = add("warga@example.test", "citizen", "");
    officer_ = {{add("kl@example.test", "officer", kKl), "officer", kKl}, "127.0.0.1", "r1"};
    supervisor_ = {{add("sup@example.test", "supervisor", kKl), "supervisor", kKl}, "127.0.0.1", "r3"};
    other_ = {{add("jed@example.test", "officer", "KJRI-JEDDAH"), "officer", "KJRI-JEDDAH"}, "127.0.0.1", "r4"};
    hq_ = {{add("hq@example.test", "hq", ""), "hq", ""}, "127.0.0.1", "r5"};
    auto sub = registry_->Submit(citizen_account_, InKl());
    ASSERT_TRUE(sub.ok()) << sub.error().message;
    citizen_ = sub->record.id;
    crisis_ = AddCrisis(kKl);
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
    d.family = {{"Budi Santoso", "spouse", "1988-02-03", ""}, {"Rina", "child", "2015-06-07", ""}};
    return d;
  }

  // Test fixture: a crisis with the citizen in its audience, as crisis-alerts' send writes it.
  int64_t AddCrisis(const std::string& mission) {
    auto lease = tdb_->db().Acquire();
    EXPECT_TRUE(lease.ok());
    auto& c = **lease;
    auto k = c.QueryOne(
        "INSERT INTO crises (mission_code, level, title_id, title_en, area, safety_check, state, "
        "created_by, created_at, activated_at) VALUES ($1, 'danger', 'Banjir Selangor', "
        "'Selangor floods', '{\"subdivisions\":[\"MY-10\"]}', 1, 'active', 1, $2, $2) RETURNING id",
        {mission.empty() ? store::Null() : store::Value{mission}, clock_.NowUnix()});
    EXPECT_TRUE(k.ok());
    auto stay = c.QueryOne("SELECT id FROM stays WHERE citizen_id = $1 AND ended_at IS NULL", {citizen_});
    EXPECT_TRUE(stay.ok());
    EXPECT_TRUE(c.Exec("INSERT INTO crisis_people (crisis_id, citizen_id, stay_id, mission_code, "
                       "category, subdivision, placed_by, vulnerability) VALUES ($1, $2, $3, $4, "
                       "'pmi', 'MY-10', 'city', 5)",
                       {k->Int(0), citizen_, stay->Int(0), std::string(kKl)})
                    .ok());
    return k->Int(0);
  }

  int64_t CasesOfCrisis(int64_t crisis_id) {
    auto lease = tdb_->db().Acquire();
    auto r = (*lease)->QueryOne("SELECT COUNT(*) FROM cases WHERE external_ref = $1",
                                {"crisis:" + std::to_string(crisis_id)});
    return r.ok() ? r->Int(0) : -1;
  }

  std::string Token() {
    return svc_->tokens().Issue(crisis_, citizen_, clock_.NowUnix() + SafetyService::kTokenLifetime);
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
  std::unique_ptr<store::ProtectionStore> cases_;
  std::unique_ptr<protection::ProtectionService> protection_;
  std::unique_ptr<store::SafetyStore> store_;
  std::unique_ptr<SafetyService> svc_;
  std::unique_ptr<AccountedService> calls_;
  std::unique_ptr<EvacuationService> evac_;
  int64_t citizen_account_ = 0, citizen_ = 0, crisis_ = 0;
  SafetyContext officer_, supervisor_, other_, hq_;
};

TEST_P(SafetyServiceTest, ReplayedWithAnotherAnswerLastWinsAndIsLogged) {
  const std::string tok = Token();
  auto v = svc_->Open(tok);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->person.status, "no_answer");
  auto a = svc_->AnswerByToken(tok, {"safe", "", ""});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->person.status, "safe");
  EXPECT_EQ(a->case_id, 0);
  clock_.Advance(60);
  auto b = svc_->AnswerByToken(tok, {"needs_help", "Air naik, kami di atap", "3.0731,101.5185"});
  ASSERT_TRUE(b.ok()) << b.error().message;
  auto p = store_->Person(crisis_, citizen_);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, "needs_help") << "the last answer wins";
  EXPECT_EQ(p->status_via, "link");
  EXPECT_EQ(p->status_at, clock_.NowUnix());
  EXPECT_GT(p->case_id, 0);
  auto log = store_->Answers(crisis_, citizen_);
  ASSERT_EQ(log->size(), 2u) << "both answers logged";
  EXPECT_EQ((*log)[0].answer, "safe");
  EXPECT_EQ((*log)[1].position, "3.07310,101.51850");
  // The case: urgent, at the mission, the crisis linked, opened by "system".
  auto k = cases_->Find(p->case_id);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->priority, "urgent");
  EXPECT_EQ(k->source, "crisis");
  EXPECT_EQ(k->mission_code, kKl);
  EXPECT_EQ(k->external_ref, "crisis:" + std::to_string(crisis_));
  EXPECT_EQ(k->citizen_id, citizen_);
  // The shared position is the citizen's last position.
  auto lease = tdb_->db().Acquire();
  auto pos = (*lease)->QueryOne("SELECT lat, lon FROM citizen_positions WHERE citizen_id = $1", {citizen_});
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(pos->Text(0), "3.07310");
  // Sent again: logged, but still exactly one case.
  auto c = svc_->AnswerByToken(tok, {"needs_help", "", ""});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->case_id, p->case_id);
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
  EXPECT_EQ(store_->Answers(crisis_, citizen_)->size(), 3u);
}

TEST_P(SafetyServiceTest, NeedHelpSentTwiceAtOnceOpensOneCase) {
  const std::string tok = Token();
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (svc_->AnswerByToken(tok, {"needs_help", "tolong", ""}).ok()) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 4);
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
  EXPECT_EQ(store_->Answers(crisis_, citizen_)->size(), 4u);
  EXPECT_GT(store_->Person(crisis_, citizen_)->case_id, 0);
}

TEST_P(SafetyServiceTest, ForgedExpiredAndClosed) {
  const std::string tok = Token();
  SafetyTokens other("not the deployment's key");
  auto forged = svc_->AnswerByToken(other.Issue(crisis_, citizen_, clock_.NowUnix() + 100),
                                    {"safe", "", ""});
  EXPECT_EQ(forged.error().code, Code::kNotFound);
  // Someone not in the audience (a validly signed token for another citizen).
  auto stranger = svc_->Open(svc_->tokens().Issue(crisis_, citizen_ + 999, clock_.NowUnix() + 100));
  EXPECT_EQ(stranger.error().code, Code::kNotFound);
  // Expired.
  auto short_lived = svc_->tokens().Issue(crisis_, citizen_, clock_.NowUnix() + 10);
  clock_.Advance(11);
  auto expired = svc_->AnswerByToken(short_lived, {"safe", "", ""});
  EXPECT_EQ(expired.error().message, kTokenExpired);
  // Closed: the supervisor closes, the link stops working and nothing is stored.
  EXPECT_EQ(svc_->Close(officer_, crisis_).error().code, Code::kForbidden);
  EXPECT_EQ(svc_->Close(other_, crisis_).error().code, Code::kNotFound);
  auto closed = svc_->Close(supervisor_, crisis_);
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  EXPECT_EQ(closed->state, "closed");
  EXPECT_EQ(closed->retain_until, clock_.NowUnix() + SafetyService::kDefaultRetention);
  auto after = svc_->AnswerByToken(tok, {"safe", "", ""});
  EXPECT_EQ(after.error().message, "safety.crisis_closed");
  EXPECT_TRUE(store_->Answers(crisis_, citizen_)->empty());
  EXPECT_EQ(svc_->Close(supervisor_, crisis_).error().code, Code::kConflict);
}

TEST_P(SafetyServiceTest, PortalOfficerAndFamilyDoors) {
  auto mine = svc_->MyCrises(citizen_account_);
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ(mine->size(), 1u);
  ASSERT_TRUE(svc_->AnswerAsCitizen(citizen_account_, crisis_, {"safe", "", ""}).ok());
  EXPECT_EQ(store_->Person(crisis_, citizen_)->status_via, "portal");
  // Officer on the phone: own mission only; other missions do not learn it exists.
  EXPECT_EQ(svc_->AnswerByOfficer(other_, crisis_, citizen_, {"safe", "", ""}).error().code,
            Code::kNotFound);
  EXPECT_EQ(svc_->AnswerByOfficer(hq_, crisis_, citizen_, {"safe", "", ""}).error().code,
            Code::kForbidden) << "HQ reads, the mission acts";
  ASSERT_TRUE(svc_->AnswerByOfficer(officer_, crisis_, citizen_, {"safe", "ditelepon", ""}).ok());
  EXPECT_EQ(store_->Person(crisis_, citizen_)->status_via, "officer");
  store::AuditFilter f;
  f.action = "crisis_record_safety";
  EXPECT_EQ(audit_->Query(f)->size(), 1u);
  // Family: a link the citizen created; revoked, it stops working.
  auto link = svc_->CreateFamilyLink(citizen_account_, "Ibu");
  ASSERT_TRUE(link.ok());
  auto fam = svc_->FamilyView(*link);
  ASSERT_TRUE(fam.ok());
  EXPECT_EQ(fam->size(), 1u);
  ASSERT_TRUE(svc_->AnswerByFamily(*link, crisis_, {"needs_help", "Dia minta dijemput", ""}).ok());
  EXPECT_EQ(store_->Person(crisis_, citizen_)->status_via, "family");
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
  auto links = svc_->FamilyLinks(citizen_account_);
  ASSERT_EQ(links->size(), 1u);
  ASSERT_TRUE(svc_->RevokeFamilyLink(citizen_account_, (*links)[0].id).ok());
  EXPECT_EQ(svc_->FamilyView(*link).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->AnswerByFamily(*link, crisis_, {"safe", "", ""}).error().code, Code::kNotFound);
  EXPECT_EQ(svc_->FamilyView("made-up").error().code, Code::kNotFound);
}

TEST_P(SafetyServiceTest, CallListOutcomesScheduleAndCounts) {
  auto list = calls_->List(officer_, crisis_, "", true);
  ASSERT_TRUE(list.ok()) << list.error().message;
  ASSERT_EQ(list->size(), 1u);
  const auto& e = (*list)[0];
  EXPECT_EQ(e.name, "Siti Rahmawati");
  EXPECT_FALSE(e.phone.empty());
  EXPECT_EQ(e.email, "warga@example.test");
  EXPECT_EQ(e.address, "Jalan Kebun 3");
  EXPECT_EQ(e.family_name, "Aminah");
  EXPECT_FALSE(e.family_phone.empty());
  store::AuditFilter f;
  f.action = "crisis_call_list";
  EXPECT_EQ(audit_->Query(f)->size(), 1u) << "reading the list is audited";
  EXPECT_EQ(calls_->List(other_, crisis_, "", true).error().code, Code::kNotFound);
  EXPECT_EQ(calls_->RecordCall(officer_, crisis_, citizen_, {"maybe", ""}).error().code, Code::kInvalid);
  auto u = calls_->RecordCall(officer_, crisis_, citizen_, {"unreachable", "tidak diangkat"});
  ASSERT_TRUE(u.ok()) << u.error().message;
  EXPECT_EQ(u->status, "unreachable");
  list = calls_->List(officer_, crisis_, "", true);
  ASSERT_EQ(list->size(), 1u) << "unreachable is not accounted for";
  EXPECT_EQ((*list)[0].attempts, 1);
  EXPECT_EQ((*list)[0].next_attempt_at, clock_.NowUnix() + 2 * 3600);
  ASSERT_TRUE(calls_->RecordCall(officer_, crisis_, citizen_, {"unreachable", ""}).ok());
  EXPECT_EQ(calls_->List(officer_, crisis_, "", true)->at(0).next_attempt_at, clock_.NowUnix() + 6 * 3600);
  auto counts = calls_->Counts(hq_, crisis_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->total.unreachable, 1);
  ASSERT_EQ(counts->areas.size(), 1u);
  EXPECT_EQ(counts->areas[0].subdivision, "MY-10");
  EXPECT_EQ(counts->samples.size(), 1u);
  auto h = calls_->RecordCall(officer_, crisis_, citizen_, {"reached_needs_help", "kaki terluka"});
  ASSERT_TRUE(h.ok());
  EXPECT_GT(h->case_id, 0);
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
  EXPECT_TRUE(calls_->List(officer_, crisis_, "", true)->empty());
  clock_.Advance(120);
  // Samples are per scope: HQ's (every mission) has two minutes now, the mission's one.
  EXPECT_EQ(calls_->Counts(hq_, crisis_)->samples.size(), 2u);
  EXPECT_EQ(calls_->Counts(officer_, crisis_)->samples.size(), 1u);
}

TEST_P(SafetyServiceTest, PurgeAfterRetentionKeepsCounts) {
  ASSERT_TRUE(svc_->AnswerByToken(Token(), {"safe", "", "3.1,101.5"}).ok());
  ASSERT_TRUE(calls_->RecordCall(officer_, crisis_, citizen_, {"reached_safe", "baik"}).ok());
  ASSERT_TRUE(svc_->Close(hq_, crisis_).ok());
  clock_.Advance(SafetyService::kDefaultRetention - 1);
  EXPECT_TRUE(svc_->Purge()->empty()) << "not yet";
  EXPECT_EQ(store_->Answers(crisis_, citizen_)->size(), 1u);
  clock_.Advance(1);
  auto purged = svc_->Purge();
  ASSERT_TRUE(purged.ok()) << purged.error().message;
  ASSERT_EQ(purged->size(), 1u);
  EXPECT_EQ((*purged)[0].answers, 1);
  EXPECT_EQ((*purged)[0].calls, 1);
  EXPECT_EQ((*purged)[0].positions, 1);
  EXPECT_TRUE(store_->Answers(crisis_, citizen_)->empty());
  EXPECT_TRUE(store_->Calls(crisis_, citizen_)->empty());
  auto k = store_->Crisis(crisis_);
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->purged_at, clock_.NowUnix());
  auto summary = nlohmann::json::parse(k->summary);
  EXPECT_EQ(summary["safety"]["safe"], 1);
  EXPECT_EQ(summary["safety"]["answers"], 1);
  EXPECT_TRUE(svc_->Purge()->empty()) << "once";
  store::AuditFilter f;
  f.action = "crisis_purge";
  EXPECT_EQ(audit_->Query(f)->size(), 1u);
}

TEST(EvacuationRules, NeedsSplp) {
  store::EvacEntry e;
  e.passport_number = "C1234567";
  e.passport_expiry = "2032-01-09";
  EXPECT_FALSE(NeedsSplp(e, "2026-11-27"));
  e.passport_expiry = "2026-11-26";
  EXPECT_TRUE(NeedsSplp(e, "2026-11-27")) << "expired";
  e.splp_number = "SPLP-KL-0001";
  EXPECT_FALSE(NeedsSplp(e, "2026-11-27")) << "issued already";
  store::EvacEntry none;
  EXPECT_TRUE(NeedsSplp(none, "2026-11-27")) << "no passport";
}

TEST_P(SafetyServiceTest, EvacuationTransportsAndManifests) {
  auto family = store_->FamilyOf(citizen_);
  ASSERT_TRUE(family.ok());
  ASSERT_EQ(family->size(), 2u);
  auto t = evac_->CreateTransport(officer_, crisis_, "Hercules TNI AU 1", "air", clock_.NowUnix() + 86400);
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(evac_->CreateTransport(hq_, crisis_, "X", "air", 0).error().code, Code::kForbidden);
  EXPECT_EQ(evac_->CreateTransport(officer_, crisis_, "", "boat", 0).error().code, Code::kInvalid);
  EvacInput in;
  in.family_ids = {(*family)[1].id};
  in.destination = "Kota Bandung";
  in.transport_id = *t;
  EXPECT_EQ(evac_->Mark(other_, crisis_, citizen_, in).error().code, Code::kNotFound);
  EXPECT_EQ(evac_->Mark(hq_, crisis_, citizen_, in).error().code, Code::kForbidden);
  EvacInput bad = in;
  bad.family_ids = {999999};
  EXPECT_EQ(evac_->Mark(officer_, crisis_, citizen_, bad).error().code, Code::kInvalid);
  ASSERT_TRUE(evac_->Mark(officer_, crisis_, citizen_, in).ok());
  EvacInput again;  // from the call list: the existing mark stays
  again.keep_existing = true;
  ASSERT_TRUE(evac_->Mark(officer_, crisis_, citizen_, again).ok());
  auto list = evac_->Evacuees(hq_, crisis_, -1);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].transport_id, *t);
  EXPECT_EQ((*list)[0].destination, "Kota Bandung");
  auto m = evac_->BuildManifest(officer_, crisis_, *t, "xlsx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->lines.size(), 2u) << "the evacuee and the child travelling along";
  EXPECT_EQ(m->lines[0].name, "Siti Rahmawati");
  EXPECT_EQ(m->lines[0].document, "C1234567");
  EXPECT_EQ(m->lines[0].document_kind, "passport");
  EXPECT_FALSE(m->lines[0].needs_splp);
  EXPECT_EQ(m->lines[0].birth_date, "1990-08-01");
  EXPECT_EQ(m->lines[1].name, "Rina");
  EXPECT_EQ(m->lines[1].destination, "Kota Bandung");
  http::Catalog texts;
  texts.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
  EXPECT_EQ(ManifestHeader(texts, "en")[1], "Name");
  auto xlsx = ManifestXlsx(texts, *m, "id");
  ASSERT_TRUE(xlsx.ok()) << xlsx.error().message;
  EXPECT_EQ(xlsx->substr(0, 2), "PK");
  auto pdf = ManifestPdf(texts, *m, "en");
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_EQ(pdf->substr(0, 5), "%PDF-");
  store::AuditFilter f;
  f.action = "crisis_manifest_export";
  EXPECT_EQ(audit_->Query(f)->size(), 1u) << "exports are audited";
  EXPECT_EQ(evac_->BuildManifest(other_, crisis_, *t, "pdf").error().code, Code::kNotFound);
  ASSERT_TRUE(evac_->Unmark(officer_, crisis_, citizen_).ok());
  EXPECT_TRUE(evac_->Evacuees(officer_, crisis_, -1)->empty());
}

// Lapor Diri holds no documents for family members: the officer records a travelling
// member's passport when marking (validated like a Lapor Diri passport); none or expired
// means an SPLP, and the manifest shows the number.
TEST_P(SafetyServiceTest, EvacuationFamilyPassports) {
  auto family = store_->FamilyOf(citizen_);
  ASSERT_TRUE(family.ok());
  ASSERT_EQ(family->size(), 2u);
  const int64_t spouse = (*family)[0].id, child = (*family)[1].id;
  EvacInput in;
  in.family_ids = {spouse, child};
  in.documents[spouse] = {"x1", "2031-01-01"};  // too short
  in.documents[child] = {"B1234567", ""};       // no expiry
  auto bad = evac_->Mark(officer_, crisis_, citizen_, in);
  ASSERT_EQ(bad.error().code, Code::kInvalid);
  ASSERT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(bad.error().fields[0].field, "family_passport." + std::to_string(spouse));
  EXPECT_EQ(bad.error().fields[0].key, "err.passport.number");
  EXPECT_EQ(bad.error().fields[1].field, "family_expiry." + std::to_string(child));
  in.documents[spouse] = {"c 765 4321", "2031-01-01"};  // normalised as Lapor Diri does
  in.documents[child] = {"B1234567", "2020-01-01"};     // expired
  ASSERT_TRUE(evac_->Mark(officer_, crisis_, citizen_, in).ok());
  auto list = evac_->Evacuees(officer_, crisis_, -1);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  const auto& e = (*list)[0];
  ASSERT_EQ(e.family_documents.size(), 2u);
  EXPECT_EQ(e.family_documents.at(spouse).passport_number, "C7654321");
  const std::string today = Date::FromUnix(clock_.NowUnix()).ToString();
  EXPECT_FALSE(FamilyNeedsSplp(e, spouse, today));
  EXPECT_TRUE(FamilyNeedsSplp(e, child, today)) << "expired";
  auto m = evac_->BuildManifest(officer_, crisis_, 0, "xlsx");
  ASSERT_TRUE(m.ok()) << m.error().message;
  ASSERT_EQ(m->lines.size(), 3u);
  EXPECT_EQ(m->lines[1].name, "Budi Santoso");
  EXPECT_EQ(m->lines[1].document, "C7654321");
  EXPECT_EQ(m->lines[1].document_kind, "passport");
  EXPECT_FALSE(m->lines[1].needs_splp);
  EXPECT_EQ(m->lines[2].document, "B1234567");
  EXPECT_TRUE(m->lines[2].needs_splp);
  http::Catalog texts;
  texts.Load(std::string(PEDULI_SOURCE_DIR) + "/i18n");
  const auto cells = ManifestCells(texts, m->lines[1], 2, "id");  // shared by XLSX and PDF
  EXPECT_EQ(cells[4], "C7654321");
  EXPECT_EQ(cells[7], "-");
  EXPECT_NE(ManifestCells(texts, m->lines[2], 3, "id")[7], "-");
  ASSERT_TRUE(ManifestXlsx(texts, *m, "id").ok());
  ASSERT_TRUE(ManifestPdf(texts, *m, "id").ok());
  // Without a document a travelling member still needs an SPLP; one not travelling is dropped.
  EvacInput alone;
  alone.family_ids = {child};
  alone.documents[spouse] = {"C7654321", "2031-01-01"};
  ASSERT_TRUE(evac_->Mark(officer_, crisis_, citizen_, alone).ok());
  auto after = evac_->Evacuees(officer_, crisis_, -1);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE((*after)[0].family_documents.empty());
  EXPECT_TRUE(FamilyNeedsSplp((*after)[0], child, today));
}

// A server crash between the claim (case_id -1) and storing the opened case: the claim is
// simulated as a row left behind. While it is fresh nobody opens a second case; once stale,
// the sweep or the next answer takes it over, so the person gets exactly one case.
TEST_P(SafetyServiceTest, StaleClaimIsTakenOverAndNoAnswerIsLost) {
  const std::string tok = Token();
  auto claim = [&](const store::Value& at) {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE((*lease)->Exec("UPDATE crisis_people SET case_id = -1, case_claimed_at = $3 "
                               "WHERE crisis_id = $1 AND citizen_id = $2",
                               {crisis_, citizen_, at}).ok());
  };
  claim(clock_.NowUnix());
  // The (live) owner is still opening it: an answer is stored, no second case is opened.
  auto a = svc_->AnswerByToken(tok, {"needs_help", "Rumah kebanjiran, kami di atap", "3.1,101.6"});
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->case_id, 0);
  EXPECT_EQ(CasesOfCrisis(crisis_), 0);
  ASSERT_TRUE(svc_->ReclaimStale().ok());
  EXPECT_EQ(*svc_->ReclaimStale(), 0) << "not stale yet";
  // Stale: the sweep opens the case with what the person said.
  clock_.Advance(SafetyService::kStaleClaim + 1);
  EXPECT_EQ(*svc_->ReclaimStale(), 1);
  auto p = store_->Person(crisis_, citizen_);
  ASSERT_TRUE(p.ok());
  ASSERT_GT(p->case_id, 0);
  EXPECT_EQ(cases_->Find(p->case_id)->summary, "Rumah kebanjiran, kami di atap");
  EXPECT_EQ(*svc_->ReclaimStale(), 0);
  // "Need help" twice more: still exactly one case.
  for (int i = 0; i < 2; ++i) {
    auto again = svc_->AnswerByToken(tok, {"needs_help", "", ""});
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->case_id, p->case_id);
  }
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
  EXPECT_EQ(store_->Answers(crisis_, citizen_)->size(), 3u) << "every answer logged";
}

// The crash came after the case was opened but before its id was stored: the next answer
// adopts that case instead of opening a second; a claim from before case_claimed_at existed
// (NULL) counts as stale.
TEST_P(SafetyServiceTest, StaleClaimAdoptsTheCaseTheCrashLeftBehind) {
  const std::string tok = Token();
  auto first = svc_->AnswerByToken(tok, {"needs_help", "tolong", ""});
  ASSERT_TRUE(first.ok());
  const int64_t opened = first->case_id;
  ASSERT_GT(opened, 0);
  {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE((*lease)->Exec("UPDATE crisis_people SET case_id = -1, case_claimed_at = NULL "
                               "WHERE crisis_id = $1 AND citizen_id = $2", {crisis_, citizen_}).ok());
  }
  auto again = svc_->AnswerByToken(tok, {"needs_help", "", ""});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->case_id, opened);
  EXPECT_EQ(store_->Person(crisis_, citizen_)->case_id, opened);
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
  // The same through the sweep.
  {
    auto lease = tdb_->db().Acquire();
    ASSERT_TRUE((*lease)->Exec("UPDATE crisis_people SET case_id = -1, case_claimed_at = $3 "
                               "WHERE crisis_id = $1 AND citizen_id = $2",
                               {crisis_, citizen_, clock_.NowUnix() - SafetyService::kStaleClaim - 1}).ok());
  }
  EXPECT_EQ(*svc_->ReclaimStale(), 1);
  EXPECT_EQ(store_->Person(crisis_, citizen_)->case_id, opened);
  EXPECT_EQ(CasesOfCrisis(crisis_), 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, SafetyServiceTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::crisis
