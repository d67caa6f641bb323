#include "modules/stats/world_map.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "http/templates.h"

namespace peduli::stats {
namespace {

using nlohmann::json;

constexpr double kWidth = 960, kHeight = 480;  // 2:1, equirectangular

Result<json> ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::Internal("world map: cannot read " + path);
  auto j = json::parse(in, nullptr, false);
  if (j.is_discarded()) return Error::Internal("world map: malformed " + path);
  return j;
}


}  // namespace

Result<WorldMap> WorldMap::Load(const std::string& assets) {
  auto topo = ReadJson(assets + "/web/node_modules/world-atlas/countries-110m.json");
  if (!topo.ok()) return topo.take_error();
  auto codes = ReadJson(assets + "/web/node_modules/i18n-iso-countries/codes.json");
  if (!codes.ok()) return codes.take_error();
  std::map<std::string, std::string> alpha2_of;  // numeric "458" -> "MY"
  for (const auto& row : *codes) {
    if (row.is_array() && row.size() >= 3) alpha2_of[row[2].get<std::string>()] = row[0].get<std::string>();
  }
  const auto& t = (*topo)["transform"];
  const double sx = t["scale"][0], sy = t["scale"][1], tx = t["translate"][0], ty = t["translate"][1];
  // Every arc decoded to projected points.
  std::vector<std::vector<std::pair<double, double>>> arcs;
  for (const auto& arc : (*topo)["arcs"]) {
    std::vector<std::pair<double, double>> pts;
    int64_t x = 0, y = 0;
    for (const auto& p : arc) {
      x += p[0].get<int64_t>();
      y += p[1].get<int64_t>();
      const double lon = x * sx + tx, lat = y * sy + ty;
      pts.emplace_back((lon + 180.0) / 360.0 * kWidth, (90.0 - lat) / 180.0 * kHeight);
    }
    arcs.push_back(std::move(pts));
  }
  auto ring_path = [&](const json& ring, std::string& out) {
    bool first = true;
    char buf[48];
    for (const auto& a : ring) {
      int idx = a.get<int>();
      const bool reversed = idx < 0;
      const auto& pts = arcs.at(static_cast<size_t>(reversed ? ~idx : idx));
      for (size_t k = 0; k < pts.size(); ++k) {
        const auto& p = pts[reversed ? pts.size() - 1 - k : k];
        if (!first && k == 0) continue;  // shared with the previous arc's last point
        std::snprintf(buf, sizeof buf, "%s%.1f,%.1f", first ? "M" : "L", p.first, p.second);
        out += buf;
        first = false;
      }
    }
    out += "Z";
  };
  WorldMap map;
  for (const auto& g : (*topo)["objects"]["countries"]["geometries"]) {
    Country c;
    const std::string id = g.value("id", std::string());
    if (auto it = alpha2_of.find(id); it != alpha2_of.end()) c.alpha2 = it->second;
    const std::string type = g.value("type", std::string());
    if (type == "Polygon") {
      for (const auto& ring : g["arcs"]) ring_path(ring, c.path);
    } else if (type == "MultiPolygon") {
      for (const auto& poly : g["arcs"]) {
        for (const auto& ring : poly) ring_path(ring, c.path);
      }
    }
    if (!c.path.empty()) map.countries_.push_back(std::move(c));
  }
  return map;
}

std::string WorldMap::Svg(const std::map<std::string, int64_t>& by_country, const std::string& title,
                          const std::function<std::string(const std::string&)>& href,
                          const std::function<std::string(const std::string&, int64_t)>& label) const {
  // Five steps on a log scale up to the largest count; light grey for none.
  static const char* kFill[] = {"#e8ecef", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"};
  int64_t max = 0;
  for (const auto& [cc, n] : by_country) max = std::max(max, n);
  auto step = [&](int64_t n) {
    if (n <= 0 || max <= 0) return 0;
    const double f = std::log1p(static_cast<double>(n)) / std::log1p(static_cast<double>(max));
    return 1 + std::min(4, static_cast<int>(f * 5));
  };
  std::ostringstream out;
  out << "<svg class=\"world-map\" viewBox=\"0 0 " << kWidth << " " << kHeight
      << "\" role=\"img\" aria-labelledby=\"world-map-title\" xmlns=\"http://www.w3.org/2000/svg\">"
      << "<title id=\"world-map-title\">" << http::EscapeHtml(title) << "</title>";
  for (const auto& c : countries_) {
    auto it = c.alpha2.empty() ? by_country.end() : by_country.find(c.alpha2);
    const int64_t n = it == by_country.end() ? 0 : it->second;
    const char* fill = kFill[step(n)];
    if (n > 0) {
      out << "<a href=\"" << http::EscapeHtml(href(c.alpha2)) << "\" aria-label=\""
          << http::EscapeHtml(label(c.alpha2, n)) << "\"><path d=\"" << c.path << "\" fill=\"" << fill
          << "\" stroke=\"#fff\" stroke-width=\"0.3\" data-country=\"" << c.alpha2
          << "\"/></a>";
    } else {
      out << "<path d=\"" << c.path << "\" fill=\"" << fill
          << "\" stroke=\"#fff\" stroke-width=\"0.3\" aria-hidden=\"true\"/>";
    }
  }
  out << "</svg>";
  return out.str();
}

}  // namespace peduli::stats
