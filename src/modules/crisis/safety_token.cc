#include "modules/crisis/safety_token.h"

#include <sodium.h>

#include <array>

namespace peduli::crisis {

namespace {

constexpr unsigned char kVersion = 1;
constexpr size_t kBodyBytes = 1 + 8 + 8 + 8;
constexpr size_t kTagBytes = 16;
constexpr size_t kTokenBytes = kBodyBytes + kTagBytes;
static_assert(crypto_auth_BYTES >= kTagBytes);

void PutBE(unsigned char* p, int64_t v) {
  auto u = static_cast<uint64_t>(v);
  for (int i = 7; i >= 0; --i) { p[i] = static_cast<unsigned char>(u & 0xff); u >>= 8; }
}

int64_t GetBE(const unsigned char* p) {
  uint64_t u = 0;
  for (int i = 0; i < 8; ++i) u = (u << 8) | p[i];
  return static_cast<int64_t>(u);
}

}  // namespace

SafetyTokens::SafetyTokens(std::string key) {
  if (key.size() == crypto_auth_KEYBYTES) {
    key_ = std::move(key);
    return;
  }
  key_.assign(crypto_auth_KEYBYTES, '\0');
  crypto_generichash(reinterpret_cast<unsigned char*>(key_.data()), key_.size(),
                     reinterpret_cast<const unsigned char*>(key.data()), key.size(), nullptr, 0);
}

std::string SafetyTokens::Issue(int64_t crisis_id, int64_t citizen_id, int64_t expires_at) const {
  std::array<unsigned char, kTokenBytes> raw{};
  raw[0] = kVersion;
  PutBE(raw.data() + 1, crisis_id);
  PutBE(raw.data() + 9, citizen_id);
  PutBE(raw.data() + 17, expires_at);
  unsigned char tag[crypto_auth_BYTES];
  crypto_auth(tag, raw.data(), kBodyBytes, reinterpret_cast<const unsigned char*>(key_.data()));
  std::copy(tag, tag + kTagBytes, raw.data() + kBodyBytes);
  std::string out(sodium_base64_ENCODED_LEN(kTokenBytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

Result<Claims> SafetyTokens::Check(std::string_view token, int64_t now) const {
  std::array<unsigned char, kTokenBytes> raw{};
  size_t len = 0;
  if (token.size() > 64 ||
      sodium_base642bin(raw.data(), raw.size(), token.data(), token.size(), nullptr, &len,
                        nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      len != kTokenBytes || raw[0] != kVersion) {
    return Error::NotFound(kTokenInvalid);
  }
  unsigned char tag[crypto_auth_BYTES];
  crypto_auth(tag, raw.data(), kBodyBytes, reinterpret_cast<const unsigned char*>(key_.data()));
  if (sodium_memcmp(tag, raw.data() + kBodyBytes, kTagBytes) != 0) {
    return Error::NotFound(kTokenInvalid);
  }
  Claims c{GetBE(raw.data() + 1), GetBE(raw.data() + 9), GetBE(raw.data() + 17)};
  if (now >= c.expires_at) return Error::Forbidden(kTokenExpired);
  return c;
}

std::string SafetyLink(const std::string& base_url, const std::string& token) {
  std::string base = base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/aman/" + token;
}

}  // namespace peduli::crisis
