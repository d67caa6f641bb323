#pragma once

#include <ctemplate/template.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "http/i18n.h"
#include "modules/reference/service.h"
#include "store/console_store.h"

namespace peduli::console {

// The review of a citizen's report as the citizen sees it: the state, the reason, when and
// by which mission it was decided — never the officer's name.
struct CitizenReview {
  std::string state = "submitted";
  std::string reason;
  std::string mission_code, mission_name, timezone = "UTC";
  int64_t decided_at = 0;
};

CitizenReview CitizenReviewOf(store::ConsoleStore& s, int64_t citizen_id,
                              const reference::ReferenceService& ref);
// {"state", "reason", "decided_at", "mission": {"code", "name"}} (nulls when undecided).
nlohmann::json CitizenReviewJson(const CitizenReview& r);
// Fills the REVIEW section of the citizen's home page; with a correction requested, the
// reason and a link to edit the Lapor Diri.
void FillCitizenReview(ctemplate::TemplateDictionary* content, const CitizenReview& r,
                       const http::Catalog& c, const std::string& lang);

}  // namespace peduli::console
