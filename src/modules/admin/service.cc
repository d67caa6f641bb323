#include "modules/admin/service.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/date.h"
#include "modules/registry/phone.h"

namespace peduli::admin {
namespace {

using nlohmann::json;

std::string Trim(std::string s) {
  auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const std::set<std::string> kTypes = {"KBRI", "KJRI", "KRI", "KDEI", "PTRI"};

bool SameAreas(const std::vector<reference::Jurisdiction>& a, const std::vector<AreaInput>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].country != b[i].country || a[i].subdivision != b[i].subdivision ||
        a[i].city != b[i].city) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::vector<AreaInput> ParseAreas(const std::string& text) {
  std::vector<AreaInput> out;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    line = Trim(line);
    if (line.empty()) continue;
    AreaInput a;
    auto bar = line.find('|');
    std::string code = Upper(Trim(line.substr(0, bar)));
    if (bar != std::string::npos) a.city = Trim(line.substr(bar + 1));
    auto dash = code.find('-');
    a.country = code.substr(0, dash);
    if (dash != std::string::npos) a.subdivision = code;
    out.push_back(std::move(a));
  }
  return out;
}

std::string AreasText(const std::vector<reference::Jurisdiction>& rows,
                      const std::string& mission_code) {
  std::string out;
  for (const auto& j : rows) {
    if (j.mission_code != mission_code) continue;
    out += j.subdivision.empty() ? j.country : j.subdivision;
    if (!j.city.empty()) out += " | " + j.city;
    out += '\n';
  }
  return out;
}

Result<int64_t> MissionAdmin::Schedule(const policy::Actor& actor, const std::string& code_in,
                                       const ChangeRequest& req, const std::string& ip,
                                       const std::string& request_id) {
  if (!policy::Allowed(actor, policy::Action::kManageMissions, "")) return Error::Forbidden();
  const std::string code = Upper(Trim(code_in));
  const int64_t now = clock_->NowUnix();
  const bool create = req.kind == reference::kChangeCreate;
  const bool close = req.kind == reference::kChangeClose;
  if (!create && !close && req.kind != reference::kChangeUpdate) {
    return Error::Invalid("kind", "err.choice");
  }
  std::vector<FieldError> errors;
  const reference::Mission* current = ref_->FindMission(code);
  if (!create && !current) return Error::NotFound();
  if (create) {
    static const std::regex kCode("^(KBRI|KJRI|KRI|KDEI|PTRI)-[A-Z0-9]+(-[A-Z0-9]+)*$");
    if (!std::regex_match(code, kCode) || code.size() > 60) {
      errors.push_back({"code", "err.mission.code"});
    } else if (current) {
      errors.push_back({"code", "err.mission.code_taken"});
    } else {
      // A create already scheduled for the code counts as taken too.
      auto all = store_->All();
      if (!all.ok()) return all.take_error();
      for (const auto& c : *all) {
        if (c.mission_code == code && c.cancelled_at == 0) {
          errors.push_back({"code", "err.mission.code_taken"});
          break;
        }
      }
    }
    if (!kTypes.count(req.type)) errors.push_back({"type", "err.choice"});
    if (!ref_->CountryExists(req.country)) errors.push_back({"country", "err.country.unknown"});
    if (!req.city || Trim(*req.city).empty()) errors.push_back({"city", "err.required"});
    if (!req.name || Trim(*req.name).empty()) errors.push_back({"name", "err.required"});
    if (!req.timezone || req.timezone->empty()) errors.push_back({"timezone", "err.required"});
  } else if (current->closed) {
    return Error::Invalid("effective_date", "err.mission.closed");
  } else if (code == reference::kHqMission && close) {
    return Error::Invalid("kind", "err.choice");
  }

  // The effective date is a date of the mission's own zone (a new one's: its own).
  std::string tz = create ? req.timezone.value_or("") : current->timezone;
  if (req.timezone && !req.timezone->empty() && !reference::ValidTimeZone(*req.timezone)) {
    errors.push_back({"timezone", "err.mission.timezone"});
    if (create) tz = "UTC";
  }
  if (!reference::ValidTimeZone(tz)) tz = "UTC";
  auto day = Date::Parse(Trim(req.effective_date));
  std::optional<int64_t> effective_at;
  if (req.effective_date.empty()) {
    errors.push_back({"effective_date", "err.required"});
  } else if (!day) {
    errors.push_back({"effective_date", "err.date.invalid"});
  } else if (*day < LocalDate(now, tz)) {
    errors.push_back({"effective_date", "err.mission.effective_past"});
  } else {
    effective_at = reference::LocalMidnight(*day, tz);
    // Today's change takes effect at once.
    if (effective_at && *effective_at < now) effective_at = now;
  }

  // The mission as it will be just before the date: what "unchanged" compares with.
  reference::MissionSet at =
      ref_->MissionsAt(effective_at ? *effective_at - 1 : now);
  const reference::Mission* base = nullptr;
  for (const auto& m : at.missions) {
    if (m.code == code) base = &m;
  }
  std::vector<reference::Jurisdiction> base_rows;
  for (const auto& j : at.jurisdictions) {
    if (j.mission_code == code) base_rows.push_back(j);
  }

  json data = json::object();
  if (create) {
    data["type"] = req.type;
    data["country"] = req.country;
    data["city"] = Trim(req.city.value_or(""));
  }
  if (close) {
    const std::string successor = Upper(Trim(req.successor));
    const reference::Mission* s = ref_->FindMission(successor);
    if (successor.empty()) {
      errors.push_back({"successor", "err.required"});
    } else if (!s || s->closed || successor == code || successor == reference::kHqMission) {
      errors.push_back({"successor", "err.mission.successor"});
    }
    data["successor"] = successor;
  } else {
    auto text = [&](const char* field, const std::optional<std::string>& v, size_t max,
                    const std::string& was, bool required) {
      if (!v) return;
      std::string t = Trim(*v);
      if (required && t.empty()) {
        errors.push_back({field, "err.required"});
      } else if (t.size() > max) {
        errors.push_back({field, "err.text.length"});
      } else if (create || t != was) {
        data[field] = t;
      }
    };
    text("name", req.name, 200, base ? base->name : "", true);
    if (!create) text("city", req.city, 100, base ? base->city : "", true);
    text("address", req.address, 400, base ? base->address : "", false);
    if (req.timezone && reference::ValidTimeZone(*req.timezone) &&
        (create || !base || *req.timezone != base->timezone)) {
      data["timezone"] = *req.timezone;
    }
    if (req.phone) {
      std::string p = Trim(*req.phone);
      if (!p.empty()) {
        auto normal = registry::NormalizePhone(p, create ? req.country : current->country);
        if (!normal.ok()) {
          errors.push_back({"phone", "err.phone.invalid"});
        } else {
          p = *normal;
        }
      }
      if (create || !base || p != base->phone) data["phone"] = p;
    }
    if (req.working_days) {
      auto mask = reference::WorkingDaysMask(*req.working_days);
      if (!mask) {
        errors.push_back({"working_days", "err.mission.working_days"});
      } else if (create || !base || *mask != base->working_days) {
        data["working_days"] = reference::WorkingDaysList(*mask);
      }
    }
    if (req.jurisdictions) {
      std::vector<AreaInput> rows;
      bool bad = false;
      for (AreaInput a : *req.jurisdictions) {
        a.country = Upper(Trim(a.country));
        a.subdivision = Upper(Trim(a.subdivision));
        a.city = Trim(a.city);
        if (!ref_->CountryExists(a.country)) {
          errors.push_back({"jurisdictions", "err.country.unknown"});
        } else if (!a.subdivision.empty() &&
                   (!ref_->SubdivisionExists(a.subdivision) ||
                    a.subdivision.rfind(a.country + "-", 0) != 0)) {
          errors.push_back({"jurisdictions", "err.subdivision.unknown"});
        } else if (!a.city.empty() && a.subdivision.empty()) {
          errors.push_back({"jurisdictions", "err.mission.city_without_subdivision"});
        } else if (a.city.size() > 100) {
          errors.push_back({"jurisdictions", "err.text.length"});
        } else {
          bool dup = std::any_of(rows.begin(), rows.end(), [&](const AreaInput& r) {
            return r.country == a.country && r.subdivision == a.subdivision && r.city == a.city;
          });
          if (!dup) rows.push_back(std::move(a));
          continue;
        }
        bad = true;
        break;
      }
      if (!bad && (create || !SameAreas(base_rows, rows))) {
        json js = json::array();
        for (const auto& r : rows) {
          json row = {{"country", r.country}};
          if (!r.subdivision.empty()) row["subdivision"] = r.subdivision;
          if (!r.city.empty()) row["city"] = r.city;
          js.push_back(std::move(row));
        }
        data["jurisdictions"] = std::move(js);
      }
    }
  }
  if (errors.empty() && !create && !close && data.empty()) {
    errors.push_back({"effective_date", "err.mission.no_change"});
  }
  if (!errors.empty()) return Error::Invalid(std::move(errors));

  store::MissionChange change;
  change.mission_code = code;
  change.kind = req.kind;
  change.effective_date = day->ToString();
  change.effective_at = *effective_at;
  change.data = data.dump();
  change.created_by = actor.account_id;
  change.created_at = now;
  return Save(actor, std::move(change), "mission_change_scheduled", ip, request_id);
}

Result<int64_t> MissionAdmin::Save(const policy::Actor& actor, store::MissionChange change,
                                   const std::string& action, const std::string& ip,
                                   const std::string& request_id) {
  json detail = {{"mission_code", change.mission_code}, {"kind", change.kind},
                 {"effective_date", change.effective_date}, {"data", json::parse(change.data)}};
  auto entry = audit_->MakeEntry(actor, action, 0, "mission_admin", ip, request_id, detail);
  auto id = store_->Add(change, entry);
  if (!id.ok()) return id;
  // This server sees it at once; others at their next poll.
  (void)ref_->Reload();
  return id;
}

Status MissionAdmin::Cancel(const policy::Actor& actor, const std::string& code,
                            int64_t change_id, const std::string& ip,
                            const std::string& request_id) {
  if (!policy::Allowed(actor, policy::Action::kManageMissions, "")) return Error::Forbidden();
  auto entry = audit_->MakeEntry(actor, "mission_change_cancelled", 0, "mission_admin", ip,
                                 request_id, {{"mission_code", code}, {"change_id", change_id}},
                                 {change_id});
  PEDULI_TRY(store_->Cancel(change_id, code, actor.account_id, clock_->NowUnix(), entry));
  (void)ref_->Reload();
  return Status::Ok();
}

Result<std::vector<store::MissionChange>> MissionAdmin::History(const std::string& code) {
  auto all = store_->All();
  if (!all.ok()) return all.take_error();
  std::vector<store::MissionChange> out;
  for (auto it = all->rbegin(); it != all->rend(); ++it) {
    if (it->mission_code == code) out.push_back(std::move(*it));
  }
  return out;
}

Result<std::map<std::string, int>> MissionAdmin::PendingCounts() {
  auto all = store_->All();
  if (!all.ok()) return all.take_error();
  const int64_t now = clock_->NowUnix();
  std::map<std::string, int> out;
  for (const auto& c : *all) {
    if (c.cancelled_at == 0 && c.effective_at > now) ++out[c.mission_code];
  }
  return out;
}

}  // namespace peduli::admin
