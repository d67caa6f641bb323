#include "modules/admin/routes.h"

#include <charconv>
#include <set>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/policy/policy.h"

namespace peduli::admin {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

// HQ works in Jakarta: times of the history are shown there.
constexpr const char* kHqZone = "Asia/Jakarta";

policy::Actor ActorOf(const Request& req) { return policy::ActorOf(*req.principal); }

bool MayManage(const Request& req) {
  return req.principal && policy::Allowed(ActorOf(req), policy::Action::kManageMissions, "");
}

std::optional<int64_t> ParseId(const std::string& s) {
  int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::string DaysText(unsigned mask, const http::Catalog& c, const std::string& lang) {
  std::string out;
  for (int d : reference::WorkingDaysList(mask)) {
    if (!out.empty()) out += ", ";
    out += c.Text(lang, "missions.day." + std::to_string(d));
  }
  return out;
}

ChangeRequest FromForm(const Request& req) {
  ChangeRequest r;
  const auto& form = req.Form();
  auto opt = [&](const char* name) -> std::optional<std::string> {
    auto it = form.find(name);
    if (it == form.end()) return std::nullopt;
    return it->second;
  };
  r.kind = opt("kind").value_or(reference::kChangeUpdate);
  // The closing form sits on the same page as the change form: its date input has its own
  // name, so the two inputs do not share an id.
  r.effective_date = req.FormValue(r.kind == reference::kChangeClose ? "close_effective_date"
                                                                      : "effective_date");
  r.name = opt("name");
  r.timezone = opt("timezone");
  r.address = opt("address");
  r.phone = opt("phone");
  r.city = opt("city");
  r.type = req.FormValue("type");
  r.country = req.FormValue("country");
  r.successor = req.FormValue("successor");
  if (form.count("working_days_shown")) {
    std::vector<int> days;
    auto [b, e] = form.equal_range("working_days");
    for (auto it = b; it != e; ++it) {
      auto n = ParseId(it->second);
      days.push_back(n ? static_cast<int>(*n) : 0);
    }
    r.working_days = days;
  }
  if (auto areas = opt("jurisdictions")) r.jurisdictions = ParseAreas(*areas);
  return r;
}

Result<ChangeRequest> FromJson(const json& j) {
  ChangeRequest r;
  for (const char* k : {"kind", "effective_date", "name", "timezone", "address", "phone", "city",
                        "type", "country", "successor"}) {
    if (j.contains(k) && !j[k].is_null() && !j[k].is_string()) return Error::Invalid(k, "err.json");
  }
  auto str = [&](const char* k) -> std::optional<std::string> {
    if (!j.contains(k) || j[k].is_null()) return std::nullopt;
    return j[k].get<std::string>();
  };
  r.kind = str("kind").value_or(reference::kChangeUpdate);
  r.effective_date = str("effective_date").value_or("");
  r.name = str("name");
  r.timezone = str("timezone");
  r.address = str("address");
  r.phone = str("phone");
  r.city = str("city");
  r.type = str("type").value_or("");
  r.country = str("country").value_or("");
  r.successor = str("successor").value_or("");
  if (j.contains("working_days")) {
    if (!j["working_days"].is_array()) return Error::Invalid("working_days", "err.mission.working_days");
    std::vector<int> days;
    for (const auto& v : j["working_days"]) days.push_back(v.is_number_integer() ? v.get<int>() : 0);
    r.working_days = days;
  }
  if (j.contains("jurisdictions")) {
    if (!j["jurisdictions"].is_array()) return Error::Invalid("jurisdictions", "err.json");
    std::vector<AreaInput> rows;
    for (const auto& a : j["jurisdictions"]) {
      if (!a.is_object()) return Error::Invalid("jurisdictions", "err.json");
      for (const char* k : {"country", "subdivision", "city"}) {
        if (a.contains(k) && !a[k].is_null() && !a[k].is_string()) {
          return Error::Invalid("jurisdictions", "err.json");
        }
      }
      auto text = [&a](const char* k) {
        return a.contains(k) && a[k].is_string() ? a[k].get<std::string>() : std::string();
      };
      rows.push_back({text("country"), text("subdivision"), text("city")});
    }
    r.jurisdictions = rows;
  }
  return r;
}

json MissionJson(const reference::Mission& m, int64_t now) {
  auto t = reference::LocalTimeOf(m, now);
  return {{"code", m.code}, {"type", m.type}, {"name", m.name}, {"city", m.city},
          {"country", m.country}, {"timezone", m.timezone},
          {"working_days", reference::WorkingDaysList(m.working_days)},
          {"address", m.address.empty() ? json(nullptr) : json(m.address)},
          {"phone", m.phone.empty() ? json(nullptr) : json(m.phone)},
          {"closed", m.closed},
          {"successor", m.successor.empty() ? json(nullptr) : json(m.successor)},
          {"local_date", t.date.ToString()},
          {"local_time", (t.hour < 10 ? "0" : "") + std::to_string(t.hour) + ":" +
                             (t.minute < 10 ? "0" : "") + std::to_string(t.minute)},
          {"working_day_today", t.working_day}};
}

json ChangeJson(const store::MissionChange& c, int64_t now) {
  std::string state = c.cancelled_at ? "cancelled" : c.effective_at <= now ? "in_effect" : "scheduled";
  return {{"id", c.id}, {"mission_code", c.mission_code}, {"kind", c.kind},
          {"effective_date", c.effective_date}, {"state", state},
          {"data", json::parse(c.data, nullptr, false)}, {"created_by", c.created_by},
          {"created_at", c.created_at},
          {"cancelled_by", c.cancelled_by ? json(c.cancelled_by) : json(nullptr)},
          {"moved_stays", c.moved_stays}};
}

// A change's fields as one line for the history table.
std::string Summary(const store::MissionChange& c, const http::Catalog& cat, const std::string& lang) {
  json d = json::parse(c.data, nullptr, false);
  std::string out;
  if (!d.is_object()) return out;
  for (auto& [k, v] : d.items()) {
    if (!out.empty()) out += "; ";
    out += cat.Text(lang, "missions.field." + k) + ": ";
    if (k == "working_days" && v.is_array()) {
      std::vector<int> days;
      for (const auto& x : v) days.push_back(x.get<int>());
      out += DaysText(reference::WorkingDaysMask(days).value_or(0), cat, lang);
    } else if (k == "jurisdictions" && v.is_array()) {
      std::string rows;
      for (const auto& r : v) {
        if (!rows.empty()) rows += ", ";
        rows += r.value("subdivision", r.value("country", ""));
        if (r.contains("city")) rows += " | " + r.value("city", "");
      }
      out += rows.empty() ? "—" : rows;
    } else {
      out += v.is_string() ? v.get<std::string>() : v.dump();
    }
  }
  return out;
}

std::vector<http::Field> ChangeFields() {
  std::vector<http::Field> f = {
      {"effective_date", "missions.field.effective_date", "date"},
      {"name", "missions.field.name"},
      {"city", "missions.field.city"},
      {"timezone", "missions.field.timezone"},
      {"address", "missions.field.address", "textarea"},
      {"phone", "missions.field.phone", "tel"},
      {"jurisdictions", "missions.field.jurisdictions", "textarea"},
  };
  f[3].hint_key = "missions.hint.timezone";
  f[4].required = false;
  f[5].required = false;
  f[6].required = false;
  f[6].hint_key = "missions.hint.jurisdictions";
  return f;
}

// The working-day checkboxes (fields.tpl has none).
void AddDays(ctemplate::TemplateDictionary* dict, unsigned mask, const std::string& error,
             const http::Catalog& c, const std::string& lang) {
  for (int d = 1; d <= 7; ++d) {
    auto* s = dict->AddSectionDictionary("DAY");
    s->SetIntValue("N", d);
    s->SetValue("LABEL", c.Text(lang, "missions.day." + std::to_string(d)));
    if (mask & (1u << (d - 1))) s->ShowSection("CHECKED");
  }
  if (!error.empty()) dict->SetValueAndShowSection("DAYS_ERROR", error, "HAS_DAYS_ERROR");
}

unsigned MaskOf(const ChangeRequest& r, unsigned fallback) {
  if (!r.working_days) return fallback;
  unsigned m = 0;
  for (int d : *r.working_days) {
    if (d >= 1 && d <= 7) m |= 1u << (d - 1);
  }
  return m;
}

Response MissionPage(const Request& req, const RoutesDeps& d, const reference::Mission& m,
                     const std::map<std::string, std::string>& values, unsigned days,
                     const std::map<std::string, std::string>& errors, bool close_form,
                     int status, const std::string& flash = "") {
  const auto& cat = d.templates->catalog();
  const auto& ref = d.missions->reference();
  const int64_t now = d.missions->Now();
  http::Page page(*d.templates, req, "missions.mission_title", "modules/admin/templates/mission.tpl");
  if (!flash.empty()) page.Flash(flash);
  auto& c = page.content();
  c.SetValue("CODE", m.code);
  c.SetValue("NAME", m.name);
  c.SetValue("TYPE", m.type);
  c.SetValue("CITY", m.city);
  c.SetValue("COUNTRY", std::string(ref.CountryName(m.country, req.lang)));
  c.SetValue("TIMEZONE", m.timezone);
  c.SetValue("DAYS", DaysText(m.working_days, cat, req.lang));
  c.SetValue("ADDRESS", m.address.empty() ? "—" : m.address);
  c.SetValue("PHONE", m.phone.empty() ? "—" : m.phone);
  c.SetValue("LOCAL_TIME", FormatLocalTime(now, m.timezone));
  auto lt = reference::LocalTimeOf(m, now);
  c.SetValue("WORKING_TODAY", cat.Text(req.lang, lt.working_day ? "missions.working_day" : "missions.day_off"));
  if (m.closed) c.SetValueAndShowSection("SUCCESSOR", m.successor, "CLOSED");
  for (const auto& j : ref.Jurisdictions()) {
    if (j.mission_code != m.code) continue;
    auto* s = c.AddSectionDictionary("AREA");
    s->SetValue("COUNTRY", std::string(ref.CountryName(j.country, req.lang)));
    const auto* sub = j.subdivision.empty() ? nullptr : ref.FindSubdivision(j.subdivision);
    s->SetValue("SUBDIVISION", sub ? sub->name + " (" + sub->code + ")" : j.subdivision);
    s->SetValue("CITY", j.city);
  }
  auto history = d.missions->History(m.code);
  if (history.ok()) {
    for (const auto& ch : *history) {
      auto* s = c.AddSectionDictionary("CHANGE");
      s->SetIntValue("ID", ch.id);
      s->SetValue("KIND", cat.Text(req.lang, "missions.kind." + ch.kind));
      s->SetValue("EFFECTIVE", FormatDateId(*Date::Parse(ch.effective_date)));
      s->SetValue("SUMMARY", Summary(ch, cat, req.lang));
      s->SetValue("CREATED", FormatLocalTime(ch.created_at, kHqZone) + " · #" +
                                 std::to_string(ch.created_by));
      const char* state = ch.cancelled_at ? "missions.state.cancelled"
                          : ch.effective_at <= now ? "missions.state.in_effect"
                                                   : "missions.state.scheduled";
      s->SetValue("STATE", cat.Text(req.lang, state));
      if (!ch.cancelled_at && ch.effective_at > now) s->ShowSection("CANCELLABLE");
      if (ch.moved_stays) s->SetValueAndShowSection("MOVED", std::to_string(ch.moved_stays), "HAS_MOVED");
    }
  }
  if (!m.closed) {
    c.ShowSection("OPEN");
    std::map<std::string, std::string> change_vals, close_vals;
    std::map<std::string, std::string> change_errs, close_errs;
    (close_form ? close_vals : change_vals) = values;
    (close_form ? close_errs : change_errs) = errors;
    if (close_form) {
      change_vals = {{"name", m.name}, {"city", m.city}, {"timezone", m.timezone},
                     {"address", m.address}, {"phone", m.phone},
                     {"jurisdictions", AreasText(ref.Jurisdictions(), m.code)}};
    }
    http::IncludeFields(&c, ChangeFields(), change_vals, change_errs, cat, req.lang);
    AddDays(&c, close_form ? m.working_days : days,
            change_errs.count("working_days") ? change_errs.at("working_days") : "", cat, req.lang);
    if (auto e = close_errs.find("effective_date"); e != close_errs.end()) {
      close_errs["close_effective_date"] = e->second;
    }
    std::vector<http::Field> close_fields = {{"close_effective_date", "missions.field.effective_date", "date"},
                                             {"successor", "missions.field.successor", "select"}};
    for (const auto& other : ref.Missions()) {
      if (other.code != m.code && !other.closed && other.code != reference::kHqMission) {
        close_fields[1].options.push_back({other.code, other.code + " — " + other.name});
      }
    }
    http::IncludeFields(&c, close_fields, close_vals, close_errs, cat, req.lang, "CLOSE_FIELDS");
  }
  return page.Finish(status);
}

Response ShowMission(const Request& req, const RoutesDeps& d, const std::string& code, int status,
                     const std::string& flash = "") {
  const auto* m = d.missions->reference().FindMission(code);
  if (!m) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
  std::map<std::string, std::string> vals = {
      {"name", m->name}, {"city", m->city}, {"timezone", m->timezone}, {"address", m->address},
      {"phone", m->phone},
      {"jurisdictions", AreasText(d.missions->reference().Jurisdictions(), m->code)}};
  return MissionPage(req, d, *m, vals, m->working_days, {}, false, status, flash);
}

Response NewPage(const Request& req, const RoutesDeps& d, std::map<std::string, std::string> vals,
                 unsigned days, const std::map<std::string, std::string>& errors, int status) {
  const auto& cat = d.templates->catalog();
  http::Page page(*d.templates, req, "missions.new_title", "modules/admin/templates/new.tpl");
  std::vector<http::Field> head = {{"code", "missions.field.code"},
                                   {"type", "missions.field.type", "select"},
                                   {"country", "missions.field.country", "select"}};
  head[0].hint_key = "missions.hint.code";
  for (const char* t : {"KBRI", "KJRI", "KRI", "KDEI", "PTRI"}) head[1].options.push_back({t, t});
  for (const auto& c : d.missions->reference().CountriesByName(req.lang)) {
    head[2].options.push_back({c.code, c.name_id == c.name_en || req.lang == "en" ? c.name_en : c.name_id});
  }
  http::IncludeFields(&page.content(), head, vals, errors, cat, req.lang, "HEAD_FIELDS");
  http::IncludeFields(&page.content(), ChangeFields(), vals, errors, cat, req.lang);
  AddDays(&page.content(), days, errors.count("working_days") ? errors.at("working_days") : "",
          cat, req.lang);
  return page.Finish(status);
}

std::map<std::string, std::string> TypedValues(const Request& req) {
  std::map<std::string, std::string> v;
  for (const auto& [k, val] : req.Form()) {
    if (k != "_csrf" && k != "working_days") v[k] = val;
  }
  return v;
}

}  // namespace

void RegisterRoutes(http::Router& r, const RoutesDeps& d) {
  r.Get("/admin/perwakilan", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    const auto& cat = d.templates->catalog();
    const auto& ref = d.missions->reference();
    const std::string country = req.QueryParam("country").value_or("");
    const std::string type = req.QueryParam("type").value_or("");
    auto pending = d.missions->PendingCounts();
    if (!pending.ok()) return http::ErrorResponse(req, pending.error(), *d.templates);
    http::Page page(*d.templates, req, "missions.missions_title", "modules/admin/templates/list.tpl");
    auto& c = page.content();
    std::set<std::string> countries;
    for (const auto& m : ref.Missions()) {
      countries.insert(m.country);
      if ((!country.empty() && m.country != country) || (!type.empty() && m.type != type)) continue;
      auto* s = c.AddSectionDictionary("MISSION");
      s->SetValue("CODE", m.code);
      s->SetValue("NAME", m.name);
      s->SetValue("TYPE", m.type);
      s->SetValue("COUNTRY", std::string(ref.CountryName(m.country, req.lang)));
      s->SetValue("TIMEZONE", m.timezone);
      s->SetValue("DAYS", DaysText(m.working_days, cat, req.lang));
      auto p = pending->find(m.code);
      s->SetIntValue("PENDING", p == pending->end() ? 0 : p->second);
      if (m.closed) s->ShowSection("CLOSED");
    }
    for (const auto& code : countries) {
      auto* s = c.AddSectionDictionary("COUNTRY_OPTION");
      s->SetValue("VALUE", code);
      s->SetValue("LABEL", std::string(ref.CountryName(code, req.lang)));
      if (code == country) s->ShowSection("CHOSEN");
    }
    for (const char* t : {"KBRI", "KJRI", "KRI", "KDEI", "PTRI", "HQ"}) {
      auto* s = c.AddSectionDictionary("TYPE_OPTION");
      s->SetValue("VALUE", t);
      if (type == t) s->ShowSection("CHOSEN");
    }
    return page.Finish();
  }, "HQ's list of missions: type, country, time zone, working days, scheduled changes (hq_admin)");

