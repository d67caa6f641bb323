// Officers' voter-list actions on one citizen: record and lift a court's revocation of the
// right to vote, mark the postal address checked, override the voting method. A page beside
// the console's record (/konsol/warga/:id/pemilu) and JSON twins under
// /api/v1/citizens/:id/voter/. Reads need kReadCitizen (others get 404), writes
// kDecideCitizen (403 for HQ, who reads); every read and write is audited.
#include <map>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/election/routes.h"
#include "modules/election/routes_voter_util.h"
#include "modules/policy/policy.h"

namespace peduli::election {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using namespace voter_util;

namespace {

// The citizen of the route's :id once the actor may read them (else NotFound: existence is
// not revealed) and do `action` (else Forbidden).
Result<registry::CitizenRecord> Authorised(const Request& req, const VoterRoutesDeps& d,
                                           policy::Action action) {
  auto id = ParseId(req.params.at("id"));
  if (!id) return Error::NotFound();
  auto rec = d.records->FindById(*id);
  if (!rec.ok()) return rec.take_error();
  const auto actor = policy::ActorOf(*req.principal);
  if (!policy::Allowed(actor, policy::Action::kReadCitizen, MissionOf(*rec))) {
    return Error::NotFound();
  }
  if (!policy::Allowed(actor, action, MissionOf(*rec))) return Error::Forbidden();
  return rec;
}

ActionOrigin OriginOf(const Request& req) { return {"election", req.remote_ip, req.request_id}; }

// What the page shows besides the facts: a message, and a form as typed with its errors.
struct View {
  std::string flash;
  bool flash_error = false;
  std::string form;  // revoke, lift, method: the form the values and errors belong to
  std::map<std::string, std::string> values, errors;
};

// The officer-set facts of one citizen, for the page and the JSON.
struct Facts {
  std::vector<store::Revocation> revocations;
  bool revoked = false;
  int64_t checked_at = 0;
  std::map<int64_t, std::string> overrides;  // election id -> method
  std::vector<Standing> standing;
};
Result<Facts> FactsOf(const VoterRoutesDeps& d, const registry::CitizenRecord& rec) {
  Facts f;
  auto rv = d.actions->store().Revocations(rec.id);
  if (!rv.ok()) return rv.take_error();
  f.revocations = std::move(rv.value());
  for (const auto& r : f.revocations) f.revoked = f.revoked || r.lifted_at == 0;
  auto checked = d.actions->store().PostalCheckedAt(rec.id);
  if (!checked.ok()) return checked.take_error();
  f.checked_at = *checked;
  auto ov = d.actions->store().Overrides(rec.id);
  if (!ov.ok()) return ov.take_error();
  for (const auto& o : *ov) f.overrides[o.election_id] = o.method;
  auto st = d.elections->StandingOf(rec.id, CurrentMission(rec));
  if (!st.ok()) return st.take_error();
  f.standing = std::move(st.value());
  return f;
}

Response Page(const Request& req, const VoterRoutesDeps& d, const registry::CitizenRecord& rec,
              const View& v, int status = 200) {
  const auto& c = d.templates->catalog();
  auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
  const auto actor = policy::ActorOf(*req.principal);
  const std::string mission = MissionOf(rec);
  const auto* m = d.refs->FindMission(mission);
  const std::string tz = m ? m->timezone : "UTC";
  auto facts = FactsOf(d, rec);
  if (!facts.ok()) return http::ErrorResponse(req, facts.error(), *d.templates);
  auto audited = d.audit->Record(actor, "voter_status_read", rec.id, "election", req.remote_ip,
                                 req.request_id);
  if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);

