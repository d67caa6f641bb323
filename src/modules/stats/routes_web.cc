#include <algorithm>

#include "core/date.h"
#include "http/pipeline.h"
#include "modules/registry/model.h"
#include "modules/stats/common.h"

namespace peduli::stats {

using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr const char* kTpl = "modules/stats/templates/";

// One bar chart: rows with a label and a count, drawn as <progress> (no inline style: the
// CSP forbids it), biggest first unless `keep_order`; at most `limit` rows.
void Bars(ctemplate::TemplateDictionary& t, const char* section, const std::map<std::string, int64_t>& m,
          int64_t total, const std::function<std::string(const std::string&)>& label,
          bool keep_order = false, size_t limit = 40,
          const std::function<std::string(const std::string&)>& href = nullptr) {
  std::vector<std::pair<std::string, int64_t>> rows(m.begin(), m.end());
  if (!keep_order) {
    std::stable_sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.second > b.second; });
  }
  size_t shown = 0;
  for (const auto& [k, n] : rows) {
    if (n == 0) continue;
    if (++shown > limit) break;
    auto* row = t.AddSectionDictionary(section);
    row->SetValue("LABEL", label(k));
    row->SetIntValue("N", static_cast<long>(n));
    row->SetIntValue("MAX", static_cast<long>(std::max<int64_t>(total, 1)));
    if (href) row->SetValue("HREF", href(k));
  }
}

void Options(ctemplate::TemplateDictionary& t, const char* section,
             const std::vector<std::pair<std::string, std::string>>& options,
             const std::string& chosen) {
  for (const auto& [value, label] : options) {
    auto* o = t.AddSectionDictionary(section);
    o->SetValue("VALUE", value);
    o->SetValue("LABEL", label);
    if (value == chosen) o->ShowSection("CHOSEN");
  }
}

