#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "modules/crisis/area.h"
#include "store/crisis_store.h"

namespace peduli::crisis {

// How many an alert reaches, before or after sending.
struct Reach {
  int64_t total = 0;
  std::map<std::string, int64_t> by_mission;
  std::map<std::string, int64_t> by_category;
  std::map<std::string, int64_t> by_placement;  // position, city, subdivision, country
  // Stays without a point (placed by subdivision or country) in a subdivision that one of
  // the area's shapes touches: not in the audience (see InArea), shown so the officer can
  // add the subdivision by code.
  int64_t unplaced_near = 0;
};

// The call-list order (crisis_people.vulnerability, higher first): 8 for an informal
// migrant worker (pmi, sector informal), +4 for a child (< 18) or an elderly person (>= 60)
// on `today` (YYYY-MM-DD), +2 for a stay without a phone, +1 for an expired passport.
int64_t Vulnerability(const store::AudienceCandidate& c, const std::string& today);

// The same rule as dates the database compares (store::CodeAudience): the age on `today` is
// under 18 exactly when the birth date (YYYY-MM-DD) is after `young_after`, and 60 or more
// exactly when it is on or before `old_until` (today's month and day, 18 and 60 years back).
struct VulnerabilityDates {
  std::string young_after, old_until;
};
VulnerabilityDates DatesFor(const std::string& today);

// Chooses a crisis's audience from the candidates the store streams: a crisis's area,
// categories ([] = all) and mission ("" = HQ's: every mission).
class AudienceBuilder {
 public:
  AudienceBuilder(const Area* area, const Places* places, std::vector<std::string> categories,
                  std::string today, bool keep_people);

  // The countries whose stays are candidates: the area's countries, its subdivisions'
  // countries and the countries its shapes touch.
  std::set<std::string> Countries() const;
  void Consider(const store::AudienceCandidate& c);

  const Reach& reach() const { return reach_; }
  std::vector<store::CrisisPersonWrite>& people() { return people_; }

 private:
  const Area* area_;
  const Places* places_;
  std::vector<std::string> categories_;
  std::string today_;
  bool keep_people_;
  std::set<std::string> touched_subdivisions_, touched_countries_;
  Reach reach_;
  std::vector<store::CrisisPersonWrite> people_;
};

}  // namespace peduli::crisis
