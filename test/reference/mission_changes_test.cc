// HQ's versioned mission changes: what the reference service serves before and after a
// change's date, cancelling, history, the handover of current stays, several servers, and
// the mission-local time helper. Every DB test runs on each backend.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fakes/fixed_clock.h"
#include "modules/admin/service.h"
#include "modules/audit/service.h"
#include "modules/reference/changes.h"
#include "modules/reference/loader.h"
#include "modules/reference/service.h"
#include "store/audit_store.h"
#include "store/search_store.h"
#include "support/test_db.h"

namespace peduli::reference {
namespace {

using peduli::testing::FixedClock;

const std::string kRoot = PEDULI_SOURCE_DIR;
// The fixed clock starts at 2026-11-27T00:00:00Z, a Friday.
constexpr int64_t kStart = 1795737600;
constexpr int64_t kHour = 3600;

const policy::Actor kAdmin{7, "hq_admin", ""};

// A baseline-only service, read once for the pure tests.
const ReferenceService& Baseline() {
  static const ReferenceService* svc = [] {
    auto src = ReadReferenceSources(kRoot + "/web", kRoot + "/data");
    EXPECT_TRUE(src.ok());
    return new ReferenceService(std::move(src->data));
  }();
  return *svc;
}

TEST(MissionTime, SaudiWorksSundayToThursdayMalaysiaMondayToFriday) {
  const auto& ref = Baseline();
  const int64_t friday = kStart + 6 * kHour;        // 09:00 Riyadh, 14:00 Kuala Lumpur
  const int64_t sunday = kStart + 2 * 24 * kHour + 6 * kHour;
  auto riyadh = ref.LocalTime("KBRI-RIYADH", friday);
  auto kl = ref.LocalTime("KBRI-KUALA-LUMPUR", friday);
  ASSERT_TRUE(riyadh && kl);
  EXPECT_EQ(riyadh->weekday, 5u);
  EXPECT_EQ(riyadh->hour, 9);
  EXPECT_FALSE(riyadh->working_day);
  EXPECT_EQ(kl->hour, 14);
  EXPECT_TRUE(kl->working_day);
  EXPECT_TRUE(ref.LocalTime("KJRI-JEDDAH", sunday)->working_day);
  EXPECT_FALSE(ref.LocalTime("KBRI-KUALA-LUMPUR", sunday)->working_day);
  EXPECT_EQ(ref.FindMission("KBRI-RIYADH")->working_days, kSunToThu);
  EXPECT_EQ(ref.FindMission("KBRI-KUALA-LUMPUR")->working_days, kMonToFri);
  EXPECT_FALSE(ref.LocalTime("KBRI-ATLANTIS", friday).has_value());
}

TEST(MissionTime, AmsterdamOnTheDstSwitchDays) {
  const auto& ref = Baseline();
  const Mission* hague = ref.FindMission("KBRI-THE-HAGUE");
  ASSERT_NE(hague, nullptr);
  ASSERT_EQ(hague->timezone, "Europe/Amsterdam");
  // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST at 01:00 UTC.
  const int64_t change = 1774746000;  // 2026-03-29T01:00:00Z
  auto before = LocalTimeOf(*hague, change - 1);
  auto after = LocalTimeOf(*hague, change);
  EXPECT_EQ(before.hour, 2 - 1);
  EXPECT_EQ(before.minute, 59);
  EXPECT_EQ(after.hour, 3);
  EXPECT_EQ(after.minute, 0);
  EXPECT_EQ(after.weekday, 7u);
  EXPECT_FALSE(after.working_day);
  // Midnight of the switch day is still CET (UTC+1); of the day after, CEST (UTC+2).
  EXPECT_EQ(LocalMidnight(*Date::Parse("2026-03-29"), "Europe/Amsterdam"), 1774738800);
  EXPECT_EQ(LocalMidnight(*Date::Parse("2026-03-30"), "Europe/Amsterdam"), 1774821600);
  // 2026-10-25, back to CET: that day lasts 25 hours.
  auto m25 = *LocalMidnight(*Date::Parse("2026-10-25"), "Europe/Amsterdam");
  auto m26 = *LocalMidnight(*Date::Parse("2026-10-26"), "Europe/Amsterdam");
  EXPECT_EQ(m26 - m25, 25 * kHour);
}

TEST(MissionTime, TimeZonesAreCheckedAgainstTheTzDatabase) {
  EXPECT_TRUE(ValidTimeZone("Asia/Riyadh"));
  EXPECT_TRUE(ValidTimeZone("Europe/Amsterdam"));
  EXPECT_TRUE(ValidTimeZone("UTC"));
  EXPECT_FALSE(ValidTimeZone("Asia/Bandung"));
  EXPECT_FALSE(ValidTimeZone(""));
  EXPECT_FALSE(ValidTimeZone("../../etc/passwd"));
  EXPECT_FALSE(LocalMidnight(*Date::Parse("2026-01-01"), "Mars/Olympus").has_value());
  EXPECT_EQ(WorkingDaysMask({1, 2, 3, 4, 5}), kMonToFri);
  EXPECT_EQ(WorkingDaysMask({7, 1, 2, 3, 4}), kSunToThu);
  EXPECT_FALSE(WorkingDaysMask({}).has_value());
  EXPECT_FALSE(WorkingDaysMask({0, 8}).has_value());
  EXPECT_EQ(WorkingDaysList(kSunToThu), (std::vector<int>{1, 2, 3, 4, 7}));
}

// One server: its reference service over the shared database, its own clock.
struct Server {
  Server(store::Database& db, int64_t now) : clock(now), changes(&db), audit_store(&db),
                                             audit(&audit_store, &clock) {
    auto r = LoadAndOpen(db, kRoot);
    EXPECT_TRUE(r.ok()) << r.error().message;
    ref = std::move(r.value());
    auto s = ref->AttachChanges(&changes, [this] { return clock.NowUnix(); });
    EXPECT_TRUE(s.ok()) << s.error().message;
    admin = std::make_unique<admin::MissionAdmin>(ref.get(), &changes, &audit, &clock);
  }
  FixedClock clock;
  store::MissionChangeStore changes;
  store::AuditStore audit_store;
  audit::AuditService audit;
  std::unique_ptr<ReferenceService> ref;
  std::unique_ptr<admin::MissionAdmin> admin;
};

class MissionChangesTest : public ::testing::TestWithParam<std::string> {
 protected:
  peduli::testing::TestDatabase tdb_{GetParam()};