  // Before /admin/perwakilan/:mission, which would take "baru" for a code.
  r.Get("/admin/perwakilan/baru", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    return NewPage(req, d, {}, reference::kMonToFri, {}, 200);
  }, "Form for a new mission (hq_admin)");

  r.Post("/admin/perwakilan/baru", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    ChangeRequest cr = FromForm(req);
    cr.kind = reference::kChangeCreate;
    const std::string code = req.FormValue("code");
    auto id = d.missions->Schedule(ActorOf(req), code, cr, req.remote_ip, req.request_id);
    if (!id.ok()) {
      if (id.error().code != Code::kInvalid) return http::ErrorResponse(req, id.error(), *d.templates);
      return NewPage(req, d, TypedValues(req), MaskOf(cr, 0),
                     http::TranslateErrors(id.error(), d.templates->catalog(), req.lang), 422);
    }
    return Response::Redirect("/admin/perwakilan");
  }, "Schedule a new mission (hq_admin; audited)");

  r.Get("/admin/perwakilan/:mission", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    std::string flash;
    if (req.QueryParam("saved")) flash = d.templates->catalog().Text(req.lang, "missions.saved");
    return ShowMission(req, d, req.params.at("mission"), 200, flash);
  }, "One mission: data in effect, jurisdiction, history, scheduled changes (hq_admin)");

  r.Post("/admin/perwakilan/:mission/perubahan", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    const std::string code = req.params.at("mission");
    const auto* m = d.missions->reference().FindMission(code);
    if (!m) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    ChangeRequest cr = FromForm(req);
    auto id = d.missions->Schedule(ActorOf(req), code, cr, req.remote_ip, req.request_id);
    if (!id.ok()) {
      if (id.error().code != Code::kInvalid) return http::ErrorResponse(req, id.error(), *d.templates);
      return MissionPage(req, d, *m, TypedValues(req), MaskOf(cr, m->working_days),
                         http::TranslateErrors(id.error(), d.templates->catalog(), req.lang),
                         cr.kind == reference::kChangeClose, 422);
    }
    return Response::Redirect("/admin/perwakilan/" + http::UrlEncode(code) + "?saved=1");
  }, "Schedule a change to a mission, or its closing (hq_admin; audited)");

  r.Post("/admin/perwakilan/:mission/perubahan/:change/batal", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    const std::string code = req.params.at("mission");
    auto id = ParseId(req.params.at("change"));
    if (!id) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    auto s = d.missions->Cancel(ActorOf(req), code, *id, req.remote_ip, req.request_id);
    if (!s.ok()) {
      if (s.error().code == Code::kConflict) {
        return ShowMission(req, d, code, 409,
                           d.templates->catalog().Text(req.lang, s.error().message));
      }
      return http::ErrorResponse(req, s.error(), *d.templates);
    }
    return Response::Redirect("/admin/perwakilan/" + http::UrlEncode(code) + "?saved=1");
  }, "Cancel a scheduled mission change before it takes effect (hq_admin; audited)");

  // Staff need the list (officers choose a mission for a referral, HQ filters by it); the
  // contact details of one mission below are public.
  r.Get("/api/v1/missions", Access::kSignedIn, [d](Request& req) {
    if (!policy::IsStaff(req.principal->role)) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    json out = json::array();
    for (const auto& m : d.missions->reference().Missions()) out.push_back(MissionJson(m, d.missions->Now()));
    return Response::Json({{"missions", out}});
  }, "Every mission in effect now, with time zone and working days (staff)");

  // Public: what a citizen needs to reach their mission (name, address, phone, office days
  // and local time). Nothing here is personal data, and the same facts are on Kemlu's site.
  r.Get("/api/v1/missions/:mission", Access::kPublic, [d](Request& req) {
    const auto* m = d.missions->reference().FindMission(req.params.at("mission"));
    if (!m) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    json out = MissionJson(*m, d.missions->Now());
    json areas = json::array();
    for (const auto& j : d.missions->reference().Jurisdictions()) {
      if (j.mission_code != m->code) continue;
      json a = {{"country", j.country}};
      if (!j.subdivision.empty()) a["subdivision"] = j.subdivision;
      if (!j.city.empty()) a["city"] = j.city;
      areas.push_back(std::move(a));
    }
    out["jurisdictions"] = std::move(areas);
    return Response::Json(out);
  }, "One mission's public contact details, time zone, working days, local time and areas");

  r.Get("/api/v1/missions/:mission/changes", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    auto h = d.missions->History(req.params.at("mission"));
    if (!h.ok()) return http::ErrorResponse(req, h.error(), *d.templates);
    json out = json::array();
    for (const auto& c : *h) out.push_back(ChangeJson(c, d.missions->Now()));
    return Response::Json({{"changes", out}});
  }, "A mission's changes, newest first, cancelled ones included (hq_admin)");

  r.Post("/api/v1/missions/:mission/changes", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    auto body = req.JsonObject();
    if (!body) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
    auto cr = FromJson(*body);
    if (!cr.ok()) return http::ErrorResponse(req, cr.error(), *d.templates);
    auto id = d.missions->Schedule(ActorOf(req), req.params.at("mission"), *cr, req.remote_ip,
                                   req.request_id);
    if (!id.ok()) return http::ErrorResponse(req, id.error(), *d.templates);
    return Response::Json({{"id", *id}}, 201);
  }, "Schedule a change (kind update, create or close) taking effect on a date (hq_admin; audited)");

  r.Delete("/api/v1/missions/:mission/changes/:change", Access::kSignedIn, [d](Request& req) {
    if (!MayManage(req)) return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    auto id = ParseId(req.params.at("change"));
    if (!id) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    auto s = d.missions->Cancel(ActorOf(req), req.params.at("mission"), *id, req.remote_ip,
                                req.request_id);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    return Response::Json({{"cancelled", *id}});
  }, "Cancel a scheduled change before it takes effect (hq_admin; audited)");
}

}  // namespace peduli::admin
