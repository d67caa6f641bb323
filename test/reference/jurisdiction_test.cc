// The jurisdiction rule and the lookups of ReferenceService, on the real reference data
// (web/node_modules and data/missions.csv) loaded through the SQLite store.
#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "modules/reference/loader.h"
#include "modules/reference/service.h"
#include "support/test_db.h"

namespace peduli::reference {
namespace {

class JurisdictionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tdb_ = new peduli::testing::TestDatabase("sqlite");
    const std::string root = PEDULI_SOURCE_DIR;
    auto s = LoadReferenceData(tdb_->db(), root + "/web", root + "/data");
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto store = store::NewReferenceStore(tdb_->db());
    auto svc = ReferenceService::Load(*store);
    ASSERT_TRUE(svc.ok()) << svc.error().message;
    svc_ = svc.value().release();
  }
  static void TearDownTestSuite() {
    delete svc_;
    delete tdb_;
    svc_ = nullptr;
    tdb_ = nullptr;
  }

  // "MISSION/note" for compact expectations.
  static std::string Resolve(const std::string& country, const std::string& subdivision = "",
                             const std::string& city = "") {
    Assignment a = svc_->ResolveMission(country, subdivision, city);
    return a.mission_code + "/" + a.note;
  }

  static peduli::testing::TestDatabase* tdb_;
  static ReferenceService* svc_;
};

peduli::testing::TestDatabase* JurisdictionTest::tdb_ = nullptr;
ReferenceService* JurisdictionTest::svc_ = nullptr;

TEST_F(JurisdictionTest, MalaysiaIsSplitByStateAndSabahByCity) {
  EXPECT_EQ(Resolve("MY", "MY-14", "Kuala Lumpur"), "KBRI-KUALA-LUMPUR/");
  EXPECT_EQ(Resolve("MY", "MY-10", "Shah Alam"), "KBRI-KUALA-LUMPUR/");
  EXPECT_EQ(Resolve("MY", "MY-01", "Johor Bahru"), "KJRI-JOHOR-BAHRU/");
  EXPECT_EQ(Resolve("MY", "MY-07", "George Town"), "KJRI-PENANG/");
  EXPECT_EQ(Resolve("MY", "MY-13", "Kuching"), "KJRI-KUCHING/");
  EXPECT_EQ(Resolve("MY", "MY-15", ""), "KJRI-KOTA-KINABALU/");  // Labuan, whole
  EXPECT_EQ(Resolve("MY", "MY-12", "Kota Kinabalu"), "KJRI-KOTA-KINABALU/");
  EXPECT_EQ(Resolve("MY", "MY-12", "Sandakan"), "KJRI-KOTA-KINABALU/");
  EXPECT_EQ(Resolve("MY", "MY-12", "Tawau"), "KRI-TAWAU/");
  EXPECT_EQ(Resolve("MY", "MY-12", "Lahad Datu"), "KRI-TAWAU/");
}

TEST_F(JurisdictionTest, SabahCityIgnoresCaseAccentsAndPunctuation) {
  EXPECT_EQ(Resolve("MY", "MY-12", "  TAWAU "), "KRI-TAWAU/");
  EXPECT_EQ(Resolve("MY", "MY-12", "lahad-datu"), "KRI-TAWAU/");
  EXPECT_EQ(Resolve("MY", "MY-12", "Sémpórna"), "KRI-TAWAU/");
  EXPECT_EQ(Resolve("my", "my-12", "kota  kinabalu"), "KJRI-KOTA-KINABALU/");
  // Kalabakan (Tawau Division) is not named by the source: marked `?`.
  EXPECT_EQ(Resolve("MY", "MY-12", "Kalabakan"), "KRI-TAWAU/uncertain");
}

TEST_F(JurisdictionTest, SabahWithoutAKnownCityFallsBackToTheKbri) {
  EXPECT_EQ(Resolve("MY", "MY-12", ""), "KBRI-KUALA-LUMPUR/default_mission");
  EXPECT_EQ(Resolve("MY", "MY-12", "Atlantis"), "KBRI-KUALA-LUMPUR/default_mission");
}

