#include "modules/accounts/totp.h"

// HMAC-SHA1 comes from GLib's GHmac: libsodium has no SHA-1, OpenSSL's libcrypto is not
// linked, and GLib is already linked (through pangocairo). See HmacSha1 below.
#include <glib.h>
#include <sodium.h>

#include <array>
#include <cctype>

#include "core/crypto.h"

namespace peduli::accounts::totp {
namespace {

using Sha1Digest = std::array<unsigned char, 20>;

Sha1Digest HmacSha1(std::string_view key, const unsigned char* msg, size_t len) {
  GHmac* h = g_hmac_new(G_CHECKSUM_SHA1, reinterpret_cast<const guchar*>(key.data()), key.size());
  g_hmac_update(h, msg, static_cast<gssize>(len));
  Sha1Digest out{};
  gsize out_len = out.size();
  g_hmac_get_digest(h, out.data(), &out_len);
  g_hmac_unref(h);
  return out;
}

std::string PercentEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) && c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

bool SixDigits(const std::string& code) {
  if (code.size() != static_cast<size_t>(kDigits)) return false;
  for (char c : code) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

namespace internal {

std::string Hotp(std::string_view key, uint64_t counter, int digits) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  Sha1Digest mac = HmacSha1(key, msg, sizeof msg);
  int offset = mac[19] & 0x0f;
  uint32_t bin = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                 (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                 (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  sodium_memzero(mac.data(), mac.size());
  uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string out(static_cast<size_t>(digits), '0');
  uint32_t v = bin % mod;
  for (int i = digits - 1; i >= 0; --i, v /= 10) {
    out[static_cast<size_t>(i)] = static_cast<char>('0' + v % 10);
  }
  return out;
}

std::string Code(const std::string& secret_base32, int64_t unix_time, int digits) {
  auto key = Base32Decode(secret_base32);
  if (!key || key->empty()) return "";
  std::string code = Hotp(*key, static_cast<uint64_t>(StepOf(unix_time)), digits);
  sodium_memzero(key->data(), key->size());
  return code;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : text) {
    if (ch == ' ' || ch == '=') continue;
    int v;
    if (ch >= 'A' && ch <= 'Z') {
      v = ch - 'A';
    } else if (ch >= 'a' && ch <= 'z') {
      v = ch - 'a';
    } else if (ch >= '2' && ch <= '7') {
      v = ch - '2' + 26;
    } else {
      return std::nullopt;
    }
    buffer = ((buffer << 5) | static_cast<unsigned>(v)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

}  // namespace internal

std::string NewSecret() {
  unsigned char raw[20];
  randombytes_buf(raw, sizeof raw);
  std::string s = crypto::Base32({reinterpret_cast<const char*>(raw), sizeof raw}, /*upper=*/true);
  sodium_memzero(raw, sizeof raw);
  return s;
}

std::string ProvisioningUri(const std::string& secret, const std::string& account_email,
                            const std::string& issuer) {
  const std::string enc_issuer = PercentEncode(issuer);
  return "otpauth://totp/" + enc_issuer + ":" + PercentEncode(account_email) +
         "?secret=" + secret + "&issuer=" + enc_issuer + "&algorithm=SHA1&digits=" +
         std::to_string(kDigits) + "&period=" + std::to_string(kPeriod);
}

int64_t StepOf(int64_t unix_time) {
  // Floor division, so times before 1970 (never expected) still map consistently.
  int64_t q = unix_time / kPeriod;
  if (unix_time % kPeriod != 0 && unix_time < 0) --q;
  return q;
}

std::string Code(const std::string& secret_base32, int64_t unix_time) {
  return internal::Code(secret_base32, unix_time, kDigits);
}

bool Check(const std::string& secret, const std::string& code, int64_t now,
           int64_t* matched_step) {
  auto key = internal::Base32Decode(secret);
  if (!key || key->empty()) return false;
  // Compute every candidate even after a match or for a malformed code, so the time taken
  // does not depend on which step (if any) matched.
  const bool well_formed = SixDigits(code);
  const std::string probe = well_formed ? code : std::string(kDigits, 'x');
  const int64_t step = StepOf(now);
  bool found = false;
  int64_t found_step = 0;
  for (int64_t s = step - 1; s <= step + 1; ++s) {
    std::string candidate = internal::Hotp(*key, static_cast<uint64_t>(s), kDigits);
    bool eq = crypto::Equal(candidate, probe);
    if (eq && !found) {
      found = true;
      found_step = s;
    }
    sodium_memzero(candidate.data(), candidate.size());
  }
  sodium_memzero(key->data(), key->size());
  if (!found || !well_formed) return false;
  if (matched_step) *matched_step = found_step;
  return true;
}

}  // namespace peduli::accounts::totp
