#include "modules/crisis/area.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace peduli::crisis {
namespace {

using nlohmann::json;

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kMaxRadiusKm = 2000;
constexpr size_t kMaxVertices = 500;
constexpr size_t kMaxParts = 200;

// As reference/loader.cc: country-state-city's codes that ISO spells differently.
constexpr std::pair<const char*, const char*> kSubdivisionCodeFixes[] = {
    {"PH-NCR", "PH-00"},
    {"MX-CDMX", "MX-CMX"},
};

Error Bad(const std::string& key) { return Error::Invalid("area", "crisis.err." + key); }

std::string Upper(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

bool ReadNumber(const json& j, double lo, double hi, double* out) {
  if (!j.is_number()) return false;
  const double v = j.get<double>();
  if (!std::isfinite(v) || v < lo || v > hi) return false;
  *out = v;
  return true;
}

Result<std::vector<std::string>> Codes(const json& j, const char* key) {
  std::vector<std::string> out;
  if (!j.contains(key)) return out;
  const auto& a = j[key];
  if (!a.is_array() || a.size() > kMaxParts) return Bad("area_format");
  for (const auto& v : a) {
    if (!v.is_string()) return Bad("area_format");
    std::string code = Upper(v.get<std::string>());
    if (std::find(out.begin(), out.end(), code) == out.end()) out.push_back(code);
  }
  return out;
}

double Radians(double deg) { return deg * M_PI / 180.0; }

// a - b brought into (-180, 180].
double LonDelta(double a, double b) {
  double d = std::fmod(a - b, 360.0);
  if (d > 180) d -= 360;
  if (d <= -180) d += 360;
  return d;
}

}  // namespace

double HaversineKm(const Point& a, const Point& b) {
  const double dlat = Radians(b.lat - a.lat), dlon = Radians(b.lon - a.lon);
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(Radians(a.lat)) * std::cos(Radians(b.lat)) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

bool InCircle(const Circle& c, const Point& p) { return HaversineKm(c.centre, p) <= c.radius_km; }

bool InPolygon(const Polygon& poly, const Point& p) {
  if (poly.size() < 3) return false;
  // Unwrapped longitudes: each vertex within 180 degrees of the previous one.
  std::vector<double> lon(poly.size());
  lon[0] = poly[0].lon;
  for (size_t i = 1; i < poly.size(); ++i) lon[i] = lon[i - 1] + LonDelta(poly[i].lon, poly[i - 1].lon);
  for (double shift : {0.0, 360.0, -360.0}) {
    const double x = p.lon + shift, y = p.lat;
    bool inside = false;
    for (size_t i = 0, j = poly.size() - 1; i < poly.size(); j = i++) {
      const double xi = lon[i], yi = poly[i].lat, xj = lon[j], yj = poly[j].lat;
      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) inside = !inside;
    }
    if (inside) return true;
  }
  return false;
}

bool Area::ShapesContain(const Point& p) const {
  for (const auto& c : circles) {
    if (InCircle(c, p)) return true;
  }
  for (const auto& poly : polygons) {
    if (InPolygon(poly, p)) return true;
  }
  return false;
}

json Area::ToJson() const {
  json circles_j = json::array(), polys_j = json::array();
  for (const auto& c : circles) {
    circles_j.push_back({{"lat", c.centre.lat}, {"lon", c.centre.lon}, {"radius_km", c.radius_km}});
  }
  for (const auto& poly : polygons) {
    json pj = json::array();
    for (const auto& v : poly) pj.push_back({v.lat, v.lon});
    polys_j.push_back(pj);
  }
  return {{"countries", countries}, {"subdivisions", subdivisions}, {"circles", circles_j},
          {"polygons", polys_j}};
}

Result<Area> ParseArea(const json& j, const reference::ReferenceService& ref) {
  if (!j.is_object()) return Bad("area_format");
  Area a;
  auto countries = Codes(j, "countries");
  if (!countries.ok()) return countries.take_error();
  auto subdivisions = Codes(j, "subdivisions");
  if (!subdivisions.ok()) return subdivisions.take_error();
  a.countries = std::move(*countries);
  a.subdivisions = std::move(*subdivisions);
  for (const auto& c : a.countries) {
    if (c.size() != 2 || !ref.CountryExists(c)) return Bad("area_country");
  }
  for (const auto& s : a.subdivisions) {
    if (!ref.SubdivisionExists(s)) return Bad("area_subdivision");
  }
  if (j.contains("circles")) {
    const auto& cs = j["circles"];
    if (!cs.is_array() || cs.size() > kMaxParts) return Bad("area_format");
    for (const auto& c : cs) {
      if (!c.is_object()) return Bad("area_format");
      Circle circle;
      if (!ReadNumber(c.value("lat", json()), -90, 90, &circle.centre.lat) ||
          !ReadNumber(c.value("lon", json()), -180, 180, &circle.centre.lon)) {
        return Bad("area_coordinates");
      }
      if (!ReadNumber(c.value("radius_km", json()), 0, kMaxRadiusKm, &circle.radius_km) ||
          circle.radius_km <= 0) {
        return Bad("area_radius");
      }
      a.circles.push_back(circle);
    }
  }
  if (j.contains("polygons")) {
    const auto& ps = j["polygons"];
    if (!ps.is_array() || ps.size() > kMaxParts) return Bad("area_format");
    for (const auto& pj : ps) {
      if (!pj.is_array() || pj.size() < 3 || pj.size() > kMaxVertices) return Bad("area_polygon");
      Polygon poly;
      for (const auto& v : pj) {
        Point p;
        if (!v.is_array() || v.size() != 2 || !ReadNumber(v[0], -90, 90, &p.lat) ||
            !ReadNumber(v[1], -180, 180, &p.lon)) {
          return Bad("area_coordinates");
        }
        poly.push_back(p);
      }
      // A closing vertex repeating the first is dropped (GeoJSON habit).
      if (poly.size() > 3 && poly.front().lat == poly.back().lat && poly.front().lon == poly.back().lon) {
        poly.pop_back();
      }
      a.polygons.push_back(std::move(poly));
    }
  }
  if (a.Empty()) return Bad("area_empty");
  return a;
}

Result<Area> ParseAreaText(const std::string& text, const reference::ReferenceService& ref) {
  auto j = json::parse(text, nullptr, false);
  if (j.is_discarded()) return Bad("area_format");
  return ParseArea(j, ref);
}

const char* PlacedByCode(PlacedBy p) {
  switch (p) {
    case PlacedBy::kPosition: return "position";
    case PlacedBy::kCity: return "city";
    case PlacedBy::kSubdivision: return "subdivision";
    case PlacedBy::kCountry: return "country";
  }
  return "country";
}

Result<Places> Places::Load(const std::string& assets_dir) {
  const std::string path =
      assets_dir + "/web/node_modules/country-state-city/lib/assets/city.json";
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Internal("crisis: cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  auto j = json::parse(buf.str(), nullptr, false);
  if (j.is_discarded() || !j.is_array()) return Error::Internal("crisis: " + path + " is not a list");
  Places out;
  out.cities_.reserve(j.size());
  for (const auto& c : j) {
    if (!c.is_array() || c.size() < 5 || !c[0].is_string() || !c[1].is_string() ||
        !c[2].is_string() || !c[3].is_string() || !c[4].is_string()) {
      continue;
    }
    Point p;
    try {
      p.lat = std::stod(c[3].get<std::string>());
      p.lon = std::stod(c[4].get<std::string>());
    } catch (const std::exception&) {
      continue;
    }
    out.Add(c[1].get<std::string>(), c[1].get<std::string>() + "-" + c[2].get<std::string>(),
            c[0].get<std::string>(), p);
  }
  return out;
}

void Places::Add(const std::string& country, const std::string& subdivision,
                 const std::string& name, Point p) {
  std::string sub = subdivision;
  for (const auto& [from, to] : kSubdivisionCodeFixes) {
    if (sub == from) sub = to;
  }
  const std::string folded = reference::FoldName(name);
  if (folded.empty()) return;
  by_key_.emplace(sub + "|" + folded, p);
  const std::string ck = country + "|" + folded;
  auto [it, added] = by_country_name_.emplace(ck, static_cast<int>(cities_.size()));
  if (!added && it->second >= 0) {
    const auto& other = cities_[static_cast<size_t>(it->second)];
    // The same place listed twice is not ambiguous; two towns of one name are.
    if (HaversineKm(other.p, p) > 5) it->second = -1;
  }
  cities_.push_back({country, sub, p});
}

std::optional<Point> Places::City(const std::string& country, const std::string& subdivision,
                                  const std::string& city) const {
  if (city.empty()) return std::nullopt;
  const std::string folded = reference::FoldName(city);
  if (folded.empty()) return std::nullopt;
  if (!subdivision.empty()) {
    auto it = by_key_.find(subdivision + "|" + folded);
    if (it != by_key_.end()) return it->second;
    return std::nullopt;
  }
  auto it = by_country_name_.find(country + "|" + folded);
  if (it == by_country_name_.end() || it->second < 0) return std::nullopt;
  return cities_[static_cast<size_t>(it->second)].p;
}

Placement Places::Place(const std::optional<Point>& shared, const std::string& country,
                        const std::string& subdivision, const std::string& city) const {
  if (shared) return {PlacedBy::kPosition, shared};
  if (auto p = City(country, subdivision, city)) return {PlacedBy::kCity, p};
  if (!subdivision.empty()) return {PlacedBy::kSubdivision, std::nullopt};
  return {PlacedBy::kCountry, std::nullopt};
}

void Places::Touched(const Area& area, std::set<std::string>* subdivisions,
                     std::set<std::string>* countries) const {
  if (!area.HasShapes()) return;
  for (const auto& c : cities_) {
    if (area.ShapesContain(c.p)) {
      if (subdivisions) subdivisions->insert(c.subdivision);
      if (countries) countries->insert(c.country);
    }
  }
}

bool InArea(const Area& area, const Placement& where, const std::string& country,
            const std::string& subdivision) {
  if (std::find(area.countries.begin(), area.countries.end(), country) != area.countries.end()) {
    return true;
  }
  if (!subdivision.empty() &&
      std::find(area.subdivisions.begin(), area.subdivisions.end(), subdivision) !=
          area.subdivisions.end()) {
    return true;
  }
  return where.point && area.ShapesContain(*where.point);
}

}  // namespace peduli::crisis
