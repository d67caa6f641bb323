// Staff account management: /admin (the administration index), /admin/staf (pages) and
// /api/v1/staff (JSON). Who may do what is decided by StaffService through policy::Allowed.
#include <charconv>

#include <nlohmann/json.hpp>

#include "modules/accounts/routes.h"
#include "modules/policy/policy.h"

namespace peduli::accounts {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

policy::Actor ActorOf(const Request& req) { return policy::ActorOf(*req.principal); }
Origin OriginOf(const Request& req) { return {req.remote_ip, req.request_id}; }

int64_t IdParam(const Request& req) {
  const std::string& s = req.params.at("id");
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() ? v : 0;
}

const char* kStaffRoles[] = {"officer", "supervisor", "election", "hq", "hq_admin", "dpo"};

json StaffJson(const store::StaffRow& r) {
  return {{"id", r.account.id},
          {"name", r.account.name},
          {"email", r.account.email},
          {"role", r.account.role},
          {"mission_code", r.account.mission_code.empty() ? json(nullptr) : json(r.account.mission_code)},
          {"state", r.account.disabled_at ? "disabled" : r.account.password_hash.empty() ? "invited" : "active"},
          {"second_factor", r.second_factor}};
}

std::vector<http::Field> CreateFields(const RoutesDeps& d, const policy::Actor& actor,
                                      const http::Catalog& c, const std::string& lang) {
  std::vector<http::Option> roles;
  for (const char* role : kStaffRoles) {
    if (policy::MayGrantRole(actor, role)) roles.push_back({role, c.Text(lang, std::string("staff.role.") + role)});
  }
  std::vector<http::Option> missions;
  if (d.mission_options) {
    for (auto& o : d.mission_options()) {
      if (policy::Allowed(actor, policy::Action::kManageStaff, o.first)) missions.push_back(o);
    }
  }
  return {
      {.name = "name", .label_key = "account.name", .autocomplete = "off", .maxlength = "200"},
      {.name = "email", .label_key = "account.email", .type = "email", .autocomplete = "off"},
      {.name = "role", .label_key = "staff.role", .type = "select", .options = roles},
      {.name = "mission_code", .label_key = "staff.mission", .type = "select",
       .options = missions, .hint_key = "staff.mission_hint", .required = false},
  };
}

Response StaffPage(const Request& req, const RoutesDeps& d, const std::string& filter,
                   const std::map<std::string, std::string>& values,
                   const std::map<std::string, std::string>& errors, const std::string& flash,
                   int status = 200) {
  const auto& t = *d.templates;
  const auto& c = t.catalog();
  const policy::Actor actor = ActorOf(req);
  auto list = d.staff->List(actor, filter, OriginOf(req));
  if (!list.ok()) return http::ErrorResponse(req, list.error(), t);
  http::Page page(t, req, "staff.title", "modules/accounts/templates/staff.tpl");
  auto& dict = page.content();
  if (policy::Allowed(actor, policy::Action::kManageStaff, "")) {  // every mission's staff
    auto* f = dict.AddSectionDictionary("FILTER");
    if (d.mission_options) {
      for (auto& [code, label] : d.mission_options()) {
        auto* o = f->AddSectionDictionary("MISSION");
        o->SetValue("CODE", code);
        o->SetValue("LABEL", label);
        if (code == filter) o->ShowSection("SELECTED");
      }
    }
  } else {
    dict.SetValue("SCOPE", actor.mission_code);
    dict.ShowSection("SCOPED");
  }
  for (const auto& r : *list) {
    auto* row = dict.AddSectionDictionary("STAFF");
    row->SetValue("ID", std::to_string(r.account.id));
    row->SetValue("NAME", r.account.name);
    row->SetValue("EMAIL", r.account.email);
    row->SetValue("ROLE", c.Text(req.lang, "staff.role." + r.account.role));
    row->SetValue("MISSION", r.account.mission_code.empty() ? "—" : r.account.mission_code);
    const std::string state = StaffJson(r)["state"];
    row->SetValue("STATE", c.Text(req.lang, "staff.state." + state));
    row->SetValue("SECOND_FACTOR", c.Text(req.lang, r.second_factor ? "staff.yes" : "staff.no"));
    // Actions only where the actor may take them (a supervisor: officers of the mission).
    if (policy::MayGrantRole(actor, r.account.role) && r.account.id != actor.account_id) {
      auto* a = row->AddSectionDictionary("ACTIONS");
      a->ShowSection(r.account.disabled_at ? "ENABLE" : "DISABLE");
      if (r.second_factor) a->ShowSection("RESET");
    }
  }
  if (list->empty()) dict.ShowSection("EMPTY");
  http::IncludeFields(&dict, CreateFields(d, actor, c, req.lang), values, errors, c, req.lang);
  if (!flash.empty()) page.Flash(flash, status >= 400);
  return page.Finish(status);
}

// One account action from the list page: back to the list with a message.
Response WebAction(Request& req, const RoutesDeps& d, const char* done_key,
                   Status (StaffService::*action)(const policy::Actor&, int64_t, const Origin&)) {
  auto st = (d.staff->*action)(ActorOf(req), IdParam(req), OriginOf(req));
  if (!st.ok()) return http::ErrorResponse(req, st.error(), *d.templates);
  return StaffPage(req, d, "", {}, {}, d.templates->catalog().Text(req.lang, done_key));
}

Response ApiAction(Request& req, const RoutesDeps& d, const char* state,
                   Status (StaffService::*action)(const policy::Actor&, int64_t, const Origin&)) {
  const int64_t id = IdParam(req);
  auto st = (d.staff->*action)(ActorOf(req), id, OriginOf(req));
  if (!st.ok()) return http::ErrorResponse(req, st.error(), *d.templates);
  return Response::Json({{"id", id}, {"done", state}});
}

}  // namespace

