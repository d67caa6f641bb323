#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/multipart.h"
#include "http/pipeline.h"
#include "modules/services/routes.h"

namespace peduli::services {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

Context ContextOf(const Request& req) {
  return {policy::ActorOf(*req.principal), req.remote_ip, req.request_id, ""};
}

Context ContextOf(const Request& req, const RoutesDeps& d) {
  Context c = ContextOf(req);
  if (d.console && req.principal) c.purpose = d.console->Purpose(req.principal->csrf);
  return c;
}

int64_t PathNumber(const Request& req, const std::string& name) {
  auto it = req.params.find(name);
  if (it == req.params.end() || it->second.empty() || it->second.size() > 18) return 0;
  for (char c : it->second) {
    if (c < '0' || c > '9') return 0;
  }
  return std::stoll(it->second);
}

Submitted ReadSubmission(const Request& req) {
  Submitted s;
  auto ct = req.Header("content-type").value_or("");
  if (auto parts = http::ParseMultipart(ct, req.body)) {
    for (auto& p : *parts) {
      if (!p.file_name.empty() || p.name.rfind("doc.", 0) == 0) {
        if (p.name.rfind("doc.", 0) == 0 && !p.data.empty()) {
          s.uploads.push_back({p.name.substr(4), p.file_name, std::move(p.data)});
        }
      } else {
        s.plain[p.name] = p.data;
      }
    }
  } else if (auto j = req.JsonObject()) {
    for (auto& [k, v] : j->items()) {
      if (v.is_string()) s.plain[k] = v.get<std::string>();
      else if (v.is_number_integer()) s.plain[k] = std::to_string(v.get<int64_t>());
    }
    if (j->contains("fields") && (*j)["fields"].is_object()) {
      for (auto& [k, v] : (*j)["fields"].items()) {
        if (v.is_string()) s.fields[k] = v.get<std::string>();
      }
    }
  } else {
    for (const auto& [k, v] : req.Form()) s.plain[k] = v;
  }
  for (const auto& [k, v] : s.plain) {
    if (k.rfind("field.", 0) == 0) s.fields[k.substr(6)] = v;
  }
  return s;
}

Response DocumentResponse(const DocumentFile& f) {
  Response r = Response::Text(f.data, f.row.content_type);
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("Content-Disposition", "inline; filename=\"dokumen-" + std::to_string(f.row.id) + "\"");
  r.Set("Cache-Control", "private, no-store");
  return r;
}

namespace {

json AppJson(const store::ApplicationRow& a) {
  return {{"id", a.id}, {"citizen_id", a.citizen_id}, {"mission_code", a.mission_code},
          {"service_code", a.service_code}, {"catalog_version_id", a.catalog_version_id},
          {"channel", a.channel}, {"state", a.state},
          {"form", json::parse(a.form, nullptr, false)},
          {"fee", a.fee_minor >= 0 ? json{{"amount_minor", a.fee_minor}, {"currency", a.fee_currency}}
                                   : json(nullptr)},
          {"submitted_at", a.submitted_at}, {"due_date", a.due_date},
          {"escalation", a.escalation == 0 ? "none" : a.escalation == 1 ? "supervisor" : "hq"},
          {"version", a.version}, {"updated_at", a.updated_at},
          {"closed_at", a.closed_at ? json(a.closed_at) : json(nullptr)}};
}

json ViewJson(const ApplicationView& v, bool staff) {
  json j = AppJson(v.app);
  j["rag"] = v.rag.empty() ? json(nullptr) : json(v.rag);
  j["service"] = ServiceJson(v.def);
  j["next_actions"] = v.next_actions;
  json actions = json::array();
  for (const auto& a : v.actions) {
    json x = {{"action", a.action}, {"from", a.from_state.empty() ? json(nullptr) : json(a.from_state)},
              {"to", a.to_state}, {"actor_role", a.actor_role}, {"note", a.note},
              {"at", a.created_at}};
    if (staff) x["actor_account_id"] = a.actor_account_id ? json(a.actor_account_id) : json(nullptr);
    actions.push_back(x);
  }
  j["actions"] = actions;
  json docs = json::array();
  for (const auto& d : v.documents) {
    docs.push_back({{"id", d.id}, {"key", d.doc_key}, {"content_type", d.content_type},
                    {"size", d.size_bytes}, {"sha256", d.sha256}, {"at", d.created_at}});
  }
  j["documents"] = docs;
  j["payment"] = v.payment ? json{{"kind", v.payment->kind},
                                  {"amount_minor", v.payment->kind == "payment" ? json(v.payment->amount_minor) : json(nullptr)},
                                  {"currency", v.payment->currency}, {"method", v.payment->method},
                                  {"receipt_number", v.payment->receipt_number},
                                  {"waiver_reason", v.payment->waiver_reason},
                                  {"at", v.payment->created_at}}
                           : json(nullptr);
  j["issued_document"] = v.issued ? json{{"number", v.issued->number},
                                         {"status", v.issued_status},
                                         {"valid_until", v.issued->valid_until ? json(v.issued->valid_until) : json(nullptr)},
                                         {"journey_date", v.issued->journey_date}}
                                  : json(nullptr);
  j["appointment"] = v.appointment ? json{{"id", v.appointment->id},
                                          {"slot_id", v.appointment->slot_id},
                                          {"starts_at", v.appointment->starts_at}}
                                   : json(nullptr);
  return j;
}

json SlotJson(const store::SlotRow& s, const std::string& tz) {
  return {{"id", s.id}, {"service_code", s.service_code}, {"starts_at", s.starts_at},
          {"local", FormatLocalTime(s.starts_at, tz)}, {"capacity", s.capacity},
          {"available", s.capacity - s.booked}};
}

std::string TzOf(const ServicesService& s, const std::string& mission) {
  const auto* m = s.reference().FindMission(mission);
  return m ? m->timezone : "UTC";
}

}  // namespace

void RegisterApiRoutes(http::Router& r, const RoutesDeps& d) {
  auto* svc = d.services;
  const auto* t = d.templates;
  auto fail = [t](const Request& req, const Error& e) { return http::ErrorResponse(req, e, *t); };

  r.Get("/api/v1/services", Access::kPublic, [svc, fail, d](Request& req) {
    auto cat = svc->CurrentCatalog();
    if (!cat.ok()) return fail(req, cat.error());
    json list = json::array();
    for (const auto& s : (*cat)->services) list.push_back(ServiceJson(s));
    return Response::Json({{"version_id", (*cat)->version_id},
                           {"effective_date", (*cat)->effective_date}, {"services", list}});
  }, "The service catalog in effect (issue 5)");

  r.Post("/api/v1/services/versions", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto body = req.JsonObject();
    if (!body) return fail(req, Error::Invalid("document", "err.services.catalog.shape"));
    if (!policy::Allowed(ContextOf(req, d).actor, policy::Action::kManageCatalog, "")) {
      return fail(req, Error::Forbidden());
    }
    auto v = svc->AddVersion(ContextOf(req, d), body->value("catalog", json()),
                             body->value("effective_date", ""));
    if (!v.ok()) return fail(req, v.error());
    return Response::Json({{"id", v->id}, {"effective_date", v->effective_date},
                           {"effective_at", v->effective_at}}, 201);
  }, "Publish a new catalog version taking effect on a date (hq_admin)");

