// Issue 5, second part: issued documents (numbers, validity, revocation, /verify), the
// officers' day list and walk-in queue numbers, uploads staged across a field error.
#include <cstdio>

#include "core/crypto.h"
#include "modules/reference/changes.h"
#include "modules/services/service.h"

namespace peduli::services {

using nlohmann::json;

std::string DocumentStatus(const store::IssuedDocumentRow& d, int64_t now) {
  if (d.revoked_at) return "revoked";
  // An SPLP is good for one journey: once it is recorded the document is spent.
  if (d.used_at) return "expired";
  if (d.valid_until && now >= d.valid_until) return "expired";
  return "valid";
}

std::string SeriesOf(const ServiceDef& def) {
  if (def.group == "travel") return "SPLP";
  if (def.group == "letter") return "SK";
  if (def.group == "passport") return "PASPOR";
  if (def.group == "legalisation") return "LEG";
  return "CATAT";
}

bool RendersPdf(const ServiceDef& def) { return def.group == "travel" || def.group == "letter"; }

std::string FormatDocumentNumber(const store::IssuedDocumentRow& d) {
  char seq[24];
  std::snprintf(seq, sizeof seq, "%06lld", static_cast<long long>(d.seq));
  return d.series + "/" + d.mission_code + "/" + std::to_string(d.year) + "/" + seq;
}

Result<store::ApplicationRow> ServicesService::StaffApp(const Context& ctx, int64_t id,
                                                        policy::Action act) {
  // As for Act: those who read every mission but act on none (HQ) are refused up front,
  // whether or not the application exists; so is anyone who may revoke nowhere.
  if (act == policy::Action::kRevokeServiceDocument) {
    if (!policy::Allowed(ctx.actor, act, ctx.actor.mission_code)) return Error::Forbidden();
  } else if (act != policy::Action::kReadCitizen &&
             policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, "") &&
             !policy::Allowed(ctx.actor, act, policy::ScopeOf(ctx.actor))) {
    return Error::Forbidden();
  }
  auto app = store_->FindApplication(id);
  if (!app.ok()) return app.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, app->mission_code)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, act, app->mission_code)) return Error::Forbidden();
  return app;
}

Result<store::IssuedDocumentRow> ServicesService::IssueDocument(const Context& ctx, int64_t id,
                                                                const std::string& journey) {
  auto app = StaffApp(ctx, id, policy::Action::kHandleApplication);
  if (!app.ok()) return app.take_error();
  if (app->state != "ready" && app->state != "collected" && app->state != "sent") {
    return Error::Conflict("services.document_not_ready");
  }
  auto def = DefOf(*app);
  if (!def.ok()) return def.take_error();
  const auto* m = refs_->FindMission(app->mission_code);
  const std::string tz = m ? m->timezone : "UTC";
  const int64_t now = clock_->NowUnix();
  const Date today = TodayAt(app->mission_code);
  store::IssuedDocumentRow d;
  d.application_id = id;
  d.mission_code = app->mission_code;
  d.series = SeriesOf(*def);
  d.year = today.year;
  d.verify_code = crypto::RandomToken(20);
  d.issued_by = ctx.actor.account_id;
  d.issued_at = now;
  if (def->validity_days > 0) d.valid_until = now + int64_t{def->validity_days} * 86400;
  if (def->group == "travel") {
    std::string when = journey;
    if (when.empty()) {
      auto form = json::parse(app->form, nullptr, false);
      if (form.is_object()) when = form.value("fields", json::object()).value("travel_date", "");
    }
    auto day = Date::Parse(when);
    if (!day) return Error::Invalid("journey_date", "err.date.invalid");
    if (*day < today) return Error::Invalid("journey_date", "err.services.date_past");
    d.journey_date = day->ToString();
    // Valid until the end of the journey's day at the mission, if that comes first.
    Date next = Date::FromUnix((day->DaysSinceEpoch() + 1) * 86400);
    if (auto end = reference::LocalMidnight(next, tz)) {
      if (!d.valid_until || *end < d.valid_until) d.valid_until = *end;
    }
  }
  auto entry = audit_->MakeEntry(ctx.actor, "issued_document_issue", app->citizen_id,
                                 PurposeOf(ctx), ctx.ip, ctx.request_id,
                                 {{"application", id}, {"series", d.series}}, {id});
  return store_->IssueDocument(d, &FormatDocumentNumber, entry);
}

namespace {

Result<IssuedFile> FileOf(store::ServicesStore& st, const store::ApplicationRow& app,
                          ServiceDef def, const std::string& tz, int64_t now) {
  auto doc = st.IssuedFor(app.id);
  if (!doc.ok()) return doc.take_error();
  if (!doc->has_value()) return Error::NotFound();
  IssuedFile f{**doc, app, std::move(def), DocumentStatus(**doc, now), tz};
  return f;
}

}  // namespace

