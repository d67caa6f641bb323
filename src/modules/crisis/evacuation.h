#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "http/i18n.h"
#include "modules/crisis/safety.h"

namespace peduli::crisis {

extern const std::vector<std::string> kTransportModes;  // air, sea, land

// What an officer sets on an evacuee.
struct EvacInput {
  std::vector<int64_t> family_ids;  // family members (of the record) travelling along
  // Their passports as shown to the officer, by family member id (only those travelling are
  // kept). Validated like a Lapor Diri passport; none, or expired, means an SPLP is needed.
  std::map<int64_t, store::FamilyDocument> documents;
  std::string destination;          // where in Indonesia; "" = the record's origin regency
  std::string splp_number;          // the SPLP issued, when the passport is missing or expired
  int64_t transport_id = 0;         // 0 = not on a transport yet
  bool keep_existing = false;       // marking from the call list: an existing mark stays
};

// One line of a manifest: the evacuee or a family member travelling with them.
struct ManifestLine {
  int64_t citizen_id = 0;
  std::string name, relation;  // relation "" for the evacuee
  std::string document;        // passport or SPLP number ("" = none yet)
  std::string document_kind;   // passport, splp, ""
  std::string birth_date;
  std::string destination;
  bool needs_splp = false;
};

struct Manifest {
  store::SafetyCrisis crisis;
  store::TransportRow transport;  // id 0: everyone marked, whatever the transport
  std::vector<ManifestLine> lines;
};

// Whether the evacuee needs an SPLP: no passport, or a passport expired by `today`
// (YYYY-MM-DD), and no SPLP number recorded yet.
bool NeedsSplp(const store::EvacEntry& e, const std::string& today);
// The same for a family member travelling along: no passport recorded at marking, or one
// expired by `today`.
bool FamilyNeedsSplp(const store::EvacEntry& e, int64_t family_id, const std::string& today);

// Item 4 of issue 9: evacuation marks, transports and manifests. Reading and exporting:
// kReadCrisis (mission staff their mission's evacuees, HQ all), audited; marking and
// transports: kRecordSafety on the citizen's (the actor's) mission, audited.
class EvacuationService {
 public:
  explicit EvacuationService(SafetyService* safety) : safety_(safety) {}

  Status Mark(const SafetyContext& ctx, int64_t crisis_id, int64_t citizen_id, EvacInput in);
  Status Unmark(const SafetyContext& ctx, int64_t crisis_id, int64_t citizen_id);
  Result<int64_t> CreateTransport(const SafetyContext& ctx, int64_t crisis_id,
                                  const std::string& name, const std::string& mode,
                                  int64_t departure_at);
  Result<std::vector<store::TransportRow>> Transports(const SafetyContext& ctx, int64_t crisis_id);
  // Evacuees (transport -1 = any, 0 = none yet), audited as a read of their records.
  Result<std::vector<store::EvacEntry>> Evacuees(const SafetyContext& ctx, int64_t crisis_id,
                                                 int64_t transport_id);
  // The manifest of a transport (0: every evacuee), audited as an export.
  Result<Manifest> BuildManifest(const SafetyContext& ctx, int64_t crisis_id, int64_t transport_id,
                                 const std::string& format);

  const Clock& clock() const { return safety_->clock(); }

 private:
  SafetyService* safety_;
};

// The manifest as XLSX (libxlsxwriter; strings written as strings, never formulas) and as a
// PDF table on A4 landscape pages (cairo + pango, like the Lapor Diri receipt).
// The cells of one manifest line (numbered `n`) and the title, shared by both formats; the
// words come from the catalogs (safety.manifest.*) in `lang`.
std::vector<std::string> ManifestHeader(const http::Catalog& texts, const std::string& lang);
std::vector<std::string> ManifestCells(const http::Catalog& texts, const ManifestLine& l, size_t n,
                                       const std::string& lang);
std::string ManifestTitle(const http::Catalog& texts, const Manifest& m, const std::string& lang);
Result<std::string> ManifestXlsx(const http::Catalog& texts, const Manifest& m, const std::string& lang);
Result<std::string> ManifestPdf(const http::Catalog& texts, const Manifest& m, const std::string& lang);

}  // namespace peduli::crisis
