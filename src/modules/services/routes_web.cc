#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/accounts/qr_svg.h"
#include "modules/services/routes.h"

namespace peduli::services {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;

namespace {

constexpr const char* kTpl = "modules/services/templates/";

std::string Money(int64_t minor, const std::string& currency) {
  if (minor < 0) return "";
  if (minor == 0) return "0";
  std::string whole = std::to_string(minor / 100);
  std::string out;
  for (size_t i = 0; i < whole.size(); ++i) {
    if (i && (whole.size() - i) % 3 == 0) out += '.';
    out += whole[i];
  }
  int64_t cents = minor % 100;
  if (cents) out += "," + std::string(cents < 10 ? "0" : "") + std::to_string(cents);
  return currency + " " + out;
}

std::string L(const Request& req, const std::string& id, const std::string& en) {
  return req.lang == "en" ? en : id;
}

std::string DueText(const std::string& due) {
  auto d = Date::Parse(due);
  return d ? FormatDateId(*d) : due;
}

void AddServiceDict(ctemplate::TemplateDictionary* s, const Request& req, const ServiceDef& def) {
  s->SetValue("CODE", def.code);
  s->SetValue("NAME", def.Name(req.lang));
  s->SetValue("DESCRIPTION", L(req, def.description_id, def.description_en));
  s->SetValue("ELIGIBILITY", L(req, def.eligibility_id, def.eligibility_en));
  s->SetValue("OUTPUT", L(req, def.output_id, def.output_en));
  s->SetValue("FEE", def.fee_idr == 0 ? std::string("0") : Money(def.fee_idr * 100, "Rp"));
  s->ShowSection(def.fee_idr == 0 ? "FREE" : "PAID");
  s->SetIntValue("DAYS", def.processing_days);
  for (const auto& d : def.documents) {
    auto* x = s->AddSectionDictionary("DOC");
    x->SetValue("NAME", L(req, d.name_id, d.name_en));
    if (!d.required) x->ShowSection("OPTIONAL");
  }
}

// The apply form, with what was typed and the errors next to it.
Response ApplyPage(const Request& req, const RoutesDeps& d, const ServiceDef& def,
                   const registry::CitizenRecord* rec, const Submitted& typed,
                   const std::map<std::string, std::string>& errors, int status,
                   const std::vector<StagedFile>& staged = {}) {
  http::Page page(*d.templates, req, "services.apply_title", std::string(kTpl) + "apply.tpl");
  auto& c = page.content();
  AddServiceDict(&c, req, def);
  if (!rec) c.ShowSection("NO_RECORD");
  if (rec) {
    c.SetValue("APPLICANT_NAME", rec->data.identity.full_name);
    c.SetValue("APPLICANT_NIK", rec->data.identity.nik);
    c.SetValue("APPLICANT_PASSPORT", rec->data.passport.number);
    c.SetValue("APPLICANT_ADDRESS", rec->data.stay.address + ", " + rec->data.stay.city);
    c.SetValue("APPLICANT_PHONE", rec->data.stay.phone);
  }
  for (const auto& f : def.fields) {
    auto* x = c.AddSectionDictionary("FIELD");
    x->SetValue("KEY", f.key);
    x->SetValue("LABEL", L(req, f.label_id, f.label_en));
    auto it = typed.fields.find(f.key);
    x->SetValue("VALUE", it == typed.fields.end() ? "" : it->second);
    x->ShowSection(f.type == "textarea" ? "TEXTAREA" : "INPUT");
    x->SetValue("TYPE", f.type == "date" ? "date" : "text");
    if (f.required) x->ShowSection("REQUIRED");
    if (auto e = errors.find("field." + f.key); e != errors.end()) {
      x->SetValueAndShowSection("ERROR", e->second, "HAS_ERROR");
    }
  }
  for (const auto& doc : def.documents) {
    auto* x = c.AddSectionDictionary("UPLOAD");
    x->SetValue("KEY", doc.key);
    x->SetValue("LABEL", L(req, doc.name_id, doc.name_en));
    if (doc.required) x->ShowSection("REQUIRED");
    if (auto e = errors.find("doc." + doc.key); e != errors.end()) {
      x->SetValueAndShowSection("ERROR", e->second, "HAS_ERROR");
    }
    // A file received before a field error is kept: listed, and carried by its token.
    for (const auto& f : staged) {
      if (f.doc_key != doc.key) continue;
      auto* k = x->AddSectionDictionary("STAGED");
      k->SetValue("TOKEN", f.token);
      k->SetValue("FILE_NAME", f.file_name.empty() ? doc.key : f.file_name);
    }
  }
  if (!errors.empty()) page.Flash(d.templates->catalog().Text(req.lang, "services.fix_errors"), true);
  return page.Finish(status);
}

void AddTimeline(ctemplate::TemplateDictionary& c, const Request& req, const RoutesDeps& d,
                 const ApplicationView& v, bool staff) {
  const auto& cat = d.templates->catalog();
  for (const auto& a : v.actions) {
    auto* x = c.AddSectionDictionary("EVENT");
    x->SetValue("AT", FormatLocalTime(a.created_at, v.time_zone));
    std::string key = a.action == "escalate" ? "services.timeline.escalate_" + a.note
                                             : "services.timeline." + a.action;
    x->SetValue("WHAT", cat.Text(req.lang, key));
    if (!a.note.empty() && a.action != "escalate" && a.action != "submit") x->SetValueAndShowSection("NOTE", a.note, "HAS_NOTE");
    if (staff) x->SetValueAndShowSection("BY", a.actor_role, "HAS_BY");
  }
  for (const auto& doc : v.documents) {
    auto* x = c.AddSectionDictionary("DOCUMENT");
    x->SetIntValue("DOC_ID", static_cast<long>(doc.id));
    std::string name = doc.doc_key;
    for (const auto& rd : v.def.documents) {
      if (rd.key == doc.doc_key) name = L(req, rd.name_id, rd.name_en);
    }
    x->SetValue("NAME", name);
    x->SetValue("TYPE", doc.content_type);
    x->SetValue("AT", FormatLocalTime(doc.created_at, v.time_zone));
  }
}

void AddSummary(ctemplate::TemplateDictionary& c, const Request& req, const RoutesDeps& d,
                const ApplicationView& v) {
  const auto& cat = d.templates->catalog();
  c.SetIntValue("ID", static_cast<long>(v.app.id));
  c.SetIntValue("VERSION", static_cast<long>(v.app.version));
  c.SetValue("SERVICE", v.def.Name(req.lang));
  c.SetValue("STATE", cat.Text(req.lang, "services.state." + v.app.state));
  c.SetValue("STATE_CODE", v.app.state);
  c.SetValue("SUBMITTED", FormatLocalTime(v.app.submitted_at, v.time_zone));
  c.SetValue("DUE", DueText(v.app.due_date));
  c.SetValue("FEE", Money(v.app.fee_minor, v.app.fee_currency));
  if (!v.rag.empty()) {
    c.SetValue("RAG", v.rag);
    c.SetValue("RAG_TEXT", cat.Text(req.lang, "services.rag." + v.rag));
    c.ShowSection("OPEN");
  }
  const auto* m = d.services->reference().FindMission(v.app.mission_code);
  c.SetValue("MISSION", m ? m->name : v.app.mission_code);
}

}  // namespace

void RegisterWebRoutes(http::Router& r, const RoutesDeps& d) {
  auto* svc = d.services;
  const auto* t = d.templates;
  auto fail = [t](const Request& req, const Error& e) { return http::ErrorResponse(req, e, *t); };
  RegisterOutputWebRoutes(r, d);

  r.Get("/layanan", Access::kPublic, [d, fail](Request& req) {
    auto cat = d.services->CurrentCatalog();
    if (!cat.ok()) return fail(req, cat.error());
    http::Page page(*d.templates, req, "services.catalog_title", std::string(kTpl) + "catalog.tpl");
    for (const auto& s : (*cat)->services) {
      AddServiceDict(page.content().AddSectionDictionary("SERVICE"), req, s);
    }
    if (req.principal && req.principal->role == "citizen") page.content().ShowSection("MINE_LINK");
    return page.Finish();
  }, "The service catalog (page)");

  // The citizen's own applications (/layanan/saya...) and filing (/layanan/ajukan/{code})
  // have distinct literal segments, so no path is ambiguous.
  r.Get("/layanan/saya", Access::kCitizen, [d, fail](Request& req) {
    auto apps = d.services->Mine(req.principal->account_id);
    if (!apps.ok()) return fail(req, apps.error());
    auto cat = d.services->CurrentCatalog();
    http::Page page(*d.templates, req, "services.mine_title", std::string(kTpl) + "mine.tpl");
    const auto& c = d.templates->catalog();
    for (const auto& a : *apps) {
      auto* x = page.content().AddSectionDictionary("APP");
      x->SetIntValue("ID", static_cast<long>(a.id));
      const ServiceDef* def = cat.ok() ? (*cat)->Find(a.service_code) : nullptr;
      x->SetValue("SERVICE", def ? def->Name(req.lang) : a.service_code);
      x->SetValue("STATE", c.Text(req.lang, "services.state." + a.state));
      x->SetValue("DUE", DueText(a.due_date));
    }
    if (apps->empty()) page.content().ShowSection("EMPTY");
    return page.Finish();
  }, "The citizen's applications (page)");

  r.Get("/layanan/pesan", Access::kCitizen, [d, fail](Request& req) {
    auto msgs = d.services->Messages(req.principal->account_id);
    if (!msgs.ok()) return fail(req, msgs.error());
    auto cat = d.services->CurrentCatalog();
    http::Page page(*d.templates, req, "services.messages_title", std::string(kTpl) + "messages.tpl");
    const auto& c = d.templates->catalog();
    for (const auto& m : *msgs) {
      auto* x = page.content().AddSectionDictionary("MESSAGE");
      x->SetIntValue("APP_ID", static_cast<long>(m.application_id));
      const ServiceDef* def = cat.ok() ? (*cat)->Find(m.service_code) : nullptr;
      x->SetValue("SERVICE", def ? def->Name(req.lang) : m.service_code);
      const bool reminder = m.action.rfind("remind_", 0) == 0;
      x->SetValue("STATE", c.Text(req.lang, reminder ? "services.reminder." + m.action
                                                     : "services.state." + m.to_state));
      x->SetValue("AT", FormatLocalTime(m.created_at, "Asia/Jakarta"));
      if (!m.note.empty() && m.action != "submit") x->SetValueAndShowSection("NOTE", m.note, "HAS_NOTE");
    }
    if (msgs->empty()) page.content().ShowSection("EMPTY");
    return page.Finish();
  }, "The citizen's messages about their applications (page)");

  r.Get("/layanan/saya/:id", Access::kCitizen, [d, fail](Request& req) {
    auto v = d.services->MineOne(req.principal->account_id, PathNumber(req, "id"));
    if (!v.ok()) return fail(req, v.error());
    http::Page page(*d.templates, req, "services.mine_one_title", std::string(kTpl) + "mine_one.tpl");
    auto& c = page.content();
    AddSummary(c, req, d, *v);
    AddTimeline(c, req, d, *v, false);
    AddIssued(c, req, d, *v, false);
    for (const auto& a : v->next_actions) c.ShowSection(a == "resubmit" ? "CAN_RESUBMIT" : "CAN_WITHDRAW");
    if (v->app.state == "needs_correction") {
      for (auto it = v->actions.rbegin(); it != v->actions.rend(); ++it) {
        if (it->action == "request_correction") {
          c.SetValue("CORRECTION", it->note);
          break;
        }
      }
      for (const auto& doc : v->def.documents) {
        auto* x = c.AddSectionDictionary("UPLOAD");
        x->SetValue("KEY", doc.key);
        x->SetValue("LABEL", L(req, doc.name_id, doc.name_en));
      }
    }
    if (v->app.state == "ready") c.ShowSection("READY");
    if (v->appointment) {
      c.SetValueAndShowSection("APPOINTMENT", FormatLocalTime(v->appointment->starts_at, v->time_zone),
                               "HAS_APPOINTMENT");
      // Shown at the counter: application and appointment numbers, nothing personal.
      c.SetValue("QR_SVG", accounts::QrSvg("PWNI-JANJI:" + std::to_string(v->app.id) + ":" +
                                               std::to_string(v->appointment->id),
                                           d.templates->catalog().Text(req.lang, "services.qr_label")));
    }
    if (!v->rag.empty()) {
      auto slots = d.services->UpcomingSlots(v->app.mission_code, v->app.service_code);
      if (slots.ok()) {
        for (const auto& s : *slots) {
          if (s.booked >= s.capacity) continue;
          auto* x = c.AddSectionDictionary("SLOT");
          x->SetIntValue("SLOT_ID", static_cast<long>(s.id));
          x->SetValue("WHEN", FormatLocalTime(s.starts_at, v->time_zone));
          x->SetIntValue("LEFT", static_cast<long>(s.capacity - s.booked));
        }
        bool any = false;
        for (const auto& sl : *slots) any = any || sl.booked < sl.capacity;
        c.ShowSection(any ? "HAS_SLOTS" : "NO_SLOTS");
      }
    }
    if (auto f = req.QueryParam("ok")) page.Flash(d.templates->catalog().Text(req.lang, "services.saved"));
    return page.Finish();
  }, "One of the citizen's applications with its timeline (page)");

  r.Post("/layanan/saya/:id/perbaiki", Access::kCitizen, [svc, fail, d](Request& req) {
    auto s = ReadSubmission(req);
    const int64_t id = PathNumber(req, "id");
    auto app = svc->Resubmit(req.principal->account_id, id, s.plain["note"], s.uploads);
    if (!app.ok()) return fail(req, app.error());
    return Response::Redirect("/layanan/saya/" + std::to_string(id) + "?ok=1");
  }, "Send a corrected application back (form)");

  r.Post("/layanan/saya/:id/tarik", Access::kCitizen, [svc, fail, d](Request& req) {
    const int64_t id = PathNumber(req, "id");
    auto app = svc->Withdraw(req.principal->account_id, id, req.FormValue("note"));
    if (!app.ok()) return fail(req, app.error());
    return Response::Redirect("/layanan/saya/" + std::to_string(id) + "?ok=1");
  }, "Withdraw an application (form)");

  r.Post("/layanan/saya/:id/janji", Access::kCitizen, [svc, fail, d](Request& req) {
    const int64_t id = PathNumber(req, "id");
    int64_t slot = 0;
    try { slot = std::stoll(req.FormValue("slot_id")); } catch (...) {}
    auto a = svc->Book(req.principal->account_id, id, slot);
    if (!a.ok()) return fail(req, a.error());
    return Response::Redirect("/layanan/saya/" + std::to_string(id) + "?ok=1");
  }, "Book or move an appointment (form)");

  r.Post("/layanan/saya/:id/janji/batal", Access::kCitizen, [svc, fail, d](Request& req) {
    const int64_t id = PathNumber(req, "id");
    auto st = svc->CancelAppointment(req.principal->account_id, id);
    if (!st.ok()) return fail(req, st.error());
    return Response::Redirect("/layanan/saya/" + std::to_string(id) + "?ok=1");
  }, "Cancel an appointment (form)");

  r.Get("/layanan/saya/:id/dokumen/:doc", Access::kCitizen, [svc, fail, d](Request& req) {
    auto f = svc->MyDocument(req.principal->account_id, PathNumber(req, "id"), PathNumber(req, "doc"));
    if (!f.ok()) return fail(req, f.error());
    return DocumentResponse(*f);
  }, "One of the citizen's uploaded documents");

  r.Get("/layanan/ajukan/:code", Access::kCitizen, [d, fail](Request& req) {
    auto cat = d.services->CurrentCatalog();
    if (!cat.ok()) return fail(req, cat.error());
    const ServiceDef* def = (*cat)->Find(req.params["code"]);
    if (!def) return fail(req, Error::NotFound());
    auto rec = d.services->MyRecord(req.principal->account_id);
    return ApplyPage(req, d, *def, rec.ok() ? &*rec : nullptr, {}, {}, 200);
  }, "The application form of one service (page)");

  r.Post("/layanan/ajukan/:code", Access::kCitizen, [d, fail](Request& req) {
    auto cat = d.services->CurrentCatalog();
    if (!cat.ok()) return fail(req, cat.error());
    const ServiceDef* def = (*cat)->Find(req.params["code"]);
    if (!def) return fail(req, Error::NotFound());
    auto s = ReadSubmission(req);
    const int64_t me = req.principal->account_id;
    // Files kept from an earlier try (staged.<key> tokens), unless a new one replaces them.
    std::map<std::string, std::string> tokens;
    for (const auto& [k, v] : s.plain) {
      if (k.rfind("staged.", 0) != 0) continue;
      const std::string key = k.substr(7);
      bool replaced = false;
      for (const auto& u : s.uploads) replaced = replaced || u.doc_key == key;
      if (!replaced) tokens[key] = v;
    }
    std::vector<StagedFile> kept;
    std::vector<Upload> uploads = s.uploads;
    for (auto& u : d.services->Unstage(me, tokens, &kept)) uploads.push_back(std::move(u));
    auto app = d.services->Apply(me, def->code, s.fields, uploads);
    if (!app.ok()) {
      if (app.error().code != Code::kInvalid) return fail(req, app.error());
      // The good new files are kept for the next try, so the citizen need not choose them again.
      for (auto& f : d.services->StageUploads(me, s.uploads)) kept.push_back(std::move(f));
      auto rec = d.services->MyRecord(me);
      return ApplyPage(req, d, *def, rec.ok() ? &*rec : nullptr, s,
                       http::TranslateErrors(app.error(), d.templates->catalog(), req.lang), 422,
                       kept);
    }
    return Response::Redirect("/layanan/saya/" + std::to_string(app->id) + "?ok=1");
  }, "File an application (multipart form)");

  // ---- the officers' queue ----
  r.Get("/konsol/layanan", Access::kSignedIn, [d, fail](Request& req) {
    auto ctx = ContextOf(req, d);
    auto q = d.services->Queue(ctx, "");
    if (!q.ok()) return fail(req, q.error());
    http::Page page(*d.templates, req, "services.queue_title", std::string(kTpl) + "queue.tpl");
    auto& c = page.content();
    const auto& cat = d.templates->catalog();
    for (const auto& v : *q) {
      auto* x = c.AddSectionDictionary("APP");
      x->SetIntValue("ID", static_cast<long>(v.app.id));
      x->SetValue("NAME", v.app.citizen_name);
      x->SetValue("SERVICE", v.def.Name(req.lang));
      x->SetValue("STATE", cat.Text(req.lang, "services.state." + v.app.state));
      x->SetValue("DUE", DueText(v.app.due_date));
      x->SetValue("RAG", v.rag);
      x->SetValue("RAG_TEXT", cat.Text(req.lang, "services.rag." + v.rag));
      x->SetValue("MISSION", v.app.mission_code);
      if (v.app.escalation > 0) {
        x->SetValueAndShowSection(
            "ESCALATION",
            cat.Text(req.lang, v.app.escalation == 1 ? "services.escalated_supervisor"
                                                     : "services.escalated_hq"),
            "ESCALATED");
      }
    }
    if (q->empty()) c.ShowSection("EMPTY");
    if (policy::Allowed(ctx.actor, policy::Action::kHandleApplication, ctx.actor.mission_code)) {
      c.ShowSection("CAN_ADD_SLOT");
      if (auto cur = d.services->CurrentCatalog(); cur.ok()) {
        for (const auto& s : (*cur)->services) {
          auto* o = c.AddSectionDictionary("SERVICE_OPTION");
          o->SetValue("CODE", s.code);
          o->SetValue("NAME", s.Name(req.lang));
        }
      }
    }
    if (req.QueryParam("ok")) page.Flash(cat.Text(req.lang, "services.saved"));
    return page.Finish();
  }, "The officers' queue of applications with red/amber/green (page)");

  r.Post("/konsol/layanan/slot", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto ctx = ContextOf(req, d);
    int64_t cap = 0;
    try { cap = std::stoll(req.FormValue("capacity")); } catch (...) {}
    auto s = svc->AddSlot(ctx, ctx.actor.mission_code, req.FormValue("service"),
                          req.FormValue("starts_at"), cap);
    if (!s.ok()) return fail(req, s.error());
    return Response::Redirect("/konsol/layanan?ok=1");
  }, "Open an appointment slot at the officer's mission (form)");

