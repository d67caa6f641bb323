#include "modules/accounts/qr_svg.h"

#include <qrencode.h>

#include <memory>

#include "http/templates.h"

namespace peduli::accounts {

std::string QrSvg(const std::string& text, const std::string& label) {
  struct Free {
    void operator()(QRcode* q) const { QRcode_free(q); }
  };
  std::unique_ptr<QRcode, Free> qr(
      QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1));
  if (!qr) return "";
  const int n = qr->width, quiet = 4, size = n + 2 * quiet;
  std::string path;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      if (qr->data[y * n + x] & 1) {
        path.append("M").append(std::to_string(x + quiet)).append(" ");
        path.append(std::to_string(y + quiet)).append("h1v1h-1z");
      }
    }
  }
  const std::string s = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
         "\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\" role=\"img\" "
         "aria-label=\"" + http::EscapeHtml(label) + "\"><rect width=\"" + s + "\" height=\"" +
         s + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace peduli::accounts
