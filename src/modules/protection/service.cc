#include "modules/protection/service.h"

#include <algorithm>
#include <cctype>

#include "core/crypto.h"
#include "modules/protection/internal.h"

namespace peduli::protection {

const std::vector<std::string> kCategories = {
    "wage",  "contract", "detention", "death_penalty", "trafficking", "online_scam", "death",
    "illness", "missing", "violence", "disaster", "stranded", "other"};
const std::vector<std::string> kPriorities = {"urgent", "high", "normal", "low"};
const std::vector<std::string> kRiskFlags = {"minor", "injured", "detained", "no_documents",
                                             "no_contact", "pregnant", "self_harm", "abuse"};
const std::vector<std::string> kStates = {"new", "triaged", "in_progress", "resolved", "closed"};
const std::vector<std::string> kOutcomes = {"wages_recovered", "repatriated", "released",
                                            "remains_repatriated", "not_reachable", "other"};
const std::vector<std::string> kPartners = {"shelter", "labour_attache", "iom", "legal_aid",
                                            "ngo", "other"};
const std::vector<std::string> kChannels = {"walk_in", "hotline", "news", "other"};
const std::vector<std::string> kActionKinds = {"note", "contact", "visit", "legal_aid", "state"};

namespace {

using namespace internal;  // NOLINT: kPurpose, In, Blank, Finished, Trim, MayMove

constexpr int64_t kHour = 3600;
constexpr int64_t kPanicWindow = 15 * 60;

bool Hq(const policy::Actor& a) { return a.role == "hq" || a.role == "hq_admin"; }

std::string MaskNik(const std::string& nik) {
  return nik.size() == 16 ? nik.substr(0, 6) + "******" + nik.substr(12) : nik;
}

void CheckLength(std::vector<FieldError>& errors, const std::string& field, const std::string& v,
                 size_t max) {
  if (v.size() > max) errors.push_back({field, "err.protection.too_long"});
}

}  // namespace

bool IsRestrictedCategory(const std::string& c) {
  return c == "trafficking" || c == "violence" || c == "death_penalty";
}

int64_t DeadlineSeconds(const std::string& p) {
  if (p == "urgent") return 4 * kHour;
  if (p == "high") return 24 * kHour;
  if (p == "low") return 7 * 24 * kHour;
  return 72 * kHour;
}

int64_t HqGraceSeconds(const std::string& p) { return DeadlineSeconds(p); }

std::string Rag(const store::CaseRow& c, int64_t now) {
  if (!c.due_at || Finished(c.state)) return "";
  if (now > c.due_at) return "red";
  if ((c.due_at - now) * 4 < DeadlineSeconds(c.priority)) return "amber";
  return "green";
}

std::string MaskName(const std::string& name) {
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    while (i < name.size() && name[i] == ' ') ++i;
    if (i >= name.size()) break;
    // The word's first letter (one UTF-8 code point), then stars.
    size_t j = i + 1;
    while (j < name.size() && (static_cast<unsigned char>(name[j]) & 0xC0) == 0x80) ++j;
    if (!out.empty()) out += ' ';
    out += name.substr(i, j - i) + "***";
    while (j < name.size() && name[j] != ' ') ++j;
    i = j;
  }
  return out;
}

std::string NewTrackingNumber() {
  std::string t = crypto::RandomToken(5);  // 8 base32 characters
  for (auto& ch : t) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return "PW-" + t.substr(0, 4) + "-" + t.substr(4, 4);
}

std::string DefaultPriority(const std::string& category) {
  if (category == "death_penalty" || category == "trafficking" || category == "violence" ||
      category == "missing" || category == "detention" || category == "disaster" ||
      category == "stranded" || category == "death") {
    return "high";
  }
  return "normal";
}

// ---- opening ----

