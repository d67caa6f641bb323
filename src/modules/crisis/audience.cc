#include "modules/crisis/audience.h"

#include <algorithm>
#include <cstdio>

namespace peduli::crisis {
namespace {

// Whole years from a YYYY-MM-DD birth date to `today`; -1 when unreadable.
int Age(const std::string& birth, const std::string& today) {
  if (birth.size() != 10 || today.size() != 10) return -1;
  try {
    int age = std::stoi(today.substr(0, 4)) - std::stoi(birth.substr(0, 4));
    if (today.substr(5) < birth.substr(5)) --age;
    return age;
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

int64_t Vulnerability(const store::AudienceCandidate& c, const std::string& today) {
  int64_t v = 0;
  if (c.category == "pmi" && c.sector == "informal") v += 8;
  const int age = Age(c.birth_date, today);
  if (age >= 0 && (age < 18 || age >= 60)) v += 4;
  if (!c.has_phone) v += 2;
  // Dates are ISO text, so they compare as text.
  if (c.passport_expiry.size() == 10 && c.passport_expiry < today) v += 1;
  return v;
}

VulnerabilityDates DatesFor(const std::string& today) {
  VulnerabilityDates d;
  if (today.size() != 10) return d;
  int year = 0;
  try {
    year = std::stoi(today.substr(0, 4));
  } catch (const std::exception&) {
    return d;
  }
  // Age() counts year - birth year, less one before the birthday (month and day compared as
  // text): under 18 <=> birth > (year - 18) + "-MM-DD"; 60 or more <=> birth <= (year - 60) ...
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d", year - 18);
  d.young_after = buf + today.substr(4);
  std::snprintf(buf, sizeof buf, "%04d", year - 60);
  d.old_until = buf + today.substr(4);
  return d;
}

AudienceBuilder::AudienceBuilder(const Area* area, const Places* places,
                                 std::vector<std::string> categories, std::string today,
                                 bool keep_people)
    : area_(area), places_(places), categories_(std::move(categories)), today_(std::move(today)),
      keep_people_(keep_people) {
  places_->Touched(*area_, &touched_subdivisions_, &touched_countries_);
}

std::set<std::string> AudienceBuilder::Countries() const {
  std::set<std::string> out(area_->countries.begin(), area_->countries.end());
  for (const auto& s : area_->subdivisions) out.insert(s.substr(0, 2));
  out.insert(touched_countries_.begin(), touched_countries_.end());
  return out;
}

void AudienceBuilder::Consider(const store::AudienceCandidate& c) {
  if (!categories_.empty() &&
      std::find(categories_.begin(), categories_.end(), c.category) == categories_.end()) {
    return;
  }
  std::optional<Point> shared;
  if (c.lat && c.lon) shared = Point{*c.lat, *c.lon};
  // A country or subdivision part decides by code; the placement is still counted.
  const bool by_code =
      std::find(area_->countries.begin(), area_->countries.end(), c.country) != area_->countries.end() ||
      (!c.subdivision.empty() && std::find(area_->subdivisions.begin(), area_->subdivisions.end(),
                                           c.subdivision) != area_->subdivisions.end());
  Placement where = places_->Place(shared, c.country, c.subdivision, c.city);
  if (!by_code && !InArea(*area_, where, c.country, c.subdivision)) {
    if (!where.point && touched_subdivisions_.count(c.subdivision.empty() ? c.country : c.subdivision)) {
      ++reach_.unplaced_near;
    }
    return;
  }
  const char* placed = PlacedByCode(where.by);
  ++reach_.total;
  ++reach_.by_mission[c.mission_code];
  ++reach_.by_category[c.category];
  ++reach_.by_placement[placed];
  if (keep_people_) {
    people_.push_back({c.citizen_id, c.stay_id, c.mission_code, c.category, c.subdivision, placed,
                       Vulnerability(c, today_)});
  }
}

}  // namespace peduli::crisis
