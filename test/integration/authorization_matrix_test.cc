// Every route of the running server (read from its own OpenAPI document, which the router
// generates) against every role, own mission and another, and without a session. A route
// without an entry in the table below fails the test.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "modules/registry/codec.h"
#include "support/server_process.h"
#include "support/sign_in.h"
#include "support/sim_process.h"
#include "support/test_db.h"

namespace peduli::testing {
namespace {

using nlohmann::json;

enum class Rule {
  kPublic,        // anyone
  kSignIn,        // anyone; wrong credentials are a 401 answer, not a refusal to serve
  kSignedIn,      // any session
  kCitizen,       // a citizen's own data
  kStaffCitizen,  // read one citizen: officers and supervisors of that citizen's mission, HQ;
                  // others learn nothing (404)
  kMissionAct,    // act on one citizen: officers and supervisors of that citizen's mission;
                  // HQ may read but is refused (403); others learn nothing (404)
  kStaffList,     // a list scoped to the actor: officers, supervisors and HQ
  kSupervisor,    // the mission's work assignment: supervisors
  kStaffAdmin,    // staff accounts: hq_admin everywhere, supervisors for their mission
  kHqAdmin,       // missions and jurisdictions: hq_admin
  kStaff,         // any staff session (the console's own pages)
  kDpo,           // the audit log
  kElection,      // the voter list of the election liaison's own PPLN
  // Issue 8: one PPLN's voter-list versions, differences and exports: its election liaison,
  // the mission's supervisor and HQ (policy kExportVoterList).
  kVoterList,
  // Issue 8: generating a PPLN's next version: its election liaison and HQ
  // (policy kGenerateVoterList).
  kVoterListGenerate,
  // A mission's counter (walk-in registration): officers and supervisors of any mission;
  // the mission of the stay being registered is checked by the route (policy
  // kRegisterWalkIn), so another mission's officer is served here and refused per record.
  kCounter,
  // Issue 5: a mission's list named in the path (its applications): officers and
  // supervisors of that mission and HQ; another mission's officer is refused (403).
  kMissionList,
  // Issue 5: mission work named in the path (filing at its counter, opening slots): its
  // officers and supervisors only.
  kMissionWork,
  // Issue 8: recording a PPLN's postal ballots (sent, received, counted): its election
  // liaison and the mission's supervisor (policy kRecordPostalBallot); HQ reads only.
  kBallotRecord,
  // Issue 9 (crisis-safety): closing a crisis (policy kManageCrisis): HQ and the mission's
  // supervisor; the mission's officer reads but is refused (403); others learn nothing (404).
  kCrisisManage,
  // Issue 9 (crisis-alerts): writing a new crisis (policy kManageCrisis for the actor's own
  // scope): HQ and mission supervisors.
  kCrisisWrite,
};

const std::map<std::string, Rule>& Table() {
  static const std::map<std::string, Rule> t = {
      {"GET /", Rule::kPublic},
      {"POST /api/v1/accounts", Rule::kPublic},
      {"POST /api/v1/accounts/verify", Rule::kPublic},
      {"GET /api/v1/audit", Rule::kDpo},
      // Issue 7: statistics (policy kReadStats); the mission profile names its mission.
      {"GET /api/v1/stats", Rule::kStaffList},
      {"GET /api/v1/stats/export.csv", Rule::kStaffList},
      {"GET /api/v1/stats/export.xlsx", Rule::kStaffList},
      {"GET /konsol/statistik", Rule::kStaffList},
      {"GET /konsol/statistik/stream", Rule::kStaffList},
      {"GET /konsol/statistik/perwakilan/{mission}", Rule::kMissionList},
      {"GET /konsol/statistik/perwakilan/{mission}/profil.pdf", Rule::kMissionList},
      {"GET /api/v1/public/stats", Rule::kPublic},
      {"GET /statistik", Rule::kPublic},
      {"GET /api/v1/audit.csv", Rule::kDpo},
      {"GET /api/v1/audit/verify", Rule::kDpo},
      // Staff sign-in steps and staff accounts (accounts module).
      {"POST /api/v1/sessions/enrolment", Rule::kSignIn},
      {"POST /api/v1/sessions/second-factor", Rule::kSignIn},
      {"POST /api/v1/accounts/password", Rule::kPublic},
      {"GET /masuk/kode", Rule::kSignIn},
      {"POST /masuk/kode", Rule::kSignIn},
      {"GET /masuk/aktivasi", Rule::kSignIn},
      {"POST /masuk/aktivasi", Rule::kSignIn},
      {"GET /atur-kata-sandi", Rule::kPublic},
      {"POST /atur-kata-sandi", Rule::kPublic},
      {"GET /admin", Rule::kStaffAdmin},
      {"GET /admin/staf", Rule::kStaffAdmin},
      {"POST /admin/staf", Rule::kStaffAdmin},
      {"POST /admin/staf/{id}/nonaktifkan", Rule::kStaffAdmin},
      {"POST /admin/staf/{id}/aktifkan", Rule::kStaffAdmin},
      {"POST /admin/staf/{id}/atur-ulang-2fa", Rule::kStaffAdmin},
      {"GET /api/v1/staff", Rule::kStaffAdmin},
      {"POST /api/v1/staff", Rule::kStaffAdmin},
      {"POST /api/v1/staff/{id}/disable", Rule::kStaffAdmin},
      {"POST /api/v1/staff/{id}/enable", Rule::kStaffAdmin},
      {"POST /api/v1/staff/{id}/reset-second-factor", Rule::kStaffAdmin},
      {"GET /audit", Rule::kDpo},
      {"GET /admin/perwakilan", Rule::kHqAdmin},
      {"GET /admin/perwakilan/baru", Rule::kHqAdmin},
      {"POST /admin/perwakilan/baru", Rule::kHqAdmin},
      {"GET /admin/perwakilan/{mission}", Rule::kHqAdmin},
      {"POST /admin/perwakilan/{mission}/perubahan", Rule::kHqAdmin},
      {"POST /admin/perwakilan/{mission}/perubahan/{change}/batal", Rule::kHqAdmin},
      {"GET /api/v1/missions", Rule::kStaff},
      {"GET /api/v1/missions/{mission}", Rule::kPublic},
      {"GET /api/v1/missions/{mission}/changes", Rule::kHqAdmin},
      {"POST /api/v1/missions/{mission}/changes", Rule::kHqAdmin},
      {"DELETE /api/v1/missions/{mission}/changes/{change}", Rule::kHqAdmin},
      {"GET /api/v1/citizens", Rule::kStaffList},
      // The officer console (console module).
      {"GET /konsol", Rule::kStaffList},
      {"GET /konsol/cari", Rule::kStaffList},
      {"POST /konsol/cari", Rule::kStaffList},
      {"GET /konsol/tujuan", Rule::kStaff},
      {"POST /konsol/tujuan", Rule::kStaff},
      {"GET /konsol/warga/{id}", Rule::kStaffCitizen},
      {"POST /konsol/warga/{id}/keputusan", Rule::kMissionAct},
      {"POST /konsol/warga/{id}/penugasan", Rule::kSupervisor},
      {"GET /api/v1/work-queue", Rule::kStaffList},
      {"GET /api/v1/citizens/{id}", Rule::kStaffCitizen},
      {"POST /api/v1/citizens/{id}/review", Rule::kMissionAct},
      {"PUT /api/v1/citizens/{id}/assignee", Rule::kSupervisor},
      {"PUT /api/v1/sessions/current/purpose", Rule::kStaff},
      // Duplicate-NIK claims ({id}: a claim on the test citizen's record) and the counter.
      {"GET /api/v1/duplicates", Rule::kStaffList},
      {"GET /api/v1/duplicates/{id}", Rule::kStaffCitizen},
      {"POST /api/v1/duplicates/{id}/decision", Rule::kMissionAct},
      {"POST /api/v1/duplicates/{id}/undo", Rule::kMissionAct},
      {"POST /api/v1/walk-in", Rule::kCounter},
      {"GET /konsol/duplikat", Rule::kStaffList},
      {"GET /konsol/duplikat/{id}", Rule::kStaffCitizen},
      {"POST /konsol/duplikat/{id}/keputusan", Rule::kMissionAct},
      {"POST /konsol/duplikat/{id}/batal", Rule::kMissionAct},
      {"GET /konsol/loket", Rule::kCounter},
      {"GET /konsol/loket/baru", Rule::kCounter},
      {"POST /konsol/loket/baru", Rule::kCounter},
      {"GET /konsol/loket/{id}", Rule::kStaffCitizen},
      {"GET /konsol/loket/{id}/bukti.pdf", Rule::kStaffCitizen},
      {"GET /api/v1/citizens/{id}/verification", Rule::kStaffCitizen},
      {"GET /api/v1/citizens/{id}/voter", Rule::kStaffCitizen},
      {"GET /api/v1/elections", Rule::kStaff},
      {"GET /api/v1/elections/{election}/ppln/{ppln}/versions", Rule::kVoterList},
      {"POST /api/v1/elections/{election}/ppln/{ppln}/versions", Rule::kVoterListGenerate},
      {"GET /api/v1/elections/{election}/ppln/{ppln}/versions/{version}/diff", Rule::kVoterList},
      {"GET /api/v1/elections/{election}/ppln/{ppln}/versions/{version}/export.csv", Rule::kVoterList},
      {"GET /api/v1/elections/{election}/ppln/{ppln}/versions/{version}/export.xlsx", Rule::kVoterList},
      {"GET /pemilu/{election}/{ppln}", Rule::kVoterList},
      {"POST /pemilu/{election}/{ppln}", Rule::kVoterListGenerate},
      {"POST /api/v1/citizens/{id}/verification", Rule::kMissionAct},
      {"DELETE /api/v1/me", Rule::kCitizen},
      {"GET /api/v1/me/export", Rule::kCitizen},
      {"GET /api/v1/me/lapor-diri", Rule::kCitizen},
      {"PUT /api/v1/me/lapor-diri", Rule::kCitizen},
      {"GET /api/v1/me/lapor-diri/receipt.pdf", Rule::kCitizen},
      {"POST /api/v1/me/lapor-diri/return", Rule::kCitizen},
      {"GET /api/v1/me/record-access", Rule::kCitizen},
      {"GET /akses-data", Rule::kCitizen},
      {"GET /pemilu-saya", Rule::kCitizen},
      {"GET /api/v1/me/voter", Rule::kCitizen},
      // Issue 8: officers' voter-list actions, the citizen's method switch, postal ballots.
      {"GET /konsol/warga/{id}/pemilu", Rule::kStaffCitizen},
      {"POST /konsol/warga/{id}/pemilu/pencabutan", Rule::kMissionAct},
      {"POST /konsol/warga/{id}/pemilu/pemulihan", Rule::kMissionAct},
      {"POST /konsol/warga/{id}/pemilu/alamat-pos", Rule::kMissionAct},
      {"POST /konsol/warga/{id}/pemilu/metode", Rule::kMissionAct},
      {"GET /api/v1/citizens/{id}/voter/facts", Rule::kStaffCitizen},
      {"POST /api/v1/citizens/{id}/voter/revocation", Rule::kMissionAct},
      {"POST /api/v1/citizens/{id}/voter/revocation/lift", Rule::kMissionAct},
      {"POST /api/v1/citizens/{id}/voter/postal-address-check", Rule::kMissionAct},
      {"PUT /api/v1/citizens/{id}/voter/method", Rule::kMissionAct},
      {"GET /pemilu-saya/{election}", Rule::kCitizen},
      {"POST /pemilu-saya/{election}", Rule::kCitizen},
      {"GET /api/v1/me/voter/{election}/method", Rule::kCitizen},
      {"PUT /api/v1/me/voter/{election}/method", Rule::kCitizen},
      {"GET /pemilu/{election}/{ppln}/pos", Rule::kVoterList},
      {"POST /pemilu/{election}/{ppln}/pos", Rule::kBallotRecord},
      {"GET /pemilu/{election}/{ppln}/cakupan", Rule::kVoterList},
      {"GET /api/v1/elections/{election}/ppln/{ppln}/ballots", Rule::kVoterList},
      {"POST /api/v1/elections/{election}/ppln/{ppln}/ballots", Rule::kBallotRecord},
      {"POST /api/v1/elections/{election}/ppln/{ppln}/ballots/{id}", Rule::kBallotRecord},
      // Issue 9, safety checks (crisis-safety). {id}: an active crisis of KBRI Kuala Lumpur
      // with the test citizen in its audience; {citizen}: that citizen; {token}: unknown.
      {"GET /aman/{token}", Rule::kPublic},
      {"POST /aman/{token}", Rule::kPublic},
      {"GET /keluarga-aman/{token}", Rule::kPublic},
      {"POST /keluarga-aman/{token}/{id}", Rule::kPublic},
      {"GET /api/v1/safety/{token}", Rule::kPublic},
      {"POST /api/v1/safety/{token}", Rule::kPublic},
      {"POST /api/v1/family-safety/{token}/{id}", Rule::kPublic},
      {"GET /krisis-saya", Rule::kCitizen},
      {"POST /krisis-saya/{id}", Rule::kCitizen},
      {"POST /krisis-saya/keluarga", Rule::kCitizen},
      {"POST /krisis-saya/keluarga/{id}/cabut", Rule::kCitizen},
      {"GET /api/v1/me/crises", Rule::kCitizen},
      {"POST /api/v1/me/crises/{id}/safety", Rule::kCitizen},
      {"GET /api/v1/me/safety-links", Rule::kCitizen},
      {"POST /api/v1/me/safety-links", Rule::kCitizen},
      {"DELETE /api/v1/me/safety-links/{id}", Rule::kCitizen},
      {"GET /konsol/krisis/{id}/belum-terdata", Rule::kStaffCitizen},
      {"GET /konsol/krisis/{id}/hitungan", Rule::kStaffCitizen},
      {"GET /konsol/krisis/{id}/hitungan/stream", Rule::kStaffCitizen},
      {"GET /api/v1/crises/{id}/people", Rule::kStaffCitizen},
      {"GET /api/v1/crises/{id}/counts", Rule::kStaffCitizen},
      {"POST /konsol/krisis/{id}/panggilan/{citizen}", Rule::kMissionAct},
      {"POST /konsol/krisis/{id}/jawaban/{citizen}", Rule::kMissionAct},
      {"POST /api/v1/crises/{id}/calls", Rule::kMissionAct},
      {"POST /api/v1/crises/{id}/people/{citizen}/safety", Rule::kMissionAct},
      {"GET /konsol/krisis/{id}/evakuasi", Rule::kStaffCitizen},
      {"GET /konsol/krisis/{id}/manifes.xlsx", Rule::kStaffCitizen},
      {"GET /konsol/krisis/{id}/manifes.pdf", Rule::kStaffCitizen},
      {"GET /api/v1/crises/{id}/evacuees", Rule::kStaffCitizen},
      {"GET /api/v1/crises/{id}/transports", Rule::kStaffCitizen},
      {"GET /api/v1/crises/{id}/manifest.xlsx", Rule::kStaffCitizen},
      {"GET /api/v1/crises/{id}/manifest.pdf", Rule::kStaffCitizen},
      {"POST /konsol/krisis/{id}/evakuasi/{citizen}", Rule::kMissionAct},
      {"POST /konsol/krisis/{id}/evakuasi/{citizen}/hapus", Rule::kMissionAct},
      {"POST /konsol/krisis/{id}/transportasi", Rule::kMissionAct},
      {"PUT /api/v1/crises/{id}/evacuees/{citizen}", Rule::kMissionAct},
      {"DELETE /api/v1/crises/{id}/evacuees/{citizen}", Rule::kMissionAct},
      {"POST /api/v1/crises/{id}/transports", Rule::kMissionAct},
      {"POST /konsol/krisis/{id}/tutup", Rule::kCrisisManage},
      {"POST /api/v1/crises/{id}/close", Rule::kCrisisManage},
      // Issue 9, alerts (crisis-alerts): {id} is the same crisis.
      {"GET /konsol/krisis", Rule::kStaffList},
      {"GET /konsol/krisis/baru", Rule::kCrisisWrite},
      {"POST /konsol/krisis/baru", Rule::kCrisisWrite},
      {"GET /konsol/krisis/{id}", Rule::kStaffCitizen},
      {"POST /konsol/krisis/{id}", Rule::kCrisisManage},
      {"GET /konsol/krisis/{id}/pratinjau", Rule::kStaffCitizen},
      {"POST /konsol/krisis/{id}/kirim", Rule::kCrisisManage},
      {"GET /api/v1/crises", Rule::kStaffList},
      {"POST /api/v1/crises", Rule::kCrisisWrite},
      {"GET /api/v1/crises/{id}", Rule::kStaffCitizen},
      {"PUT /api/v1/crises/{id}", Rule::kCrisisManage},
      {"GET /api/v1/crises/{id}/preview", Rule::kStaffCitizen},
      {"POST /api/v1/crises/{id}/send", Rule::kCrisisManage},
      {"GET /api/v1/crises/{id}/alerts", Rule::kStaffCitizen},
      {"GET /pesan", Rule::kCitizen},
      {"GET /api/v1/me/messages", Rule::kCitizen},
      {"GET /api/v1/elections/{election}/ppln/{ppln}/coverage", Rule::kVoterList},
      {"GET /api/v1/openapi.json", Rule::kPublic},
      {"POST /api/v1/sessions", Rule::kSignIn},
      {"DELETE /api/v1/sessions/current", Rule::kSignedIn},
      {"GET /api/v1/verification/attention", Rule::kStaffList},
      {"GET /api/v1/verify/{code}", Rule::kPublic},
      {"GET /beranda", Rule::kCitizen},
      {"GET /daftar", Rule::kPublic},
      {"POST /daftar", Rule::kPublic},
      {"GET /hapus-akun", Rule::kCitizen},
      {"POST /hapus-akun", Rule::kCitizen},
      {"GET /healthz", Rule::kPublic},
      {"POST /keluar", Rule::kSignedIn},
      {"GET /kembali", Rule::kCitizen},
      {"POST /kembali", Rule::kCitizen},
      {"GET /lapor-diri", Rule::kCitizen},
      {"GET /lapor-diri-selesai", Rule::kCitizen},
      {"GET /lapor-diri/{step}", Rule::kCitizen},
      {"POST /lapor-diri/{step}", Rule::kCitizen},
      {"GET /masuk", Rule::kPublic},
      {"POST /masuk", Rule::kSignIn},
      {"GET /metrics", Rule::kPublic},
      {"GET /verify-email", Rule::kPublic},
      {"POST /verify-email/resend", Rule::kPublic},
      {"GET /verify/{code}", Rule::kPublic},
      // Issue 6: protection cases ({id}: a case the test citizen reported at KBRI Kuala
      // Lumpur, unassigned; {code}: an unknown follow token).
      {"GET /lapor-kasus", Rule::kPublic},
      {"POST /lapor-kasus", Rule::kPublic},
      {"GET /lapor-kasus/ikuti/{code}", Rule::kPublic},
      {"POST /api/v1/public/reports", Rule::kPublic},
      {"GET /api/v1/public/reports/{code}", Rule::kPublic},
      {"GET /lindungi", Rule::kCitizen},
      {"POST /lindungi", Rule::kCitizen},
      {"GET /lindungi/{id}", Rule::kCitizen},
      {"POST /darurat", Rule::kCitizen},
      {"GET /api/v1/me/cases", Rule::kCitizen},
      {"POST /api/v1/me/cases", Rule::kCitizen},
      {"POST /api/v1/me/panic", Rule::kCitizen},
      {"GET /konsol/kasus", Rule::kStaffList},
      {"GET /konsol/kasus.csv", Rule::kStaffList},
      {"GET /konsol/kasus.xlsx", Rule::kStaffList},
      {"GET /api/v1/cases", Rule::kStaffList},
      {"GET /konsol/kasus/baru", Rule::kCounter},
      {"POST /konsol/kasus/baru", Rule::kCounter},
      {"POST /api/v1/cases", Rule::kCounter},
      {"GET /konsol/kasus/{id}", Rule::kStaffCitizen},
      {"GET /api/v1/cases/{id}", Rule::kStaffCitizen},
      {"POST /konsol/kasus/{id}/buka-nama", Rule::kStaffCitizen},
      {"POST /api/v1/cases/{id}/reveal", Rule::kStaffCitizen},
      {"POST /konsol/kasus/{id}/tindakan", Rule::kMissionAct},
      {"POST /konsol/kasus/{id}/pindah", Rule::kMissionAct},
      {"POST /konsol/kasus/{id}/cocokkan", Rule::kMissionAct},
      {"POST /api/v1/cases/{id}/actions", Rule::kMissionAct},
      {"POST /api/v1/cases/{id}/transfer", Rule::kMissionAct},
      {"POST /api/v1/cases/{id}/match", Rule::kMissionAct},
      {"POST /konsol/kasus/{id}/penugasan", Rule::kSupervisor},
      {"PUT /api/v1/cases/{id}/assignee", Rule::kSupervisor},
      // Issue 6 referrals ({ref}: no referral, so the receiver's routes answer 404 to every
      // session), the HQ dashboard, the partner's link ({code}: an unknown token).
      {"GET /konsol/rujukan", Rule::kStaffList},
      {"GET /konsol/rujukan/{id}", Rule::kStaffCitizen},
      {"POST /konsol/rujukan/{id}/keputusan", Rule::kStaffCitizen},
      {"POST /konsol/kasus/{id}/rujuk", Rule::kMissionAct},
      {"POST /konsol/kasus/{id}/rujukan/{ref}/cabut", Rule::kMissionAct},
      {"GET /konsol/kasus/dasbor", Rule::kStaffList},
      {"GET /rujukan/{code}", Rule::kPublic},
      {"POST /rujukan/{code}", Rule::kPublic},
      {"GET /api/v1/cases/{id}/referrals", Rule::kStaffCitizen},
      {"POST /api/v1/cases/{id}/referrals", Rule::kMissionAct},
      {"POST /api/v1/cases/{id}/referrals/{ref}/accept", Rule::kStaffCitizen},
      {"POST /api/v1/cases/{id}/referrals/{ref}/reject", Rule::kStaffCitizen},
      {"POST /api/v1/cases/{id}/referrals/{ref}/done", Rule::kStaffCitizen},
      {"POST /api/v1/cases/{id}/referrals/{ref}/revoke", Rule::kMissionAct},
      {"GET /api/v1/referrals", Rule::kStaffList},
      {"GET /api/v1/referrals/{id}", Rule::kStaffCitizen},
      {"GET /api/v1/protection/dashboard", Rule::kStaffList},
      {"GET /konsol/kasus/risiko", Rule::kStaffList},
      {"POST /konsol/kasus/risiko/{id}/tinjau", Rule::kCounter},
      {"POST /konsol/kasus/risiko/{id}/kasus", Rule::kCounter},
      {"GET /api/v1/missions/{mission}/risk", Rule::kMissionList},
      // Issue 5: consular services. {id} is no application here, so per-application
      // routes answer 404 to whoever passes the route's own checks.
      {"GET /layanan", Rule::kPublic},
      {"GET /layanan/saya", Rule::kCitizen},
      {"GET /layanan/pesan", Rule::kCitizen},
      {"GET /api/v1/me/application-messages", Rule::kCitizen},
      {"GET /layanan/saya/{id}", Rule::kCitizen},
      {"POST /layanan/saya/{id}/perbaiki", Rule::kCitizen},
      {"POST /layanan/saya/{id}/tarik", Rule::kCitizen},
      {"POST /layanan/saya/{id}/janji", Rule::kCitizen},
      {"POST /layanan/saya/{id}/janji/batal", Rule::kCitizen},
      {"GET /layanan/saya/{id}/dokumen/{doc}", Rule::kCitizen},
      {"GET /layanan/ajukan/{code}", Rule::kCitizen},
      {"POST /layanan/ajukan/{code}", Rule::kCitizen},
      {"GET /konsol/layanan", Rule::kStaffList},
      {"POST /konsol/layanan/slot", Rule::kCounter},
      {"GET /konsol/layanan/{id}", Rule::kStaffCitizen},
      {"POST /konsol/layanan/{id}/tindakan", Rule::kMissionAct},
      {"POST /konsol/layanan/{id}/pembayaran", Rule::kMissionAct},
      {"POST /api/v1/applications/{id}/payment", Rule::kMissionAct},
      {"GET /konsol/layanan/{id}/dokumen/{doc}", Rule::kStaffCitizen},
      {"GET /api/v1/services", Rule::kPublic},
      {"POST /api/v1/services/versions", Rule::kHqAdmin},
      {"GET /api/v1/missions/{mission}/services", Rule::kPublic},
      {"PUT /api/v1/missions/{mission}/services/{service}", Rule::kStaffAdmin},
      {"GET /api/v1/me/applications", Rule::kCitizen},
      {"POST /api/v1/me/applications", Rule::kCitizen},
      {"GET /api/v1/me/applications/{id}", Rule::kCitizen},
      {"POST /api/v1/me/applications/{id}/resubmit", Rule::kCitizen},
      {"POST /api/v1/me/applications/{id}/withdraw", Rule::kCitizen},
      {"GET /api/v1/me/applications/{id}/documents/{doc}", Rule::kCitizen},
      {"PUT /api/v1/me/applications/{id}/appointment", Rule::kCitizen},
      {"DELETE /api/v1/me/applications/{id}/appointment", Rule::kCitizen},
      {"GET /api/v1/missions/{mission}/applications", Rule::kMissionList},
      {"POST /api/v1/missions/{mission}/applications", Rule::kMissionWork},
      {"GET /api/v1/missions/{mission}/slots", Rule::kPublic},
      {"POST /api/v1/missions/{mission}/slots", Rule::kMissionWork},
      {"GET /api/v1/applications/{id}", Rule::kStaffCitizen},
      {"POST /api/v1/applications/{id}/actions", Rule::kMissionAct},
      {"GET /api/v1/applications/{id}/documents/{doc}", Rule::kStaffCitizen},
      // Issue 5, second part: issued documents, /verify/dokumen, the day's list and walk-ins.
      {"GET /konsol/layanan/hari", Rule::kStaffList},
      {"POST /konsol/layanan/hari/hadir", Rule::kCounter},
      {"POST /konsol/layanan/antrian", Rule::kCounter},
      {"GET /konsol/antrian/{id}", Rule::kCounter},
      {"POST /konsol/layanan/{id}/terbitkan", Rule::kMissionAct},
      {"POST /konsol/layanan/{id}/cabut", Rule::kSupervisor},
      {"POST /konsol/layanan/{id}/perjalanan", Rule::kMissionAct},
      {"GET /konsol/layanan/{id}/terbit", Rule::kStaffCitizen},
      {"GET /layanan/saya/{id}/terbit", Rule::kCitizen},
      {"GET /verify/dokumen/{code}", Rule::kPublic},
      {"POST /api/v1/applications/{id}/issued-document", Rule::kMissionAct},
      {"GET /api/v1/applications/{id}/issued-document", Rule::kStaffCitizen},
      {"POST /api/v1/applications/{id}/issued-document/revoke", Rule::kSupervisor},
      {"POST /api/v1/applications/{id}/issued-document/journey", Rule::kMissionAct},
      {"POST /api/v1/applications/{id}/issued-document/extend", Rule::kMissionAct},
      {"GET /api/v1/me/applications/{id}/issued-document", Rule::kCitizen},
      {"GET /api/v1/verify/dokumen/{code}", Rule::kPublic},
      {"GET /api/v1/missions/{mission}/appointments", Rule::kMissionList},
      {"POST /api/v1/missions/{mission}/appointments/{id}/arrival", Rule::kMissionWork},
      {"POST /api/v1/missions/{mission}/queue-numbers", Rule::kMissionWork},
  };
  return t;
}

// Who calls. The officer, supervisor and election liaison are KBRI Kuala Lumpur's, where
// the test citizen lives.
enum class Who {
  kAnonymous, kCitizen, kOfficer, kOtherOfficer, kSupervisor, kHq, kHqAdmin, kDpo, kElection
};
const Who kEveryone[] = {Who::kAnonymous, Who::kCitizen,  Who::kOfficer,
                         Who::kOtherOfficer, Who::kSupervisor, Who::kHq,
                         Who::kHqAdmin,   Who::kDpo,      Who::kElection};
const char* Name(Who w) {
  switch (w) {
    case Who::kAnonymous: return "anonymous";
    case Who::kCitizen: return "citizen";
    case Who::kOfficer: return "officer of the citizen's mission";
    case Who::kOtherOfficer: return "officer of another mission";
    case Who::kSupervisor: return "supervisor of the citizen's mission";
    case Who::kHq: return "hq";
    case Who::kHqAdmin: return "hq_admin";
    case Who::kDpo: return "dpo";
    case Who::kElection: return "election liaison of the citizen's PPLN";
  }
  return "";
}

enum class Expect { kAllowed, kDenied, kHidden };  // hidden: 404, existence not revealed

Expect Expected(Rule rule, Who who) {
  const bool anon = who == Who::kAnonymous;
  const bool own_staff = who == Who::kOfficer || who == Who::kSupervisor;
  const bool hq = who == Who::kHq || who == Who::kHqAdmin;
  auto allow_if = [](bool b) { return b ? Expect::kAllowed : Expect::kDenied; };
  switch (rule) {
    case Rule::kPublic:
    case Rule::kSignIn: return Expect::kAllowed;
    case Rule::kSignedIn: return allow_if(!anon);
    case Rule::kCitizen: return allow_if(who == Who::kCitizen);
    case Rule::kStaffCitizen:
      if (anon) return Expect::kDenied;
      return own_staff || hq ? Expect::kAllowed : Expect::kHidden;
    case Rule::kMissionAct:
      if (anon || hq) return Expect::kDenied;
      return own_staff ? Expect::kAllowed : Expect::kHidden;
    case Rule::kStaffList: return allow_if(own_staff || who == Who::kOtherOfficer || hq);
    case Rule::kSupervisor: return allow_if(who == Who::kSupervisor);
    case Rule::kStaffAdmin: return allow_if(who == Who::kSupervisor || who == Who::kHqAdmin);
    case Rule::kHqAdmin: return allow_if(who == Who::kHqAdmin);
    case Rule::kStaff: return allow_if(!anon && who != Who::kCitizen);
    case Rule::kDpo: return allow_if(who == Who::kDpo);
    case Rule::kElection: return allow_if(who == Who::kElection);
    case Rule::kVoterList:
      return allow_if(who == Who::kElection || who == Who::kSupervisor || hq);
    case Rule::kVoterListGenerate: return allow_if(who == Who::kElection || hq);
    case Rule::kCounter: return allow_if(own_staff || who == Who::kOtherOfficer);
    case Rule::kMissionList: return allow_if(own_staff || hq);
    case Rule::kMissionWork: return allow_if(own_staff);
    case Rule::kBallotRecord: return allow_if(who == Who::kElection || who == Who::kSupervisor);
    case Rule::kCrisisManage:  // issue 9 (crisis-safety)
      if (anon || who == Who::kOfficer) return Expect::kDenied;
      return who == Who::kSupervisor || hq ? Expect::kAllowed : Expect::kHidden;
    case Rule::kCrisisWrite: return allow_if(who == Who::kSupervisor || hq);  // issue 9 (alerts)
  }
  return Expect::kDenied;
}

TEST(AuthorizationMatrix, EveryRouteEveryRole) {
  TestDatabase db("sqlite", 2);
  ServerProcess server(db.dir(), db.url(), {"--demo"});
  const char* kJson = "Content-Type: application/json";
  auto sign_in = [&](const std::string& email, const std::string& password) {
    return SignIn(server.url(), email, password);
  };
  auto staff = [&](const char* email) { return [&, email] { return StaffSignIn(server.url(), email); }; };
  // A citizen of KBRI Kuala Lumpur, with a record.
  auto new_citizen = [&](const std::string& email) {
    HttpCall("POST", server.url() + "/api/v1/accounts",
             json{{"email", email}, {"password", "rahasia-sekali-123"}, {"name", "M"}}.dump(), {kJson});
    HttpCall("POST", server.url() + "/api/v1/accounts/verify",
             json{{"token", TokenFromText(server.LatestMail())}}.dump(), {kJson});
    return sign_in(email, "rahasia-sekali-123");
  };
  const std::string citizen = new_citizen("matrix@example.test");
  json person = registry::ToJson(TestPopulation().Person(8001));
  person["stay"]["country"] = "MY";
  person["stay"]["subdivision"] = "MY-10";
  person["stay"]["city"] = "Shah Alam";
  person["stay"]["phone"] = "+60 12-345 6789";
  ASSERT_EQ(HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                     {kJson, "Authorization: Bearer " + citizen}).status, 201);
  auto lease = db.db().Acquire();
  const int64_t citizen_id = (*lease)->QueryOne(
      "SELECT c.id FROM citizens c JOIN accounts a ON a.id = c.account_id WHERE a.email = 'matrix@example.test'")->Int(0);
  // A second account claims the same NIK: a duplicate-NIK claim on that record.
  const std::string claimant = new_citizen("matrix-claim@example.test");
  ASSERT_EQ(HttpCall("PUT", server.url() + "/api/v1/me/lapor-diri", person.dump(),
                     {kJson, "Authorization: Bearer " + claimant}).status, 409);
  const int64_t claim_id = (*lease)->QueryOne(
      "SELECT id FROM duplicate_attempts WHERE existing_citizen_id = $1", {citizen_id})->Int(0);
  // Issue 6: the citizen reports a protection case (at KBRI Kuala Lumpur, unassigned).
  auto reported = HttpCall("POST", server.url() + "/api/v1/me/cases",
                           json{{"category", "wage"}, {"summary", "Gaji belum dibayar"}}.dump(),
                           {kJson, "Authorization: Bearer " + citizen});
  ASSERT_EQ(reported.status, 201) << reported.body;
  const int64_t case_id = json::parse(reported.body)["id"];
  // Issue 9 (crisis-safety): an active crisis of KBRI Kuala Lumpur with the citizen in its
  // audience, as a sent alert leaves it.
  const int64_t safety_crisis_id = (*lease)->QueryOne(
      "INSERT INTO crises (mission_code, level, title_id, title_en, area, safety_check, state, "
      "created_by, created_at, activated_at) VALUES ('KBRI-KUALA-LUMPUR', 'danger', 'Banjir', "
      "'Floods', '{}', 1, 'active', 1, 0, 0) RETURNING id")->Int(0);
  ASSERT_TRUE((*lease)->Exec(
      "INSERT INTO crisis_people (crisis_id, citizen_id, stay_id, mission_code, category, "
      "placed_by) SELECT $1, citizen_id, id, mission_code, category, 'city' FROM stays "
      "WHERE citizen_id = $2 AND ended_at IS NULL", {safety_crisis_id, citizen_id}).ok());
  const std::set<std::string> safety_routes = [] {
    std::set<std::string> out;
    for (const auto& [k, rule] : Table()) {
      if (k.find("/krisis/{id}") != std::string::npos ||  // issue 9 (crisis-alerts)
          k.find("/crises/{id}") != std::string::npos ||
          k.find("/krisis/{id}/belum-terdata") != std::string::npos ||
          k.find("/krisis/{id}/hitungan") != std::string::npos ||
          k.find("/krisis/{id}/panggilan/") != std::string::npos ||
          k.find("/krisis/{id}/jawaban/") != std::string::npos ||
          k.find("/krisis/{id}/tutup") != std::string::npos ||
          k.find("/krisis-saya/{id}") != std::string::npos ||
          k.find("/keluarga-aman/") != std::string::npos ||
          k.find("/family-safety/") != std::string::npos ||
          k.find("/me/crises/{id}") != std::string::npos ||
          k.find("/crises/{id}/people") != std::string::npos ||
          k.find("/crises/{id}/calls") != std::string::npos ||
          k.find("/crises/{id}/counts") != std::string::npos ||
          k.find("/crises/{id}/close") != std::string::npos ||
          k.find("/krisis/{id}/evakuasi") != std::string::npos ||
          k.find("/krisis/{id}/transportasi") != std::string::npos ||
          k.find("/krisis/{id}/manifes") != std::string::npos ||
          k.find("/crises/{id}/evacuees") != std::string::npos ||
          k.find("/crises/{id}/transports") != std::string::npos ||
          k.find("/crises/{id}/manifest") != std::string::npos) {
        out.insert(k);
      }
    }
    return out;
  }();

