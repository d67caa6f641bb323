#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "modules/election/model.h"
#include "store/election_store.h"

namespace peduli::election {

// Which file: the one sent to KPU (whole NIK, birth date, address) or the printed list for
// public announcement (NIK masked to its last 4 digits, no birth date or address).
enum class ExportKind { kKpu, kPrinted };

// "************1234"; shorter NIKs are masked whole.
std::string MaskNik(const std::string& nik);

// Writes the version's voters as CSV in the KPU layout (unit, number within the unit), RFC
// 4180 quoting, CRLF, formula-escaped cells (audit::CsvCell), in pages: memory stays flat
// whatever the list's size. The bytes depend only on the stored version, so the same
// version always exports the same file.
Status WriteCsv(store::ElectionStore& store, const Version& v, ExportKind kind,
                const std::function<void(std::string_view)>& sink);

// Writes the version as an XLSX workbook at `path`: a summary sheet (voters by method and
// sex, per unit), then one sheet per TPSLN/KSK/POS unit. Constant-memory mode: rows go to
// disk as they are written. The document's dates are the version's snapshot time.
Status WriteXlsx(store::ElectionStore& store, const Version& v, ExportKind kind,
                 const std::string& path);

}  // namespace peduli::election
