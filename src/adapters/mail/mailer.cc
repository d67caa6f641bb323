#include "adapters/mail/mailer.h"

#include <curl/curl.h>
#include <sodium.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "core/crypto.h"

namespace peduli::mail {
namespace {

std::string Base64(const std::string& s) {
  std::string out(sodium_base64_ENCODED_LEN(s.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(s.data()),
                    s.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);
  return out;
}

bool IsAscii(const std::string& s) {
  for (unsigned char c : s) {
    if (c >= 0x80 || c < 0x20) return false;
  }
  return true;
}

// RFC 2047 encoded-word for non-ASCII header text.
std::string EncodeHeader(const std::string& s) {
  return IsAscii(s) ? s : "=?UTF-8?B?" + Base64(s) + "?=";
}

// Strips CR and LF so no header injection can come through a value.
std::string OneLine(std::string s) {
  std::erase_if(s, [](char c) { return c == '\r' || c == '\n'; });
  return s;
}

// "Name <user@host>" -> "user@host".
std::string BareAddress(const std::string& from) {
  auto lt = from.find('<'), gt = from.find('>');
  if (lt == std::string::npos || gt == std::string::npos || gt < lt) return from;
  return from.substr(lt + 1, gt - lt - 1);
}

std::string DomainOf(const std::string& from) {
  std::string address = BareAddress(from);
  auto at = address.find('@');
  return at == std::string::npos ? "localhost" : address.substr(at + 1);
}

}  // namespace

std::string FormatMessage(const Mail& m, const std::string& from, int64_t now_unix,
                          const std::string& message_id) {
  char date[64];
  std::time_t t = static_cast<std::time_t>(now_unix);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  std::string msg;
  msg += "Date: " + std::string(date) + "\r\n";
  msg += "From: " + OneLine(from) + "\r\n";
  msg += "To: " + OneLine(m.to) + "\r\n";
  msg += "Subject: " + EncodeHeader(OneLine(m.subject)) + "\r\n";
  msg += "Message-ID: <" + message_id + "@" + DomainOf(from) + ">\r\n";
  msg += "MIME-Version: 1.0\r\n";
  msg += "Content-Type: text/plain; charset=utf-8\r\n";
  msg += "Content-Transfer-Encoding: base64\r\n\r\n";
  std::string body = Base64(m.text);
  for (size_t i = 0; i < body.size(); i += 76) msg += body.substr(i, 76) + "\r\n";
  return msg;
}

namespace {

class MaildirMailer final : public Mailer {
 public:
  MaildirMailer(std::string dir, std::string from, const Clock* clock)
      : dir_(std::move(dir)), from_(std::move(from)), clock_(clock) {
    for (const char* sub : {"tmp", "new", "cur"}) std::filesystem::create_directories(dir_ + "/" + sub);
  }

  Status Send(const Mail& m) override {
    std::string id = std::to_string(clock_->NowUnix()) + "." + crypto::RandomToken(8);
    std::string tmp = dir_ + "/tmp/" + id, dst = dir_ + "/new/" + id + ".eml";
    {
      std::ofstream out(tmp, std::ios::binary);
      out << FormatMessage(m, from_, clock_->NowUnix(), id);
      out.flush();
      if (!out) return Error::Unavailable("maildir write failed");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, dst, ec);
    if (ec) return Error::Unavailable("maildir rename failed");
    return Status::Ok();
  }

 private:
  std::string dir_, from_;
  const Clock* clock_;
};

class SmtpMailer final : public Mailer {
 public:
  SmtpMailer(SmtpOptions o, const Clock* clock) : o_(std::move(o)), clock_(clock) {}

  Status Send(const Mail& m) override {
    std::string id = std::to_string(clock_->NowUnix()) + "." + crypto::RandomToken(8);
    struct Payload {
      std::string text;
      size_t pos = 0;
    } payload{FormatMessage(m, o_.from, clock_->NowUnix(), id)};
    CURL* curl = curl_easy_init();
    if (!curl) return Error::Unavailable("curl init failed");
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + OneLine(m.to) + ">").c_str());
    std::string from = "<" + BareAddress(o_.from) + ">";
    curl_easy_setopt(curl, CURLOPT_URL, o_.url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    if (!o_.username.empty()) {
      curl_easy_setopt(curl, CURLOPT_USERNAME, o_.username.c_str());
      curl_easy_setopt(curl, CURLOPT_PASSWORD, o_.password.c_str());
      curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    }
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, o_.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, o_.timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_READDATA, &payload);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION,
                     +[](char* buf, size_t size, size_t n, void* p) -> size_t {
                       auto* pl = static_cast<Payload*>(p);
                       size_t len = std::min(size * n, pl->text.size() - pl->pos);
                       std::memcpy(buf, pl->text.data() + pl->pos, len);
                       pl->pos += len;
                       return len;
                     });
    CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    if (rc != CURLE_OK) return Error::Unavailable(std::string("smtp: ") + curl_easy_strerror(rc));
    return Status::Ok();
  }

 private:
  SmtpOptions o_;
  const Clock* clock_;
};

}  // namespace

std::unique_ptr<Mailer> MakeMaildirMailer(std::string dir, std::string from, const Clock* clock) {
  return std::make_unique<MaildirMailer>(std::move(dir), std::move(from), clock);
}

std::unique_ptr<Mailer> MakeSmtpMailer(SmtpOptions options, const Clock* clock) {
  return std::make_unique<SmtpMailer>(std::move(options), clock);
}

}  // namespace peduli::mail