  int64_t Int(const std::string& sql, const store::Params& p = {}) {
    auto lease = tdb_.db().Acquire();
    auto row = (*lease)->QueryOne(sql, p);
    EXPECT_TRUE(row.ok()) << sql;
    return row.ok() ? row->Int(0) : -1;
  }
  std::string Text(const std::string& sql, const store::Params& p = {}) {
    auto lease = tdb_.db().Acquire();
    auto row = (*lease)->QueryOne(sql, p);
    EXPECT_TRUE(row.ok()) << sql;
    return row.ok() ? row->Text(0) : "";
  }
  // A citizen with a current stay, as the registry would have written it.
  int64_t AddStay(int n, const std::string& mission, const std::string& sub) {
    auto lease = tdb_.db().Acquire();
    auto id = (*lease)->QueryOne(
        "INSERT INTO citizens (registration_number, verify_code, created_at, updated_at) "
        "VALUES ($1, $2, 1, 1) RETURNING id",
        {"R" + std::to_string(n), "V" + std::to_string(n)});
    EXPECT_TRUE(id.ok());
    const int64_t cid = id->Int(0);
    EXPECT_TRUE((*lease)->Exec(
        "INSERT INTO stays (citizen_id, mission_code, country, subdivision, city, arrival_date, "
        "category, started_at) VALUES ($1, $2, 'MY', $3, 'Somewhere', '2025-01-01', 'pmi', 1)",
        {cid, mission, sub}).ok());
    EXPECT_TRUE(store::IndexCitizen(**lease, cid, "orang" + std::to_string(n), "", "", "",
                                    mission, "active").ok());
    return cid;
  }
  std::string CurrentMission(int64_t cid) {
    return Text("SELECT mission_code FROM stays WHERE citizen_id = $1 AND ended_at IS NULL", {cid});
  }
};

TEST_P(MissionChangesTest, AFutureChangeIsInvisibleUntilItsLocalMidnight) {
  Server s(tdb_.db(), kStart);
  admin::ChangeRequest req;
  req.effective_date = "2026-11-29";  // a Sunday; Riyadh is UTC+3
  req.name = "KBRI Riyadh (baru)";
  req.working_days = std::vector<int>{1, 2, 3, 4, 5};
  req.timezone = "Asia/Riyadh";  // unchanged: not part of the change
  auto id = s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "127.0.0.1", "rq1");
  ASSERT_TRUE(id.ok()) << id.error().message;

