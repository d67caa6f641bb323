#include "modules/election/service.h"

#include <cstdio>

#include "core/date.h"
#include "modules/election/eligibility.h"

namespace peduli::election {

const char* KindName(DiffRow::Kind k) {
  switch (k) {
    case DiffRow::Kind::kAdded: return "added";
    case DiffRow::Kind::kRemoved: return "removed";
    case DiffRow::Kind::kChanged: return "changed";
  }
  return "";
}

void UnitAssigner::Assign(Entry* e) {
  if (!e->decision.included) {
    e->unit.clear();
    e->seq = 0;
    return;
  }
  int64_t* n = e->decision.method == kTpsln ? &tps_ : e->decision.method == kKsk ? &ksk_ : &pos_;
  char unit[32];
  std::snprintf(unit, sizeof unit, "%s-%03lld", e->decision.method.c_str(),
                static_cast<long long>(*n / size_ + 1));
  e->unit = unit;
  e->seq = *n % size_ + 1;
  ++*n;
}

namespace {

// The entry the rules give `f`; `units` numbers it.
Entry Judge(const RuleSet& rules, const Date& polling_day, const VoterFacts& f,
            UnitAssigner* units) {
  Entry e;
  e.facts = f;
  e.decision = Decide(rules, polling_day, f);
  e.verified = f.nik_state == rules.verified_state;
  units->Assign(&e);
  return e;
}

// Pages through a version's entries in citizen order.
class Cursor {
 public:
  Cursor(store::ElectionStore* s, int64_t version_id) : s_(s), version_(version_id) {}
  // The current entry, or nullptr at the end. Errors end the walk and are kept in error().
  const Entry* Peek() {
    if (i_ < page_.size()) return &page_[i_];
    if (done_ || version_ == 0) return nullptr;
    auto next = s_->EntriesByCitizen(version_, after_, kPage);
    if (!next.ok()) {
      error_ = next.take_error();
      done_ = true;
      return nullptr;
    }
    page_ = std::move(next.value());
    i_ = 0;
    if (page_.size() < static_cast<size_t>(kPage)) done_ = true;
    if (page_.empty()) return nullptr;
    after_ = page_.back().facts.citizen_id;
    return &page_[0];
  }
  void Next() { ++i_; }
  const std::optional<Error>& error() const { return error_; }

 private:
  static constexpr int kPage = 2000;
  store::ElectionStore* s_;
  int64_t version_;
  int64_t after_ = 0;
  std::vector<Entry> page_;
  size_t i_ = 0;
  bool done_ = false;
  std::optional<Error> error_;
};

}  // namespace

Result<Version> ElectionService::Generate(const std::string& election_code,
                                          const std::string& ppln, int64_t actor_account_id,
                                          const RuleSet& rules) {
  auto e = store_->FindElection(election_code);
  if (!e.ok()) return e.take_error();
  if (e->status == "closed") return Error::Conflict("err.election.closed");
  auto polling = Date::Parse(e->polling_date);
  if (!polling) return Error::Invalid("polling_date", "err.date.invalid");
  if (rules.unit_size < 1) return Error::Invalid("rules", "err.election.rules");
  UnitAssigner units(rules.unit_size);
  const RuleSet r = rules;
  const Date day = *polling;
  return store_->Generate(*e, ppln, r.ToJson().dump(), clock_->NowUnix(), actor_account_id,
                          [&](const VoterFacts& f) { return Judge(r, day, f, &units); });
}

Result<int64_t> ElectionService::Rederive(const Version& v, const Election& e) {
  auto rules = RuleSet::FromJson(nlohmann::json::parse(v.rules, nullptr, false));
  if (!rules.ok()) return rules.take_error();
  auto polling = Date::Parse(e.polling_date);
  if (!polling) return Error::Invalid("polling_date", "err.date.invalid");
  UnitAssigner units(rules->unit_size);
  Cursor c(store_, v.id);
  int64_t differ = 0;
  for (const Entry* stored = c.Peek(); stored; c.Next(), stored = c.Peek()) {
    Entry again = Judge(*rules, *polling, stored->facts, &units);
    if (again.decision.included != stored->decision.included ||
        again.decision.reason != stored->decision.reason ||
        again.decision.method != stored->decision.method || again.unit != stored->unit ||
        again.seq != stored->seq || again.verified != stored->verified) {
      ++differ;
    }
  }
  if (c.error()) return *c.error();
  return differ;
}

Result<std::vector<DiffRow>> ElectionService::Diff(const std::optional<Version>& older,
                                                   const Version& newer) {
  Cursor a(store_, older ? older->id : 0), b(store_, newer.id);
  std::vector<DiffRow> out;
  for (;;) {
    const Entry* x = a.Peek();
    const Entry* y = b.Peek();
    if (!x && !y) break;
    const bool x_in = x && x->decision.included;
    if (y && (!x || y->facts.citizen_id < x->facts.citizen_id)) {
      // New to the PPLN's jurisdiction.
      if (y->decision.included) {
        out.push_back({DiffRow::Kind::kAdded, y->facts.citizen_id, y->facts.full_name, "", "",
                       y->decision.method, "", y->unit});
      }
      b.Next();
    } else if (x && (!y || x->facts.citizen_id < y->facts.citizen_id)) {
      // Gone from the jurisdiction (moved to another PPLN, returned home, deleted).
      if (x_in) {
        out.push_back({DiffRow::Kind::kRemoved, x->facts.citizen_id, x->facts.full_name,
                       kLeftPpln, x->decision.method, "", x->unit, ""});
      }
      a.Next();
    } else {
      const bool y_in = y->decision.included;
      if (!x_in && y_in) {
        out.push_back({DiffRow::Kind::kAdded, y->facts.citizen_id, y->facts.full_name, "", "",
                       y->decision.method, "", y->unit});
      } else if (x_in && !y_in) {
        out.push_back({DiffRow::Kind::kRemoved, y->facts.citizen_id, y->facts.full_name,
                       y->decision.reason, x->decision.method, "", x->unit, ""});
      } else if (x_in && y_in &&
                 (x->decision.method != y->decision.method || x->unit != y->unit)) {
        out.push_back({DiffRow::Kind::kChanged, y->facts.citizen_id, y->facts.full_name, "",
                       x->decision.method, y->decision.method, x->unit, y->unit});
      }
      a.Next();
      b.Next();
    }
  }
  if (a.error()) return *a.error();
  if (b.error()) return *b.error();
  return out;
}

Result<std::vector<Standing>> ElectionService::StandingOf(int64_t citizen_id,
                                                          const std::string& ppln) {
  auto elections = store_->Elections();
  if (!elections.ok()) return elections.take_error();
  std::vector<Standing> out;
  for (const auto& e : *elections) {
    if (e.status == "closed") continue;
    Standing s{e, std::nullopt, std::nullopt, ppln};
    if (!ppln.empty()) {
      auto v = store_->Latest(e.id, ppln);
      if (!v.ok()) return v.take_error();
      s.version = *v;
      if (s.version) {
        auto en = store_->EntryOf(s.version->id, citizen_id);
        if (!en.ok()) return en.take_error();
        s.entry = *en;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace peduli::election
