#pragma once

#include <string>

#include "core/result.h"

namespace peduli {

// Settings of a `peduli serve`. Each comes from, highest precedence first:
//   1. a command-line flag (--port 8081)
//   2. an environment variable (PEDULI_PORT=8081)
//   3. the TOML file given by --config or PEDULI_CONFIG (port = 8081)
//   4. the default below.
struct Config {
  std::string address = "127.0.0.1";
  int port = 8080;
  std::string data_dir = "data-dev";
  std::string database;  // empty: <data_dir>/peduli.db; "postgresql://..." for PostgreSQL
  bool demo = false;
  std::string base_url;  // empty: http://<address>:<port>
  bool secure_cookies = false;
  int threads = 4;
  int db_pool = 8;
  std::string log_level = "info";
  std::string assets_dir;  // the repository root (templates, catalogs, web/, data/)
  std::string mail_from = "Peduli WNI <no-reply@peduli-wni.test>";
  std::string smtp_url;    // empty: Maildir under <data_dir>/mail
  std::string smtp_username;
  std::string smtp_password;
  // National registries (docs/integrations.md). Without URLs, checks wait in the queue.
  std::string dukcapil_url;
  std::string imigrasi_url;
  std::string bp2mi_url;
  std::string registry_api_key;
  std::string registry_client_cert;  // mutual TLS, PEM paths
  std::string registry_client_key;
  std::string registry_ca_file;
  int registry_timeout_ms = 3000;
  bool verification_enabled = true;  // false: no checks are queued at all (benchmarks)
  int verification_workers = 2;
  int verification_retry_base_seconds = 30;
  int verification_max_attempts = 8;
  // Open statistics (issue 7): published counts below this are suppressed.
  int stats_suppression_threshold = 10;
  // Crisis response (issue 9): days after a crisis closes before its safety answers, call
  // notes and shared positions are purged (the counts stay).
  int crisis_retention_days = 90;
  // The outbox (issue 9): messages per second and per server, by channel.
  int outbox_rate_email = 20;
  int outbox_rate_sms = 10;
  int outbox_rate_whatsapp = 10;
  int outbox_rate_portal = 1000;
  // Statistics counters maintained on every registry write (issue 7). false is for
  // benchmarks only (bench/stats.sh: the submit path without counters); the counters then
  // drift until `peduli stats rebuild`.
  bool stats_counters = true;
  // Milliseconds between folds of the pending counter rows into the counter tables
  // (SQLite, migration 0035). Reads are exact whatever it is; a longer period leaves more
  // pending rows for each read to add. 0: never (benchmarks of reads with rows pending).
  int stats_fold_ms = 500;

  std::string DatabaseUrl() const { return database.empty() ? data_dir + "/peduli.db" : database; }
  std::string BaseUrl() const {
    return base_url.empty() ? "http://" + address + ":" + std::to_string(port) : base_url;
  }
};

// Applies a TOML file's settings to `c`. kInvalid when the file does not parse or a key
// has the wrong type.
Status ApplyTomlFile(const std::string& path, Config* c);
// Applies PEDULI_* environment variables to `c`.
Status ApplyEnvironment(Config* c);

}  // namespace peduli
