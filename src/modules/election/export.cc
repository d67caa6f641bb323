#include "modules/election/export.h"

#include <xlsxwriter.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <thread>
#include <vector>

#include "modules/audit/service.h"

namespace peduli::election {

std::string MaskNik(const std::string& nik) {
  if (nik.size() <= 4) return std::string(nik.size(), '*');
  return std::string(nik.size() - 4, '*') + nik.substr(nik.size() - 4);
}

namespace {

constexpr int kPage = 5000;

std::vector<std::string> Header(ExportKind kind) {
  if (kind == ExportKind::kKpu) {
    return {"ppln", "unit", "method", "no", "nik", "nama", "jenis_kelamin", "tanggal_lahir",
            "status_perkawinan", "alamat", "kota"};
  }
  return {"ppln", "unit", "method", "no", "nik", "nama", "jenis_kelamin"};
}

std::vector<std::string> Cells(const Version& v, const store::ExportRow& e, ExportKind kind) {
  std::vector<std::string> c = {v.ppln, e.unit, e.method, std::to_string(e.seq),
                                kind == ExportKind::kKpu ? e.nik : MaskNik(e.nik), e.full_name,
                                e.sex};
  if (kind == ExportKind::kKpu) {
    c.insert(c.end(), {e.birth_date, e.marital_status, e.address, e.city});
  }
  return c;
}

// Calls `fn` for every voter of the version in (unit, number) order, a page at a time.
Status EachVoter(store::ElectionStore& store, const Version& v,
                 const std::function<Status(const store::ExportRow&)>& fn) {
  std::string unit;
  int64_t seq = 0;
  for (;;) {
    auto page = store.ExportPage(v.id, unit, seq, kPage);
    if (!page.ok()) return page.take_error();
    for (const auto& e : *page) PEDULI_TRY(fn(e));
    if (static_cast<int>(page->size()) < kPage) return Status::Ok();
    unit = page->back().unit;
    seq = page->back().seq;
  }
}

// One CSV record appended to `out`, cell by cell (no vector of cells per voter: this runs
// two million times for a whole election).
void AppendLine(std::string& out, const std::string& ppln, const store::ExportRow& e,
                ExportKind kind) {
  auto cell = [&](std::string_view value) {
    audit::AppendCsvCell(out, value);
    out += ',';
  };
  cell(ppln);
  cell(e.unit);
  cell(e.method);
  cell(std::to_string(e.seq));
  cell(kind == ExportKind::kKpu ? e.nik : MaskNik(e.nik));
  cell(e.full_name);
  if (kind == ExportKind::kKpu) {
    cell(e.sex);
    cell(e.birth_date);
    cell(e.marital_status);
    cell(e.address);
    audit::AppendCsvCell(out, e.city);
  } else {
    audit::AppendCsvCell(out, e.sex);
  }
  out += "\r\n";
}

Status XlsxError(lxw_error err) {
  return Error::Internal(std::string("xlsx: ") + lxw_strerror(err));
}

}  // namespace

std::string CsvHeader(ExportKind kind) {
  std::string line;
  const auto cells = Header(kind);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) line += ',';
    audit::AppendCsvCell(line, cells[i]);
  }
  line += "\r\n";
  return line;
}

CsvPages::CsvPages(store::ElectionStore* store, Version v, ExportKind kind, bool header,
                   int page_size)
    : store_(store), v_(std::move(v)), kind_(kind), header_(header), page_size_(page_size) {}

Result<std::optional<std::string>> CsvPages::Next() {
  if (done_) return std::optional<std::string>();
  std::string out = header_ ? CsvHeader(kind_) : std::string();
  header_ = false;
  auto page = store_->ExportPage(v_.id, unit_, seq_, page_size_);
  if (!page.ok()) return page.take_error();
  out.reserve(out.size() + page->size() * 160);
  for (const auto& e : *page) AppendLine(out, v_.ppln, e, kind_);
  if (static_cast<int>(page->size()) < page_size_) {
    done_ = true;
  } else {
    unit_ = page->back().unit;
    seq_ = page->back().seq;
  }
  return std::optional<std::string>(std::move(out));
}

Status WriteCsv(store::ElectionStore& store, const Version& v, ExportKind kind,
                const std::function<void(std::string_view)>& sink, bool header) {
  CsvPages pages(&store, v, kind, header);
  for (;;) {
    auto chunk = pages.Next();
    if (!chunk.ok()) return chunk.take_error();
    if (!chunk->has_value()) return Status::Ok();
    sink(**chunk);
  }
}

