#include "modules/registry/receipt_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib-object.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <qrencode.h>

#include <algorithm>
#include <memory>
#include <new>

namespace peduli::registry {
namespace {

// Page geometry in PDF points (the unit of a cairo PDF surface).
constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 210 * kMm;
constexpr double kPageH = 297 * kMm;
constexpr double kMargin = 20 * kMm;
constexpr double kContentW = kPageW - 2 * kMargin;

constexpr const char* kFontFamily = "DejaVu Sans";
constexpr double kTitlePt = 18;
constexpr double kSubtitlePt = 11;
constexpr double kCaptionPt = 9;
constexpr double kFooterPt = 8;
// The table starts at the first size and steps down until it fits the space left.
constexpr double kTablePts[] = {10, 9, 8, 7};
constexpr int kMaxValueLines = 8;
constexpr double kLabelW = kContentW * 0.36;
constexpr double kGutter = 4 * kMm;
constexpr double kValueW = kContentW - kLabelW - kGutter;
constexpr double kRowPad = 1.8 * kMm;

// The dark modules span this width; the quiet zone of kQrQuietModules is added around it.
constexpr double kQrSymbolW = 40 * kMm;
constexpr int kQrQuietModules = 4;
constexpr double kBlockGap = 6 * kMm;

struct CairoDeleter {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
  void operator()(cairo_t* c) const { cairo_destroy(c); }
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
  void operator()(QRcode* q) const { QRcode_free(q); }
  void operator()(gpointer o) const { g_object_unref(o); }
  void operator()(gchar* s) const { g_free(s); }
};
template <typename T>
using Owned = std::unique_ptr<T, CairoDeleter>;

// A PangoFontMap may not be used by two threads at once. One per thread keeps the fonts it
// has loaded: a warm receipt took about 2 ms with it and 4.4 ms with a new font map per call.
PangoFontMap* ThreadFontMap() {
  thread_local Owned<PangoFontMap> map(pango_cairo_font_map_new());
  return map.get();
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_NO_MEMORY;
  }
}

class Painter {
 public:
  Painter(cairo_t* cr, PangoContext* ctx) : cr_(cr), ctx_(ctx) {}

  // A layout of plain (not markup) text. `width` <= 0 means no wrapping. `max_lines` > 0
  // ends the text with an ellipsis after that many lines.
  Owned<PangoLayout> Text(const std::string& text, double pt, bool bold, double width,
                          PangoAlignment align = PANGO_ALIGN_LEFT, int max_lines = 0) {
    Owned<PangoLayout> layout(pango_layout_new(ctx_));
    Owned<PangoFontDescription> font(pango_font_description_new());
    pango_font_description_set_family_static(font.get(), kFontFamily);
    pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(font.get(), pt * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font.get());
    // The page reads left to right: a value in Arabic script is shaped right to left but
    // stays aligned with its label instead of jumping to the far edge of the column.
    pango_layout_set_auto_dir(layout.get(), FALSE);
    if (width > 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
      pango_layout_set_alignment(layout.get(), align);
      if (max_lines > 0) {
        pango_layout_set_height(layout.get(), -max_lines);
        pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
      }
    }
    Owned<gchar> valid(g_utf8_make_valid(text.data(), static_cast<gssize>(text.size())));
    pango_layout_set_text(layout.get(), valid.get(), -1);
    return layout;
  }

  static double Height(PangoLayout* layout) {
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Show(PangoLayout* layout, double x, double y, double gray) {
    cairo_set_source_rgb(cr_, gray, gray, gray);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout);
  }

  void Rule(double y, double width, double r, double g, double b) {
    cairo_set_source_rgb(cr_, r, g, b);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, kMargin, y);
    cairo_line_to(cr_, kPageW - kMargin, y);
    cairo_stroke(cr_);
  }

  // Draws `qr` with its top-left quiet-zone corner at (x, y); returns the side length.
  // Each horizontal run of dark modules is one rectangle, so a rasterizer leaves no seams
  // between modules of a run and the PDF stays small.
  double Qr(const QRcode& qr, double x, double y) {
    const double module = kQrSymbolW / qr.width;
    const double side = module * (qr.width + 2 * kQrQuietModules);
    cairo_set_source_rgb(cr_, 1, 1, 1);
    cairo_rectangle(cr_, x, y, side, side);
    cairo_fill(cr_);
    const double ox = x + module * kQrQuietModules;
    const double oy = y + module * kQrQuietModules;
    for (int row = 0; row < qr.width; ++row) {
      int col = 0;
      while (col < qr.width) {
        if (!(qr.data[row * qr.width + col] & 1)) {
          ++col;
          continue;
        }
        int end = col;
        while (end < qr.width && (qr.data[row * qr.width + end] & 1)) ++end;
        cairo_rectangle(cr_, ox + col * module, oy + row * module, (end - col) * module, module);
        col = end;
      }
    }
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_fill(cr_);
    return side;
  }

