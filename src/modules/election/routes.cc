#include "modules/election/routes.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/pipeline.h"
#include "modules/election/export.h"
#include "modules/policy/policy.h"

namespace peduli::election {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kTpl = "modules/election/templates/";
constexpr size_t kDiffShown = 500;  // rows of a difference on the page; the JSON has all

policy::Actor ActorOf(const Request& req) { return policy::ActorOf(*req.principal); }

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 1) return std::nullopt;
  return v;
}

json Opt(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

// The election and PPLN of a request's path, once the actor may do `action` on that PPLN.
// The PPLN is the path's own: a liaison of another PPLN is refused (403) before anything is
// looked up; an unknown election or mission is 404.
struct Scope {
  Election election;
  const reference::Mission* mission = nullptr;
};
Result<Scope> ScopeOf(const Request& req, const RoutesDeps& d, policy::Action action) {
  const std::string ppln = req.params.at("ppln");
  if (!policy::Allowed(ActorOf(req), action, ppln)) return Error::Forbidden();
  Scope s;
  s.mission = d.refs->FindMission(ppln);
  if (!s.mission) return Error::NotFound();
  auto e = d.elections->store().FindElection(req.params.at("election"));
  if (!e.ok()) return e.take_error();
  s.election = std::move(e.value());
  return s;
}

Result<Version> VersionOf(const Request& req, const RoutesDeps& d, const Scope& s) {
  auto n = ParseId(req.params.at("version"));
  if (!n) return Error::NotFound();
  return d.elections->store().FindVersion(s.election.id, s.mission->code, *n);
}

json VersionJson(const Version& v) {
  return {{"number", v.number}, {"ppln", v.ppln}, {"snapshot_at", audit::IsoUtc(v.snapshot_at)},
          {"rules", json::parse(v.rules, nullptr, false)},
          {"coverage", {{"potential", v.potential}, {"included", v.included},
                        {"verified", v.verified}, {"postal", v.postal},
                        {"postal_checked", v.postal_checked}, {"problems", v.problems}}}};
}

json DiffJson(const DiffRow& r) {
  return {{"change", KindName(r.kind)}, {"citizen_id", r.citizen_id}, {"name", r.full_name},
          {"reason", Opt(r.reason)}, {"old_method", Opt(r.old_method)},
          {"new_method", Opt(r.new_method)}, {"old_unit", Opt(r.old_unit)},
          {"new_unit", Opt(r.new_unit)}};
}

// The version before `v`, if any.
Result<std::optional<Version>> Previous(const RoutesDeps& d, const Version& v) {
  if (v.number <= 1) return std::optional<Version>();
  auto p = d.elections->store().FindVersion(v.election_id, v.ppln, v.number - 1);
  if (!p.ok()) return p.take_error();
  return std::optional<Version>(std::move(p.value()));
}

json StandingJson(const std::vector<Standing>& all) {
  json out = json::array();
  for (const auto& s : all) {
    json j = {{"election", s.election.code}, {"name", s.election.name},
              {"polling_date", s.election.polling_date}, {"cutoff_date", s.election.cutoff_date},
              {"ppln", Opt(s.ppln)},
              {"list_version", s.version ? json(s.version->number) : json(nullptr)}};
    if (s.entry) {
      j["on_list"] = s.entry->decision.included;
      j["reason"] = Opt(s.entry->decision.reason);
      j["method"] = Opt(s.entry->decision.method);
      j["unit"] = Opt(s.entry->unit);
      j["number"] = s.entry->decision.included ? json(s.entry->seq) : json(nullptr);
    } else {
      j["on_list"] = false;
      j["reason"] = s.version ? json("not_in_version") : json(nullptr);
    }
    out.push_back(std::move(j));
  }
  return out;
}

std::string CurrentMission(const registry::CitizenRecord& rec) {
  if (rec.status != "active" || rec.stays.empty() || rec.stays.front().ended_at != 0) return "";
  return rec.stays.front().mission_code;
}

// The signed-in citizen's standing on each election's latest list (none without a record).
Result<std::vector<Standing>> OwnStanding(const Request& req, const RoutesDeps& d) {
  auto rec = d.records->FindByAccount(req.principal->account_id);
  if (!rec.ok() && rec.error().code != Code::kNotFound) return rec.take_error();
  return rec.ok() ? d.elections->StandingOf(rec->id, CurrentMission(*rec))
                  : d.elections->StandingOf(0, "");
}

Result<ExportKind> KindOf(const Request& req) {
  auto k = req.QueryParam("kind").value_or("kpu");
  if (k == "kpu") return ExportKind::kKpu;
  if (k == "printed") return ExportKind::kPrinted;
  return Error::Invalid("kind", "err.election.kind");
}

// The XLSX bytes of a version: libxlsxwriter writes files, so through a private temp file.
Result<std::string> XlsxBytes(const RoutesDeps& d, const Version& v, ExportKind kind) {
  char path[] = "/tmp/peduli-dpt-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return Error::Internal("xlsx: no temporary file");
  close(fd);
  Status s = WriteXlsx(d.elections->store(), v, kind, path);
  std::string bytes;
  if (s.ok()) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    bytes = ss.str();
  }
  std::remove(path);
  if (!s.ok()) return s.take_error();
  return bytes;
}

