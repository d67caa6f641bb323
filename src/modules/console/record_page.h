#pragma once

#include <map>
#include <string>

#include "http/message.h"
#include "modules/console/routes.h"
#include "modules/registry/model.h"

namespace peduli::console {

// What a record page shows besides the record: a message, and the decision form as typed
// with its errors.
struct RecordView {
  std::string flash;  // catalog key
  bool flash_error = false;
  std::map<std::string, std::string> decision_values, decision_errors;
};

// Records the read (with `purpose`) in the audit log, then renders the citizen's record:
// identity, passport, stays, family, emergency contact, registry verdicts, the review state
// and its history, who entered it; the decision form for those who may decide and the
// assignment form for supervisors.
http::Response RecordPage(const http::Request& req, const RoutesDeps& d,
                          const registry::CitizenRecord& rec, const std::string& purpose,
                          const RecordView& v, int status = 200);

}  // namespace peduli::console