 private:
  cairo_t* cr_;
  PangoContext* ctx_;
};

struct TableRow {
  Owned<PangoLayout> label;
  Owned<PangoLayout> value;
  double height = 0;
};

std::vector<TableRow> LayOutTable(Painter& p, const ReceiptPdf& r, double pt, double* total) {
  std::vector<TableRow> rows;
  rows.reserve(r.rows.size());
  *total = 0;
  for (const auto& [label, value] : r.rows) {
    TableRow row;
    row.label = p.Text(label, pt, true, kLabelW, PANGO_ALIGN_LEFT, kMaxValueLines);
    row.value = p.Text(value, pt, false, kValueW, PANGO_ALIGN_LEFT, kMaxValueLines);
    row.height =
        std::max(Painter::Height(row.label.get()), Painter::Height(row.value.get())) + 2 * kRowPad;
    *total += row.height;
    rows.push_back(std::move(row));
  }
  return rows;
}

Status Draw(cairo_t* cr, const ReceiptPdf& r, const QRcode& qr) {
  Owned<PangoContext> ctx(pango_font_map_create_context(ThreadFontMap()));
  // Vector output: no hinting, and unrounded glyph positions, so text looks as designed.
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options(ctx.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(ctx.get(), FALSE);
  pango_cairo_update_context(cr, ctx.get());
  Painter p(cr, ctx.get());

  double y = kMargin;
  auto title = p.Text(r.title, kTitlePt, true, kContentW);
  p.Show(title.get(), kMargin, y, 0.05);
  y += Painter::Height(title.get()) + 1 * kMm;
  auto subtitle = p.Text(r.subtitle, kSubtitlePt, false, kContentW);
  p.Show(subtitle.get(), kMargin, y, 0.3);
  y += Painter::Height(subtitle.get()) + 3 * kMm;
  p.Rule(y, 1.2, 0.78, 0.06, 0.18);
  y += kBlockGap;

  auto footer = p.Text(r.footer, kFooterPt, false, kContentW, PANGO_ALIGN_CENTER, 3);
  const double footer_h = Painter::Height(footer.get());
  const double footer_y = kPageH - kMargin - footer_h;
  auto caption = p.Text(r.qr_caption, kCaptionPt, false, kContentW, PANGO_ALIGN_CENTER, 3);
  const double qr_side = kQrSymbolW / qr.width * (qr.width + 2 * kQrQuietModules);
  const double qr_block_h = qr_side + 1 * kMm + Painter::Height(caption.get());
  const double table_room = footer_y - kBlockGap - qr_block_h - kBlockGap - y;

  std::vector<TableRow> rows;
  double table_h = 0;
  for (double pt : kTablePts) {
    rows = LayOutTable(p, r, pt, &table_h);
    if (table_h <= table_room) break;
  }
  if (table_h > table_room) return Error::Internal("receipt content does not fit on one page");

  for (const TableRow& row : rows) {
    p.Show(row.label.get(), kMargin, y + kRowPad, 0.15);
    p.Show(row.value.get(), kMargin + kLabelW + kGutter, y + kRowPad, 0.0);
    y += row.height;
    p.Rule(y, 0.4, 0.8, 0.8, 0.8);
  }
  y += kBlockGap;

  p.Qr(qr, (kPageW - qr_side) / 2, y);
  y += qr_side + 1 * kMm;
  p.Show(caption.get(), kMargin, y, 0.3);

  p.Rule(footer_y - 2 * kMm, 0.4, 0.6, 0.6, 0.6);
  p.Show(footer.get(), kMargin, footer_y, 0.4);
  return Status::Ok();
}

}  // namespace

Result<std::string> RenderReceiptPdf(const ReceiptPdf& r) {
  if (r.verify_url.empty()) return Error::Internal("receipt has no verify URL");
  Owned<QRcode> qr(QRcode_encodeData(static_cast<int>(r.verify_url.size()),
                                     reinterpret_cast<const unsigned char*>(r.verify_url.data()),
                                     0, QR_ECLEVEL_M));
  if (!qr) return Error::Internal("cannot encode the verify URL as a QR code");

  std::string pdf;
  Owned<cairo_surface_t> surface(
      cairo_pdf_surface_create_for_stream(AppendToString, &pdf, kPageW, kPageH));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal("cannot create a PDF surface");
  }
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, r.title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Peduli WNI");

  {
    Owned<cairo_t> cr(cairo_create(surface.get()));
    Status drawn = Draw(cr.get(), r, *qr);
    if (!drawn.ok()) return drawn.take_error();
    cairo_show_page(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS) {
      return Error::Internal(std::string("cairo: ") + cairo_status_to_string(cairo_status(cr.get())));
    }
  }
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    return Error::Internal(std::string("cairo: ") +
                           cairo_status_to_string(cairo_surface_status(surface.get())));
  }
  return pdf;
}

}  // namespace peduli::registry