  const int64_t midnight = kStart + 45 * kHour;  // 2026-11-28T21:00:00Z = 2026-11-29 00:00 Riyadh
  s.clock.Advance(midnight - 1 - kStart);
  EXPECT_EQ(s.ref->FindMission("KBRI-RIYADH")->name, "KBRI Riyadh");
  EXPECT_EQ(s.ref->FindMission("KBRI-RIYADH")->working_days, kSunToThu);
  s.clock.Advance(1);
  EXPECT_EQ(s.ref->FindMission("KBRI-RIYADH")->name, "KBRI Riyadh (baru)");
  auto t = s.ref->LocalTime("KBRI-RIYADH", s.clock.NowUnix());
  EXPECT_EQ(t->date.ToString(), "2026-11-29");
  EXPECT_EQ(t->hour, 0);
  EXPECT_FALSE(t->working_day) << "Sunday is no longer a working day from this date";

  auto history = s.admin->History("KBRI-RIYADH");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  nlohmann::json data = nlohmann::json::parse(history->front().data);
  EXPECT_EQ(data, (nlohmann::json{{"name", "KBRI Riyadh (baru)"},
                                  {"working_days", {1, 2, 3, 4, 5}}}));
  EXPECT_EQ(history->front().created_by, 7);
  EXPECT_EQ(Int("SELECT COUNT(*) FROM audit_log WHERE action = 'mission_change_scheduled'"), 1);
}

TEST_P(MissionChangesTest, ACancelledChangeNeverApplies) {
  Server s(tdb_.db(), kStart);
  admin::ChangeRequest req;
  req.effective_date = "2026-12-01";
  req.phone = "+966 11 488 2800";
  auto id = s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "");
  ASSERT_TRUE(id.ok()) << id.error().message;
  ASSERT_TRUE(s.admin->Cancel(kAdmin, "KBRI-RIYADH", *id, "", "").ok());
  auto again = s.admin->Cancel(kAdmin, "KBRI-RIYADH", *id, "", "");
  EXPECT_EQ(again.error().code, Code::kConflict);
  EXPECT_EQ(s.admin->Cancel(kAdmin, "KJRI-JEDDAH", *id, "", "").error().code, Code::kNotFound);
  s.clock.Advance(10 * 24 * kHour);
  EXPECT_EQ(s.ref->FindMission("KBRI-RIYADH")->phone, "");
  auto history = s.admin->History("KBRI-RIYADH");
  ASSERT_EQ(history->size(), 1u);
  EXPECT_NE(history->front().cancelled_at, 0);
  EXPECT_EQ(history->front().applied_at, 0) << "a cancelled change is never applied";

  // A change in effect can no longer be cancelled.
  req.effective_date = "2026-12-07";  // the clock is now at 2026-12-07T00:00Z, 03:00 in Riyadh
  auto now_id = s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "");
  ASSERT_TRUE(now_id.ok()) << now_id.error().message;
  EXPECT_EQ(s.ref->FindMission("KBRI-RIYADH")->phone, "+966114882800");
  EXPECT_EQ(s.admin->Cancel(kAdmin, "KBRI-RIYADH", *now_id, "", "").error().code, Code::kConflict);
}

