// The first send of an area of countries and subdivisions (issue 9, performance): the
// database selects, places and scores the audience (CrisisStore::SendByCodes). It must write
// exactly the crisis_people and outbox rows the audience pass in the server writes
// (AudienceBuilder, still used for circles and polygons), on both backends. Each crisis is
// sent twice: once by code, and once with a one-metre circle in the Southern Ocean added to
// the same area, which takes the server-side pass and adds nobody.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "modules/crisis/fixture.h"

namespace peduli::crisis {
namespace {

using Person = std::tuple<int64_t, int64_t, std::string, std::string, std::string, std::string,
                          int64_t>;  // citizen, stay, mission, category, subdivision, placed_by, vulnerability
using Message = std::tuple<std::string, std::string, std::string, std::string>;  // channel, to, locale, citizen

constexpr const char* kOceanCircle = R"({"lat": -60, "lon": -30, "radius_km": 0.001})";

class CrisisBulkSendTest : public CrisisServiceTest {
 protected:
  void SetUp() override {
    CrisisServiceTest::SetUp();
    if (HasFatalFailure()) return;
    places_.Add("MY", "MY-08", "Ipoh", {4.5975, 101.0901});
    Populate();
  }

  // 120 people cycling through every input of placement and vulnerability: subdivision or
  // none, a known city (also spelt in other case), an unknown one or none, a shared position,
  // phone or not, each category and sector, birth dates on each side of 18 and 60 years on
  // the clock's day (2026-11-27), passports expired the day before or on the day, accounts
  // verified, unverified, deleted or none, citizens who returned, stays that ended, and
  // people in another country.
  void Populate() {
    auto lease = tdb_->db().Acquire();
    store::Connection& c = **lease;
    const std::vector<std::string> subs = {"MY-12", "MY-10", "", "MY-08", "MY-12"};
    const std::vector<std::string> cities = {"Kota Kinabalu", "SHAH ALAM", "Kampung Entah", "",
                                             "Ipoh", "kota kinabalu"};
    const std::vector<std::string> births = {"2008-11-27", "2008-11-28", "1966-11-27",
                                             "1966-11-28", "",           "1990-05-05", "2020-02-29"};
    const std::vector<std::string> expiries = {"2026-11-26", "2026-11-27", "", "2030-01-01"};
    const std::vector<std::string> cats = {"pmi", "student", "crew", "resident", "pmi", "family"};
    for (int64_t i = 1; i <= 120; ++i) {
      const size_t u = static_cast<size_t>(i);
      store::Value account_id;
      const int account = static_cast<int>(i % 4);  // 0 none, 1 verified, 2 unverified, 3 deleted
      if (account) {
        ASSERT_TRUE(c.Exec("INSERT INTO accounts (id, email, name, password_hash, locale, "
                           "created_at, email_verified_at, deleted_at) VALUES ($1, $2, 'X', 'x', "
                           "$3, 0, $4, $5)",
                           {i, "p" + std::to_string(i) + "@example.test",
                            std::string(i % 5 == 0 ? "en" : "id"),
                            account == 2 ? store::Value() : store::Value(int64_t{0}),
                            account == 3 ? store::Value(int64_t{5}) : store::Value()})
                        .ok());
        account_id = i;
      }
      ASSERT_TRUE(c.Exec("INSERT INTO citizens (id, account_id, registration_number, birth_date, "
                         "passport_expiry_date, verify_code, status, created_at, updated_at) "
                         "VALUES ($1, $2, $3, $4, $5, $3, $6, 0, 0)",
                         {i, account_id, "R" + std::to_string(i),
                          store::TextOrNull(births[u % births.size()]),
                          store::TextOrNull(expiries[u % expiries.size()]),
                          std::string(i % 17 == 0 ? "returned" : "active")})
                      .ok());
      const std::string sub = subs[u % subs.size()];
      const std::string country = i % 13 == 0 ? "SG" : "MY";
      const std::string mission = sub == "MY-12" ? "KJRI-KOTA-KINABALU" : "KBRI-KUALA-LUMPUR";
      const std::string sector = i % 3 == 0 ? "informal" : "formal";
      auto stay = [&](const store::Value& ended) {
        return c.Exec("INSERT INTO stays (citizen_id, mission_code, country, subdivision, city, "
                      "phone, arrival_date, category, details, started_at, ended_at) VALUES ($1, "
                      "$2, $3, $4, $5, $6, '2024-01-01', $7, $8, 0, $9)",
                      {i, country == "SG" ? std::string("KBRI-SINGAPORE") : mission, country,
                       country == "SG" ? store::Value() : store::TextOrNull(sub),
                       store::TextOrNull(cities[u % cities.size()]),
                       store::TextOrNull(i % 7 < 4 ? "+6012" + std::to_string(i) : ""),
                       cats[u % cats.size()], std::string(R"({"sector":")") + sector + "\"}",
                       ended});
      };
      if (i % 11 == 0) {
        ASSERT_TRUE(stay(int64_t{1}).ok());  // an earlier stay, ended
        if (i % 22 == 0) continue;           // and no current one
      }
      ASSERT_TRUE(stay(store::Value()).ok());
      if (i % 9 == 0) {
        ASSERT_TRUE(store_->SharePosition(i, 2.5, 112.5, 0).ok());
      }
    }
  }

