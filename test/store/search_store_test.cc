// Contract of the citizen search index, on every backend.
#include "store/search_store.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "modules/search/names.h"
#include "modules/search/service.h"
#include "support/test_db.h"

namespace peduli::store {
namespace {

class SearchStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE(lease.ok());
    auto s = EnsureSearchSchema(**lease);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  // A citizen with one current stay, written the way the registry stores it.
  int64_t AddCitizen(const std::string& name, const std::string& nik, const std::string& mission,
                     const std::string& passport = "", const std::string& phone = "") {
    auto lease = tdb_.db().Acquire();
    auto row = (*lease)->QueryOne(
        "INSERT INTO citizens (nik, registration_number, full_name, passport_number, "
        "verify_code, created_at, updated_at) VALUES ($1, $2, $3, $4, $2, 0, 0) RETURNING id",
        {nik, "R-" + nik, name, TextOrNull(passport)});
    EXPECT_TRUE(row.ok()) << (row.ok() ? "" : row.error().message);
    const int64_t id = row->Int(0);
    auto s = (*lease)->Exec(
        "INSERT INTO stays (citizen_id, mission_code, country, phone, arrival_date, category, "
        "started_at) VALUES ($1, $2, 'MY', $3, '2026-01-01', 'pmi', 0)",
        {id, mission, TextOrNull(phone)});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    return id;
  }

  void ReindexAll() {
    auto n = Reindex(tdb_.db(), 7);  // small batches: several transactions
    ASSERT_TRUE(n.ok()) << n.error().message;
  }

  SearchPage Find(SearchQuery::Kind kind, const std::string& text, const std::string& mission,
                  int64_t after = 0, int limit = 20) {
    SearchQuery q;
    q.kind = kind;
    q.text = kind == SearchQuery::kName ? search::NameKey(text) : text;
    q.mission_code = mission;
    q.after_id = after;
    q.limit = limit;
    auto r = store_.Search(q);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : SearchPage{};
  }

  static std::set<std::string> Names(const SearchPage& p) {
    std::set<std::string> out;
    for (const auto& h : p.hits) out.insert(h.full_name);
    return out;
  }

