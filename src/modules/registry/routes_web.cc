#include <nlohmann/json.hpp>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/registry/codec.h"
#include "modules/registry/form_steps.h"
#include "modules/registry/routes.h"
#include "modules/console/citizen_view.h"
#include "modules/verification/routes.h"

namespace peduli::registry {

using http::Access;
using http::Request;
using http::Response;

namespace {

constexpr const char* kTpl = "modules/registry/templates/";

// The form's answers: the saved draft, or else the stored record.
std::map<std::string, std::string> Answers(RegistryService& reg, int64_t account) {
  auto draft = reg.LoadDraft(account);
  if (!draft.empty()) return draft;
  auto rec = reg.Get(account);
  if (rec.ok() && rec->status == "active") return Flatten(rec->data);
  if (rec.ok()) {  // returned home: a new stay abroad starts from the identity on file
    auto flat = Flatten(rec->data);
    for (auto it = flat.begin(); it != flat.end();) {
      it = it->first.rfind("stay.", 0) == 0 ? flat.erase(it) : std::next(it);
    }
    return flat;
  }
  return {};
}

// Reads a step's fields from the posted form into `answers`. The family step rebuilds the
// list: blank rows and rows ticked for removal are dropped.
void ReadStep(const Request& req, const std::string& slug, const std::vector<http::Field>& fields,
              std::map<std::string, std::string>* answers) {
  if (slug != "keluarga") {
    for (const auto& f : fields) (*answers)[f.name] = req.FormValue(f.name);
    return;
  }
  for (auto it = answers->begin(); it != answers->end();) {
    it = it->first.rfind("family.", 0) == 0 ? answers->erase(it) : std::next(it);
  }
  size_t out = 0;
  for (size_t i = 0;; ++i) {
    std::string p = "family." + std::to_string(i) + ".";
    if (!req.Form().count(p + "name")) break;
    if (!req.FormValue(p + "remove").empty()) continue;
    std::string name = req.FormValue(p + "name"), rel = req.FormValue(p + "relation"),
                bd = req.FormValue(p + "birth_date"), nik = req.FormValue(p + "nik");
    if (name.empty() && rel.empty() && bd.empty() && nik.empty()) continue;
    std::string q = "family." + std::to_string(out++) + ".";
    (*answers)[q + "name"] = name;
    (*answers)[q + "relation"] = rel;
    (*answers)[q + "birth_date"] = bd;
    (*answers)[q + "nik"] = nik;
  }
}

std::map<std::string, std::string> StepErrors(const RegistryService& reg, const std::string& slug,
                                              const std::map<std::string, std::string>& answers,
                                              const http::Catalog& c, const std::string& lang) {
  auto outcome = reg.Validate(FromFlat(answers));
  Error e = Error::Invalid({});
  for (auto& fe : outcome.errors) {
    if (FieldOnStep(fe.field, slug)) e.fields.push_back(fe);
  }
  return http::TranslateErrors(e, c, lang);
}

void AddProgress(ctemplate::TemplateDictionary& d, int current, const http::Catalog& c,
                 const std::string& lang) {
  for (size_t i = 0; i < Steps().size(); ++i) {
    auto* s = d.AddSectionDictionary("STEP");
    s->SetValue("SLUG", Steps()[i].slug);
    s->SetValue("LABEL", c.Text(lang, Steps()[i].title_key));
    s->SetIntValue("NUMBER", static_cast<long>(i + 1));
    if (static_cast<int>(i) == current) s->ShowSection("CURRENT");
  }
  d.SetIntValue("STEP_NUMBER", current + 1);
  d.SetIntValue("STEP_COUNT", static_cast<long>(Steps().size()));
}

Response StepPage(const Request& req, const RoutesDeps& d, const std::string& slug,
                  const std::map<std::string, std::string>& answers,
                  const std::map<std::string, std::string>& errors, int status) {
  const auto& c = d.templates->catalog();
  int idx = StepIndex(slug);
  http::Page page(*d.templates, req, Steps()[idx].title_key, std::string(kTpl) + "step.tpl");
  auto& content = page.content();
  content.SetValue("SLUG", slug);
  content.SetValue("STEP_TITLE", c.Text(req.lang, Steps()[idx].title_key));
  AddProgress(content, idx, c, req.lang);
  if (idx > 0) content.SetValueAndShowSection("PREV", Steps()[idx - 1].slug, "HAS_PREV");
  if (!errors.empty()) content.ShowSection("HAS_ERRORS");
  auto fields = StepFields(slug, answers, d.registry->reference(), c, req.lang);
  if (slug == "keluarga") {
    content.ShowSection("FAMILY");
    // Four fields per member, each member in its own fieldset.
    for (size_t i = 0; i * 4 < fields.size(); ++i) {
      auto* m = content.AddSectionDictionary("MEMBER");
      bool blank = (i + 1) * 4 >= fields.size();
      m->SetIntValue("INDEX", static_cast<long>(i));
      m->SetIntValue("NUMBER", static_cast<long>(i + 1));
      if (blank) m->ShowSection("NEW_MEMBER");
      else m->ShowSection("EXISTING_MEMBER");
      std::vector<http::Field> mine(fields.begin() + i * 4, fields.begin() + i * 4 + 4);
      http::IncludeFields(m, mine, answers, errors, c, req.lang, "MEMBER_FIELDS");
    }
  } else {
    http::IncludeFields(&content, fields, answers, errors, c, req.lang);
  }
  if (slug == "tempat-tinggal") {
    auto it = answers.find("stay.country");
    if (it != answers.end()) {
      content.SetValueAndShowSection("COUNTRY_NAME",
                                     std::string(d.registry->reference().CountryName(it->second, req.lang)),
                                     "HAS_COUNTRY");
    }
  }
  return page.Finish(status);
}

std::string Display(const std::string& lang, const http::Catalog& c, const std::string& prefix,
                    const std::string& v) {
  return v.empty() ? "" : c.Text(lang, prefix + v);
}

// The review step: every answer, and every error with a link to its step.
Response ReviewPage(const Request& req, const RoutesDeps& d,
                    const std::map<std::string, std::string>& answers, const Error* submit_error,
                    int status) {
  const auto& c = d.templates->catalog();
  const auto& ref = d.registry->reference();
  int idx = StepIndex("periksa");
  http::Page page(*d.templates, req, "step.review", std::string(kTpl) + "review.tpl");
  auto& content = page.content();
  AddProgress(content, idx, c, req.lang);
  LaporDiri ld = FromFlat(answers);
  auto outcome = d.registry->Validate(ld);
  std::vector<FieldError> errors = outcome.errors;
  if (submit_error && submit_error->code == Code::kInvalid) errors = submit_error->fields;
  for (const auto& step : Steps()) {
    if (step.slug == "periksa") continue;
    auto* s = content.AddSectionDictionary("SECTION");
    s->SetValue("TITLE", c.Text(req.lang, step.title_key));
    s->SetValue("SLUG", step.slug);
    auto fields = StepFields(step.slug, answers, ref, c, req.lang);
    for (const auto& f : fields) {
      auto it = answers.find(f.name);
      std::string v = it == answers.end() ? "" : it->second;
      if (step.slug == "keluarga" && v.empty()) continue;
      for (const auto& o : f.options) {
        if (o.first == v) v = o.second;
      }
      for (const auto& g : f.groups) {
        for (const auto& o : g.options) {
          if (o.first == v) v = o.second + " (" + g.label + ")";
        }
      }
      auto* row = s->AddSectionDictionary("ROW");
      row->SetValue("LABEL", c.Text(req.lang, f.label_key));
      row->SetValue("VALUE", v);
    }
    for (const auto& e : errors) {
      if (!FieldOnStep(e.field, step.slug)) continue;
      auto* er = s->AddSectionDictionary("ERROR");
      er->SetValue("TEXT", c.Text(req.lang, e.key));
      er->SetValue("SLUG", step.slug);
    }
  }
  const bool conflict = submit_error && submit_error->code == Code::kConflict;
  if (errors.empty() && !conflict) {
    content.ShowSection("CAN_SUBMIT");
    const auto a = ref.ResolveMission(ld.stay.country, ld.stay.subdivision, ld.stay.city);
    if (const auto* m = ref.FindMission(a.mission_code)) {
      auto* ms = content.AddSectionDictionary("MISSION");
      ms->SetValue("NAME", m->name);
      ms->SetValue("CITY", m->city);
      ms->SetValue("ADDRESS", m->address.empty() ? c.Text(req.lang, "mission.no_address") : m->address);
      ms->SetValue("PHONE", m->phone.empty() ? c.Text(req.lang, "mission.no_phone") : m->phone);
      if (!a.note.empty()) ms->SetValueAndShowSection("NOTE", c.Text(req.lang, "jurisdiction." + a.note), "HAS_NOTE");
    }
  } else if (!conflict) {
    content.ShowSection("HAS_ERRORS");
  }
  if (conflict) {
    page.Flash(c.Text(req.lang, submit_error->message), true);
  }
  return page.Finish(status);
}

void FillHome(ctemplate::TemplateDictionary& content, const CitizenRecord& rec,
              const RoutesDeps& d, const Request& req) {
  const auto& c = d.templates->catalog();
  const auto& ref = d.registry->reference();
  content.ShowSection("HAS_RECORD");
  content.SetValue("REG_NUMBER", rec.registration_number);
  content.SetValue("FULL_NAME", rec.data.identity.full_name);
  content.SetValue("STATUS", c.Text(req.lang, "status." + rec.status));
  content.ShowSection(rec.status == "active" ? "ACTIVE" : "INACTIVE");
  std::string tz = "UTC";
  for (size_t i = 0; i < rec.stays.size(); ++i) {
    const auto& s = rec.stays[i];
    const auto* m = ref.FindMission(s.mission_code);
    auto* sd = content.AddSectionDictionary(i == 0 && s.ended_at == 0 ? "CURRENT_STAY" : "PAST_STAY");
    if (i == 0 && m) tz = m->timezone;
    sd->SetValue("COUNTRY", std::string(ref.CountryName(s.stay.country, req.lang)));
    const auto* sub = ref.FindSubdivision(s.stay.subdivision);
    if (sub) sd->SetValueAndShowSection("SUBDIVISION", sub->name, "SUBDIVISION");
    sd->SetValue("CITY", s.stay.city);
    sd->SetValue("CATEGORY", Display(req.lang, c, "category.", s.stay.category));
    sd->SetValue("ARRIVAL", s.stay.arrival_date.empty() ? "" : FormatDateId(*Date::Parse(s.stay.arrival_date)));
    sd->SetValue("MISSION", m ? m->name : s.mission_code);
    sd->SetValue("MISSION_CITY", m ? m->city : "");
    sd->SetValue("MISSION_ADDRESS", m && !m->address.empty() ? m->address : c.Text(req.lang, "mission.no_address"));
    sd->SetValue("MISSION_PHONE", m && !m->phone.empty() ? m->phone : c.Text(req.lang, "mission.no_phone"));
    if (!s.jurisdiction_note.empty()) {
      sd->SetValueAndShowSection("NOTE", c.Text(req.lang, "jurisdiction." + s.jurisdiction_note), "HAS_NOTE");
    }
    if (s.ended_at) {
      sd->SetValue("ENDED", FormatLocalTime(s.ended_at, m ? m->timezone : "UTC"));
      sd->SetValue("END_REASON", c.Text(req.lang, "end_reason." + s.end_reason));
    }
  }
  content.SetValue("UPDATED", FormatLocalTime(rec.updated_at, tz));
  for (const auto& f : rec.flags) {
    if (f == kFlagPassportExpired) content.ShowSection("PASSPORT_EXPIRED");
  }
}

}  // namespace

void RegisterWebRoutes(http::Router& r, const RoutesDeps& d) {
  const auto* t = d.templates;
  auto* reg = d.registry;

  r.Get("/", Access::kPublic, [t](Request& req) {
    if (req.principal && req.principal->role == "citizen") return Response::Redirect("/beranda");
    http::Page page(*t, req, "home.title", std::string(kTpl) + "landing.tpl");
    return page.Finish();
  }, "Landing page");

  r.Get("/beranda", Access::kCitizen, [d, reg](Request& req) {
    http::Page page(*d.templates, req, "nav.home", std::string(kTpl) + "home.tpl");
    auto& content = page.content();
    content.SetValue("NAME", req.principal->name);
    auto rec = reg->Get(req.principal->account_id);
    if (rec.ok()) {
      FillHome(content, *rec, d, req);
      if (d.reviews) {
        console::FillCitizenReview(&content, console::CitizenReviewOf(*d.reviews, rec->id, reg->reference()),
                                   d.templates->catalog(), req.lang);
      }
      if (d.verification) {
        auto states = verification::CitizenStates(*d.verification, rec->id);
        const auto& c = d.templates->catalog();
        for (auto& [system, state] : states.items()) {
          auto* v = content.AddSectionDictionary("CHECK");
          v->SetValue("TEXT", c.Text(req.lang, "check." + system + "." + state.get<std::string>()));
          v->SetValue("STATE", state.get<std::string>());
        }
      }
    } else if (rec.error().code == Code::kNotFound) {
      content.ShowSection("NO_RECORD");
      content.ShowSection(reg->LoadDraft(req.principal->account_id).empty() ? "NO_DRAFT" : "HAS_DRAFT");
    } else {
      return http::ErrorResponse(req, rec.error(), *d.templates);
    }
    if (reg->OpenDuplicateClaims(req.principal->account_id) > 0) {
      content.ShowSection("DUPLICATE_CLAIM");
    } else if (!rec.ok()) {  // an officer closed the claim (counter module): say how
      const std::string outcome = reg->LatestClaimOutcome(req.principal->account_id);
      if (outcome == "keep") content.ShowSection("CLAIM_KEPT");
      if (outcome == "reject") content.ShowSection("CLAIM_REJECTED");
    }
    if (rec.ok()) {  // typed in at a mission's counter: by whom (role and mission, not name)
      const auto entry = reg->EnteredBy(rec->id);
      const auto* m = reg->reference().FindMission(entry.mission_code);
      if ((entry.role == "officer" || entry.role == "supervisor") && m) {
        content.SetValueAndShowSection("ENTERED_MISSION", m->name, "ENTERED_BY_STAFF");
      }
    }
    if (req.QueryParam("saved")) page.Flash(d.templates->catalog().Text(req.lang, "lapor.saved"));
    return page.Finish();
  }, "The citizen's home page");

  r.Get("/lapor-diri", Access::kCitizen, [](Request&) {
    return Response::Redirect("/lapor-diri/identitas");
  }, "Start or resume Lapor Diri");

  r.Get("/lapor-diri/:step", Access::kCitizen, [d, reg](Request& req) {
    const std::string slug = req.params["step"];
    if (StepIndex(slug) < 0) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    auto answers = Answers(*reg, req.principal->account_id);
    if (slug == "periksa") return ReviewPage(req, d, answers, nullptr, 200);
    return StepPage(req, d, slug, answers, {}, 200);
  }, "One step of the Lapor Diri form");

  r.Post("/lapor-diri/:step", Access::kCitizen, [d, reg](Request& req) {
    const std::string slug = req.params["step"];
    const int idx = StepIndex(slug);
    if (idx < 0) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    const int64_t account = req.principal->account_id;
    auto answers = Answers(*reg, account);
    const auto& c = d.templates->catalog();

    if (slug == "periksa") {  // the final submission
      auto res = reg->Submit(account, FromFlat(answers));
      if (!res.ok()) {
        const Error& e = res.error();
        if (e.code != Code::kInvalid && e.code != Code::kConflict) {
          return http::ErrorResponse(req, e, *d.templates);
        }
        return ReviewPage(req, d, answers, &e, http::HttpStatus(e.code));
      }
      return Response::Redirect(res->created ? "/lapor-diri-selesai?baru=1" : "/lapor-diri-selesai");
    }

    auto fields = StepFields(slug, answers, reg->reference(), c, req.lang);
    ReadStep(req, slug, fields, &answers);
    // The answers are kept even when they have errors: nothing typed is lost.
    auto saved = reg->SaveDraft(account, answers);
    if (!saved.ok()) return http::ErrorResponse(req, saved.error(), *d.templates);
    const std::string action = req.FormValue("action");
    if (action == "save_exit") return Response::Redirect("/beranda?saved=1");
    if (action == "add_member") return Response::Redirect("/lapor-diri/keluarga#new-member");
    auto errors = StepErrors(*reg, slug, answers, c, req.lang);
    if (!errors.empty()) return StepPage(req, d, slug, answers, errors, 422);
    return Response::Redirect("/lapor-diri/" + Steps()[idx + 1].slug);
  }, "Save one step of the Lapor Diri form, or submit it (periksa)");

  r.Get("/lapor-diri-selesai", Access::kCitizen, [d, reg](Request& req) {
    auto rec = reg->Get(req.principal->account_id);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    http::Page page(*d.templates, req, "receipt.title", std::string(kTpl) + "done.tpl");
    FillHome(page.content(), *rec, d, req);
    page.content().ShowSection(req.QueryParam("baru") ? "NEW" : "UPDATED_RECORD");
    page.content().SetValue("VERIFY_PATH", "/verify/" + rec->verify_code);
    return page.Finish();
  }, "Receipt page after Lapor Diri");

  r.Get("/kembali", Access::kCitizen, [t, reg](Request& req) {
    http::Page page(*t, req, "return.title", std::string(kTpl) + "return.tpl");
    http::IncludeFields(&page.content(),
                        {{.name = "date", .label_key = "return.date", .type = "date", .hint_key = "hint.date"}},
                        {}, {}, t->catalog(), req.lang);
    return page.Finish();
  }, "Report return to Indonesia");

  r.Post("/kembali", Access::kCitizen, [t, reg](Request& req) {
    std::string date = req.FormValue("date");
    auto st = reg->Return(req.principal->account_id, date);
    if (!st.ok()) {
      if (st.error().code != Code::kInvalid) return http::ErrorResponse(req, st.error(), *t);
      http::Page page(*t, req, "return.title", std::string(kTpl) + "return.tpl");
      http::IncludeFields(&page.content(),
                          {{.name = "date", .label_key = "return.date", .type = "date", .hint_key = "hint.date"}},
                          {{"date", date}}, http::TranslateErrors(st.error(), t->catalog(), req.lang),
                          t->catalog(), req.lang);
      return page.Finish(422);
    }
    return Response::Redirect("/beranda?saved=1");
  }, "Report return to Indonesia (form)");

  r.Get("/hapus-akun", Access::kCitizen, [t](Request& req) {
    http::Page page(*t, req, "delete.title", std::string(kTpl) + "delete.tpl");
    return page.Finish();
  }, "Ask for deletion");

  r.Post("/hapus-akun", Access::kCitizen, [t, reg, d](Request& req) {
    if (req.FormValue("confirm") != "yes") {
      http::Page page(*t, req, "delete.title", std::string(kTpl) + "delete.tpl");
      page.Flash(t->catalog().Text(req.lang, "delete.confirm_needed"), true);
      return page.Finish(422);
    }
    auto st = reg->Delete(req.principal->account_id);
    if (!st.ok() && st.error().code == Code::kConflict) {
      // Refused (an open protection case): the form again, with the reason.
      http::Page page(*t, req, "delete.title", std::string(kTpl) + "delete.tpl");
      page.Flash(t->catalog().Text(req.lang, st.error().message), true);
      return page.Finish(409);
    }
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *t);
    d.accounts->ForgetSessions(req.principal->account_id);
    http::Page page(*t, req, "delete.title", std::string(kTpl) + "deleted.tpl");
    Response res = page.Finish();
    res.Set("Set-Cookie", http::SetCookieValue(http::kSessionCookie, "", false, 0));
    return res;
  }, "Ask for deletion (form)");

  r.Get("/verify/:code", Access::kPublic, [t, reg](Request& req) {
    auto v = reg->Verify(req.params["code"]);
    http::Page page(*t, req, "verify.title", std::string(kTpl) + "verify.tpl");
    if (!v.ok()) {
      if (v.error().code != Code::kNotFound) return http::ErrorResponse(req, v.error(), *t);
      page.content().ShowSection("NOT_FOUND");
      return page.Finish(404);
    }
    auto* g = page.content().AddSectionDictionary("GENUINE");
    g->SetValue("INITIALS", v->initials);
    g->SetValue("MISSION", v->mission_name);
    g->SetValue("DATE", FormatLocalDate(v->registered_at, v->timezone));
    g->ShowSection(v->stay_active ? "ACTIVE" : "INACTIVE");
    return page.Finish();
  }, "Public check of a receipt (no personal data beyond initials)");
}

}  // namespace peduli::registry
