#include "modules/registry/prepare.h"

namespace peduli::registry {

Result<store::CitizenWrite> PrepareWrite(const LaporDiri& in, const ValidationContext& ctx,
                                         const reference::ReferenceService& ref, int64_t now) {
  ValidationOutcome v = ValidateLaporDiri(in, ctx);
  if (!v.ok()) return Error::Invalid(std::move(v.errors));
  store::CitizenWrite w;
  w.data = std::move(v.normalized);
  w.flags = std::move(v.flags);
  const auto& st = w.data.stay;
  reference::Assignment a = ref.ResolveMission(st.country, st.subdivision, st.city);
  if (a.note == reference::kNoteDefault) w.flags.push_back(kFlagJurisdictionDefault);
  if (a.note == reference::kNoteUncertain) w.flags.push_back(kFlagJurisdictionUncertain);
  if (a.note == reference::kNoteHq) w.flags.push_back(kFlagJurisdictionHq);
  w.mission_code = std::move(a.mission_code);
  w.jurisdiction_note = std::move(a.note);
  w.now = now;
  return w;
}

}  // namespace peduli::registry