  r.Get("/api/v1/missions/:mission/services", Access::kPublic, [svc, fail, d](Request& req) {
    auto offers = svc->Offers(req.params["mission"], false);
    if (!offers.ok()) return fail(req, offers.error());
    json list = json::array();
    for (const auto& o : *offers) {
      json j = ServiceJson(o.def);
      j["offered"] = o.settings.offered;
      j["local_fee"] = o.settings.local_fee_minor >= 0
                           ? json{{"amount_minor", o.settings.local_fee_minor},
                                  {"currency", o.settings.local_currency}}
                           : json(nullptr);
      j["daily_quota"] = o.settings.daily_quota > 0 ? json(o.settings.daily_quota) : json(nullptr);
      j["opening_hours"] = o.settings.opening_hours;
      list.push_back(j);
    }
    return Response::Json({{"mission_code", req.params["mission"]}, {"services", list}});
  }, "The services a mission offers, with its fees, quotas and hours");

  r.Put("/api/v1/missions/:mission/services/:service", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto ctx = ContextOf(req, d);
    if (!policy::Allowed(ctx.actor, policy::Action::kManageMissionServices, req.params["mission"])) {
      return fail(req, Error::Forbidden());
    }
    auto body = req.JsonObject();
    if (!body) return fail(req, Error::Invalid("offered", "err.required"));
    store::MissionServiceRow row{req.params["mission"], req.params["service"]};
    row.offered = body->value("offered", true);
    row.local_fee_minor = body->contains("local_fee_minor") && (*body)["local_fee_minor"].is_number_integer()
                              ? (*body)["local_fee_minor"].get<int64_t>() : -1;
    row.local_currency = body->value("local_currency", "");
    row.daily_quota = body->value("daily_quota", static_cast<int64_t>(0));
    row.opening_hours = body->value("opening_hours", "");
    if (auto s = svc->SetMissionService(ctx, row); !s.ok()) return fail(req, s.error());
    return Response::Json({{"ok", true}});
  }, "A mission's settings for one service (its supervisor, hq_admin)");

  // ---- the citizen's applications ----
  r.Get("/api/v1/me/applications", Access::kCitizen, [svc, fail, d](Request& req) {
    auto apps = svc->Mine(req.principal->account_id);
    if (!apps.ok()) return fail(req, apps.error());
    json list = json::array();
    for (const auto& a : *apps) list.push_back(AppJson(a));
    return Response::Json({{"applications", list}});
  }, "The signed-in citizen's applications");

  r.Get("/api/v1/me/application-messages", Access::kCitizen, [svc, fail, d](Request& req) {
    auto msgs = svc->Messages(req.principal->account_id);
    if (!msgs.ok()) return fail(req, msgs.error());
    json list = json::array();
    for (const auto& m : *msgs) {
      list.push_back({{"id", m.id}, {"application_id", m.application_id}, {"action", m.action},
                      {"state", m.to_state}, {"note", m.note}, {"at", m.created_at},
                      {"emailed", m.sent_at != 0}});
    }
    return Response::Json({{"messages", list}});
  }, "The citizen's messages about their applications (also sent by email)");

  r.Post("/api/v1/me/applications", Access::kCitizen, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    auto app = svc->Apply(req.principal->account_id, s.plain["service"], s.fields, s.uploads);
    if (!app.ok()) return fail(req, app.error());
    return Response::Json(AppJson(*app), 201);
  }, "File an application (multipart/form-data: service, field.<key>, doc.<key> files)");

  r.Get("/api/v1/me/applications/:id", Access::kCitizen, [svc, fail, d](Request& req) {
    auto v = svc->MineOne(req.principal->account_id, PathNumber(req, "id"));
    if (!v.ok()) return fail(req, v.error());
    return Response::Json(ViewJson(*v, false));
  }, "One of the citizen's applications with its timeline");

  r.Post("/api/v1/me/applications/:id/resubmit", Access::kCitizen, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    auto app = svc->Resubmit(req.principal->account_id, PathNumber(req, "id"), s.plain["note"], s.uploads);
    if (!app.ok()) return fail(req, app.error());
    return Response::Json(AppJson(*app));
  }, "Send a corrected application back (multipart: note, doc.<key> files)");

  r.Post("/api/v1/me/applications/:id/withdraw", Access::kCitizen, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    auto app = svc->Withdraw(req.principal->account_id, PathNumber(req, "id"), s.plain["note"]);
    if (!app.ok()) return fail(req, app.error());
    return Response::Json(AppJson(*app));
  }, "Withdraw an application");

  r.Get("/api/v1/me/applications/:id/documents/:doc", Access::kCitizen, [svc, fail, d](Request& req) {
    auto f = svc->MyDocument(req.principal->account_id, PathNumber(req, "id"), PathNumber(req, "doc"));
    if (!f.ok()) return fail(req, f.error());
    return DocumentResponse(*f);
  }, "One of the citizen's uploaded documents");

  r.Put("/api/v1/me/applications/:id/appointment", Access::kCitizen, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    int64_t slot = 0;
    try { slot = std::stoll(s.plain["slot_id"]); } catch (...) {}
    auto a = svc->Book(req.principal->account_id, PathNumber(req, "id"), slot);
    if (!a.ok()) return fail(req, a.error());
    return Response::Json({{"id", a->id}, {"slot_id", a->slot_id}, {"starts_at", a->starts_at}});
  }, "Book or move the application's appointment ({\"slot_id\": n})");

  r.Delete("/api/v1/me/applications/:id/appointment", Access::kCitizen, [svc, fail, d](Request& req) {
    auto st = svc->CancelAppointment(req.principal->account_id, PathNumber(req, "id"));
    if (!st.ok()) return fail(req, st.error());
    return Response::Json({{"ok", true}});
  }, "Cancel the application's appointment");

  // ---- staff ----
  r.Get("/api/v1/missions/:mission/applications", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto q = svc->Queue(ContextOf(req, d), req.params["mission"]);
    if (!q.ok()) return fail(req, q.error());
    json list = json::array();
    for (const auto& v : *q) {
      json j = AppJson(v.app);
      j["rag"] = v.rag;
      j["citizen_name"] = v.app.citizen_name;
      list.push_back(j);
    }
    return Response::Json({{"applications", list}});
  }, "A mission's open applications by due date, with red/amber/green");

  r.Post("/api/v1/missions/:mission/applications", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto ctx = ContextOf(req, d);
    if (!policy::Allowed(ctx.actor, policy::Action::kHandleApplication, req.params["mission"])) {
      return fail(req, Error::Forbidden());
    }
    auto s = ReadSubmission(req);
    int64_t citizen = 0;
    try { citizen = std::stoll(s.plain["citizen_id"]); } catch (...) {}
    if (!citizen) return fail(req, Error::Invalid("citizen_id", "err.required"));
    auto app = svc->FileAtCounter(ctx, citizen, s.plain["service"], s.fields, s.uploads);
    if (!app.ok()) return fail(req, app.error());
    return Response::Json(AppJson(*app), 201);
  }, "File an application at the counter for a walk-in citizen (multipart)");

  r.Get("/api/v1/missions/:mission/slots", Access::kPublic, [svc, fail, d](Request& req) {
    const std::string mission = req.params["mission"];
    auto slots = svc->UpcomingSlots(mission, req.QueryParam("service").value_or(""));
    if (!slots.ok()) return fail(req, slots.error());
    json list = json::array();
    for (const auto& s : *slots) list.push_back(SlotJson(s, TzOf(*svc, mission)));
    return Response::Json({{"slots", list}});
  }, "A mission's appointment slots for a service (?service=code), the next 30 days");

  r.Post("/api/v1/missions/:mission/slots", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    int64_t cap = 0;
    try { cap = std::stoll(s.plain["capacity"]); } catch (...) {}
    auto slot = svc->AddSlot(ContextOf(req, d), req.params["mission"], s.plain["service"],
                             s.plain["starts_at"], cap);
    if (!slot.ok()) return fail(req, slot.error());
    return Response::Json(SlotJson(*slot, TzOf(*svc, req.params["mission"])), 201);
  }, "Open an appointment slot (starts_at local \"YYYY-MM-DDTHH:MM\", capacity)");

  r.Get("/api/v1/applications/:id", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto v = svc->StaffView(ContextOf(req, d), PathNumber(req, "id"));
    if (!v.ok()) return fail(req, v.error());
    return Response::Json(ViewJson(*v, true));
  }, "One application for staff (audited)");

  r.Post("/api/v1/applications/:id/actions", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    int64_t version = 0;
    try { version = std::stoll(s.plain["version"]); } catch (...) {}
    auto app = svc->Act(ContextOf(req, d), PathNumber(req, "id"), s.plain["action"], s.plain["note"], version);
    if (!app.ok()) return fail(req, app.error());
    return Response::Json(AppJson(*app));
  }, "Move an application on: check, request_correction, process, ready, collect, send, reject");

  r.Post("/api/v1/applications/:id/payment", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    store::PaymentRow p;
    p.kind = s.plain["kind"];
    try { p.amount_minor = std::stoll(s.plain["amount_minor"]); } catch (...) { p.amount_minor = -1; }
    p.currency = s.plain["currency"];
    p.method = s.plain["method"];
    p.receipt_number = s.plain["receipt_number"];
    p.waiver_reason = s.plain["waiver_reason"];
    p.note = s.plain["note"];
    auto r = svc->RecordPayment(ContextOf(req, d), PathNumber(req, "id"), p);
    if (!r.ok()) return fail(req, r.error());
    return Response::Json({{"id", r->id}, {"kind", r->kind}}, 201);
  }, "Record the fee: a payment (amount, currency, method, receipt) or a waiver with a reason");

  r.Get("/api/v1/applications/:id/documents/:doc", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto f = svc->StaffDocument(ContextOf(req, d), PathNumber(req, "id"), PathNumber(req, "doc"));
    if (!f.ok()) return fail(req, f.error());
    return DocumentResponse(*f);
  }, "One uploaded document of an application (audited)");

  RegisterOutputApiRoutes(r, d);
}

}  // namespace peduli::services