Result<IssuedFile> ServicesService::MyIssued(int64_t account_id, int64_t id) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  auto def = DefOf(*app);
  if (!def.ok()) return def.take_error();
  const auto* m = refs_->FindMission(app->mission_code);
  return FileOf(*store_, *app, std::move(*def), m ? m->timezone : "UTC", clock_->NowUnix());
}

Result<IssuedFile> ServicesService::StaffIssued(const Context& ctx, int64_t id) {
  auto app = StaffApp(ctx, id, policy::Action::kReadCitizen);
  if (!app.ok()) return app.take_error();
  auto def = DefOf(*app);
  if (!def.ok()) return def.take_error();
  const auto* m = refs_->FindMission(app->mission_code);
  auto f = FileOf(*store_, *app, std::move(*def), m ? m->timezone : "UTC", clock_->NowUnix());
  if (!f.ok()) return f;
  // Audited before a byte is served.
  PEDULI_TRY(audit_->Record(ctx.actor, "issued_document_read", app->citizen_id, PurposeOf(ctx),
                            ctx.ip, ctx.request_id, {{"application", id}, {"number", f->doc.number}},
                            {id}));
  return f;
}

Result<store::IssuedDocumentRow> ServicesService::RevokeDocument(const Context& ctx, int64_t id,
                                                                 const std::string& reason) {
  auto app = StaffApp(ctx, id, policy::Action::kRevokeServiceDocument);
  if (!app.ok()) return app.take_error();
  if (reason.empty()) return Error::Invalid("reason", "err.services.note_required");
  if (reason.size() > 2000) return Error::Invalid("reason", "err.services.too_long");
  auto doc = store_->IssuedFor(id);
  if (!doc.ok()) return doc.take_error();
  if (!doc->has_value()) return Error::NotFound();
  auto entry = audit_->MakeEntry(ctx.actor, "issued_document_revoke", app->citizen_id,
                                 PurposeOf(ctx), ctx.ip, ctx.request_id,
                                 {{"application", id}, {"number", (*doc)->number}, {"reason", reason}},
                                 {id});
  return store_->RevokeDocument((*doc)->id, ctx.actor.account_id, reason, clock_->NowUnix(), entry);
}

Result<store::IssuedDocumentRow> ServicesService::RecordJourney(const Context& ctx, int64_t id) {
  auto app = StaffApp(ctx, id, policy::Action::kHandleApplication);
  if (!app.ok()) return app.take_error();
  auto doc = store_->IssuedFor(id);
  if (!doc.ok()) return doc.take_error();
  if (!doc->has_value()) return Error::NotFound();
  if ((*doc)->series != "SPLP") return Error::Conflict("services.not_splp");
  auto entry = audit_->MakeEntry(ctx.actor, "issued_document_journey", app->citizen_id,
                                 PurposeOf(ctx), ctx.ip, ctx.request_id,
                                 {{"application", id}, {"number", (*doc)->number}}, {id});
  return store_->MarkDocumentUsed((*doc)->id, clock_->NowUnix(), entry);
}

Status ServicesService::ExtendDocument(const Context& ctx, int64_t id) {
  auto app = StaffApp(ctx, id, policy::Action::kHandleApplication);
  if (!app.ok()) return app.take_error();
  auto doc = store_->IssuedFor(id);
  if (!doc.ok()) return doc.take_error();
  if (!doc->has_value()) return Error::NotFound();
  // An SPLP is for one journey within its time; a new journey needs a new application.
  return Error::Conflict((*doc)->series == "SPLP" ? "services.splp_no_extension"
                                                  : "services.document_no_extension");
}

Result<std::string> ServicesService::VerifyDocument(const std::string& code) {
  // Codes are 32 base32 characters; anything else is not looked up.
  if (code.size() != 32 || code.find_first_not_of("abcdefghijklmnopqrstuvwxyz234567") != std::string::npos) {
    return Error::NotFound();
  }
  auto doc = store_->IssuedByCode(code);
  if (!doc.ok()) return doc.take_error();
  return DocumentStatus(*doc, clock_->NowUnix());
}

