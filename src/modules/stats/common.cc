#include "modules/stats/common.h"

#include "core/date.h"

namespace peduli::stats {

using nlohmann::json;

Result<Filters> FiltersOf(const http::Request& req) {
  std::map<std::string, std::string> q;
  for (const auto& [k, v] : http::ParseUrlEncoded(req.query)) q[k] = v;
  return ParseFilters(q);
}

Result<std::string> ScopeFor(const http::Request& req, const Filters& f) {
  if (!req.principal) return Error::Forbidden();
  const policy::Actor actor = policy::ActorOf(*req.principal);
  const std::string scope = policy::ScopeOf(actor);
  if (!policy::Allowed(actor, policy::Action::kReadStats, scope)) return Error::Forbidden();
  // A mission filter is a narrower scope: the actor must be allowed that mission too.
  if (!f.mission.empty() && !policy::Allowed(actor, policy::Action::kReadStats, f.mission)) {
    return Error::Forbidden();
  }
  return scope;
}

std::string QueryOf(const Filters& f, const std::string& extra) {
  std::string out;
  for (const auto& [k, v] : f.Pairs()) {
    out += (out.empty() ? "?" : "&") + k + "=" + http::UrlEncode(v);
  }
  if (!extra.empty()) out += (out.empty() ? "?" : "&") + extra;
  return out;
}

json ViewJson(const Dashboard& v) {
  json filters = json::object();
  for (const auto& [k, val] : v.filters.Pairs()) filters[k] = val;
  json trend = json::array();
  for (const auto& p : v.trend) {
    trend.push_back({{"date", p.date}, {"reports", p.reports}, {"departures", p.departures},
                     {"returns", p.returns}});
  }
  return {{"scope", v.scope.empty() ? json(nullptr) : json(v.scope)},
          {"filters", filters},
          {"total", v.total},
          {"passports", {{"expiring_6_months", v.passports_expiring}, {"expired", v.passports_expired}}},
          {"by_category", v.by_category},
          {"by_sex", v.by_sex},
          {"by_age_band", v.by_age_band},
          {"by_province", v.by_province},
          {"by_regency", v.by_regency},
          {"by_country", v.by_country},
          {"by_mission", v.by_mission},
          {"by_state", v.by_state},
          {"trend", trend},
          // The trend follows only the scope and the mission filter (stats_daily is per
          // mission); the filters it ignores are named, never silently dropped.
          {"trend_filters", json::array({"mission"})},
          {"trend_ignores", v.trend_ignores},
          {"as_of", Date::FromUnix(v.as_of).ToString()},
          {"as_of_unix", v.as_of},
          // Which counters answered: "coarse" (the rollup tables) or "fine" (stats_counts,
          // for filter combinations no rollup covers; slow at 10M, docs/PERFORMANCE.md).
          {"counters", v.fallback ? "fine" : "coarse"}};
}

json PublicJson(const PublicTable& t) {
  auto cell = [](int64_t n, bool hidden) { return hidden ? json(nullptr) : json(n); };
  json rows = json::array();
  for (size_t r = 0; r < t.countries.size(); ++r) {
    json cells = json::object();
    for (size_t c = 0; c < t.categories.size(); ++c) {
      cells[t.categories[c]] = cell(t.table.cells[r][c], t.table.cell_hidden[r][c]);
    }
    rows.push_back({{"country", t.countries[r]}, {"cells", cells},
                    {"total", cell(t.table.row_totals[r], t.table.row_hidden[r])}});
  }
  json totals = json::object();
  for (size_t c = 0; c < t.categories.size(); ++c) {
    totals[t.categories[c]] = cell(t.table.col_totals[c], t.table.col_hidden[c]);
  }
  return {{"measure", "active_stays"},
          {"categories", t.categories},
          {"rows", rows},
          {"totals", totals},
          {"total", cell(t.table.total, t.table.total_hidden)},
          {"suppression_threshold", t.threshold},
          {"note", "null: suppressed (fewer than the threshold, or a complement that would "
                   "let one be recomputed)"},
          {"as_of", t.as_of}};
}

std::string CountryLabel(const RoutesDeps& d, const std::string& cc, const std::string& lang) {
  auto name = d.ref->CountryName(cc, lang);
  return name.empty() ? cc : std::string(name);
}

std::string ProvinceLabel(const RoutesDeps& d, const std::string& code) {
  const auto* p = d.ref->ProvinceByNik(code);
  return p ? p->name : (code.empty() ? "—" : code);
}

std::string MissionLabel(const RoutesDeps& d, const std::string& code) {
  const auto* m = d.ref->FindMission(code);
  return m ? m->name : code;
}

}  // namespace peduli::stats