  r.Get("/konsol/layanan/:id", Access::kSignedIn, [d, fail](Request& req) {
    auto v = d.services->StaffView(ContextOf(req, d), PathNumber(req, "id"));
    if (!v.ok()) return fail(req, v.error());
    http::Page page(*d.templates, req, "services.staff_one_title", std::string(kTpl) + "staff_one.tpl");
    auto& c = page.content();
    AddSummary(c, req, d, *v);
    AddTimeline(c, req, d, *v, true);
    AddIssued(c, req, d, *v, true);
    auto form = json::parse(v->app.form, nullptr, false);
    if (form.is_object()) {
      auto ap = form.value("applicant", json::object());
      c.SetValue("APPLICANT_NAME", ap.value("full_name", ""));
      c.SetValue("APPLICANT_NIK", ap.value("nik", ""));
      c.SetValue("APPLICANT_PASSPORT", ap.value("passport_number", ""));
      auto fields = form.value("fields", json::object());
      for (const auto& f : v->def.fields) {
        auto* x = c.AddSectionDictionary("FIELD");
        x->SetValue("LABEL", L(req, f.label_id, f.label_en));
        x->SetValue("VALUE", fields.value(f.key, ""));
      }
    }
    const auto& cat = d.templates->catalog();
    for (const auto& a : v->next_actions) {
      auto* x = c.AddSectionDictionary("ACTION");
      x->SetValue("VALUE", a);
      x->SetValue("LABEL", cat.Text(req.lang, "services.action." + a));
    }
    if (!v->next_actions.empty()) c.ShowSection("CAN_ACT");
    if (v->payment) {
      c.SetValue("PAYMENT_TEXT",
                 v->payment->kind == "payment"
                     ? cat.Text(req.lang, "services.payment_paid") + ": " +
                           Money(v->payment->amount_minor, v->payment->currency) + " · " +
                           cat.Text(req.lang, "services.method." + v->payment->method) + " · " +
                           v->payment->receipt_number
                     : cat.Text(req.lang, "services.payment_waived") + ": " +
                           cat.Text(req.lang, "services.waiver." + v->payment->waiver_reason));
      c.ShowSection("HAS_PAYMENT");
    } else if (!v->next_actions.empty()) {
      c.ShowSection("CAN_PAY");
      c.SetValue("FEE_MINOR", std::to_string(std::max<int64_t>(v->app.fee_minor, 0)));
      c.SetValue("FEE_CURRENCY", v->app.fee_currency);
    }
    if (v->appointment) {
      c.SetValueAndShowSection("APPOINTMENT", FormatLocalTime(v->appointment->starts_at, v->time_zone),
                               "HAS_APPOINTMENT");
    }
    if (v->app.escalation > 0) {
      c.SetValueAndShowSection("ESCALATION",
                               cat.Text(req.lang, v->app.escalation == 1 ? "services.escalated_supervisor"
                                                                          : "services.escalated_hq"),
                               "ESCALATED");
    }
    if (req.QueryParam("ok")) page.Flash(cat.Text(req.lang, "services.saved"));
    return page.Finish();
  }, "One application for staff (page, audited)");