  std::map<Who, std::function<std::string()>> token = {
      {Who::kAnonymous, [] { return std::string(); }},
      {Who::kCitizen, [&] { return sign_in("matrix@example.test", "rahasia-sekali-123"); }},
      {Who::kOfficer, staff("petugas.kl@demo.peduli.test")},
      {Who::kOtherOfficer, staff("petugas.jeddah@demo.peduli.test")},
      {Who::kSupervisor, staff("supervisor.kl@demo.peduli.test")},
      {Who::kHq, staff("hq@demo.peduli.test")},
      {Who::kHqAdmin, staff("admin@demo.peduli.test")},
      {Who::kDpo, staff("dpo@demo.peduli.test")},
      {Who::kElection, staff("pemilu.kl@demo.peduli.test")},
  };

  json doc = json::parse(HttpCall("GET", server.url() + "/api/v1/openapi.json").body);
  std::map<Who, std::string> session;  // the current token of each caller
  int checked = 0;
  for (auto& [path, ops] : doc["paths"].items()) {
    for (auto& [method_lower, op] : ops.items()) {
      std::string method = method_lower;
      for (auto& ch : method) ch = static_cast<char>(std::toupper(ch));
      const std::string key = method + " " + path;
      auto rule = Table().find(key);
      ASSERT_NE(rule, Table().end()) << key << " has no entry in the authorization table";
      std::string url = path;
      auto fill = [&](const std::string& param, const std::string& value) {
        auto p = url.find("{" + param + "}");
        if (p != std::string::npos) url.replace(p, param.size() + 2, value);
      };
      const bool claim_route = key.find("/duplikat/") != std::string::npos ||
                               key.find("/duplicates/") != std::string::npos;
      const bool case_route = key.find("/kasus/") != std::string::npos ||  // issue 6
                              key.find("/cases/") != std::string::npos ||
                              key.find("/lindungi/") != std::string::npos;
      if (safety_routes.count(key)) {  // issue 9 (crisis-safety)
        fill("id", std::to_string(safety_crisis_id));
        fill("citizen", std::to_string(citizen_id));
        fill("token", "AQAAAAAAAAABAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
      }
      fill("id", std::to_string(case_route ? case_id : claim_route ? claim_id : citizen_id));
      fill("step", "identitas");
      fill("code", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
      fill("mission", "KBRI-KUALA-LUMPUR");
      fill("change", "1");
      fill("election", "PEMILU-2029");  // the demo election (election::SeedDemo)
      fill("ppln", "KBRI-KUALA-LUMPUR");
      fill("version", "1");
      fill("ref", "999999");  // issue 6: no such referral
      for (Who who : kEveryone) {
        // Deleting the account is tried only where it must be refused.
        if (key == "DELETE /api/v1/me" && who == Who::kCitizen) continue;
        std::vector<std::string> headers = {kJson};
        // One session per caller, signed in again only after a route that ended it: each
        // staff sign-in uses up a TOTP time step (support/sign_in.h).
        if (!session.count(who)) session[who] = token[who]();
        const std::string t = session[who];
        if (!t.empty()) headers.push_back("Authorization: Bearer " + t);
        auto r = HttpCall(method, server.url() + url, method == "GET" ? "" : "{}", headers);
        if (key == "DELETE /api/v1/sessions/current" || key == "POST /keluar" ||
            key == "DELETE /api/v1/me") {
          session.erase(who);
        }
        const bool to_sign_in = r.status == 303 && r.headers["location"].rfind("/masuk", 0) == 0;
        const bool denied = (r.status == 401 && rule->second != Rule::kSignIn) ||
                            r.status == 403 || to_sign_in;
        const Expect want = Expected(rule->second, who);
        SCOPED_TRACE(key + " as " + Name(who) + ": " + std::to_string(r.status));
        if (want == Expect::kAllowed) {
          EXPECT_FALSE(denied);
          EXPECT_NE(r.status, 0);
        } else if (want == Expect::kHidden) {
          EXPECT_EQ(r.status, 404);
        } else {
          EXPECT_TRUE(denied);
        }
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(Table().size() * std::size(kEveryone)) - 1);
  // The citizen can still delete their own account.
  const std::string gone = new_citizen("matrix-delete@example.test");
  EXPECT_EQ(HttpCall("DELETE", server.url() + "/api/v1/me", "", {"Authorization: Bearer " + gone}).status, 200);
}

}  // namespace
}  // namespace peduli::testing
