// The exports of a dashboard view (CSV, XLSX) and a mission's one-page profile (PDF).
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/date.h"
#include "http/xlsx_bytes.h"
#include "modules/audit/service.h"
#include "modules/stats/common.h"

namespace peduli::stats {
namespace {

// The rows every export holds: (section, value, label, count), in the dashboard's order.
struct Line {
  std::string section, value, label;
  int64_t n = 0;
};

std::vector<Line> Lines(const Dashboard& v, const RoutesDeps& d, const std::string& lang) {
  const auto& c = d.templates->catalog();
  std::vector<Line> out;
  auto add = [&](const std::string& section, const std::map<std::string, int64_t>& m,
                 const std::function<std::string(const std::string&)>& label) {
    for (const auto& [k, n] : m) out.push_back({section, k, label(k), n});
  };
  out.push_back({"total", "", c.Text(lang, "stats.total"), v.total});
  out.push_back({"passport", "expiring", c.Text(lang, "stats.passport.expiring"), v.passports_expiring});
  out.push_back({"passport", "expired", c.Text(lang, "stats.passport.expired"), v.passports_expired});
  add("category", v.by_category, [&](const std::string& k) { return c.Text(lang, "category." + k); });
  add("sex", v.by_sex, [&](const std::string& k) { return k.empty() ? "—" : c.Text(lang, "sex." + k); });
  add("age_band", v.by_age_band, [](const std::string& k) { return k.empty() ? "—" : k; });
  add("state", v.by_state, [&](const std::string& k) { return c.Text(lang, "console.state." + k); });
  add("province", v.by_province, [&](const std::string& k) { return ProvinceLabel(d, k); });
  add("country", v.by_country, [&](const std::string& k) { return CountryLabel(d, k, lang); });
  add("mission", v.by_mission, [&](const std::string& k) { return MissionLabel(d, k); });
  for (const auto& p : v.trend) {
    out.push_back({"reports_per_day", p.date, p.date, p.reports});
    out.push_back({"departures_per_day", p.date, p.date, p.departures});
    out.push_back({"returns_per_day", p.date, p.date, p.returns});
  }
  return out;
}

// Header rows: title, time of the data, scope and every filter (key, value).
std::vector<std::pair<std::string, std::string>> HeaderRows(const Dashboard& v) {
  std::vector<std::pair<std::string, std::string>> out = {
      {"Peduli WNI", "statistik WNI di luar negeri / statistics of citizens abroad"},
      {"as_of", audit::IsoUtc(v.as_of)},
      {"scope", v.scope.empty() ? "all missions" : v.scope}};
  for (const auto& [k, val] : v.filters.Pairs()) out.emplace_back("filter:" + k, val);
  if (!v.trend_ignores.empty()) {
    std::string names;
    for (const auto& k : v.trend_ignores) names += (names.empty() ? "" : " ") + k;
    out.emplace_back("trend_ignores", names + " (per-day rows are per mission only / baris per hari hanya per perwakilan)");
  }
  return out;
}

void AddCsvRow(std::string& out, std::initializer_list<std::string> cells) {
  bool first = true;
  for (const auto& c : cells) {
    if (!first) out += ',';
    audit::AppendCsvCell(out, c);
    first = false;
  }
  out += "\r\n";
}

}  // namespace

std::string ViewCsv(const Dashboard& v, const RoutesDeps& d, const std::string& lang) {
  std::string out;
  for (const auto& [k, val] : HeaderRows(v)) AddCsvRow(out, {k, val});
  out += "\r\n";
  AddCsvRow(out, {"section", "value", "label", "count"});
  for (const auto& l : Lines(v, d, lang)) AddCsvRow(out, {l.section, l.value, l.label, std::to_string(l.n)});
  return out;
}

Result<std::string> ViewXlsx(const Dashboard& v, const RoutesDeps& d, const std::string& lang) {
  return http::XlsxBytes("statistik", [&](lxw_worksheet* ws, lxw_format* bold) {
    lxw_row_t row = 0;
    for (const auto& [k, val] : HeaderRows(v)) {
      worksheet_write_string(ws, row, 0, k.c_str(), bold);
      worksheet_write_string(ws, row, 1, val.c_str(), nullptr);
      ++row;
    }
    ++row;
    const char* head[] = {"section", "value", "label", "count"};
    for (lxw_col_t c = 0; c < 4; ++c) worksheet_write_string(ws, row, c, head[c], bold);
    ++row;
    for (const auto& l : Lines(v, d, lang)) {
      worksheet_write_string(ws, row, 0, l.section.c_str(), nullptr);
      worksheet_write_string(ws, row, 1, l.value.c_str(), nullptr);
      worksheet_write_string(ws, row, 2, l.label.c_str(), nullptr);
      worksheet_write_number(ws, row, 3, static_cast<double>(l.n), nullptr);
      ++row;
    }
  });
}

namespace {

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

Result<std::string> ProfilePdf(const Dashboard& v, const RoutesDeps& d, const std::string& lang) {
  const auto& c = d.templates->catalog();
  constexpr double kMm = 72.0 / 25.4, kW = 210 * kMm, kH = 297 * kMm, kMargin = 18 * kMm;
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(Append, &out, kW, kH);
  cairo_t* cr = cairo_create(surface);
  // A PangoFontMap is not for two threads at once: one per thread (as the receipt does).
  thread_local PangoFontMap* font_map = pango_cairo_font_map_new();
  PangoContext* context = pango_font_map_create_context(font_map);
  pango_cairo_update_context(cr, context);
  PangoLayout* layout = pango_layout_new(context);
  pango_layout_set_width(layout, static_cast<int>((kW - 2 * kMargin) * PANGO_SCALE));
  double y = kMargin;
  auto text = [&](const std::string& s, double pt, bool bold) {
    PangoFontDescription* f = pango_font_description_new();
    pango_font_description_set_family(f, "DejaVu Sans");
    pango_font_description_set_size(f, static_cast<int>(pt * PANGO_SCALE));
    if (bold) pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(layout, f);
    pango_font_description_free(f);
    pango_layout_set_text(layout, s.c_str(), -1);
    int w = 0, h = 0;
    pango_layout_get_pixel_size(layout, &w, &h);
    if (y + h > kH - kMargin) return;  // one page: what does not fit is left out
    cairo_move_to(cr, kMargin, y);
    pango_cairo_show_layout(cr, layout);
    y += h + 2;
  };
  const std::string mission = v.filters.mission;
  text(c.Text(lang, "stats.profile.title") + ": " + MissionLabel(d, mission), 16, true);
  text(mission + " · " + c.Text(lang, "stats.as_of") + " " + audit::IsoUtc(v.as_of), 9, false);
  y += 6;
  text(c.Text(lang, "stats.total") + ": " + std::to_string(v.total), 12, true);
  text(c.Text(lang, "stats.passport.expiring") + ": " + std::to_string(v.passports_expiring) +
           " · " + c.Text(lang, "stats.passport.expired") + ": " +
           std::to_string(v.passports_expired), 10, false);
  y += 6;
  text(c.Text(lang, "stats.by_category"), 12, true);
  for (const auto& [k, n] : v.by_category) text(c.Text(lang, "category." + k) + ": " + std::to_string(n), 10, false);
  y += 6;
  text(c.Text(lang, "stats.pmi_sectors"), 12, true);
  for (const auto& [k, n] : v.pmi_sectors) {
    text(c.Text(lang, k.empty() ? "stats.sector.unknown" : "stats.sector." + k) + ": " + std::to_string(n), 10, false);
  }
  text(c.Text(lang, "stats.pmi_sectors_note"), 8, false);
  y += 6;
  int64_t open = 0;
  for (const auto& [k, n] : v.open_cases) open += n;
  text(c.Text(lang, "stats.caseload") + " · " + c.Text(lang, "stats.caseload_open") + ": " + std::to_string(open), 12, true);
  for (const auto& [k, n] : v.open_cases) {
    text(c.Text(lang, "protection.category." + k.first) + " · " +
             c.Text(lang, "protection.state." + k.second) + ": " + std::to_string(n), 10, false);
  }
  y += 6;
  text(c.Text(lang, "stats.by_province"), 12, true);
  std::vector<std::pair<int64_t, std::string>> provinces;
  for (const auto& [k, n] : v.by_province) provinces.push_back({n, k});
  std::sort(provinces.rbegin(), provinces.rend());
  for (size_t i = 0; i < provinces.size() && i < 10; ++i) {
    text(ProvinceLabel(d, provinces[i].second) + ": " + std::to_string(provinces[i].first), 10, false);
  }
  y += 6;
  text(c.Text(lang, "stats.by_age_band"), 12, true);
  for (const auto& [k, n] : v.by_age_band) text((k.empty() ? "—" : k) + ": " + std::to_string(n), 10, false);
  g_object_unref(layout);
  g_object_unref(context);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Error::Internal("pdf: cairo failed");
  return out;
}

}  // namespace peduli::stats
