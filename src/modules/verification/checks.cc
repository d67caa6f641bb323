#include "modules/verification/checks.h"

#include "modules/reference/service.h"

namespace peduli::verification {

registries::DukcapilQuery DukcapilQueryOf(const registry::LaporDiri& d) {
  const auto& i = d.identity;
  return {i.nik, i.full_name, i.birth_place, i.birth_date, i.sex};
}

registries::PassportQuery PassportQueryOf(const registry::LaporDiri& d) {
  return {d.passport.number, d.identity.nik, d.identity.full_name, d.identity.birth_date};
}

Outcome FromDukcapil(const registries::DukcapilVerdict& v) {
  Outcome o;
  o.checked_against = {{"fields", {"nik", "full_name", "birth_place", "birth_date", "sex"}}};
  if (!v.found) {
    o.state = "not_found";
    return o;
  }
  for (const auto& [field, matches] : v.fields) {
    if (!matches) o.mismatched.push_back("identity." + field);
  }
  o.state = o.mismatched.empty() ? "match" : "mismatch";
  o.detail["fields"] = v.fields;
  return o;
}

Outcome FromImigrasi(const registries::PassportVerdict& v) {
  Outcome o;
  o.checked_against = {{"fields", {"passport.number", "identity.nik", "identity.full_name",
                                   "identity.birth_date"}}};
  if (!v.found) {
    o.state = "not_found";
    return o;
  }
  for (const auto& f : v.mismatched) o.mismatched.push_back(f);
  o.detail = {{"holder_match", v.holder_match}, {"status", v.status}, {"expiry_date", v.expiry_date}};
  const bool usable = v.status == "valid" || v.status == "expired";
  o.state = v.holder_match && usable && o.mismatched.empty() ? "match" : "mismatch";
  if (!v.holder_match && o.mismatched.empty()) o.mismatched.push_back("passport.number");
  return o;
}

Outcome FromBp2mi(const std::vector<registries::Placement>& placements,
                  const registry::LaporDiri& d, Date today) {
  Outcome o;
  o.checked_against = {{"fields", {"identity.nik", "stay.pmi.employer_name", "stay.country",
                                   "stay.pmi.agency"}}};
  nlohmann::json risks = nlohmann::json::array();
  if (placements.empty()) {
    o.state = "not_found";
    risks.push_back("no_placement_record");
    o.detail["risks"] = risks;
    return o;
  }
  // The placement to compare with: the active one in the reported country, else the latest.
  const registries::Placement* best = &placements.front();
  for (const auto& p : placements) {
    if (p.status == "active" && p.country == d.stay.country) {
      best = &p;
      break;
    }
    if (p.contract_end > best->contract_end) best = &p;
  }
  const auto& pmi = d.stay.pmi;
  if (reference::FoldName(best->employer_name) != reference::FoldName(pmi.employer_name)) {
    o.mismatched.push_back("stay.pmi.employer_name");
    risks.push_back("employer_differs");
  }
  if (best->country != d.stay.country) {
    o.mismatched.push_back("stay.country");
    risks.push_back("country_differs");
  }
  auto end = Date::Parse(best->contract_end);
  if (best->status != "active" || (end && *end < today)) risks.push_back("contract_expired");
  o.state = o.mismatched.empty() ? "match" : "mismatch";
  o.detail = {{"risks", risks},
              {"placement", {{"country", best->country}, {"status", best->status},
                             {"contract_start", best->contract_start},
                             {"contract_end", best->contract_end}}},
              {"placements", placements.size()}};
  return o;
}

std::vector<std::string> SystemsToCheck(const registry::LaporDiri* before,
                                        const registry::LaporDiri& after) {
  std::vector<std::string> out;
  const bool pmi = after.stay.category == "pmi";
  if (!before) {
    out = {kDukcapil, kImigrasi};
    if (pmi) out.push_back(kBp2mi);
    return out;
  }
  const auto& a = before->identity;
  const auto& b = after.identity;
  const bool identity = a.nik != b.nik || a.full_name != b.full_name ||
                        a.birth_place != b.birth_place || a.birth_date != b.birth_date ||
                        a.sex != b.sex;
  const auto& p = before->passport;
  const auto& q = after.passport;
  const bool passport = p.number != q.number || p.issue_date != q.issue_date ||
                        p.expiry_date != q.expiry_date;
  if (identity) out.push_back(kDukcapil);
  if (identity || passport) out.push_back(kImigrasi);
  const auto& x = before->stay;
  const auto& y = after.stay;
  const bool placement = x.category != y.category || x.country != y.country ||
                         x.pmi.employer_name != y.pmi.employer_name ||
                         x.pmi.agency != y.pmi.agency ||
                         x.pmi.contract_end_date != y.pmi.contract_end_date;
  if (pmi && (a.nik != b.nik || placement)) out.push_back(kBp2mi);
  return out;
}

}  // namespace peduli::verification
