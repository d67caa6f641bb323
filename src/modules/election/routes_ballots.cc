// A PPLN's postal ballots and its coverage. Reading the ballot list or coverage is reading
// the voter list (kExportVoterList: the liaison, the mission's supervisor, HQ); recording
// sent / received / counted is kRecordPostalBallot (the liaison and the supervisor of that
// PPLN, the people who hand the ballots out and take them back). Every read that names
// voters and every write is audited.
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

constexpr int kPage = 200;  // voters per page of the ballot list

struct Scope {
  Election election;
  const reference::Mission* mission = nullptr;
};
// As routes.cc's: refused (403) before anything is looked up; unknown election/PPLN 404.
Result<Scope> ScopeOf(const Request& req, const VoterRoutesDeps& d, policy::Action action) {
  const std::string ppln = req.params.at("ppln");
  if (!policy::Allowed(policy::ActorOf(*req.principal), action, ppln)) return Error::Forbidden();
  Scope s;
  s.mission = d.refs->FindMission(ppln);
  if (!s.mission) return Error::NotFound();
  auto e = d.elections->store().FindElection(req.params.at("election"));
  if (!e.ok()) return e.take_error();
  s.election = std::move(e.value());
  return s;
}

ActionOrigin OriginOf(const Request& req) { return {"election", req.remote_ip, req.request_id}; }

// "POS-002.17" -> ("POS-002", 17); anything else starts at the beginning.
std::pair<std::string, int64_t> After(const std::string& s) {
  auto dot = s.rfind('.');
  if (dot == std::string::npos) return {"", 0};
  auto seq = ParseId(s.substr(dot + 1));
  if (!seq) return {"", 0};
  return {s.substr(0, dot), *seq};
}

struct BallotList {
  std::optional<Version> version;
  std::vector<store::VoterUnit> units;  // POS units of the version
  std::vector<store::PostalVoter> voters;
  std::string next;  // "" at the end
};
// One page of the latest version's POS voters (of `unit` unless ""), audited with their ids.
Result<BallotList> LoadBallots(const Request& req, const VoterRoutesDeps& d, const Scope& s,
                               const std::string& unit, const std::string& after) {
  BallotList out;
  auto v = d.elections->store().Latest(s.election.id, s.mission->code);
  if (!v.ok()) return v.take_error();
  out.version = *v;
  if (!out.version) return out;
  auto units = d.elections->store().Units(out.version->id);
  if (!units.ok()) return units.take_error();
  for (const auto& u : *units) {
    if (u.method == kPos) out.units.push_back(u);
  }
  auto [after_unit, after_seq] = After(after);
  auto voters = d.actions->store().PostalVoters(*out.version, unit, after_unit, after_seq, kPage);
  if (!voters.ok()) return voters.take_error();
  out.voters = std::move(voters.value());
  if (static_cast<int>(out.voters.size()) == kPage) {
    out.next = out.voters.back().unit + "." + std::to_string(out.voters.back().seq);
  }
  std::vector<int64_t> ids;
  for (const auto& p : out.voters) ids.push_back(p.citizen_id);
  PEDULI_TRY(d.audit->Record(policy::ActorOf(*req.principal), "postal_ballot_list", 0,
                             "election", req.remote_ip, req.request_id,
                             {{"election", s.election.code}, {"ppln", s.mission->code},
                              {"version", out.version->number}, {"unit", unit}},
                             ids));
  return out;
}

