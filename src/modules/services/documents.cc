#include "modules/services/documents.h"

#include <magic.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace peduli::services {
namespace {

// One libmagic cookie per thread: magic_t is not thread-safe, loading the database costs a
// few milliseconds, so it is loaded once per thread and kept.
struct Magic {
  magic_t cookie = nullptr;
  Magic() {
    cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF);
    if (cookie && magic_load(cookie, nullptr) != 0) {
      magic_close(cookie);
      cookie = nullptr;
    }
  }
  ~Magic() {
    if (cookie) magic_close(cookie);
  }
};

bool Allowed(const std::string& type) {
  return type == "application/pdf" || type == "image/jpeg" || type == "image/png";
}

}  // namespace

std::string SniffType(std::string_view data) {
  thread_local Magic m;
  if (!m.cookie) return "application/octet-stream";
  const char* t = magic_buffer(m.cookie, data.data(), data.size());
  return t ? t : "application/octet-stream";
}

Result<std::string> CheckDocument(const std::string& field, std::string_view data) {
  if (data.empty()) return Error::Invalid(field, "err.services.file_empty");
  if (static_cast<int64_t>(data.size()) > kMaxDocumentBytes) {
    return Error::Invalid(field, "err.services.file_size");
  }
  std::string type = SniffType(data);
  if (!Allowed(type)) return Error::Invalid(field, "err.services.file_type");
  return type;
}

std::string DocumentFiles::PathOf(const std::string& sha) const {
  return dir_ + "/" + sha.substr(0, 2) + "/" + sha;
}

Result<std::string> DocumentFiles::Put(std::string_view data) {
  const std::string sha = crypto::Sha256Hex(data);
  const std::string path = PathOf(sha);
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return sha;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Error::Unavailable("services.storage");
  const std::string tmp = path + ".tmp-" + crypto::RandomToken(8);
  {
    std::ofstream out(tmp, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    out.flush();
    if (!out) {
      std::filesystem::remove(tmp, ec);
      return Error::Unavailable("services.storage");
    }
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Error::Unavailable("services.storage");
  return sha;
}

Result<std::string> DocumentFiles::Get(const std::string& sha) const {
  if (sha.size() != 64 || sha.find_first_not_of("0123456789abcdef") != std::string::npos) {
    return Error::NotFound();
  }
  std::ifstream in(PathOf(sha), std::ios::binary);
  if (!in) return Error::NotFound();
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace peduli::services
