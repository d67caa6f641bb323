#pragma once

#include <string>
#include <string_view>

namespace peduli::http {

// gzip (RFC 1952) of `data` at the given zlib level.
std::string Gzip(std::string_view data, int level = 6);

}  // namespace peduli::http
