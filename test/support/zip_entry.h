#pragma once

// One file of a ZIP archive (an XLSX workbook's sheet) read in tests, with zlib: what a
// workbook holds can only be checked once inflated.
#include <zlib.h>

#include <cstdint>
#include <optional>
#include <string>

namespace peduli::testing {

// The uncompressed bytes of `name` in the archive `zip`; nullopt when absent or unreadable.
inline std::optional<std::string> ZipEntry(const std::string& zip, const std::string& name) {
  auto u16 = [&](size_t at) -> uint32_t {
    return at + 2 <= zip.size() ? static_cast<uint8_t>(zip[at]) | (static_cast<uint8_t>(zip[at + 1]) << 8) : 0;
  };
  auto u32 = [&](size_t at) -> uint32_t { return u16(at) | (u16(at + 2) << 16); };
  if (zip.size() < 22) return std::nullopt;
  size_t eocd = zip.size() - 22;
  while (eocd > 0 && u32(eocd) != 0x06054b50) --eocd;
  if (u32(eocd) != 0x06054b50) return std::nullopt;
  const uint32_t entries = u16(eocd + 10);
  size_t at = u32(eocd + 16);
  for (uint32_t i = 0; i < entries && u32(at) == 0x02014b50; ++i) {
    const uint32_t method = u16(at + 10), csize = u32(at + 20), usize = u32(at + 24);
    const uint32_t nlen = u16(at + 28), elen = u16(at + 30), clen = u16(at + 32);
    const uint32_t local = u32(at + 42);
    if (zip.compare(at + 46, nlen, name) == 0 && nlen == name.size()) {
      const size_t data = local + 30 + u16(local + 26) + u16(local + 28);
      if (data + csize > zip.size()) return std::nullopt;
      if (method == 0) return zip.substr(data, csize);
      std::string out(usize, '\0');
      z_stream z{};
      if (inflateInit2(&z, -15) != Z_OK) return std::nullopt;
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = csize;
      z.next_out = reinterpret_cast<Bytef*>(out.data());
      z.avail_out = usize;
      const int rc = inflate(&z, Z_FINISH);
      inflateEnd(&z);
      if (rc != Z_STREAM_END) return std::nullopt;
      return out;
    }
    at += 46 + nlen + elen + clen;
  }
  return std::nullopt;
}

}  // namespace peduli::testing