TEST_P(MissionChangesTest, ChangesAreValidated) {
  Server s(tdb_.db(), kStart);
  auto field_of = [](const Error& e) { return e.fields.empty() ? std::string() : e.fields[0].field; };
  admin::ChangeRequest req;
  req.effective_date = "2026-11-26";
  req.name = "X";
  EXPECT_EQ(field_of(s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "").error()), "effective_date");
  req.effective_date = "2026-11-30";
  req.timezone = "Asia/Bandung";
  EXPECT_EQ(field_of(s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "").error()), "timezone");
  req.timezone.reset();
  req.working_days = std::vector<int>{};
  EXPECT_EQ(field_of(s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "").error()), "working_days");
  req.working_days.reset();
  req.jurisdictions = std::vector<admin::AreaInput>{{"SA", "MY-01", ""}};
  EXPECT_EQ(field_of(s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "").error()), "jurisdictions");
  req.jurisdictions.reset();
  req.phone = "call us";
  EXPECT_EQ(field_of(s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "").error()), "phone");
  req.phone.reset();
  req.name = "KBRI Riyadh";  // what is already in effect
  EXPECT_EQ(s.admin->Schedule(kAdmin, "KBRI-RIYADH", req, "", "").error().fields[0].key,
            "err.mission.no_change");
  EXPECT_EQ(s.admin->Schedule(kAdmin, "KBRI-ATLANTIS", req, "", "").error().code, Code::kNotFound);
  EXPECT_EQ(s.admin->Schedule({8, "hq", ""}, "KBRI-RIYADH", req, "", "").error().code,
            Code::kForbidden);
  // "Today" is the mission's date: 2026-11-27 00:00Z is still the 26th in New York.
  req.name = "KJRI New York (baru)";
  req.effective_date = "2026-11-26";
  EXPECT_TRUE(s.admin->Schedule(kAdmin, "KJRI-NEW-YORK", req, "", "").ok());
}