void RegisterStaffRoutes(http::Router& r, const RoutesDeps& d) {
  const http::Templates* t = d.templates;

  r.Get("/admin", Access::kSignedIn, [d, t](Request& req) {
    const policy::Actor actor = ActorOf(req);
    const bool staff = StaffService::MayManage(actor);
    const bool missions = policy::Allowed(actor, policy::Action::kManageMissions, "");
    if (!staff && !missions) return http::ErrorResponse(req, Error::Forbidden(), *t);
    http::Page page(*t, req, "admin.title", "modules/accounts/templates/admin.tpl");
    if (staff) page.content().ShowSection("STAFF");
    if (missions) page.content().ShowSection("MISSIONS");
    return page.Finish();
  }, "Administration index: staff accounts, missions (supervisors and hq_admin)");

  r.Get("/admin/staf", Access::kSignedIn, [d](Request& req) {
    return StaffPage(req, d, req.QueryParam("misi").value_or(""), {}, {}, "");
  }, "Staff accounts: list (?misi= mission filter for hq_admin) and the create form");

  r.Post("/admin/staf", Access::kSignedIn, [d, t](Request& req) {
    std::map<std::string, std::string> values = {{"name", req.FormValue("name")},
                                                 {"email", req.FormValue("email")},
                                                 {"role", req.FormValue("role")},
                                                 {"mission_code", req.FormValue("mission_code")}};
    auto id = d.staff->Create(ActorOf(req),
                              {values["name"], values["email"], values["role"], values["mission_code"]},
                              SetPasswordText(t->catalog(), "id"), OriginOf(req));
    if (!id.ok()) {
      if (id.error().code != Code::kInvalid) return http::ErrorResponse(req, id.error(), *t);
      return StaffPage(req, d, "", values, http::TranslateErrors(id.error(), t->catalog(), req.lang),
                       t->catalog().Text(req.lang, "error.invalid"), 422);
    }
    return StaffPage(req, d, "", {}, {}, t->catalog().Text(req.lang, "staff.created"), 201);
  }, "Create a staff account; the owner gets a set-password link by mail");

  r.Post("/admin/staf/:id/nonaktifkan", Access::kSignedIn, [d](Request& req) {
    return WebAction(req, d, "staff.disabled", &StaffService::Disable);
  }, "Disable a staff account: its sessions end at once");
  r.Post("/admin/staf/:id/aktifkan", Access::kSignedIn, [d](Request& req) {
    return WebAction(req, d, "staff.enabled", &StaffService::Enable);
  }, "Enable a disabled staff account");
  r.Post("/admin/staf/:id/atur-ulang-2fa", Access::kSignedIn, [d](Request& req) {
    return WebAction(req, d, "staff.reset_done", &StaffService::ResetSecondFactor);
  }, "Reset a staff account's second factor: it enrols again at the next sign-in");

  // ---- JSON API
  r.Get("/api/v1/staff", Access::kSignedIn, [d, t](Request& req) {
    auto list = d.staff->List(ActorOf(req), req.QueryParam("mission_code").value_or(""),
                              OriginOf(req));
    if (!list.ok()) return http::ErrorResponse(req, list.error(), *t);
    json items = json::array();
    for (const auto& row : *list) items.push_back(StaffJson(row));
    return Response::Json({{"staff", items}});
  }, "Staff accounts (hq_admin: all or ?mission_code=; supervisor: their mission): id, name, "
     "email, role, mission_code, state (invited, active, disabled), second_factor");

  r.Post("/api/v1/staff", Access::kSignedIn, [d, t](Request& req) {
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *t);
    auto str = [&](const char* k) { return b->contains(k) && (*b)[k].is_string() ? (*b)[k].get<std::string>() : ""; };
    auto id = d.staff->Create(ActorOf(req), {str("name"), str("email"), str("role"), str("mission_code")},
                              SetPasswordText(t->catalog(), "id"), OriginOf(req));
    if (!id.ok()) return http::ErrorResponse(req, id.error(), *t);
    return Response::Json({{"id", *id}, {"set_password_mail", "sent"}}, 201);
  }, "Create a staff account {name, email, role, mission_code (mission roles only)}: hq_admin "
     "any staff role; a supervisor officers of their mission. No password: the owner gets a "
     "single-use set-password link by mail, then enrols TOTP at the first sign-in");

  r.Post("/api/v1/staff/:id/disable", Access::kSignedIn, [d](Request& req) {
    return ApiAction(req, d, "disabled", &StaffService::Disable);
  }, "Disable a staff account; its sessions end at once and it cannot sign in");
  r.Post("/api/v1/staff/:id/enable", Access::kSignedIn, [d](Request& req) {
    return ApiAction(req, d, "enabled", &StaffService::Enable);
  }, "Enable a disabled staff account");
  r.Post("/api/v1/staff/:id/reset-second-factor", Access::kSignedIn, [d](Request& req) {
    return ApiAction(req, d, "second_factor_reset", &StaffService::ResetSecondFactor);
  }, "Remove a staff account's TOTP factor and recovery codes: it enrols again at the next "
     "sign-in");
}

}  // namespace peduli::accounts
