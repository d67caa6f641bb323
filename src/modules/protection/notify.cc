// Messages of the protection module through the outbox (issue 6, item 6): who is told of a
// step, queued in the step's own transaction, and the renderers that write the words from
// the catalogs when a message is sent. No message carries personal data: the tracking
// number, the state in plain words and a link; never a name, the story, a note's text or
// the reporter's secret follow link.
#include "modules/protection/notify.h"

#include <nlohmann/json.hpp>

#include "modules/accounts/service.h"
#include "modules/protection/service.h"
#include "modules/registry/phone.h"
#include "store/outbox_store.h"

namespace peduli::protection {
namespace {

using nlohmann::json;

bool Active(const store::AccountRow& a) { return a.disabled_at == 0; }

// "id" or "en" when the account chose one; "" (unknown: both languages) otherwise.
std::string LocaleOf(const store::AccountRow& a) {
  return a.locale == "id" || a.locale == "en" ? a.locale : "";
}

// The accounts told of a mission's case: its supervisors, or its officers when it has none
// (there is no rota yet). HQ's cases, and escalations to HQ, go to HQ's users.
Result<std::vector<store::AccountRow>> DutyOf(store::Connection& c, const std::string& mission) {
  std::vector<store::AccountRow> out;
  if (mission == reference::kHqMission) {
    auto staff = store::AccountsStore::ListStaffIn(c, "");
    if (!staff.ok()) return staff.take_error();
    for (const char* role : {"hq", "hq_admin"}) {
      for (const auto& s : *staff) {
        if (s.account.role == role && Active(s.account)) out.push_back(s.account);
      }
      if (!out.empty()) break;
    }
    return out;
  }
  auto staff = store::AccountsStore::ListStaffIn(c, mission);
  if (!staff.ok()) return staff.take_error();
  for (const char* role : {"supervisor", "officer"}) {
    for (const auto& s : *staff) {
      if (s.account.role == role && Active(s.account) && s.account.mission_code == mission) {
        out.push_back(s.account);
      }
    }
    if (!out.empty()) break;
  }
  return out;
}

store::OutboxMessage Message(const std::string& channel, const std::string& recipient,
                             const std::string& locale, const char* kind, int64_t case_id,
                             const json& payload, const std::string& key) {
  store::OutboxMessage m;
  m.channel = channel;
  m.recipient = recipient;
  m.locale = locale;
  m.kind = kind;
  m.ref = "case:" + std::to_string(case_id);
  m.payload = payload.dump();
  m.dedup_key = key + ":" + channel + ":" + recipient;
  return m;
}

}  // namespace

// ---- who is told (ProtectionService, inside the step's transaction) ----

ProtectionService::Reporter ProtectionService::ReporterOf(const store::CaseRow& c) {
  Reporter to;
  if (c.reporter_account_id) {
    auto a = accounts_->FindById(c.reporter_account_id);
    if (a.ok() && Active(*a)) {
      to.account_id = a->id;
      to.email = a->email;
      to.locale = LocaleOf(*a);
    }
    return to;
  }
  // Only a public reporter left a contact to be told on; a caller whose number an officer
  // typed in did not ask for messages.
  if (c.source != "public") return to;
  const std::string email = accounts::AccountsService::NormalizeEmail(c.reporter_contact);
  if (accounts::AccountsService::CheckEmail(email, "contact").empty()) {
    to.email = email;
  } else if (auto phone = registry::NormalizePhone(c.reporter_contact, "ID"); phone.ok()) {
    to.phone = *phone;  // a family at home writes the number nationally
  }
  return to;
}

Status ProtectionService::QueueStep(store::Connection& c, const store::CaseRow& after,
                                    const Reporter& to, const std::string& step,
                                    const std::string& step_key) const {
  const json payload = {{"case_id", after.id}, {"tracking", after.tracking_number},
                        {"step", step}, {"state", after.state},
                        {"to", to.account_id ? "account" : "public"}};
  const std::string key = "protection:case:" + std::to_string(after.id) + ":" + step_key;
  std::vector<store::OutboxMessage> out;
  if (to.account_id) {
    out.push_back(Message("portal", std::to_string(to.account_id), to.locale, "protection_step",
                          after.id, payload, key));
  }
  if (!to.email.empty()) {
    out.push_back(Message("email", to.email, to.locale, "protection_step", after.id, payload, key));
  }
  if (!to.phone.empty()) {
    out.push_back(Message("sms", to.phone, to.locale, "protection_step", after.id, payload, key));
  }
  if (out.empty()) return Status::Ok();
  auto added = store::OutboxStore::EnqueueIn(c, out, clock_->NowUnix());
  if (!added.ok()) return added.take_error();
  return Status::Ok();
}

Status ProtectionService::QueueDuty(store::Connection& c, const store::CaseRow& after,
                                    const std::string& why, const std::string& step_key) const {
  auto duty = DutyOf(c, after.mission_code);
  if (!duty.ok()) return duty.take_error();
  if (why == "escalated_hq" && after.mission_code != reference::kHqMission) {
    auto hq = DutyOf(c, reference::kHqMission);
    if (!hq.ok()) return hq.take_error();
    duty->insert(duty->end(), hq->begin(), hq->end());
  }
  const json payload = {{"case_id", after.id}, {"tracking", after.tracking_number},
                        {"why", why}, {"priority", after.priority},
                        {"mission", after.mission_code}};
  const std::string key = "protection:case:" + std::to_string(after.id) + ":" + step_key;
  std::vector<store::OutboxMessage> out;
  for (const auto& a : *duty) {
    out.push_back(Message("email", a.email, LocaleOf(a), "protection_duty", after.id, payload, key));
  }
  if (out.empty()) return Status::Ok();
  auto added = store::OutboxStore::EnqueueIn(c, out, clock_->NowUnix());
  if (!added.ok()) return added.take_error();
  return Status::Ok();
}

Status ProtectionService::QueueReferral(store::Connection& c, const store::ReferralRow& r,
                                        const std::string& tracking,
                                        const std::string& partner_email,
                                        const std::string& link_token) const {
  json payload = {{"referral_id", r.id}, {"case_id", r.case_id}, {"tracking", tracking},
                  {"event", r.state}};
  const std::string key = "protection:referral:" + std::to_string(r.id) + ":" + r.state;
  std::vector<store::OutboxMessage> out;
  auto to_staff = [&](const std::string& mission, const char* audience) -> Status {
    auto duty = DutyOf(c, mission);
    if (!duty.ok()) return duty.take_error();
    payload["to"] = audience;
    for (const auto& a : *duty) {
      out.push_back(Message("email", a.email, LocaleOf(a), "protection_referral", r.case_id,
                            payload, key));
    }
    return Status::Ok();
  };
  if (r.state == "pending") {
    if (r.to_kind == "partner") {
      if (!partner_email.empty() && !link_token.empty()) {
        payload["to"] = "partner";
        auto m = Message("email", partner_email, "", "protection_referral", r.case_id, payload, key);
        m.secret = link_token;  // kept only until sent (migration 0026)
        out.push_back(std::move(m));
      }
    } else {
      PEDULI_TRY(to_staff(r.to_mission, "receiver"));  // a mission, or HQ (HQ-PWNI)
    }
  } else if (r.state == "accepted" || r.state == "rejected" || r.state == "done") {
    PEDULI_TRY(to_staff(r.from_mission, "referrer"));
  }
  if (out.empty()) return Status::Ok();
  auto added = store::OutboxStore::EnqueueIn(c, out, clock_->NowUnix());
  if (!added.ok()) return added.take_error();
  return Status::Ok();
}

// ---- the words (renderers, run by the outbox's sender and the portal inbox) ----

namespace {

struct Words {
  std::string subject;
  std::string body;
};

// One message in the recipient's language, or for an unknown one (locale "") Indonesian
// with English below.
outbox::Rendered InLanguages(const std::string& locale,
                             const std::function<Words(const std::string& lang)>& write) {
  outbox::Rendered out;
  if (locale == "id" || locale == "en") {
    Words w = write(locale);
    out.subject = "Peduli WNI: " + w.subject;
    out.text = w.body;
    return out;
  }
  Words id = write("id");
  Words en = write("en");
  out.subject = "Peduli WNI: " + id.subject + " / " + en.subject;
  out.text = id.body + "\n---\n\n" + en.body;
  return out;
}

class Texts {
 public:
  Texts(const http::Catalog* t, std::string base) : t_(t), base_(std::move(base)) {}
  const std::string& operator()(const std::string& lang, const std::string& key) const {
    return t_->Text(lang, "protection.msg." + key);
  }
  const std::string& Label(const std::string& lang, const std::string& key) const {
    return t_->Text(lang, key);
  }
  std::string Link(const std::string& path) const { return base_ + path; }

