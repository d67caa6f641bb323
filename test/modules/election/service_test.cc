// Generation, immutability, re-derivation, differences and exports of voter-list versions,
// on every backend.
#include "modules/election/service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "fakes/fixed_clock.h"
#include "modules/election/export.h"
#include "store/election_store.h"
#include "support/test_db.h"

namespace peduli::election {
namespace {

using store::TextOrNull;

struct Person {
  std::string nik, name, sex = "L", birth = "1990-01-01", marital = "belum_kawin",
                                occupation = "Wiraswasta", mission = "KBRI-KUALA-LUMPUR",
                                city = "Kuala Lumpur", address = "Jalan Ampang 1",
                                category = "resident", end_date;
  bool verified = true;
};

class ElectionServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    auto lease = tdb_.db().Acquire();
    for (auto [code, city] : {std::pair{"KBRI-KUALA-LUMPUR", "Kuala Lumpur"},
                              std::pair{"KJRI-JEDDAH", "Jeddah"}}) {
      auto s = (*lease)->Exec(
          "INSERT INTO missions (code, type, name, city, country, timezone) "
          "VALUES ($1, 'KBRI', $1, $2, 'MY', 'Asia/Kuala_Lumpur')",
          {std::string(code), std::string(city)});
      ASSERT_TRUE(s.ok()) << s.error().message;
    }
    auto id = store_.CreateElection({0, "PEMILU-2029", "Pemilu 2029", "2029-02-14", "2029-01-15",
                                     "open"}, 0);
    ASSERT_TRUE(id.ok()) << id.error().message;
    election_ = *store_.FindElection("PEMILU-2029");
  }

  // A citizen with one current stay, written the way the registry stores it.
  int64_t Add(const Person& p) {
    auto lease = tdb_.db().Acquire();
    auto row = (*lease)->QueryOne(
        "INSERT INTO citizens (nik, registration_number, full_name, sex, birth_date, "
        "marital_status, occupation, verify_code, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $2, 0, 0) RETURNING id",
        {p.nik, "R-" + p.nik, p.name, p.sex, p.birth, p.marital, p.occupation});
    EXPECT_TRUE(row.ok()) << (row.ok() ? "" : row.error().message);
    const int64_t id = row->Int(0);
    AddStay(id, p);
    if (p.verified) {
      auto s = (*lease)->Exec(
          "INSERT INTO verification_results (citizen_id, system, state, updated_at) "
          "VALUES ($1, 'dukcapil', 'match', 0)",
          {id});
      EXPECT_TRUE(s.ok());
    }
    return id;
  }
  void AddStay(int64_t id, const Person& p) {
    auto lease = tdb_.db().Acquire();
    auto s = (*lease)->Exec(
        "INSERT INTO stays (citizen_id, mission_code, country, city, address, arrival_date, "
        "expected_end_date, category, started_at) VALUES ($1, $2, 'MY', $3, $4, '2026-01-01', "
        "$5, $6, 0)",
        {id, p.mission, p.city, p.address, TextOrNull(p.end_date), p.category});
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  }
  void Exec(const std::string& sql, const store::Params& params) {
    auto lease = tdb_.db().Acquire();
    auto s = (*lease)->Exec(sql, params);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  Version Generate(const std::string& ppln) {
    auto v = service_.Generate("PEMILU-2029", ppln, 7);
    EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message);
    return v.ok() ? *v : Version{};
  }
  std::string Csv(const Version& v, ExportKind kind = ExportKind::kKpu) {
    std::string out;
    auto s = WriteCsv(store_, v, kind, [&](std::string_view c) { out.append(c); });
    EXPECT_TRUE(s.ok());
    return out;
  }
  std::string Xlsx(const Version& v, ExportKind kind) {
    const std::string path = tdb_.dir() + "/list-" + std::to_string(++files_) + ".xlsx";
    auto s = WriteXlsx(store_, v, kind, path);
    EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }

  // A small PPLN: four voters by three methods and six exclusions.
  void Population() {
    Add({"3201014101900001", "Siti Aminah", "P"});
    Add({.nik = "3201014101900002", .name = "Budi Santoso", .category = "pmi"});
    Add({.nik = "3201014101900003", .name = "Ahmad Kru", .city = "Port Klang",
         .category = "crew"});
    Add({.nik = "3201014101900004", .name = "Dewi Sawit", .sex = "P", .city = "Sandakan",
         .category = "pmi"});
    Add({.nik = "3201014101900005", .name = "Anak Muda", .birth = "2012-02-15"});
    Add({.nik = "3201014101900006", .name = "Pak Tentara", .occupation = "Anggota TNI"});
    Add({.nik = "3201014101900007", .name = "Pulang Cepat", .end_date = "2029-02-13"});
    Add({.nik = "3201014101900008", .name = "Belum Dicek", .verified = false});
    Add({.nik = "3201014101900009", .name = "Tanpa Alamat", .city = "Ipoh", .address = ""});
  }