std::vector<FieldError> ProtectionService::Check(OpenRequest& r) const {
  if (r.priority.empty()) r.priority = DefaultPriority(r.category);
  std::vector<FieldError> errors;
  for (auto* s : {&r.subject_name, &r.subject_nik, &r.subject_passport, &r.subject_birth_date,
                  &r.country, &r.location, &r.employer, &r.agency, &r.phone, &r.last_contact,
                  &r.summary, &r.reporter_name, &r.reporter_contact, &r.reporter_relation}) {
    *s = Trim(*s);
  }
  if (!In(kCategories, r.category)) errors.push_back({"category", "err.choice"});
  if (!In(kPriorities, r.priority)) errors.push_back({"priority", "err.choice"});
  if (r.source == "officer" && !r.channel.empty() && !In(kChannels, r.channel)) {
    errors.push_back({"channel", "err.choice"});
  }
  for (const auto& f : r.risk_flags) {
    if (!In(kRiskFlags, f)) errors.push_back({"risk_flags", "err.choice"});
  }
  if (r.subject_name.empty() && !r.citizen_id) errors.push_back({"subject_name", "err.required"});
  if (r.summary.empty() && r.source != "panic") errors.push_back({"summary", "err.required"});
  if (!r.subject_nik.empty() &&
      (r.subject_nik.size() != 16 || r.subject_nik.find_first_not_of("0123456789") != std::string::npos)) {
    errors.push_back({"subject_nik", "err.protection.nik"});
  }
  if (!r.country.empty() && !ref_->CountryExists(r.country)) errors.push_back({"country", "err.choice"});
  const auto* mission = ref_->FindMission(r.mission_code);
  if (!mission || mission->closed) errors.push_back({"mission", "err.choice"});
  CheckLength(errors, "subject_name", r.subject_name, 200);
  CheckLength(errors, "summary", r.summary, 4000);
  for (auto [f, v] : std::initializer_list<std::pair<const char*, const std::string*>>{
           {"subject_passport", &r.subject_passport}, {"location", &r.location},
           {"employer", &r.employer}, {"agency", &r.agency}, {"phone", &r.phone},
           {"last_contact", &r.last_contact}, {"reporter_name", &r.reporter_name},
           {"reporter_contact", &r.reporter_contact}, {"reporter_relation", &r.reporter_relation},
           {"position", &r.position}, {"external_ref", &r.external_ref}}) {
    CheckLength(errors, f, *v, 500);
  }
  return errors;
}

Result<Opened> ProtectionService::OpenCase(const Context& ctx, OpenRequest r) {
  const bool staff = policy::IsStaff(ctx.actor.role);
  if (r.mission_code.empty() && staff) r.mission_code = ctx.actor.mission_code;
  if (staff && !policy::Allowed(ctx.actor, policy::Action::kActOnCase, r.mission_code)) {
    return Error::Forbidden();
  }
  // Citizens and the public open cases only through their own doors (report, panic).
  if (!staff && ctx.actor.role != "system" && r.source != "citizen" && r.source != "public" &&
      r.source != "panic") {
    return Error::Forbidden();
  }
  auto errors = Check(r);
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  const int64_t now = clock_->NowUnix();
  store::CaseRow c;
  c.mission_code = r.mission_code;
  c.source = r.source;
  c.channel = r.channel;
  c.category = r.category;
  c.priority = r.priority;
  std::string flags;
  for (const auto& f : r.risk_flags) flags += (flags.empty() ? "" : ",") + f;
  c.risk_flags = flags;
  c.restricted = IsRestrictedCategory(r.category);
  c.state = "new";
  c.citizen_id = r.citizen_id;
  c.subject_name = r.subject_name;
  c.subject_nik = r.subject_nik;
  c.subject_passport = r.subject_passport;
  c.subject_birth_date = r.subject_birth_date;
  c.country = r.country;
  c.location = r.location;
  c.employer = r.employer;
  c.agency = r.agency;
  c.phone = r.phone;
  c.last_contact = r.last_contact;
  c.summary = r.summary;
  c.position = r.position;
  c.reporter_account_id = r.reporter_account_id;
  c.reporter_name = r.reporter_name;
  c.reporter_contact = r.reporter_contact;
  c.reporter_relation = r.reporter_relation;
  c.ip_hash = r.ip_hash;
  c.external_ref = r.external_ref;
  c.due_at = now + DeadlineSeconds(r.priority);
  c.created_at = now;
  store::CaseActionRow first = ActionBy(ctx, "report");
  first.internal = false;
  first.to_state = "new";
  std::function<store::AuditEntry(const store::CaseRow&)> audit;
  if (staff || ctx.actor.role == "system") {
    audit = [&](const store::CaseRow& row) {
      return audit_->MakeEntry(ctx.actor, "open_case", row.citizen_id, kPurpose, ctx.ip,
                               ctx.request_id,
                               {{"case_id", row.id}, {"source", row.source},
                                {"mission_code", row.mission_code}});
    };
  }
  // Told in the case's own transaction: the reporter of a report or a panic, and the
  // mission's duty officers of an urgent case.
  const bool tell_reporter = r.source == "public" || r.source == "citizen" || r.source == "panic";
  const Reporter reporter = tell_reporter ? ReporterOf(c) : Reporter{};
  auto within = [&](store::Connection& conn, const store::CaseRow& row) -> Status {
    if (tell_reporter) PEDULI_TRY(QueueStep(conn, row, reporter, "report", "report"));
    if (row.priority == "urgent") PEDULI_TRY(QueueDuty(conn, row, "urgent", "urgent"));
    return Status::Ok();
  };
  Opened out;
  for (int attempt = 0;; ++attempt) {
    c.tracking_number = NewTrackingNumber();
    if (r.with_follow_link) {
      out.follow_token = crypto::RandomToken(20);
      c.follow_hash = crypto::HashToken(out.follow_token);
    }
    auto created = store_->Create(c, first, audit, within);
    if (created.ok()) {
      out.c = std::move(*created);
      break;
    }
    // 40 random bits: a collision is rare; another draw settles it.
    if (created.error().message != "protection.tracking_taken" || attempt >= 3) {
      return created.take_error();
    }
  }
  Queued();
  return out;
}

