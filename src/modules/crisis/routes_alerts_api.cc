#include <set>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/pipeline.h"
#include "modules/crisis/routes.h"

namespace peduli::crisis {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

json CrisisJson(const store::CrisisRow& c) {
  return {{"id", c.id},
          {"mission_code", c.mission_code.empty() ? json(nullptr) : json(c.mission_code)},
          {"level", c.level}, {"title_id", c.title_id}, {"title_en", c.title_en},
          {"text_id", c.text_id}, {"text_en", c.text_en},
          {"area", json::parse(c.area, nullptr, false)},
          {"categories", ParseCategories(c.categories)}, {"safety_check", c.safety_check},
          {"text_channels", store::TextChannelList(c.text_channels)}, {"state", c.state},
          {"created_at", c.created_at},
          {"activated_at", c.activated_at ? json(c.activated_at) : json(nullptr)}};
}

json AlertJson(const store::CrisisAlertRow& a) {
  return {{"id", a.id}, {"level", a.level}, {"title_id", a.title_id}, {"title_en", a.title_en},
          {"safety_check", a.safety_check},
          {"text_channels", store::TextChannelList(a.text_channels)}, {"sent_at", a.sent_at}, {"audience", a.audience},
          {"queued", a.queued}};
}

json ReachJson(const Reach& r) {
  return {{"total", r.total}, {"by_mission", r.by_mission}, {"by_category", r.by_category},
          {"by_placement", r.by_placement}, {"unplaced_near_area", r.unplaced_near}};
}

// A JSON body as the form's flat values: strings as they are, area as its JSON text,
// categories as a list, safety_check as a boolean.
CrisisInput InputFromJson(const json& b) {
  std::map<std::string, std::string> v;
  std::vector<std::string> cats;
  for (auto& [k, val] : b.items()) {
    if (val.is_string()) v[k] = val.get<std::string>();
  }
  v["area"] = b.contains("area") ? b["area"].dump() : "null";
  if (b.contains("safety_check") && b["safety_check"].is_boolean()) {
    v["safety_check"] = b["safety_check"].get<bool>() ? "yes" : "";
  }
  // text_channels: a list of "sms" and "whatsapp" ([] for none); absent means SMS.
  if (b.contains("text_channels")) {
    std::set<std::string> channels;
    bool bad = !b["text_channels"].is_array();
    if (!bad) {
      for (const auto& c : b["text_channels"]) {
        if (c == "sms" || c == "whatsapp") channels.insert(c.get<std::string>());
        else bad = true;
      }
    }
    v["text_channels"] = bad ? "?" : channels.empty() ? "none"
                                   : channels.size() == 2 ? "sms,whatsapp"
                                                          : *channels.begin();
  }
  if (b.contains("categories") && b["categories"].is_array()) {
    for (const auto& c : b["categories"]) cats.push_back(c.is_string() ? c.get<std::string>() : "?");
  }
  return InputFromFields(v, cats);
}

Response Bad(const Request& req, const AlertRoutesDeps& d) {
  return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
}

}  // namespace

