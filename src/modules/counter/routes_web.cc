#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/counter/routes.h"
#include "modules/registry/codec.h"
#include "modules/registry/form_steps.h"

namespace peduli::counter {

using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr const char* kTpl = "modules/counter/templates/";

std::string Tz(const registry::RegistryService& reg, const std::string& mission) {
  const auto* m = reg.reference().FindMission(mission);
  return m ? m->timezone : "UTC";
}

std::string MissionName(const registry::RegistryService& reg, const std::string& code) {
  const auto* m = reg.reference().FindMission(code);
  return m ? m->name : code;
}

std::string MaskNik(const std::string& nik) {
  return nik.size() == 16 ? nik.substr(0, 6) + "******" + nik.substr(12) : nik;
}

// ---- duplicate-NIK claims ----

void AddClaimRows(ctemplate::TemplateDictionary& content, const char* section,
                  const std::vector<store::ClaimRow>& claims, const RoutesDeps& d,
                  const Request& req) {
  const auto& c = d.templates->catalog();
  const auto& reg = d.counter->registry();
  for (const auto& cl : claims) {
    auto* row = content.AddSectionDictionary(section);
    row->SetIntValue("ID", static_cast<long>(cl.id));
    row->SetValue("CREATED", FormatLocalTime(cl.created_at, Tz(reg, cl.mission_code)));
    row->SetValue("NIK", MaskNik(cl.nik));
    row->SetValue("REG_NUMBER", cl.registration_number);
    row->SetValue("NAME", cl.existing_name);
    row->SetValue("MISSION", MissionName(reg, cl.mission_code));
    row->SetValue("CLAIMANT", cl.claimant_email);
    row->SetValue("HOLDER", c.Text(req.lang, cl.existing_account_id ? "counter.holder_account"
                                                                     : "counter.holder_counter"));
    if (cl.resolved_at) {
      row->SetValue("RESOLVED", FormatLocalTime(cl.resolved_at, Tz(reg, cl.mission_code)));
      row->SetValue("RESOLUTION", c.Text(req.lang, "counter.decision." + cl.resolution));
    }
  }
}

// A field's value as a person reads it: the option's label where it has one.
std::string Shown(const http::Field& f, const std::string& v) {
  for (const auto& o : f.options) {
    if (o.first == v) return o.second;
  }
  for (const auto& g : f.groups) {
    for (const auto& o : g.options) {
      if (o.first == v) return o.second;
    }
  }
  return v;
}

Response ClaimPage(const Request& req, const RoutesDeps& d, const ClaimView& v,
                   const std::map<std::string, std::string>& form,
                   const std::map<std::string, std::string>& errors, const std::string& flash,
                   bool flash_error, int status) {
  const auto& c = d.templates->catalog();
  const auto& reg = d.counter->registry();
  const auto& ref = reg.reference();
  const std::string tz = Tz(reg, v.claim.mission_code);
  http::Page page(*d.templates, req, "counter.claim_title", std::string(kTpl) + "claim.tpl");
  auto& content = page.content();
  content.SetIntValue("ID", static_cast<long>(v.claim.id));
  content.SetValue("CREATED", FormatLocalTime(v.claim.created_at, tz));
  content.SetValue("NIK", v.claim.nik);
  content.SetValue("MISSION", MissionName(reg, v.claim.mission_code));
  content.SetValue("REG_NUMBER", v.existing.registration_number);
  content.SetIntValue("CITIZEN_ID", static_cast<long>(v.existing.id));
  if (v.existing.account_id) {
    content.SetIntValue("HOLDER_ID", static_cast<long>(v.existing.account_id));
    content.ShowSection("HOLDER_ACCOUNT");
  } else {
    content.ShowSection("HOLDER_COUNTER");
  }
  content.SetIntValue("CLAIMANT_ID", static_cast<long>(v.claim.claimant_account_id));
  content.SetValue("CLAIMANT_NAME", v.claim.claimant_name);
  content.SetValue("CLAIMANT_EMAIL", v.claim.claimant_email);
  if (v.claim.resolved_at) {
    content.SetValueAndShowSection("RESOLUTION", c.Text(req.lang, "counter.decision." + v.claim.resolution), "RESOLVED");
  } else {
    content.ShowSection("OPEN");
  }

  // Side by side, field by field, in the form's order; differences marked.
  const auto diffs = Differences(v.existing.data, v.claimed);
  auto differs = [&](const std::string& k) {
    return std::find(diffs.begin(), diffs.end(), k) != diffs.end();
  };
  const auto a = registry::Flatten(v.existing.data), b = registry::Flatten(v.claimed);
  for (const auto& step : registry::Steps()) {
    if (step.slug == "periksa" || step.slug == "keluarga") continue;
    auto* sec = content.AddSectionDictionary("GROUP");
    sec->SetValue("TITLE", c.Text(req.lang, step.title_key));
    std::map<std::string, std::string> both = a;
    for (const auto& [k, val] : b) both.emplace(k, val);
    for (const auto& f : registry::StepFields(step.slug, both, ref, c, req.lang)) {
      auto va = a.count(f.name) ? a.at(f.name) : "", vb = b.count(f.name) ? b.at(f.name) : "";
      if (va.empty() && vb.empty()) continue;
      auto* row = sec->AddSectionDictionary("ROW");
      row->SetValue("LABEL", c.Text(req.lang, f.label_key));
      row->SetValue("EXISTING", Shown(f, va));
      row->SetValue("CLAIMED", Shown(f, vb));
      if (differs(f.name)) row->ShowSection("DIFFERS");
      else row->ShowSection("SAME");
    }
  }
  content.SetIntValue("FAMILY_EXISTING", static_cast<long>(v.existing.data.family.size()));
  content.SetIntValue("FAMILY_CLAIMED", static_cast<long>(v.claimed.family.size()));
  if (differs("family")) content.ShowSection("FAMILY_DIFFERS");
  else content.ShowSection("FAMILY_SAME");

  for (const auto& dec : v.decisions) {
    auto* row = content.AddSectionDictionary("DECISION");
    row->SetValue("AT", FormatLocalTime(dec.created_at, tz));
    row->SetValue("WHAT", c.Text(req.lang, "counter.decision." + dec.decision));
    row->SetValue("NOTE", dec.note);
    row->SetValue("BY_MISSION", MissionName(reg, dec.actor_mission));
    row->SetIntValue("BY_ID", static_cast<long>(dec.actor_account_id));
    if (dec.identity_checked) row->ShowSection("CHECKED");
    if (dec.undone) row->ShowSection("UNDONE");
  }
  if (v.decisions.empty()) content.ShowSection("NO_DECISIONS");

  if (v.can_act && !v.claim.resolved_at) {
    auto* f = content.AddSectionDictionary("DECIDE");
    const std::string chosen = form.count("decision") ? form.at("decision") : "";
    for (const char* opt : {"keep", "transfer", "reject"}) {
      auto* o = f->AddSectionDictionary("CHOICE");
      o->SetValue("VALUE", opt);
      o->SetValue("LABEL", c.Text(req.lang, std::string("counter.choice.") + opt));
      if (chosen == opt) o->ShowSection("CHOSEN");
    }
    f->SetValue("NOTE", form.count("note") ? form.at("note") : "");
    if (form.count("identity_checked")) f->ShowSection("IS_CHECKED");
    for (const char* k : {"decision", "note", "identity_checked"}) {
      auto it = errors.find(k);
      if (it == errors.end()) continue;
      std::string var = std::string("ERR_") + k;
      for (auto& ch : var) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      f->SetValueAndShowSection(var, it->second, "HAS_" + var);
    }
  }
  if (v.can_undo) content.ShowSection("UNDO");
  if (v.claim.resolution == "transfer") content.ShowSection("TRANSFERRED");
  if (!flash.empty()) page.Flash(flash, flash_error);
  return page.Finish(status);
}

// After a refused decision or undo: the page again, with why.
Response ClaimAgain(const Request& req, const RoutesDeps& d, int64_t id, const Error& e,
                    const std::map<std::string, std::string>& form) {
  const auto& c = d.templates->catalog();
  if (e.code != Code::kInvalid && e.code != Code::kConflict) return http::ErrorResponse(req, e, *d.templates);
  auto v = d.counter->GetClaim(ContextOf(req), id);
  if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
  if (e.code == Code::kInvalid) {
    return ClaimPage(req, d, *v, form, http::TranslateErrors(e, c, req.lang),
                     c.Text(req.lang, "counter.fix_errors"), true, 422);
  }
  return ClaimPage(req, d, *v, form, {}, c.Text(req.lang, e.message), true, 409);
}

// ---- walk-in ----

// The posted Lapor Diri as flat answers. Family rows left blank or ticked for removal go.
std::map<std::string, std::string> ReadAnswers(const Request& req) {
  std::map<std::string, std::string> raw;
  for (const auto& [k, v] : req.Form()) {
    for (const char* p : {"identity.", "passport.", "stay.", "family.", "emergency_contact."}) {
      if (k.rfind(p, 0) == 0) raw[k] = v;
    }
  }
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : raw) {
    if (k.rfind("family.", 0) != 0) out[k] = v;
  }
  size_t n = 0;
  for (size_t i = 0; i < 50; ++i) {
    const std::string p = "family." + std::to_string(i) + ".";
    if (!raw.count(p + "name")) break;
    if (raw.count(p + "remove")) continue;
    auto g = [&](const char* f) { return raw.count(p + f) ? raw[p + f] : std::string(); };
    if (g("name").empty() && g("relation").empty() && g("birth_date").empty() && g("nik").empty()) continue;
    const std::string q = "family." + std::to_string(n++) + ".";
    for (const char* f : {"name", "relation", "birth_date", "nik"}) out[q + f] = g(f);
  }
  return out;
}