  http::Page page(*d.templates, req, "election.officer.title",
                  "modules/election/templates/officer.tpl");
  if (!v.flash.empty()) page.Flash(T(v.flash), v.flash_error);
  auto& t = page.content();
  const std::string base = "/konsol/warga/" + std::to_string(rec.id);
  t.SetValue("NAME", rec.data.identity.full_name);
  t.SetValue("MISSION", m ? m->name : mission);
  t.SetValue("RECORD_HREF", base);
  t.SetValue("BASE", base + "/pemilu");
  if (facts->standing.empty()) t.ShowSection("NO_ELECTION");
  for (const auto& st : facts->standing) {
    auto* e = t.AddSectionDictionary("STANDING");
    e->SetValue("CODE", st.election.code);
    e->SetValue("ELECTION", st.election.name);
    e->SetValue("POLLING", st.election.polling_date);
    e->SetValue("CUTOFF", st.election.cutoff_date);
    if (!st.version) {
      e->ShowSection("NO_LIST_YET");
    } else if (st.entry && st.entry->decision.included) {
      auto* on = e->AddSectionDictionary("ON_LIST");
      on->SetIntValue("VERSION", static_cast<long>(st.version->number));
      on->SetValue("METHOD", MethodText(c, req.lang, st.entry->decision.method));
      on->SetValue("UNIT", st.entry->unit);
      on->SetIntValue("NUMBER", static_cast<long>(st.entry->seq));
      if (!st.entry->decision.reason.empty()) {
        on->SetValueAndShowSection("PROBLEM", T("election.reason." + st.entry->decision.reason),
                                   "HAS_PROBLEM");
      }
    } else {
      auto* off = e->AddSectionDictionary("NOT_ON_LIST");
      const std::string reason = st.entry ? st.entry->decision.reason : "not_in_version";
      off->SetIntValue("VERSION", static_cast<long>(st.version->number));
      off->SetValue("REASON_CODE", reason);
      off->SetValue("REASON", T("election.reason." + reason));
    }
    auto ov = facts->overrides.find(st.election.id);
    e->SetValue("OVERRIDE", ov == facts->overrides.end() ? T("election.officer.none")
                                                         : MethodText(c, req.lang, ov->second));
    auto rq = d.actions->store().RequestOf(st.election.id, rec.id);
    if (!rq.ok()) return http::ErrorResponse(req, rq.error(), *d.templates);
    e->SetValue("REQUEST", *rq ? MethodText(c, req.lang, (*rq)->method) : T("election.officer.none"));
  }
  for (const auto& r : facts->revocations) {
    auto* s = t.AddSectionDictionary("REVOCATION");
    s->SetValue("REFERENCE", r.reference);
    s->SetValue("AT", FormatLocalTime(r.set_at, tz));
    if (r.lifted_at) {
      s->SetValue("LIFTED", FormatLocalTime(r.lifted_at, tz));
      s->SetValueAndShowSection("LIFT_REFERENCE", r.lift_reference, "WAS_LIFTED");
    }
  }
  t.ShowSection(facts->revoked ? "REVOKED" : "NOT_REVOKED");
  const bool current = !CurrentMission(rec).empty();
  t.SetValue("ADDRESS", current ? rec.stays.front().stay.address : "");
  if (facts->checked_at) {
    t.SetValueAndShowSection("CHECKED_AT", FormatLocalTime(facts->checked_at, tz), "CHECKED");
  } else {
    t.ShowSection("UNCHECKED");
  }

