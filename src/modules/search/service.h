#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/result.h"
#include "store/search_store.h"

namespace peduli::search {

// What an officer typed, before normalisation. The caller (the route) decides the mission
// from the actor's scope, never from the request: "" only for HQ roles.
struct SearchRequest {
  std::string mission_code;
  store::SearchQuery::Kind kind = store::SearchQuery::kName;
  std::string q;
  int64_t after_id = 0;
  int limit = 20;
};

// Normalises and validates a search, then runs it on the store. The caller audits it.
class SearchService {
 public:
  // `mission_country(code)` gives the ISO country of a mission ("" if unknown): how a
  // phone number in national form is read. For HQ ("" mission) phones must start with "+".
  SearchService(store::SearchStore* store,
                std::function<std::string(const std::string&)> mission_country)
      : store_(store), mission_country_(std::move(mission_country)) {}

  // The normalised text of `r.q`, or Invalid with field "q":
  //  - name: search::NameKey, tokens of one letter dropped when a longer one exists;
  //    "err.search.too_short" when no token has 2 characters, "err.search.too_many_words"
  //    beyond store::kMaxNameTokens;
  //  - NIK: the digits, which must be 16 ("err.search.nik");
  //  - passport: upper case, spaces and '-' removed, 5..12 letters and digits
  //    ("err.search.passport");
  //  - phone: E.164 by registry::NormalizePhone in the mission's country
  //    ("err.search.phone").
  Result<std::string> Normalise(const SearchRequest& r) const;

  // Normalise, then store::SearchStore::Search limited to r.mission_code (limit 1..100).
  Result<store::SearchPage> Search(const SearchRequest& r);

 private:
  store::SearchStore* store_;
  std::function<std::string(const std::string&)> mission_country_;
};

}  // namespace peduli::search
