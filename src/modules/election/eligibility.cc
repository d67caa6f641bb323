#include "modules/election/eligibility.h"

#include <algorithm>
#include <cctype>

namespace peduli::election {

namespace {

std::string Lower(std::string s) {
  for (auto& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Lower-case ASCII words of free text ("Anggota TNI-AD" -> anggota, tni, ad).
std::vector<std::string> Words(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (unsigned char ch : text) {
    if (std::isalnum(ch)) {
      cur += static_cast<char>(std::tolower(ch));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

}  // namespace

int AgeOn(const Date& birth, const Date& on) {
  int years = on.year - birth.year;
  if (std::pair(on.month, on.day) < std::pair(birth.month, birth.day)) --years;
  return years;
}

bool IsArmedForces(const RuleSet& rules, const std::string& occupation) {
  bool member = false;
  for (const auto& w : Words(occupation)) {
    if (Contains(rules.armed_forces_exceptions, w)) return false;
    if (Contains(rules.armed_forces_words, w)) member = true;
  }
  return member;
}

std::string DefaultMethod(const RuleSet& rules, const VoterFacts& f) {
  if (Contains(rules.postal_categories, f.category)) return kPos;
  if (f.category == "pmi") {
    for (const auto& w : Words(f.employer_name)) {
      if (Contains(rules.ksk_employer_words, w)) return kKsk;
    }
  }
  const std::string city = Lower(Trimmed(f.city));
  if (!city.empty() && city == Lower(Trimmed(f.mission_city))) return kTpsln;
  return kPos;
}

Decision Decide(const RuleSet& rules, const Date& polling_day, const VoterFacts& f) {
  auto out = [](const char* reason) { return Decision{false, reason, ""}; };
  auto birth = Date::Parse(f.birth_date);
  if (!birth) return out(kNoBirthDate);
  if (AgeOn(*birth, polling_day) < rules.min_age &&
      !Contains(rules.married_statuses, f.marital_status)) {
    return out(kUnderAge);
  }
  if (IsArmedForces(rules, f.occupation)) return out(kArmedForces);
  if (f.revoked) return out(kRevoked);
  if (!f.expected_end_date.empty()) {
    // An unreadable end date is not evidence of leaving: the voter stays on the list.
    auto end = Date::Parse(f.expected_end_date);
    if (end && *end <= polling_day) return out(kStayEnds);
  }
  if (f.duplicate_open) return out(kDuplicateNik);
  if (f.nik_state != rules.verified_state) return out(kUnverifiedNik);
  Decision d{true, "", f.method_override.empty() ? DefaultMethod(rules, f) : f.method_override};
  if (d.method == kPos) {
    if (Trimmed(f.address).empty()) return out(kPostalNoAddress);
    if (!f.address_checked) d.reason = kPostalUnchecked;
  }
  return d;
}

}  // namespace peduli::election
