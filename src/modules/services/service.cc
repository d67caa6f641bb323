#include "modules/services/service.h"

#include <fstream>
#include <sstream>

#include "core/crypto.h"
#include "modules/reference/changes.h"

namespace peduli::services {

using nlohmann::json;

namespace {

bool IsCitizenAction(const std::string& a) { return a == "resubmit" || a == "withdraw"; }

std::string MissionOfRecord(const registry::CitizenRecord& rec) {
  return rec.stays.empty() ? "" : rec.stays.front().mission_code;
}

}  // namespace

bool IsClosed(const std::string& s) {
  return s == "collected" || s == "sent" || s == "rejected" || s == "withdrawn";
}

std::optional<std::string> NextState(const std::string& from, const std::string& action) {
  if (IsClosed(from)) return std::nullopt;
  if (action == "check" && from == "submitted") return "documents_checked";
  if (action == "request_correction" && (from == "submitted" || from == "documents_checked")) {
    return "needs_correction";
  }
  if (action == "resubmit" && from == "needs_correction") return "submitted";
  if (action == "process" && from == "documents_checked") return "in_process";
  if (action == "ready" && from == "in_process") return "ready";
  if ((action == "collect" || action == "send") && from == "ready") {
    return action == "collect" ? "collected" : "sent";
  }
  if (action == "reject" && from != "ready") return "rejected";
  if (action == "withdraw" && from != "ready") return "withdrawn";
  return std::nullopt;
}

Status ServicesService::EnsureSeed(const std::string& json_path) {
  auto versions = store_->CatalogVersions();
  if (!versions.ok()) return versions.take_error();
  if (!versions->empty()) return Status::Ok();
  std::ifstream in(json_path);
  if (!in) return Error::Internal("services: cannot read " + json_path);
  std::stringstream ss;
  ss << in.rdbuf();
  auto doc = json::parse(ss.str(), nullptr, false);
  auto parsed = ParseCatalog(doc);
  if (!parsed.ok()) return Error::Internal("services: " + json_path + " is not a valid catalog");
  const std::string date = doc.value("effective_date", "2026-01-01");
  auto day = Date::Parse(date);
  auto at = day ? reference::LocalMidnight(*day, "Asia/Jakarta") : std::nullopt;
  if (!at) return Error::Internal("services: bad effective_date in " + json_path);
  auto added = store_->AddCatalogVersion(
      {0, date, *at, doc.dump(), crypto::Sha256Hex(doc.dump()), 0, clock_->NowUnix()});
  // Another server seeded it first.
  if (!added.ok() && added.error().code != Code::kConflict) return added.take_error();
  return Status::Ok();
}

Result<std::shared_ptr<const Catalog>> ServicesService::CatalogAt(int64_t instant) {
  auto versions = store_->CatalogVersions();
  if (!versions.ok()) return versions.take_error();
  const store::CatalogVersionRow* pick = nullptr;
  for (const auto& v : *versions) {
    if (v.effective_at <= instant) pick = &v;
  }
  if (!pick) return Error::NotFound();
  std::lock_guard<std::mutex> lock(mu_);
  auto it = parsed_.find(pick->id);
  if (it != parsed_.end()) return it->second;
  auto c = ParseCatalog(json::parse(pick->document, nullptr, false));
  if (!c.ok()) return Error::Internal("services: stored catalog version is invalid");
  c->version_id = pick->id;
  c->effective_date = pick->effective_date;
  c->effective_at = pick->effective_at;
  auto shared = std::make_shared<const Catalog>(std::move(*c));
  parsed_[pick->id] = shared;
  return shared;
}

Result<ServiceDef> ServicesService::DefOf(const store::ApplicationRow& app) {
  std::shared_ptr<const Catalog> cat;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = parsed_.find(app.catalog_version_id);
    if (it != parsed_.end()) cat = it->second;
  }
  if (!cat) {
    auto versions = store_->CatalogVersions();
    if (!versions.ok()) return versions.take_error();
    for (const auto& v : *versions) {
      if (v.id != app.catalog_version_id) continue;
      auto c = ParseCatalog(json::parse(v.document, nullptr, false));
      if (!c.ok()) return Error::Internal("services: stored catalog version is invalid");
      c->version_id = v.id;
      cat = std::make_shared<const Catalog>(std::move(*c));
      std::lock_guard<std::mutex> lock(mu_);
      parsed_[v.id] = cat;
    }
  }
  const ServiceDef* def = cat ? cat->Find(app.service_code) : nullptr;
  if (!def) return Error::Internal("services: application's service is not in its catalog");
  return *def;
}

