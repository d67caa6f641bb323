#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// One crisis (tables crises, 0019 and 0020) as the alert side reads and writes it.
struct CrisisRow {
  int64_t id = 0;
  std::string mission_code;  // "" = HQ's
  std::string level;         // information, caution, danger, evacuate
  std::string title_id, title_en, text_id, text_en;
  std::string area;        // JSON (crisis/area.h)
  std::string categories;  // JSON array of stay categories; [] = everyone
  bool safety_check = false;
  // Text channels of its alerts: sms, whatsapp, "sms,whatsapp" or none (0033).
  std::string text_channels = "sms";
  std::string state;  // draft, active, closed
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t activated_at = 0;
  int64_t closed_at = 0;
};

// The phone channels a text_channels value names, in order: "sms,whatsapp" -> {sms,
// whatsapp}, "none" -> {}.
inline std::vector<std::string> TextChannelList(const std::string& text_channels) {
  std::vector<std::string> out;
  for (const char* c : {"sms", "whatsapp"}) {
    if (text_channels.find(c) != std::string::npos) out.emplace_back(c);
  }
  return out;
}

// One send of a crisis: its text as sent.
struct CrisisAlertRow {
  int64_t id = 0;
  int64_t crisis_id = 0;
  std::string level, title_id, title_en, text_id, text_en;
  bool safety_check = false;
  std::string text_channels = "sms";  // as on CrisisRow: the channels it was queued on
  int64_t sent_by = 0;
  int64_t sent_at = 0;
  int64_t audience = 0;
  int64_t queued = 0;
};

// An active stay that may be in a crisis's audience, with what placement and vulnerability
// need. Read page by page (ForEachCandidate), never all at once.
struct AudienceCandidate {
  int64_t citizen_id = 0;
  int64_t stay_id = 0;
  std::string mission_code, country, subdivision, city, category;
  bool has_phone = false;
  std::string birth_date;       // YYYY-MM-DD or ""
  std::string passport_expiry;  // YYYY-MM-DD or ""
  std::string sector;           // pmi: formal, informal, ""
  std::optional<double> lat, lon;  // citizen_positions
};

// A row of crisis_people as the first alert writes it.
struct CrisisPersonWrite {
  int64_t citizen_id = 0;
  int64_t stay_id = 0;
  std::string mission_code, category, subdivision, placed_by;
  int64_t vulnerability = 0;
};

// The audience of an area made only of countries and subdivisions: selected, placed and
// scored by the database (SendByCodes), the same rows AudienceBuilder would write.
struct CodeAudience {
  std::vector<std::string> countries;     // ISO 3166-1 alpha-2
  std::vector<std::string> subdivisions;  // ISO 3166-2
  std::vector<std::string> categories;    // [] = every category
  std::string mission;                    // "" = every mission
  // crisis/audience.h VulnerabilityDates: a child is born after `young_after`, an elderly
  // person on or before `old_until`; a passport expired before `today`.
  std::string today, young_after, old_until;
  // Whether the city data places a stay of (country, subdivision, city) by its city.
  std::function<bool(const std::string&, const std::string&, const std::string&)> city_known;
};

class CrisisStore {
 public:
  explicit CrisisStore(Database* db) : db_(db) {}

  Result<int64_t> Create(const CrisisRow& c, const AuditEntry& audit);
  // Level, titles, texts, area, categories and safety check of a crisis that is not closed.
  // The area and categories of an active crisis are kept: its audience is fixed.
  Status Update(const CrisisRow& c, const AuditEntry& audit);
  // kNotFound when absent.
  Result<CrisisRow> Get(int64_t id);
  // Newest first. `mission_scope` "" = every crisis; otherwise HQ's crises and that
  // mission's own.
  Result<std::vector<CrisisRow>> List(const std::string& mission_scope, int limit);

  // Calls `fn` for each active stay of an active citizen in `country` (and of `mission`
  // unless ""), in stay id order, a page at a time.
  Status ForEachCandidate(const std::string& country, const std::string& mission,
                          const std::function<void(const AudienceCandidate&)>& fn);

  struct SendResult {
    CrisisAlertRow alert;
    bool first = false;  // this send fixed the audience
  };
  // In one transaction: when the crisis is still a draft, makes it active and writes
  // `people` as its audience (crisis_people); then records the alert and queues, for every
  // person of the audience, one outbox message per channel they can be reached on (email:
  // a verified account address; sms and whatsapp: the stay's phone; portal: an account),
  // kind "crisis_alert", ref "crisis:<id>", deduplicated per alert, channel and citizen.
  // kConflict (crisis.err.closed) for a closed crisis.
  Result<SendResult> Send(int64_t crisis_id, const std::vector<CrisisPersonWrite>& people,
                          const CrisisAlertRow& alert, const AuditEntry& audit);
  // As Send, but when the crisis is still a draft its audience is `codes`, written by one
  // INSERT ... SELECT per country and subdivision (and category) in the same transaction:
  // the audience never travels through the server.
  Result<SendResult> SendByCodes(int64_t crisis_id, const CodeAudience& codes,
                                 const CrisisAlertRow& alert, const AuditEntry& audit);
  Result<std::vector<CrisisAlertRow>> Alerts(int64_t crisis_id);
  Result<CrisisAlertRow> GetAlert(int64_t alert_id);
  // The fixed audience counted by placement method and by mission.
  Result<std::map<std::string, int64_t>> PeopleBy(int64_t crisis_id, bool by_mission);

  // citizen_positions: the last position a citizen shared (an upsert).
  Status SharePosition(int64_t citizen_id, double lat, double lon, int64_t now);

 private:
  // The send transaction; `write_people` fixes the audience when the crisis is a draft.
  Result<SendResult> SendWith(int64_t crisis_id,
                              const std::function<Status(Connection&)>& write_people,
                              const CrisisAlertRow& alert, const AuditEntry& audit);

  Database* db_;
};

}  // namespace peduli::store
