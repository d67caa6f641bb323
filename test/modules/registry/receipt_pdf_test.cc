// Checks the receipt PDF with the tools a reader would use: poppler's pdftotext, pdfinfo and
// pdftoppm, and zbarimg (zbar-tools) for the QR code.
#include "modules/registry/receipt_pdf.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace peduli::registry {
namespace {

namespace fs = std::filesystem;

ReceiptPdf SampleReceipt(const std::string& number = "LD-2026-000123") {
  return ReceiptPdf{
      .title = "Bukti Lapor Diri",
      .subtitle = "Kementerian Luar Negeri Republik Indonesia",
      .rows = {{"Nomor Lapor Diri", number},
               {"Nama Lengkap", "Siti Nur'aini Rahmawati"},
               {"Nama Pasangan", "Đặng Thị Hương"},
               {"Nama Majikan", "محمد بن عبد الله"},
               {"Negara", "Malaysia"},
               {"Kategori", "Pekerja Migran Indonesia"}},
      .verify_url = "http://127.0.0.1:8080/verify/" + number + "-3f9a2c7d1e8b4a6f9c0d2e4f",
      .qr_caption = "Pindai untuk memeriksa keaslian",
      .footer = "Dicetak 27-11-2026 10:00 WIB",
  };
}

// A fresh directory per test, removed afterwards. Paths contain no shell metacharacters.
class ReceiptPdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    dir_ = fs::path(::testing::TempDir()) /
           ("receipt_pdf_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  // Runs `cmd` with stderr discarded; returns stdout, or nullopt if it exited non-zero.
  static std::optional<std::string> Run(const std::string& cmd) {
    FILE* f = ::popen((cmd + " 2>/dev/null").c_str(), "r");
    if (f == nullptr) return std::nullopt;
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
    if (::pclose(f) != 0) return std::nullopt;
    return out;
  }

  static bool HaveTool(const std::string& name) {
    return Run("command -v " + name).has_value();
  }

  std::string Text(const std::string& pdf_path) {
    auto out = Run("pdftotext -enc UTF-8 '" + pdf_path + "' -");
    EXPECT_TRUE(out.has_value()) << "pdftotext failed on " << pdf_path;
    return out.value_or("");
  }

  std::string Info(const std::string& pdf_path) {
    auto out = Run("pdfinfo '" + pdf_path + "'");
    EXPECT_TRUE(out.has_value()) << "pdfinfo failed on " << pdf_path;
    return out.value_or("");
  }

  std::string Render(const ReceiptPdf& r) {
    auto pdf = RenderReceiptPdf(r);
    EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().message);
    return pdf.ok() ? *pdf : std::string();
  }

  fs::path dir_;
};

TEST_F(ReceiptPdfTest, IsACompletePdfFile) {
  std::string pdf = Render(SampleReceipt());
  ASSERT_GT(pdf.size(), 100u);
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  std::string tail = pdf.substr(pdf.size() - 7);
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
  EXPECT_TRUE(tail.ends_with("%%EOF")) << tail;
}

TEST_F(ReceiptPdfTest, TextIsExtractableIncludingNonAsciiNames) {
  std::string text = Text(Write("r.pdf", Render(SampleReceipt("LD-2026-000777"))));
  EXPECT_NE(text.find("Bukti Lapor Diri"), std::string::npos) << text;
  EXPECT_NE(text.find("Kementerian Luar Negeri Republik Indonesia"), std::string::npos);
  EXPECT_NE(text.find("LD-2026-000777"), std::string::npos) << text;
  EXPECT_NE(text.find("Siti Nur'aini Rahmawati"), std::string::npos) << text;
  EXPECT_NE(text.find("Đặng Thị Hương"), std::string::npos) << text;
  EXPECT_NE(text.find("محمد"), std::string::npos) << text;
  EXPECT_NE(text.find("Pindai untuk memeriksa keaslian"), std::string::npos);
  EXPECT_NE(text.find("Dicetak 27-11-2026 10:00 WIB"), std::string::npos);
}

TEST_F(ReceiptPdfTest, TextIsDrawnLiterallyNotAsMarkup) {
  ReceiptPdf r = SampleReceipt();
  r.rows.push_back({"Catatan", "<b>tebal</b> & <i>miring</i>"});
  std::string text = Text(Write("r.pdf", Render(r)));
  EXPECT_NE(text.find("<b>tebal</b> & <i>miring</i>"), std::string::npos) << text;
}

TEST_F(ReceiptPdfTest, IsOneA4PageWithTitleMetadata) {
  std::string info = Info(Write("r.pdf", Render(SampleReceipt())));
  EXPECT_NE(info.find("Pages:           1\n"), std::string::npos) << info;
  EXPECT_NE(info.find("595.276 x 841.89 pts (A4)"), std::string::npos) << info;
  EXPECT_NE(info.find("Title:           Bukti Lapor Diri\n"), std::string::npos) << info;
}