Result<DayList> ServicesService::Day(const Context& ctx, const std::string& mission,
                                     const std::string& day_text) {
  if (mission.empty() || !policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, mission)) {
    return Error::Forbidden();
  }
  const auto* m = refs_->FindMission(mission);
  if (!m || m->type == "HQ") return Error::NotFound();
  Date day = TodayAt(mission);
  if (!day_text.empty()) {
    auto d = Date::Parse(day_text);
    if (!d) return Error::Invalid("date", "err.date.invalid");
    day = *d;
  }
  auto from = reference::LocalMidnight(day, m->timezone);
  auto to = reference::LocalMidnight(Date::FromUnix((day.DaysSinceEpoch() + 1) * 86400), m->timezone);
  if (!from || !to) return Error::Invalid("date", "err.date.invalid");
  auto rows = store_->DayAppointments(mission, *from, *to);
  if (!rows.ok()) return rows.take_error();
  std::vector<int64_t> ids;
  for (const auto& r : *rows) ids.push_back(r.application_id);
  // The list names citizens: audited before it is shown.
  PEDULI_TRY(audit_->Record(ctx.actor, "appointment_day_list", 0, PurposeOf(ctx), ctx.ip,
                            ctx.request_id, {{"mission", mission}, {"day", day.ToString()}}, ids));
  return DayList{mission, day.ToString(), m->timezone, std::move(*rows)};
}

Result<store::DayAppointmentRow> ServicesService::MarkArrived(const Context& ctx,
                                                              const std::string& mission,
                                                              int64_t appointment_id) {
  if (mission.empty() || !policy::Allowed(ctx.actor, policy::Action::kHandleApplication, mission)) {
    return Error::Forbidden();
  }
  auto entry = audit_->MakeEntry(ctx.actor, "appointment_arrival", 0, PurposeOf(ctx), ctx.ip,
                                 ctx.request_id, {{"appointment", appointment_id}});
  return store_->MarkArrived(mission, appointment_id, clock_->NowUnix(), entry);
}

Result<store::QueueTicketRow> ServicesService::TakeQueueNumber(const Context& ctx,
                                                               const std::string& mission,
                                                               const std::string& service) {
  if (mission.empty() || !policy::Allowed(ctx.actor, policy::Action::kHandleApplication, mission)) {
    return Error::Forbidden();
  }
  const auto* m = refs_->FindMission(mission);
  if (!m || m->closed || m->type == "HQ") return Error::NotFound();
  if (!service.empty()) {
    auto cat = CurrentCatalog();
    if (!cat.ok()) return cat.take_error();
    if (!(*cat)->Find(service)) return Error::Invalid("service", "err.services.unknown_service");
  }
  store::QueueTicketRow t;
  t.mission_code = mission;
  t.day = TodayAt(mission).ToString();
  t.service_code = service;
  t.issued_by = ctx.actor.account_id;
  t.created_at = clock_->NowUnix();
  return store_->TakeQueueNumber(t);
}

Result<store::QueueTicketRow> ServicesService::Ticket(const Context& ctx, int64_t id) {
  if (!policy::Allowed(ctx.actor, policy::Action::kHandleApplication, ctx.actor.mission_code) ||
      ctx.actor.mission_code.empty()) {
    return Error::Forbidden();
  }
  auto t = store_->FindTicket(id);
  if (!t.ok()) return t.take_error();
  if (t->mission_code != ctx.actor.mission_code) return Error::NotFound();
  return t;
}

std::vector<StagedFile> ServicesService::StageUploads(int64_t account_id,
                                                      const std::vector<Upload>& uploads) {
  std::vector<StagedFile> out;
  for (const auto& u : uploads) {
    auto type = CheckDocument("doc." + u.doc_key, u.data);
    if (!type.ok()) continue;  // refused files are not kept: the error says why
    auto sha = files_->Put(u.data);
    if (!sha.ok()) continue;
    store::StagedUploadRow row{crypto::RandomToken(20), account_id, u.doc_key.substr(0, 60), *sha,
                               *type, static_cast<int64_t>(u.data.size()),
                               u.file_name.substr(0, 120), clock_->NowUnix()};
    if (store_->StageUpload(row).ok()) out.push_back({row.token, row.doc_key, row.file_name});
  }
  return out;
}

std::vector<Upload> ServicesService::Unstage(int64_t account_id,
                                             const std::map<std::string, std::string>& tokens,
                                             std::vector<StagedFile>* kept) {
  std::vector<Upload> out;
  // A staged file is good for a day: long enough to correct a form.
  const int64_t oldest = clock_->NowUnix() - 86400;
  for (const auto& [key, token] : tokens) {
    if (token.empty() || token.size() > 64) continue;
    auto row = store_->FindStaged(token);
    if (!row.ok() || row->account_id != account_id || row->doc_key != key ||
        row->created_at < oldest) {
      continue;
    }
    auto data = files_->Get(row->sha256);
    if (!data.ok()) continue;
    out.push_back({key, row->file_name, std::move(*data)});
    if (kept) kept->push_back({row->token, key, row->file_name});
  }
  return out;
}

}  // namespace peduli::services