Result<Opened> ProtectionService::ReportPublic(const Context& ctx, OpenRequest r,
                                               const std::string& honeypot) {
  r.source = "public";
  r.channel.clear();
  r.reporter_account_id = 0;
  r.citizen_id = 0;
  r.external_ref.clear();
  r.risk_flags.clear();
  r.priority = DefaultPriority(r.category);
  r.with_follow_link = true;
  std::vector<FieldError> errors;
  if (Blank(r.reporter_name)) errors.push_back({"reporter_name", "err.required"});
  if (Blank(r.reporter_contact)) errors.push_back({"reporter_contact", "err.required"});
  if (Blank(r.country) || !ref_->CountryExists(Trim(r.country))) {
    errors.push_back({"country", Blank(r.country) ? "err.required" : "err.choice"});
  }
  // Every problem at once: the general checks too (with a mission that passes).
  OpenRequest probe = r;
  probe.mission_code = reference::kHqMission;
  probe.country.clear();
  for (auto& f : Check(probe)) errors.push_back(f);
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (!honeypot.empty()) {
    Opened fake;
    fake.c.tracking_number = NewTrackingNumber();
    fake.c.state = "new";
    return fake;
  }
  r.country = Trim(r.country);
  r.ip_hash = crypto::HashToken("case-ip:" + ctx.ip);
  auto n = store_->CountPublicSince(r.ip_hash, clock_->NowUnix() - kHour);
  if (!n.ok()) return n.take_error();
  if (*n >= kPublicReportsPerHour) return Error::TooMany("protection.too_many");
  // The mission serving the country (its default mission where the country is split).
  r.mission_code = ref_->ResolveMission(r.country, "", r.location).mission_code;
  Context public_ctx{{0, "public", ""}, ctx.ip, ctx.request_id};
  return OpenCase(public_ctx, std::move(r));
}

Result<OpenRequest> ProtectionService::Prefill(int64_t account_id) {
  auto rec = records_->FindByAccount(account_id);
  if (!rec.ok()) return rec.take_error();
  OpenRequest r;
  r.citizen_id = rec->id;
  r.subject_name = rec->data.identity.full_name;
  r.subject_birth_date = rec->data.identity.birth_date;
  if (rec->status == "active" && !rec->stays.empty()) {
    const auto& s = rec->stays.front();
    r.mission_code = s.mission_code;
    r.country = s.stay.country;
    r.location = s.stay.city + (s.stay.address.empty() ? "" : ", " + s.stay.address);
    r.phone = s.stay.phone;
    r.employer = s.stay.pmi.employer_name;
    r.agency = s.stay.pmi.agency;
  }
  return r;
}

