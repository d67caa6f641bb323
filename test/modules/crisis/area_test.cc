// Area selection (issue 9): haversine circles, an antimeridian polygon (Fiji), placement of
// a stay whose city is unknown, and the area JSON's checks.
#include "modules/crisis/area.h"

#include <gtest/gtest.h>

#include "modules/crisis/audience.h"
#include "modules/reference/loader.h"
#include "support/test_db.h"

namespace peduli::crisis {
namespace {

using nlohmann::json;

const Point kKualaLumpur{3.1390, 101.6869};
// One degree of latitude on the sphere HaversineKm uses.
constexpr double kKmPerDegree = 2 * M_PI * 6371.0088 / 360;

TEST(CrisisArea, PointJustInsideAndJustOutsideACircle) {
  const Circle c{kKualaLumpur, 50};
  const Point inside{kKualaLumpur.lat + 49.9 / kKmPerDegree, kKualaLumpur.lon};
  const Point outside{kKualaLumpur.lat + 50.1 / kKmPerDegree, kKualaLumpur.lon};
  EXPECT_NEAR(HaversineKm(kKualaLumpur, inside), 49.9, 0.001);
  EXPECT_TRUE(InCircle(c, inside));
  EXPECT_FALSE(InCircle(c, outside));
  // East-west at the equator-ish latitude too: haversine, not degrees.
  const Point east{kKualaLumpur.lat, kKualaLumpur.lon + 0.46};  // ~51 km
  EXPECT_FALSE(InCircle(c, east));
  EXPECT_TRUE(InCircle({kKualaLumpur, 52}, east));
}

TEST(CrisisArea, CircleAcrossTheAntimeridian) {
  const Circle c{{-17.0, 179.9}, 30};
  EXPECT_TRUE(InCircle(c, {-17.0, -179.9}));  // 21 km east, across 180
  EXPECT_FALSE(InCircle(c, {-17.0, 179.0}));
}

TEST(CrisisArea, FijiPolygonCrossingTheAntimeridian) {
  // Viti Levu and Vanua Levu to Taveuni, drawn west to east across 180 degrees.
  const Polygon fiji = {{-15.5, 176.5}, {-15.5, -178.5}, {-19.5, -178.5}, {-19.5, 176.5}};
  EXPECT_TRUE(InPolygon(fiji, {-18.1416, 178.4419}));   // Suva
  EXPECT_TRUE(InPolygon(fiji, {-16.85, -179.97}));      // Taveuni, east of 180
  EXPECT_FALSE(InPolygon(fiji, {-17.7, 175.9}));        // west of it, at sea
  EXPECT_FALSE(InPolygon(fiji, {-17.7, -177.5}));       // east of it (Lau waters)
  // Taken naively the polygon would cover the rest of the world instead.
  EXPECT_FALSE(InPolygon(fiji, {-17.7, 10.0}));
  EXPECT_FALSE(InPolygon(fiji, {-10.0, 178.0}));         // north of it
  Area a;
  a.polygons.push_back(fiji);
  EXPECT_TRUE(a.ShapesContain({-18.1416, 178.4419}));
}

TEST(CrisisArea, ACitizenWhoseCityIsUnknown) {
  Places places;
  places.Add("MY", "MY-12", "Kota Kinabalu", {5.9804, 116.0735});
  // Known city: placed by its coordinates, folded ("KOTA-KINABALÚ").
  auto known = places.Place(std::nullopt, "MY", "MY-12", " KOTA-KINABALÚ ");
  EXPECT_EQ(known.by, PlacedBy::kCity);
  ASSERT_TRUE(known.point);
  // Unknown city: its subdivision, or its country when it has none.
  auto unknown = places.Place(std::nullopt, "MY", "MY-12", "Kampung Tidak Dikenal");
  EXPECT_EQ(unknown.by, PlacedBy::kSubdivision);
  EXPECT_FALSE(unknown.point);
  EXPECT_EQ(places.Place(std::nullopt, "MY", "", "Kampung Tidak Dikenal").by, PlacedBy::kCountry);
  // A shared position wins over the city.
  auto shared = places.Place(Point{6.0, 116.1}, "MY", "MY-12", "Kota Kinabalu");
  EXPECT_EQ(shared.by, PlacedBy::kPosition);

  Area circle;
  circle.circles.push_back({{5.9804, 116.0735}, 20});
  EXPECT_TRUE(InArea(circle, known, "MY", "MY-12"));
  // Placed only by subdivision: never inside a shape...
  EXPECT_FALSE(InArea(circle, unknown, "MY", "MY-12"));
  // ...but inside an area naming the subdivision or the country.
  Area by_code;
  by_code.subdivisions = {"MY-12"};
  EXPECT_TRUE(InArea(by_code, unknown, "MY", "MY-12"));
  by_code = {};
  by_code.countries = {"MY"};
  EXPECT_TRUE(InArea(by_code, places.Place(std::nullopt, "MY", "", ""), "MY", ""));

  // The preview counts it as unplaced near the circle's area.
  AudienceBuilder b(&circle, &places, {}, "2026-11-28", true);
  EXPECT_EQ(b.Countries(), std::set<std::string>{"MY"});
  store::AudienceCandidate a;
  a.citizen_id = 1;
  a.country = "MY";
  a.subdivision = "MY-12";
  a.city = "Kampung Tidak Dikenal";
  a.category = "pmi";
  b.Consider(a);
  a.citizen_id = 2;
  a.city = "Kota Kinabalu";
  b.Consider(a);
  EXPECT_EQ(b.reach().total, 1);
  EXPECT_EQ(b.reach().unplaced_near, 1);
  EXPECT_EQ(b.reach().by_placement.at("city"), 1);
  ASSERT_EQ(b.people().size(), 1u);
  EXPECT_EQ(b.people()[0].citizen_id, 2);
}

TEST(CrisisArea, RealCityDataPlacesAStay) {
  auto places = Places::Load(PEDULI_SOURCE_DIR);
  ASSERT_TRUE(places.ok()) << places.error().message;
  EXPECT_GT(places->size(), 100000u);
  auto kk = places->City("MY", "MY-12", "Kota Kinabalu");
  ASSERT_TRUE(kk);
  EXPECT_NEAR(kk->lat, 5.98, 0.1);
  EXPECT_TRUE(places->City("MY", "MY-10", "Shah Alam"));
  EXPECT_FALSE(places->City("MY", "MY-12", "Shah Alam"));  // wrong state
  // Metro Manila is PH-00 in ISO, "NCR" in the city data.
  EXPECT_TRUE(places->City("PH", "PH-00", "Manila"));
}

TEST(CrisisArea, Vulnerability) {
  store::AudienceCandidate c;
  c.category = "pmi";
  c.sector = "informal";
  c.has_phone = true;
  c.birth_date = "1990-05-01";
  c.passport_expiry = "2030-01-01";
  EXPECT_EQ(Vulnerability(c, "2026-11-28"), 8);
  c.birth_date = "2008-11-29";  // 17 until tomorrow
  EXPECT_EQ(Vulnerability(c, "2026-11-28"), 12);
  c.birth_date = "1966-11-28";  // 60 today
  c.has_phone = false;
  c.passport_expiry = "2026-11-27";
  EXPECT_EQ(Vulnerability(c, "2026-11-28"), 15);
  c.sector = "formal";
  EXPECT_EQ(Vulnerability(c, "2026-11-28"), 7);
}

class CrisisAreaJsonTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    tdb_ = new peduli::testing::TestDatabase("sqlite", 1);
    auto ref = reference::LoadAndOpen(tdb_->db(), PEDULI_SOURCE_DIR);
    ASSERT_TRUE(ref.ok());
    ref_ = ref.value().release();
  }
  static void TearDownTestSuite() {
    delete ref_;
    delete tdb_;
  }
  static std::string Fails(const json& j) {
    auto a = ParseArea(j, *ref_);
    if (a.ok()) return "ok";
    return a.error().fields.empty() ? a.error().message : a.error().fields[0].key;
  }
  static inline peduli::testing::TestDatabase* tdb_ = nullptr;
  static inline reference::ReferenceService* ref_ = nullptr;
};

