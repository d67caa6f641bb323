#include "sim/registry_rules.h"

#include <cctype>

#include "core/date.h"

namespace peduli::sim {
namespace {

using nlohmann::json;

// Passport numbers are a letter and seven digits, (index * 7919 + 1234567) mod 10^7
// (demo/synthetic.cc); 7919 is prime to 10^7, so the digits give the index mod 10^7.
constexpr uint64_t kPassportSpace = 10000000;
constexpr uint64_t kPassportFactor = 7919;
constexpr uint64_t kPassportOffset = 1234567;

constexpr uint64_t InverseMod(uint64_t a, uint64_t m) {
  int64_t t = 0, new_t = 1, r = static_cast<int64_t>(m), new_r = static_cast<int64_t>(a);
  while (new_r != 0) {
    const int64_t q = r / new_r;
    const int64_t tt = t - q * new_t;
    t = new_t;
    new_t = tt;
    const int64_t rr = r - q * new_r;
    r = new_r;
    new_r = rr;
  }
  return static_cast<uint64_t>(t < 0 ? t + static_cast<int64_t>(m) : t);
}
constexpr uint64_t kPassportInverse = InverseMod(kPassportFactor, kPassportSpace);
static_assert(kPassportFactor * kPassportInverse % kPassportSpace == 1);

const int64_t kToday = demo::kAsOf.DaysSinceEpoch();

std::string DayText(int64_t days) { return Date::FromUnix(days * 86400).ToString(); }

std::optional<int64_t> Days(const std::string& text) {
  auto d = Date::Parse(text);
  if (!d) return std::nullopt;
  return d->DaysSinceEpoch();
}

// The string at `name`, or "" when absent or not a string.
std::string Field(const json& q, const char* name) {
  auto it = q.find(name);
  return it != q.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

json Placement(const std::string& employer, const std::string& country, const std::string& agency,
               int64_t start, int64_t end, const char* status = nullptr) {
  return {{"employer_name", employer},
          {"country", country},
          {"agency", agency},
          {"contract_start", DayText(start)},
          {"contract_end", DayText(end)},
          {"status", status ? status : (end < kToday ? "ended" : "active")}};
}

}  // namespace

std::string NormalizeName(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

std::string RegistryRules::OtherBirthPlace(uint64_t index, const std::string& place) const {
  for (uint64_t j = index + 1; j < index + 64; ++j) {
    std::string other = pop_.Person(j).identity.birth_place;
    if (NormalizeName(other) != NormalizeName(place)) return other;
  }
  return place + " Selatan";
}

std::string RegistryRules::OtherEmployer(uint64_t index, const std::string& employer) const {
  for (uint64_t j = index + 1; j < index + 256; ++j) {
    registry::LaporDiri p = pop_.Person(j);
    if (p.stay.category == "pmi" &&
        NormalizeName(p.stay.pmi.employer_name) != NormalizeName(employer)) {
      return p.stay.pmi.employer_name;
    }
  }
  return employer + " Holdings";
}

json RegistryRules::Verify(const json& query) const {
  auto index = pop_.IndexOfNik(Field(query, "nik"));
  if (!index) return {{"found", false}};
  registry::Identity record = pop_.Person(*index).identity;
  const uint64_t rule = *index % kDukcapilModulus;
  if (rule == kDukcapilOtherPlace) record.birth_place = OtherBirthPlace(*index, record.birth_place);
  if (rule == kDukcapilLongerName) {
    record.full_name += record.sex == "P" ? " Saputri" : " Saputra";
  }
  json fields = json::object();
  auto verdict = [&](const char* name, bool same) {
    if (!Trim(Field(query, name)).empty()) fields[name] = same ? "sesuai" : "tidak sesuai";
  };
  verdict("full_name", NormalizeName(Field(query, "full_name")) == NormalizeName(record.full_name));
  verdict("birth_place",
          NormalizeName(Field(query, "birth_place")) == NormalizeName(record.birth_place));
  verdict("birth_date", Trim(Field(query, "birth_date")) == record.birth_date);
  verdict("sex", Upper(Trim(Field(query, "sex"))) == record.sex);
  return {{"found", true}, {"fields", std::move(fields)}};
}

std::optional<uint64_t> RegistryRules::PassportHolder(std::string_view number,
                                                      std::optional<uint64_t> preferred) const {
  std::string n = Upper(NormalizeName(number));
  if (n.size() != 8 || !std::isalpha(static_cast<unsigned char>(n[0]))) return std::nullopt;
  uint64_t digits = 0;
  for (size_t i = 1; i < n.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(n[i]))) return std::nullopt;
    digits = digits * 10 + static_cast<uint64_t>(n[i] - '0');
  }
  const uint64_t residue = (digits + kPassportSpace - kPassportOffset) % kPassportSpace *
                           kPassportInverse % kPassportSpace;
  if (preferred && *preferred % kPassportSpace == residue &&
      pop_.Person(*preferred).passport.number == n) {
    return preferred;
  }
  for (uint64_t i = residue; i < demo::Population::kIndexLimit; i += kPassportSpace) {
    if (pop_.Person(i).passport.number == n) return i;
  }
  return std::nullopt;
}

json RegistryRules::CheckPassport(const json& query) const {
  const std::string nik = Field(query, "nik");
  auto holder = PassportHolder(Field(query, "passport_number"), pop_.IndexOfNik(nik));
  if (!holder) return {{"found", false}};
  const registry::LaporDiri p = pop_.Person(*holder);
  json mismatched = json::array();
  bool nik_match = false, name_match = false, birth_match = false;
  if (!Trim(nik).empty()) {
    nik_match = Trim(nik) == p.identity.nik;
    if (!nik_match) mismatched.push_back("nik");
  }
  if (const std::string name = Field(query, "full_name"); !Trim(name).empty()) {
    name_match = NormalizeName(name) == NormalizeName(p.identity.full_name);
    if (!name_match) mismatched.push_back("full_name");
  }
  if (const std::string birth = Field(query, "birth_date"); !Trim(birth).empty()) {
    birth_match = Trim(birth) == p.identity.birth_date;
    if (!birth_match) mismatched.push_back("birth_date");
  }
  const bool holder_match = nik_match || (name_match && birth_match);
  json out = {{"found", true}, {"holder_match", holder_match}, {"mismatched", mismatched}};
  if (!holder_match) return out;  // another person's passport: nothing more about it
  const uint64_t rule = *holder % kPassportModulus;
  const auto expiry = Days(p.passport.expiry_date);
  const char* status = rule == kPassportRevoked                ? "revoked"
                       : rule == kPassportLost                 ? "lost"
                       : expiry && *expiry < kToday ? "expired"
                                                               : "valid";
  out["status"] = status;
  out["expiry_date"] = p.passport.expiry_date;
  return out;
}

json RegistryRules::SearchPlacements(const std::string& nik) const {
  json list = json::array();
  auto index = pop_.IndexOfNik(nik);
  if (!index) return {{"placements", list}};
  const registry::LaporDiri p = pop_.Person(*index);
  const auto& pmi = p.stay.pmi;
  const uint64_t rule = *index % kPlacementModulus;
  if (p.stay.category != "pmi" || rule == kNoPlacement) return {{"placements", list}};
  const int64_t arrival = Days(p.stay.arrival_date).value_or(kToday);
  const int64_t end = Days(pmi.contract_end_date).value_or(arrival + 730);
  if (rule == kOtherEmployer) {
    list.push_back(Placement(OtherEmployer(*index, pmi.employer_name), p.stay.country, pmi.agency,
                             arrival, end));
  } else if (rule == kContractEnded) {
    const int64_t ended = kToday - 30 - static_cast<int64_t>(*index % 300);
    list.push_back(Placement(pmi.employer_name, p.stay.country, pmi.agency,
                             std::min(arrival, ended - 365), ended, "ended"));
  } else {
    list.push_back(Placement(pmi.employer_name, p.stay.country, pmi.agency, arrival, end));
    if (rule == kTwoPlacements) {
      list.push_back(Placement(OtherEmployer(*index, pmi.employer_name), p.stay.country,
                               pmi.agency, arrival - 3 * 365, arrival - 30, "ended"));
    }
  }
  return {{"placements", list}};
}

}  // namespace peduli::sim
