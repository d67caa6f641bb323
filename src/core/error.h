#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace peduli {

// The kinds of expected failure. Exactly one mapping to HTTP exists (http/errors.cc).
enum class Code {
  kOk,
  kNotFound,
  kInvalid,       // input failed validation; `fields` says where
  kConflict,      // a uniqueness rule was hit (e.g. a NIK that belongs to another account)
  kForbidden,     // authenticated but not allowed
  kUnauthorized,  // no valid session or credentials
  kTooMany,       // throttled
  kUnavailable,   // a dependency (database, registry, mail) is down
  kInternal,
};

// One problem at one input field. `field` is the dotted JSON path ("identity.nik");
// `key` is a message-catalog key, translated at the edge in the user's language.
struct FieldError {
  std::string field;
  std::string key;
};

struct Error {
  Code code = Code::kInternal;
  // A catalog key for user-facing errors, or plain English for internal ones. Never
  // contains personal data: it can be logged.
  std::string message;
  std::vector<FieldError> fields;

  static Error NotFound(std::string m = "error.not_found") { return {Code::kNotFound, std::move(m), {}}; }
  static Error Invalid(std::vector<FieldError> f) { return {Code::kInvalid, "error.invalid", std::move(f)}; }
  static Error Invalid(std::string field, std::string key) {
    return {Code::kInvalid, "error.invalid", {{std::move(field), std::move(key)}}};
  }
  static Error Conflict(std::string m) { return {Code::kConflict, std::move(m), {}}; }
  static Error Forbidden(std::string m = "error.forbidden") { return {Code::kForbidden, std::move(m), {}}; }
  static Error Unauthorized(std::string m = "error.unauthorized") {
    return {Code::kUnauthorized, std::move(m), {}};
  }
  static Error TooMany(std::string m) { return {Code::kTooMany, std::move(m), {}}; }
  static Error Unavailable(std::string m) { return {Code::kUnavailable, std::move(m), {}}; }
  static Error Internal(std::string m) { return {Code::kInternal, std::move(m), {}}; }
};

const char* CodeName(Code c);

}  // namespace peduli