  peduli::testing::TestDatabase tdb_{GetParam()};
  store::ElectionStore store_{&tdb_.db()};
  peduli::testing::FixedClock clock_{1'800'000'000};
  ElectionService service_{&store_, &clock_};
  Election election_;
  int files_ = 0;
};

TEST_P(ElectionServiceTest, EveryCitizenIsIncludedOrExcludedWithAReason) {
  Population();
  Version v = Generate("KBRI-KUALA-LUMPUR");
  EXPECT_EQ(v.number, 1);
  EXPECT_EQ(v.snapshot_at, 1'800'000'000);
  EXPECT_EQ(v.potential, 9);
  EXPECT_EQ(v.included, 4);
  EXPECT_EQ(v.verified, 8);
  EXPECT_EQ(v.postal, 2);        // the crew member and the Sandakan worker
  EXPECT_EQ(v.postal_checked, 0);
  EXPECT_EQ(v.problems, 2);      // their addresses were never checked
  std::map<std::string, std::string> reason;
  auto entries = store_.EntriesByCitizen(v.id, 0, 100);
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) {
    reason[e.facts.full_name] = e.decision.included ? "in:" + e.decision.method
                                                    : e.decision.reason;
  }
  EXPECT_EQ(reason["Siti Aminah"], "in:TPSLN");
  EXPECT_EQ(reason["Ahmad Kru"], "in:POS");
  EXPECT_EQ(reason["Anak Muda"], kUnderAge);
  EXPECT_EQ(reason["Pak Tentara"], kArmedForces);
  EXPECT_EQ(reason["Pulang Cepat"], kStayEnds);
  EXPECT_EQ(reason["Belum Dicek"], kUnverifiedNik);
  EXPECT_EQ(reason["Tanpa Alamat"], kPostalNoAddress);
}

TEST_P(ElectionServiceTest, OfficerFactsChangeTheNextVersionOnly) {
  const int64_t soldier = Add({.nik = "3201014101900011", .name = "A"});
  const int64_t sailor = Add({.nik = "3201014101900012", .name = "B", .category = "crew"});
  Version v1 = Generate("KBRI-KUALA-LUMPUR");
  ASSERT_TRUE(store_.Revoke(soldier, "PN-JKT 12/2028", 7, 0).ok());
  ASSERT_TRUE(store_.CheckPostalAddress(sailor, 7, 0).ok());
  ASSERT_TRUE(store_.SetMethodOverride(election_.id, sailor, kKsk, 7, 0).ok());
  Version v2 = Generate("KBRI-KUALA-LUMPUR");
  EXPECT_EQ(v1.included, 2);
  EXPECT_EQ(v2.included, 1);
  EXPECT_EQ((*store_.EntryOf(v2.id, soldier))->decision.reason, kRevoked);
  EXPECT_EQ((*store_.EntryOf(v2.id, sailor))->decision.method, kKsk);
  EXPECT_EQ((*store_.EntryOf(v1.id, sailor))->decision.method, kPos);
  EXPECT_EQ(store_.CheckPostalAddress(999999, 7, 0).error().code, Code::kNotFound);
}

TEST_P(ElectionServiceTest, RegeneratingUnchangedDataGivesByteIdenticalExports) {
  Population();
  Version v1 = Generate("KBRI-KUALA-LUMPUR");
  const std::string csv = Csv(v1), printed = Csv(v1, ExportKind::kPrinted);
  const std::string xlsx = Xlsx(v1, ExportKind::kKpu);
  Version v2 = Generate("KBRI-KUALA-LUMPUR");
  ASSERT_EQ(v2.number, 2);
  EXPECT_EQ(Csv(v2), csv);
  EXPECT_EQ(Csv(v2, ExportKind::kPrinted), printed);
  // The same version exported twice: the same workbook, byte for byte.
  EXPECT_EQ(Xlsx(v1, ExportKind::kKpu), xlsx);
  EXPECT_GT(xlsx.size(), 1000u);
  EXPECT_EQ(xlsx.substr(0, 2), "PK");
}

TEST_P(ElectionServiceTest, AVersionNeverChangesAndReDerivesFromItsSnapshot) {
  Population();
  Version v1 = Generate("KBRI-KUALA-LUMPUR");
  const std::string csv = Csv(v1);
  // The registry moves on: a rename, a marriage, a new citizen, a verdict withdrawn.
  Exec("UPDATE citizens SET full_name = 'Siti Aminah Binti X' WHERE nik = $1",
       {std::string("3201014101900001")});
  Exec("UPDATE citizens SET marital_status = 'kawin' WHERE nik = $1",
       {std::string("3201014101900005")});
  Exec("DELETE FROM verification_results WHERE citizen_id = "
       "(SELECT id FROM citizens WHERE nik = $1)", {std::string("3201014101900002")});
  Add({.nik = "3201014101900010", .name = "Orang Baru"});
  auto again = store_.FindVersion(election_.id, "KBRI-KUALA-LUMPUR", 1);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(Csv(*again), csv);
  auto differ = service_.Rederive(*again, election_);
  ASSERT_TRUE(differ.ok()) << differ.error().message;
  EXPECT_EQ(*differ, 0);
  Version v2 = Generate("KBRI-KUALA-LUMPUR");
  EXPECT_NE(Csv(v2), csv);
  EXPECT_NE(Csv(v2).find("Siti Aminah Binti X"), std::string::npos);
  // A tampered entry is found.
  Exec("UPDATE voter_list_entries SET method = 'KSK' WHERE version_id = $1 AND included = 1 "
       "AND method = 'TPSLN'", {v1.id});
  EXPECT_GT(*service_.Rederive(v1, election_), 0);
}

TEST_P(ElectionServiceTest, AMoveIsRemovedFromOnePplnAndAddedToTheOther) {
  const int64_t mover = Add({.nik = "3201014101900021", .name = "Pindah"});
  Add({.nik = "3201014101900022", .name = "Tetap"});
  Version kl1 = Generate("KBRI-KUALA-LUMPUR");
  Version jed1 = Generate("KJRI-JEDDAH");
  EXPECT_EQ(jed1.potential, 0);
  Exec("UPDATE stays SET ended_at = 1, end_reason = 'moved' WHERE citizen_id = $1", {mover});
  AddStay(mover, {.mission = "KJRI-JEDDAH", .city = "Jeddah", .address = "Jl. Madinah"});
  Version kl2 = Generate("KBRI-KUALA-LUMPUR");
  Version jed2 = Generate("KJRI-JEDDAH");

  auto out = service_.Diff(kl1, kl2);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].kind, DiffRow::Kind::kRemoved);
  EXPECT_EQ((*out)[0].citizen_id, mover);
  EXPECT_EQ((*out)[0].reason, kLeftPpln);
  auto in = service_.Diff(jed1, jed2);
  ASSERT_TRUE(in.ok());
  ASSERT_EQ(in->size(), 1u);
  EXPECT_EQ((*in)[0].kind, DiffRow::Kind::kAdded);
  EXPECT_EQ((*in)[0].citizen_id, mover);
  EXPECT_EQ((*in)[0].new_unit, "TPSLN-001");
}

