#pragma once

#include <memory>

#include "modules/reference/service.h"

#include <string>

#include "core/result.h"
#include "store/db.h"
#include "store/reference_store.h"

namespace peduli::reference {

// The reference data read from its source files, and their version.
struct SourceData {
  store::ReferenceData data;
  // Hex SHA-256 over the loader's format tag and the bytes of every file read: changes
  // whenever a package is upgraded, data/missions.csv is edited or the parsing rules change.
  std::string version;
};

// Reads and checks the source files:
//   <web_dir>/node_modules/idn-area-data/data/{provinces,regencies,districts}.csv
//   <web_dir>/node_modules/i18n-iso-countries/langs/{id,en}.json
//   <web_dir>/node_modules/country-state-city/lib/assets/state.json (ISO 3166-2 subdivisions;
//     the few codes it writes differently from ISO are corrected, see loader.cc)
//   <data_dir>/missions.csv
// Fails with kInternal naming the file (and line) when a file is missing or malformed, or
// when missions.csv uses a country, subdivision or mission type the other files do not know.
Result<SourceData> ReadReferenceSources(const std::string& web_dir, const std::string& data_dir);

// Reads the source files and, when their version differs from reference_meta 'version',
// replaces every reference table in one transaction; otherwise writes nothing. Safe to
// run from several servers starting at once. Meant for start-up: on failure the caller
// should not serve.
Status LoadReferenceData(store::Database& db, const std::string& web_dir,
                         const std::string& data_dir);

// LoadReferenceData from `<assets>/web` and `<assets>/data`, then the service over what the
// database now holds: what every process that needs reference data does at start-up.
Result<std::unique_ptr<ReferenceService>> LoadAndOpen(store::Database& db, const std::string& assets);

}  // namespace peduli::reference