TEST_F(CrisisAreaJsonTest, ChecksEveryPart) {
  auto a = ParseArea(json{{"countries", {"my", "MY"}}, {"subdivisions", {"JP-13"}},
                          {"circles", {{{"lat", 3.1}, {"lon", 101.7}, {"radius_km", 50}}}},
                          {"polygons", {{{-15.5, 176.5}, {-15.5, -178.5}, {-19.5, -178.5}}}}},
                     *ref_);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->countries, std::vector<std::string>{"MY"});
  EXPECT_EQ(a->circles.size(), 1u);
  EXPECT_EQ(a->polygons[0].size(), 3u);
  // Round trip.
  EXPECT_TRUE(ParseArea(a->ToJson(), *ref_).ok());
  EXPECT_EQ(Fails(json::object()), "crisis.err.area_empty");
  EXPECT_EQ(Fails({{"countries", {"XX"}}}), "crisis.err.area_country");
  EXPECT_EQ(Fails({{"subdivisions", {"MY-99"}}}), "crisis.err.area_subdivision");
  EXPECT_EQ(Fails({{"circles", {{{"lat", 91}, {"lon", 0}, {"radius_km", 5}}}}}), "crisis.err.area_coordinates");
  EXPECT_EQ(Fails({{"circles", {{{"lat", 1}, {"lon", 0}, {"radius_km", 0}}}}}), "crisis.err.area_radius");
  EXPECT_EQ(Fails({{"circles", {{{"lat", 1}, {"lon", 0}, {"radius_km", 2001}}}}}), "crisis.err.area_radius");
  EXPECT_EQ(Fails({{"polygons", {{{1, 1}, {2, 2}}}}}), "crisis.err.area_polygon");
  EXPECT_EQ(Fails({{"countries", "MY"}}), "crisis.err.area_format");
  EXPECT_EQ(Fails(json::array()), "crisis.err.area_format");
}

}  // namespace
}  // namespace peduli::crisis