Status WriteCsvFile(store::ElectionStore& store, const std::vector<Version>& versions,
                    ExportKind kind, const std::string& path, int workers) {
  const size_t n = versions.size();
  auto part = [&](size_t i) { return path + ".part" + std::to_string(i); };
  std::vector<Status> results(n, Status::Ok());
  std::atomic<size_t> next{0};
  auto work = [&]() {
    for (size_t i = next++; i < n; i = next++) {
      std::ofstream f(part(i), std::ios::binary | std::ios::trunc);
      if (!f) {
        results[i] = Error::Internal("cannot write " + part(i));
        continue;
      }
      results[i] = WriteCsv(store, versions[i], kind,
                            [&](std::string_view c) { f.write(c.data(), c.size()); }, false);
      f.close();
      if (results[i].ok() && !f) results[i] = Error::Internal("cannot write " + part(i));
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::max(1, workers); ++t) threads.emplace_back(work);
  work();
  for (auto& t : threads) t.join();

  Status s = Status::Ok();
  for (const auto& r : results) {
    if (!r.ok()) {
      s = r;
      break;
    }
  }
  int out = s.ok() ? ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600) : -1;
  if (s.ok() && out < 0) s = Error::Internal("cannot write " + path);
  if (s.ok()) {
    const std::string header = CsvHeader(kind);
    if (::write(out, header.data(), header.size()) != static_cast<ssize_t>(header.size())) {
      s = Error::Internal("cannot write " + path);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (s.ok()) {
      int in = ::open(part(i).c_str(), O_RDONLY | O_CLOEXEC);
      if (in < 0) s = Error::Internal("cannot read " + part(i));
      for (ssize_t got = 1; s.ok() && got > 0;) {
        got = ::copy_file_range(in, nullptr, out, nullptr, 1 << 30, 0);
        if (got < 0) s = Error::Internal("cannot append " + part(i));
      }
      if (in >= 0) ::close(in);
    }
    std::remove(part(i).c_str());
  }
  if (out >= 0 && ::close(out) != 0 && s.ok()) s = Error::Internal("cannot write " + path);
  return s;
}

Status WriteXlsx(store::ElectionStore& store, const Version& v, ExportKind kind,
                 const std::string& path) {
  auto units = store.Units(v.id);
  if (!units.ok()) return units.take_error();
  auto counts = store.Counts(v.id);
  if (!counts.ok()) return counts.take_error();

  lxw_workbook_options opts = {};
  opts.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &opts);
  if (!wb) return Error::Internal("xlsx: cannot create the workbook");
  lxw_doc_properties props = {};
  props.title = const_cast<char*>("DPT LN");
  props.created = static_cast<time_t>(v.snapshot_at);
  workbook_set_properties(wb, &props);
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  // Every cell is written as text: a NIK is not a number, and no cell is a formula.
  auto text = [](lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s,
                 lxw_format* f = nullptr) { worksheet_write_string(ws, r, c, s.c_str(), f); };

  lxw_worksheet* summary = workbook_add_worksheet(wb, "Ringkasan");
  lxw_row_t row = 0;
  text(summary, row, 0, "PPLN", bold);
  text(summary, row++, 1, v.ppln);
  text(summary, row, 0, "versi", bold);
  worksheet_write_number(summary, row++, 1, static_cast<double>(v.number), nullptr);
  ++row;
  text(summary, row, 0, "method", bold);
  text(summary, row, 1, "L", bold);
  text(summary, row, 2, "P", bold);
  text(summary, row++, 3, "total", bold);
  std::map<std::string, std::map<std::string, int64_t>> by_method;
  for (const auto& c : *counts) by_method[c.method][c.sex] += c.voters;
  int64_t all_l = 0, all_p = 0, all = 0;
  for (const auto& [method, sexes] : by_method) {
    int64_t l = sexes.count("L") ? sexes.at("L") : 0, p = sexes.count("P") ? sexes.at("P") : 0;
    int64_t total = 0;
    for (const auto& [sex, n] : sexes) total += n;
    text(summary, row, 0, method);
    worksheet_write_number(summary, row, 1, static_cast<double>(l), nullptr);
    worksheet_write_number(summary, row, 2, static_cast<double>(p), nullptr);
    worksheet_write_number(summary, row++, 3, static_cast<double>(total), nullptr);
    all_l += l;
    all_p += p;
    all += total;
  }
  text(summary, row, 0, "total", bold);
  worksheet_write_number(summary, row, 1, static_cast<double>(all_l), bold);
  worksheet_write_number(summary, row, 2, static_cast<double>(all_p), bold);
  worksheet_write_number(summary, row++, 3, static_cast<double>(all), bold);
  ++row;
  text(summary, row, 0, "unit", bold);
  text(summary, row, 1, "method", bold);
  text(summary, row++, 2, "total", bold);
  for (const auto& u : *units) {
    text(summary, row, 0, u.unit);
    text(summary, row, 1, u.method);
    worksheet_write_number(summary, row++, 2, static_cast<double>(u.voters), nullptr);
  }

  const auto header = Header(kind);
  lxw_worksheet* sheet = nullptr;
  std::string current;
  Status s = EachVoter(store, v, [&](const store::ExportRow& e) {
    if (!sheet || e.unit != current) {
      current = e.unit;
      sheet = workbook_add_worksheet(wb, current.c_str());
      if (!sheet) return Status(Error::Internal("xlsx: cannot add a sheet"));
      for (size_t i = 0; i < header.size(); ++i) {
        text(sheet, 0, static_cast<lxw_col_t>(i), header[i], bold);
      }
      row = 1;
    }
    const auto cells = Cells(v, e, kind);
    for (size_t i = 0; i < cells.size(); ++i) {
      text(sheet, row, static_cast<lxw_col_t>(i), cells[i]);
    }
    ++row;
    return Status::Ok();
  });
  lxw_error err = workbook_close(wb);
  if (!s.ok()) return s;
  if (err != LXW_NO_ERROR) return XlsxError(err);
  return Status::Ok();
}

}  // namespace peduli::election
