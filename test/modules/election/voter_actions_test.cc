// The voter list's actions on every backend: officers' revocations, address checks and
// overrides, the citizen's method request and its precedence, postal-ballot tracking; each
// reflected in the next generated version and audited with its write.
#include "modules/election/voter_actions.h"

#include <gtest/gtest.h>

#include "fakes/fixed_clock.h"
#include "modules/election/service.h"
#include "store/audit_store.h"
#include "store/election_store.h"
#include "store/voter_store.h"
#include "support/test_db.h"

namespace peduli::election {
namespace {

TEST(MayRequestMethod, UpToAndIncludingTheCutoffDay) {
  Election e{1, "E", "E", "2029-02-14", "2029-01-15", "open"};
  EXPECT_TRUE(MayRequestMethod(e, *Date::Parse("2029-01-14")).ok());
  EXPECT_TRUE(MayRequestMethod(e, *Date::Parse("2029-01-15")).ok());
  auto late = MayRequestMethod(e, *Date::Parse("2029-01-16"));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, Code::kConflict);
  EXPECT_EQ(late.error().message, "voter.switch.closed");
  e.status = "closed";
  EXPECT_FALSE(MayRequestMethod(e, *Date::Parse("2029-01-01")).ok());
}

TEST(BallotStateBefore, OnlyInOrder) {
  EXPECT_STREQ(BallotStateBefore("sent"), "");
  EXPECT_STREQ(BallotStateBefore("received"), "sent");
  EXPECT_STREQ(BallotStateBefore("counted"), "received");
  EXPECT_EQ(BallotStateBefore("lost"), nullptr);
}

class VoterActionsTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    Exec("INSERT INTO missions (code, type, name, city, country, timezone) VALUES "
         "('KBRI-KUALA-LUMPUR', 'KBRI', 'KBRI Kuala Lumpur', 'Kuala Lumpur', 'MY', "
         "'Asia/Kuala_Lumpur')", {});
    ASSERT_TRUE(elections_.CreateElection({0, "PEMILU-2029", "Pemilu 2029", "2029-02-14",
                                           "2029-01-15", "open"}, 0).ok());
    election_ = *elections_.FindElection("PEMILU-2029");
  }
  void Exec(const std::string& sql, const store::Params& p) {
    auto lease = tdb_.db().Acquire();
    auto s = (*lease)->Exec(sql, p);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  int64_t Count(const std::string& sql, const store::Params& p = {}) {
    auto lease = tdb_.db().Acquire();
    auto r = (*lease)->QueryOne(sql, p);
    EXPECT_TRUE(r.ok());
    return r.ok() ? r->Int(0) : -1;
  }
  // A verified voter of Kuala Lumpur living in `city`, at `address`.
  int64_t Add(const std::string& nik, const std::string& city, const std::string& address) {
    auto lease = tdb_.db().Acquire();
    auto row = (*lease)->QueryOne(
        "INSERT INTO citizens (nik, registration_number, full_name, sex, birth_date, "
        "marital_status, occupation, verify_code, created_at, updated_at) "
        "VALUES ($1, $2, $3, 'L', '1990-01-01', 'kawin', 'Wiraswasta', $2, 0, 0) RETURNING id",
        {nik, "R-" + nik, "Warga " + nik.substr(12)});
    EXPECT_TRUE(row.ok());
    const int64_t id = row->Int(0);
    EXPECT_TRUE((*lease)->Exec(
        "INSERT INTO stays (citizen_id, mission_code, country, city, address, arrival_date, "
        "category, started_at) VALUES ($1, 'KBRI-KUALA-LUMPUR', 'MY', $2, $3, '2026-01-01', "
        "'resident', 0)", {id, city, address}).ok());
    EXPECT_TRUE((*lease)->Exec(
        "INSERT INTO verification_results (citizen_id, system, state, updated_at) "
        "VALUES ($1, 'dukcapil', 'match', 0)", {id}).ok());
    return id;
  }
  Entry EntryIn(const Version& v, int64_t citizen) {
    auto e = elections_.EntryOf(v.id, citizen);
    EXPECT_TRUE(e.ok() && e->has_value());
    return e.ok() && *e ? **e : Entry{};
  }
  Version Generate() {
    auto v = service_.Generate("PEMILU-2029", "KBRI-KUALA-LUMPUR", 7);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return v.ok() ? *v : Version{};
  }

  peduli::testing::TestDatabase tdb_{GetParam()};
  peduli::testing::FixedClock clock_{1'800'000'000};
  store::ElectionStore elections_{&tdb_.db()};
  store::VoterStore voters_{&tdb_.db()};
  store::AuditStore audit_store_{&tdb_.db()};
  audit::AuditService audit_{&audit_store_, &clock_};
  ElectionService service_{&elections_, &clock_};
  VoterActions actions_{&voters_, &elections_, &audit_, &clock_};
  policy::Actor officer_{11, "officer", "KBRI-KUALA-LUMPUR"};
  policy::Actor liaison_{12, "election", "KBRI-KUALA-LUMPUR"};
  policy::Actor citizen_{13, "citizen", ""};
  ActionOrigin origin_{"election", "127.0.0.1", "req-1"};
  Election election_;
};

TEST_P(VoterActionsTest, RevocationExcludesUntilLiftedAndBothAreAudited) {
  const int64_t id = Add("3201010101900001", "Kuala Lumpur", "Jalan Ampang 1");
  auto missing = actions_.Revoke(officer_, id, "  ", origin_);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, Code::kInvalid);
  EXPECT_EQ(missing.error().fields.at(0).field, "reference");
  auto none = actions_.Lift(officer_, id, "PN-2/2028", origin_);
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, Code::kConflict);

  ASSERT_TRUE(actions_.Revoke(officer_, id, "123/Pid.B/2028/PN Jkt.Pst", origin_).ok());
  Entry out = EntryIn(Generate(), id);
  EXPECT_FALSE(out.decision.included);
  EXPECT_EQ(out.decision.reason, kRevoked);
  ASSERT_TRUE(actions_.Lift(officer_, id, "45/Pid/2029/PT DKI", origin_).ok());
  Entry in = EntryIn(Generate(), id);
  EXPECT_TRUE(in.decision.included);
  EXPECT_EQ(in.decision.method, kTpsln);
  auto revs = voters_.Revocations(id);
  ASSERT_TRUE(revs.ok());
  ASSERT_EQ(revs->size(), 1u);
  EXPECT_EQ((*revs)[0].lift_reference, "45/Pid/2029/PT DKI");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE citizen_id = $1 AND action IN "
                  "('voting_right_revoke', 'voting_right_lift') AND actor_role = 'officer'",
                  {id}), 2);
  EXPECT_TRUE(audit_store_.Verify()->ok);
}

