#include "core/crypto.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace peduli::crypto {

void Init() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string Base32(std::string_view bytes, bool upper) {
  static constexpr char kLower[] = "abcdefghijklmnopqrstuvwxyz234567";
  static constexpr char kUpper[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const char* alphabet = upper ? kUpper : kLower;
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(alphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(alphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::string RandomToken(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  return Base32({reinterpret_cast<const char*>(raw.data()), raw.size()});
}

static std::string ToHex(const unsigned char* p, size_t n) {
  std::string hex(n * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), p, n);
  hex.pop_back();
  return hex;
}

std::string HashToken(std::string_view data) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(data.data()),
                     data.size(), nullptr, 0);
  return ToHex(out, sizeof out);
}

std::string Sha256Hex(std::string_view data) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return ToHex(out, sizeof out);
}

std::string HashPassword(std::string_view password, bool fast) {
  char out[crypto_pwhash_STRBYTES];
  unsigned long long ops = fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
  size_t mem = fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("argon2id: out of memory");
  }
  return out;
}

bool VerifyPassword(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool Equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace peduli::crypto
