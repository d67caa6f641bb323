#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/pipeline.h"
#include "modules/protection/routes.h"

namespace peduli::protection {

using http::Access;
using http::Request;
using http::Response;

Context ContextOf(const Request& req) {
  if (!req.principal) return {{0, "public", ""}, req.remote_ip, req.request_id};
  return {policy::ActorOf(*req.principal), req.remote_ip, req.request_id};
}

int64_t ToId(const std::string& s) {
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(s);
}

int64_t PathId(const Request& req) {
  auto it = req.params.find("id");
  return it == req.params.end() ? 0 : ToId(it->second);
}

std::vector<http::Option> Options(const http::Templates& t, const Request& req,
                                  const std::string& list, const std::vector<std::string>& codes) {
  std::vector<http::Option> out;
  for (const auto& c : codes) {
    out.push_back({c, t.catalog().Text(req.lang, "protection." + list + "." + c)});
  }
  return out;
}

std::vector<http::Option> CountryOptions(const ProtectionService& p, const Request& req) {
  std::vector<http::Option> out;
  for (const auto& c : p.reference().CountriesByName(req.lang)) {
    if (c.code == "ID") continue;  // cases are of citizens abroad
    out.push_back({c.code, req.lang == "en" ? c.name_en : c.name_id});
  }
  return out;
}

std::string MissionName(const ProtectionService& p, const std::string& code) {
  const auto* m = p.reference().FindMission(code);
  return m ? m->name : code;
}

std::string LocalTime(const ProtectionService& p, const std::string& mission, int64_t at) {
  const auto* m = p.reference().FindMission(mission);
  return FormatLocalTime(at, m ? m->timezone : "UTC");
}

std::vector<http::Field> ReportFields(const ProtectionService& p, const http::Templates& t,
                                      const Request& req, bool is_public) {
  std::vector<http::Field> f;
  auto field = [&](const char* name, const char* type, bool required) {
    http::Field x;
    x.name = name;
    x.label_key = std::string("protection.field.") + name;
    x.type = type;
    x.required = required;
    x.maxlength = std::string(type) == "textarea" ? "" : "200";
    return x;
  };
  if (is_public) {
    auto rn = field("reporter_name", "text", true);
    rn.autocomplete = "name";
    f.push_back(rn);
    auto rc = field("reporter_contact", "text", true);
    rc.hint_key = "protection.hint.reporter_contact";
    f.push_back(rc);
    f.push_back(field("reporter_relation", "text", false));
    f.push_back(field("subject_name", "text", true));
    auto country = field("country", "select", true);
    country.options = CountryOptions(p, req);
    f.push_back(country);
  }
  auto cat = field("category", "select", true);
  cat.options = Options(t, req, "category", kCategories);
  f.push_back(cat);
  f.push_back(field("summary", "textarea", true));
  f.push_back(field("location", "text", false));
  if (is_public) {
    auto nik = field("subject_nik", "text", false);
    nik.inputmode = "numeric";
    nik.maxlength = "16";
    f.push_back(nik);
    f.push_back(field("subject_passport", "text", false));
    f.push_back(field("subject_birth_date", "date", false));
  } else {
    auto phone = field("phone", "tel", false);
    f.push_back(phone);
  }
  f.push_back(field("employer", "text", false));
  f.push_back(field("agency", "text", false));
  if (is_public) f.push_back(field("last_contact", "text", false));
  return f;
}

OpenRequest RequestFrom(const std::map<std::string, std::string>& v) {
  auto g = [&](const char* k) {
    auto it = v.find(k);
    return it == v.end() ? std::string() : it->second;
  };
  OpenRequest r;
  r.category = g("category");
  r.priority = g("priority");
  r.channel = g("channel");
  r.mission_code = g("mission");
  r.subject_name = g("subject_name");
  r.subject_nik = g("subject_nik");
  r.subject_passport = g("subject_passport");
  r.subject_birth_date = g("subject_birth_date");
  r.country = g("country");
  r.location = g("location");
  r.employer = g("employer");
  r.agency = g("agency");
  r.phone = g("phone");
  r.last_contact = g("last_contact");
  r.summary = g("summary");
  r.reporter_name = g("reporter_name");
  r.reporter_contact = g("reporter_contact");
  r.reporter_relation = g("reporter_relation");
  return r;
}

namespace {

constexpr const char* kTpl = "modules/protection/templates/";

std::map<std::string, std::string> FormValues(const Request& req) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : req.Form()) {
    if (k != "_csrf") out[k] = v;
  }
  return out;
}

Response ReportForm(const Request& req, const RoutesDeps& d, bool is_public,
                    const std::map<std::string, std::string>& values, const Error* error,
                    int status) {
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, is_public ? "protection.public_title" : "protection.citizen_title",
                  std::string(kTpl) + "report_form.tpl");
  auto& content = page.content();
  std::map<std::string, std::string> errors;
  if (error && error->code == Code::kInvalid) {
    errors = http::TranslateErrors(*error, c, req.lang);
    page.Flash(c.Text(req.lang, "protection.fix_errors"), true);
  } else if (error) {
    page.Flash(c.Text(req.lang, error->message), true);
  }
  content.SetValue("ACTION", is_public ? "/lapor-kasus" : "/lindungi");
  content.ShowSection(is_public ? "PUBLIC" : "CITIZEN");
  http::IncludeFields(&content, ReportFields(*d.protection, *d.templates, req, is_public), values,
                      errors, c, req.lang);
  if (!is_public) {
    auto mine = d.protection->MyCases(req.principal->account_id);
    if (mine.ok()) {
      for (const auto& k : *mine) {
        auto* row = content.AddSectionDictionary("MINE");
        row->SetIntValue("ID", static_cast<long>(k.id));
        row->SetValue("TRACKING", k.tracking_number);
        row->SetValue("CATEGORY", c.Text(req.lang, "protection.category." + k.category));
        row->SetValue("STATE", c.Text(req.lang, "protection.state." + k.state));
        row->SetValue("CREATED", LocalTime(*d.protection, k.mission_code, k.created_at));
      }
      if (mine->empty()) content.ShowSection("NONE_MINE");
    }
  }
  return page.Finish(status);
}