  CrisisInput Input(const std::string& area) {
    CrisisInput in;
    in.level = "danger";
    in.title_id = "Banjir";
    in.title_en = "Floods";
    in.text_id = "Hindari daerah rendah.";
    in.text_en = "Avoid low-lying areas.";
    in.area = area;
    in.safety_check = true;
    return in;
  }

  std::vector<Person> People(int64_t crisis) {
    auto lease = tdb_->db().Acquire();
    auto rows = (*lease)->Query(
        "SELECT citizen_id, stay_id, mission_code, category, subdivision, placed_by, vulnerability "
        "FROM crisis_people WHERE crisis_id = $1 ORDER BY vulnerability DESC, citizen_id",
        {crisis});
    EXPECT_TRUE(rows.ok());
    std::vector<Person> out;
    for (const auto& r : *rows) {
      out.emplace_back(r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6));
    }
    return out;
  }

  std::multiset<Message> Messages(int64_t crisis) {
    auto lease = tdb_->db().Acquire();
    auto rows = (*lease)->Query(
        "SELECT channel, recipient, locale, dedup_key, kind, state FROM outbox WHERE ref = $1",
        {"crisis:" + std::to_string(crisis)});
    EXPECT_TRUE(rows.ok());
    std::multiset<Message> out;
    for (const auto& r : *rows) {
      EXPECT_EQ(r.Text(4), "crisis_alert");
      EXPECT_EQ(r.Text(5), "queued");
      const std::string key = r.Text(3);  // crisis-alert:<alert>:<channel>:<citizen>
      out.emplace(r.Text(0), r.Text(1), r.Text(2), key.substr(key.rfind(':') + 1));
    }
    return out;
  }

  // Sends `area` by code and with the ocean circle added; both must write the same rows.
  std::vector<Person> SendBoth(const Context& who, const std::string& codes,
                               const std::vector<std::string>& categories) {
    const std::string with_circle =
        codes.substr(0, codes.rfind('}')) + R"(, "circles": [)" + kOceanCircle + "]}";
    std::vector<int64_t> ids;
    for (const auto& area : {codes, with_circle}) {
      auto in = Input(area);
      in.categories = categories;
      auto id = service_->Create(who, in);
      EXPECT_TRUE(id.ok()) << id.error().message;
      auto sent = service_->Send(who, *id);
      EXPECT_TRUE(sent.ok()) << sent.error().message;
      EXPECT_TRUE(sent->first);
      ids.push_back(*id);
    }
    auto by_code = People(ids[0]);
    EXPECT_EQ(by_code, People(ids[1]));
    EXPECT_EQ(Messages(ids[0]), Messages(ids[1]));
    // One row per person and channel.
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& m : Messages(ids[0])) {
      EXPECT_TRUE(seen.emplace(std::get<0>(m), std::get<3>(m)).second);
    }
    // Nothing left behind by the send.
    auto lease = tdb_->db().Acquire();
    EXPECT_EQ((*lease)->QueryOne("SELECT COUNT(*) FROM crisis_place_keys")->Int(0), 0);
    return by_code;
  }

  Context Hq() { return {{900, "hq", ""}, "127.0.0.1", "req-1"}; }
};

TEST_P(CrisisBulkSendTest, CountrySendWritesTheSameRowsAsTheServerPass) {
  auto people = SendBoth(Hq(), R"({"countries": ["MY"]})", {});
  ASSERT_GT(people.size(), 60u);
  std::map<std::string, int> placed;
  std::set<int64_t> scores;
  for (const auto& p : people) {
    ++placed[std::get<5>(p)];
    scores.insert(std::get<6>(p));
  }
  // Every placement and many scores occur, so the comparison covers them.
  EXPECT_GT(placed["position"], 0);
  EXPECT_GT(placed["city"], 0);
  EXPECT_GT(placed["subdivision"], 0);
  EXPECT_GT(placed["country"], 0);
  EXPECT_GE(scores.size(), 8u);
  EXPECT_TRUE(scores.count(8 + 4 + 2 + 1) || scores.count(8 + 4 + 2) || scores.count(8 + 4 + 1));
}

TEST_P(CrisisBulkSendTest, SubdivisionsAndCategories) {
  auto people = SendBoth(Hq(), R"({"countries": [], "subdivisions": ["MY-12", "MY-08"]})",
                         {"pmi", "student"});
  ASSERT_FALSE(people.empty());
  for (const auto& p : people) {
    EXPECT_TRUE(std::get<3>(p) == "pmi" || std::get<3>(p) == "student");
    EXPECT_TRUE(std::get<4>(p) == "MY-12" || std::get<4>(p) == "MY-08");
  }
}

TEST_P(CrisisBulkSendTest, MissionSupervisorAndOverlappingParts) {
  // A mission's crisis reaches only its own stays; a subdivision inside a country also named
  // adds nobody twice.
  const Context sup{{7, "supervisor", "KJRI-KOTA-KINABALU"}, "127.0.0.1", "req-2"};
  auto people = SendBoth(sup, R"({"subdivisions": ["MY-12"]})", {});
  ASSERT_FALSE(people.empty());
  for (const auto& p : people) EXPECT_EQ(std::get<2>(p), "KJRI-KOTA-KINABALU");
  auto all = SendBoth(Hq(), R"({"countries": ["MY"], "subdivisions": ["MY-12"]})", {});
  EXPECT_GT(all.size(), people.size());
}

INSTANTIATE_TEST_SUITE_P(Backends, CrisisBulkSendTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::crisis