Response DashboardPage(Request& req, const RoutesDeps& d) {
  auto f = FiltersOf(req);
  if (!f.ok()) return http::ErrorResponse(req, f.error(), *d.templates);
  auto scope = ScopeFor(req, *f);
  if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
  auto v = d.stats->View(*scope, *f);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  const auto& c = d.templates->catalog();
  const std::string& lang = req.lang;
  auto T = [&](const std::string& k) { return c.Text(lang, k); };
  http::Page page(*d.templates, req, "stats.title", std::string(kTpl) + "dashboard.tpl");
  auto& t = page.content();
  t.SetValue("SCOPE", scope->empty() ? T("stats.scope.all") : MissionLabel(d, *scope));
  t.SetValue("AS_OF", FormatLocalTime(v->as_of, "Asia/Jakarta") + " WIB");
  t.SetValue("SELF", "/konsol/statistik" + QueryOf(*f));
  t.SetValue("QUERY", QueryOf(*f));
  t.SetValue("CSV", "/api/v1/stats/export.csv" + QueryOf(*f));
  t.SetValue("XLSX", "/api/v1/stats/export.xlsx" + QueryOf(*f));
  t.SetValue("API", "/api/v1/stats" + QueryOf(*f));
  t.SetValue("STREAM", "/konsol/statistik/stream" + QueryOf(*f));
  t.SetIntValue("TOTAL", static_cast<long>(v->total));
  t.SetIntValue("EXPIRING", static_cast<long>(v->passports_expiring));
  t.SetIntValue("EXPIRED", static_cast<long>(v->passports_expired));
  // Filters: every dimension, in the URL (values are codes, never a person).
  if (scope->empty()) {
    t.ShowSection("MISSION_FILTER");
    std::vector<std::pair<std::string, std::string>> missions;
    for (const auto& m : d.ref->Missions()) {
      if (!m.closed) missions.push_back({m.code, m.code + " · " + m.name});
    }
    Options(t, "MISSION_OPTION", missions, f->mission);
  }
  std::vector<std::pair<std::string, std::string>> cats, sexes, ages, states, passports, provinces;
  for (const auto& k : registry::kCategories) cats.push_back({k, T("category." + k)});
  for (const char* s : {"L", "P"}) sexes.push_back({s, T(std::string("sex.") + s)});
  for (const auto& a : kAgeBands) ages.push_back({a, a});
  for (const char* s : {"submitted", "verified", "rejected", "correction_requested"}) {
    states.push_back({s, T(std::string("console.state.") + s)});
  }
  for (const char* p : {"expiring", "expired", "valid"}) passports.push_back({p, T(std::string("stats.passport.") + p)});
  for (const auto& p : d.ref->Provinces()) provinces.push_back({p.code, p.name});
  Options(t, "CATEGORY_OPTION", cats, f->category);
  Options(t, "SEX_OPTION", sexes, f->sex);
  Options(t, "AGE_OPTION", ages, f->age_band);
  Options(t, "STATE_OPTION", states, f->state);
  Options(t, "PASSPORT_OPTION", passports, f->passport);
  Options(t, "PROVINCE_OPTION", provinces, f->province);
  Options(t, "DAYS_OPTION", {{"30", "30"}, {"90", "90"}, {"180", "180"}, {"365", "365"}},
          std::to_string(f->days));
  t.SetValue("COUNTRY", f->country);
  t.SetValue("SUBDIVISION", f->subdivision);
  t.SetValue("REGENCY", f->regency);
  if (!f->Pairs().empty()) t.ShowSection("FILTERED");
  // Breakdowns.
  Bars(t, "CATEGORY_BAR", v->by_category, v->total, [&](const std::string& k) { return T("category." + k); });
  Bars(t, "SEX_BAR", v->by_sex, v->total, [&](const std::string& k) { return k.empty() ? "—" : T("sex." + k); });
  Bars(t, "AGE_BAR", v->by_age_band, v->total, [](const std::string& k) { return k.empty() ? "—" : k; }, true);
  Bars(t, "STATE_BAR", v->by_state, v->total, [&](const std::string& k) { return T("console.state." + k); });
  Bars(t, "PROVINCE_BAR", v->by_province, v->total, [&](const std::string& k) { return ProvinceLabel(d, k); });
  Bars(t, "COUNTRY_BAR", v->by_country, v->total,
       [&](const std::string& k) { return CountryLabel(d, k, lang); }, false, 60,
       [&](const std::string& k) {
         Filters g = *f;
         g.country = k;
         g.subdivision.clear();
         return "/konsol/statistik" + QueryOf(g) + "#missions";
       });
  for (const auto& [code, n] : v->by_mission) {
    if (n == 0) continue;
    auto* m = t.AddSectionDictionary("MISSION_ROW");
    m->SetValue("CODE", code);
    m->SetValue("NAME", MissionLabel(d, code));
    m->SetIntValue("N", static_cast<long>(n));
    m->SetValue("HREF", "/konsol/statistik/perwakilan/" + code);
  }
  if (!f->country.empty()) t.SetValue("COUNTRY_NAME", CountryLabel(d, f->country, lang));
  // The trend cannot follow filters other than the mission: say which ones it ignores.
  if (!v->trend_ignores.empty()) {
    std::string names;
    for (const auto& k : v->trend_ignores) {
      names += (names.empty() ? "" : ", ") + T("stats.filter_name." + k);
    }
    t.ShowSection("TREND_NOTE");
    t.SetValue("TREND_IGNORES", names);
  }
  // The trend as a table (the chart draws it when JavaScript runs), newest first.
  for (auto it = v->trend.rbegin(); it != v->trend.rend(); ++it) {
    auto* p = t.AddSectionDictionary("TREND_ROW");
    p->SetValue("DATE", it->date);
    p->SetIntValue("REPORTS", static_cast<long>(it->reports));
    p->SetIntValue("DEPARTURES", static_cast<long>(it->departures));
    p->SetIntValue("RETURNS", static_cast<long>(it->returns));
  }
  // The map: drawn here, so it reads without JavaScript; a click filters by the country,
  // which lists its missions.
  const Filters base = *f;
  t.SetValue("MAP_SVG", d.map->Svg(
      v->by_country, T("stats.map.title"),
      [&](const std::string& cc) {
        Filters g = base;
        g.country = cc;
        g.subdivision.clear();
        return "/konsol/statistik" + QueryOf(g) + "#missions";
      },
      [&](const std::string& cc, int64_t n) { return CountryLabel(d, cc, lang) + ": " + std::to_string(n); }));
  return page.Finish();
}

Response PublicPage(Request& req, const RoutesDeps& d) {
  auto tab = d.stats->Public();
  if (!tab.ok()) return http::ErrorResponse(req, tab.error(), *d.templates);
  const auto& c = d.templates->catalog();
  auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
  http::Page page(*d.templates, req, "stats.public.title", std::string(kTpl) + "public.tpl");
  auto& t = page.content();
  t.SetValue("AS_OF", FormatLocalTime(tab->as_of, "Asia/Jakarta") + " WIB");
  t.SetIntValue("THRESHOLD", static_cast<long>(tab->threshold));
  auto cell = [](ctemplate::TemplateDictionary* row, int64_t n, bool hidden) {
    auto* c = row->AddSectionDictionary("CELL");
    if (hidden) {
      c->ShowSection("HIDDEN");
    } else {
      c->SetIntValue("N", static_cast<long>(n));
    }
  };
  for (const auto& k : tab->categories) t.AddSectionDictionary("HEAD")->SetValue("LABEL", T("category." + k));
  for (size_t r = 0; r < tab->countries.size(); ++r) {
    auto* row = t.AddSectionDictionary("ROW");
    row->SetValue("COUNTRY", CountryLabel(d, tab->countries[r], req.lang));
    for (size_t k = 0; k < tab->categories.size(); ++k) {
      cell(row, tab->table.cells[r][k], tab->table.cell_hidden[r][k]);
    }
    cell(row, tab->table.row_totals[r], tab->table.row_hidden[r]);
  }
  auto* totals = t.AddSectionDictionary("TOTALS");
  for (size_t k = 0; k < tab->categories.size(); ++k) {
    cell(totals, tab->table.col_totals[k], tab->table.col_hidden[k]);
  }
  cell(totals, tab->table.total, tab->table.total_hidden);
  Response res = page.Finish();
  return res;
}

