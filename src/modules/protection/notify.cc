// Mail from the protection module: the mission's duty officers on a new urgent case or an
// escalation, and the public reporter on a change of state. No personal data in either.
#include "core/log.h"
#include "modules/accounts/service.h"
#include "modules/protection/service.h"

namespace peduli::protection {

void ProtectionService::NotifyDutyOfficers(const store::CaseRow& c, const std::string& why) {
  if (!mailer_ || !accounts_) return;
  auto staff = accounts_->ListStaff(c.mission_code);
  if (!staff.ok()) {
    log::Warn("protection_notify_failed", {{"case_id", c.id}, {"reason", "staff list"}});
    return;
  }
  std::vector<std::string> to;
  for (const char* role : {"supervisor", "officer"}) {
    for (const auto& s : *staff) {
      if (s.account.role == role && !s.account.disabled_at && s.account.mission_code == c.mission_code) {
        to.push_back(s.account.email);
      }
    }
    if (!to.empty()) break;  // supervisors are the duty officers; officers when none
  }
  // No personal data in mail: the tracking number, the priority and a link to the console.
  mail::Mail m;
  m.subject = "[Peduli WNI] " + std::string(c.priority == "urgent" ? "DARURAT / URGENT " : "") +
              "Kasus " + c.tracking_number;
  m.text = "Kasus perlindungan " + c.tracking_number + " (" + why + ", " + c.priority +
           ") di " + c.mission_code + ".\nProtection case " + c.tracking_number + " (" + why +
           ") at " + c.mission_code + ".\n\n" + base_url_ + "/konsol/kasus/" +
           std::to_string(c.id) + "\n";
  for (const auto& addr : to) {
    m.to = addr;
    if (auto s = mailer_->Send(m); !s.ok()) {
      log::Warn("protection_notify_failed", {{"case_id", c.id}, {"reason", "mail"}});
    }
  }
  log::Info("protection_notified", {{"case_id", c.id}, {"why", why}, {"recipients", to.size()}});
}

namespace {

std::string StateWords(const std::string& state) {
  if (state == "new") return "baru / new";
  if (state == "triaged") return "dipilah / triaged";
  if (state == "in_progress") return "sedang ditangani / in progress";
  if (state == "resolved") return "selesai / resolved";
  if (state == "closed") return "ditutup / closed";
  return state;
}
}  // namespace

void ProtectionService::NotifyReporter(const store::CaseRow& c) {
  // The free "contact" field holds an email or a phone number: mail only the former, by the
  // same check sign-up uses.
  if (!mailer_ || c.source != "public") return;
  const std::string email = accounts::AccountsService::NormalizeEmail(c.reporter_contact);
  if (!accounts::AccountsService::CheckEmail(email, "contact").empty()) return;
  // Only the tracking number and the new state: no names, no story, not the follow link
  // (its secret would sit in a mailbox; the reporter already has it).
  mail::Mail m;
  m.to = email;
  m.subject = "[Peduli WNI] Kasus " + c.tracking_number + ": " + StateWords(c.state);
  m.text = "Status laporan Anda " + c.tracking_number + " kini: " + StateWords(c.state) +
           ".\nThe state of your report " + c.tracking_number + " is now: " +
           StateWords(c.state) + ".\n\n" + base_url_ + "/lapor-kasus\n";
  if (auto s = mailer_->Send(m); !s.ok()) {
    log::Warn("protection_reporter_notify_failed", {{"case_id", c.id}});
    return;
  }
  log::Info("protection_reporter_notified", {{"case_id", c.id}, {"state", c.state}});
}

}  // namespace peduli::protection
