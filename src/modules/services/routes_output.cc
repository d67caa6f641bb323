// Issue 5, second part: issued documents (issue, download, revoke, journey, the refused
// extension), the public /verify/dokumen check, the officers' day list with arrivals and
// walk-in queue numbers. Pages and their JSON twins.
#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/pipeline.h"
#include "modules/registry/receipt_pdf.h"
#include "modules/services/routes.h"

namespace peduli::services {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kTpl = "modules/services/templates/";

std::string DateText(const std::string& iso) {
  auto d = Date::Parse(iso);
  return d ? FormatDateId(*d) : iso;
}

// The PDF of an SPLP or a letter: what it certifies, its number, its validity, and a QR code
// of /verify/dokumen/{code} (the random code, never the number or a name).
Result<std::string> RenderIssued(const IssuedFile& f, const RoutesDeps& d, const std::string& lang) {
  const auto& cat = d.templates->catalog();
  auto T = [&](const std::string& k) { return cat.Text(lang, k); };
  registry::ReceiptPdf p;
  p.title = f.doc.series == "SPLP" ? T("services.pdf.splp_title") : f.def.Name(lang);
  const auto* m = d.services->reference().FindMission(f.app.mission_code);
  p.subtitle = T("services.pdf.subtitle") + " · " + (m ? m->name : f.app.mission_code);
  auto form = json::parse(f.app.form, nullptr, false);
  json ap = form.is_object() ? form.value("applicant", json::object()) : json::object();
  json fields = form.is_object() ? form.value("fields", json::object()) : json::object();
  p.rows.push_back({T("services.issued_number"), f.doc.number});
  p.rows.push_back({T("services.applicant_name"), ap.value("full_name", "")});
  p.rows.push_back({"NIK", ap.value("nik", "")});
  p.rows.push_back({T("services.pdf.birth_date"), DateText(ap.value("birth_date", ""))});
  if (f.doc.series == "SPLP") {
    p.rows.push_back({T("services.issued_journey"), DateText(f.doc.journey_date)});
    p.rows.push_back({T("services.pdf.one_journey"), T("services.pdf.one_journey_text")});
  } else {
    for (const auto& fd : f.def.fields) {
      std::string v = fields.value(fd.key, "");
      if (!v.empty()) p.rows.push_back({lang == "en" ? fd.label_en : fd.label_id, v});
    }
  }
  p.rows.push_back({T("services.pdf.issued_at"), FormatLocalTime(f.doc.issued_at, f.time_zone)});
  if (f.doc.valid_until) {
    p.rows.push_back({T("services.issued_valid_until"), FormatLocalTime(f.doc.valid_until, f.time_zone)});
  }
  p.verify_url = d.base_url + "/verify/dokumen/" + f.doc.verify_code;
  p.qr_caption = T("services.pdf.qr_caption");
  p.footer = T("services.pdf.footer");
  return registry::RenderReceiptPdf(p);
}

Response PdfResponse(std::string pdf, const store::IssuedDocumentRow& doc) {
  Response r = Response::Text(std::move(pdf), "application/pdf");
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("Content-Disposition", "attachment; filename=\"dokumen-" + std::to_string(doc.id) + ".pdf\"");
  r.Set("Cache-Control", "private, no-store");
  return r;
}

json IssuedJson(const store::IssuedDocumentRow& d, const std::string& status) {
  return {{"id", d.id}, {"application_id", d.application_id}, {"number", d.number},
          {"series", d.series}, {"status", status},
          {"valid_until", d.valid_until ? json(d.valid_until) : json(nullptr)},
          {"journey_date", d.journey_date.empty() ? json(nullptr) : json(d.journey_date)},
          {"used_at", d.used_at ? json(d.used_at) : json(nullptr)},
          {"revoked_at", d.revoked_at ? json(d.revoked_at) : json(nullptr)},
          {"issued_at", d.issued_at}};
}

json DayJson(const DayList& l, bool names) {
  json rows = json::array();
  for (const auto& r : l.rows) {
    json j = {{"appointment_id", r.id}, {"application_id", r.application_id},
              {"service_code", r.service_code}, {"state", r.state}, {"starts_at", r.starts_at},
              {"local", FormatLocalTime(r.starts_at, l.time_zone)},
              {"arrived_at", r.arrived_at ? json(r.arrived_at) : json(nullptr)}};
    if (names) j["citizen_name"] = r.citizen_name;
    rows.push_back(j);
  }
  return {{"mission_code", l.mission_code}, {"date", l.day}, {"time_zone", l.time_zone},
          {"appointments", rows}};
}

json TicketJson(const store::QueueTicketRow& t) {
  return {{"id", t.id}, {"mission_code", t.mission_code}, {"date", t.day}, {"number", t.number},
          {"service_code", t.service_code.empty() ? json(nullptr) : json(t.service_code)},
          {"created_at", t.created_at}};
}

}  // namespace