Response BallotPage(const Request& req, const VoterRoutesDeps& d, const std::string& flash,
                    bool flash_error, int status) {
  auto s = ScopeOf(req, d, policy::Action::kExportVoterList);
  if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
  const std::string unit = req.QueryParam("unit").value_or("");
  auto list = LoadBallots(req, d, *s, unit, req.QueryParam("after").value_or(""));
  if (!list.ok()) return http::ErrorResponse(req, list.error(), *d.templates);
  const auto& c = d.templates->catalog();
  http::Page page(*d.templates, req, "election.ballots.title",
                  "modules/election/templates/ballots.tpl");
  if (!flash.empty()) page.Flash(flash, flash_error);
  auto& t = page.content();
  const std::string base = "/pemilu/" + s->election.code + "/" + s->mission->code;
  t.SetValue("ELECTION", s->election.name);
  t.SetValue("PPLN_NAME", s->mission->name);
  t.SetValue("LIST_HREF", base);
  t.SetValue("BASE", base + "/pos");
  const bool may_record = policy::Allowed(policy::ActorOf(*req.principal),
                                          policy::Action::kRecordPostalBallot, s->mission->code);
  if (!list->version) {
    t.ShowSection("NO_VERSION");
    return page.Finish(status);
  }
  t.ShowSection("HAS_VERSION");
  t.SetIntValue("VERSION", static_cast<long>(list->version->number));
  for (const auto& u : list->units) {
    auto* o = t.AddSectionDictionary("UNIT");
    o->SetValue("UNIT", u.unit);
    o->SetIntValue("VOTERS", static_cast<long>(u.voters));
    if (u.unit == unit) o->ShowSection("CHOSEN");
  }
  if (may_record && !list->units.empty()) t.ShowSection("MAY_SEND_UNIT");
  if (list->voters.empty()) t.ShowSection("EMPTY");
  for (const auto& p : list->voters) {
    auto* row = t.AddSectionDictionary("VOTER");
    row->SetIntValue("ID", static_cast<long>(p.citizen_id));
    row->SetValue("NAME", p.full_name);
    row->SetValue("UNIT", p.unit);
    row->SetIntValue("SEQ", static_cast<long>(p.seq));
    row->SetValue("STATE_KEY", p.ballot_state.empty() ? "none" : p.ballot_state);
    row->SetValue("STATE", c.Text(req.lang, "election.ballot.state." +
                                                (p.ballot_state.empty() ? "none" : p.ballot_state)));
    if (!may_record) continue;
    // The one next step the ballot can take.
    const char* next = p.ballot_state.empty() ? "sent"
                       : p.ballot_state == "sent" ? "received"
                       : p.ballot_state == "received" ? "counted" : nullptr;
    if (next) {
      auto* f = row->AddSectionDictionary("NEXT");
      f->SetValue("EVENT", next);
      f->SetValue("LABEL", c.Text(req.lang, std::string("election.ballot.mark.") + next));
    }
  }
  if (!list->next.empty()) {
    t.SetValueAndShowSection("NEXT_HREF",
                             base + "/pos?unit=" + http::UrlEncode(unit) +
                                 "&after=" + http::UrlEncode(list->next),
                             "HAS_NEXT");
  }
  return page.Finish(status);
}

json CoverageJson(const Coverage& cv) {
  json j = {{"version", cv.has_version ? json(cv.version.number) : json()},
            {"ballots", {{"sent", cv.ballots.sent}, {"received", cv.ballots.received},
                         {"counted", cv.ballots.counted}}}};
  if (cv.has_version) {
    j["potential"] = cv.version.potential;
    j["included"] = cv.version.included;
    j["verified"] = cv.version.verified;
    j["postal"] = cv.version.postal;
    j["postal_checked"] = cv.version.postal_checked;
  }
  return j;
}

// One bar of the coverage page: `part` of `whole`, as a number, a percentage and a
// <progress> (no script, no inline style).
void Bar(ctemplate::TemplateDictionary* t, const std::string& label, const std::string& of,
         int64_t part, int64_t whole) {
  auto* b = t->AddSectionDictionary("BAR");
  b->SetValue("LABEL", label);
  b->SetValue("OF", of);
  b->SetIntValue("PART", static_cast<long>(part));
  b->SetIntValue("WHOLE", static_cast<long>(whole));
  b->SetIntValue("MAX", static_cast<long>(whole > 0 ? whole : 1));
  b->SetIntValue("PERCENT", static_cast<long>(whole > 0 ? part * 100 / whole : 0));
}

}  // namespace