 private:
  const http::Catalog* t_;
  std::string base_;
};

Result<json> PayloadOf(const store::OutboxRow& row) {
  auto p = json::parse(row.m.payload, nullptr, false);
  if (!p.is_object() || !p.contains("tracking")) return Error::NotFound();
  return p;
}

std::string Text(const json& p, const char* k) {
  return p.contains(k) && p[k].is_string() ? p[k].get<std::string>() : std::string();
}
int64_t Id(const json& p, const char* k) {
  return p.contains(k) && p[k].is_number_integer() ? p[k].get<int64_t>() : 0;
}

Result<outbox::Rendered> RenderStep(const Texts& w, const store::OutboxRow& row) {
  auto p = PayloadOf(row);
  if (!p.ok()) return p.take_error();
  const std::string tracking = Text(*p, "tracking"), step = Text(*p, "step");
  const std::string state = Text(*p, "state");
  const bool account = Text(*p, "to") == "account";
  // The reporter without an account has the secret follow link already; the message points
  // to the report page, never to that link (its secret would sit in a mailbox or an SMS).
  const std::string link =
      account ? w.Link("/lindungi/" + std::to_string(Id(*p, "case_id"))) : w.Link("/lapor-kasus");
  return InLanguages(row.m.locale, [&](const std::string& lang) {
    Words out;
    out.subject = w(lang, "subject") + " " + tracking;
    out.body = w(lang, "step." + step) + "\n" + w(lang, "tracking") + ": " + tracking + "\n" +
               w(lang, "state") + ": " + w.Label(lang, "protection.state." + state) + "\n\n" +
               w(lang, account ? "link.account" : "link.public") + "\n" + link + "\n";
    return out;
  });
}

Result<outbox::Rendered> RenderDuty(const Texts& w, const store::OutboxRow& row) {
  auto p = PayloadOf(row);
  if (!p.ok()) return p.take_error();
  const std::string tracking = Text(*p, "tracking"), why = Text(*p, "why");
  const std::string priority = Text(*p, "priority");
  const std::string link = w.Link("/konsol/kasus/" + std::to_string(Id(*p, "case_id")));
  return InLanguages(row.m.locale, [&](const std::string& lang) {
    Words out;
    out.subject = (priority == "urgent" ? w(lang, "duty.urgent_flag") + " " : std::string()) +
                  w(lang, "duty.subject") + " " + tracking;
    out.body = w(lang, "duty." + why) + "\n" + w(lang, "tracking") + ": " + tracking + "\n" +
               w(lang, "priority") + ": " + w.Label(lang, "protection.priority." + priority) +
               "\n" + w(lang, "mission") + ": " + Text(*p, "mission") + "\n\n" +
               w(lang, "link.console") + "\n" + link + "\n";
    return out;
  });
}

Result<outbox::Rendered> RenderReferral(const Texts& w, const store::OutboxRow& row) {
  auto p = PayloadOf(row);
  if (!p.ok()) return p.take_error();
  const std::string tracking = Text(*p, "tracking"), to = Text(*p, "to");
  const std::string event = Text(*p, "event");
  std::string link, sentence;
  if (to == "partner") {
    // The secret link lives in the row only until it is sent: without it, nothing to send.
    if (row.m.secret.empty()) return Error::NotFound();
    link = w.Link("/rujukan/" + row.m.secret);
    sentence = "referral.partner";
  } else if (to == "receiver") {
    link = w.Link("/konsol/rujukan/" + std::to_string(Id(*p, "referral_id")));
    sentence = "referral.new";
  } else {
    link = w.Link("/konsol/kasus/" + std::to_string(Id(*p, "case_id")));
    sentence = "referral." + event;
  }
  return InLanguages(row.m.locale, [&](const std::string& lang) {
    Words out;
    out.subject = w(lang, "referral.subject") + " " + tracking;
    out.body = w(lang, sentence) + "\n" + link + "\n\n" + w(lang, "tracking") + ": " + tracking +
               "\n";
    return out;
  });
}

}  // namespace

void RegisterRenderers(outbox::Renderers& renderers, const http::Catalog* texts,
                       std::string base_url) {
  const Texts w(texts, std::move(base_url));
  renderers.Register("protection_step", [w](const store::OutboxRow& row) { return RenderStep(w, row); });
  renderers.Register("protection_duty", [w](const store::OutboxRow& row) { return RenderDuty(w, row); });
  renderers.Register("protection_referral",
                     [w](const store::OutboxRow& row) { return RenderReferral(w, row); });
}

}  // namespace peduli::protection