Result<Opened> ProtectionService::ReportAsCitizen(const Context& ctx, OpenRequest in) {
  auto base = Prefill(ctx.actor.account_id);
  if (!base.ok() && base.error().code != Code::kNotFound) return base.take_error();
  OpenRequest r = base.ok() ? std::move(*base) : OpenRequest{};
  // What the citizen may say; the record decides who and (through the stay) where.
  r.source = "citizen";
  r.category = in.category;
  r.priority = DefaultPriority(in.category);
  r.summary = in.summary;
  if (!Trim(in.location).empty()) r.location = in.location;
  if (!Trim(in.phone).empty()) r.phone = in.phone;
  if (!Trim(in.employer).empty()) r.employer = in.employer;
  if (!Trim(in.agency).empty()) r.agency = in.agency;
  r.reporter_account_id = ctx.actor.account_id;
  if (r.subject_name.empty()) r.subject_name = in.subject_name;
  if (r.mission_code.empty()) {
    r.country = Trim(in.country);
    r.mission_code = r.country.empty() ? reference::kHqMission
                                       : ref_->ResolveMission(r.country, "", r.location).mission_code;
  }
  return OpenCase(ctx, std::move(r));
}

Result<Opened> ProtectionService::Panic(const Context& ctx, const std::string& position) {
  std::string pos;
  // Only "lat,lon" in decimal degrees is kept; anything else is dropped, never an error:
  // the button must always work.
  if (!position.empty() && position.size() < 64 &&
      position.find_first_not_of("0123456789.,- ") == std::string::npos &&
      std::count(position.begin(), position.end(), ',') == 1) {
    pos = position;
  }
  const int64_t now = clock_->NowUnix();
  auto recent = store_->RecentOpen(ctx.actor.account_id, "panic", now - kPanicWindow);
  if (recent.ok()) {
    auto a = ActionBy(ctx, "note");
    a.body = pos.empty() ? "panic_again" : "panic_again " + pos;
    a.internal = true;
    auto after = store_->ApplyAction(
        recent->id, a, {}, 0, nullptr, [this](store::Connection& conn, const store::CaseRow& row) {
          return QueueDuty(conn, row, "panic", "panic:" + std::to_string(row.updated_at));
        });
    if (!after.ok()) return after.take_error();
    Queued();
    return Opened{*after, ""};
  }
  if (recent.error().code != Code::kNotFound) return recent.take_error();
  auto base = Prefill(ctx.actor.account_id);
  if (!base.ok() && base.error().code != Code::kNotFound) return base.take_error();
  OpenRequest r = base.ok() ? std::move(*base) : OpenRequest{};
  if (r.mission_code.empty()) r.mission_code = reference::kHqMission;
  if (r.subject_name.empty()) r.subject_name = "-";
  r.source = "panic";
  r.category = "other";
  r.priority = "urgent";
  r.position = pos;
  r.reporter_account_id = ctx.actor.account_id;
  auto opened = OpenCase(ctx, std::move(r));  // urgent: OpenCase notifies
  return opened;
}

// ---- the reporter's view ----

PublicView ToPublic(const store::CaseRow& c, const std::vector<store::CaseActionRow>& actions) {
  PublicView v;
  v.c = c;
  for (const auto& a : actions) {
    if (a.internal) continue;
    static const std::vector<std::string> shown = {"report", "state", "note", "contact",
                                                   "visit", "legal_aid", "referral", "transfer"};
    if (!In(shown, a.kind)) continue;
    PublicEntry e;
    e.at = a.created_at;
    e.kind = a.kind;
    e.to_state = a.to_state;
    e.outcome = a.outcome;
    if (a.kind == "note") e.body = a.body;
    v.entries.push_back(std::move(e));
  }
  return v;
}

Result<PublicView> ProtectionService::Follow(const std::string& token) {
  if (token.size() < 16 || token.size() > 64) return Error::NotFound();
  auto c = store_->FindByFollowHash(crypto::HashToken(token));
  if (!c.ok()) return c.take_error();
  auto actions = store_->Actions(c->id);
  if (!actions.ok()) return actions.take_error();
  return ToPublic(*c, *actions);
}

Result<std::vector<store::CaseRow>> ProtectionService::MyCases(int64_t account_id) {
  return store_->ByReporter(account_id, 50);
}

Result<PublicView> ProtectionService::MyCase(int64_t account_id, int64_t case_id) {
  auto c = store_->Find(case_id);
  if (!c.ok()) return c.take_error();
  if (c->reporter_account_id != account_id) return Error::NotFound();
  auto actions = store_->Actions(c->id);
  if (!actions.ok()) return actions.take_error();
  return ToPublic(*c, *actions);
}

// ---- the console ----

bool ProtectionService::SeesName(const policy::Actor& a, const store::CaseRow& c) const {
  if (!c.restricted) return true;
  if (Hq(a)) return true;
  if (a.role == "supervisor" && a.mission_code == c.mission_code) return true;
  return c.assignee_account_id != 0 && c.assignee_account_id == a.account_id;
}

