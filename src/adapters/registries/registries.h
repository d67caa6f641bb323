#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/metrics.h"
#include "core/result.h"

// Clients of the national registries. The portal sends what the citizen reported and keeps
// the registries' verdicts, never a copy of their data (docs/integrations.md is the
// contract). Every call has a timeout, retries with backoff and jitter, and a circuit
// breaker; outcomes and latency go to /metrics; nothing personal goes to the logs.
// Expected failures: kUnavailable (timeout, connection refused, 5xx, a body that is not
// the contract's JSON, breaker open). "Not in the registry" is a verdict, not an error.
namespace peduli::registries {

struct ClientOptions {
  std::string base_url;          // "http://127.0.0.1:8090/dukcapil"
  std::string api_key;           // sent as X-Api-Key when set
  std::string client_cert;       // mutual TLS: PEM paths, when set
  std::string client_key;
  std::string ca_file;
  long timeout_ms = 3000;        // whole request
  long connect_timeout_ms = 1000;
  int max_attempts = 3;          // within one call
  long backoff_base_ms = 100;    // doubles per attempt, with full jitter
  int breaker_failures = 5;      // consecutive failures that open the breaker
  long breaker_cooldown_ms = 5000;
};

// Dukcapil (civil registry): match-only. Answers per field whether it matches.
struct DukcapilQuery {
  std::string nik, full_name, birth_place, birth_date, sex;
};
struct DukcapilVerdict {
  bool found = false;
  std::map<std::string, bool> fields;  // "full_name" -> true when "sesuai"
};
class Dukcapil {
 public:
  virtual ~Dukcapil() = default;
  virtual Result<DukcapilVerdict> Verify(const DukcapilQuery& q) = 0;
};

// Imigrasi (passports).
struct PassportQuery {
  std::string passport_number, nik, full_name, birth_date;
};
struct PassportVerdict {
  bool found = false;
  bool holder_match = false;            // issued to this NIK, or this name and birth date
  std::string status;                   // valid, expired, revoked, lost
  std::string expiry_date;              // as the registry has it
  std::vector<std::string> mismatched;  // query fields that differ
};
class Imigrasi {
 public:
  virtual ~Imigrasi() = default;
  virtual Result<PassportVerdict> Check(const PassportQuery& q) = 0;
};

// BP2MI (migrant-worker placements).
struct Placement {
  std::string employer_name, country, agency, contract_start, contract_end;
  std::string status;  // active, ended, cancelled
};
class Bp2mi {
 public:
  virtual ~Bp2mi() = default;
  virtual Result<std::vector<Placement>> Placements(const std::string& nik) = 0;
};

// HTTP clients (libcurl). `metrics` and `clock` must outlive them. Thread-safe.
std::unique_ptr<Dukcapil> MakeDukcapilClient(ClientOptions o, Metrics* metrics, const Clock* clock);
std::unique_ptr<Imigrasi> MakeImigrasiClient(ClientOptions o, Metrics* metrics, const Clock* clock);
std::unique_ptr<Bp2mi> MakeBp2miClient(ClientOptions o, Metrics* metrics, const Clock* clock);

}  // namespace peduli::registries