Response WalkInForm(const Request& req, const RoutesDeps& d,
                    const std::map<std::string, std::string>& answers, const Error* error,
                    const WalkInPreview* preview, int status) {
  const auto& c = d.templates->catalog();
  const auto& reg = d.counter->registry();
  http::Page page(*d.templates, req, "counter.walkin_title", std::string(kTpl) + "walkin_form.tpl");
  auto& content = page.content();
  std::map<std::string, std::string> errors;
  if (error && error->code == Code::kInvalid) {
    errors = http::TranslateErrors(*error, c, req.lang);
    for (const auto& fe : error->fields) {
      if (fe.key == "err.counter.other_mission") {
        errors[fe.field] += " " + ServingMissionName(reg, registry::FromFlat(answers));
      }
    }
    content.ShowSection("HAS_ERRORS");
    for (const auto& [field, text] : errors) {
      auto* e = content.AddSectionDictionary("ERROR");
      e->SetValue("TEXT", text);
    }
  }
  if (error && error->code == Code::kConflict && error->message != "counter.existing_record") {
    page.Flash(c.Text(req.lang, error->message), true);
  }
  for (const auto& step : registry::Steps()) {
    if (step.slug == "periksa") continue;
    auto* sec = content.AddSectionDictionary("SECTION");
    sec->SetValue("TITLE", c.Text(req.lang, step.title_key));
    auto fields = registry::StepFields(step.slug, answers, reg.reference(), c, req.lang);
    if (step.slug == "keluarga") {
      sec->ShowSection("FAMILY_HINT");
      for (auto& f : fields) f.required = false;  // every row may stay blank at the counter
    }
    http::IncludeFields(sec, fields, answers, errors, c, req.lang);
  }
  if (preview) {
    content.ShowSection("CHECKED");
    content.SetValue("SERVING", MissionName(reg, preview->mission_code));
    if (preview->existing_id) {
      auto* ex = content.AddSectionDictionary("EXISTING");
      ex->SetIntValue("EXISTING_ID", static_cast<long>(preview->existing_id));
      if (preview->existing_here) {
        const auto& r = preview->existing;
        auto* h = ex->AddSectionDictionary("HERE");
        h->SetValue("REG_NUMBER", r.registration_number);
        h->SetValue("NAME", r.data.identity.full_name);
        h->SetValue("BIRTH_DATE", r.data.identity.birth_date);
        h->SetValue("PASSPORT", r.data.passport.number);
        h->SetValue("STATUS", c.Text(req.lang, "status." + r.status));
        if (!r.stays.empty()) {
          h->SetValue("PLACE", r.data.stay.city + ", " +
                                   std::string(reg.reference().CountryName(r.data.stay.country, req.lang)));
        }
        h->SetValue("HOLDER", c.Text(req.lang, preview->existing_has_account ? "counter.holder_account"
                                                                               : "counter.holder_counter"));
      } else {
        ex->ShowSection("ELSEWHERE");
      }
    } else {
      content.ShowSection("NEW_RECORD");
    }
  }
  return page.Finish(status);
}

