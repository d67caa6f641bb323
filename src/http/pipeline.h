#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "http/message.h"
#include "core/metrics.h"
#include "http/router.h"
#include "http/templates.h"

namespace peduli::http {

// Turns a session token (cookie or Bearer) into the signed-in account. Implemented by the
// accounts module; the pipeline only knows this interface.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual std::optional<Principal> Resolve(const std::string& token) = 0;
};

struct PipelineOptions {
  bool secure_cookies = false;        // behind TLS
  size_t max_body_bytes = 1 << 20;    // larger bodies get 413
  size_t max_upload_bytes = 24 << 20; // the same for multipart/form-data (uploads, issue 5)
  std::vector<std::string> static_files;  // served under /static/<file name>
};

inline constexpr const char* kSessionCookie = "pw_session";
inline constexpr const char* kCsrfCookie = "pw_csrf";
inline constexpr const char* kLangCookie = "pw_lang";

// Everything every request goes through, in order: request id, body limit, language,
// session, CSRF, access rule, routing (404/405 on purpose), the handler, errors -> responses,
// security headers, metrics and one JSON log line. Thread-safe.
class Pipeline {
 public:
  Pipeline(const Router* router, Authenticator* auth, const Templates* templates,
           peduli::Metrics* metrics, PipelineOptions options);
  Response Handle(Request& req);
  const PipelineOptions& options() const { return options_; }

 private:
  Response Dispatch(Request& req);
  std::optional<Response> Static(const Request& req);

  const Router* router_;
  Authenticator* auth_;
  const Templates* templates_;
  peduli::Metrics* metrics_;
  PipelineOptions options_;
  struct StaticFile {
    std::string type, body, gzipped;
  };
  std::map<std::string, StaticFile> static_files_;
};

// The HTTP status for an error code.
int HttpStatus(Code code);
// The response for an error: JSON {"errors":[{"field","message"}]} under /api/, else an
// HTML page in the user's language.
Response ErrorResponse(const Request& req, const Error& e, const Templates& t);
// JSON body for an error, messages translated.
std::string ErrorJson(const Request& req, const Error& e, const Catalog& c);

}  // namespace peduli::http