TEST_P(ElectionServiceTest, DiffGivesTheReasonOfARemovalAndMethodChanges) {
  const int64_t a = Add({.nik = "3201014101900031", .name = "A"});
  const int64_t b = Add({.nik = "3201014101900032", .name = "B"});
  Version v1 = Generate("KBRI-KUALA-LUMPUR");
  ASSERT_TRUE(store_.Revoke(a, "PN 1/2028", 7, 0).ok());
  ASSERT_TRUE(store_.SetMethodOverride(election_.id, b, kKsk, 7, 0).ok());
  Version v2 = Generate("KBRI-KUALA-LUMPUR");
  auto d = service_.Diff(v1, v2);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[0].kind, DiffRow::Kind::kRemoved);
  EXPECT_EQ((*d)[0].reason, kRevoked);
  EXPECT_EQ((*d)[1].kind, DiffRow::Kind::kChanged);
  EXPECT_EQ((*d)[1].old_unit, "TPSLN-001");
  EXPECT_EQ((*d)[1].new_unit, "KSK-001");
  // From nothing: everyone on the list is added.
  EXPECT_EQ(service_.Diff(std::nullopt, v1)->size(), 2u);
}

TEST_P(ElectionServiceTest, PrintedListMasksTheNikAndCellsCannotBeFormulas) {
  Add({"3201014101900041", "=HYPERLINK(\"http://x\")"});
  Version v = Generate("KBRI-KUALA-LUMPUR");
  const std::string kpu = Csv(v), printed = Csv(v, ExportKind::kPrinted);
  EXPECT_NE(kpu.find("3201014101900041"), std::string::npos);
  EXPECT_EQ(printed.find("3201014101900041"), std::string::npos);
  EXPECT_NE(printed.find("************0041"), std::string::npos);
  EXPECT_EQ(printed.find("1990-01-01"), std::string::npos);  // no birth date in print
  EXPECT_NE(kpu.find("\"'=HYPERLINK(\"\"http://x\"\")\""), std::string::npos);
  EXPECT_EQ(kpu.substr(0, kpu.find("\r\n")),
            "ppln,unit,method,no,nik,nama,jenis_kelamin,tanggal_lahir,status_perkawinan,alamat,"
            "kota");
  EXPECT_EQ(MaskNik("3201014101900041"), "************0041");
}