Result<store::CatalogVersionRow> ServicesService::AddVersion(const Context& ctx, const json& doc,
                                                             const std::string& effective_date) {
  if (!policy::Allowed(ctx.actor, policy::Action::kManageCatalog, "")) return Error::Forbidden();
  auto day = Date::Parse(effective_date);
  auto at = day ? reference::LocalMidnight(*day, "Asia/Jakarta") : std::nullopt;
  if (!at) return Error::Invalid("effective_date", "err.services.date");
  if (*at < clock_->NowUnix()) return Error::Invalid("effective_date", "err.services.date_past");
  auto parsed = ParseCatalog(doc);
  if (!parsed.ok()) return parsed.take_error();
  PEDULI_TRY(audit_->Record(ctx.actor, "service_catalog_version", 0, "configuration", ctx.ip,
                            ctx.request_id, {{"effective_date", effective_date}}));
  return store_->AddCatalogVersion({0, effective_date, *at, doc.dump(),
                                    crypto::Sha256Hex(doc.dump()), ctx.actor.account_id,
                                    clock_->NowUnix()});
}

Result<std::vector<Offer>> ServicesService::Offers(const std::string& mission_code,
                                                   bool only_offered) {
  const auto* m = refs_->FindMission(mission_code);
  if (!m || m->closed || m->type == "HQ") return Error::NotFound();
  auto cat = CurrentCatalog();
  if (!cat.ok()) return cat.take_error();
  auto settings = store_->MissionServices(mission_code);
  if (!settings.ok()) return settings.take_error();
  std::vector<Offer> out;
  for (const auto& def : (*cat)->services) {
    Offer o{def, {mission_code, def.code}};
    for (const auto& s : *settings) {
      if (s.service_code == def.code) o.settings = s;
    }
    if (only_offered && !o.settings.offered) continue;
    out.push_back(std::move(o));
  }
  return out;
}