// Fills the issued-document part of an application page (staff and citizen).
void AddIssued(ctemplate::TemplateDictionary& c, const Request& req, const RoutesDeps& d,
               const ApplicationView& v, bool staff) {
  const auto& cat = d.templates->catalog();
  const bool ready = v.app.state == "ready" || v.app.state == "collected" || v.app.state == "sent";
  if (v.issued) {
    const auto& x = *v.issued;
    c.ShowSection("HAS_ISSUED");
    c.SetValue("ISSUED_NUMBER", x.number);
    c.SetValue("ISSUED_STATUS_CODE", v.issued_status);
    c.SetValue("ISSUED_STATUS", cat.Text(req.lang, "services.verify." + v.issued_status));
    if (x.valid_until) {
      c.SetValueAndShowSection("VALID_UNTIL", FormatLocalTime(x.valid_until, v.time_zone),
                               "HAS_VALID_UNTIL");
    }
    if (!x.journey_date.empty()) c.SetValueAndShowSection("JOURNEY", DateText(x.journey_date), "HAS_JOURNEY");
    if (x.used_at) c.SetValueAndShowSection("USED_AT", FormatLocalTime(x.used_at, v.time_zone), "IS_USED");
    if (x.revoked_at) {
      c.SetValueAndShowSection("REVOKED_AT", FormatLocalTime(x.revoked_at, v.time_zone), "IS_REVOKED");
      c.SetValue("REVOKE_REASON", x.revoke_reason);
    }
    if (RendersPdf(v.def)) c.ShowSection("HAS_PDF");
  }
  if (!staff) return;
  const auto actor = policy::ActorOf(*req.principal);
  if (v.issued || (ready && policy::Allowed(actor, policy::Action::kHandleApplication, v.app.mission_code))) {
    c.ShowSection("ISSUE_SECTION");
  }
  if (!v.issued && ready && policy::Allowed(actor, policy::Action::kHandleApplication, v.app.mission_code)) {
    c.ShowSection("CAN_ISSUE");
    if (v.def.group == "travel") {
      c.ShowSection("ASK_JOURNEY");
      auto form = json::parse(v.app.form, nullptr, false);
      if (form.is_object()) {
        c.SetValue("JOURNEY_DEFAULT", form.value("fields", json::object()).value("travel_date", ""));
      }
    }
  }
  if (v.issued && v.issued->series == "SPLP" && !v.issued->used_at && !v.issued->revoked_at &&
      policy::Allowed(actor, policy::Action::kHandleApplication, v.app.mission_code)) {
    c.ShowSection("CAN_JOURNEY");
  }
  if (v.issued && !v.issued->revoked_at &&
      policy::Allowed(actor, policy::Action::kRevokeServiceDocument, v.app.mission_code)) {
    c.ShowSection("CAN_REVOKE");
  }
}

void RegisterOutputWebRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;
  auto fail = [t](const Request& req, const Error& e) { return http::ErrorResponse(req, e, *t); };

  // ---- the day's list, arrivals, walk-in numbers (before /konsol/layanan/{id}) ----
  r.Get("/konsol/layanan/hari", Access::kSignedIn, [d, fail](Request& req) {
    auto ctx = ContextOf(req, d);
    if (!policy::Allowed(ctx.actor, policy::Action::kReadWorkQueue, policy::ScopeOf(ctx.actor))) {
      return fail(req, Error::Forbidden());
    }
    // HQ names the mission (?misi=); mission staff see their own.
    std::string mission = ctx.actor.mission_code;
    if (mission.empty()) mission = req.QueryParam("misi").value_or("");
    http::Page page(*d.templates, req, "services.day_title", std::string(kTpl) + "day.tpl");
    auto& c = page.content();
    if (ctx.actor.mission_code.empty()) c.ShowSection("PICK_MISSION");
    c.SetValue("MISSION_CODE", mission);
    if (mission.empty()) return page.Finish();
    auto day = d.services->Day(ctx, mission, req.QueryParam("tanggal").value_or(""));
    if (!day.ok()) return fail(req, day.error());
    const auto* m = d.services->reference().FindMission(mission);
    c.SetValue("MISSION", m ? m->name : mission);
    c.SetValue("DAY", day->day);
    c.SetValue("TIME_ZONE", day->time_zone);
    c.ShowSection("HAS_LIST");
    const bool can_act = policy::Allowed(ctx.actor, policy::Action::kHandleApplication, mission);
    auto cur = d.services->CurrentCatalog();
    for (const auto& row : day->rows) {
      auto* x = c.AddSectionDictionary("ROW");
      x->SetIntValue("APPOINTMENT_ID", static_cast<long>(row.id));
      x->SetIntValue("APP_ID", static_cast<long>(row.application_id));
      x->SetValue("TIME", FormatLocalTime(row.starts_at, day->time_zone).substr(11));
      x->SetValue("NAME", row.citizen_name);
      const ServiceDef* def = cur.ok() ? (*cur)->Find(row.service_code) : nullptr;
      x->SetValue("SERVICE", def ? def->Name(req.lang) : row.service_code);
      x->SetValue("DAY", day->day);
      if (row.arrived_at) {
        x->SetValueAndShowSection("ARRIVED_AT", FormatLocalTime(row.arrived_at, day->time_zone).substr(11),
                                  "ARRIVED");
      } else if (can_act) {
        x->ShowSection("CAN_MARK");
      }
    }
    if (day->rows.empty()) c.ShowSection("EMPTY");
    if (can_act) {
      c.ShowSection("CAN_QUEUE");
      if (cur.ok()) {
        for (const auto& s : (*cur)->services) {
          auto* o = c.AddSectionDictionary("SERVICE_OPTION");
          o->SetValue("CODE", s.code);
          o->SetValue("NAME", s.Name(req.lang));
        }
      }
    }
    if (req.QueryParam("ok")) page.Flash(d.templates->catalog().Text(req.lang, "services.saved"));
    return page.Finish();
  }, "The mission's appointments of a day with arrivals, and walk-in numbers (page, audited)");

  r.Post("/konsol/layanan/hari/hadir", Access::kSignedIn, [d, fail](Request& req) {
    auto ctx = ContextOf(req, d);
    int64_t id = 0;
    try { id = std::stoll(req.FormValue("appointment_id")); } catch (...) {}
    auto a = d.services->MarkArrived(ctx, ctx.actor.mission_code, id);
    if (!a.ok()) return fail(req, a.error());
    std::string day = req.FormValue("tanggal");
    if (!Date::Parse(day)) day.clear();
    return Response::Redirect("/konsol/layanan/hari?ok=1" + (day.empty() ? "" : "&tanggal=" + day));
  }, "Mark a citizen arrived for their appointment (form)");

  r.Post("/konsol/layanan/antrian", Access::kSignedIn, [d, fail](Request& req) {
    auto ctx = ContextOf(req, d);
    auto tk = d.services->TakeQueueNumber(ctx, ctx.actor.mission_code, req.FormValue("service"));
    if (!tk.ok()) return fail(req, tk.error());
    return Response::Redirect("/konsol/antrian/" + std::to_string(tk->id));
  }, "Take the next walk-in queue number of the officer's mission today (form)");

  r.Get("/konsol/antrian/:id", Access::kSignedIn, [d, fail](Request& req) {
    auto tk = d.services->Ticket(ContextOf(req, d), PathNumber(req, "id"));
    if (!tk.ok()) return fail(req, tk.error());
    http::Page page(*d.templates, req, "services.ticket_title", std::string(kTpl) + "ticket.tpl");
    auto& c = page.content();
    const auto* m = d.services->reference().FindMission(tk->mission_code);
    c.SetValue("MISSION", m ? m->name : tk->mission_code);
    c.SetIntValue("NUMBER", static_cast<long>(tk->number));
    c.SetValue("DAY", DateText(tk->day));
    c.SetValue("TIME", FormatLocalTime(tk->created_at, m ? m->timezone : "UTC").substr(11));
    if (!tk->service_code.empty()) {
      if (auto cur = d.services->CurrentCatalog(); cur.ok()) {
        if (const auto* def = (*cur)->Find(tk->service_code)) c.SetValue("SERVICE", def->Name(req.lang));
      }
    }
    return page.Finish();
  }, "A walk-in queue ticket to print (page)");

  // ---- issued documents ----
  r.Post("/konsol/layanan/:id/terbitkan", Access::kSignedIn, [d, fail](Request& req) {
    const int64_t id = PathNumber(req, "id");
    auto doc = d.services->IssueDocument(ContextOf(req, d), id, req.FormValue("journey_date"));
    if (!doc.ok()) return fail(req, doc.error());
    return Response::Redirect("/konsol/layanan/" + std::to_string(id) + "?ok=1#terbit");
  }, "Record the document issued for an application, numbered from the mission's series (form)");

  r.Post("/konsol/layanan/:id/cabut", Access::kSignedIn, [d, fail](Request& req) {
    const int64_t id = PathNumber(req, "id");
    auto doc = d.services->RevokeDocument(ContextOf(req, d), id, req.FormValue("reason"));
    if (!doc.ok()) return fail(req, doc.error());
    return Response::Redirect("/konsol/layanan/" + std::to_string(id) + "?ok=1#terbit");
  }, "Revoke an issued document with a reason (form, the mission's supervisor)");

  r.Post("/konsol/layanan/:id/perjalanan", Access::kSignedIn, [d, fail](Request& req) {
    const int64_t id = PathNumber(req, "id");
    auto doc = d.services->RecordJourney(ContextOf(req, d), id);
    if (!doc.ok()) return fail(req, doc.error());
    return Response::Redirect("/konsol/layanan/" + std::to_string(id) + "?ok=1#terbit");
  }, "Record the SPLP's journey: it is used up (form)");

  r.Get("/konsol/layanan/:id/terbit", Access::kSignedIn, [d, fail](Request& req) {
    auto f = d.services->StaffIssued(ContextOf(req, d), PathNumber(req, "id"));
    if (!f.ok()) return fail(req, f.error());
    if (!RendersPdf(f->def)) return fail(req, Error::NotFound());
    auto pdf = RenderIssued(*f, d, req.lang);
    if (!pdf.ok()) return fail(req, pdf.error());
    return PdfResponse(std::move(*pdf), f->doc);
  }, "The issued document's PDF for staff (audited)");

  r.Get("/layanan/saya/:id/terbit", Access::kCitizen, [d, fail](Request& req) {
    auto f = d.services->MyIssued(req.principal->account_id, PathNumber(req, "id"));
    if (!f.ok()) return fail(req, f.error());
    if (!RendersPdf(f->def)) return fail(req, Error::NotFound());
    auto pdf = RenderIssued(*f, d, req.lang);
    if (!pdf.ok()) return fail(req, pdf.error());
    return PdfResponse(std::move(*pdf), f->doc);
  }, "The citizen's issued document (SPLP or letter) as a PDF");

  r.Get("/verify/dokumen/:code", Access::kPublic, [d, fail](Request& req) {
    auto st = d.services->VerifyDocument(req.params["code"]);
    http::Page page(*d.templates, req, "services.verify_title", std::string(kTpl) + "verify_document.tpl");
    if (!st.ok()) {
      if (st.error().code != Code::kNotFound) return fail(req, st.error());
      page.content().ShowSection("NOT_FOUND");
      return page.Finish(404);
    }
    auto* x = page.content().AddSectionDictionary("FOUND");
    x->SetValue("STATUS", *st);
    x->SetValue("STATUS_TEXT", d.templates->catalog().Text(req.lang, "services.verify." + *st));
    return page.Finish();
  }, "Public check of an issued document: valid, revoked or expired, nothing else");
}

void RegisterOutputApiRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;
  auto fail = [t](const Request& req, const Error& e) { return http::ErrorResponse(req, e, *t); };

  r.Post("/api/v1/applications/:id/issued-document", Access::kSignedIn, [d, fail](Request& req) {
    auto s = ReadSubmission(req);
    auto doc = d.services->IssueDocument(ContextOf(req, d), PathNumber(req, "id"), s.plain["journey_date"]);
    if (!doc.ok()) return fail(req, doc.error());
    return Response::Json(IssuedJson(*doc, DocumentStatus(*doc, d.services->clock().NowUnix())), 201);
  }, "Record the issued document ({\"journey_date\": \"YYYY-MM-DD\"} for an SPLP): its number "
     "comes from the mission's series of the year, without gaps or duplicates");

  r.Get("/api/v1/applications/:id/issued-document", Access::kSignedIn, [d, fail](Request& req) {
    auto f = d.services->StaffIssued(ContextOf(req, d), PathNumber(req, "id"));
    if (!f.ok()) return fail(req, f.error());
    if (req.QueryParam("format").value_or("") == "pdf") {
      if (!RendersPdf(f->def)) return fail(req, Error::NotFound());
      auto pdf = RenderIssued(*f, d, req.lang);
      if (!pdf.ok()) return fail(req, pdf.error());
      return PdfResponse(std::move(*pdf), f->doc);
    }
    json j = IssuedJson(f->doc, f->status);
    j["pdf"] = RendersPdf(f->def);
    return Response::Json(j);
  }, "The issued document for staff (audited); ?format=pdf for the PDF of an SPLP or letter");

  r.Post("/api/v1/applications/:id/issued-document/revoke", Access::kSignedIn, [d, fail](Request& req) {
    auto s = ReadSubmission(req);
    auto doc = d.services->RevokeDocument(ContextOf(req, d), PathNumber(req, "id"), s.plain["reason"]);
    if (!doc.ok()) return fail(req, doc.error());
    return Response::Json(IssuedJson(*doc, "revoked"));
  }, "Revoke the issued document with a reason (the mission's supervisor; audited)");

  r.Post("/api/v1/applications/:id/issued-document/journey", Access::kSignedIn, [d, fail](Request& req) {
    auto doc = d.services->RecordJourney(ContextOf(req, d), PathNumber(req, "id"));
    if (!doc.ok()) return fail(req, doc.error());
    return Response::Json(IssuedJson(*doc, DocumentStatus(*doc, d.services->clock().NowUnix())));
  }, "Record the SPLP's one journey: it is then used up");

  r.Post("/api/v1/applications/:id/issued-document/extend", Access::kSignedIn, [d, fail](Request& req) {
    auto st = d.services->ExtendDocument(ContextOf(req, d), PathNumber(req, "id"));
    if (!st.ok()) return fail(req, st.error());
    return fail(req, Error::Internal("services: extension was not refused"));
  }, "Extending an issued document is refused (409): an SPLP is for one journey and a limited "
     "time; a new application is needed");

  r.Get("/api/v1/me/applications/:id/issued-document", Access::kCitizen, [d, fail](Request& req) {
    auto f = d.services->MyIssued(req.principal->account_id, PathNumber(req, "id"));
    if (!f.ok()) return fail(req, f.error());
    if (req.QueryParam("format").value_or("") == "pdf") {
      if (!RendersPdf(f->def)) return fail(req, Error::NotFound());
      auto pdf = RenderIssued(*f, d, req.lang);
      if (!pdf.ok()) return fail(req, pdf.error());
      return PdfResponse(std::move(*pdf), f->doc);
    }
    json j = IssuedJson(f->doc, f->status);
    j["pdf"] = RendersPdf(f->def);
    return Response::Json(j);
  }, "The citizen's issued document; ?format=pdf for the PDF of an SPLP or letter");

  r.Get("/api/v1/verify/dokumen/:code", Access::kPublic, [d, fail](Request& req) {
    auto st = d.services->VerifyDocument(req.params["code"]);
    if (!st.ok()) return fail(req, st.error());
    return Response::Json({{"status", *st}});
  }, "Public check of an issued document: {\"status\": \"valid\" | \"revoked\" | \"expired\"}");

  r.Get("/api/v1/missions/:mission/appointments", Access::kSignedIn, [d, fail](Request& req) {
    auto day = d.services->Day(ContextOf(req, d), req.params["mission"],
                               req.QueryParam("date").value_or(""));
    if (!day.ok()) return fail(req, day.error());
    return Response::Json(DayJson(*day, true));
  }, "A mission's appointments of a day (?date=YYYY-MM-DD, its time zone; audited)");

  r.Post("/api/v1/missions/:mission/appointments/:id/arrival", Access::kSignedIn, [d, fail](Request& req) {
    auto a = d.services->MarkArrived(ContextOf(req, d), req.params["mission"], PathNumber(req, "id"));
    if (!a.ok()) return fail(req, a.error());
    return Response::Json({{"appointment_id", a->id}, {"arrived_at", a->arrived_at}});
  }, "Mark the citizen arrived for an appointment");

  r.Post("/api/v1/missions/:mission/queue-numbers", Access::kSignedIn, [d, fail](Request& req) {
    auto s = ReadSubmission(req);
    auto tk = d.services->TakeQueueNumber(ContextOf(req, d), req.params["mission"], s.plain["service"]);
    if (!tk.ok()) return fail(req, tk.error());
    return Response::Json(TicketJson(*tk), 201);
  }, "Take the mission's next walk-in queue number of the day ({\"service\": code} optional)");
}

}  // namespace peduli::services