// A mission's profile: the dashboard of that mission, one page, print-ready (and as PDF).
Result<Dashboard> ProfileOf(Request& req, const RoutesDeps& d) {
  const std::string mission = req.params["mission"];
  const auto* m = d.ref->FindMission(mission);
  if (!m) return Error::NotFound();
  const policy::Actor actor = policy::ActorOf(*req.principal);
  if (!policy::Allowed(actor, policy::Action::kReadStats, mission)) return Error::Forbidden();
  return d.stats->Profile(policy::ScopeOf(actor), mission);
}

Response Profile(Request& req, const RoutesDeps& d) {
  auto v = ProfileOf(req, d);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  const auto& c = d.templates->catalog();
  auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
  const std::string mission = v->filters.mission;
  http::Page page(*d.templates, req, "stats.profile.title", std::string(kTpl) + "profile.tpl");
  auto& t = page.content();
  t.SetValue("MISSION", MissionLabel(d, mission));
  t.SetValue("CODE", mission);
  t.SetValue("AS_OF", FormatLocalTime(v->as_of, "Asia/Jakarta") + " WIB");
  t.SetValue("PDF", "/konsol/statistik/perwakilan/" + mission + "/profil.pdf");
  t.SetValue("DASHBOARD", "/konsol/statistik?mission=" + http::UrlEncode(mission));
  t.SetIntValue("TOTAL", static_cast<long>(v->total));
  t.SetIntValue("EXPIRING", static_cast<long>(v->passports_expiring));
  t.SetIntValue("EXPIRED", static_cast<long>(v->passports_expired));
  int64_t reports = 0;
  for (const auto& p : v->trend) reports += p.reports;
  t.SetIntValue("REPORTS_30", static_cast<long>(reports));
  Bars(t, "CATEGORY_BAR", v->by_category, v->total, [&](const std::string& k) { return T("category." + k); });
  Bars(t, "PROVINCE_BAR", v->by_province, v->total, [&](const std::string& k) { return ProvinceLabel(d, k); }, false, 10);
  Bars(t, "AGE_BAR", v->by_age_band, v->total, [](const std::string& k) { return k.empty() ? "—" : k; }, true);
  // Migrant workers by the employer's sector: only formal/informal is collected (Lapor
  // Diri asks for the employer's name, not an industry), and the page says so.
  int64_t pmi = 0;
  for (const auto& [k, n] : v->pmi_sectors) pmi += n;
  Bars(t, "SECTOR_BAR", v->pmi_sectors, pmi, [&](const std::string& k) {
    return k.empty() ? T("stats.sector.unknown") : T("stats.sector." + k);
  });
  // The open protection caseload, by category and state (counts only).
  int64_t open = 0;
  for (const auto& [k, n] : v->open_cases) {
    open += n;
    auto* row = t.AddSectionDictionary("CASE_ROW");
    row->SetValue("CATEGORY", T("protection.category." + k.first));
    row->SetValue("STATE", T("protection.state." + k.second));
    row->SetIntValue("N", static_cast<long>(n));
  }
  t.SetIntValue("OPEN_CASES", static_cast<long>(open));
  if (open == 0) t.ShowSection("NO_CASES");
  return page.Finish();
}

Response ProfilePdfRoute(Request& req, const RoutesDeps& d) {
  auto v = ProfileOf(req, d);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  auto audited = d.audit->Record(policy::ActorOf(*req.principal), "stats_export", 0, "statistik",
                                 req.remote_ip, req.request_id,
                                 {{"format", "pdf"}, {"profile", v->filters.mission}});
  if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
  auto pdf = ProfilePdf(*v, d, req.lang);
  if (!pdf.ok()) return http::ErrorResponse(req, pdf.error(), *d.templates);
  Response res = Response::Text(std::move(pdf.value()), "application/pdf");
  res.Set("Content-Disposition",
          "attachment; filename=\"profil-" + v->filters.mission + ".pdf\"");
  return res;
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  RegisterApiRoutes(r, d);
  r.Get("/konsol/statistik", Access::kSignedIn, [d](Request& req) { return DashboardPage(req, d); },
        "Statistics dashboard: totals, trend, breakdowns, world map, filters in the URL, live "
        "updates (staff: HQ every mission, mission staff their own)");
  r.Get("/konsol/statistik/perwakilan/:mission", Access::kSignedIn,
        [d](Request& req) { return Profile(req, d); },
        "A mission's one-page profile, print-ready (HQ, the mission's staff)");
  r.Get("/konsol/statistik/perwakilan/:mission/profil.pdf", Access::kSignedIn,
        [d](Request& req) { return ProfilePdfRoute(req, d); },
        "A mission's profile as PDF (HQ, the mission's staff; audited)");
  r.Get("/statistik", Access::kPublic, [d](Request& req) { return PublicPage(req, d); },
        "Open data: citizens abroad by country and category, small cells suppressed");
}

}  // namespace peduli::stats
