#pragma once

#include <iosfwd>
#include <string>

namespace peduli::election {

// `peduli election ...` commands. Each opens the database at `database_url` (a SQLite path
// or a postgresql:// URL), applies pending migrations and returns the exit code: 0 done,
// 1 refused (unknown election, bad input), 2 the database failed. Each write and export is
// recorded in the audit log as the command-line operator (role "cli").

// Creates an election: code, name, polling day and cut-off date (YYYY-MM-DD).
int RunCreate(const std::string& database_url, const std::string& code, const std::string& name,
              const std::string& polling_date, const std::string& cutoff_date, std::ostream& out,
              std::ostream& err);

// Generates the next version of every PPLN with citizens (or only `ppln`), printing one line
// per version: "PPLN vN: included/potential". `rules_path`, when set, is a JSON file of
// RuleSet keys replacing the defaults (the version stores the rules it used).
int RunGenerate(const std::string& database_url, const std::string& election_code,
                const std::string& ppln, const std::string& rules_path, std::ostream& out,
                std::ostream& err);

// Closes an election: no new version, no method changes; citizens no longer see it.
int RunClose(const std::string& database_url, const std::string& election_code,
             std::ostream& out, std::ostream& err);

// Removes the personal data from every version of a closed election (the retention rule in
// docs/DATA-PROTECTION.md); counts, verdicts and reasons stay. 1 while it is not closed.
int RunPurge(const std::string& database_url, const std::string& election_code,
             std::ostream& out, std::ostream& err);

// Writes version `number` (0: the latest) of (election, ppln) to `path`: CSV or XLSX by the
// file's extension, the KPU file or (`printed`) the masked public list. With `ppln` empty,
// the whole list: the latest version of every PPLN in PPLN order, one CSV with one header.
int RunExport(const std::string& database_url, const std::string& election_code,
              const std::string& ppln, int64_t number, bool printed, const std::string& path,
              std::ostream& out, std::ostream& err);

}  // namespace peduli::election
