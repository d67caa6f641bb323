#include "modules/election/voter_actions.h"

namespace peduli::election {

namespace {

constexpr size_t kMaxReference = 120;
constexpr size_t kMaxAddress = 300;

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool IsMethod(const std::string& m) { return m == kTpsln || m == kKsk || m == kPos; }

Status CheckReference(const std::string& reference) {
  if (reference.empty()) return Error::Invalid("reference", "err.required");
  if (reference.size() > kMaxReference) return Error::Invalid("reference", "err.text.length");
  return Status::Ok();
}

}  // namespace

const char* BallotStateBefore(const std::string& event) {
  if (event == "sent") return "";
  if (event == "received") return "sent";
  if (event == "counted") return "received";
  return nullptr;
}

Status MayRequestMethod(const Election& e, const Date& local_today) {
  auto cutoff = Date::Parse(e.cutoff_date);
  if (e.status == "closed" || !cutoff || local_today > *cutoff) {
    return Error::Conflict("voter.switch.closed");
  }
  return Status::Ok();
}

Status VoterActions::Revoke(const policy::Actor& a, int64_t citizen_id,
                            const std::string& reference, const ActionOrigin& o) {
  const std::string ref = Trimmed(reference);
  PEDULI_TRY(CheckReference(ref));
  return voters_->Revoke(citizen_id, ref, a.account_id, clock_->NowUnix(),
                         Entry(a, "voting_right_revoke", citizen_id, o, {{"reference", ref}}));
}

Status VoterActions::Lift(const policy::Actor& a, int64_t citizen_id,
                          const std::string& reference, const ActionOrigin& o) {
  const std::string ref = Trimmed(reference);
  PEDULI_TRY(CheckReference(ref));
  Status s = voters_->Lift(citizen_id, ref, a.account_id, clock_->NowUnix(),
                           Entry(a, "voting_right_lift", citizen_id, o, {{"reference", ref}}));
  if (!s.ok() && s.error().code == Code::kNotFound) {
    return Error::Conflict("election.revocation.none");
  }
  return s;
}

Status VoterActions::CheckPostalAddress(const policy::Actor& a, int64_t citizen_id,
                                        const ActionOrigin& o) {
  return voters_->CheckPostalAddress(citizen_id, a.account_id, clock_->NowUnix(),
                                     Entry(a, "postal_address_check", citizen_id, o, {}));
}

Status VoterActions::Override(const policy::Actor& a, const std::string& election_code,
                              int64_t citizen_id, const std::string& method,
                              const ActionOrigin& o) {
  std::vector<FieldError> errors;
  auto e = elections_->FindElection(election_code);
  if (!e.ok() && e.error().code != Code::kNotFound) return e.take_error();
  if (!e.ok()) errors.push_back({"election", "err.choice"});
  if (!method.empty() && !IsMethod(method)) errors.push_back({"method", "err.choice"});
  if (!errors.empty()) return Error::Invalid(std::move(errors));
  if (e->status == "closed") return Error::Conflict("election.closed");
  return voters_->SetOverride(
      e->id, citizen_id, method, a.account_id, clock_->NowUnix(),
      Entry(a, "voter_method_override", citizen_id, o,
            {{"election", e->code}, {"method", method.empty() ? nlohmann::json() : nlohmann::json(method)}}));
}

Status VoterActions::RequestMethod(const policy::Actor& a, const Election& e, int64_t citizen_id,
                                   const Date& local_today, const std::string& method,
                                   const std::string& postal_address, const ActionOrigin& o) {
  PEDULI_TRY(MayRequestMethod(e, local_today));
  const std::string address = Trimmed(postal_address);
  if (!IsMethod(method)) return Error::Invalid("method", "err.choice");
  if (method == kPos && address.empty()) {
    return Error::Invalid("postal_address", "err.election.postal_address");
  }
  if (address.size() > kMaxAddress) return Error::Invalid("postal_address", "err.text.length");
  // Only a postal voter's address matters to the list.
  const std::string kept = method == kPos ? address : "";
  return voters_->SetRequest(e.id, citizen_id, method, kept, clock_->NowUnix(),
                             Entry(a, "voter_method_request", citizen_id, o,
                                   {{"election", e.code}, {"method", method}}));
}

Status VoterActions::RecordBallot(const policy::Actor& a, const Election& e,
                                  const std::string& ppln, int64_t citizen_id,
                                  const std::string& event, const ActionOrigin& o) {
  const char* from = BallotStateBefore(event);
  if (!from) return Error::Invalid("event", "err.choice");
  auto v = elections_->Latest(e.id, ppln);
  if (!v.ok()) return v.take_error();
  if (!*v) return Error::NotFound();
  auto entry = elections_->EntryOf((*v)->id, citizen_id);
  if (!entry.ok()) return entry.take_error();
  if (!*entry || !(*entry)->decision.included || (*entry)->decision.method != kPos) {
    return Error::NotFound();
  }
  return voters_->RecordBallot(
      e.id, ppln, citizen_id, from, event, (*v)->number, (*entry)->unit, a.account_id,
      clock_->NowUnix(),
      Entry(a, "postal_ballot_" + event, citizen_id, o,
            {{"election", e.code}, {"ppln", ppln}, {"version", (*v)->number}}));
}

Result<int64_t> VoterActions::SendUnit(const policy::Actor& a, const Election& e,
                                       const std::string& ppln, const std::string& unit,
                                       const ActionOrigin& o) {
  auto v = elections_->Latest(e.id, ppln);
  if (!v.ok()) return v.take_error();
  if (!*v) return Error::Invalid("unit", "err.choice");
  auto units = elections_->Units((*v)->id);
  if (!units.ok()) return units.take_error();
  bool known = false;
  for (const auto& u : *units) known = known || (u.unit == unit && u.method == kPos);
  if (!known) return Error::Invalid("unit", "err.choice");
  return voters_->SendUnit(**v, unit, a.account_id, clock_->NowUnix(),
                           Entry(a, "postal_ballot_sent", 0, o,
                                 {{"election", e.code}, {"ppln", ppln},
                                  {"version", (*v)->number}, {"unit", unit}}));
}

Result<Coverage> VoterActions::CoverageOf(const Election& e, const std::string& ppln) {
  Coverage c;
  auto v = elections_->Latest(e.id, ppln);
  if (!v.ok()) return v.take_error();
  if (*v) {
    c.has_version = true;
    c.version = **v;
  }
  auto b = voters_->Counts(e.id, ppln);
  if (!b.ok()) return b.take_error();
  c.ballots = *b;
  return c;
}

}  // namespace peduli::election
