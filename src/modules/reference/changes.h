#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"
#include "modules/reference/model.h"
#include "store/reference_store.h"

namespace peduli::reference {

// Kinds of store::MissionChange.
inline constexpr const char* kChangeUpdate = "update";  // some fields of an existing mission
inline constexpr const char* kChangeCreate = "create";  // a new mission
inline constexpr const char* kChangeClose = "close";    // closes it; its areas go to a successor

// The missions and jurisdiction rows at one moment: the CSV baseline with changes applied.
struct MissionSet {
  std::vector<Mission> missions;            // sorted by code
  std::vector<Jurisdiction> jurisdictions;  // in rule order: of equal rows the first wins
};

// Applies one change's JSON `data` (as validated by the admin module) to `set`:
//   name, timezone, address, phone, city: replace the field;
//   working_days: [1..7] ISO weekdays;
//   jurisdictions: [{country, subdivision?, city?}] replaces every row of the mission; a
//     row another mission holds with the same country, subdivision and city moves to this
//     one (a handover);
//   create: type, city, country (and the above) of the new mission;
//   close: successor — every row of the mission goes to it.
// Unknown missions (and a create of an existing code) are ignored: the change was valid
// when saved, and one bad row must not stop every later change.
void ApplyChange(MissionSet& set, const store::MissionChange& change);

// ISO weekdays (1 Monday .. 7 Sunday) as a bit set: bit d-1 for weekday d.
inline constexpr unsigned kMonToFri = 0b0011111;
inline constexpr unsigned kSunToThu = 0b1001111;
// The working week of government offices where no change sets one: Sunday to Thursday in
// most of the Gulf and Arab states, Brunei's Monday–Thursday and Saturday, else Monday to
// Friday.
unsigned DefaultWorkingDays(std::string_view country);
// [1, 3, 5] -> mask; nullopt for an empty list or a number outside 1..7.
std::optional<unsigned> WorkingDaysMask(const std::vector<int>& iso_days);
std::vector<int> WorkingDaysList(unsigned mask);

// Whether `name` is an IANA zone the tz database (howardhinnant-date) knows.
bool ValidTimeZone(const std::string& name);
// The UTC instant at which `day` begins in `tz` (the earliest, should midnight repeat; the
// first instant after a gap, should midnight not exist). nullopt for an unknown zone.
std::optional<int64_t> LocalMidnight(const Date& day, const std::string& tz);

// A mission's wall clock at one instant.
struct MissionTime {
  Date date;              // the local calendar date
  int hour = 0, minute = 0;
  unsigned weekday = 1;   // ISO: 1 Monday .. 7 Sunday
  bool working_day = false;
  std::string zone;       // the IANA name used ("UTC" when the mission's is unknown)
  std::string abbrev;     // "WIB", "CET", "+03"
};
// The local time of `m` at `instant` (its own time zone and working days).
MissionTime LocalTimeOf(const Mission& m, int64_t instant);

}  // namespace peduli::reference
