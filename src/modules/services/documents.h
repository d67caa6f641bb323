#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peduli::services {

inline constexpr int64_t kMaxDocumentBytes = 5 * 1024 * 1024;

// The MIME type of `data` judged by its content with libmagic, never by name or by what the
// client declared: "application/pdf", "image/jpeg", "image/png", or whatever else it is.
std::string SniffType(std::string_view data);
// Whether a document may be stored: a PDF, JPEG or PNG of at most 5 MB. kInvalid with
// field `field` and "err.services.file_type" / "err.services.file_size" / "err.services.file_empty".
Result<std::string> CheckDocument(const std::string& field, std::string_view data);

// Uploaded documents on disk, content-addressed: <dir>/<first two hex>/<sha256 hex>. The
// same bytes are stored once; a file is written to a temporary name and renamed, so a
// reader never sees half of one.
class DocumentFiles {
 public:
  explicit DocumentFiles(std::string dir) : dir_(std::move(dir)) {}
  // Stores `data` and returns its SHA-256 (hex, libsodium crypto_hash_sha256).
  Result<std::string> Put(std::string_view data);
  // kNotFound when missing.
  Result<std::string> Get(const std::string& sha256) const;

 private:
  std::string PathOf(const std::string& sha256) const;
  std::string dir_;
};

}  // namespace peduli::services
