// The citizen's own voting method and postal ballot, per election: ask to switch method
// (TPSLN, KSK, POS with a postal address) up to and including the cut-off date in the
// mission's local date, and follow the ballot the PPLN recorded (sent, received, counted).
// The request is used by the next generated version unless an officer overrode the method.
#include <map>

#include "core/date.h"
#include "http/forms.h"
#include "http/pipeline.h"
#include "modules/election/routes.h"
#include "modules/election/routes_voter_util.h"

namespace peduli::election {

using http::Access;
using http::Request;
using http::Response;
using nlohmann::json;
using namespace voter_util;

namespace {

// The signed-in citizen's record, the election of the path, and the mission's today.
struct Mine {
  std::optional<registry::CitizenRecord> record;  // none: no Lapor Diri yet
  std::string mission;                            // "" without a current stay
  std::string tz = "UTC";
  Election election;
  Date today;
};
Result<Mine> MineOf(const Request& req, const VoterRoutesDeps& d) {
  Mine m;
  auto e = d.elections->store().FindElection(req.params.at("election"));
  if (!e.ok()) return e.take_error();
  m.election = std::move(e.value());
  auto rec = d.records->FindByAccount(req.principal->account_id);
  if (!rec.ok() && rec.error().code != Code::kNotFound) return rec.take_error();
  const int64_t now = d.clock->NowUnix();
  m.today = Date::FromUnix(now);
  if (rec.ok()) {
    m.mission = CurrentMission(*rec);
    m.record = std::move(rec.value());
  }
  if (!m.mission.empty()) {
    if (auto lt = d.refs->LocalTime(m.mission, now)) {
      m.today = lt->date;
      m.tz = lt->zone;
    }
  }
  return m;
}

ActionOrigin OriginOf(const Request& req) { return {"election", req.remote_ip, req.request_id}; }

// Saves the request of the form or JSON body.
Status Save(const Request& req, const VoterRoutesDeps& d, const Mine& m,
            const std::string& method, const std::string& address) {
  if (m.mission.empty()) return Error::Conflict("voter.switch.no_stay_error");
  return d.actions->RequestMethod(policy::ActorOf(*req.principal), m.election, m.record->id,
                                  m.today, method, address, OriginOf(req));
}

Response Page(const Request& req, const VoterRoutesDeps& d, const Mine& m,
              std::map<std::string, std::string> values,
              const std::map<std::string, std::string>& errors, const std::string& flash,
              bool flash_error, int status) {
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, "voter.switch.title",
                  "modules/election/templates/voter_method.tpl");
  if (!flash.empty()) page.Flash(c.Text(req.lang, flash), flash_error);
  auto& t = page.content();
  t.SetValue("ELECTION", m.election.name);
  t.SetValue("CODE", m.election.code);
  if (auto cd = Date::Parse(m.election.cutoff_date)) t.SetValue("CUTOFF", FormatDateId(*cd));
  if (m.mission.empty()) {
    t.ShowSection("NO_STAY");
    return page.Finish(status);
  }
  const int64_t id = m.record->id;
  auto standing = d.elections->StandingOf(id, m.mission);
  if (!standing.ok()) return http::ErrorResponse(req, standing.error(), *d.templates);
  std::string listed;
  for (const auto& st : *standing) {
    if (st.election.id == m.election.id && st.entry && st.entry->decision.included) {
      listed = st.entry->decision.method;
    }
  }
  if (!listed.empty()) t.SetValueAndShowSection("LISTED", MethodText(c, req.lang, listed), "ON_LIST");
  auto rq = d.actions->store().RequestOf(m.election.id, id);
  if (!rq.ok()) return http::ErrorResponse(req, rq.error(), *d.templates);
  if (*rq) {
    t.SetValueAndShowSection("REQUESTED", MethodText(c, req.lang, (*rq)->method), "HAS_REQUEST");
  }
  if (MayRequestMethod(m.election, m.today).ok()) {
    // The form starts from what the citizen asked before, else their stay's address.
    if (!values.count("method")) values["method"] = *rq ? (*rq)->method : listed;
    if (!values.count("postal_address")) {
      values["postal_address"] = *rq && !(*rq)->postal_address.empty()
                                     ? (*rq)->postal_address
                                     : m.record->stays.front().stay.address;
    }
    std::vector<http::Field> fields(2);
    fields[0].name = "method";
    fields[0].label_key = "voter.method";
    fields[0].type = "select";
    for (const char* mth : {kTpsln, kKsk, kPos}) {
      fields[0].options.push_back({mth, MethodText(c, req.lang, mth)});
    }
    fields[1].name = "postal_address";
    fields[1].label_key = "voter.switch.postal_address";
    fields[1].type = "textarea";
    fields[1].required = false;
    fields[1].hint_key = "voter.switch.postal_address.hint";
    fields[1].maxlength = "300";
    auto* form = t.AddSectionDictionary("FORM");
    http::IncludeFields(form, fields, values, errors, c, req.lang);
  } else {
    t.ShowSection("CLOSED");
  }
  auto events = d.actions->store().BallotEvents(m.election.id, id);
  if (!events.ok()) return http::ErrorResponse(req, events.error(), *d.templates);
  if (!events->empty()) t.ShowSection("HAS_BALLOT");
  for (const auto& ev : *events) {
    auto* s = t.AddSectionDictionary("BALLOT");
    s->SetValue("EVENT", ev.event);
    s->SetValue("TEXT", c.Text(req.lang, "election.ballot.state." + ev.event));
    s->SetValue("AT", FormatLocalTime(ev.at, m.tz));
  }
  return page.Finish(status);
}

}  // namespace