TEST_P(VoterActionsTest, OfficerOverrideWinsOverTheCitizensRequestWhichWinsOverTheDefault) {
  const int64_t id = Add("3201010101900002", "Kuala Lumpur", "Jalan Ampang 2");
  EXPECT_EQ(EntryIn(Generate(), id).decision.method, kTpsln);  // the default: in the city

  // POS needs an address; a bad method is a field error.
  auto no_address = actions_.RequestMethod(citizen_, election_, id, *Date::Parse("2029-01-15"),
                                           kPos, " ", origin_);
  ASSERT_FALSE(no_address.ok());
  EXPECT_EQ(no_address.error().fields.at(0).field, "postal_address");
  EXPECT_EQ(no_address.error().fields.at(0).key, "err.election.postal_address");
  EXPECT_EQ(actions_.RequestMethod(citizen_, election_, id, *Date::Parse("2029-01-15"), "FAX",
                                   "", origin_).error().code, Code::kInvalid);
  EXPECT_EQ(actions_.RequestMethod(citizen_, election_, id, *Date::Parse("2029-01-16"), kPos,
                                   "Jalan Baru 9", origin_).error().code, Code::kConflict);

  ASSERT_TRUE(actions_.RequestMethod(citizen_, election_, id, *Date::Parse("2029-01-15"), kPos,
                                     "Jalan Baru 9, Kuala Lumpur", origin_).ok());
  Entry requested = EntryIn(Generate(), id);
  EXPECT_EQ(requested.decision.method, kPos);
  EXPECT_EQ(requested.facts.address, "Jalan Baru 9, Kuala Lumpur");
  EXPECT_EQ(requested.decision.reason, kPostalUnchecked);

  ASSERT_TRUE(actions_.Override(officer_, "PEMILU-2029", id, kKsk, origin_).ok());
  EXPECT_EQ(EntryIn(Generate(), id).decision.method, kKsk);
  ASSERT_TRUE(actions_.Override(officer_, "PEMILU-2029", id, "", origin_).ok());
  EXPECT_EQ(EntryIn(Generate(), id).decision.method, kPos);

  auto bad = actions_.Override(officer_, "NOPE", id, "FAX", origin_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().fields.size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE citizen_id = $1 AND action = "
                  "'voter_method_override'", {id}), 2);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE citizen_id = $1 AND action = "
                  "'voter_method_request' AND actor_role = 'citizen'", {id}), 1);
}