  peduli::testing::TestDatabase tdb_{GetParam()};
  SearchStore store_{&tdb_.db()};
};

TEST_P(SearchStoreTest, ExactNikPassportAndPhone) {
  const int64_t id = AddCitizen("Budi Santoso", "3201014101900001", "KBRI-KUALA-LUMPUR",
                                "c1234567", "+60123456789");
  AddCitizen("Budi Santosa", "3201014101900002", "KBRI-KUALA-LUMPUR", "C7654321", "+60123456780");
  ReindexAll();

  auto p = Find(SearchQuery::kNik, "3201014101900001", "KBRI-KUALA-LUMPUR");
  ASSERT_EQ(p.hits.size(), 1u);
  EXPECT_EQ(p.hits[0].citizen_id, id);
  EXPECT_EQ(p.hits[0].full_name, "Budi Santoso");
  EXPECT_EQ(p.hits[0].nik_masked, "320101******0001");
  EXPECT_EQ(p.hits[0].mission_code, "KBRI-KUALA-LUMPUR");
  EXPECT_EQ(p.hits[0].status, "active");
  EXPECT_EQ(p.next_after_id, 0);

  p = Find(SearchQuery::kPassport, "C1234567", "KBRI-KUALA-LUMPUR");  // stored upper case
  ASSERT_EQ(p.hits.size(), 1u);
  EXPECT_EQ(p.hits[0].citizen_id, id);
  p = Find(SearchQuery::kPhone, "+60123456789", "");
  ASSERT_EQ(p.hits.size(), 1u);
  EXPECT_EQ(p.hits[0].citizen_id, id);
  EXPECT_TRUE(Find(SearchQuery::kNik, "3201014101900009", "").hits.empty());
}

TEST_P(SearchStoreTest, NameVariantsAndPrefixes) {
  AddCitizen("Muhammad Surya", "3201014101900001", "KBRI-KUALA-LUMPUR");
  AddCitizen("Mohamad Noor Hidayat", "3201014101900002", "KBRI-KUALA-LUMPUR");
  AddCitizen("Siti Nur'aini", "3201014101900003", "KBRI-KUALA-LUMPUR");
  AddCitizen("Đặng Văn Lâm", "3201014101900004", "KBRI-KUALA-LUMPUR");
  AddCitizen("Suryani", "3201014101900005", "KBRI-KUALA-LUMPUR");
  ReindexAll();
  const std::string m = "KBRI-KUALA-LUMPUR";

  EXPECT_EQ(Names(Find(SearchQuery::kName, "muh sur", m)),
            (std::set<std::string>{"Muhammad Surya"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "sur muh", m)),
            (std::set<std::string>{"Muhammad Surya"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "MUHAMAD", m)),
            (std::set<std::string>{"Muhammad Surya", "Mohamad Noor Hidayat"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "muhammad nur", m)),
            (std::set<std::string>{"Mohamad Noor Hidayat"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "siti nuraini", m)),
            (std::set<std::string>{"Siti Nur'aini"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "sity nur", m)),
            (std::set<std::string>{"Siti Nur'aini"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "dang", m)), (std::set<std::string>{"Đặng Văn Lâm"}));
  EXPECT_EQ(Names(Find(SearchQuery::kName, "sur", m)),
            (std::set<std::string>{"Muhammad Surya", "Suryani"}));
  EXPECT_TRUE(Find(SearchQuery::kName, "budi", m).hits.empty());
}

TEST_P(SearchStoreTest, AnotherMissionsCitizensNeverAppear) {
  const int64_t mine = AddCitizen("Muhammad Surya", "3201014101900001", "KBRI-KUALA-LUMPUR",
                                  "C1111111", "+60123456789");
  const int64_t theirs = AddCitizen("Muhammad Surya", "3201014101900002", "KBRI-SINGAPURA",
                                    "C2222222", "+6591234567");
  ReindexAll();

  auto p = Find(SearchQuery::kName, "muhammad surya", "KBRI-KUALA-LUMPUR");
  ASSERT_EQ(p.hits.size(), 1u);
  EXPECT_EQ(p.hits[0].citizen_id, mine);
  EXPECT_TRUE(Find(SearchQuery::kNik, "3201014101900002", "KBRI-KUALA-LUMPUR").hits.empty());
  EXPECT_TRUE(Find(SearchQuery::kPassport, "C2222222", "KBRI-KUALA-LUMPUR").hits.empty());
  EXPECT_TRUE(Find(SearchQuery::kPhone, "+6591234567", "KBRI-KUALA-LUMPUR").hits.empty());
  // A mission code that is a prefix of another one is not that one.
  EXPECT_TRUE(Find(SearchQuery::kName, "muhammad", "KBRI-KUALA").hits.empty());
  // HQ sees both.
  EXPECT_EQ(Find(SearchQuery::kName, "muhammad surya", "").hits.size(), 2u);

  // The citizen moves: the index follows, and the old mission loses them.
  {
    auto lease = tdb_.db().Acquire();
    auto s = IndexCitizen(**lease, theirs, search::NameKey("Muhammad Surya"), "3201014101900002",
                          "C2222222", "+60123450000", "KBRI-KUALA-LUMPUR", "active");
    ASSERT_TRUE(s.ok()) << s.error().message;
  }
  EXPECT_EQ(Find(SearchQuery::kName, "muhammad surya", "KBRI-KUALA-LUMPUR").hits.size(), 2u);
  EXPECT_TRUE(Find(SearchQuery::kName, "muhammad surya", "KBRI-SINGAPURA").hits.empty());

  // Returned home: still found, with the new status.
  {
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE(SetIndexedStatus(**lease, mine, "returned").ok());
  }
  auto back = Find(SearchQuery::kNik, "3201014101900001", "KBRI-KUALA-LUMPUR");
  ASSERT_EQ(back.hits.size(), 1u);
  EXPECT_EQ(back.hits[0].status, "returned");

  // Anonymised: gone for everyone.
  {
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE(RemoveFromIndex(**lease, mine).ok());
  }
  auto all = Find(SearchQuery::kName, "muhammad", "");
  ASSERT_EQ(all.hits.size(), 1u);
  EXPECT_EQ(all.hits[0].citizen_id, theirs);
  EXPECT_TRUE(Find(SearchQuery::kNik, "3201014101900001", "").hits.empty());
}

TEST_P(SearchStoreTest, KeysetPagesReturnEveryHitOnce) {
  std::set<int64_t> want;
  for (int i = 0; i < 23; ++i) {
    const std::string nik = "32010141019" + std::to_string(10000 + i);
    const bool mine = i % 3 != 0;
    const int64_t id = AddCitizen(i % 2 ? "Siti Aminah" : "Sity Aminah Putri", nik,
                                  mine ? "KBRI-KUALA-LUMPUR" : "KBRI-SINGAPURA");
    if (mine) want.insert(id);
  }
  AddCitizen("Budi", "3201014101999999", "KBRI-KUALA-LUMPUR");
  ReindexAll();

  std::multiset<int64_t> got;
  int64_t after = 0, last = 0;
  int pages = 0;
  do {
    auto p = Find(SearchQuery::kName, "siti amin", "KBRI-KUALA-LUMPUR", after, 4);
    ASSERT_LE(p.hits.size(), 4u);
    for (const auto& h : p.hits) {
      EXPECT_GT(h.citizen_id, last);  // ascending across pages
      last = h.citizen_id;
      got.insert(h.citizen_id);
      EXPECT_EQ(h.mission_code, "KBRI-KUALA-LUMPUR");
    }
    after = p.next_after_id;
    ASSERT_LT(++pages, 20);
  } while (after != 0);
  EXPECT_EQ(got.size(), want.size());
  EXPECT_EQ(std::set<int64_t>(got.begin(), got.end()), want);
}

TEST_P(SearchStoreTest, ReindexIsIdempotentAndSkipsAnonymised) {
  AddCitizen("Budi Santoso", "3201014101900001", "KBRI-KUALA-LUMPUR");
  const int64_t gone = AddCitizen("Budi Raharjo", "3201014101900002", "KBRI-KUALA-LUMPUR");
  {
    auto lease = tdb_.db().Acquire();
    ASSERT_TRUE((*lease)->Exec("UPDATE citizens SET full_name = NULL, nik = NULL, "
                               "status = 'deleted' WHERE id = $1", {gone}).ok());
  }
  ReindexAll();
  ReindexAll();
  EXPECT_EQ(Names(Find(SearchQuery::kName, "budi", "")), (std::set<std::string>{"Budi Santoso"}));
}

TEST_P(SearchStoreTest, ServiceNormalisesAndValidates) {
  AddCitizen("Muhammad Surya", "3201014101900001", "KBRI-KUALA-LUMPUR", "C1234567",
             "+60123456789");
  ReindexAll();
  search::SearchService svc(&store_, [](const std::string&) { return std::string("MY"); });
  search::SearchRequest r;
  r.mission_code = "KBRI-KUALA-LUMPUR";

  r.kind = SearchQuery::kName;
  r.q = "  MOH.  sur ";
  auto p = svc.Search(r);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->hits.size(), 1u);
  r.kind = SearchQuery::kNik;
  r.q = "3201 0141 0190 0001";
  ASSERT_TRUE(svc.Search(r).ok());
  EXPECT_EQ(svc.Search(r)->hits.size(), 1u);
  r.kind = SearchQuery::kPassport;
  r.q = "c 1234567";
  EXPECT_EQ(svc.Search(r)->hits.size(), 1u);
  r.kind = SearchQuery::kPhone;
  r.q = "012-345 6789";  // national form in the mission's country
  ASSERT_TRUE(svc.Search(r).ok());
  EXPECT_EQ(svc.Search(r)->hits.size(), 1u);

  for (auto [kind, q] : {std::pair{SearchQuery::kName, ""}, std::pair{SearchQuery::kName, "a"},
                         std::pair{SearchQuery::kName, " .- "}, std::pair{SearchQuery::kNik, "3201"},
                         std::pair{SearchQuery::kNik, "32010141019000x1"},
                         std::pair{SearchQuery::kPassport, "C1"},
                         std::pair{SearchQuery::kPhone, "abc"}}) {
    r.kind = kind;
    r.q = q;
    auto bad = svc.Search(r);
    ASSERT_FALSE(bad.ok()) << q;
    EXPECT_EQ(bad.error().code, Code::kInvalid);
    ASSERT_EQ(bad.error().fields.size(), 1u);
    EXPECT_EQ(bad.error().fields[0].field, "q");
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, SearchStoreTest, ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::store