TEST_F(JurisdictionTest, SingleMissionCountry) {
  EXPECT_EQ(Resolve("KR"), "KBRI-SEOUL/");
  EXPECT_EQ(Resolve("KR", "KR-11", "Seoul"), "KBRI-SEOUL/");  // a subdivision changes nothing
  EXPECT_EQ(Resolve("SG"), "KBRI-SINGAPORE/");
  EXPECT_EQ(Resolve("TW", "", "Taipei"), "KDEI-TAIPEI/");
}

TEST_F(JurisdictionTest, ConcurrentlyAccreditedCountries) {
  EXPECT_EQ(Resolve("LT"), "KBRI-COPENHAGEN/");
  EXPECT_EQ(Resolve("NP"), "KBRI-DHAKA/");
  EXPECT_EQ(Resolve("MD"), "KBRI-BUCHAREST/");
  EXPECT_EQ(Resolve("MO"), "KJRI-HONG-KONG/");
  // KBRI Sana'a is closed: Yemen is served from Muscat.
  EXPECT_EQ(Resolve("YE", "", "Sana'a"), "KBRI-MUSCAT/");
  // S18 lists an embassy in Ashgabat; the row keeps Turkmenistan under Tehran, marked `?`.
  EXPECT_EQ(Resolve("TM"), "KBRI-TEHRAN/uncertain");
}

TEST_F(JurisdictionTest, SaudiArabia) {
  EXPECT_EQ(Resolve("SA", "SA-02", "Makkah"), "KJRI-JEDDAH/");
  EXPECT_EQ(Resolve("SA", "SA-03", "Madinah"), "KJRI-JEDDAH/");
  EXPECT_EQ(Resolve("SA", "SA-01", "Riyadh"), "KBRI-RIYADH/");
  EXPECT_EQ(Resolve("SA", "SA-04", "Dammam"), "KBRI-RIYADH/");
  EXPECT_EQ(Resolve("SA", "SA-09", "Jazan"), "KBRI-RIYADH/uncertain");
  EXPECT_EQ(Resolve("SA", "", ""), "KBRI-RIYADH/default_mission");
}

TEST_F(JurisdictionTest, UnitedStatesByState) {
  EXPECT_EQ(Resolve("US", "US-IL", "Chicago"), "KJRI-CHICAGO/");
  EXPECT_EQ(Resolve("US", "US-TX", "Houston"), "KJRI-HOUSTON/");
  EXPECT_EQ(Resolve("US", "US-NY", "New York"), "KJRI-NEW-YORK/");
  EXPECT_EQ(Resolve("US", "US-WA", "Seattle"), "KJRI-SAN-FRANCISCO/");
  EXPECT_EQ(Resolve("US", "US-AZ", "Phoenix"), "KJRI-LOS-ANGELES/");
  EXPECT_EQ(Resolve("US", "US-DC", "Washington"), "KBRI-WASHINGTON-DC/");
  EXPECT_EQ(Resolve("us", " us-il ", ""), "KJRI-CHICAGO/");
  // California is split north/south without a county list: both rows are marked `?` and
  // the first in the file (Los Angeles) is taken.
  EXPECT_EQ(Resolve("US", "US-CA", "San Jose"), "KJRI-LOS-ANGELES/uncertain");
  EXPECT_EQ(Resolve("PR", "", "San Juan"), "KJRI-HOUSTON/");
  EXPECT_EQ(Resolve("US", "", ""), "KBRI-WASHINGTON-DC/default_mission");
}

TEST_F(JurisdictionTest, NoMissionServesTheCountry) {
  EXPECT_EQ(Resolve("IL", "", "Tel Aviv"), "HQ-PWNI/hq");
  EXPECT_EQ(Resolve("SS", "", "Juba"), "HQ-PWNI/hq");
  EXPECT_EQ(Resolve("ZZ"), "HQ-PWNI/hq");
  EXPECT_EQ(Resolve(""), "HQ-PWNI/hq");
}

TEST_F(JurisdictionTest, SplitCountryWithoutSubdivisionUsesTheDefaultMission) {
  EXPECT_EQ(Resolve("AU", "", "Somewhere"), "KBRI-CANBERRA/default_mission");
  EXPECT_EQ(Resolve("CN"), "KBRI-BEIJING/default_mission");
  EXPECT_EQ(Resolve("JP", "JP-99", ""), "KBRI-TOKYO/default_mission");   // unknown code
  EXPECT_EQ(Resolve("DE", "MY-12", ""), "KBRI-BERLIN/default_mission");  // another country's
  // France lists overseas departments no row covers.
  EXPECT_EQ(Resolve("FR", "FR-971", ""), "KBRI-PARIS/default_mission");
}

