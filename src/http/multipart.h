#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace peduli::http {

// One part of a multipart/form-data body (RFC 7578).
struct Part {
  std::string name;          // the form field
  std::string file_name;     // "" for a plain field
  std::string content_type;  // as the client declared it; never trusted for files
  std::string data;
};

// Splits a multipart/form-data body by the boundary of its Content-Type, with RESTinio's
// parsers (restinio/helpers/multipart_body.hpp, content-type and content-disposition field
// parsers; included only in multipart.cc). nullopt when the content type is not
// multipart/form-data or the body is malformed.
std::optional<std::vector<Part>> ParseMultipart(std::string_view content_type,
                                                std::string_view body);

}  // namespace peduli::http