void RegisterBallotRoutes(http::Router& r, const VoterRoutesDeps& d) {
  r.Get("/pemilu/:election/:ppln/pos", Access::kSignedIn,
        [d](Request& req) {
          std::string flash;
          if (auto n = req.QueryParam("dikirim"); n && ParseId(*n + "1")) {
            flash = d.templates->catalog().Text(req.lang, "election.ballots.unit_sent") + " " + *n;
          }
          return BallotPage(req, d, flash, false, 200);
        },
        "The PPLN's postal voters of the latest version and their ballots, by unit (election "
        "liaison, supervisor, HQ; audited)");

  // One voter's next step, or "sent" for a whole unit.
  r.Post("/pemilu/:election/:ppln/pos", Access::kSignedIn, [d](Request& req) {
    auto s = ScopeOf(req, d, policy::Action::kRecordPostalBallot);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    const auto actor = policy::ActorOf(*req.principal);
    const auto& c = d.templates->catalog();
    const std::string back = "/pemilu/" + s->election.code + "/" + s->mission->code +
                             "/pos?unit=" + http::UrlEncode(req.FormValue("unit"));
    if (req.FormValue("citizen_id").empty()) {
      auto n = d.actions->SendUnit(actor, s->election, s->mission->code, req.FormValue("unit"),
                                   OriginOf(req));
      if (!n.ok()) {
        if (n.error().code != Code::kInvalid) return http::ErrorResponse(req, n.error(), *d.templates);
        return BallotPage(req, d, c.Text(req.lang, "election.ballots.unit_invalid"), true, 422);
      }
      return Response::Redirect(back + "&dikirim=" + std::to_string(*n));
    }
    auto id = ParseId(req.FormValue("citizen_id"));
    Status st = id ? d.actions->RecordBallot(actor, s->election, s->mission->code, *id,
                                             req.FormValue("event"), OriginOf(req))
                   : Status(Error::NotFound());
    if (st.ok()) return Response::Redirect(back);
    if (st.error().code == Code::kConflict) {
      return BallotPage(req, d, c.Text(req.lang, st.error().message), true, 409);
    }
    return http::ErrorResponse(req, st.error(), *d.templates);
  }, "Record a postal ballot sent, received or counted for one voter (citizen_id, event), or "
     "sent for every voter of a unit (unit) (election liaison, supervisor of the PPLN; audited)");

  r.Get("/api/v1/elections/:election/ppln/:ppln/ballots", Access::kSignedIn, [d](Request& req) {
    auto s = ScopeOf(req, d, policy::Action::kExportVoterList);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    auto list = LoadBallots(req, d, *s, req.QueryParam("unit").value_or(""),
                            req.QueryParam("after").value_or(""));
    if (!list.ok()) return http::ErrorResponse(req, list.error(), *d.templates);
    json voters = json::array();
    for (const auto& p : list->voters) {
      voters.push_back({{"citizen_id", p.citizen_id}, {"name", p.full_name}, {"unit", p.unit},
                        {"number", p.seq},
                        {"ballot", p.ballot_state.empty() ? json() : json(p.ballot_state)}});
    }
    return Response::Json({{"version", list->version ? json(list->version->number) : json()},
                           {"voters", voters},
                           {"next_after", list->next.empty() ? json() : json(list->next)}});
  }, "The PPLN's postal voters of the latest version with their ballots' state, by unit, "
     "?unit=POS-001&after=<unit.number> (election liaison, supervisor, HQ; audited)");

  r.Post("/api/v1/elections/:election/ppln/:ppln/ballots", Access::kSignedIn, [d](Request& req) {
    auto s = ScopeOf(req, d, policy::Action::kRecordPostalBallot);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
    auto n = d.actions->SendUnit(policy::ActorOf(*req.principal), s->election, s->mission->code,
                                 Str(*b, "unit"), OriginOf(req));
    if (!n.ok()) return http::ErrorResponse(req, n.error(), *d.templates);
    return Response::Json({{"unit", Str(*b, "unit")}, {"sent", *n}});
  }, "Record the ballots of every postal voter of a unit without one as sent: {\"unit\"} "
     "(election liaison, supervisor of the PPLN; audited)");

  r.Post("/api/v1/elections/:election/ppln/:ppln/ballots/:id", Access::kSignedIn,
         [d](Request& req) {
    auto s = ScopeOf(req, d, policy::Action::kRecordPostalBallot);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    auto id = ParseId(req.params.at("id"));
    if (!id) return http::ErrorResponse(req, Error::NotFound(), *d.templates);
    auto b = req.JsonObject();
    if (!b) return http::ErrorResponse(req, Error::Invalid("", "err.json"), *d.templates);
    Status st = d.actions->RecordBallot(policy::ActorOf(*req.principal), s->election,
                                        s->mission->code, *id, Str(*b, "event"), OriginOf(req));
    if (!st.ok()) return http::ErrorResponse(req, st.error(), *d.templates);
    return Response::Json({{"citizen_id", *id}, {"ballot", Str(*b, "event")}}, 201);
  }, "Record one postal voter's ballot event: {\"event\": sent|received|counted}, in that "
     "order (election liaison, supervisor of the PPLN; audited)");

  r.Get("/api/v1/elections/:election/ppln/:ppln/coverage", Access::kSignedIn, [d](Request& req) {
    auto s = ScopeOf(req, d, policy::Action::kExportVoterList);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    auto cv = d.actions->CoverageOf(s->election, s->mission->code);
    if (!cv.ok()) return http::ErrorResponse(req, cv.error(), *d.templates);
    json j = CoverageJson(*cv);
    j["election"] = s->election.code;
    j["ppln"] = s->mission->code;
    return Response::Json(j);
  }, "The PPLN's coverage: potential voters, included, NIK verified, postal addresses "
     "checked, ballots sent / returned / counted (election liaison, supervisor, HQ)");

  r.Get("/pemilu/:election/:ppln/cakupan", Access::kSignedIn, [d](Request& req) {
    auto s = ScopeOf(req, d, policy::Action::kExportVoterList);
    if (!s.ok()) return http::ErrorResponse(req, s.error(), *d.templates);
    auto cv = d.actions->CoverageOf(s->election, s->mission->code);
    if (!cv.ok()) return http::ErrorResponse(req, cv.error(), *d.templates);
    const auto& c = d.templates->catalog();
    auto T = [&](const std::string& k) { return c.Text(req.lang, k); };
    http::Page page(*d.templates, req, "election.coverage.title",
                    "modules/election/templates/coverage.tpl");
    auto& t = page.content();
    t.SetValue("ELECTION", s->election.name);
    t.SetValue("PPLN_NAME", s->mission->name);
    t.SetValue("LIST_HREF", "/pemilu/" + s->election.code + "/" + s->mission->code);
    if (!cv->has_version) {
      t.ShowSection("NO_VERSION");
      return page.Finish();
    }
    const Version& v = cv->version;
    t.ShowSection("HAS_VERSION");
    t.SetIntValue("VERSION", static_cast<long>(v.number));
    t.SetValue("SNAPSHOT", FormatLocalTime(v.snapshot_at, s->mission->timezone));
    t.SetIntValue("POTENTIAL", static_cast<long>(v.potential));
    Bar(&t, T("election.included"), T("election.coverage.of_potential"), v.included, v.potential);
    Bar(&t, T("election.verified"), T("election.coverage.of_potential"), v.verified, v.potential);
    Bar(&t, T("election.postal_checked"), T("election.coverage.of_postal"), v.postal_checked,
        v.postal);
    Bar(&t, T("election.coverage.sent"), T("election.coverage.of_postal"), cv->ballots.sent,
        v.postal);
    Bar(&t, T("election.coverage.returned"), T("election.coverage.of_sent"),
        cv->ballots.received, cv->ballots.sent);
    Bar(&t, T("election.coverage.counted"), T("election.coverage.of_returned"),
        cv->ballots.counted, cv->ballots.received);
    return page.Finish();
  }, "Page: the PPLN's coverage as numbers and bars (election liaison, supervisor, HQ)");
}

}  // namespace peduli::election