void FillRecord(ctemplate::TemplateDictionary& content, const registry::CitizenRecord& rec,
                const RoutesDeps& d, const Request& req, int64_t entered_by,
                const std::string& entered_role, const std::string& entered_mission) {
  const auto& c = d.templates->catalog();
  const auto& reg = d.counter->registry();
  const std::string mission = MissionOf(rec);
  content.SetIntValue("CITIZEN_ID", static_cast<long>(rec.id));
  content.SetValue("REG_NUMBER", rec.registration_number);
  content.SetValue("NAME", rec.data.identity.full_name);
  content.SetValue("NIK", MaskNik(rec.data.identity.nik));
  content.SetValue("STATUS", c.Text(req.lang, "status." + rec.status));
  content.SetValue("MISSION", MissionName(reg, mission));
  content.SetValue("UPDATED", FormatLocalTime(rec.updated_at, Tz(reg, mission)));
  content.SetValue("HOLDER",
                   c.Text(req.lang, rec.account_id ? "counter.holder_account" : "counter.holder_counter"));
  if (entered_by && (entered_role == "officer" || entered_role == "supervisor")) {
    auto* e = content.AddSectionDictionary("ENTERED_BY_STAFF");
    e->SetValue("ROLE", c.Text(req.lang, "counter.role." + entered_role));
    e->SetValue("BY_MISSION", MissionName(reg, entered_mission));
    e->SetIntValue("BY_ID", static_cast<long>(entered_by));
  }
  for (const auto& f : rec.flags) {
    auto* fl = content.AddSectionDictionary("FLAG");
    fl->SetValue("TEXT", c.Text(req.lang, "counter.flag." + f));
  }
}

}  // namespace

