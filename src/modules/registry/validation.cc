#include "modules/registry/validation.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <optional>

#include "modules/registry/phone.h"

namespace peduli::registry {
namespace {

constexpr size_t kMaxNameCodePoints = 100;
constexpr size_t kMaxTextCodePoints = 100;
constexpr size_t kMaxAddressCodePoints = 300;
constexpr size_t kMaxFamilyMembers = 20;
constexpr int kArrivalDaysAhead = 1;

// Collects errors, at most one per field: the first problem found is the one to fix.
class Errors {
 public:
  explicit Errors(std::vector<FieldError>& out) : out_(out) {}
  void Add(const std::string& field, const char* key) {
    for (const auto& e : out_) {
      if (e.field == field) return;
    }
    out_.push_back({field, key});
  }
  // For fields that can take several errors at once (the NIK).
  void AddAll(const std::vector<FieldError>& errors) {
    out_.insert(out_.end(), errors.begin(), errors.end());
  }

 private:
  std::vector<FieldError>& out_;
};

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Removes ASCII white space and no-break spaces (U+00A0, as some keyboards insert) at both
// ends.
void Trim(std::string& s) {
  size_t b = 0, e = s.size();
  for (;;) {
    if (b < e && IsAsciiSpace(s[b])) { ++b; continue; }
    if (e - b >= 2 && s.compare(b, 2, "\xC2\xA0") == 0) { b += 2; continue; }
    break;
  }
  for (;;) {
    if (e > b && IsAsciiSpace(s[e - 1])) { --e; continue; }
    if (e - b >= 2 && s.compare(e - 2, 2, "\xC2\xA0") == 0) { e -= 2; continue; }
    break;
  }
  s = s.substr(b, e - b);
}

void TrimAll(LaporDiri& d) {
  for (std::string* s :
       {&d.identity.nik, &d.identity.full_name, &d.identity.birth_place,
        &d.identity.birth_date, &d.identity.sex, &d.identity.marital_status,
        &d.identity.occupation, &d.identity.education, &d.identity.origin_regency,
        &d.passport.number, &d.passport.issue_date, &d.passport.expiry_date,
        &d.passport.office, &d.stay.country, &d.stay.subdivision, &d.stay.city,
        &d.stay.address, &d.stay.phone, &d.stay.arrival_date, &d.stay.expected_end_date,
        &d.stay.category, &d.stay.pmi.employer_name, &d.stay.pmi.employer_address,
        &d.stay.pmi.sector, &d.stay.pmi.agency, &d.stay.pmi.contract_end_date,
        &d.stay.student.institution, &d.stay.student.programme, &d.stay.crew.vessel_name,
        &d.stay.crew.flag_state, &d.stay.crew.manning_agency, &d.emergency_contact.name,
        &d.emergency_contact.relation, &d.emergency_contact.phone}) {
    Trim(*s);
  }
  for (auto& m : d.family) {
    for (std::string* s : {&m.name, &m.relation, &m.birth_date, &m.nik}) Trim(*s);
  }
}

void Upper(std::string& s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
}

void RemoveSpaces(std::string& s) { std::erase(s, ' '); }

// Decodes UTF-8; nullopt when ill-formed.
std::optional<std::vector<UChar32>> CodePoints(const std::string& s) {
  std::vector<UChar32> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return std::nullopt;
    out.push_back(c);
  }
  return out;
}

std::string ToUtf8(const std::vector<UChar32>& cps) {
  std::string out;
  for (UChar32 c : cps) {
    char buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(reinterpret_cast<uint8_t*>(buf), len, c);  // c is a valid code point
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

bool IsMark(UChar32 c) {
  int8_t t = u_charType(c);
  return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

// Free text (places, occupations, addresses): valid UTF-8, no control or format characters
// (line breaks and tabs only where multi-line; the joiners and direction marks U+200C–200F
// that Arabic and Persian keyboards insert are fine, the bidi overrides used to disguise
// text are not), at most `max` code points.
const char* CheckText(const std::string& s, size_t max, bool multiline) {
  auto cps = CodePoints(s);
  if (!cps) return "err.text.chars";
  for (UChar32 c : *cps) {
    bool allowed = (multiline && (c == '\n' || c == '\r' || c == '\t')) ||
                   (c >= 0x200C && c <= 0x200F);
    if (u_iscntrl(c) && !allowed) return "err.text.chars";
  }
  if (cps->size() > max) return "err.text.length";
  return nullptr;
}

// A person's name in any script: letters (with their combining marks and joiners), single
// spaces, apostrophes, hyphens and periods; at least one letter. Rewrites `name` in NFC
// with runs of spaces collapsed and U+2019 as "'". Returns the error key, or nullptr.
const char* NormalizeName(std::string& name) {
  if (!CodePoints(name)) return "err.name.chars";
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return "err.name.chars";
  icu::UnicodeString nfc_text = nfc->normalize(icu::UnicodeString::fromUTF8(name), status);
  if (U_FAILURE(status)) return "err.name.chars";
  std::string nfc_utf8;
  nfc_text.toUTF8String(nfc_utf8);
  const std::vector<UChar32> cps = *CodePoints(nfc_utf8);  // NFC of valid UTF-8 is valid

  std::vector<UChar32> out;
  bool after_letter = false, any_letter = false;
  for (UChar32 c : cps) {
    if (c == 0x2019) c = '\'';
    if (c == 0xA0) c = ' ';
    if (u_isalpha(c)) {
      after_letter = any_letter = true;
    } else if (IsMark(c) || c == 0x200C || c == 0x200D) {
      if (!after_letter) return "err.name.chars";
    } else if (c == ' ' || c == '\'' || c == '-' || c == '.') {
      after_letter = false;
      if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    } else {
      return "err.name.chars";  // digits, symbols, emoji, control characters
    }
    out.push_back(c);
  }
  if (!any_letter) return "err.name.chars";
  if (out.size() > kMaxNameCodePoints) return "err.name.length";
  name = ToUtf8(out);
  return nullptr;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// "1850-01-01": well formed, but Date::Parse refuses years before 1900.
bool YearBefore1900(const std::string& v) {
  if (v.size() != 10 || v[4] != '-' || v[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(v[i])) return false;
  }
  return v.compare(0, 4, "1900") < 0;
}

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}

// The checks every field shares, bound to one error list.
class Rules {
 public:
  Rules(Errors& errors, Date today) : errors_(errors), today_(today) {}

  bool Required(const std::string& field, const std::string& v) {
    if (!v.empty()) return true;
    errors_.Add(field, "err.required");
    return false;
  }
  void Text(const std::string& field, const std::string& v, bool required = true,
            size_t max = kMaxTextCodePoints, bool multiline = false) {
    if (v.empty()) {
      if (required) errors_.Add(field, "err.required");
      return;
    }
    if (const char* key = CheckText(v, max, multiline)) errors_.Add(field, key);
  }
  void Name(const std::string& field, std::string& v) {
    if (!Required(field, v)) return;
    if (const char* key = NormalizeName(v)) errors_.Add(field, key);
  }
  void Choice(const std::string& field, const std::string& v,
              const std::vector<std::string>& list) {
    if (Required(field, v) && !Contains(list, v)) errors_.Add(field, "err.choice");
  }
  // A calendar date; nullopt (with the error reported) when missing or invalid.
  std::optional<Date> DateOf(const std::string& field, const std::string& v,
                             bool required = true) {
    if (v.empty()) {
      if (required) errors_.Add(field, "err.required");
      return std::nullopt;
    }
    auto d = Date::Parse(v);
    if (!d) errors_.Add(field, YearBefore1900(v) ? "err.date.before_1900" : "err.date.invalid");
    return d;
  }
  // A date that has already happened (birth, passport issue).
  std::optional<Date> PastDate(const std::string& field, const std::string& v,
                               bool required = true) {
    auto d = DateOf(field, v, required);
    if (d && *d > today_) {
      errors_.Add(field, "err.date.future");
      return std::nullopt;
    }
    return d;
  }
  void NotBefore(const std::string& field, const std::optional<Date>& d,
                 const std::optional<Date>& limit, const char* key) {
    if (d && limit && *d < *limit) errors_.Add(field, key);
  }
  void Phone(const std::string& field, std::string& v, std::string_view region) {
    if (!Required(field, v)) return;
    auto e164 = NormalizePhone(v, region);
    if (!e164.ok()) {
      errors_.Add(field, "err.phone.invalid");
      return;
    }
    v = *e164;
  }

  Errors& errors() { return errors_; }
  const Date& today() const { return today_; }

 private:
  Errors& errors_;
  Date today_;
};

// Returns the birth date when valid, for the checks of later dates.
std::optional<Date> CheckIdentity(Identity& id, const ValidationContext& ctx, Rules& r,
                                  std::vector<std::string>& flags) {
  RemoveSpaces(id.nik);
  Upper(id.sex);
  // The NIK is matched against the birth date and sex, which come later in the form.
  std::optional<Date> birth = Date::Parse(id.birth_date);
  if (birth && *birth > r.today()) birth.reset();
  if (r.Required("identity.nik", id.nik)) {
    NikCheck nik = CheckNik(id.nik, birth, id.sex, ctx);
    r.errors().AddAll(nik.errors);
    flags.insert(flags.end(), nik.flags.begin(), nik.flags.end());
  }
  r.Name("identity.full_name", id.full_name);
  r.Text("identity.birth_place", id.birth_place);
  r.PastDate("identity.birth_date", id.birth_date);
  r.Choice("identity.sex", id.sex, {"L", "P"});
  r.Choice("identity.marital_status", id.marital_status, kMaritalStatuses);
  r.Text("identity.occupation", id.occupation);
  r.Choice("identity.education", id.education, kEducationLevels);
  std::string& regency = id.origin_regency;
  if (regency.size() == 4 && std::all_of(regency.begin(), regency.end(), IsDigit)) {
    regency.insert(2, ".");  // "3273" as the NIK writes it
  }
  if (r.Required("identity.origin_regency", regency) && !ctx.RegencyCodeExists(regency)) {
    r.errors().Add("identity.origin_regency", "err.region.unknown");
  }
  return birth;
}

void CheckPassport(Passport& p, const std::optional<Date>& birth, Rules& r,
                   std::vector<std::string>& flags) {
  RemoveSpaces(p.number);
  Upper(p.number);
  if (r.Required("passport.number", p.number)) {
    bool shape = p.number.size() >= 6 && p.number.size() <= 9 &&
                 std::all_of(p.number.begin(), p.number.end(),
                             [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); });
    if (!shape) r.errors().Add("passport.number", "err.passport.number");
  }
  auto issue = r.PastDate("passport.issue_date", p.issue_date);
  r.NotBefore("passport.issue_date", issue, birth, "err.date.before_birth");
  auto expiry = r.DateOf("passport.expiry_date", p.expiry_date);
  if (issue && expiry && *expiry <= *issue) {
    r.errors().Add("passport.expiry_date", "err.passport.expiry_before_issue");
  } else if (expiry && *expiry < r.today()) {
    flags.push_back(kFlagPassportExpired);  // still abroad on it: an officer should know
  }
  r.Text("passport.office", p.office);
}

void CheckCategoryDetails(Stay& s, const ValidationContext& ctx, Rules& r) {
  if (s.category != "pmi") s.pmi = {};
  if (s.category != "student") s.student = {};
  if (s.category != "crew") s.crew = {};
  if (s.category == "pmi") {
    r.Text("stay.pmi.employer_name", s.pmi.employer_name);
    r.Text("stay.pmi.employer_address", s.pmi.employer_address, true, kMaxAddressCodePoints,
           true);
    r.Choice("stay.pmi.sector", s.pmi.sector, {"formal", "informal"});
    r.Text("stay.pmi.agency", s.pmi.agency);
    // Not compared with the arrival: a contract that has ended is a case, not a typo.
    r.DateOf("stay.pmi.contract_end_date", s.pmi.contract_end_date);
  } else if (s.category == "student") {
    r.Text("stay.student.institution", s.student.institution);
    r.Text("stay.student.programme", s.student.programme);
  } else if (s.category == "crew") {
    r.Text("stay.crew.vessel_name", s.crew.vessel_name);
    Upper(s.crew.flag_state);
    if (r.Required("stay.crew.flag_state", s.crew.flag_state) &&
        !ctx.CountryExists(s.crew.flag_state)) {
      r.errors().Add("stay.crew.flag_state", "err.country.unknown");
    }
    r.Text("stay.crew.manning_agency", s.crew.manning_agency);
  }
}

void CheckStay(Stay& s, const std::optional<Date>& birth, const ValidationContext& ctx,
               Rules& r) {
  Upper(s.country);
  Upper(s.subdivision);
  bool country_ok = false;
  if (r.Required("stay.country", s.country)) {
    if (s.country == "ID") {
      r.errors().Add("stay.country", "err.country.indonesia");
    } else if (!ctx.CountryExists(s.country)) {
      r.errors().Add("stay.country", "err.country.unknown");
    } else {
      country_ok = true;
    }
  }
  if (country_ok) {
    if (s.subdivision.empty()) {
      if (ctx.SubdivisionsKnown(s.country)) r.errors().Add("stay.subdivision", "err.required");
    } else if (!s.subdivision.starts_with(s.country + "-") ||
               !ctx.SubdivisionExists(s.subdivision)) {
      r.errors().Add("stay.subdivision", "err.subdivision.unknown");
    }
  }
  r.Text("stay.city", s.city);
  r.Text("stay.address", s.address, true, kMaxAddressCodePoints, true);
  // A national number can only be read in a known country; "+..." is read anywhere.
  if (country_ok || s.phone.starts_with('+')) {
    r.Phone("stay.phone", s.phone, country_ok ? s.country : "");
  } else {
    r.Required("stay.phone", s.phone);
  }
  auto arrival = r.DateOf("stay.arrival_date", s.arrival_date);
  if (arrival && arrival->DaysSinceEpoch() - r.today().DaysSinceEpoch() > kArrivalDaysAhead) {
    r.errors().Add("stay.arrival_date", "err.date.future");
  }
  r.NotBefore("stay.arrival_date", arrival, birth, "err.date.before_birth");
  auto end = r.DateOf("stay.expected_end_date", s.expected_end_date, false);
  r.NotBefore("stay.expected_end_date", end, arrival, "err.date.before_arrival");
  r.Choice("stay.category", s.category, kCategories);
  CheckCategoryDetails(s, ctx, r);
}

void CheckFamily(std::vector<FamilyMember>& family, Rules& r) {
  if (family.size() > kMaxFamilyMembers) r.errors().Add("family", "err.family.too_many");
  for (size_t i = 0; i < family.size(); ++i) {
    FamilyMember& m = family[i];
    const std::string prefix = "family." + std::to_string(i) + ".";
    r.Name(prefix + "name", m.name);
    r.Choice(prefix + "relation", m.relation, kFamilyRelations);
    r.PastDate(prefix + "birth_date", m.birth_date);
    RemoveSpaces(m.nik);
    if (!m.nik.empty()) {
      auto parsed = ParseNik(m.nik, prefix + "nik");
      if (!parsed.ok()) r.errors().AddAll(parsed.error().fields);
    }
  }
}

void CheckEmergencyContact(EmergencyContact& c, Rules& r) {
  r.Name("emergency_contact.name", c.name);
  r.Text("emergency_contact.relation", c.relation);
  r.Phone("emergency_contact.phone", c.phone, "ID");
}

}  // namespace

ValidationOutcome ValidateLaporDiri(const LaporDiri& in, const ValidationContext& ctx) {
  ValidationOutcome out;
  out.normalized = in;
  LaporDiri& d = out.normalized;
  TrimAll(d);
  Errors errors(out.errors);
  Rules rules(errors, ctx.Today());

  auto birth = CheckIdentity(d.identity, ctx, rules, out.flags);
  CheckPassport(d.passport, birth, rules, out.flags);
  CheckStay(d.stay, birth, ctx, rules);
  CheckFamily(d.family, rules);
  CheckEmergencyContact(d.emergency_contact, rules);
  return out;
}

}  // namespace peduli::registry