TEST_F(JurisdictionTest, OtherSplitCountries) {
  EXPECT_EQ(Resolve("AU", "AU-NT", "Darwin"), "KRI-DARWIN/");
  EXPECT_EQ(Resolve("AU", "AU-WA", "Perth"), "KJRI-PERTH/");
  EXPECT_EQ(Resolve("DE", "DE-BY", "München"), "KJRI-FRANKFURT/");
  EXPECT_EQ(Resolve("CN", "CN-HK", ""), "KJRI-HONG-KONG/");
  EXPECT_EQ(Resolve("HK", "", ""), "KJRI-HONG-KONG/");
  EXPECT_EQ(Resolve("PH", "PH-00", "Manila"), "KBRI-MANILA/");           // country-state-city's NCR
  EXPECT_EQ(Resolve("PH", "PH-DAS", "Davao City"), "KJRI-DAVAO-CITY/");  // a province
  EXPECT_EQ(Resolve("PH", "PH-CEB", "Cebu City"), "KBRI-MANILA/");
  EXPECT_EQ(Resolve("FR", "FR-75C", "Paris"), "KBRI-PARIS/");
  EXPECT_EQ(Resolve("FR", "FR-13", "Marseille"), "KJRI-MARSEILLE/uncertain");
  EXPECT_EQ(Resolve("TH", "TH-90", "Hat Yai"), "KRI-SONGKHLA/");
  EXPECT_EQ(Resolve("PG", "PG-ESW", "Wewak"), "KBRI-PORT-MORESBY/");  // added to the source
}

TEST_F(JurisdictionTest, EveryCountryAndSubdivisionResolvesToAnActiveMission) {
  const std::set<std::string> notes = {kNoteClear, kNoteUncertain, kNoteDefault, kNoteHq};
  size_t hq = 0;
  for (const Country& c : svc_->CountriesByName("en")) {
    Assignment a = svc_->ResolveMission(c.code, "", "");
    ASSERT_NE(svc_->FindMission(a.mission_code), nullptr) << c.code;
    EXPECT_TRUE(notes.count(a.note)) << c.code;
    if (a.note == kNoteHq) ++hq;
    for (const Subdivision& s : svc_->SubdivisionsOf(c.code)) {
      Assignment b = svc_->ResolveMission(c.code, s.code, "");
      const Mission* m = svc_->FindMission(b.mission_code);
      ASSERT_NE(m, nullptr) << s.code;
      EXPECT_NE(m->type, "PTRI") << s.code;
      EXPECT_NE(m->code, "KBRI-SANAA") << s.code;
    }
  }
  // Israel, South Sudan, Kosovo, Indonesia itself and dependent territories no row names.
  EXPECT_GT(hq, 0u);
  EXPECT_LT(hq, 50u);
}

TEST_F(JurisdictionTest, MissionsCarryTheirDetails) {
  const Mission* m = svc_->FindMission("KJRI-JEDDAH");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->type, "KJRI");
  EXPECT_EQ(m->name, "KJRI Jeddah");
  EXPECT_EQ(m->city, "Jeddah");
  EXPECT_EQ(m->country, "SA");
  EXPECT_EQ(m->timezone, "Asia/Riyadh");
  EXPECT_EQ(m->address, "");  // never invented: left empty in data/missions.csv
  EXPECT_EQ(m->phone, "");
  const Mission* hq = svc_->FindMission(kHqMission);
  ASSERT_NE(hq, nullptr);
  EXPECT_EQ(hq->type, "HQ");
  EXPECT_EQ(hq->timezone, "Asia/Jakarta");
  EXPECT_EQ(svc_->FindMission("KBRI-ATLANTIS"), nullptr);
  EXPECT_EQ(svc_->Missions().size(), 134u);
}