void RegisterCitizenVoterRoutes(http::Router& r, const VoterRoutesDeps& d) {
  r.Get("/pemilu-saya/:election", Access::kCitizen, [d](Request& req) {
    auto m = MineOf(req, d);
    if (!m.ok()) return http::ErrorResponse(req, m.error(), *d.templates);
    const bool saved = req.QueryParam("disimpan").has_value();
    return Page(req, d, *m, {}, {}, saved ? "voter.switch.saved" : "", false, 200);
  }, "Page: the signed-in citizen's voting method in one election, the form to switch it "
     "before the cut-off, and their postal ballot's progress");

  r.Post("/pemilu-saya/:election", Access::kCitizen, [d](Request& req) {
    auto m = MineOf(req, d);
    if (!m.ok()) return http::ErrorResponse(req, m.error(), *d.templates);
    const std::map<std::string, std::string> values = {
        {"method", req.FormValue("method")}, {"postal_address", req.FormValue("postal_address")}};
    Status s = Save(req, d, *m, values.at("method"), values.at("postal_address"));
    if (s.ok()) return Response::Redirect("/pemilu-saya/" + m->election.code + "?disimpan=1");
    if (s.error().code == Code::kInvalid) {
      return Page(req, d, *m, values,
                  http::TranslateErrors(s.error(), d.templates->catalog(), req.lang), "", false,
                  422);
    }
    if (s.error().code == Code::kConflict) {
      return Page(req, d, *m, values, {}, s.error().message, true, 409);
    }
    return http::ErrorResponse(req, s.error(), *d.templates);
  }, "Ask to switch the voting method (TPSLN, KSK, POS with a postal address) up to the "
     "cut-off date");

  r.Get("/api/v1/me/voter/:election/method", Access::kCitizen, [d](Request& req) {
    auto m = MineOf(req, d);
    if (!m.ok()) return http::ErrorResponse(req, m.error(), *d.templates);
    json out = {{"election", m->election.code}, {"cutoff_date", m->election.cutoff_date},
                {"open", !m->mission.empty() && MayRequestMethod(m->election, m->today).ok()},
                {"requested", nullptr}, {"ballot", json::array()}};
    if (m->record) {
      auto rq = d.actions->store().RequestOf(m->election.id, m->record->id);
      if (!rq.ok()) return http::ErrorResponse(req, rq.error(), *d.templates);
      if (*rq) {
        out["requested"] = {{"method", (*rq)->method},
                            {"postal_address", (*rq)->postal_address.empty()
                                                   ? json() : json((*rq)->postal_address)},
                            {"at", audit::IsoUtc((*rq)->at)}};
      }
      auto events = d.actions->store().BallotEvents(m->election.id, m->record->id);
      if (!events.ok()) return http::ErrorResponse(req, events.error(), *d.templates);
      for (const auto& ev : *events) {
        out["ballot"].push_back({{"event", ev.event}, {"at", audit::IsoUtc(ev.at)}});
      }
    }
    return Response::Json(out);
  }, "The signed-in citizen's method request in one election, whether it may still change, "
     "and their postal ballot's events");

  r.Put("/api/v1/me/voter/:election/method", Access::kCitizen, [d](Request& req) {
    auto m = MineOf(req, d);
    if (!m.ok()) return http::ErrorResponse(req, m.error(), *d.templates);
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
    Status s = Save(req, d, *m, Str(*b, "method"), Str(*b, "postal_address"));
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    return Response::Json({{"election", m->election.code}, {"method", Str(*b, "method")}});
  }, "Ask to switch the voting method: {\"method\": TPSLN|KSK|POS, \"postal_address\"} (POS "
     "needs it), up to and including the cut-off date in the mission's local date");
}

}  // namespace peduli::election