  r.Post("/konsol/layanan/:id/tindakan", Access::kSignedIn, [svc, fail, d](Request& req) {
    const int64_t id = PathNumber(req, "id");
    int64_t version = 0;
    try { version = std::stoll(req.FormValue("version")); } catch (...) {}
    auto app = svc->Act(ContextOf(req, d), id, req.FormValue("action"), req.FormValue("note"), version);
    if (!app.ok()) return fail(req, app.error());
    return Response::Redirect("/konsol/layanan/" + std::to_string(id) + "?ok=1");
  }, "Move an application on (form)");

  r.Post("/konsol/layanan/:id/pembayaran", Access::kSignedIn, [svc, fail, d](Request& req) {
    const int64_t id = PathNumber(req, "id");
    store::PaymentRow p;
    p.kind = req.FormValue("kind");
    try { p.amount_minor = std::stoll(req.FormValue("amount_minor")); } catch (...) { p.amount_minor = -1; }
    p.currency = req.FormValue("currency");
    p.method = req.FormValue("method");
    p.receipt_number = req.FormValue("receipt_number");
    p.waiver_reason = req.FormValue("waiver_reason");
    p.note = req.FormValue("note");
    auto r = svc->RecordPayment(ContextOf(req, d), id, p);
    if (!r.ok()) return fail(req, r.error());
    return Response::Redirect("/konsol/layanan/" + std::to_string(id) + "?ok=1");
  }, "Record the fee paid or waived (form)");

  r.Get("/konsol/layanan/:id/dokumen/:doc", Access::kSignedIn, [svc, fail, d](Request& req) {
    auto f = svc->StaffDocument(ContextOf(req, d), PathNumber(req, "id"), PathNumber(req, "doc"));
    if (!f.ok()) return fail(req, f.error());
    return DocumentResponse(*f);
  }, "One uploaded document of an application (audited)");
}

}  // namespace peduli::services
