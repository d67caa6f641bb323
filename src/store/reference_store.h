#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
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

}  // namespace peduli::store
