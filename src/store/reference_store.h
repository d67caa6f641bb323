#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "store/audit_store.h"
#include "store/db.h"

namespace peduli::store {

// The whole reference data set: Indonesian regions (idn-area-data), countries, their ISO
// 3166-2 subdivisions, and the missions with their jurisdictions. Codes are stored as the
// sources write them; empty text stands for SQL NULL.
struct ReferenceData {
  struct Province {
    std::string code;  // "32"
    std::string name;
  };
  struct Regency {
    std::string code;  // "32.73"
    std::string province_code;
    std::string name;
  };
  struct District {
    std::string code;  // "32.73.01"
    std::string regency_code;
    std::string name;
  };
  struct Country {
    std::string code;  // ISO 3166-1 alpha-2, "MY"
    std::string name_id;
    std::string name_en;
  };
  struct Subdivision {
    std::string code;  // ISO 3166-2, "MY-12"
    std::string country;
    std::string name;
  };
  struct Mission {
    std::string code;  // "KJRI-KOTA-KINABALU"
    std::string type;  // KBRI, KJRI, KRI, KDEI, PTRI, HQ
    std::string name;
    std::string city;
    std::string country;
    std::string timezone;  // IANA
    std::string address;   // "" when unknown
    std::string phone;     // "" when unknown
    std::string notes;
    // Set by HQ's changes (mission_changes), not by missions.csv:
    unsigned working_days = 0;  // bit d-1 for ISO weekday d (1 Monday .. 7 Sunday); 0: default
    bool closed = false;        // closed; its jurisdiction went to `successor`
    std::string successor;
  };
  // One place a mission serves: a whole country (subdivision ""), one subdivision (city ""),
  // or one city of a subdivision split between missions.
  struct Jurisdiction {
    std::string mission_code;
    std::string country;
    std::string subdivision;
    std::string city;
    bool uncertain = false;  // the source marks it unconfirmed
  };

  std::vector<Province> provinces;
  std::vector<Regency> regencies;
  std::vector<District> districts;
  std::vector<Country> countries;
  std::vector<Subdivision> subdivisions;
  std::vector<Mission> missions;
  // In the order of the source file: where two rows are equally specific, the first wins.
  std::vector<Jurisdiction> jurisdictions;
};

// The reference tables (migration 0001_reference.sql). They are only ever replaced whole.
// Thread-safe: each call leases its own connection.
class ReferenceStore {
 public:
  virtual ~ReferenceStore() = default;

  // The version of the data last stored (reference_meta 'version'), "" when none.
  virtual Result<std::string> Version() = 0;

  // In one write transaction: unless the stored version already equals `version`, deletes
  // every row of the reference tables, inserts `data` and records `version`. Concurrent
  // callers (several servers starting at once) are serialised; the later one then sees the
  // new version and writes nothing. Returns true when it replaced the data. On any failure
  // nothing changes.
  virtual Result<bool> Replace(const ReferenceData& data, const std::string& version) = 0;

  // Everything stored: regions, countries, subdivisions and missions sorted by code;
  // jurisdictions in their original order.
  virtual Result<ReferenceData> ReadAll() = 0;
};

// The implementation over `db` (same SQL on SQLite and PostgreSQL). `db` must outlive it.
std::unique_ptr<ReferenceStore> NewReferenceStore(Database& db);

// One change to a mission scheduled by HQ (migration 0012_mission_changes.sql).
struct MissionChange {
  int64_t id = 0;
  std::string mission_code;
  std::string kind;            // update, create, close
  std::string effective_date;  // YYYY-MM-DD in the mission's time zone
  int64_t effective_at = 0;    // UTC instant of that date's local midnight
  std::string data;            // JSON object of the fields it sets
  int64_t created_by = 0, created_at = 0;
  int64_t cancelled_by = 0, cancelled_at = 0;  // 0: not cancelled
  int64_t applied_at = 0;                      // 0: its stays not handed over yet
  int64_t moved_stays = 0;
};

// A current stay as the jurisdiction handover sees it.
struct CurrentStay {
  int64_t id = 0, citizen_id = 0;
  std::string mission_code, country, subdivision, city;
};

// Where a handed-over stay goes: the new mission and its jurisdiction note; an empty
// mission_code leaves the stay where it is.
struct StayMove {
  std::string mission_code;
  std::string note;
};

// The scheduled mission changes. Thread-safe: each call leases its own connection.
class MissionChangeStore {
 public:
  explicit MissionChangeStore(Database* db) : db_(db) {}

  // A counter bumped by every Add, Cancel and Apply: cheap to poll.
  Result<int64_t> Version();
  // Every change (cancelled ones too), in id order.
  Result<std::vector<MissionChange>> All();
  // Appends `c` (its id, cancel and apply fields ignored) and `audit` in one transaction.
  // Returns the new id.
  Result<int64_t> Add(const MissionChange& c, const AuditEntry& audit);
  // Cancels change `id` of `mission_code` in one transaction with `audit`, if it has not
  // taken effect at `now`. NotFound when there is no such change; Conflict
  // ("err.mission.change_final") when it is already cancelled or in effect.
  Status Cancel(int64_t id, const std::string& mission_code, int64_t by, int64_t now,
                const AuditEntry& audit);
  // Hands over the current stays of change `id` in one transaction, once across every
  // server: claims the change (applied_at), then for each current stay at one of
  // `missions` asks `move`; a stay it moves is ended (end_reason 'jurisdiction') and an
  // equal stay starts at the new mission at `now`, and the search index follows. Returns
  // how many moved, or -1 when another server (or an earlier call) already applied it.
  Result<int64_t> Apply(int64_t id, int64_t now, const std::vector<std::string>& missions,
                        const std::function<StayMove(const CurrentStay&)>& move);

 private:
  Database* db_;
};

}  // namespace peduli::store
