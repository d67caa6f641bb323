#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) as authenticator apps
// (Google Authenticator, Microsoft Authenticator, FreeOTP, Aegis) expect them: HMAC-SHA1,
// 6 digits, 30-second steps, the secret in base32. SHA-1 is what every app supports; its
// collision weakness does not affect HMAC.
namespace peduli::accounts::totp {

inline constexpr int64_t kPeriod = 30;  // seconds per time step
inline constexpr int kDigits = 6;

// A new shared secret: 20 random bytes (the RFC 4226 recommended length) from the OS
// CSPRNG, base32 (RFC 4648) upper case without padding, 32 characters. Requires
// crypto::Init().
std::string NewSecret();

// The otpauth:// URI an authenticator app reads from a QR code:
// otpauth://totp/Issuer:email?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
// with the issuer and email percent-encoded (a space as %20, '@' as %40).
std::string ProvisioningUri(const std::string& secret, const std::string& account_email,
                            const std::string& issuer = "Peduli WNI");

// The time step of a Unix time: floor(unix_time / 30).
int64_t StepOf(int64_t unix_time);

// The 6-digit code for `unix_time`; "" if the secret is not valid base32.
std::string Code(const std::string& secret_base32, int64_t unix_time);

// True when `code` (exactly 6 ASCII digits) is the code of the step of `now`, or of the step
// before or after it (clock drift of up to 30 s either way). Every candidate is compared in
// constant time and all three are always computed. On success `*matched_step` (if not null)
// receives the step that matched, so the caller can refuse a step it has already accepted.
bool Check(const std::string& secret, const std::string& code, int64_t now,
           int64_t* matched_step);

// Building blocks, exposed for the RFC test vectors.
namespace internal {
// RFC 4226 HOTP of a raw key: `digits` (6..8) decimal digits, zero-padded.
std::string Hotp(std::string_view key, uint64_t counter, int digits);
// RFC 6238 TOTP with a chosen number of digits (the RFC's vectors use 8).
std::string Code(const std::string& secret_base32, int64_t unix_time, int digits);
// Accepts upper or lower case, ignores spaces and '=' padding; nullopt on any other
// character or on non-zero trailing bits.
std::optional<std::string> Base32Decode(std::string_view text);
}  // namespace internal

}  // namespace peduli::accounts::totp