Status ProtectionService::MayAct(const Context& ctx, const store::CaseRow& c) const {
  if (!policy::Allowed(ctx.actor, policy::Action::kActOnCase, c.mission_code)) {
    return Error::Forbidden();
  }
  if (c.assignee_account_id && c.assignee_account_id != ctx.actor.account_id &&
      ctx.actor.role != "supervisor") {
    return Error::Forbidden("protection.locked");
  }
  return Status::Ok();
}

store::CaseActionRow ProtectionService::ActionBy(const Context& ctx, const std::string& kind) const {
  store::CaseActionRow a;
  a.kind = kind;
  a.actor_account_id = ctx.actor.account_id;
  a.actor_role = ctx.actor.role;
  a.actor_mission = ctx.actor.mission_code;
  a.created_at = clock_->NowUnix();
  return a;
}

Result<store::CaseRow> ProtectionService::Readable(const Context& ctx, int64_t id) {
  auto c = store_->Find(id);
  if (!c.ok()) return c.take_error();
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCases, c->mission_code)) {
    return Error::NotFound();
  }
  return c;
}

namespace {

void Mask(store::CaseRow& c) {
  c.subject_name = MaskName(c.subject_name);
  c.subject_nik = MaskNik(c.subject_nik);
  if (!c.subject_passport.empty()) c.subject_passport = "***";
  if (!c.subject_birth_date.empty()) c.subject_birth_date = "***";
}

}  // namespace

Result<QueuePage> ProtectionService::Queue(const Context& ctx, store::CaseFilter f) {
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCases, policy::ScopeOf(ctx.actor))) {
    return Error::Forbidden();
  }
  if (auto e = EscalateOverdue(); !e.ok()) return e.take_error();
  f.limit = std::clamp(f.limit, 1, 200);
  return ListPage(ctx, std::move(f), "read_case_queue", {});
}

Result<QueuePage> ProtectionService::ExportPage(const Context& ctx, store::CaseFilter f,
                                                const std::string& format) {
  if (!policy::Allowed(ctx.actor, policy::Action::kReadCases, policy::ScopeOf(ctx.actor))) {
    return Error::Forbidden();
  }
  // The export's first page brings deadlines up to date, as the queue it mirrors does.
  if (f.after_id == 0) {
    if (auto e = EscalateOverdue(); !e.ok()) return e.take_error();
  }
  f.limit = std::clamp(f.limit, 1, kExportPageMax);
  return ListPage(ctx, std::move(f), "export_cases", {{"format", format}});
}

Result<QueuePage> ProtectionService::ListPage(const Context& ctx, store::CaseFilter f,
                                              const char* action, nlohmann::json details) {
  f.mission_code = policy::ScopeOf(ctx.actor);
  if (!f.state.empty()) f.open_only = false;  // a chosen state, resolved ones included
  const int want = f.limit;
  f.limit = want + 1;
  auto rows = store_->List(f);
  if (!rows.ok()) return rows.take_error();
  QueuePage page;
  if (static_cast<int>(rows->size()) > want) {
    rows->resize(want);
    page.next_after_due = rows->back().due_at ? rows->back().due_at : INT64_MAX;
    page.next_after_id = rows->back().id;
  }
  std::vector<int64_t> ids;
  for (auto& c : *rows) {
    if (c.citizen_id) ids.push_back(c.citizen_id);
    const bool masked = !SeesName(ctx.actor, c);
    if (masked) Mask(c);
    page.masked.push_back(masked);
  }
  page.cases = std::move(*rows);
  std::vector<int64_t> case_ids;
  for (const auto& c : page.cases) case_ids.push_back(c.id);
  details["scope"] = f.mission_code;
  details["cases"] = case_ids;
  // Before the page is returned: nothing leaves unrecorded.
  PEDULI_TRY(audit_->Record(ctx.actor, action, 0, kPurpose, ctx.ip, ctx.request_id, details, ids));
  return page;
}

