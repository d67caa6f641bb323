// Uploads are judged by content (libmagic), never by name; multipart bodies are split into
// fields and files; files are stored once per content.
#include "modules/services/documents.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "http/multipart.h"
#include "support/test_db.h"

namespace peduli::services {
namespace {

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\x08\x06\0\0\0\x1f\x15\xc4\x89", 33);
const std::string kJpeg = std::string("\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 20) + std::string(64, '\0');

TEST(Documents, AcceptsPdfJpegPngByContent) {
  EXPECT_EQ(*CheckDocument("doc.x", kPdf), "application/pdf");
  EXPECT_EQ(*CheckDocument("doc.x", kPng), "image/png");
  EXPECT_EQ(*CheckDocument("doc.x", kJpeg), "image/jpeg");
}

TEST(Documents, RefusesAnExecutableNamedPdf) {
  // An ELF header: whatever the name or declared type, the content decides.
  std::string elf("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0", 24);
  elf += std::string(200, '\0');
  auto r = CheckDocument("doc.passport", elf);
  ASSERT_FALSE(r.ok());
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "doc.passport");
  EXPECT_EQ(r.error().fields[0].key, "err.services.file_type");
  // A Windows executable too, and plain text.
  EXPECT_FALSE(CheckDocument("d", "MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff" + std::string(100, '\0')).ok());
  EXPECT_FALSE(CheckDocument("d", "just some text, not a PDF").ok());
}

TEST(Documents, RefusesEmptyAndOversized) {
  EXPECT_EQ(CheckDocument("d", "").error().fields[0].key, "err.services.file_empty");
  std::string big = kPdf + std::string(kMaxDocumentBytes, ' ');
  EXPECT_EQ(CheckDocument("d", big).error().fields[0].key, "err.services.file_size");
}

TEST(Documents, ContentAddressedStorage) {
  const std::string dir = peduli::testing::MakeTempDir();
  DocumentFiles files(dir + "/documents");
  auto a = files.Put(kPdf);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_EQ(*files.Put(kPdf), *a);  // same bytes, same name, stored once
  EXPECT_TRUE(std::filesystem::exists(dir + "/documents/" + a->substr(0, 2) + "/" + *a));
  EXPECT_EQ(*files.Get(*a), kPdf);
  EXPECT_FALSE(files.Get(std::string(64, '0')).ok());
  EXPECT_FALSE(files.Get("../../etc/passwd").ok());
  std::filesystem::remove_all(dir);
}

TEST(Multipart, SplitsFieldsAndFiles) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntoken123\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"doc.photo\"; filename=\"a b.png\"\r\n"
      "Content-Type: image/png\r\n\r\n" + kPng + "\r\n"
      "--XyZ--\r\n";
  auto parts = http::ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts.has_value());
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "_csrf");
  EXPECT_EQ((*parts)[0].data, "token123");
  EXPECT_EQ((*parts)[1].name, "doc.photo");
  EXPECT_EQ((*parts)[1].file_name, "a b.png");
  EXPECT_EQ((*parts)[1].data, kPng);
  EXPECT_FALSE(http::ParseMultipart("application/json", body).has_value());
  EXPECT_FALSE(http::ParseMultipart("multipart/form-data; boundary=XyZ", "--XyZ\r\nbroken").has_value());
}

}  // namespace
}  // namespace peduli::services