Status ServicesService::SetMissionService(const Context& ctx, store::MissionServiceRow row) {
  if (!policy::Allowed(ctx.actor, policy::Action::kManageMissionServices, row.mission_code)) {
    return Error::Forbidden();
  }
  const auto* m = refs_->FindMission(row.mission_code);
  if (!m || m->closed) return Error::NotFound();
  auto cat = CurrentCatalog();
  if (!cat.ok()) return cat.take_error();
  if (!(*cat)->Find(row.service_code)) return Error::NotFound();
  std::vector<FieldError> errors;
  if (row.local_fee_minor < -1) errors.push_back({"local_fee_minor", "err.services.fee"});
  if (row.local_fee_minor >= 0 &&
      (row.local_currency.size() != 3 ||
       row.local_currency.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)) {
    errors.push_back({"local_currency", "err.services.currency"});
  }
  if (row.daily_quota < 0) errors.push_back({"daily_quota", "err.services.quota"});
  if (row.opening_hours.size() > 200) errors.push_back({"opening_hours", "err.services.too_long"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  row.updated_by = ctx.actor.account_id;
  row.updated_at = clock_->NowUnix();
  auto entry = audit_->MakeEntry(ctx.actor, "mission_service_settings", 0, "configuration", ctx.ip,
                                 ctx.request_id, {{"mission", row.mission_code},
                                                  {"service", row.service_code}});
  return store_->PutMissionService(row, entry);
}

WorkCalendar ServicesService::CalendarOf(const std::string& mission_code) {
  WorkCalendar cal;
  if (const auto* m = refs_->FindMission(mission_code)) {
    cal.working_days = m->working_days ? m->working_days : reference::DefaultWorkingDays(m->country);
  }
  if (auto h = store_->Holidays(mission_code); h.ok()) cal.holidays.insert(h->begin(), h->end());
  return cal;
}

Date ServicesService::TodayAt(const std::string& mission_code) {
  auto t = refs_->LocalTime(mission_code, clock_->NowUnix());
  return t ? t->date : Date::FromUnix(clock_->NowUnix());
}

Result<std::vector<store::DocumentRow>> ServicesService::StoreUploads(
    const ServiceDef& def, const std::vector<Upload>& uploads, bool require_all, int64_t by) {
  std::vector<FieldError> errors;
  std::vector<store::DocumentRow> rows;
  std::vector<std::pair<const Upload*, std::string>> ok;
  for (const auto& d : def.documents) {
    const Upload* u = nullptr;
    for (const auto& x : uploads) {
      if (x.doc_key == d.key && !x.data.empty()) u = &x;
    }
    if (!u) {
      if (require_all && d.required) errors.push_back({"doc." + d.key, "err.services.file_missing"});
      continue;
    }
    auto type = CheckDocument("doc." + d.key, u->data);
    if (!type.ok()) {
      for (auto& f : type.error().fields) errors.push_back(f);
      continue;
    }
    ok.emplace_back(u, *type);
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  const int64_t now = clock_->NowUnix();
  for (const auto& [u, type] : ok) {
    auto sha = files_->Put(u->data);
    if (!sha.ok()) return sha.take_error();
    std::string name = u->file_name.substr(0, 120);
    rows.push_back({0, 0, u->doc_key, *sha, type, static_cast<int64_t>(u->data.size()), name, by, now});
  }
  return rows;
}

Result<store::ApplicationRow> ServicesService::File(
    const registry::CitizenRecord& rec, int64_t account_id, const std::string& channel,
    const std::string& service_code, const std::map<std::string, std::string>& fields,
    const std::vector<Upload>& uploads, int64_t actor_id, const std::string& actor_role,
    const std::optional<store::AuditEntry>& audit) {
  const std::string mission = MissionOfRecord(rec);
  if (rec.status != "active" || mission.empty()) return Error::Conflict("services.no_record");
  auto offers = Offers(mission, true);
  if (!offers.ok()) return offers.take_error();
  const Offer* offer = nullptr;
  for (const auto& o : *offers) {
    if (o.def.code == service_code) offer = &o;
  }
  if (!offer) return Error::NotFound();
  const ServiceDef& def = offer->def;
  // The mission's daily quota counts every channel; a walk-in at the counter is refused too,
  // the officer sees why. A place is taken in the filing's own transaction (a lock, not a
  // count: two filings at the same instant cannot both pass the last place).
  std::optional<store::QuotaClaim> quota;
  if (offer->settings.daily_quota > 0) {
    quota = store::QuotaClaim{TodayAt(mission).ToString(), offer->settings.daily_quota};
  }
  auto cat = CurrentCatalog();
  if (!cat.ok()) return cat.take_error();

  std::vector<FieldError> errors;
  json values = json::object();
  for (const auto& f : def.fields) {
    auto it = fields.find(f.key);
    std::string v = it == fields.end() ? "" : it->second;
    if (v.size() > 2000) errors.push_back({"field." + f.key, "err.services.too_long"});
    else if (v.empty() && f.required) errors.push_back({"field." + f.key, "err.required"});
    else if (!v.empty() && f.type == "date" && !Date::Parse(v)) {
      errors.push_back({"field." + f.key, "err.date.invalid"});
    }
    values[f.key] = v;
  }
  auto docs = StoreUploads(def, uploads, true, actor_id);
  if (!docs.ok()) {
    for (auto& f : docs.error().fields) errors.push_back(f);
    if (docs.error().code != Code::kInvalid) return docs.take_error();
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  // The applicant as Lapor Diri knows them, copied so the application keeps what was true
  // when it was filed.
  const auto& d = rec.data;
  json form = {{"applicant",
                {{"full_name", d.identity.full_name}, {"nik", d.identity.nik},
                 {"birth_date", d.identity.birth_date}, {"passport_number", d.passport.number},
                 {"passport_expiry", d.passport.expiry_date}, {"address", d.stay.address},
                 {"city", d.stay.city}, {"phone", d.stay.phone}}},
               {"fields", values}};
  const int64_t now = clock_->NowUnix();
  const WorkCalendar cal = CalendarOf(mission);
  store::ApplicationRow a;
  a.citizen_id = rec.id;
  a.account_id = account_id;
  a.mission_code = mission;
  a.service_code = def.code;
  a.catalog_version_id = (*cat)->version_id;
  a.channel = channel;
  a.state = "submitted";
  a.form = form.dump();
  if (offer->settings.local_fee_minor >= 0) {
    a.fee_minor = offer->settings.local_fee_minor;
    a.fee_currency = offer->settings.local_currency;
  } else {
    a.fee_minor = def.fee_idr * 100;
    a.fee_currency = "IDR";
  }
  a.submitted_at = now;
  a.due_date = AddWorkingDays(cal, TodayAt(mission), def.processing_days).ToString();
  store::ActionRow first{0, 0, "submit", "", "submitted", actor_id, actor_role,
                         channel == "counter" ? "counter" : "", now};
  return store_->CreateApplication(a, first, std::move(*docs), audit, quota);
}

Result<store::ApplicationRow> ServicesService::Apply(int64_t account_id,
                                                     const std::string& service_code,
                                                     const std::map<std::string, std::string>& fields,
                                                     const std::vector<Upload>& uploads) {
  auto rec = records_->FindByAccount(account_id);
  if (!rec.ok()) {
    if (rec.error().code == Code::kNotFound) return Error::Conflict("services.no_record");
    return rec.take_error();
  }
  return File(*rec, account_id, "online", service_code, fields, uploads, account_id, "citizen",
              std::nullopt);
}

Result<store::ApplicationRow> ServicesService::FileAtCounter(
    const Context& ctx, int64_t citizen_id, const std::string& service_code,
    const std::map<std::string, std::string>& fields, const std::vector<Upload>& uploads) {
  auto rec = records_->FindById(citizen_id);
  if (!rec.ok()) return rec.take_error();
  const std::string mission = MissionOfRecord(*rec);
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, mission)) return Error::NotFound();
  if (!policy::Allowed(ctx.actor, policy::Action::kHandleApplication, mission)) {
    return Error::Forbidden();
  }
  auto entry = audit_->MakeEntry(ctx.actor, "application_file_counter", rec->id, PurposeOf(ctx), ctx.ip,
                                 ctx.request_id, {{"service", service_code}});
  return File(*rec, rec->account_id, "counter", service_code, fields, uploads,
              ctx.actor.account_id, ctx.actor.role, entry);
}

Result<std::vector<store::ApplicationRow>> ServicesService::Mine(int64_t account_id) {
  return store_->ApplicationsOfAccount(account_id);
}

Result<store::ApplicationRow> ServicesService::Mine1(int64_t account_id, int64_t id) {
  auto app = store_->FindApplication(id);
  if (!app.ok()) return app.take_error();
  if (app->account_id != account_id || account_id == 0) return Error::NotFound();
  return app;
}

void ServicesService::MaybeEscalate(store::ApplicationRow& app, const WorkCalendar& cal,
                                    const Date& today) {
  if (IsClosed(app.state) || app.state == "needs_correction") return;
  auto due = Date::Parse(app.due_date);
  if (!due) return;
  const int level = EscalationLevel(cal, today, *due);
  if (level <= app.escalation) return;
  store::ActionRow a{0, app.id, "escalate", app.state, app.state, 0, "system",
                     level == 1 ? "supervisor" : "hq", clock_->NowUnix()};
  auto done = store_->Escalate(app.id, level, a);
  if (done.ok()) app.escalation = level;
}

Result<ApplicationView> ServicesService::ViewOf(const store::ApplicationRow& app, bool staff,
                                                const policy::Actor& actor) {
  ApplicationView v;
  v.app = app;
  auto def = DefOf(app);
  if (!def.ok()) return def.take_error();
  v.def = std::move(*def);
  const WorkCalendar cal = CalendarOf(app.mission_code);
  const Date today = TodayAt(app.mission_code);
  MaybeEscalate(v.app, cal, today);
  auto actions = store_->Actions(app.id);
  if (!actions.ok()) return actions.take_error();
  v.actions = std::move(*actions);
  auto docs = store_->Documents(app.id);
  if (!docs.ok()) return docs.take_error();
  v.documents = std::move(*docs);
  auto appt = store_->Appointment(app.id);
  if (!appt.ok()) return appt.take_error();
  v.appointment = *appt;
  auto pay = store_->Payment(app.id);
  if (!pay.ok()) return pay.take_error();
  v.payment = *pay;
  auto issued = store_->IssuedFor(app.id);
  if (!issued.ok()) return issued.take_error();
  v.issued = *issued;
  if (v.issued) v.issued_status = DocumentStatus(*v.issued, clock_->NowUnix());
  if (!IsClosed(app.state)) {
    auto due = Date::Parse(app.due_date);
    if (due) v.rag = Rag(cal, today, *due, app.state == "needs_correction");
  }
  const auto* m = refs_->FindMission(app.mission_code);
  v.time_zone = m ? m->timezone : "UTC";
  static const char* kStaff[] = {"check", "request_correction", "process", "ready",
                                 "collect", "send", "reject"};
  static const char* kCitizen[] = {"resubmit", "withdraw"};
  if (staff) {
    if (policy::Allowed(actor, policy::Action::kHandleApplication, app.mission_code)) {
      for (const char* a : kStaff) {
        if (NextState(app.state, a)) v.next_actions.push_back(a);
      }
    }
  } else {
    for (const char* a : kCitizen) {
      if (NextState(app.state, a)) v.next_actions.push_back(a);
    }
  }
  return v;
}

Result<ApplicationView> ServicesService::MineOne(int64_t account_id, int64_t id) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  return ViewOf(*app, false, {account_id, "citizen", ""});
}

Result<store::ApplicationRow> ServicesService::Resubmit(int64_t account_id, int64_t id,
                                                        const std::string& note,
                                                        const std::vector<Upload>& uploads) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  if (!NextState(app->state, "resubmit")) return Error::Conflict("services.not_allowed");
  auto def = DefOf(*app);
  if (!def.ok()) return def.take_error();
  auto docs = StoreUploads(*def, uploads, false, account_id);
  if (!docs.ok()) return docs.take_error();
  if (note.size() > 2000) return Error::Invalid("note", "err.services.too_long");
  // The days spent waiting on the citizen do not count against the mission.
  const WorkCalendar cal = CalendarOf(app->mission_code);
  const Date today = TodayAt(app->mission_code);
  const auto* m = refs_->FindMission(app->mission_code);
  const Date since = LocalDate(app->correction_since, m ? m->timezone : "UTC");
  auto due = Date::Parse(app->due_date);
  store::ApplicationRow next = *app;
  if (due) {
    next.due_date = AddWorkingDays(cal, *due, WorkingDaysBetween(cal, since, today)).ToString();
  }
  next.state = "submitted";
  next.correction_since = 0;
  next.updated_at = clock_->NowUnix();
  store::ActionRow a{0, id, "resubmit", app->state, next.state, account_id, "citizen", note,
                     next.updated_at};
  return store_->Transition(next, a, std::move(*docs), std::nullopt);
}