// Records an export before it leaves, then answers with it.
Response Export(Request& req, const RoutesDeps& d, bool xlsx) {
  auto scope = ScopeOf(req, d, policy::Action::kExportVoterList);
  if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
  if (scope->election.purged_at) {
    return http::ErrorResponse(req, Error::Conflict("err.election.purged"), *d.templates);
  }
  auto v = VersionOf(req, d, *scope);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  auto kind = KindOf(req);
  if (!kind.ok()) return http::ErrorResponse(req, kind.error(), *d.templates);
  const bool printed = *kind == ExportKind::kPrinted;
  auto audited = d.audit->Record(
      ActorOf(req), "voter_list_export", 0, "election", req.remote_ip, req.request_id,
      {{"election", scope->election.code}, {"ppln", v->ppln}, {"version", v->number},
       {"format", xlsx ? "xlsx" : "csv"}, {"kind", printed ? "printed" : "kpu"},
       {"voters", v->included}});
  if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
  const std::string name = "dpt-ln-" + scope->election.code + "-" + v->ppln + "-v" +
                           std::to_string(v->number) + (printed ? "-cetak" : "-kpu");
  if (xlsx) {
    auto bytes = XlsxBytes(d, *v, *kind);
    if (!bytes.ok()) return http::ErrorResponse(req, bytes.error(), *d.templates);
    Response res = Response::Text(
        std::move(bytes.value()),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    res.Set("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"");
    return res;
  }
  // Streamed a page of voters at a time: a PPLN of 600,000 voters is never held whole. The
  // first page is read here, so a failing database still gets a proper error answer.
  auto pages = std::make_shared<CsvPages>(&d.elections->store(), *v, *kind);
  auto first = pages->Next();
  if (!first.ok()) return http::ErrorResponse(req, first.error(), *d.templates);
  Response res = Response::Text("", "text/csv; charset=utf-8");
  res.stream = [pages, first = std::move(*first)]() mutable
      -> Result<std::optional<std::string>> {
    if (first) return std::exchange(first, std::nullopt);
    return pages->Next();
  };
  res.Set("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
  return res;
}

Response PplnPage(Request& req, const RoutesDeps& d) {
  auto scope = ScopeOf(req, d, policy::Action::kExportVoterList);
  if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
  auto versions = d.elections->store().Versions(scope->election.id, scope->mission->code);
  if (!versions.ok()) return http::ErrorResponse(req, versions.error(), *d.templates);
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, "election.page_title", std::string(kTpl) + "ppln.tpl");
  auto& t = page.content();
  t.SetValue("ELECTION", scope->election.name);
  t.SetValue("CODE", scope->election.code);
  t.SetValue("PPLN", scope->mission->code);
  t.SetValue("PPLN_NAME", scope->mission->name);
  if (auto pd = Date::Parse(scope->election.polling_date)) t.SetValue("POLLING", FormatDateId(*pd));
  if (auto cd = Date::Parse(scope->election.cutoff_date)) t.SetValue("CUTOFF", FormatDateId(*cd));
  t.SetValue("CSRF", req.csrf);
  if (policy::Allowed(ActorOf(req), policy::Action::kGenerateVoterList, scope->mission->code)) {
    t.ShowSection("MAY_GENERATE");
  }
  if (versions->empty()) t.ShowSection("NO_VERSION");
  for (const auto& v : *versions) {
    auto* row = t.AddSectionDictionary("VERSION");
    row->SetIntValue("NUMBER", static_cast<long>(v.number));
    row->SetValue("SNAPSHOT", FormatLocalTime(v.snapshot_at, scope->mission->timezone));
    row->SetIntValue("POTENTIAL", static_cast<long>(v.potential));
    row->SetIntValue("INCLUDED", static_cast<long>(v.included));
    row->SetIntValue("VERIFIED", static_cast<long>(v.verified));
    row->SetIntValue("POSTAL", static_cast<long>(v.postal));
    row->SetIntValue("POSTAL_CHECKED", static_cast<long>(v.postal_checked));
    row->SetIntValue("PROBLEMS", static_cast<long>(v.problems));
    row->SetValue("BASE", "/api/v1/elections/" + scope->election.code + "/ppln/" + v.ppln +
                              "/versions/" + std::to_string(v.number));
  }
  if (!versions->empty()) {
    const Version& latest = versions->front();
    auto prev = Previous(d, latest);
    if (!prev.ok()) return http::ErrorResponse(req, prev.error(), *d.templates);
    auto diff = d.elections->Diff(*prev, latest);
    if (!diff.ok()) return http::ErrorResponse(req, diff.error(), *d.templates);
    // The differences name voters: the page view is recorded like an export.
    auto audited = d.audit->Record(ActorOf(req), "voter_list_diff", 0, "election", req.remote_ip,
                                   req.request_id,
                                   {{"election", scope->election.code}, {"ppln", latest.ppln},
                                    {"version", latest.number}});
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    auto* sec = t.AddSectionDictionary("DIFF");
    sec->SetIntValue("NUMBER", static_cast<long>(latest.number));
    sec->SetIntValue("TOTAL", static_cast<long>(diff->size()));
    if (diff->empty()) sec->ShowSection("DIFF_EMPTY");
    for (size_t i = 0; i < diff->size() && i < kDiffShown; ++i) {
      const auto& r = (*diff)[i];
      auto* row = sec->AddSectionDictionary("ROW");
      row->SetValue("CHANGE", c.Text(req.lang, std::string("election.change.") + KindName(r.kind)));
      row->SetValue("NAME", r.full_name);
      row->SetValue("REASON", r.reason.empty() ? "" : c.Text(req.lang, "election.reason." + r.reason));
      row->SetValue("FROM", r.old_unit.empty() ? r.old_method : r.old_unit);
      row->SetValue("TO", r.new_unit.empty() ? r.new_method : r.new_unit);
    }
  }
  return page.Finish();
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  r.Get("/api/v1/elections", Access::kSignedIn, [d](Request& req) {
    if (!policy::IsStaff(req.principal->role)) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    auto all = d.elections->store().Elections();
    if (!all.ok()) return http::ErrorResponse(req, all.error(), *d.templates);
    json out = json::array();
    for (const auto& e : *all) {
      out.push_back({{"code", e.code}, {"name", e.name}, {"polling_date", e.polling_date},
                     {"cutoff_date", e.cutoff_date}, {"status", e.status}});
    }
    return Response::Json({{"elections", out}});
  }, "Elections and their schedule (staff)");

  r.Get("/api/v1/elections/:election/ppln/:ppln/versions", Access::kSignedIn, [d](Request& req) {
    auto scope = ScopeOf(req, d, policy::Action::kExportVoterList);
    if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
    auto versions = d.elections->store().Versions(scope->election.id, scope->mission->code);
    if (!versions.ok()) return http::ErrorResponse(req, versions.error(), *d.templates);
    json out = json::array();
    for (const auto& v : *versions) out.push_back(VersionJson(v));
    return Response::Json({{"election", scope->election.code}, {"ppln", scope->mission->code},
                           {"versions", out}});
  }, "The PPLN's voter-list versions with their coverage numbers (election liaison, "
     "supervisor, HQ)");

  r.Post("/api/v1/elections/:election/ppln/:ppln/versions", Access::kSignedIn,
         [d](Request& req) {
    auto scope = ScopeOf(req, d, policy::Action::kGenerateVoterList);
    if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
    auto v = d.elections->Generate(scope->election.code, scope->mission->code,
                                   req.principal->account_id);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    auto audited = d.audit->Record(ActorOf(req), "voter_list_generate", 0, "election",
                                   req.remote_ip, req.request_id,
                                   {{"election", scope->election.code}, {"ppln", v->ppln},
                                    {"version", v->number}});
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    return Response::Json(VersionJson(*v), 201);
  }, "Generate the PPLN's next voter-list version from the registry now (election liaison, HQ)");

  r.Get("/api/v1/elections/:election/ppln/:ppln/versions/:version/diff", Access::kSignedIn,
        [d](Request& req) {
    auto scope = ScopeOf(req, d, policy::Action::kExportVoterList);
    if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
    auto v = VersionOf(req, d, *scope);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    auto prev = Previous(d, *v);
    if (!prev.ok()) return http::ErrorResponse(req, prev.error(), *d.templates);
    auto diff = d.elections->Diff(*prev, *v);
    if (!diff.ok()) return http::ErrorResponse(req, diff.error(), *d.templates);
    auto audited = d.audit->Record(ActorOf(req), "voter_list_diff", 0, "election", req.remote_ip,
                                   req.request_id,
                                   {{"election", scope->election.code}, {"ppln", v->ppln},
                                    {"version", v->number}});
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    json rows = json::array();
    for (const auto& row : *diff) rows.push_back(DiffJson(row));
    return Response::Json({{"version", v->number},
                           {"previous", *prev ? json((*prev)->number) : json(nullptr)},
                           {"changes", rows}});
  }, "What changed since the previous version: added, removed (with the reason), method or "
     "unit changed (audited)");

  r.Get("/api/v1/elections/:election/ppln/:ppln/versions/:version/export.csv",
        Access::kSignedIn, [d](Request& req) { return Export(req, d, false); },
        "The version as CSV in the KPU layout; ?kind=printed masks the NIK (audited)");

  r.Get("/api/v1/elections/:election/ppln/:ppln/versions/:version/export.xlsx",
        Access::kSignedIn, [d](Request& req) { return Export(req, d, true); },
        "The version as XLSX: a summary sheet and one sheet per TPSLN/KSK/POS unit; "
        "?kind=printed masks the NIK (audited)");

  r.Get("/api/v1/citizens/:id/voter", Access::kSignedIn, [d](Request& req) {
    auto id = ParseId(req.params.at("id"));
    if (!id) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    auto rec = d.records->FindById(*id);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    const std::string mission = rec->stays.empty() ? "" : rec->stays.front().mission_code;
    // Who may not read the citizen learns nothing, not even that they exist.
    if (!policy::Allowed(ActorOf(req), policy::Action::kReadCitizen, mission)) {
      return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    }
    auto audited = d.audit->Record(ActorOf(req), "voter_status_read", rec->id, "election",
                                   req.remote_ip, req.request_id);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    auto standing = d.elections->StandingOf(rec->id, CurrentMission(*rec));
    if (!standing.ok()) return http::ErrorResponse(req, standing.error(), *d.templates);
    return Response::Json({{"citizen_id", rec->id}, {"elections", StandingJson(*standing)}});
  }, "One citizen's place on each election's latest list, or why not (officers of the "
     "citizen's mission, HQ; audited)");

  r.Get("/api/v1/me/voter", Access::kCitizen, [d](Request& req) {
    auto standing = OwnStanding(req, d);
    if (!standing.ok()) return http::ErrorResponse(req, standing.error(), *d.templates);
    return Response::Json({{"elections", StandingJson(*standing)}});
  }, "The signed-in citizen's place on each election's latest list: PPLN, method, unit, "
     "deadlines, or the reason they are not on it");

  r.Get("/pemilu-saya", Access::kCitizen, [d](Request& req) {
    auto standing = OwnStanding(req, d);
    if (!standing.ok()) return http::ErrorResponse(req, standing.error(), *d.templates);
    const auto& c = d.templates->catalog();
    auto text = [&](const std::string& key) { return c.Text(req.lang, key); };
    http::Page page(*d.templates, req, "voter.title", "modules/election/templates/voter.tpl");
    auto& dict = page.content();
    if (standing->empty()) dict.ShowSection("NO_ELECTION");
    for (const auto& st : *standing) {
      auto* e = dict.AddSectionDictionary("ELECTION");
      e->SetValue("NAME", st.election.name);
      e->SetValue("CODE", st.election.code);  // the method switch: /pemilu-saya/:election
      e->SetValue("POLLING_DATE", st.election.polling_date);
      e->SetValue("CUTOFF_DATE", st.election.cutoff_date);
      const auto* m = st.ppln.empty() ? nullptr : d.refs->FindMission(st.ppln);
      if (m) e->SetValueAndShowSection("PPLN", m->name, "HAS_PPLN");
      if (!st.version) {
        e->ShowSection("NO_LIST_YET");
      } else if (st.entry && st.entry->decision.included) {
        auto* on = e->AddSectionDictionary("ON_LIST");
        std::string method = st.entry->decision.method;
        std::transform(method.begin(), method.end(), method.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        on->SetValue("METHOD", text("voter.method." + method));
        on->SetValue("UNIT", st.entry->unit);
        on->SetIntValue("NUMBER", st.entry->seq);
        // On the list with a problem to fix (an unchecked postal address).
        const std::string problem = "election.reason." + st.entry->decision.reason;
        if (!st.entry->decision.reason.empty() && c.Has(req.lang, problem)) {
          on->SetValueAndShowSection("PROBLEM", text(problem), "HAS_PROBLEM");
        }
      } else {
        const std::string reason = st.entry ? st.entry->decision.reason : "not_in_version";
        const std::string key = "election.reason." + reason;
        e->SetValueAndShowSection("REASON", c.Has(req.lang, key) ? text(key) : text("voter.reason_other"),
                                  "NOT_ON_LIST");
      }
    }
    return page.Finish();
  }, "Page: the signed-in citizen's place on each election's latest voter list, or why not");

  r.Get("/pemilu/:election/:ppln", Access::kSignedIn,
        [d](Request& req) { return PplnPage(req, d); },
        "The PPLN's voter list: versions, coverage, the latest differences, exports");

  r.Post("/pemilu/:election/:ppln", Access::kSignedIn, [d](Request& req) {
    auto scope = ScopeOf(req, d, policy::Action::kGenerateVoterList);
    if (!scope.ok()) return http::ErrorResponse(req, scope.error(), *d.templates);
    auto v = d.elections->Generate(scope->election.code, scope->mission->code,
                                   req.principal->account_id);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    auto audited = d.audit->Record(ActorOf(req), "voter_list_generate", 0, "election",
                                   req.remote_ip, req.request_id,
                                   {{"election", scope->election.code}, {"ppln", v->ppln},
                                    {"version", v->number}});
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    return Response::Redirect("/pemilu/" + scope->election.code + "/" + v->ppln);
  }, "Generate the PPLN's next version from the page (election liaison, HQ)");
}

}  // namespace peduli::election
