#pragma once

#include <string>
#include <string_view>

namespace peduli::crypto {

// Must be called once at start-up before any other function here.
void Init();

// `bytes` random bytes from the OS CSPRNG, base32 (RFC 4648 alphabet, lower case, no
// padding): safe in URLs, cookies and file names.
std::string RandomToken(size_t bytes = 20);

// RFC 4648 base32 of `bytes`, no padding; lower case unless `upper` (TOTP secrets).
std::string Base32(std::string_view bytes, bool upper = false);

// Hex of BLAKE2b-256 over `data`. Used to store session and email tokens so that a
// database leak does not yield usable tokens.
std::string HashToken(std::string_view data);

// Hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// argon2id via libsodium, in its self-describing string form. `fast` selects the
// minimum cost, for tests and benchmark seeding only.
std::string HashPassword(std::string_view password, bool fast = false);
bool VerifyPassword(const std::string& hash, std::string_view password);

// Constant-time comparison.
bool Equal(std::string_view a, std::string_view b);

}  // namespace peduli::crypto