Result<store::ApplicationRow> ServicesService::Withdraw(int64_t account_id, int64_t id,
                                                        const std::string& note) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  auto to = NextState(app->state, "withdraw");
  if (!to) return Error::Conflict("services.not_allowed");
  store::ApplicationRow next = *app;
  next.state = *to;
  next.updated_at = next.closed_at = clock_->NowUnix();
  next.correction_since = 0;
  store::ActionRow a{0, id, "withdraw", app->state, *to, account_id, "citizen",
                     note.substr(0, 2000), next.updated_at};
  auto r = store_->Transition(next, a, {}, std::nullopt);
  if (r.ok()) (void)store_->CancelAppointment(id, next.updated_at);
  return r;
}

Result<DocumentFile> ServicesService::MyDocument(int64_t account_id, int64_t id, int64_t doc_id) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  auto docs = store_->Documents(id);
  if (!docs.ok()) return docs.take_error();
  for (const auto& d : *docs) {
    if (d.id != doc_id) continue;
    auto data = files_->Get(d.sha256);
    if (!data.ok()) return data.take_error();
    return DocumentFile{d, std::move(*data)};
  }
  return Error::NotFound();
}

Result<std::vector<ApplicationView>> ServicesService::Queue(const Context& ctx,
                                                            const std::string& mission_code) {
  if (!policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, mission_code)) {
    return Error::Forbidden();
  }
  const std::string scope = mission_code.empty() ? policy::ScopeOf(ctx.actor) : mission_code;
  auto apps = store_->OpenQueue(scope, 500);
  if (!apps.ok()) return apps.take_error();
  std::vector<int64_t> ids;
  for (const auto& a : *apps) ids.push_back(a.id);
  // The list names citizens: audited before it is shown.
  PEDULI_TRY(audit_->Record(ctx.actor, "application_queue", 0, PurposeOf(ctx), ctx.ip, ctx.request_id,
                            {{"mission", scope}}, ids));
  std::map<std::string, std::pair<WorkCalendar, Date>> cals;
  std::vector<ApplicationView> out;
  for (auto& a : *apps) {
    auto it = cals.find(a.mission_code);
    if (it == cals.end()) {
      it = cals.emplace(a.mission_code, std::make_pair(CalendarOf(a.mission_code),
                                                       TodayAt(a.mission_code))).first;
    }
    MaybeEscalate(a, it->second.first, it->second.second);
    ApplicationView v;
    v.app = a;
    auto due = Date::Parse(a.due_date);
    if (due) v.rag = Rag(it->second.first, it->second.second, *due, a.state == "needs_correction");
    const auto* m = refs_->FindMission(a.mission_code);
    v.time_zone = m ? m->timezone : "UTC";
    if (auto def = DefOf(a); def.ok()) v.def = std::move(*def);
    out.push_back(std::move(v));
  }
  return out;
}