void RegisterWebRoutes(http::Router& r, const RoutesDeps& d) {
  auto* counter = d.counter;
  const auto* t = d.templates;

  r.Get("/konsol/duplikat", Access::kSignedIn, [d, counter](Request& req) {
    auto lists = counter->ListClaims(ContextOf(req));
    if (!lists.ok()) return http::ErrorResponse(req, lists.error(), *d.templates);
    http::Page page(*d.templates, req, "counter.claims_title", std::string(kTpl) + "claims.tpl");
    AddClaimRows(page.content(), "OPEN", lists->open, d, req);
    AddClaimRows(page.content(), "RESOLVED", lists->resolved, d, req);
    if (lists->open.empty()) page.content().ShowSection("NONE_OPEN");
    if (lists->resolved.empty()) page.content().ShowSection("NONE_RESOLVED");
    return page.Finish();
  }, "Duplicate-NIK claims in the actor's jurisdiction (page)");

  r.Get("/konsol/duplikat/:id", Access::kSignedIn, [d, counter](Request& req) {
    auto v = counter->GetClaim(ContextOf(req), PathId(req));
    if (!v.ok()) return http::ErrorResponse(req, v.error(), *d.templates);
    std::string flash;
    if (auto done = req.QueryParam("selesai")) {
      if (*done == "keputusan" || *done == "batal") {
        flash = d.templates->catalog().Text(req.lang, "counter.done." + *done);
      }
    }
    return ClaimPage(req, d, *v, {}, {}, flash, false, 200);
  }, "One duplicate-NIK claim side by side (page; audited)");

  r.Post("/konsol/duplikat/:id/keputusan", Access::kSignedIn, [d, counter](Request& req) {
    const int64_t id = PathId(req);
    std::map<std::string, std::string> form = {{"decision", req.FormValue("decision")},
                                               {"note", req.FormValue("note")}};
    const bool checked = req.FormValue("identity_checked") == "yes";
    if (checked) form["identity_checked"] = "yes";
    auto dec = counter->Decide(ContextOf(req), id, form["decision"], form["note"], checked);
    if (!dec.ok()) return ClaimAgain(req, d, id, dec.error(), form);
    return Response::Redirect("/konsol/duplikat/" + std::to_string(id) + "?selesai=keputusan");
  }, "Decide a duplicate-NIK claim (form)");

  r.Post("/konsol/duplikat/:id/batal", Access::kSignedIn, [d, counter](Request& req) {
    const int64_t id = PathId(req);
    auto dec = counter->Undo(ContextOf(req), id);
    if (!dec.ok()) return ClaimAgain(req, d, id, dec.error(), {});
    return Response::Redirect("/konsol/duplikat/" + std::to_string(id) + "?selesai=batal");
  }, "Undo the latest decision on a duplicate-NIK claim (form)");

  r.Get("/konsol/loket", Access::kSignedIn, [t](Request& req) {
    const auto actor = policy::ActorOf(*req.principal);
    if (!policy::Allowed(actor, policy::Action::kRegisterWalkIn, actor.mission_code)) {
      return http::ErrorResponse(req, Error::Forbidden(), *t);
    }
    http::Page page(*t, req, "counter.start_title", std::string(kTpl) + "walkin_start.tpl");
    return page.Finish();
  }, "Walk-in registration at the mission's counter: start page");

  r.Get("/konsol/loket/baru", Access::kSignedIn, [d](Request& req) {
    const auto actor = policy::ActorOf(*req.principal);
    if (!policy::Allowed(actor, policy::Action::kRegisterWalkIn, actor.mission_code)) {
      return http::ErrorResponse(req, Error::Forbidden(), *d.templates);
    }
    return WalkInForm(req, d, {}, nullptr, nullptr, 200);
  }, "Walk-in Lapor Diri form (one page, the citizen form's fields and rules)");

  r.Post("/konsol/loket/baru", Access::kSignedIn, [d, counter](Request& req) {
    const auto answers = ReadAnswers(req);
    const registry::LaporDiri in = registry::FromFlat(answers);
    const auto ctx = ContextOf(req);
    if (req.FormValue("action") == "save") {
      int64_t confirmed = 0;
      const std::string ce = req.FormValue("confirm_existing");
      if (!ce.empty() && ce.size() < 18 && ce.find_first_not_of("0123456789") == std::string::npos) {
        confirmed = std::stoll(ce);
      }
      auto res = counter->WalkIn(ctx, in, confirmed);
      if (res.ok()) return Response::Redirect("/konsol/loket/" + std::to_string(res->record.id));
      if (res.error().code != Code::kInvalid && res.error().code != Code::kConflict) {
        return http::ErrorResponse(req, res.error(), *d.templates);
      }
      if (res.error().code == Code::kInvalid) return WalkInForm(req, d, answers, &res.error(), nullptr, 422);
      // An existing record to confirm, or another conflict: the check below shows it.
      auto p = counter->PreviewWalkIn(ctx, in);
      if (!p.ok()) return WalkInForm(req, d, answers, &res.error(), nullptr, 409);
      return WalkInForm(req, d, answers, &res.error(), &p.value(), 409);
    }
    auto p = counter->PreviewWalkIn(ctx, in);
    if (!p.ok()) {
      if (p.error().code != Code::kInvalid) return http::ErrorResponse(req, p.error(), *d.templates);
      return WalkInForm(req, d, answers, &p.error(), nullptr, 422);
    }
    return WalkInForm(req, d, answers, nullptr, &p.value(), 200);
  }, "Walk-in Lapor Diri: check (what saving would do) or save");

  r.Get("/konsol/loket/:id", Access::kSignedIn, [d, counter](Request& req) {
    auto rec = counter->ReadRecord(ContextOf(req), PathId(req), "read_walk_in_receipt");
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto entry = d.receipt.registry->EnteredBy(rec->id);
    http::Page page(*d.templates, req, "counter.done_title", std::string(kTpl) + "walkin_done.tpl");
    FillRecord(page.content(), *rec, d, req, entry.account_id, entry.role, entry.mission_code);
    return page.Finish();
  }, "A record registered at the counter: number, mission, who entered it (staff; audited)");

  r.Get("/konsol/loket/:id/bukti.pdf", Access::kSignedIn, [d, counter](Request& req) {
    auto rec = counter->ReadRecord(ContextOf(req), PathId(req), "print_walk_in_receipt");
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto pdf = registry::ReceiptPdfFor(*rec, d.receipt, req.lang);
    if (!pdf.ok()) return http::ErrorResponse(req, pdf.error(), *d.templates);
    Response res = Response::Text(std::move(pdf.value()), "application/pdf");
    res.Set("Content-Disposition", "inline; filename=\"bukti-lapor-diri.pdf\"");
    return res;
  }, "The receipt (Bukti Lapor Diri) of a record, printed at the counter (staff; audited)");
}

}  // namespace peduli::counter
