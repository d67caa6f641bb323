#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/election/model.h"
#include "store/election_store.h"

namespace peduli::election {

// Which file: the one sent to KPU (whole NIK, birth date, address) or the printed list for
// public announcement (NIK masked to its last 4 digits, no birth date or address).
enum class ExportKind { kKpu, kPrinted };

// "************1234"; shorter NIKs are masked whole.
std::string MaskNik(const std::string& nik);

// The CSV header line of a kind.
std::string CsvHeader(ExportKind kind);

// A version's voters as CSV in the KPU layout (unit, number within the unit), RFC 4180
// quoting, CRLF, formula-escaped cells (audit::AppendCsvCell), one page of voters per
// Next(): the header line first (unless `header` is false), nullopt at the end. Memory stays
// flat whatever the list's size; the HTTP layer streams the pieces as they come. The bytes
// depend only on the stored version, so the same version always exports the same file.
class CsvPages {
 public:
  CsvPages(store::ElectionStore* store, Version v, ExportKind kind, bool header = true,
           int page_size = 5000);
  Result<std::optional<std::string>> Next();

 private:
  store::ElectionStore* store_;
  Version v_;
  ExportKind kind_;
  bool header_;
  int page_size_;
  bool done_ = false;
  std::string unit_;  // the last page's last voter
  int64_t seq_ = 0;
};

// Writes every page of CsvPages to `sink`.
Status WriteCsv(store::ElectionStore& store, const Version& v, ExportKind kind,
                const std::function<void(std::string_view)>& sink, bool header = true);

// Writes several versions (the whole list: every PPLN's latest) as one CSV file at `path`,
// one header, in the given order. Up to `workers` threads each take the next version and
// write it to a temporary file beside `path`; the files are appended in order at the end
// (copy_file_range, no copy through memory). Each worker holds one page of voters, so memory
// stays flat; the database's pool must allow `workers` connections.
Status WriteCsvFile(store::ElectionStore& store, const std::vector<Version>& versions,
                    ExportKind kind, const std::string& path, int workers);

// Writes the version as an XLSX workbook at `path`: a summary sheet (voters by method and
// sex, per unit), then one sheet per TPSLN/KSK/POS unit. Constant-memory mode: rows go to
// disk as they are written. The document's dates are the version's snapshot time.
Status WriteXlsx(store::ElectionStore& store, const Version& v, ExportKind kind,
                 const std::string& path);

}  // namespace peduli::election