Result<ApplicationView> ServicesService::StaffView(const Context& ctx, int64_t id) {
  auto app = store_->FindApplication(id);
  if (!app.ok()) return app.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, app->mission_code)) {
    return Error::NotFound();
  }
  PEDULI_TRY(audit_->Record(ctx.actor, "application_read", app->citizen_id, PurposeOf(ctx), ctx.ip,
                            ctx.request_id, {{"application", id}}, {id}));
  return ViewOf(*app, true, ctx.actor);
}

Result<store::ApplicationRow> ServicesService::Act(const Context& ctx, int64_t id,
                                                   const std::string& action,
                                                   const std::string& note, int64_t version) {
  // Those who read every mission's work but act on none (HQ) are refused whether or not the
  // application exists: the answer reveals nothing about it.
  if (policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, "") &&
      !policy::Allowed(ctx.actor, policy::Action::kHandleApplication, policy::ScopeOf(ctx.actor))) {
    return Error::Forbidden();
  }
  auto app = store_->FindApplication(id);
  if (!app.ok()) return app.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, app->mission_code)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, policy::Action::kHandleApplication, app->mission_code)) {
    return Error::Forbidden();
  }
  if (IsCitizenAction(action)) return Error::Invalid("action", "err.services.action");
  auto to = NextState(app->state, action);
  if (!to) {
    if (action != "check" && action != "request_correction" && action != "process" &&
        action != "ready" && action != "collect" && action != "send" && action != "reject") {
      return Error::Invalid("action", "err.services.action");
    }
    return Error::Conflict("services.not_allowed");
  }
  if ((action == "request_correction" || action == "reject") && note.empty()) {
    return Error::Invalid("note", "err.services.note_required");
  }
  if (note.size() > 2000) return Error::Invalid("note", "err.services.too_long");
  store::ApplicationRow next = *app;
  if (version > 0) next.version = version;
  next.state = *to;
  next.updated_at = clock_->NowUnix();
  next.correction_since = *to == "needs_correction" ? next.updated_at : 0;
  if (IsClosed(*to)) next.closed_at = next.updated_at;
  store::ActionRow a{0, id, action, app->state, *to, ctx.actor.account_id, ctx.actor.role, note,
                     next.updated_at};
  auto entry = audit_->MakeEntry(ctx.actor, "application_" + action, app->citizen_id, PurposeOf(ctx),
                                 ctx.ip, ctx.request_id, {{"application", id}, {"to", *to}},
                                 {id});
  return store_->Transition(next, a, {}, entry);
}