TEST_P(MissionChangesTest, AHandoverMovesCurrentStaysOnTheDate) {
  Server s(tdb_.db(), kStart);
  const int64_t johor = AddStay(1, "KJRI-JOHOR-BAHRU", "MY-01");
  const int64_t pahang = AddStay(2, "KJRI-JOHOR-BAHRU", "MY-06");
  const int64_t placed = AddStay(3, "KJRI-JEDDAH", "MY-01");  // placed elsewhere on purpose
  ASSERT_EQ(s.ref->ResolveMission("MY", "MY-01", "").mission_code, "KJRI-JOHOR-BAHRU");

  // Johor goes to KBRI Kuala Lumpur from 2026-11-28 (00:00 in Kuala Lumpur = 16:00Z).
  admin::ChangeRequest req;
  req.effective_date = "2026-11-28";
  std::vector<admin::AreaInput> areas;
  for (const auto& j : s.ref->Jurisdictions()) {
    if (j.mission_code == "KBRI-KUALA-LUMPUR") areas.push_back({j.country, j.subdivision, j.city});
  }
  areas.push_back({"MY", "MY-01", ""});
  req.jurisdictions = areas;
  auto id = s.admin->Schedule(kAdmin, "KBRI-KUALA-LUMPUR", req, "", "");
  ASSERT_TRUE(id.ok()) << id.error().message;

  // Another server sharing the database sees the change within its poll interval.
  Server other(tdb_.db(), kStart);
  other.clock.Advance(16 * kHour - 1);
  EXPECT_EQ(other.ref->ResolveMission("MY", "MY-01", "").mission_code, "KJRI-JOHOR-BAHRU");

  s.clock.Advance(16 * kHour - 1);
  EXPECT_EQ(s.ref->ResolveMission("MY", "MY-01", "").mission_code, "KJRI-JOHOR-BAHRU");
  EXPECT_EQ(CurrentMission(johor), "KJRI-JOHOR-BAHRU");
  s.clock.Advance(1);
  // A new Lapor Diri in Johor now goes to Kuala Lumpur, and the current stay moved with it.
  EXPECT_EQ(s.ref->ResolveMission("MY", "MY-01", "Johor Bahru").mission_code, "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(CurrentMission(johor), "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(Text("SELECT end_reason FROM stays WHERE citizen_id = $1 AND ended_at IS NOT NULL",
                 {johor}), "jurisdiction");
  EXPECT_EQ(Text("SELECT mission_code FROM stays WHERE citizen_id = $1 AND ended_at IS NOT NULL",
                 {johor}), "KJRI-JOHOR-BAHRU") << "the old mission keeps the history";
  EXPECT_EQ(Text("SELECT mission_code FROM citizen_search WHERE citizen_id = $1", {johor}),
            "KBRI-KUALA-LUMPUR");
  {
    // The new mission's officers find the record by name; the old mission's no longer do.
    store::SearchStore search(&tdb_.db());
    auto found = search.Search({"KBRI-KUALA-LUMPUR", store::SearchQuery::kName, "orang1"});
    ASSERT_TRUE(found.ok()) << found.error().message;
    ASSERT_EQ(found->hits.size(), 1u);
    EXPECT_EQ(found->hits[0].citizen_id, johor);
    auto old_mission = search.Search({"KJRI-JOHOR-BAHRU", store::SearchQuery::kName, "orang1"});
    ASSERT_TRUE(old_mission.ok());
    EXPECT_TRUE(old_mission->hits.empty());
  }
  EXPECT_EQ(CurrentMission(pahang), "KJRI-JOHOR-BAHRU");
  EXPECT_EQ(CurrentMission(placed), "KJRI-JEDDAH");
  EXPECT_EQ(Int("SELECT moved_stays FROM mission_changes WHERE id = $1", {*id}), 1);

  // The other server reaches the date too: it does not move anything twice.
  other.clock.Advance(1);
  EXPECT_EQ(other.ref->ResolveMission("MY", "MY-01", "").mission_code, "KBRI-KUALA-LUMPUR");
  EXPECT_TRUE(other.ref->Reload().ok());
  EXPECT_EQ(Int("SELECT COUNT(*) FROM stays WHERE citizen_id = $1", {johor}), 2);
}

TEST_P(MissionChangesTest, AnotherServersChangeIsSeenAfterAPoll) {
  Server a(tdb_.db(), kStart);
  Server b(tdb_.db(), kStart);
  EXPECT_EQ(b.ref->FindMission("KJRI-JEDDAH")->address, "");
  admin::ChangeRequest req;
  req.effective_date = "2026-11-27";  // today: at once
  req.address = "Jl. Al-Muhammadiyah, Jeddah";
  ASSERT_TRUE(a.admin->Schedule(kAdmin, "KJRI-JEDDAH", req, "", "").ok());
  EXPECT_EQ(a.ref->FindMission("KJRI-JEDDAH")->address, "Jl. Al-Muhammadiyah, Jeddah");
  EXPECT_EQ(b.ref->FindMission("KJRI-JEDDAH")->address, "") << "not polled yet";
  b.clock.Advance(5);
  EXPECT_EQ(b.ref->FindMission("KJRI-JEDDAH")->address, "Jl. Al-Muhammadiyah, Jeddah");
}

TEST_P(MissionChangesTest, ANewMissionOpensAndAClosedOneHandsOverItsArea) {
  Server s(tdb_.db(), kStart);
  const int64_t sabah = AddStay(1, "KJRI-KOTA-KINABALU", "MY-15");
  admin::ChangeRequest open;
  open.kind = kChangeCreate;
  open.effective_date = "2026-12-01";
  open.type = "KJRI";
  open.country = "MY";
  open.city = "Miri";
  open.name = "KJRI Miri";
  open.timezone = "Asia/Kuching";
  open.working_days = std::vector<int>{1, 2, 3, 4, 5};
  open.jurisdictions = std::vector<admin::AreaInput>{{"MY", "MY-15", ""}};
  ASSERT_TRUE(s.admin->Schedule(kAdmin, "KJRI-MIRI", open, "", "").ok());
  EXPECT_EQ(s.admin->Schedule(kAdmin, "KJRI-MIRI", open, "", "").error().fields[0].field, "code");
  EXPECT_EQ(s.ref->FindMission("KJRI-MIRI"), nullptr);

  admin::ChangeRequest close;
  close.kind = kChangeClose;
  close.effective_date = "2026-12-05";
  close.successor = "KBRI-KUALA-LUMPUR";
  ASSERT_TRUE(s.admin->Schedule(kAdmin, "KJRI-MIRI", close, "", "").error().code == Code::kNotFound)
      << "a mission not yet open cannot be closed";

  s.clock.Advance(5 * 24 * kHour);  // 2026-12-02
  ASSERT_NE(s.ref->FindMission("KJRI-MIRI"), nullptr);
  EXPECT_EQ(s.ref->ResolveMission("MY", "MY-15", "").mission_code, "KJRI-MIRI");
  EXPECT_EQ(CurrentMission(sabah), "KJRI-MIRI");
  ASSERT_TRUE(s.admin->Schedule(kAdmin, "KJRI-MIRI", close, "", "").ok());
  s.clock.Advance(4 * 24 * kHour);  // 2026-12-06
  EXPECT_TRUE(s.ref->FindMission("KJRI-MIRI")->closed);
  EXPECT_EQ(s.ref->ResolveMission("MY", "MY-15", "").mission_code, "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(CurrentMission(sabah), "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(Int("SELECT COUNT(*) FROM stays WHERE citizen_id = $1", {sabah}), 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, MissionChangesTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::reference
