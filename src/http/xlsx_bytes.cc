#include "http/xlsx_bytes.h"

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace peduli::http {

Result<std::string> XlsxBytes(const std::string& sheet,
                              const std::function<void(lxw_worksheet*, lxw_format*)>& fill) {
  char path[] = "/tmp/peduli-xlsx-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Error::Internal("xlsx: no temporary file");
  close(fd);
  lxw_workbook_options opts = {};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path, &opts);
  if (!wb) {
    std::remove(path);
    return Error::Internal("xlsx: cannot create workbook");
  }
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet.c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  fill(ws, bold);
  lxw_error err = workbook_close(wb);
  std::string bytes;
  if (err == LXW_NO_ERROR) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    bytes = ss.str();
  }
  std::remove(path);
  if (err != LXW_NO_ERROR) return Error::Internal(std::string("xlsx: ") + lxw_strerror(err));
  return bytes;
}

}  // namespace peduli::http
