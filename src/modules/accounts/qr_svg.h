#pragma once

#include <string>

namespace peduli::accounts {

// `text` as a QR code (error correction M) in an SVG element to place inline in a page: no
// script, no style attribute (the CSP allows neither), dark modules as one path with a
// four-module quiet zone. "" if the text does not fit in a QR code.
std::string QrSvg(const std::string& text, const std::string& label);

}  // namespace peduli::accounts
