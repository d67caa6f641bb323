#pragma once

#include <memory>
#include <string>

#include "core/clock.h"
#include "core/result.h"

namespace peduli::mail {

struct Mail {
  std::string to;
  std::string subject;  // UTF-8; encoded per RFC 2047 on the wire
  std::string text;     // UTF-8 plain text body
};

// Sends mail. Implementations are thread-safe.
class Mailer {
 public:
  virtual ~Mailer() = default;
  // Delivered (or handed to the relay) when ok; kUnavailable when the relay fails.
  virtual Status Send(const Mail& m) = 0;
};

// The RFC 5322 message text for `m`, with CRLF line ends.
std::string FormatMessage(const Mail& m, const std::string& from, int64_t now_unix,
                          const std::string& message_id);

// Writes each message as one file into <dir>/new/ (the Maildir layout: written to tmp/
// then renamed), so a developer can open it. The default.
std::unique_ptr<Mailer> MakeMaildirMailer(std::string dir, std::string from, const Clock* clock);

struct SmtpOptions {
  std::string url;       // smtp://host:25 or smtps://host:465
  std::string username;  // empty: no AUTH
  std::string password;
  std::string from;
  long timeout_seconds = 10;
};
// Sends through an SMTP relay with libcurl.
std::unique_ptr<Mailer> MakeSmtpMailer(SmtpOptions options, const Clock* clock);

}  // namespace peduli::mail
