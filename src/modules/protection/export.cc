#include "modules/protection/export.h"

#include <xlsxwriter.h>

#include "modules/audit/service.h"

namespace peduli::protection {

CaseExportPages::CaseExportPages(ProtectionService* svc, Context ctx, store::CaseFilter f,
                                 std::string format, int page_size)
    : svc_(svc), ctx_(std::move(ctx)), f_(std::move(f)), format_(std::move(format)) {
  f_.after_due = 0;
  f_.after_id = 0;
  f_.limit = page_size;
}

Result<std::optional<std::vector<store::CaseRow>>> CaseExportPages::NextRows() {
  if (done_) return std::optional<std::vector<store::CaseRow>>();
  auto page = svc_->ExportPage(ctx_, f_, format_);
  if (!page.ok()) return page.take_error();
  if (page->next_after_id == 0) {
    done_ = true;
  } else {
    f_.after_due = page->next_after_due;
    f_.after_id = page->next_after_id;
  }
  if (page->cases.empty()) return std::optional<std::vector<store::CaseRow>>();
  return std::optional<std::vector<store::CaseRow>>(std::move(page->cases));
}

const std::vector<std::string>& ExportColumns() {
  static const std::vector<std::string> kColumns = {
      "tracking_number", "mission", "category", "priority", "state", "name", "due_utc",
      "escalation"};
  return kColumns;
}

std::vector<std::string> ExportCells(const store::CaseRow& c) {
  return {c.tracking_number, c.mission_code, c.category, c.priority, c.state, c.subject_name,
          c.due_at ? audit::IsoUtc(c.due_at) : "", std::to_string(c.escalation_level)};
}

Result<std::optional<std::string>> CaseExportPages::NextCsv() {
  std::string out;
  if (!header_done_) {
    header_done_ = true;
    for (size_t i = 0; i < ExportColumns().size(); ++i) {
      if (i) out += ',';
      out += ExportColumns()[i];
    }
    out += "\r\n";
  }
  auto rows = NextRows();
  if (!rows.ok()) return rows.take_error();
  if (!*rows) {
    if (out.empty()) return std::optional<std::string>();
    return std::optional<std::string>(std::move(out));  // the header of an empty export
  }
  for (const auto& c : **rows) {
    const auto cells = ExportCells(c);
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out += ',';
      audit::AppendCsvCell(out, cells[i]);
    }
    out += "\r\n";
  }
  return std::optional<std::string>(std::move(out));
}

Status WriteCasesXlsx(CaseExportPages& pages, const std::string& path) {
  lxw_workbook_options opts = {};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) return Error::Internal("xlsx: cannot create the workbook");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Kasus");
  lxw_row_t row = 0;
  for (size_t i = 0; i < ExportColumns().size(); ++i) {
    worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), ExportColumns()[i].c_str(), bold);
  }
  ++row;
  Status failed;
  for (;;) {
    auto rows = pages.NextRows();
    if (!rows.ok()) {
      failed = rows.take_error();
      break;
    }
    if (!*rows) break;
    for (const auto& c : **rows) {
      const auto cells = ExportCells(c);
      // Every cell as text: nothing is read as a number or a formula.
      for (size_t i = 0; i < cells.size(); ++i) {
        worksheet_write_string(ws, row, static_cast<lxw_col_t>(i), cells[i].c_str(), nullptr);
      }
      ++row;
    }
  }
  const lxw_error closed = workbook_close(wb);
  if (!failed.ok()) return failed;
  if (closed != LXW_NO_ERROR) return Error::Internal("xlsx: cannot write the workbook");
  return {};
}

}  // namespace peduli::protection
