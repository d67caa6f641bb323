#pragma once

#include <xlsxwriter.h>

#include <functional>
#include <string>

#include "core/result.h"

namespace peduli::http {

// A small workbook of one sheet, built in a temporary file (libxlsxwriter writes files only)
// in constant-memory mode and returned as bytes; the file is removed either way. `fill`
// writes the sheet's rows in order; `bold` is a bold format of the workbook. Strings are
// written with worksheet_write_string, so a cell is never a formula. For exports that fit in
// memory (dashboards, manifests); the long lists stream their own files.
Result<std::string> XlsxBytes(const std::string& sheet,
                              const std::function<void(lxw_worksheet* ws, lxw_format* bold)>& fill);

}  // namespace peduli::http