void RegisterAlertApiRoutes(http::Router& r, const AlertRoutesDeps& d) {
  r.Get("/api/v1/crises", Access::kSignedIn, [d](Request& req) {
    auto list = d.crises->List(CrisisContextOf(req));
    if (!list.ok()) return http::ErrorResponse(req, list.error(), *d.templates);
    json out = json::array();
    for (const auto& c : *list) out.push_back(CrisisJson(c));
    return Response::Json({{"crises", out}});
  }, "Crises the staff member may read: HQ's and their mission's (newest first)");

  r.Post("/api/v1/crises", Access::kSignedIn, [d](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    auto id = d.crises->Create(CrisisContextOf(req), InputFromJson(*b));
    if (!id.ok()) return http::ErrorResponse(req, id.error(), *d.templates);
    return Response::Json({{"id", *id}, {"state", "draft"}}, 201);
  }, "Write a crisis (draft): level, title_id/en, text_id/en, area JSON, categories, "
     "safety_check, text_channels (a list of sms and whatsapp; sms when absent)");

  r.Get("/api/v1/crises/:id", Access::kSignedIn, [d](Request& req) {
    auto v = d.crises->Get(CrisisContextOf(req), CrisisIdOf(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    json j = CrisisJson(v->c);
    j["delivery"] = {{"queued", v->delivery.queued}, {"sent", v->delivery.sent},
                     {"failed", v->delivery.failed}};
    j["audience_by_placement"] = v->placed;
    j["audience_by_mission"] = v->missions;
    return Response::Json(j);
  }, "One crisis with its delivery counts (queued, sent, failed) and fixed audience");

  r.Put("/api/v1/crises/:id", Access::kSignedIn, [d](Request& req) {
    auto b = req.JsonObject();
    if (!b) return Bad(req, d);
    const int64_t id = CrisisIdOf(req);
    auto s = d.crises->Update(CrisisContextOf(req), id, InputFromJson(*b));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    return Response::Json({{"id", id}});
  }, "Change a crisis's level and texts (area and categories only before the first alert)");

  r.Get("/api/v1/crises/:id/preview", Access::kSignedIn, [d](Request& req) {
    auto reach = d.crises->Preview(CrisisContextOf(req), CrisisIdOf(req));
    if (!reach.ok()) return http::ErrorResponse(req, reach.error(), *d.templates);
    return Response::Json(ReachJson(*reach));
  }, "Who a crisis reaches: totals by mission, category and placement method (counts only)");

  r.Post("/api/v1/crises/:id/send", Access::kSignedIn, [d](Request& req) {
    auto sent = d.crises->Send(CrisisContextOf(req), CrisisIdOf(req));
    if (!sent.ok()) return http::ErrorResponse(req, sent.error(), *d.templates);
    json j = AlertJson(sent->alert);
    j["first"] = sent->first;
    return Response::Json(j, 201);
  }, "Send the crisis's current text as an alert; the first send fixes the audience");

  r.Get("/api/v1/crises/:id/alerts", Access::kSignedIn, [d](Request& req) {
    auto v = d.crises->Get(CrisisContextOf(req), CrisisIdOf(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    json out = json::array();
    for (const auto& a : v->alerts) out.push_back(AlertJson(a));
    return Response::Json({{"alerts", out}});
  }, "The alerts sent for a crisis, newest first, with audience and queued counts");

  // ---- the citizen's in-portal inbox (outbox channel "portal") ----
  auto inbox = [d](const Request& req) -> Result<std::vector<std::pair<store::OutboxRow, outbox::Rendered>>> {
    auto rows = d.outbox->Inbox(req.principal->account_id, 50);
    if (!rows.ok()) return rows.take_error();
    std::vector<std::pair<store::OutboxRow, outbox::Rendered>> out;
    for (auto& row : *rows) {
      auto text = d.renderers->Render(row);
      if (text.ok()) out.emplace_back(std::move(row), std::move(*text));
    }
    return out;
  };
  r.Get("/api/v1/me/messages", Access::kCitizen, [d, inbox](Request& req) {
    auto msgs = inbox(req);
    if (!msgs.ok()) return http::ErrorResponse(req, msgs.error(), *d.templates);
    json out = json::array();
    for (const auto& [row, text] : *msgs) {
      out.push_back({{"id", row.id}, {"kind", row.m.kind}, {"subject", text.subject},
                     {"text", text.text}, {"at", row.created_at}});
    }
    return Response::Json({{"messages", out}});
  }, "The signed-in citizen's in-portal messages (crisis alerts and others), newest first");

  r.Get("/pesan", Access::kCitizen, [d, inbox](Request& req) {
    auto msgs = inbox(req);
    if (!msgs.ok()) return http::ErrorResponse(req, msgs.error(), *d.templates);
    http::Page page(*d.templates, req, "crisis.inbox_title", "modules/outbox/templates/inbox.tpl");
    auto& c = page.content();
    for (const auto& [row, text] : *msgs) {
      auto* m = c.AddSectionDictionary("MESSAGE");
      m->SetValue("SUBJECT", text.subject);
      m->SetValue("TEXT", text.text);
      m->SetValue("AT", FormatLocalTime(row.created_at, "UTC"));
    }
    if (msgs->empty()) c.ShowSection("NONE");
    return page.Finish();
  }, "The signed-in citizen's inbox of in-portal messages");
}

}  // namespace peduli::crisis