TEST_P(ElectionServiceTest, UnitsHoldAtMostTheUnitSizeAndPagesCoverEveryone) {
  for (int i = 0; i < 7; ++i) {
    Add({.nik = "32010141019001" + std::to_string(10 + i), .name = "V" + std::to_string(i)});
  }
  RuleSet small;
  small.unit_size = 3;
  auto v = service_.Generate("PEMILU-2029", "KBRI-KUALA-LUMPUR", 7, small);
  ASSERT_TRUE(v.ok());
  auto units = store_.Units(v->id);
  ASSERT_TRUE(units.ok());
  ASSERT_EQ(units->size(), 3u);
  EXPECT_EQ((*units)[0].unit, "TPSLN-001");
  EXPECT_EQ((*units)[0].voters, 3);
  EXPECT_EQ((*units)[2].voters, 1);
  EXPECT_EQ(*service_.Rederive(*v, election_), 0);
  // The store walks the PPLN in pages; a page of 2 sees the same citizens as one of 2000.
  int seen = 0;
  auto paged = store_.Generate(election_, "KBRI-KUALA-LUMPUR", small.ToJson().dump(), 0, 0,
                               [&](const VoterFacts& f) {
                                 ++seen;
                                 return Entry{f, {false, kUnverifiedNik, ""}, "", 0, false};
                               }, 2);
  ASSERT_TRUE(paged.ok());
  EXPECT_EQ(seen, 7);
  EXPECT_EQ(paged->potential, 7);
}

TEST_P(ElectionServiceTest, CsvPagesCrossUnitsAndOldEntriesExportTheSame) {
  for (int i = 0; i < 7; ++i) {
    Add({.nik = "32010141019002" + std::to_string(10 + i), .name = "W, \"" + std::to_string(i)});
  }
  RuleSet small;
  small.unit_size = 3;
  auto v = service_.Generate("PEMILU-2029", "KBRI-KUALA-LUMPUR", 7, small);
  ASSERT_TRUE(v.ok());
  const std::string whole = Csv(*v);
  // Pages of 2 voters: the keyset continues inside a unit and across units (3 per unit).
  CsvPages pages(&store_, *v, ExportKind::kKpu, true, 2);
  std::string paged;
  int pieces = 0;
  for (;;) {
    auto piece = pages.Next();
    ASSERT_TRUE(piece.ok());
    if (!piece->has_value()) break;
    paged += **piece;
    ++pieces;
  }
  EXPECT_EQ(paged, whole);
  EXPECT_EQ(pieces, 4);  // 2 + 2 + 2 + 1 voters
  EXPECT_EQ(std::count(whole.begin(), whole.end(), '\n'), 8);  // header + 7
  // Entries written before the exported columns existed (0014) are exported from their
  // facts, byte for byte the same.
  Exec("UPDATE voter_list_entries SET nik = NULL, full_name = NULL, birth_date = NULL, "
       "marital_status = NULL, address = NULL, city = NULL WHERE version_id = $1",
       {v->id});
  EXPECT_EQ(Csv(*v), whole);
}

TEST_P(ElectionServiceTest, UnknownElectionIsNotFound) {
  EXPECT_EQ(service_.Generate("NOPE", "KBRI-KUALA-LUMPUR", 7).error().code, Code::kNotFound);
}

INSTANTIATE_TEST_SUITE_P(Backends, ElectionServiceTest,
                         ::testing::ValuesIn(peduli::testing::Backends()));

}  // namespace
}  // namespace peduli::election
