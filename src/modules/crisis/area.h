#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"
#include "modules/reference/service.h"

namespace peduli::crisis {

struct Point {
  double lat = 0;
  double lon = 0;
};

struct Circle {
  Point centre;
  double radius_km = 0;
};

// Vertices in order, as drawn; the closing edge back to the first is implied. A polygon may
// cross the antimeridian (Fiji): each edge is taken the short way round (< 180 degrees).
using Polygon = std::vector<Point>;

// The area a crisis covers (the JSON of crises.area, see migration 0019):
//   {"countries": ["JP"], "subdivisions": ["MY-12"],
//    "circles": [{"lat": 35.6, "lon": 139.7, "radius_km": 50}],
//    "polygons": [[[lat, lon], [lat, lon], ...]]}
// A stay is in the area when any part covers it.
struct Area {
  std::vector<std::string> countries;     // ISO 3166-1 alpha-2
  std::vector<std::string> subdivisions;  // ISO 3166-2
  std::vector<Circle> circles;
  std::vector<Polygon> polygons;

  bool HasShapes() const { return !circles.empty() || !polygons.empty(); }
  bool Empty() const { return countries.empty() && subdivisions.empty() && !HasShapes(); }
  // Whether a point lies in one of the circles or polygons.
  bool ShapesContain(const Point& p) const;
  nlohmann::json ToJson() const;
};

// Reads and checks an area: known country and subdivision codes (through `ref`), latitudes
// in [-90, 90], longitudes in [-180, 180], radii in (0, 2000] km, polygons of 3 to 500
// vertices, and at least one part. kInvalid with the field "area" and a message key
// "crisis.err.area_*" otherwise. Codes are upper-cased and de-duplicated.
Result<Area> ParseArea(const nlohmann::json& j, const reference::ReferenceService& ref);
Result<Area> ParseAreaText(const std::string& text, const reference::ReferenceService& ref);

// Great-circle distance on a sphere of radius 6371.0088 km (the mean Earth radius).
double HaversineKm(const Point& a, const Point& b);
bool InCircle(const Circle& c, const Point& p);
// Even-odd rule on the plane of (lon, lat), with longitudes unwrapped from the first vertex
// so that an antimeridian-crossing polygon is one piece; the point is tried at lon and
// lon +/- 360.
bool InPolygon(const Polygon& poly, const Point& p);

// How a stay was located (crisis_people.placed_by).
enum class PlacedBy { kPosition, kCity, kSubdivision, kCountry };
const char* PlacedByCode(PlacedBy p);  // position, city, subdivision, country

struct Placement {
  PlacedBy by = PlacedBy::kCountry;
  std::optional<Point> point;  // for kPosition and kCity
};

// City coordinates from country-state-city (web/node_modules/country-state-city/lib/assets/
// city.json: [name, country, state iso, lat, lon]), keyed by country, subdivision and the
// folded name (reference::FoldName), with the same subdivision code fixes as the reference
// loader. Immutable after loading; thread-safe to read.
class Places {
 public:
  static Result<Places> Load(const std::string& assets_dir);
  // For tests: add one city.
  void Add(const std::string& country, const std::string& subdivision, const std::string& name,
           Point p);

  // The city in the subdivision; with no subdivision given, the city of that name in the
  // country when there is exactly one. nullopt when unknown.
  std::optional<Point> City(const std::string& country, const std::string& subdivision,
                            const std::string& city) const;
  // Where a stay is: the shared position, else its city's coordinates, else its
  // subdivision (when it has one), else its country.
  Placement Place(const std::optional<Point>& shared, const std::string& country,
                  const std::string& subdivision, const std::string& city) const;
  // The subdivisions and countries with at least one known city inside the area's shapes:
  // the countries whose stays are candidates for a circle or polygon, and the places where a
  // stay without a point counts as "unplaced near the area".
  void Touched(const Area& area, std::set<std::string>* subdivisions,
               std::set<std::string>* countries) const;
  size_t size() const { return cities_.size(); }

 private:
  struct Entry {
    std::string country, subdivision;
    Point p;
  };
  std::vector<Entry> cities_;
  std::unordered_map<std::string, Point> by_key_;        // "MY-12|kota kinabalu"
  std::unordered_map<std::string, int> by_country_name_;  // "MY|kota kinabalu" -> index, -1 ambiguous
};

// Whether a placed stay is in the area. A country or subdivision part matches by the stay's
// codes whatever its placement. A circle or polygon matches only a stay with a point
// (position or city): a stay placed only by subdivision or country is never counted inside
// a shape, since its country's centre says nothing about where it is; the preview counts
// those in the subdivisions a shape touches as "unplaced near the area" so that the officer
// can add those subdivisions by code.
bool InArea(const Area& area, const Placement& where, const std::string& country,
            const std::string& subdivision);

}  // namespace peduli::crisis