TEST_F(JurisdictionTest, RegionsByCodeAndByNikPrefix) {
  EXPECT_TRUE(svc_->ProvinceExists("32"));
  EXPECT_TRUE(svc_->RegencyExists("32.73"));
  EXPECT_TRUE(svc_->DistrictExists("32.73.01"));
  EXPECT_FALSE(svc_->DistrictExists("327301"));
  EXPECT_FALSE(svc_->DistrictExists("32.73.99"));

  const District* d = svc_->DistrictByNik("327301");
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->code, "32.73.01");
  EXPECT_EQ(d->name, "Sukasari");
  EXPECT_EQ(d->regency_code, "32.73");
  const Regency* r = svc_->RegencyByNik("3273");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->name, "Kota Bandung");
  const Province* p = svc_->ProvinceByNik("32");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "Jawa Barat");

  EXPECT_EQ(svc_->DistrictByNik("32730"), nullptr);
  EXPECT_EQ(svc_->DistrictByNik("3273O1"), nullptr);
  EXPECT_EQ(svc_->DistrictByNik("32.73.01"), nullptr);
  EXPECT_EQ(svc_->DistrictByNik("327399"), nullptr);
  EXPECT_EQ(svc_->RegencyByNik("9999"), nullptr);
}

TEST_F(JurisdictionTest, ListsForForms) {
  EXPECT_EQ(svc_->Provinces().size(), 38u);
  auto regencies = svc_->RegenciesOf("32");
  EXPECT_EQ(regencies.size(), 27u);
  for (const auto& r : regencies) EXPECT_EQ(r.province_code, "32");
  auto districts = svc_->DistrictsOf("32.73");
  EXPECT_EQ(districts.size(), 30u);
  EXPECT_TRUE(svc_->RegenciesOf("99").empty());

  const auto& by_id = svc_->CountriesByName("id");
  const auto& by_en = svc_->CountriesByName("en");
  EXPECT_EQ(by_id.size(), 250u);
  EXPECT_EQ(by_en.size(), 250u);
  auto pos = [](const std::vector<Country>& v, const std::string& code) {
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i].code == code) return i;
    }
    return v.size();
  };
  // "Jerman" (DE) before "Malaysia" in Indonesian; "Germany" before "Malaysia" in English
  // too, but "Åland Islands" sorts with the A's rather than after Z.
  EXPECT_LT(pos(by_id, "DE"), pos(by_id, "MY"));
  EXPECT_GT(pos(by_id, "DE"), pos(by_id, "IT"));  // Jerman after Italia
  EXPECT_LT(pos(by_en, "DE"), pos(by_en, "IT"));  // Germany before Italy
  EXPECT_LT(pos(by_en, "AX"), pos(by_en, "BE"));
  EXPECT_EQ(svc_->CountryName("DE", "id"), "Jerman");
  EXPECT_EQ(svc_->CountryName("DE", "en"), "Germany");
  EXPECT_EQ(svc_->CountryName("ZZ", "id"), "");
  EXPECT_TRUE(svc_->CountryExists("LT"));
  EXPECT_FALSE(svc_->CountryExists("lt"));

  const auto& my = svc_->SubdivisionsOf("MY");
  EXPECT_EQ(my.size(), 16u);
  EXPECT_TRUE(svc_->HasSubdivisions("MY"));
  EXPECT_FALSE(svc_->HasSubdivisions("ZZ"));
  EXPECT_TRUE(svc_->SubdivisionsOf("ZZ").empty());
  ASSERT_NE(svc_->FindSubdivision("MY-12"), nullptr);
  EXPECT_EQ(svc_->FindSubdivision("MY-12")->name, "Sabah");
  EXPECT_TRUE(svc_->SubdivisionExists("SA-02"));
  EXPECT_TRUE(svc_->SubdivisionExists("PH-00"));  // corrected from country-state-city's NCR
  EXPECT_FALSE(svc_->SubdivisionExists("PH-NCR"));
  EXPECT_FALSE(svc_->SubdivisionExists("US-UM-67"));  // not an ISO 3166-2 shape
}

TEST(ReferenceFoldNameTest, FoldsCaseAccentsAndPunctuation) {
  EXPECT_EQ(FoldName("  Kota-Kinabalú "), "kota kinabalu");
  EXPECT_EQ(FoldName("SÃO  PAULO"), "sao paulo");
  EXPECT_EQ(FoldName("Straße"), "strasse");
  EXPECT_EQ(FoldName("Sana'a"), "sana a");
  EXPECT_EQ(FoldName(""), "");
  EXPECT_EQ(FoldName("--"), "");
}

}  // namespace
}  // namespace peduli::reference
