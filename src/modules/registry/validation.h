#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/error.h"
#include "modules/registry/model.h"
#include "modules/registry/nik.h"

namespace peduli::registry {

// What the Lapor Diri rules need to know about the world: the reference lists and today's
// date. Implemented over the reference module; must be safe to call from several threads.
class ValidationContext : public RegionIndex {
 public:
  // ISO 3166-1 alpha-2, uppercase ("MY").
  virtual bool CountryExists(std::string_view alpha2) const = 0;
  // ISO 3166-2, uppercase ("MY-12").
  virtual bool SubdivisionExists(std::string_view code) const = 0;
  // True when the list has subdivisions for the country, so a stay there must name one.
  virtual bool SubdivisionsKnown(std::string_view alpha2) const = 0;
  // An Indonesian regency in idn-area-data form ("32.73").
  virtual bool RegencyCodeExists(std::string_view dotted) const = 0;
  // Today's date in UTC. Arrival dates may be one day ahead of it (time zones east of UTC).
  virtual Date Today() const = 0;
};

// The result of checking a Lapor Diri. The submission is acceptable when `errors` is empty;
// `flags` (kFlagNikOldDistrict, kFlagPassportExpired) are for an officer and never reject.
struct ValidationOutcome {
  // Every problem found, in form order; `field` is the dotted JSON path ("identity.nik",
  // "stay.pmi.employer_name", "family.0.birth_date") and `key` a message-catalog key
  // (i18n/validation-keys.md). A field has at most one error, except identity.nik, which
  // lists each thing wrong with it.
  std::vector<FieldError> errors;
  std::vector<std::string> flags;
  // The input cleaned: every string trimmed; names in Unicode NFC with single spaces and
  // "'" for a typographic apostrophe; the NIKs and the passport number without spaces;
  // passport number, sex and ISO codes uppercase; phones in E.164 (left as typed when
  // invalid); the details of categories other than `stay.category` cleared. Meant to be
  // stored only when `errors` is empty.
  LaporDiri normalized;

  bool ok() const { return errors.empty(); }
};

// Applies every Lapor Diri rule to `in` and reports all the problems at once (not only the
// first). Pure: no I/O beyond the calls on `ctx`.
ValidationOutcome ValidateLaporDiri(const LaporDiri& in, const ValidationContext& ctx);

}  // namespace peduli::registry