Result<DocumentFile> ServicesService::StaffDocument(const Context& ctx, int64_t id, int64_t doc_id) {
  auto app = store_->FindApplication(id);
  if (!app.ok()) return app.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, app->mission_code)) {
    return Error::NotFound();
  }
  auto docs = store_->Documents(id);
  if (!docs.ok()) return docs.take_error();
  for (const auto& d : *docs) {
    if (d.id != doc_id) continue;
    // Audited before a byte is served.
    PEDULI_TRY(audit_->Record(ctx.actor, "application_document_read", app->citizen_id, PurposeOf(ctx),
                              ctx.ip, ctx.request_id,
                              {{"application", id}, {"document", doc_id}, {"key", d.doc_key}},
                              {id}));
    auto data = files_->Get(d.sha256);
    if (!data.ok()) return data.take_error();
    return DocumentFile{d, std::move(*data)};
  }
  return Error::NotFound();
}

Result<store::PaymentRow> ServicesService::RecordPayment(const Context& ctx, int64_t id,
                                                         store::PaymentRow p) {
  // As for Act: those who read every mission but act on none are refused up front.
  if (policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, "") &&
      !policy::Allowed(ctx.actor, policy::Action::kHandleApplication, policy::ScopeOf(ctx.actor))) {
    return Error::Forbidden();
  }
  auto app = store_->FindApplication(id);
  if (!app.ok()) return app.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCitizen, app->mission_code)) {
    return Error::NotFound();
  }
  if (!policy::Allowed(ctx.actor, policy::Action::kHandleApplication, app->mission_code)) {
    return Error::Forbidden();
  }
  std::vector<FieldError> errors;
  if (p.kind == "payment") {
    if (p.amount_minor < 0) errors.push_back({"amount_minor", "err.services.fee"});
    if (p.currency.size() != 3 ||
        p.currency.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) {
      errors.push_back({"currency", "err.services.currency"});
    }
    if (p.method != "cash" && p.method != "card" && p.method != "transfer" && p.method != "gateway") {
      errors.push_back({"method", "err.services.method"});
    }
    if (p.receipt_number.empty() || p.receipt_number.size() > 60) {
      errors.push_back({"receipt_number", "err.required"});
    }
    p.waiver_reason.clear();
  } else if (p.kind == "waiver") {
    if (p.waiver_reason != "distressed" && p.waiver_reason != "pmi_protection_case") {
      errors.push_back({"waiver_reason", "err.services.waiver_reason"});
    }
    if (p.note.empty()) errors.push_back({"note", "err.services.note_required"});
    p.amount_minor = 0;
    p.currency = p.method = p.receipt_number = "";
  } else {
    errors.push_back({"kind", "err.services.payment_kind"});
  }
  if (p.note.size() > 2000) errors.push_back({"note", "err.services.too_long"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  // A migrant worker's waiver needs an open protection case about them (the protection
  // module's cases, read only): without one it is refused, whatever the officer typed.
  if (p.kind == "waiver" && p.waiver_reason == "pmi_protection_case") {
    auto open = store_->OpenProtectionCases(app->citizen_id, app->account_id);
    if (!open.ok()) return open.take_error();
    if (*open == 0) return Error::Conflict("services.waiver_no_case");
  }
  p.application_id = id;
  p.recorded_by = ctx.actor.account_id;
  p.created_at = clock_->NowUnix();
  auto entry = audit_->MakeEntry(ctx.actor, "application_" + p.kind, app->citizen_id, PurposeOf(ctx),
                                 ctx.ip, ctx.request_id, {{"application", id}}, {id});
  return store_->RecordPayment(p, entry);
}

Result<store::SlotRow> ServicesService::AddSlot(const Context& ctx, const std::string& mission,
                                                const std::string& service,
                                                const std::string& local_start, int64_t capacity) {
  if (!policy::Allowed(ctx.actor, policy::Action::kHandleApplication, mission)) {
    return Error::Forbidden();
  }
  const auto* m = refs_->FindMission(mission);
  if (!m || m->closed) return Error::NotFound();
  auto cat = CurrentCatalog();
  if (!cat.ok()) return cat.take_error();
  if (!(*cat)->Find(service)) return Error::Invalid("service", "err.services.unknown_service");
  std::vector<FieldError> errors;
  std::optional<int64_t> at;
  if (local_start.size() == 16 && local_start[10] == 'T' && local_start[13] == ':') {
    auto day = Date::Parse(local_start.substr(0, 10));
    int hh = std::atoi(local_start.substr(11, 2).c_str());
    int mm = std::atoi(local_start.substr(14, 2).c_str());
    auto midnight = day ? reference::LocalMidnight(*day, m->timezone) : std::nullopt;
    // Slots are in opening hours: no daylight-saving jump falls between midnight and them in
    // the missions' zones that have one (changes happen at night), so midnight + time holds.
    if (midnight && hh >= 0 && hh < 24 && mm >= 0 && mm < 60) at = *midnight + hh * 3600 + mm * 60;
  }
  if (!at) errors.push_back({"starts_at", "err.services.slot_time"});
  else if (*at <= clock_->NowUnix()) errors.push_back({"starts_at", "err.services.date_past"});
  if (capacity < 1 || capacity > 500) errors.push_back({"capacity", "err.services.capacity"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return store_->AddSlot({0, mission, service, *at, capacity, 0}, ctx.actor.account_id,
                         clock_->NowUnix());
}

Result<std::vector<store::SlotRow>> ServicesService::UpcomingSlots(const std::string& mission,
                                                                   const std::string& service) {
  const int64_t now = clock_->NowUnix();
  return store_->Slots(mission, service, now, now + 30 * 86400);
}

Result<store::AppointmentRow> ServicesService::Book(int64_t account_id, int64_t id, int64_t slot_id) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  if (IsClosed(app->state)) return Error::Conflict("services.not_allowed");
  auto slot = store_->FindSlot(slot_id);
  if (!slot.ok() || slot->mission_code != app->mission_code ||
      slot->service_code != app->service_code) {
    return Error::Invalid("slot_id", "err.services.slot");
  }
  if (slot->starts_at <= clock_->NowUnix()) return Error::Invalid("slot_id", "err.services.date_past");
  return store_->Book(id, slot_id, clock_->NowUnix());
}

Status ServicesService::CancelAppointment(int64_t account_id, int64_t id) {
  auto app = Mine1(account_id, id);
  if (!app.ok()) return app.take_error();
  return store_->CancelAppointment(id, clock_->NowUnix());
}

}  // namespace peduli::services
