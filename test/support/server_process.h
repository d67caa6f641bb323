#pragma once

#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

namespace peduli::testing {

struct HttpResult {
  long status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; last value wins
  std::vector<std::string> set_cookies;
  std::string body;
};

// A blocking HTTP/1.1 client on libcurl, for tests.
HttpResult HttpCall(const std::string& method, const std::string& url, const std::string& body = "",
                    const std::vector<std::string>& headers = {});

// A free TCP port on 127.0.0.1 (bound then released).
int FreePort();

// The real `peduli serve` executable started as a child process on a free port, against
// `database`, with its data directory `data_dir`; stopped (SIGTERM) on destruction.
class ServerProcess {
 public:
  ServerProcess(const std::string& data_dir, const std::string& database,
                const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  const std::string& url() const { return url_; }
  // A JSON request to `path` (Content-Type: application/json), with `token` as the bearer
  // when not empty.
  HttpResult Json(const std::string& method, const std::string& path, const std::string& token,
                  const std::string& body = "") const;
  // The server's log on stderr without its per-request lines: its own account of what went
  // wrong, for a test that failed (TearDown).
  void PrintLog() const;
  // The newest mail in <data_dir>/mail/new, decoded; "" when none.
  std::string LatestMail() const;
  size_t MailCount() const;

 private:
  pid_t pid_ = -1;
  std::string url_, data_dir_;
};

// The `token=` parameter of the first link in a text.
std::string TokenFromText(const std::string& text);

}  // namespace peduli::testing
