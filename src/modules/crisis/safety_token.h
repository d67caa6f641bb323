#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace peduli::crisis {

// What a one-tap safety link proves: this citizen was asked about this crisis, and until when.
struct Claims {
  int64_t crisis_id = 0;
  int64_t citizen_id = 0;
  int64_t expires_at = 0;  // unix seconds
};

// Error messages of Check, so that pages can tell the two apart.
inline constexpr const char* kTokenInvalid = "safety.token_invalid";  // Code::kNotFound
inline constexpr const char* kTokenExpired = "safety.token_expired";  // Code::kForbidden

// One-tap safety tokens (issue 9). A token is base64url (no padding) of
//   version(1) | crisis_id(8, BE) | citizen_id(8, BE) | expires_at(8, BE) | tag(16)
// where tag is HMAC-SHA-512/256 (libsodium crypto_auth) over the first 25 bytes, truncated to
// 128 bits. It carries ids only: nothing personal is readable from it. The key is the
// one-row secret `safety_token_key` in the database (store/safety_store.h LoadOrCreateKey),
// so every server of a deployment issues and accepts the same tokens.
class SafetyTokens {
 public:
  // Any non-empty key; keys that are not 32 bytes are stretched with BLAKE2b.
  explicit SafetyTokens(std::string key);

  std::string Issue(int64_t crisis_id, int64_t citizen_id, int64_t expires_at) const;
  // kNotFound (kTokenInvalid) for anything not issued with this key; kForbidden
  // (kTokenExpired) when `now` >= expires_at. Closed crises are the caller's check.
  Result<Claims> Check(std::string_view token, int64_t now) const;

 private:
  std::string key_;  // 32 bytes
};

// base_url + "/aman/" + token (base_url without a trailing slash).
std::string SafetyLink(const std::string& base_url, const std::string& token);

}  // namespace peduli::crisis