Response TimelinePage(const Request& req, const RoutesDeps& d, const PublicView& v,
                      const std::string& follow_path, bool fresh, const std::string& flash = "") {
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, "protection.follow_title", std::string(kTpl) + "follow.tpl");
  auto& content = page.content();
  content.SetValue("TRACKING", v.c.tracking_number);
  content.SetValue("CATEGORY", c.Text(req.lang, "protection.category." + v.c.category));
  content.SetValue("STATE", c.Text(req.lang, "protection.state." + v.c.state));
  content.SetValue("STATE_KEY", v.c.state);
  content.SetValue("MISSION", MissionName(*d.protection, v.c.mission_code));
  if (!v.c.outcome.empty()) {
    content.SetValueAndShowSection("OUTCOME", c.Text(req.lang, "protection.outcome." + v.c.outcome),
                                   "HAS_OUTCOME");
  }
  if (fresh && !follow_path.empty()) {
    content.SetValueAndShowSection("FOLLOW_PATH", follow_path, "FRESH");
  }
  for (const auto& e : v.entries) {
    auto* row = content.AddSectionDictionary("ENTRY");
    row->SetValue("AT", LocalTime(*d.protection, v.c.mission_code, e.at));
    std::string what = c.Text(req.lang, "protection.public." + e.kind);
    if (e.kind == "state") what += ": " + c.Text(req.lang, "protection.state." + e.to_state);
    if (!e.outcome.empty()) what += " (" + c.Text(req.lang, "protection.outcome." + e.outcome) + ")";
    row->SetValue("WHAT", what);
    if (!e.body.empty()) row->SetValueAndShowSection("BODY", e.body, "HAS_BODY");
  }
  if (!flash.empty()) page.Flash(c.Text(req.lang, flash));
  return page.Finish();
}

}  // namespace

void RegisterPublicRoutes(http::Router& r, const RoutesDeps& d) {
  auto* p = d.protection;

  r.Get("/lapor-kasus", Access::kPublic, [d](Request& req) {
    return ReportForm(req, d, true, {}, nullptr, 200);
  }, "Report a citizen abroad in trouble, without an account (form)");

  r.Post("/lapor-kasus", Access::kPublic, [d, p](Request& req) {
    auto values = FormValues(req);
    auto opened = p->ReportPublic(ContextOf(req), RequestFrom(values), req.FormValue("website"));
    if (!opened.ok()) {
      const auto code = opened.error().code;
      if (code == Code::kInvalid) return ReportForm(req, d, true, values, &opened.error(), 422);
      if (code == Code::kTooMany) return ReportForm(req, d, true, values, &opened.error(), 429);
      return http::ErrorResponse(req, opened.error(), *d.templates);
    }
    if (opened->follow_token.empty()) {  // the honeypot was filled: looks the same, stores nothing
      return Response::Redirect("/lapor-kasus/ikuti/" + std::string(32, 'a') + "?baru=1");
    }
    return Response::Redirect("/lapor-kasus/ikuti/" + opened->follow_token + "?baru=1");
  }, "Submit a report without an account: a tracking number and a secret follow link");

  r.Get("/lapor-kasus/ikuti/:code", Access::kPublic, [d, p](Request& req) {
    auto v = p->Follow(req.params["code"]);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    return TimelinePage(req, d, *v, req.path, req.QueryParam("baru").has_value());
  }, "Follow a report through its secret link: state and public steps, no internal notes");

  r.Get("/lindungi", Access::kCitizen, [d, p](Request& req) {
    std::map<std::string, std::string> values;
    auto pre = p->Prefill(req.principal->account_id);
    if (pre.ok()) {
      values = {{"location", pre->location}, {"phone", pre->phone},
                {"employer", pre->employer}, {"agency", pre->agency}};
    }
    return ReportForm(req, d, false, values, nullptr, 200);
  }, "Ask the mission for help: a protection report prefilled from Lapor Diri (citizen)");

  r.Post("/lindungi", Access::kCitizen, [d, p](Request& req) {
    auto values = FormValues(req);
    auto opened = p->ReportAsCitizen(ContextOf(req), RequestFrom(values));
    if (!opened.ok()) {
      if (opened.error().code == Code::kInvalid) return ReportForm(req, d, false, values, &opened.error(), 422);
      return http::ErrorResponse(req, opened.error(), *d.templates);
    }
    return Response::Redirect("/lindungi/" + std::to_string(opened->c.id) + "?baru=1");
  }, "Submit a protection report as the signed-in citizen");

  r.Get("/lindungi/:id", Access::kCitizen, [d, p](Request& req) {
    auto v = p->MyCase(req.principal->account_id, PathId(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    return TimelinePage(req, d, *v, "", false,
                        req.QueryParam("darurat") ? "protection.panic_sent" : "");
  }, "One of the citizen's own reports: state and public steps");

  r.Post("/darurat", Access::kCitizen, [d, p](Request& req) {
    auto opened = p->Panic(ContextOf(req), req.FormValue("position"));
    if (!opened.ok()) return http::ErrorResponse(req, opened.error(), *d.templates);
    return Response::Redirect("/lindungi/" + std::to_string(opened->c.id) + "?darurat=1");
  }, "The panic button: an urgent case at the citizen's mission, its duty officers notified");
}

}  // namespace peduli::protection
