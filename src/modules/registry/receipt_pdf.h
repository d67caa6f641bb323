#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.h"

namespace peduli::registry {

// The content of a "Bukti Lapor Diri" receipt. Every string is final display text: the
// caller translates and formats it. Strings are UTF-8 and are drawn as plain text (never
// parsed as Pango markup); invalid UTF-8 sequences are drawn as U+FFFD.
struct ReceiptPdf {
  std::string title;     // "Bukti Lapor Diri"; also the PDF's metadata title
  std::string subtitle;  // "Kementerian Luar Negeri Republik Indonesia"
  std::vector<std::pair<std::string, std::string>> rows;  // label, value
  std::string verify_url;  // absolute URL encoded into the QR code
  std::string qr_caption;  // drawn under the QR code
  std::string footer;      // "Dicetak 27-11-2026 10:00 WIB"
};

// Renders `r` as a one-page A4 portrait PDF and returns its bytes.
//
// Long values wrap inside their column. A value is cut with an ellipsis after a number of
// lines, and the table's font shrinks (down to 7 pt) until everything fits on the page.
// Errors: Internal when the content still does not fit, when the QR code cannot be built
// (e.g. an empty or over-long `verify_url`), or when cairo reports a failure.
//
// Thread-safe: each call uses its own cairo surface and a per-thread Pango font map, so
// any number of threads may render at once.
Result<std::string> RenderReceiptPdf(const ReceiptPdf& r);

}  // namespace peduli::registry
