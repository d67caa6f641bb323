#include "modules/audit/routes.h"

#include "modules/policy/policy.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <tuple>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"

namespace peduli::audit {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

Actor ActorOf(const Request& req) { return policy::ActorOf(*req.principal); }

// The dpo reads the log and nothing else, and nobody else reads the log.
bool MayReadAudit(const Request& req) {
  return req.principal && policy::Allowed(ActorOf(req), policy::Action::kReadAudit, "");
}

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

// Unix seconds, or a UTC date: its start for `from`, the start of the next day for `to`,
// so "to=2026-11-27" includes that whole day.
std::optional<int64_t> ParseTime(const std::string& s, bool end_of_day) {
  if (auto n = ParseId(s)) return n;
  auto d = Date::Parse(s);
  if (!d) return std::nullopt;
  return (d->DaysSinceEpoch() + (end_of_day ? 1 : 0)) * 86400;
}

Result<store::AuditFilter> FilterOf(const Request& req) {
  store::AuditFilter f;
  std::vector<FieldError> errors;
  auto id = [&](const char* name, int64_t& out) {
    auto v = req.QueryParam(name);
    if (!v || v->empty()) return;
    if (auto n = ParseId(*v)) out = *n; else errors.push_back({name, "err.audit.number"});
  };
  id("citizen_id", f.citizen_id);
  id("actor", f.actor_account_id);
  id("after_id", f.after_id);
  if (auto a = req.QueryParam("action"); a && !a->empty()) {
    // Action names are snake_case words; anything else matches nothing anyway.
    bool ok = a->size() <= 64 && std::all_of(a->begin(), a->end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (ok) f.action = *a; else errors.push_back({"action", "err.choice"});
  }
  int64_t limit = 100;
  id("limit", limit);
  f.limit = static_cast<int>(std::clamp<int64_t>(limit, 1, 1000));
  for (auto [name, out, end] : {std::tuple{"from", &f.from, false}, {"to", &f.to, true}}) {
    auto v = req.QueryParam(name);
    if (!v || v->empty()) continue;
    if (auto t = ParseTime(*v, end)) *out = *t; else errors.push_back({name, "err.date.invalid"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  return f;
}

json FilterJson(const store::AuditFilter& f) {
  return {{"citizen_id", f.citizen_id}, {"actor", f.actor_account_id},
          {"action", f.action.empty() ? json(nullptr) : json(f.action)}, {"from", f.from},
          {"to", f.to}, {"after_id", f.after_id}, {"limit", f.limit}};
}

json EntryJson(const store::AuditEntry& e) {
  auto maybe_json = [](const std::string& s) {
    return s.empty() ? json(nullptr) : json::parse(s, nullptr, false);
  };
  auto opt = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
  return {{"id", e.id}, {"at", IsoUtc(e.at)},
          {"actor", {{"account_id", e.actor_account_id ? json(e.actor_account_id) : json(nullptr)},
                     {"role", opt(e.actor_role)}, {"mission_code", opt(e.actor_mission)}}},
          {"action", e.action},
          {"citizen_id", e.citizen_id ? json(e.citizen_id) : json(nullptr)},
          {"record_ids", maybe_json(e.record_ids)}, {"purpose", opt(e.purpose)},
          {"ip", opt(e.ip)}, {"request_id", opt(e.request_id)}, {"detail", maybe_json(e.detail)},
          {"prev_hash", opt(e.prev_hash)}, {"hash", opt(e.hash)}};
}

// The DPO works at HQ in Jakarta: times are shown there beside UTC.
constexpr const char* kDisplayZone = "Asia/Jakarta";

// The query string of the filter, for the CSV link and the next page (ids and dates only:
// nothing personal goes into a URL).
std::string FilterQuery(const Request& req, bool keep_paging) {
  std::string q;
  for (const char* name : {"citizen_id", "actor", "action", "from", "to", "after_id"}) {
    if (!keep_paging && std::string_view(name) == "after_id") continue;
    auto v = req.QueryParam(name);
    if (!v || v->empty()) continue;
    q += (q.empty() ? "" : "&") + std::string(name) + "=" + http::UrlEncode(*v);
  }
  return q;
}

Response LogPage(Request& req, const RoutesDeps& d) {
  const auto& cat = d.templates->catalog();
  http::Page page(*d.templates, req, "auditlog.title", "modules/audit/templates/log.tpl");
  auto& c = page.content();
  std::map<std::string, std::string> values;
  for (const char* name : {"citizen_id", "actor", "action", "from", "to"}) {
    values[name] = req.QueryParam(name).value_or("");
  }
  std::vector<http::Field> fields = {{"citizen_id", "auditlog.citizen_id"},
                                     {"actor", "auditlog.actor"},
                                     {"action", "auditlog.action"},
                                     {"from", "auditlog.from", "date"},
                                     {"to", "auditlog.to", "date"}};
  for (auto& f : fields) f.required = false;
  fields[0].inputmode = fields[1].inputmode = "numeric";
  auto f = FilterOf(req);
  if (!f.ok()) {
    http::IncludeFields(&c, fields, values, http::TranslateErrors(f.error(), cat, req.lang), cat,
                        req.lang);
    return page.Finish(422);
  }
  http::IncludeFields(&c, fields, values, {}, cat, req.lang);
  if (!f->limit || !req.QueryParam("limit")) f->limit = 50;
  if (req.QueryParam("verify")) {
    auto rep = d.audit->Verify();
    if (!rep.ok()) return http::ErrorResponse(req, rep.error(), *d.templates);
    auto* v = c.AddSectionDictionary(rep->ok ? "VERIFY_OK" : "VERIFY_BROKEN");
    v->SetIntValue("ENTRIES", rep->entries);
    v->SetIntValue("BROKEN_ID", rep->broken_id);
    v->SetValue("REASON", rep->reason);
  }
  auto entries = d.audit->Query(*f);
  if (!entries.ok()) return http::ErrorResponse(req, entries.error(), *d.templates);
  // The officer's reading of the log is itself personal-data access: audited first.
  auto s = d.audit->Record(ActorOf(req), "audit_query", f->citizen_id, "audit", req.remote_ip,
                           req.request_id, FilterJson(*f));
  if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
  const std::string query = FilterQuery(req, false);
  c.SetValue("CSV_URL", "/api/v1/audit.csv" + (query.empty() ? "" : "?" + query));
  c.SetValue("VERIFY_URL", "/audit?" + (query.empty() ? "" : query + "&") + "verify=1");
  if (entries->empty()) c.ShowSection("NONE");
  for (const auto& e : *entries) {
    auto* row = c.AddSectionDictionary("ENTRY");
    row->SetIntValue("ID", e.id);
    row->SetValue("UTC", IsoUtc(e.at));
    row->SetValue("LOCAL", FormatLocalTime(e.at, kDisplayZone));
    row->SetValue("ROLE", e.actor_role.empty() ? "system" : e.actor_role);
    row->SetValue("MISSION", e.actor_mission);
    row->SetValue("ACTOR", e.actor_account_id ? "#" + std::to_string(e.actor_account_id) : "");
    row->SetValue("ACTION", e.action);
    std::string ids = e.citizen_id ? std::to_string(e.citizen_id) : "";
    if (!e.record_ids.empty() && e.record_ids != "[]") {
      ids += (ids.empty() ? "" : " ") + e.record_ids;
    }
    row->SetValue("CITIZENS", ids);
    row->SetValue("PURPOSE", e.purpose);
    row->SetValue("REQUEST_ID", e.request_id);
    row->SetValue("IP", e.ip);
  }
  if (static_cast<int>(entries->size()) == f->limit) {
    c.SetValueAndShowSection("NEXT_URL",
                             "/audit?" + (query.empty() ? "" : query + "&") +
                                 "after_id=" + std::to_string(entries->back().id),
                             "NEXT");
  }
  if (f->after_id) {
    c.SetValueAndShowSection("FIRST_URL", "/audit" + (query.empty() ? "" : "?" + query), "FIRST");
  }
  return page.Finish();
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  r.Get("/audit", Access::kSignedIn, [d](Request& req) {
    if (!MayReadAudit(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    return LogPage(req, d);
  }, "The DPO's audit log page: filters, keyset pages, CSV export link, chain check (dpo only)");

  r.Get("/api/v1/audit", Access::kSignedIn, [d](Request& req) {
    if (!MayReadAudit(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    auto f = FilterOf(req);
    if (!f.ok()) return http::ErrorResponse(req, f.error(), *d.templates);
    auto entries = d.audit->Query(*f);
    if (!entries.ok()) return http::ErrorResponse(req, entries.error(), *d.templates);
    // The officer's reading of the log is itself personal-data access: audited first.
    auto s = d.audit->Record(ActorOf(req), "audit_query", f->citizen_id, "audit", req.remote_ip,
                             req.request_id, FilterJson(*f));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    json out = json::array();
    for (const auto& e : *entries) out.push_back(EntryJson(e));
    json next = static_cast<int>(entries->size()) == f->limit ? json(entries->back().id)
                                                             : json(nullptr);
    return Response::Json({{"entries", out}, {"next_after_id", next}});
  }, "The audit log, filtered by citizen, actor, action and time, in id order (dpo only)");

  r.Get("/api/v1/audit.csv", Access::kSignedIn, [d](Request& req) {
    if (!MayReadAudit(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    auto f = FilterOf(req);
    if (!f.ok()) return http::ErrorResponse(req, f.error(), *d.templates);
    // Recorded before the export runs, so the export that leaves the portal is in the log.
    auto s = d.audit->Record(ActorOf(req), "audit_export", f->citizen_id, "audit", req.remote_ip,
                             req.request_id, FilterJson(*f));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    auto csv = d.audit->ExportCsv(*f);
    if (!csv.ok()) return http::ErrorResponse(req, csv.error(), *d.templates);
    Response res = Response::Text(std::move(csv.value()), "text/csv; charset=utf-8");
    res.Set("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
    return res;
  }, "The filtered audit log as CSV, formula-escaped (dpo only; the export is audited)");

  r.Get("/api/v1/audit/verify", Access::kSignedIn, [d](Request& req) {
    if (!MayReadAudit(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    auto rep = d.audit->Verify();
    if (!rep.ok()) return http::ErrorResponse(req, rep.error(), *d.templates);
    return Response::Json({{"ok", rep->ok}, {"entries", rep->entries},
                           {"unhashed", rep->unhashed},
                           {"broken_id", rep->ok ? json(nullptr) : json(rep->broken_id)},
                           {"reason", rep->ok ? json(nullptr) : json(rep->reason)}});
  }, "Walk the audit hash chain and report the first broken link (dpo only)");

  r.Get("/akses-data", Access::kCitizen, [d](Request& req) {
    auto rec = d.records->FindByAccount(req.principal->account_id);
    if (!rec.ok() && rec.error().code != Code::kNotFound) {
      return http::ErrorResponse(req, rec.error(), *d.templates);
    }
    const auto& c = d.templates->catalog();
    http::Page page(*d.templates, req, "access.title", "modules/audit/templates/record_access.tpl");
    auto& dict = page.content();
    std::vector<CitizenAccess> seen;
    if (rec.ok()) {
      auto view = d.audit->CitizenView(rec->id);
      if (!view.ok()) return http::ErrorResponse(req, view.error(), *d.templates);
      seen = std::move(*view);
    }
    if (seen.empty()) dict.ShowSection("NONE");
    for (const auto& a : seen) {
      auto* row = dict.AddSectionDictionary("ACCESS");
      row->SetValue("WHEN", FormatLocalTime(a.at, kDisplayZone));
      row->SetValue("ROLE", c.Text(req.lang, "access.role." + a.role));
      const auto* m = d.reference && !a.mission_code.empty() ? d.reference->FindMission(a.mission_code)
                                                             : nullptr;
      row->SetValue("MISSION", m ? m->name : c.Text(req.lang, "access.headquarters"));
      const std::string purpose_key = "access.purpose." + a.purpose;
      row->SetValue("PURPOSE", c.Has(req.lang, purpose_key) ? c.Text(req.lang, purpose_key)
                                                            : c.Text(req.lang, "access.purpose.other"));
    }
    return page.Finish();
  }, "Page: who at which mission opened the signed-in citizen's record, and why (no names)");

  r.Get("/api/v1/me/record-access", Access::kCitizen, [d](Request& req) {
    auto rec = d.records->FindByAccount(req.principal->account_id);
    if (!rec.ok() && rec.error().code != Code::kNotFound) {
      return http::ErrorResponse(req, rec.error(), *d.templates);
    }
    json out = json::array();
    if (rec.ok()) {
      auto view = d.audit->CitizenView(rec->id);
      if (!view.ok()) return http::ErrorResponse(req, view.error(), *d.templates);
      for (const auto& a : *view) {
        out.push_back({{"at", IsoUtc(a.at)}, {"role", a.role},
                       {"mission_code", a.mission_code.empty() ? json(nullptr)
                                                                : json(a.mission_code)},
                       {"action", a.action},
                       {"purpose", a.purpose.empty() ? json(nullptr) : json(a.purpose)}});
      }
    }
    return Response::Json({{"accesses", out}});
  }, "Who opened the signed-in citizen's record: role, mission, time, action (no names)");
}

}  // namespace peduli::audit
