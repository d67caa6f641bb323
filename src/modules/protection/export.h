#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "modules/protection/service.h"

namespace peduli::protection {

// The console's case list export: every case under the queue's filter, not one screen of
// it. Read a keyset page at a time through ProtectionService::ExportPage, so each page is
// masked as the queue and audited before it leaves, and memory stays flat however many
// cases match.
class CaseExportPages {
 public:
  CaseExportPages(ProtectionService* svc, Context ctx, store::CaseFilter f, std::string format,
                  int page_size = 500);
  // The next page's rows (names masked where the actor may not see them); nullopt at the
  // end.
  Result<std::optional<std::vector<store::CaseRow>>> NextRows();
  // CSV: the header line with the first page, then one page of lines per call (RFC 4180,
  // CRLF, formula-escaped cells); nullopt at the end.
  Result<std::optional<std::string>> NextCsv();

 private:
  ProtectionService* svc_;
  Context ctx_;
  store::CaseFilter f_;
  std::string format_;
  bool header_done_ = false;
  bool done_ = false;
};

// The columns of both formats.
const std::vector<std::string>& ExportColumns();
// One case's cells, in ExportColumns() order.
std::vector<std::string> ExportCells(const store::CaseRow& c);

// Writes every page as an XLSX workbook at `path` (one sheet "Kasus", every cell text;
// constant-memory mode: rows go to disk as they are written).
Status WriteCasesXlsx(CaseExportPages& pages, const std::string& path);

}  // namespace peduli::protection
