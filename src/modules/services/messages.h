#pragma once

#include <string>

#include "adapters/mail/mailer.h"
#include "core/clock.h"
#include "core/periodic.h"
#include "http/i18n.h"
#include "modules/services/service.h"

namespace peduli::services {

// Mails the outbox of application messages (store::ServicesStore service_messages): every
// state change becomes an email to the citizen, in their language, with a link to the
// timeline. A failed send is retried with exponential backoff (1 minute doubling, at most 6
// hours) up to kMaxAttempts; the message stays in the citizen's inbox on the portal either
// way. Several servers may run it: a message is leased before it is sent.
class MessageSender {
 public:
  static constexpr int kMaxAttempts = 10;
  // None owned; all must outlive the sender.
  MessageSender(store::ServicesStore* store, ServicesService* services, mail::Mailer* mailer,
                const http::Catalog* texts, const Clock* clock, std::string base_url)
      : store_(store), services_(services), mailer_(mailer), texts_(texts), clock_(clock),
        base_url_(std::move(base_url)) {}
  ~MessageSender() { Stop(); }

  // Sends what is due now; the number sent.
  int RunOnce();
  // The text of one message (subject, body) in `lang`.
  mail::Mail Compose(const store::MessageRow& m) const;

  // Sends until nothing is due, then waits `interval_seconds`.
  void Start(int interval_seconds = 5) {
    task_.Start(std::chrono::seconds(interval_seconds), [this] { while (RunOnce() > 0) {} }, true);
  }
  void Stop() { task_.Stop(); }

 private:
  store::ServicesStore* store_;
  ServicesService* services_;
  mail::Mailer* mailer_;
  const http::Catalog* texts_;
  const Clock* clock_;
  std::string base_url_;
  PeriodicTask task_;
};

}  // namespace peduli::services
