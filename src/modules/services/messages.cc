#include "modules/services/messages.h"

#include <algorithm>

namespace peduli::services {

mail::Mail MessageSender::Compose(const store::MessageRow& m) const {
  const std::string lang = m.locale == "en" ? "en" : "id";
  if (m.action.rfind("remind_", 0) == 0) {
    // A reminder (services/reminders.h): its own wording, the date or time in the note.
    mail::Mail out;
    out.to = m.email;
    out.subject = "Peduli WNI: " + texts_->Text(lang, "services.reminder." + m.action);
    out.text = texts_->Text(lang, "services.mail.intro") + "\n\n" +
               texts_->Text(lang, "services.reminder." + m.action + ".body") + "\n" + m.note + "\n";
    const std::string link = m.application_id
                                 ? "/layanan/saya/" + std::to_string(m.application_id)
                                 : std::string("/layanan");
    out.text += "\n" + texts_->Text(lang, "services.mail.link") + "\n" + base_url_ + link + "\n";
    return out;
  }
  std::string service = m.service_code;
  if (auto cat = services_->CurrentCatalog(); cat.ok()) {
    if (const auto* def = (*cat)->Find(m.service_code)) service = def->Name(lang);
  }
  const std::string state = texts_->Text(lang, "services.state." + m.to_state);
  mail::Mail out;
  out.to = m.email;
  out.subject = "Peduli WNI: " + service + " — " + state;
  out.text = texts_->Text(lang, "services.mail.intro") + "\n\n" + service + " (#" +
             std::to_string(m.application_id) + ")\n" + state + "\n";
  if (!m.note.empty() && m.action != "submit") out.text += "\n" + m.note + "\n";
  out.text += "\n" + texts_->Text(lang, "services.mail.link") + "\n" + base_url_ + "/layanan/saya/" +
              std::to_string(m.application_id) + "\n";
  return out;
}

int MessageSender::RunOnce() {
  const int64_t now = clock_->NowUnix();
  auto due = store_->LeaseDueMessages(now, 300, 20);
  if (!due.ok()) return 0;
  int sent = 0;
  for (const auto& m : *due) {
    auto s = mailer_->Send(Compose(m));
    if (s.ok()) {
      if (store_->MarkMessageSent(m.id, clock_->NowUnix()).ok()) ++sent;
      continue;
    }
    // m.attempts counts this one. After the last attempt the message is parked far ahead.
    const int64_t delay = m.attempts >= kMaxAttempts
                              ? int64_t{10} * 365 * 86400
                              : std::min<int64_t>(int64_t{60} << std::min<int64_t>(m.attempts - 1, 20), 6 * 3600);
    (void)store_->MarkMessageFailed(m.id, clock_->NowUnix() + delay, s.error().message);
  }
  return sent;
}

}  // namespace peduli::services
