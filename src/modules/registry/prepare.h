#pragma once

#include "core/date.h"
#include "modules/reference/service.h"
#include "modules/registry/validation.h"
#include "store/registry_store.h"

namespace peduli::registry {

// The Lapor Diri rules' view of the reference data. Thread-safe; `ref` must outlive it.
class ReferenceContext final : public ValidationContext {
 public:
  ReferenceContext(const reference::ReferenceService& ref, Date today) : ref_(ref), today_(today) {}
  bool DistrictExists(std::string_view six) const override { return ref_.DistrictByNik(six) != nullptr; }
  bool RegencyExists(std::string_view four) const override { return ref_.RegencyByNik(four) != nullptr; }
  bool CountryExists(std::string_view cc) const override { return ref_.CountryExists(cc); }
  bool SubdivisionExists(std::string_view code) const override { return ref_.SubdivisionExists(code); }
  bool SubdivisionsKnown(std::string_view cc) const override { return ref_.HasSubdivisions(cc); }
  bool RegencyCodeExists(std::string_view dotted) const override { return ref_.RegencyExists(dotted); }
  Date Today() const override { return today_; }

 private:
  const reference::ReferenceService& ref_;
  Date today_;
};

// Validates `in` and makes it ready for storage: normalised data, the validation flags plus
// the jurisdiction flags, the responsible mission and its note. kInvalid with every field
// error. account_id and entered_by are left 0.
Result<store::CitizenWrite> PrepareWrite(const LaporDiri& in, const ValidationContext& ctx,
                                         const reference::ReferenceService& ref, int64_t now);

}  // namespace peduli::registry
