#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"

namespace peduli::stats {

// The world map drawn on the server, so the dashboard reads without JavaScript: the
// countries of world-atlas's countries-110m TopoJSON decoded here (arcs delta-decoded and
// de-quantised) and projected equirectangularly (the atlas is already cut at the
// antimeridian, so no ring wraps) into SVG paths once at start-up.
class WorldMap {
 public:
  // Reads web/node_modules/world-atlas/countries-110m.json and the alpha-2 <-> numeric
  // table of i18n-iso-countries under `assets` (the repository root).
  static Result<WorldMap> Load(const std::string& assets);

  // The choropleth: each country filled by its count in `by_country` (alpha-2) on a
  // five-step scale; a country with citizens is a link `href(alpha2)` named
  // `label(alpha2, n)`. Accessible: role="img" with `title`.
  std::string Svg(const std::map<std::string, int64_t>& by_country, const std::string& title,
                  const std::function<std::string(const std::string&)>& href,
                  const std::function<std::string(const std::string&, int64_t)>& label) const;

  size_t size() const { return countries_.size(); }

 private:
  struct Country {
    std::string alpha2;  // "" when the atlas id has no ISO code (Kosovo, N. Cyprus)
    std::string path;    // SVG path data
  };
  std::vector<Country> countries_;
};

}  // namespace peduli::stats
