// The evacuation manifest as PDF: A4 landscape pages with a repeated header row, drawn with
// cairo and pango like the Lapor Diri receipt (registry/receipt_pdf.cc).
#include <cairo-pdf.h>
#include <cairo.h>
#include <glib-object.h>
#include <pango/pangocairo.h>

#include <memory>
#include <new>

#include "modules/crisis/evacuation.h"

namespace peduli::crisis {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 297 * kMm;
constexpr double kPageH = 210 * kMm;
constexpr double kMargin = 12 * kMm;
constexpr double kContentW = kPageW - 2 * kMargin;
constexpr const char* kFontFamily = "DejaVu Sans";
constexpr double kTitlePt = 14;
constexpr double kCellPt = 8.5;
constexpr double kPad = 1.2 * kMm;
// Column widths as shares of the content width: No, name, relation, document, number, birth
// date, destination, SPLP.
constexpr double kCols[] = {0.04, 0.24, 0.10, 0.08, 0.13, 0.10, 0.23, 0.08};

struct Deleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_t* c) const { cairo_destroy(c); }
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
  void operator()(gpointer o) const { g_object_unref(o); }
};
template <typename T>
using Owned = std::unique_ptr<T, Deleter>;

PangoFontMap* ThreadFontMap() {
  thread_local Owned<PangoFontMap> map(pango_cairo_font_map_new());
  return map.get();
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_NO_MEMORY;
  }
}

Owned<PangoLayout> Layout(PangoContext* ctx, const std::string& text, double pt, bool bold,
                          double width) {
  Owned<PangoLayout> layout(pango_layout_new(ctx));
  Owned<PangoFontDescription> font(pango_font_description_new());
  pango_font_description_set_family_static(font.get(), kFontFamily);
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size(font.get(), pt * PANGO_SCALE);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  // Invalid UTF-8 would make pango warn and draw boxes: replace it first.
  std::string valid = g_utf8_validate(text.data(), static_cast<gssize>(text.size()), nullptr)
                          ? text : std::string("?");
  pango_layout_set_text(layout.get(), valid.c_str(), -1);
  return layout;
}

double HeightOf(PangoLayout* l) {
  int w = 0, h = 0;
  pango_layout_get_size(l, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

}  // namespace

Result<std::string> ManifestPdf(const http::Catalog& texts, const Manifest& m, const std::string& lang) {
  std::string pdf;
  Owned<cairo_surface_t> surface(cairo_pdf_surface_create_for_stream(Append, &pdf, kPageW, kPageH));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("cannot create a PDF surface");
  }
  const std::string title = ManifestTitle(texts, m, lang);
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Peduli WNI");
  {
    Owned<cairo_t> cr(cairo_create(surface.get()));
    Owned<PangoContext> ctx(pango_font_map_create_context(ThreadFontMap()));
    pango_cairo_update_context(cr.get(), ctx.get());
    auto row_of = [&](const std::vector<std::string>& cells, bool bold) {
      std::vector<Owned<PangoLayout>> out;
      for (size_t c = 0; c < cells.size() && c < std::size(kCols); ++c) {
        out.push_back(Layout(ctx.get(), cells[c], kCellPt, bold, kCols[c] * kContentW - 2 * kPad));
      }
      return out;
    };
    auto height_of = [](const std::vector<Owned<PangoLayout>>& row) {
      double h = 0;
      for (const auto& l : row) h = std::max(h, HeightOf(l.get()));
      return h + 2 * kPad;
    };
    auto draw_row = [&](const std::vector<Owned<PangoLayout>>& row, double y, double h, bool head) {
      if (head) {
        cairo_set_source_rgb(cr.get(), 0.92, 0.92, 0.92);
        cairo_rectangle(cr.get(), kMargin, y, kContentW, h);
        cairo_fill(cr.get());
      }
      double x = kMargin;
      for (size_t c = 0; c < row.size(); ++c) {
        cairo_set_source_rgb(cr.get(), 0, 0, 0);
        cairo_move_to(cr.get(), x + kPad, y + kPad);
        pango_cairo_show_layout(cr.get(), row[c].get());
        x += kCols[c] * kContentW;
      }
      cairo_set_source_rgb(cr.get(), 0.7, 0.7, 0.7);
      cairo_set_line_width(cr.get(), 0.4);
      cairo_move_to(cr.get(), kMargin, y + h);
      cairo_line_to(cr.get(), kMargin + kContentW, y + h);
      cairo_stroke(cr.get());
    };
    const auto header = row_of(ManifestHeader(texts, lang), true);
    const double header_h = height_of(header);
    int page = 0;
    double y = 0;
    auto new_page = [&] {
      if (page > 0) cairo_show_page(cr.get());
      ++page;
      y = kMargin;
      auto t = Layout(ctx.get(), title + (page > 1 ? " (" + std::to_string(page) + ")" : ""),
                      kTitlePt, true, kContentW);
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      cairo_move_to(cr.get(), kMargin, y);
      pango_cairo_show_layout(cr.get(), t.get());
      y += HeightOf(t.get()) + 3 * kMm;
      draw_row(header, y, header_h, true);
      y += header_h;
    };
    new_page();
    size_t n = 0;
    for (const auto& l : m.lines) {
      auto row = row_of(ManifestCells(texts, l, ++n, lang), false);
      const double h = height_of(row);
      if (y + h > kPageH - kMargin) new_page();
      draw_row(row, y, h, false);
      y += h;
    }
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("cairo: cannot finish the PDF");
  }
  return pdf;
}

}  // namespace peduli::crisis