  if (policy::Allowed(actor, policy::Action::kDecideCitizen, mission)) {
    auto* act = t.AddSectionDictionary("MAY_ACT");
    act->SetValue("BASE", base + "/pemilu");
    http::Field ref;
    ref.name = "reference";
    ref.label_key = "election.officer.reference";
    ref.hint_key = "election.officer.reference.hint";
    ref.maxlength = "120";
    ref.autocomplete = "off";
    const bool mine = v.form == (facts->revoked ? "lift" : "revoke");
    auto* ref_form = act->AddSectionDictionary(facts->revoked ? "LIFT_FORM" : "REVOKE_FORM");
    http::IncludeFields(ref_form, {ref}, mine ? v.values : std::map<std::string, std::string>{},
                        mine ? v.errors : std::map<std::string, std::string>{}, c, req.lang,
                        "REFERENCE_FIELDS");
    if (current) act->ShowSection("CHECK_FORM");
    std::vector<http::Field> fields(2);
    fields[0].name = "election";
    fields[0].label_key = "election.officer.election";
    fields[0].type = "select";
    for (const auto& st : facts->standing) {
      fields[0].options.push_back({st.election.code, st.election.name});
    }
    fields[1].name = "method";
    fields[1].label_key = "voter.method";
    fields[1].type = "select";
    fields[1].required = false;
    fields[1].hint_key = "election.officer.method.hint";
    for (const char* mth : {kTpsln, kKsk, kPos}) {
      fields[1].options.push_back({mth, MethodText(c, req.lang, mth)});
    }
    const bool method_form = v.form == "method";
    if (!facts->standing.empty()) {
      auto* mf = act->AddSectionDictionary("METHOD_FORM");
      http::IncludeFields(mf, fields, method_form ? v.values : std::map<std::string, std::string>{},
                          method_form ? v.errors : std::map<std::string, std::string>{}, c,
                          req.lang, "METHOD_FIELDS");
    }
  }
  return page.Finish(status);
}

// After a form: back to the page with its message, or the page again with the errors.
Response AfterForm(const Request& req, const VoterRoutesDeps& d,
                   const registry::CitizenRecord& rec, const Status& s, const std::string& form,
                   const std::string& saved) {
  if (s.ok()) {
    return Response::Redirect("/konsol/warga/" + std::to_string(rec.id) + "/pemilu?disimpan=" +
                              saved);
  }
  View v;
  v.form = form;
  v.values = {{"reference", req.FormValue("reference")},
              {"election", req.FormValue("election")},
              {"method", req.FormValue("method")}};
  if (s.error().code == Code::kInvalid) {
    v.errors = http::TranslateErrors(s.error(), d.templates->catalog(), req.lang);
  } else if (s.error().code == Code::kConflict || s.error().code == Code::kNotFound) {
    v.flash = s.error().code == Code::kNotFound ? "election.officer.no_stay" : s.error().message;
    v.flash_error = true;
  } else {
    return http::ErrorResponse(req, s.error(), *d.templates);
  }
  return Page(req, d, rec, v, http::HttpStatus(s.error().code));
}

// The POST routes share their shape: authorise, act, answer (page or JSON).
using Act = std::function<Status(const registry::CitizenRecord&, const policy::Actor&,
                                 const ActionOrigin&, const std::string& reference, const std::string& election,
                                 const std::string& method)>;

void Twin(http::Router& r, const VoterRoutesDeps& d, const std::string& form_path,
          const std::string& api_method, const std::string& api_path, const std::string& form,
          const Act& act, const std::string& summary) {
  r.Post("/konsol/warga/:id/pemilu/" + form_path, Access::kSignedIn, [d, act, form](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kDecideCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    Status s = act(*rec, policy::ActorOf(*req.principal), OriginOf(req), req.FormValue("reference"),
                   req.FormValue("election"), req.FormValue("method"));
    return AfterForm(req, d, *rec, s, form, form);
  }, summary + " (form)");
  auto api = [d, act](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kDecideCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
    Status s = act(*rec, policy::ActorOf(*req.principal), OriginOf(req), Str(*b, "reference"),
                   Str(*b, "election"), Str(*b, "method"));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    return Response::Json({{"citizen_id", rec->id}, {"saved", true}});
  };
  if (api_method == "PUT") {
    r.Put(api_path, Access::kSignedIn, api, summary);
  } else {
    r.Post(api_path, Access::kSignedIn, api, summary);
  }
}

json FactsJson(const Facts& f) {
  json revs = json::array();
  for (const auto& r : f.revocations) {
    revs.push_back({{"reference", r.reference}, {"set_at", audit::IsoUtc(r.set_at)},
                    {"lifted_at", r.lifted_at ? json(audit::IsoUtc(r.lifted_at)) : json()},
                    {"lift_reference", r.lifted_at ? json(r.lift_reference) : json()}});
  }
  json ov = json::object();
  for (const auto& st : f.standing) {
    auto it = f.overrides.find(st.election.id);
    ov[st.election.code] = it == f.overrides.end() ? json() : json(it->second);
  }
  return {{"revoked", f.revoked}, {"revocations", revs},
          {"postal_address_checked_at",
           f.checked_at ? json(audit::IsoUtc(f.checked_at)) : json()},
          {"method_overrides", ov}};
}

}  // namespace

