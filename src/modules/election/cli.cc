#include "modules/election/cli.h"

#include <fstream>
#include <iostream>

#include "core/clock.h"
#include "core/date.h"
#include "modules/audit/service.h"
#include "modules/election/export.h"
#include "modules/election/service.h"
#include "store/audit_store.h"
#include "store/db.h"
#include "store/migrate.h"

namespace peduli::election {

namespace {

// The operator at the command line: not a portal account.
const policy::Actor kCli{0, "cli", ""};


// What every command works with: the migrated database, the election store and the audit
// log, opened once. nullptr (the reason written to `err`) when the database fails.
struct Cli {
  std::unique_ptr<store::Database> db;
  SystemClock clock;
  std::unique_ptr<store::ElectionStore> store;
  std::unique_ptr<store::AuditStore> audit_store;
  std::unique_ptr<audit::AuditService> audit;
};

// Threads writing the whole list's PPLNs at once (the machines have 2 cores); the pool
// has one more connection for the audit record.
constexpr int kExportWorkers = 2;

std::unique_ptr<Cli> Open(const std::string& url, const char* what, std::ostream& err) {
  auto db = store::Open(url, kExportWorkers + 1);
  if (!db.ok()) {
    err << "election " << what << ": cannot open the database: " << db.error().message << "\n";
    return nullptr;
  }
  if (auto s = store::Migrate(**db); !s.ok()) {
    err << "election " << what << ": " << s.error().message << "\n";
    return nullptr;
  }
  auto c = std::make_unique<Cli>();
  c->db = std::move(db.value());
  c->store = std::make_unique<store::ElectionStore>(c->db.get());
  c->audit_store = std::make_unique<store::AuditStore>(c->db.get());
  c->audit = std::make_unique<audit::AuditService>(c->audit_store.get(), &c->clock);
  return c;
}

int Fail(const char* what, const Error& e, std::ostream& err) {
  err << "election " << what << ": " << e.message << "\n";
  return e.code == Code::kUnavailable || e.code == Code::kInternal ? 2 : 1;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

int RunCreate(const std::string& database_url, const std::string& code, const std::string& name,
              const std::string& polling_date, const std::string& cutoff_date, std::ostream& out,
              std::ostream& err) {
  if (!Date::Parse(polling_date) || !Date::Parse(cutoff_date) || code.empty() || name.empty()) {
    err << "election create: code, name and dates (YYYY-MM-DD) are required\n";
    return 1;
  }
  auto cli = Open(database_url, "create", err);
  if (!cli) return 2;
  auto& store = *cli->store;
  auto id = store.CreateElection({0, code, name, polling_date, cutoff_date, "preparing"},
                                 cli->clock.NowUnix());
  if (!id.ok()) return Fail("create", id.error(), err);
  out << "created " << code << " (id " << *id << ")\n";
  return 0;
}

int RunGenerate(const std::string& database_url, const std::string& election_code,
                const std::string& ppln, const std::string& rules_path, std::ostream& out,
                std::ostream& err) {
  RuleSet rules;
  if (!rules_path.empty()) {
    std::ifstream f(rules_path);
    auto parsed = RuleSet::FromJson(nlohmann::json::parse(f, nullptr, false));
    if (!f || !parsed.ok()) {
      err << "election generate: " << rules_path << " is not a rule set (JSON object)\n";
      return 1;
    }
    rules = *parsed;
  }
  auto cli = Open(database_url, "generate", err);
  if (!cli) return 2;
  auto& store = *cli->store;
  auto& audit = *cli->audit;
  ElectionService service(&store, &cli->clock);
  std::vector<std::string> pplns = {ppln};
  if (ppln.empty()) {
    auto all = store.Pplns();
    if (!all.ok()) return Fail("generate", all.error(), err);
    pplns = *all;
  }
  for (const auto& p : pplns) {
    auto v = service.Generate(election_code, p, 0, rules);
    if (!v.ok()) return Fail("generate", v.error(), err);
    auto s = audit.Record(kCli, "voter_list_generate", 0, "election", "", "",
                          {{"election", election_code}, {"ppln", p}, {"version", v->number}});
    if (!s.ok()) return Fail("generate", s.error(), err);
    out << p << " v" << v->number << ": " << v->included << "/" << v->potential << "\n";
  }
  return 0;
}

int RunClose(const std::string& database_url, const std::string& election_code,
             std::ostream& out, std::ostream& err) {
  auto cli = Open(database_url, "close", err);
  if (!cli) return 2;
  auto& store = *cli->store;
  auto& audit = *cli->audit;
  auto e = store.FindElection(election_code);
  if (!e.ok()) return Fail("close", e.error(), err);
  auto s = store.SetStatus(e->id, "closed");
  if (s.ok()) {
    s = audit.Record(kCli, "election_close", 0, "election", "", "",
                     {{"election", election_code}});
  }
  if (!s.ok()) return Fail("close", s.error(), err);
  out << "closed " << election_code << "\n";
  return 0;
}

int RunPurge(const std::string& database_url, const std::string& election_code,
             std::ostream& out, std::ostream& err) {
  auto cli = Open(database_url, "purge", err);
  if (!cli) return 2;
  auto& store = *cli->store;
  auto& audit = *cli->audit;
  auto e = store.FindElection(election_code);
  if (!e.ok()) return Fail("purge", e.error(), err);
  if (e->status != "closed") {
    err << "election purge: close " << election_code << " first (peduli election close)\n";
    return 1;
  }
  auto n = store.Purge(e->id, cli->clock.NowUnix());
  if (!n.ok()) return Fail("purge", n.error(), err);
  auto s = audit.Record(kCli, "election_purge", 0, "election", "", "",
                        {{"election", election_code}, {"entries", *n}});
  if (!s.ok()) return Fail("purge", s.error(), err);
  out << "purged " << election_code << ": " << *n << " entries\n";
  return 0;
}

int RunExport(const std::string& database_url, const std::string& election_code,
              const std::string& ppln, int64_t number, bool printed, const std::string& path,
              std::ostream& out, std::ostream& err) {
  const bool xlsx = EndsWith(path, ".xlsx");
  if (ppln.empty() && (xlsx || number != 0)) {
    err << "election export: the whole list (no --ppln) is the latest version of every PPLN, "
           "as CSV\n";
    return 1;
  }
  auto cli = Open(database_url, "export", err);
  if (!cli) return 2;
  auto& store = *cli->store;
  auto& audit = *cli->audit;
  auto e = store.FindElection(election_code);
  if (!e.ok()) return Fail("export", e.error(), err);
  if (e->purged_at) {
    err << "election export: " << election_code << " was purged: its lists hold no personal "
           "data any more\n";
    return 1;
  }
  std::vector<Version> versions;
  if (ppln.empty()) {
    auto all = store.Pplns();
    if (!all.ok()) return Fail("export", all.error(), err);
    for (const auto& p : *all) {
      auto v = store.Latest(e->id, p);
      if (!v.ok()) return Fail("export", v.error(), err);
      if (v->has_value()) versions.push_back(**v);
    }
  } else {
    auto v = number ? store.FindVersion(e->id, ppln, number) : [&]() -> Result<Version> {
      auto latest = store.Latest(e->id, ppln);
      if (!latest.ok()) return latest.take_error();
      if (!latest->has_value()) return Error::NotFound("version");
      return **latest;
    }();
    if (!v.ok()) return Fail("export", v.error(), err);
    versions.push_back(*v);
  }
  const ExportKind kind = printed ? ExportKind::kPrinted : ExportKind::kKpu;
  int64_t voters = 0;
  nlohmann::json which = nlohmann::json::array();
  for (const auto& v : versions) {
    voters += v.included;
    which.push_back({{"ppln", v.ppln}, {"version", v.number}});
  }
  // Recorded before the file is written, as every export.
  auto s = audit.Record(kCli, "voter_list_export", 0, "election", "", "",
                        {{"election", election_code}, {"versions", which},
                         {"format", xlsx ? "xlsx" : "csv"},
                         {"kind", printed ? "printed" : "kpu"}, {"voters", voters}});
  if (!s.ok()) return Fail("export", s.error(), err);
  if (xlsx) {
    s = WriteXlsx(store, versions.front(), kind, path);
  } else {
    s = WriteCsvFile(store, versions, kind, path, kExportWorkers);
  }
  if (!s.ok()) return Fail("export", s.error(), err);
  out << "wrote " << path << " (" << voters << " voters)\n";
  return 0;
}

}  // namespace peduli::election
