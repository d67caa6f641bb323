#pragma once

#include <string>

#include "store/reference_store.h"

namespace peduli::reference {

// Reference records are the rows of the reference tables; see store::ReferenceData for the
// meaning of each field.
using Province = store::ReferenceData::Province;        // "32" Jawa Barat
using Regency = store::ReferenceData::Regency;          // "32.73" Kota Bandung
using District = store::ReferenceData::District;        // "32.73.01" Sukasari
using Country = store::ReferenceData::Country;          // "MY" Malaysia
using Subdivision = store::ReferenceData::Subdivision;  // "MY-12" Sabah
using Mission = store::ReferenceData::Mission;          // a Perwakilan RI, or HQ
using Jurisdiction = store::ReferenceData::Jurisdiction;

// The pseudo-mission of Direktorat Pelindungan WNI in Jakarta: the fallback where no
// mission serves a country.
inline constexpr const char* kHqMission = "HQ-PWNI";

// Values of Assignment::note.
inline constexpr const char* kNoteClear = "";                   // a clear match
inline constexpr const char* kNoteUncertain = "uncertain";      // the source marks it `?`
inline constexpr const char* kNoteDefault = "default_mission";  // area unknown/not covered
inline constexpr const char* kNoteHq = "hq";                    // no mission serves the country

// The mission responsible for a place abroad, and how sure the rule is about it.
struct Assignment {
  std::string mission_code;
  std::string note;  // one of the kNote* values
};

}  // namespace peduli::reference
