#include "modules/audit/service.h"

#include <algorithm>
#include <ctime>

namespace peduli::audit {

std::string IsoUtc(int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void AppendCsvCell(std::string& out, std::string_view value) {
  // A spreadsheet runs a cell starting with one of these as a formula (OWASP CSV injection).
  const bool formula =
      !value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string_view::npos;
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) {
    if (formula) out += '\'';
    out.append(value);
    return;
  }
  out += '"';
  if (formula) out += '\'';
  for (char ch : value) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

std::string CsvCell(const std::string& value) {
  std::string out;
  AppendCsvCell(out, value);
  return out;
}

store::AuditEntry AuditService::MakeEntry(const Actor& actor, const std::string& action,
                                          int64_t citizen_id, const std::string& purpose,
                                          const std::string& ip, const std::string& request_id,
                                          const nlohmann::json& detail,
                                          const std::vector<int64_t>& record_ids) const {
  store::AuditEntry e;
  e.at = clock_->NowUnix();
  e.actor_account_id = actor.account_id;
  e.actor_role = actor.role;
  e.actor_mission = actor.mission_code;
  e.action = action;
  e.citizen_id = citizen_id;
  if (!record_ids.empty()) e.record_ids = nlohmann::json(record_ids).dump();
  e.purpose = purpose;
  e.ip = ip;
  e.request_id = request_id;
  if (!detail.is_null()) e.detail = detail.dump();
  return e;
}

Status AuditService::Record(const Actor& actor, const std::string& action, int64_t citizen_id,
                            const std::string& purpose, const std::string& ip,
                            const std::string& request_id, const nlohmann::json& detail,
                            const std::vector<int64_t>& record_ids) {
  return store_->Append(
      MakeEntry(actor, action, citizen_id, purpose, ip, request_id, detail, record_ids));
}

Result<std::string> AuditService::ExportCsv(const store::AuditFilter& filter) {
  std::string out =
      "id,at,actor_account_id,actor_role,actor_mission,action,citizen_id,record_ids,purpose,"
      "ip,request_id,detail,prev_hash,hash\r\n";
  store::AuditFilter f = filter;
  f.after_id = 0;
  f.limit = 1000;
  int64_t rows = 0;
  for (;;) {
    auto page = store_->Query(f);
    if (!page.ok()) return page.take_error();
    for (const auto& e : *page) {
      if (++rows > kMaxExportRows) return Error::Invalid("limit", "err.audit.export_too_large");
      const std::string cells[] = {
          std::to_string(e.id), IsoUtc(e.at),
          e.actor_account_id ? std::to_string(e.actor_account_id) : "",
          e.actor_role, e.actor_mission, e.action,
          e.citizen_id ? std::to_string(e.citizen_id) : "",
          e.record_ids, e.purpose, e.ip, e.request_id, e.detail, e.prev_hash, e.hash};
      bool first = true;
      for (const auto& c : cells) {
        if (!first) out += ',';
        first = false;
        out += CsvCell(c);
      }
      out += "\r\n";
    }
    if (static_cast<int>(page->size()) < f.limit) break;
    f.after_id = page->back().id;
  }
  return out;
}

Result<std::vector<CitizenAccess>> AuditService::CitizenView(int64_t citizen_id, int limit) {
  auto entries = store_->ForCitizen(citizen_id, limit);
  if (!entries.ok()) return entries.take_error();
  std::vector<CitizenAccess> out;
  for (const auto& e : *entries) {
    // The citizen's own actions are not "someone opened my record".
    if (e.actor_role.empty() || e.actor_role == "citizen") continue;
    out.push_back({e.at, e.actor_role, e.actor_mission, e.action, e.purpose});
  }
  return out;
}

}  // namespace peduli::audit
