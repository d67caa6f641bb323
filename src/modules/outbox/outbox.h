#pragma once

#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "adapters/mail/mailer.h"
#include "core/clock.h"
#include "core/result.h"
#include "store/outbox_store.h"

namespace peduli::outbox {

// The text of one message, written when it is sent (or shown, for the portal inbox).
struct Rendered {
  std::string subject;  // email subject; the inbox's title
  std::string text;     // plain text; SMS and WhatsApp send only this
};

// Writes the text of messages of one kind from their payload. kNotFound (or any error)
// when what the message is about is gone: the message fails without retries.
using Renderer = std::function<Result<Rendered>(const store::OutboxRow&)>;

// Kinds and their renderers. Registered at start-up before the sender starts; read-only
// afterwards, so thread-safe to render from.
class Renderers {
 public:
  void Register(const std::string& kind, Renderer r) { by_kind_[kind] = std::move(r); }
  Result<Rendered> Render(const store::OutboxRow& row) const;

 private:
  std::map<std::string, Renderer> by_kind_;
};

// An SMS or WhatsApp gateway. Implementations are thread-safe.
class TextGateway {
 public:
  virtual ~TextGateway() = default;
  // kUnavailable when the gateway did not take the message (retried).
  virtual Status Send(const std::string& channel, const std::string& to,
                      const std::string& text) = 0;
};

// A stand-in device: appends one JSON line {"at", "channel", "to", "text"} per message to
// <dir>/<channel>.jsonl (never the application log: these lines hold phone numbers).
std::unique_ptr<TextGateway> MakeFileTextGateway(std::string dir, const Clock* clock);

// Messages per second by channel (config outbox_rate_*): email, SMS and WhatsApp for all
// servers together (the outbox_rate table), portal per server.
struct Limits {
  int email = 20;
  int sms = 10;
  int whatsapp = 10;
  int portal = 1000;
  int max_attempts = 8;           // then state failed
  int64_t retry_base_seconds = 30;  // doubling per attempt, at most 6 hours
};

// Sends due outbox messages channel by channel, each at most at its rate: every tick
// (one second) it leases up to what is left of the channel's rate in that second and
// sends them. Email goes
// through the mailer, SMS and WhatsApp through the text gateway, portal messages are only
// marked sent (the inbox renders them). Failures are retried with exponential backoff.
class Sender {
 public:
  // None owned; all must outlive the sender.
  Sender(store::OutboxStore* store, const Renderers* renderers, mail::Mailer* mailer,
         TextGateway* texts, const Clock* clock, Limits limits)
      : store_(store), renderers_(renderers), mailer_(mailer), texts_(texts), clock_(clock),
        limits_(limits) {}
  ~Sender() { Stop(); }

  // One tick: sends up to each channel's rate of due messages; the number sent.
  int RunOnce();
  // Sends up to `limit` due messages of one channel; the number sent.
  int RunChannel(const std::string& channel, int limit);

  void Start();
  void Stop();
  // Asks the thread to look now (after queuing).
  void Wake();

 private:
  Status Deliver(const store::OutboxRow& row, const Rendered& text);

  store::OutboxStore* store_;
  const Renderers* renderers_;
  mail::Mailer* mailer_;
  TextGateway* texts_;
  const Clock* clock_;
  Limits limits_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace peduli::outbox