std::vector<MatchProposal> ProtectionService::Proposals(const Context& ctx,
                                                        const store::CaseRow& c) {
  std::vector<MatchProposal> out;
  if (c.citizen_id) return out;
  auto readable = [&](const registry::CitizenRecord& rec) {
    const std::string m = rec.stays.empty() ? "" : rec.stays.front().mission_code;
    return rec.status != "deleted" && policy::Allowed(ctx.actor, policy::Action::kReadCitizen, m);
  };
  auto add = [&](const registry::CitizenRecord& rec, const char* reason) {
    for (const auto& p : out) {
      if (p.citizen_id == rec.id) return;
    }
    out.push_back({rec.id, rec.data.identity.full_name, MaskNik(rec.data.identity.nik),
                   rec.data.identity.birth_date,
                   rec.stays.empty() ? "" : rec.stays.front().mission_code, reason});
  };
  if (!c.subject_nik.empty()) {
    auto rec = records_->FindByNik(c.subject_nik);
    if (rec.ok() && readable(*rec)) add(*rec, "nik");
  }
  if (search_ && !c.subject_name.empty() && !c.subject_birth_date.empty()) {
    search::SearchRequest q;
    q.mission_code = policy::ScopeOf(ctx.actor);
    q.kind = store::SearchQuery::kName;
    q.q = c.subject_name;
    q.limit = 20;
    auto hits = search_->Search(q);
    if (hits.ok()) {
      for (const auto& h : hits->hits) {
        auto rec = records_->FindById(h.citizen_id);
        if (rec.ok() && rec->data.identity.birth_date == c.subject_birth_date && readable(*rec)) {
          add(*rec, "name_birth_date");
        }
      }
    }
  }
  return out;
}

Result<CaseView> ProtectionService::Get(const Context& ctx, int64_t id) {
  auto c = Readable(ctx, id);
  if (!c.ok()) return c.take_error();
  if (auto e = EscalateOverdue(); e.ok() && *e > 0) {
    c = store_->Find(id);
    if (!c.ok()) return c.take_error();
  }
  CaseView v;
  v.c = std::move(*c);
  auto actions = store_->Actions(id);
  if (!actions.ok()) return actions.take_error();
  v.actions = std::move(*actions);
  v.rag = Rag(v.c, clock_->NowUnix());
  v.can_act = MayAct(ctx, v.c).ok();
  v.locked = v.c.assignee_account_id && !v.can_act &&
             policy::Allowed(ctx.actor, policy::Action::kActOnCase, v.c.mission_code);
  v.can_assign = policy::Allowed(ctx.actor, policy::Action::kAssignCase, v.c.mission_code);
  v.name_masked = !SeesName(ctx.actor, v.c);
  v.can_reveal = v.name_masked &&
                 policy::Allowed(ctx.actor, policy::Action::kRevealRestricted, v.c.mission_code);
  if (v.can_act && !v.name_masked) v.proposals = Proposals(ctx, v.c);
  // Recorded before anything is shown.
  std::vector<int64_t> proposed;
  for (const auto& p : v.proposals) proposed.push_back(p.citizen_id);
  PEDULI_TRY(audit_->Record(ctx.actor, "read_case", v.c.citizen_id, kPurpose, ctx.ip,
                            ctx.request_id, {{"case_id", id}, {"masked", v.name_masked}},
                            proposed));
  if (v.name_masked) {
    Mask(v.c);
    // The actions' bodies may name the person too: internal ones are shown only unmasked.
    for (auto& a : v.actions) {
      if (a.kind == "reveal") a.body.clear();
    }
  }
  return v;
}

Result<int> ProtectionService::EscalateOverdue() {
  // Each raise tells the duty officers (and HQ, at level 2) in its own transaction; the
  // level and the deadline name the step, so a raise is announced once.
  auto raised = store_->Escalate(
      clock_->NowUnix(), &HqGraceSeconds, [this](store::Connection& conn, const store::CaseRow& row) {
        return QueueDuty(conn, row, row.escalation_level >= 2 ? "escalated_hq" : "escalated",
                         "escalate:" + std::to_string(row.escalation_level) + ":" +
                             std::to_string(row.due_at));
      });
  if (!raised.ok()) return raised.take_error();
  if (!raised->empty()) Queued();
  return static_cast<int>(raised->size());
}

std::vector<std::pair<int64_t, std::string>> ProtectionService::Assignees(
    const std::string& mission) {
  std::vector<std::pair<int64_t, std::string>> out;
  auto staff = accounts_->ListStaff(mission);
  if (!staff.ok()) return out;
  for (const auto& s : *staff) {
    if ((s.account.role == "officer" || s.account.role == "supervisor") &&
        !s.account.disabled_at && s.account.mission_code == mission) {
      out.emplace_back(s.account.id, s.account.name);
    }
  }
  return out;
}

}  // namespace peduli::protection