TEST_F(ReceiptPdfTest, QrCodeDecodesToTheVerifyUrl) {
  if (!HaveTool("zbarimg")) GTEST_SKIP() << "zbarimg not installed (Debian package zbar-tools)";
  ReceiptPdf r = SampleReceipt();
  std::string pdf_path = Write("r.pdf", Render(r));
  std::string png_prefix = (dir_ / "page").string();
  ASSERT_TRUE(Run("pdftoppm -r 150 -png -f 1 -l 1 -singlefile '" + pdf_path + "' '" +
                  png_prefix + "'"));
  auto decoded = Run("zbarimg --raw -q '" + png_prefix + ".png'");
  ASSERT_TRUE(decoded.has_value()) << "zbarimg found no code";
  EXPECT_EQ(*decoded, r.verify_url + "\n");
}

TEST_F(ReceiptPdfTest, LongValuesWrapAndStayOnOnePage) {
  ReceiptPdf r = SampleReceipt();
  std::string address = "AWALALAMAT";
  for (int i = 0; i < 25; ++i) address += " Jalan Persekutuan Kuala Lumpur";
  address += " AKHIRALAMAT";
  std::string token(150, 'x');  // no break opportunity: WRAP_WORD_CHAR breaks inside it
  r.rows.push_back({"Alamat", address});
  r.rows.push_back({"Token", "T" + token});
  std::string path = Write("r.pdf", Render(r));

  EXPECT_NE(Info(path).find("Pages:           1\n"), std::string::npos);
  std::string text = Text(path);
  size_t first = text.find("AWALALAMAT");
  size_t last = text.find("AKHIRALAMAT");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(last, std::string::npos) << text;
  EXPECT_NE(text.substr(first, last - first).find('\n'), std::string::npos)
      << "the address was not wrapped";
  EXPECT_EQ(text.find("T" + token), std::string::npos) << "the unbroken token was not wrapped";
  EXPECT_NE(text.find("Txxxxxxxxxx"), std::string::npos);
}

TEST_F(ReceiptPdfTest, HugeValueIsCutAndStaysOnOnePage) {
  ReceiptPdf r = SampleReceipt();
  std::string huge;
  for (int i = 0; i < 2000; ++i) huge += "kata ";
  r.rows.push_back({"Catatan", huge});
  std::string path = Write("r.pdf", Render(r));
  EXPECT_NE(Info(path).find("Pages:           1\n"), std::string::npos);
  // The elided words stay in the PDF as the ellipsis' text, so the cut is not visible to
  // pdftotext; what matters is that everything after the table is still on the page.
  std::string text = Text(path);
  EXPECT_NE(text.find("Pindai untuk memeriksa keaslian"), std::string::npos) << text;
  EXPECT_NE(text.find("Dicetak 27-11-2026 10:00 WIB"), std::string::npos) << text;
}

TEST_F(ReceiptPdfTest, TooManyRowsIsAnInternalError) {
  ReceiptPdf r = SampleReceipt();
  for (int i = 0; i < 300; ++i) r.rows.push_back({"Baris", std::to_string(i)});
  auto pdf = RenderReceiptPdf(r);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, Code::kInternal);
}

TEST_F(ReceiptPdfTest, EmptyVerifyUrlIsAnInternalError) {
  ReceiptPdf r = SampleReceipt();
  r.verify_url.clear();
  auto pdf = RenderReceiptPdf(r);
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().code, Code::kInternal);
}

TEST_F(ReceiptPdfTest, InvalidUtf8IsReplacedNotFatal) {
  ReceiptPdf r = SampleReceipt();
  r.rows.push_back({"Nama", "Budi \xff\xfe Santoso"});
  std::string text = Text(Write("r.pdf", Render(r)));
  EXPECT_NE(text.find("Budi"), std::string::npos);
  EXPECT_NE(text.find("Santoso"), std::string::npos);
}

TEST_F(ReceiptPdfTest, RendersConcurrentlyFromSeveralThreads) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 2;
  std::vector<std::string> pdfs(kThreads * kPerThread);
  std::vector<std::string> errors(pdfs.size());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        size_t k = t * kPerThread + i;
        auto pdf = RenderReceiptPdf(SampleReceipt("LD-2026-10000" + std::to_string(k)));
        if (pdf.ok()) {
          pdfs[k] = std::move(*pdf);
        } else {
          errors[k] = pdf.error().message;
        }
      }
    });
  }
  for (auto& th : threads) th.join();

  for (size_t k = 0; k < pdfs.size(); ++k) {
    ASSERT_TRUE(errors[k].empty()) << k << ": " << errors[k];
    std::string path = Write("r" + std::to_string(k) + ".pdf", pdfs[k]);
    EXPECT_NE(Info(path).find("Pages:           1\n"), std::string::npos) << k;
    EXPECT_NE(Text(path).find("LD-2026-10000" + std::to_string(k)), std::string::npos) << k;
  }
}

}  // namespace
}  // namespace peduli::registry