void RegisterOfficerRoutes(http::Router& r, const VoterRoutesDeps& d) {
  r.Get("/konsol/warga/:id/pemilu", Access::kSignedIn, [d](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kReadCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    View v;
    static const std::map<std::string, std::string> kSaved = {
        {"revoke", "election.officer.saved.revoke"}, {"lift", "election.officer.saved.lift"},
        {"check", "election.officer.saved.check"}, {"method", "election.officer.saved.method"}};
    if (auto it = kSaved.find(req.QueryParam("disimpan").value_or("")); it != kSaved.end()) {
      v.flash = it->second;
    }
    return Page(req, d, *rec, v);
  }, "A citizen's voter standing per open election with the reason, and the officer's "
     "voter-list actions (staff of the citizen's mission, HQ; audited)");

  r.Get("/api/v1/citizens/:id/voter/facts", Access::kSignedIn, [d](Request& req) {
    auto rec = Authorised(req, d, policy::Action::kReadCitizen);
    if (!rec.ok()) return http::ErrorResponse(req, rec.error(), *d.templates);
    auto facts = FactsOf(d, *rec);
    if (!facts.ok()) return http::ErrorResponse(req, facts.error(), *d.templates);
    auto audited = d.audit->Record(policy::ActorOf(*req.principal), "voter_status_read", rec->id,
                                   "election", req.remote_ip, req.request_id);
    if (!audited.ok()) return http::ErrorResponse(req, audited.error(), *d.templates);
    json out = FactsJson(*facts);
    out["citizen_id"] = rec->id;
    return Response::Json(out);
  }, "The officer-set voter facts of one citizen: revocations, postal address check, method "
     "overrides (staff of the citizen's mission, HQ; audited)");

  Twin(r, d, "pencabutan", "POST", "/api/v1/citizens/:id/voter/revocation", "revoke",
       [d](const registry::CitizenRecord& rec, const policy::Actor& a, const ActionOrigin& o,
           const std::string& ref,
           const std::string&, const std::string&) {
         return d.actions->Revoke(a, rec.id, ref, o);
       },
       "Record a court's revocation of the citizen's right to vote, with the decision's "
       "reference (officers of the citizen's mission; audited)");
  Twin(r, d, "pemulihan", "POST", "/api/v1/citizens/:id/voter/revocation/lift", "lift",
       [d](const registry::CitizenRecord& rec, const policy::Actor& a, const ActionOrigin& o,
           const std::string& ref,
           const std::string&, const std::string&) {
         return d.actions->Lift(a, rec.id, ref, o);
       },
       "Lift the revocation in force, with the reference of the decision restoring the right "
       "(officers of the citizen's mission; audited)");
  Twin(r, d, "alamat-pos", "POST", "/api/v1/citizens/:id/voter/postal-address-check", "check",
       [d](const registry::CitizenRecord& rec, const policy::Actor& a, const ActionOrigin& o,
           const std::string&,
           const std::string&, const std::string&) {
         return d.actions->CheckPostalAddress(a, rec.id, o);
       },
       "Mark the postal address of the citizen's current stay as checked (officers of the "
       "citizen's mission; audited)");
  Twin(r, d, "metode", "PUT", "/api/v1/citizens/:id/voter/method", "method",
       [d](const registry::CitizenRecord& rec, const policy::Actor& a, const ActionOrigin& o,
           const std::string&,
           const std::string& election, const std::string& method) {
         return d.actions->Override(a, election, rec.id, method, o);
       },
       "Override the citizen's voting method (TPSLN, KSK, POS; empty removes) in one election; "
       "it wins over the citizen's own request (officers of the citizen's mission; audited)");
}

}  // namespace peduli::election
