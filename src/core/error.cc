#include "core/error.h"

namespace peduli {

const char* CodeName(Code c) {
  switch (c) {
    case Code::kOk: return "ok";
    case Code::kNotFound: return "not_found";
    case Code::kInvalid: return "invalid";
    case Code::kConflict: return "conflict";
    case Code::kForbidden: return "forbidden";
    case Code::kUnauthorized: return "unauthorized";
    case Code::kTooMany: return "too_many";
    case Code::kUnavailable: return "unavailable";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

}  // namespace peduli
