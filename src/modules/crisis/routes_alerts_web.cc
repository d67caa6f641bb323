#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/crisis/routes.h"
#include "modules/registry/model.h"

namespace peduli::crisis {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kTpl = "modules/crisis/templates/";

std::vector<std::string> SplitCodes(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : s + ",") {
    if (ch == ',' || ch == ';' || ch == ' ' || ch == '\n') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(ch);
    }
  }
  return out;
}

// A number typed in a form; the text itself when it is not one, so the area check reports it.
json Number(const std::string& s) {
  try {
    size_t used = 0;
    double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  return s;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string Label(const AlertRoutesDeps& d, const Request& req, const std::string& key) {
  return d.templates->catalog().Text(req.lang, key);
}

// The catalog key's last part for a text_channels value ("sms,whatsapp" is "both").
std::string ChannelsKey(const std::string& channels) {
  return channels == "sms,whatsapp" ? "both" : channels;
}

void FillForm(ctemplate::TemplateDictionary& c, const AlertRoutesDeps& d, const Request& req,
              const std::map<std::string, std::string>& v, const std::vector<std::string>& cats,
              const Error* error) {
  std::map<std::string, std::string> errors;
  if (error) errors = http::TranslateErrors(*error, d.templates->catalog(), req.lang);
  std::vector<http::Option> levels;
  for (const auto& l : kLevels) levels.push_back({l, Label(d, req, "crisis.level." + l)});
  std::vector<http::Option> channels;
  for (const auto& t : kTextChannels) {
    channels.push_back({t, Label(d, req, "crisis.text_channels." + ChannelsKey(t))});
  }
  std::vector<http::Field> fields = {
      {"level", "crisis.field.level", "select", levels},
      {"title_id", "crisis.field.title_id"},
      {"title_en", "crisis.field.title_en"},
      {"text_id", "crisis.field.text_id", "textarea"},
      {"text_en", "crisis.field.text_en", "textarea"},
      {"text_channels", "crisis.field.text_channels", "select", channels},
  };
  fields[1].maxlength = fields[2].maxlength = "200";
  // A new form starts on SMS (CrisisInput's default), not on the select's empty choice.
  auto shown = v;
  if (!shown.count("text_channels")) shown["text_channels"] = CrisisInput{}.text_channels;
  http::IncludeFields(&c, fields, shown, errors, d.templates->catalog(), req.lang);
  auto get = [&](const char* k) { auto it = v.find(k); return it == v.end() ? std::string() : it->second; };
  for (const char* k : {"countries", "subdivisions", "centre_lat", "centre_lon", "radius_km", "polygon"}) {
    std::string up = k;
    for (auto& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    c.SetValue(up, get(k));
  }
  if (get("safety_check") == "yes") c.ShowSection("SAFETY_CHECKED");
  for (const auto& cat : registry::kCategories) {
    auto* o = c.AddSectionDictionary("CATEGORY");
    o->SetValue("VALUE", cat);
    o->SetValue("LABEL", Label(d, req, "crisis.category." + cat));
    if (std::find(cats.begin(), cats.end(), cat) != cats.end()) o->ShowSection("CHECKED");
  }
  if (errors.count("area")) c.SetValueAndShowSection("AREA_ERROR", errors["area"], "HAS_AREA_ERROR");
  if (errors.count("categories")) {
    c.SetValueAndShowSection("CATEGORY_ERROR", errors["categories"], "HAS_CATEGORY_ERROR");
  }
}

std::map<std::string, std::string> FormValues(const Request& req, std::vector<std::string>* cats) {
  std::map<std::string, std::string> v;
  for (const auto& [k, val] : req.Form()) {
    if (k == "category") cats->push_back(val);
    else if (k != "_csrf") v[k] = val;
  }
  return v;
}

// The form's values of a stored crisis (for editing).
std::map<std::string, std::string> ValuesOf(const CrisisView& view) {
  std::map<std::string, std::string> v = {
      {"level", view.c.level},       {"title_id", view.c.title_id}, {"title_en", view.c.title_en},
      {"text_id", view.c.text_id},   {"text_en", view.c.text_en},
      {"countries", Join(view.area.countries, ", ")},
      {"subdivisions", Join(view.area.subdivisions, ", ")},
      {"safety_check", view.c.safety_check ? "yes" : ""},
      {"text_channels", view.c.text_channels}};
  if (!view.area.circles.empty()) {
    const auto& c = view.area.circles[0];
    v["centre_lat"] = json(c.centre.lat).dump();
    v["centre_lon"] = json(c.centre.lon).dump();
    v["radius_km"] = json(c.radius_km).dump();
  }
  if (!view.area.polygons.empty()) {
    std::string p;
    for (const auto& pt : view.area.polygons[0]) {
      p += (p.empty() ? "" : ";") + json(pt.lat).dump() + "," + json(pt.lon).dump();
    }
    v["polygon"] = p;
  }
  return v;
}

Response NewForm(const Request& req, const AlertRoutesDeps& d,
                 const std::map<std::string, std::string>& v, const std::vector<std::string>& cats,
                 const Error* error, int status) {
  http::Page page(*d.templates, req, "crisis.new_title", std::string(kTpl) + "alert_new.tpl");
  auto* form = page.content().AddIncludeDictionary("EDIT_FORM");
  form->SetFilename(std::string(kTpl) + "alert_form.tpl");
  form->SetValue("ACTION", "/konsol/krisis/baru");
  FillForm(*form, d, req, v, cats, error);
  return page.Finish(status);
}

void AddCounts(ctemplate::TemplateDictionary& c, const char* section,
               const std::map<std::string, int64_t>& m, const std::function<std::string(const std::string&)>& label) {
  for (const auto& [k, n] : m) {
    auto* row = c.AddSectionDictionary(section);
    row->SetValue("LABEL", label(k));
    row->SetIntValue("N", static_cast<long>(n));
  }
}

Response ShowPage(const Request& req, const AlertRoutesDeps& d, int64_t id,
                  const std::map<std::string, std::string>* typed,
                  const std::vector<std::string>* typed_cats, const Error* error, int status) {
  auto v = d.crises->Get(CrisisContextOf(req), id);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  http::Page page(*d.templates, req, "crisis.show_title", std::string(kTpl) + "alert_show.tpl");
  auto& c = page.content();
  c.SetIntValue("ID", static_cast<long>(id));
  c.SetValue("LEVEL", Label(d, req, "crisis.level." + v->c.level));
  c.SetValue("LEVEL_CODE", v->c.level);
  c.SetValue("STATE", Label(d, req, "crisis.state." + v->c.state));
  c.SetValue("TITLE", req.lang == "en" ? v->c.title_en : v->c.title_id);
  c.SetValue("TEXT", req.lang == "en" ? v->c.text_en : v->c.text_id);
  c.SetValue("MISSION", v->c.mission_code.empty() ? Label(d, req, "crisis.hq") : v->c.mission_code);
  c.SetValue("AREA", v->area.ToJson().dump());
  c.SetValue("CATEGORIES", v->categories.empty() ? Label(d, req, "crisis.everyone")
                                                 : Join(v->categories, ", "));
  if (v->c.safety_check) c.ShowSection("SAFETY_CHECK");
  c.SetValue("TEXT_CHANNELS", Label(d, req, "crisis.text_channels." + ChannelsKey(v->c.text_channels)));
  c.SetIntValue("QUEUED", static_cast<long>(v->delivery.queued));
  c.SetIntValue("SENT", static_cast<long>(v->delivery.sent));
  c.SetIntValue("FAILED", static_cast<long>(v->delivery.failed));
  for (const auto& a : v->alerts) {
    auto* row = c.AddSectionDictionary("ALERT");
    row->SetIntValue("ALERT_ID", static_cast<long>(a.id));
    row->SetValue("AT", FormatLocalTime(a.sent_at, "UTC"));
    row->SetValue("ALERT_LEVEL", Label(d, req, "crisis.level." + a.level));
    row->SetValue("ALERT_TITLE", req.lang == "en" ? a.title_en : a.title_id);
    row->SetIntValue("AUDIENCE", static_cast<long>(a.audience));
    row->SetIntValue("ALERT_QUEUED", static_cast<long>(a.queued));
  }
  if (v->alerts.empty()) c.ShowSection("NO_ALERTS");
  AddCounts(c, "PLACED", v->placed, [&](const std::string& k) { return Label(d, req, "crisis.placed." + k); });
  AddCounts(c, "BY_MISSION", v->missions, [](const std::string& k) { return k; });
  if (v->can_manage) {
    c.ShowSection("CAN_MANAGE");
    if (v->c.state == "draft") c.ShowSection("DRAFT");
    std::vector<std::string> cats = typed_cats ? *typed_cats : v->categories;
    auto* form = c.AddIncludeDictionary("EDIT_FORM");
    form->SetFilename(std::string(kTpl) + "alert_form.tpl");
    form->SetValue("ACTION", "/konsol/krisis/" + std::to_string(id));
    FillForm(*form, d, req, typed ? *typed : ValuesOf(*v), cats, error);
  }
  if (auto done = req.QueryParam("selesai")) {
    if (*done == "baru" || *done == "ubah" || *done == "kirim") page.Flash(Label(d, req, "crisis.done." + *done));
  }
  return page.Finish(status);
}

}  // namespace

Context CrisisContextOf(const Request& req) {
  if (!req.principal) return {{0, "public", ""}, req.remote_ip, req.request_id};
  return {policy::ActorOf(*req.principal), req.remote_ip, req.request_id};
}

int64_t CrisisIdOf(const Request& req) {
  auto it = req.params.find("id");
  if (it == req.params.end()) return 0;
  const auto& s = it->second;
  if (s.empty() || s.size() > 18 || s.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(s);
}

CrisisInput InputFromFields(const std::map<std::string, std::string>& v,
                            const std::vector<std::string>& categories) {
  auto get = [&](const char* k) { auto it = v.find(k); return it == v.end() ? std::string() : it->second; };
  CrisisInput in;
  in.level = get("level");
  in.title_id = get("title_id");
  in.title_en = get("title_en");
  in.text_id = get("text_id");
  in.text_en = get("text_en");
  in.categories = categories;
  in.safety_check = get("safety_check") == "yes" || get("safety_check") == "true";
  if (v.count("text_channels")) in.text_channels = get("text_channels");
  if (v.count("area")) {
    in.area = get("area");
    return in;
  }
  json area = {{"countries", SplitCodes(get("countries"))},
               {"subdivisions", SplitCodes(get("subdivisions"))},
               {"circles", json::array()}, {"polygons", json::array()}};
  if (!get("centre_lat").empty() || !get("centre_lon").empty() || !get("radius_km").empty()) {
    area["circles"].push_back({{"lat", Number(get("centre_lat"))}, {"lon", Number(get("centre_lon"))},
                               {"radius_km", Number(get("radius_km"))}});
  }
  if (!get("polygon").empty()) {
    json poly = json::array();
    for (const auto& pair : SplitCodes(get("polygon"))) {
      // SplitCodes cut at ';' and ','; re-pair what it gives.
      poly.push_back(Number(pair));
    }
    json vertices = json::array();
    for (size_t i = 0; i + 1 < poly.size(); i += 2) vertices.push_back({poly[i], poly[i + 1]});
    if (poly.size() % 2) vertices.push_back("x");  // an odd count: reported as malformed
    area["polygons"].push_back(vertices);
  }
  in.area = area.dump();
  return in;
}

void RegisterAlertWebRoutes(http::Router& r, const AlertRoutesDeps& d) {
  r.Get("/konsol/krisis", Access::kSignedIn, [d](Request& req) {
    auto list = d.crises->List(CrisisContextOf(req));
    if (!list.ok()) return http::ErrorResponse(req, list.error(), *d.templates);
    http::Page page(*d.templates, req, "crisis.list_title", std::string(kTpl) + "alert_list.tpl");
    auto& c = page.content();
    const auto ctx = CrisisContextOf(req);
    if (d.crises->MayManage(ctx, policy::ScopeOf(ctx.actor))) c.ShowSection("CAN_CREATE");
    for (const auto& k : *list) {
      auto* row = c.AddSectionDictionary("CRISIS");
      row->SetIntValue("ID", static_cast<long>(k.id));
      row->SetValue("TITLE", req.lang == "en" ? k.title_en : k.title_id);
      row->SetValue("LEVEL", Label(d, req, "crisis.level." + k.level));
      row->SetValue("LEVEL_CODE", k.level);
      row->SetValue("STATE", Label(d, req, "crisis.state." + k.state));
      row->SetValue("MISSION", k.mission_code.empty() ? Label(d, req, "crisis.hq") : k.mission_code);
    }
    if (list->empty()) c.ShowSection("NONE");
    return page.Finish();
  }, "Crises the staff member may read: HQ's and their mission's (newest first)");

  r.Get("/konsol/krisis/baru", Access::kSignedIn, [d](Request& req) {
    const auto ctx = CrisisContextOf(req);
    if (!d.crises->MayManage(ctx, policy::ScopeOf(ctx.actor))) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    return NewForm(req, d, {{"level", "caution"}}, {}, nullptr, 200);
  }, "Write a new crisis alert (form: level, texts in ID and EN, area, categories, safety check)");

  r.Post("/konsol/krisis/baru", Access::kSignedIn, [d](Request& req) {
    std::vector<std::string> cats;
    auto v = FormValues(req, &cats);
    auto id = d.crises->Create(CrisisContextOf(req), InputFromFields(v, cats));
    if (!id.ok()) {
      if (id.error().code == Code::kInvalid) return NewForm(req, d, v, cats, &id.error(), 422);
      return http::ErrorResponse(req, id.error(), *d.templates);
    }
    return Response::Redirect("/konsol/krisis/" + std::to_string(*id) + "?selesai=baru");
  }, "Save a new crisis as a draft (HQ for any area, a supervisor for its jurisdiction)");

  r.Get("/konsol/krisis/:id", Access::kSignedIn, [d](Request& req) {
    return ShowPage(req, d, CrisisIdOf(req), nullptr, nullptr, nullptr, 200);
  }, "One crisis: its text, area, alerts sent, delivery counts and, for its writers, the edit form");

  r.Post("/konsol/krisis/:id", Access::kSignedIn, [d](Request& req) {
    const int64_t id = CrisisIdOf(req);
    std::vector<std::string> cats;
    auto v = FormValues(req, &cats);
    auto s = d.crises->Update(CrisisContextOf(req), id, InputFromFields(v, cats));
    if (!s.ok()) {
      if (s.error().code == Code::kInvalid) return ShowPage(req, d, id, &v, &cats, &s.error(), 422);
      return http::ErrorResponse(req, s.error(), *d.templates);
    }
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "?selesai=ubah");
  }, "Change a crisis's level and texts (and, before the first alert, its area and categories)");

  r.Get("/konsol/krisis/:id/pratinjau", Access::kSignedIn, [d](Request& req) {
    const int64_t id = CrisisIdOf(req);
    const auto ctx = CrisisContextOf(req);
    auto v = d.crises->Get(ctx, id);
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    auto reach = d.crises->Preview(ctx, id);
    if (!reach.ok()) return http::ErrorResponse(req, reach.error(), *d.templates);
    http::Page page(*d.templates, req, "crisis.preview_title", std::string(kTpl) + "alert_preview.tpl");
    auto& c = page.content();
    c.SetIntValue("ID", static_cast<long>(id));
    c.SetValue("TITLE", req.lang == "en" ? v->c.title_en : v->c.title_id);
    c.SetIntValue("TOTAL", static_cast<long>(reach->total));
    c.SetIntValue("UNPLACED", static_cast<long>(reach->unplaced_near));
    if (reach->unplaced_near > 0) c.ShowSection("HAS_UNPLACED");
    AddCounts(c, "BY_MISSION", reach->by_mission, [](const std::string& k) { return k; });
    AddCounts(c, "BY_CATEGORY", reach->by_category,
              [&](const std::string& k) { return Label(d, req, "crisis.category." + k); });
    AddCounts(c, "PLACED", reach->by_placement,
              [&](const std::string& k) { return Label(d, req, "crisis.placed." + k); });
    if (v->can_manage) c.ShowSection("CAN_SEND");
    if (v->c.state != "draft") c.ShowSection("FIXED");
    return page.Finish();
  }, "Who a crisis reaches before sending: totals by mission, category and placement method");

  r.Post("/konsol/krisis/:id/kirim", Access::kSignedIn, [d](Request& req) {
    const int64_t id = CrisisIdOf(req);
    auto sent = d.crises->Send(CrisisContextOf(req), id);
    if (!sent.ok()) return http::ErrorResponse(req, sent.error(), *d.templates);
    return Response::Redirect("/konsol/krisis/" + std::to_string(id) + "?selesai=kirim");
  }, "Send the crisis's current text as an alert: fixes the audience the first time, queues messages");
}

}  // namespace peduli::crisis
