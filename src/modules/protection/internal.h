// Small helpers shared by the protection module's .cc files (service, actions, referrals,
// risk). Not part of the module's interface: include only from src/modules/protection.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace peduli::protection::internal {

// The purpose every staff read and write of a case is audited with.
inline constexpr const char* kPurpose = "perlindungan";

inline bool In(const std::vector<std::string>& list, const std::string& v) {
  return std::find(list.begin(), list.end(), v) != list.end();
}
inline bool Blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }
inline bool Finished(const std::string& state) { return state == "resolved" || state == "closed"; }

inline std::string Trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

// Allowed moves of the state machine; resolved and closed may be reopened to in_progress.
inline bool MayMove(const std::string& from, const std::string& to) {
  if (from == to) return false;
  if (to == "new") return false;
  if (to == "triaged") return from == "new";
  if (to == "in_progress") return true;
  return to == "resolved" || to == "closed";
}

}  // namespace peduli::protection::internal