TEST_P(VoterActionsTest, AnAddressCheckHoldsUntilThePostalAddressChanges) {
  const int64_t id = Add("3201010101900003", "Ipoh", "Jalan Ipoh 3");
  EXPECT_EQ(EntryIn(Generate(), id).decision.reason, kPostalUnchecked);
  ASSERT_TRUE(actions_.CheckPostalAddress(officer_, id, origin_).ok());
  Entry checked = EntryIn(Generate(), id);
  EXPECT_TRUE(checked.decision.included);
  EXPECT_EQ(checked.decision.reason, "");
  EXPECT_GT(*voters_.PostalCheckedAt(id), 0);

  // The same address again keeps the check; a new one voids it.
  const Date day = *Date::Parse("2029-01-01");
  ASSERT_TRUE(actions_.RequestMethod(citizen_, election_, id, day, kPos, "Jalan Ipoh 3", origin_).ok());
  EXPECT_GT(*voters_.PostalCheckedAt(id), 0);
  ASSERT_TRUE(actions_.RequestMethod(citizen_, election_, id, day, kPos, "Jalan Lain 4", origin_).ok());
  EXPECT_EQ(*voters_.PostalCheckedAt(id), 0);
  EXPECT_EQ(EntryIn(Generate(), id).decision.reason, kPostalUnchecked);

  Exec("UPDATE stays SET ended_at = 1 WHERE citizen_id = $1", {id});
  EXPECT_EQ(actions_.CheckPostalAddress(officer_, id, origin_).error().code, Code::kNotFound);
}

TEST_P(VoterActionsTest, BallotsMoveSentReceivedCountedInOrder) {
  const int64_t a = Add("3201010101900004", "Ipoh", "Jalan A");
  const int64_t b = Add("3201010101900005", "Ipoh", "Jalan B");
  const int64_t c = Add("3201010101900006", "Kuala Lumpur", "Jalan C");  // TPSLN
  Version v = Generate();
  ASSERT_EQ(v.postal, 2);
  const std::string kl = "KBRI-KUALA-LUMPUR";

  EXPECT_EQ(actions_.RecordBallot(liaison_, election_, kl, c, "sent", origin_).error().code,
            Code::kNotFound);  // not a postal voter
  EXPECT_EQ(actions_.RecordBallot(liaison_, election_, kl, a, "lost", origin_).error().code,
            Code::kInvalid);
  auto early = actions_.RecordBallot(liaison_, election_, kl, a, "received", origin_);
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().message, "election.ballot.order");

  ASSERT_TRUE(actions_.RecordBallot(liaison_, election_, kl, a, "sent", origin_).ok());
  EXPECT_EQ(actions_.RecordBallot(liaison_, election_, kl, a, "sent", origin_).error().code,
            Code::kConflict);
  // The unit: only b is still without a ballot.
  EXPECT_EQ(actions_.SendUnit(liaison_, election_, kl, "TPSLN-001", origin_).error().code,
            Code::kInvalid);
  auto sent = actions_.SendUnit(liaison_, election_, kl, "POS-001", origin_);
  ASSERT_TRUE(sent.ok()) << sent.error().message;
  EXPECT_EQ(*sent, 1);
  EXPECT_EQ(*actions_.SendUnit(liaison_, election_, kl, "POS-001", origin_), 0);
  ASSERT_TRUE(actions_.RecordBallot(liaison_, election_, kl, a, "received", origin_).ok());
  ASSERT_TRUE(actions_.RecordBallot(liaison_, election_, kl, a, "counted", origin_).ok());

  auto cov = actions_.CoverageOf(election_, kl);
  ASSERT_TRUE(cov.ok());
  EXPECT_EQ(cov->ballots.sent, 2);
  EXPECT_EQ(cov->ballots.received, 1);
  EXPECT_EQ(cov->ballots.counted, 1);
  EXPECT_EQ(cov->version.postal, 2);
  auto events = voters_.BallotEvents(election_.id, a);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[2].event, "counted");
  EXPECT_EQ(*voters_.BallotState(election_.id, b), "sent");
  auto page = voters_.PostalVoters(v, "", "", 0, 1);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 1u);
  EXPECT_EQ((*page)[0].citizen_id, a);
  EXPECT_EQ((*page)[0].ballot_state, "counted");
  auto next = voters_.PostalVoters(v, "POS-001", (*page)[0].unit, (*page)[0].seq, 10);
  ASSERT_TRUE(next.ok());
  ASSERT_EQ(next->size(), 1u);
  EXPECT_EQ((*next)[0].citizen_id, b);
  // Every event audited: a's three (one failed attempt left nothing), the unit's one.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'postal_ballot_%'"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM postal_ballot_events"), 4);
}

INSTANTIATE_TEST_SUITE_P(Backends, VoterActionsTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::election
