#include "store/crisis_store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "core/log.h"

namespace peduli::store {
namespace {

constexpr const char* kCrisisColumns =
    "SELECT id, mission_code, level, title_id, title_en, text_id, text_en, area, categories, "
    "safety_check, state, created_by, created_at, updated_at, activated_at, closed_at, "
    "text_channels FROM crises ";

CrisisRow ReadCrisis(const Row& r) {
  CrisisRow c;
  c.id = r.Int(0);
  c.mission_code = r.Text(1);
  c.level = r.Text(2);
  c.title_id = r.Text(3);
  c.title_en = r.Text(4);
  c.text_id = r.Text(5);
  c.text_en = r.Text(6);
  c.area = r.Text(7);
  c.categories = r.Text(8);
  c.safety_check = r.Int(9) != 0;
  c.state = r.Text(10);
  c.created_by = r.Int(11);
  c.created_at = r.Int(12);
  c.updated_at = r.Int(13);
  c.activated_at = r.Int(14);
  c.closed_at = r.Int(15);
  c.text_channels = r.Text(16);
  return c;
}

constexpr const char* kAlertColumns =
    "SELECT id, crisis_id, level, title_id, title_en, text_id, text_en, safety_check, sent_by, "
    "sent_at, audience, queued, text_channels FROM crisis_alerts ";

CrisisAlertRow ReadAlert(const Row& r) {
  CrisisAlertRow a;
  a.id = r.Int(0);
  a.crisis_id = r.Int(1);
  a.level = r.Text(2);
  a.title_id = r.Text(3);
  a.title_en = r.Text(4);
  a.text_id = r.Text(5);
  a.text_en = r.Text(6);
  a.safety_check = r.Int(7) != 0;
  a.sent_by = r.Int(8);
  a.sent_at = r.Int(9);
  a.audience = r.Int(10);
  a.queued = r.Int(11);
  a.text_channels = r.Text(12);
  return a;
}

// Rows per multi-row INSERT. Both connections cache prepared statements by text and map
// "$n" to its slot once (sqlite_db.cc), so a full batch is prepared once per connection and
// only the last, shorter batch of a send is prepared anew; 8 x 250 parameters stay well
// under SQLite's 32766 and PostgreSQL's 65535.
constexpr size_t kBatchRows = 250;

// "INSERT INTO <head> VALUES ($1, ..., $k), ($k+1, ...), ..." for `rows` tuples of `cols`.
std::string MultiRowInsert(const char* head, size_t rows, size_t cols) {
  std::string sql = std::string("INSERT INTO ") + head + " VALUES ";
  sql.reserve(sql.size() + rows * cols * 6);
  size_t n = 0;
  for (size_t i = 0; i < rows; ++i) {
    sql += i ? ", (" : "(";
    for (size_t j = 0; j < cols; ++j) {
      if (j) sql += ", ";
      sql += "$" + std::to_string(++n);
    }
    sql += ")";
  }
  return sql;
}

constexpr const char* kPeopleHead =
    "crisis_people (crisis_id, citizen_id, stay_id, mission_code, category, subdivision, "
    "placed_by, vulnerability)";

// The audience AudienceBuilder chose (an area with circles or polygons), in batches.
Status InsertPeople(Connection& c, int64_t crisis_id, const std::vector<CrisisPersonWrite>& people) {
  std::string full;
  for (size_t start = 0; start < people.size(); start += kBatchRows) {
    const size_t n = std::min(kBatchRows, people.size() - start);
    if (n == kBatchRows && full.empty()) full = MultiRowInsert(kPeopleHead, n, 8);
    Params p;
    p.reserve(n * 8);
    for (size_t i = 0; i < n; ++i) {
      const auto& w = people[start + i];
      p.insert(p.end(), {crisis_id, w.citizen_id, w.stay_id, w.mission_code, w.category,
                         w.subdivision, w.placed_by, w.vulnerability});
    }
    PEDULI_TRY(c.Exec(n == kBatchRows ? full : MultiRowInsert(kPeopleHead, n, 8), p));
  }
  return Status::Ok();
}

// The (subdivision, city) pairs of a country's current stays: read from stays_current_country
// alone (0029).
constexpr const char* kStayPlaces =
    "SELECT DISTINCT COALESCE(subdivision, ''), COALESCE(city, '') FROM stays "
    "WHERE country = $1 AND ended_at IS NULL";

// One part of an area chosen by code, placed and scored as AudienceBuilder does
// (crisis/audience.cc Consider and Vulnerability, crisis/area.cc Places::Place):
//   $1 crisis, $2 country, $3 subdivision ('' = the whole country), $4 mission ('' = all),
//   $5 category ('' = all), $6 today, $7 a child is born after, $8 an elderly person on or
//   before (dates are ISO text and compare as text).
// A citizen has one current stay (stays_current), and ON CONFLICT drops a person that an
// earlier part of the same area already wrote.
constexpr const char* kPeopleByCode =
    "INSERT INTO crisis_people (crisis_id, citizen_id, stay_id, mission_code, category, "
    "subdivision, placed_by, vulnerability) "
    "SELECT CAST($1 AS BIGINT), s.citizen_id, s.id, s.mission_code, s.category, "
    "COALESCE(s.subdivision, ''), "
    "CASE WHEN p.citizen_id IS NOT NULL THEN 'position' WHEN k.crisis_id IS NOT NULL THEN 'city' "
    "WHEN COALESCE(s.subdivision, '') <> '' THEN 'subdivision' ELSE 'country' END, "
    "CASE WHEN s.category = 'pmi' AND @SECTOR@ = 'informal' THEN 8 ELSE 0 END "
    "+ CASE WHEN LENGTH(c.birth_date) = 10 AND (c.birth_date > $7 OR c.birth_date <= $8) "
    "THEN 4 ELSE 0 END "
    "+ CASE WHEN COALESCE(s.phone, '') = '' THEN 2 ELSE 0 END "
    "+ CASE WHEN LENGTH(c.passport_expiry_date) = 10 AND c.passport_expiry_date < $6 "
    "THEN 1 ELSE 0 END "
    "FROM stays s JOIN citizens c ON c.id = s.citizen_id "
    "LEFT JOIN citizen_positions p ON p.citizen_id = s.citizen_id "
    "LEFT JOIN crisis_place_keys k ON k.crisis_id = CAST($1 AS BIGINT) AND k.country = s.country "
    "AND k.subdivision = COALESCE(s.subdivision, '') AND k.city = COALESCE(s.city, '') "
    "WHERE s.country = $2 AND s.ended_at IS NULL AND c.status = 'active' "
    "AND ($3 = '' OR s.subdivision = $3) AND ($4 = '' OR s.mission_code = $4) "
    "AND ($5 = '' OR s.category = $5) "
    "ON CONFLICT (crisis_id, citizen_id) DO NOTHING";

// A migrant worker's sector, from the stay's details (JSON text, registry_store.cc
// DetailsJson); evaluated only for category pmi.
std::string PeopleByCodeSql(Dialect d) {
  std::string sql = kPeopleByCode;
  const std::string sector = d == Dialect::kPostgres
                                 ? "COALESCE(s.details::json ->> 'sector', '')"
                                 : "COALESCE(json_extract(s.details, '$.sector'), '')";
  sql.replace(sql.find("@SECTOR@"), 8, sector);
  return sql;
}

Status InsertPeopleByCode(Connection& c, int64_t crisis_id, const CodeAudience& a) {
  // The countries the parts cover, each with the subdivisions named in it ("" = whole).
  std::vector<std::pair<std::string, std::string>> parts;
  std::vector<std::string> countries;
  auto add_country = [&](const std::string& cc) {
    if (std::find(countries.begin(), countries.end(), cc) == countries.end()) countries.push_back(cc);
  };
  for (const auto& cc : a.countries) {
    add_country(cc);
    parts.emplace_back(cc, "");
  }
  for (const auto& sub : a.subdivisions) {
    const std::string cc = sub.substr(0, 2);
    // A subdivision of a country already covered whole adds nobody.
    if (std::find(a.countries.begin(), a.countries.end(), cc) != a.countries.end()) continue;
    add_country(cc);
    parts.emplace_back(cc, sub);
  }
  // The triples the city data places: a few thousand per country, checked here because
  // Places folds names (ICU) the way the database cannot.
  constexpr const char* kKeysHead = "crisis_place_keys (crisis_id, country, subdivision, city)";
  std::string full;
  for (const auto& cc : countries) {
    auto pairs = c.Query(kStayPlaces, {cc});
    if (!pairs.ok()) return pairs.take_error();
    std::vector<std::pair<std::string, std::string>> known;
    for (const auto& r : *pairs) {
      if (!r.Text(1).empty() && a.city_known && a.city_known(cc, r.Text(0), r.Text(1))) {
        known.emplace_back(r.Text(0), r.Text(1));
      }
    }
    for (size_t start = 0; start < known.size(); start += kBatchRows) {
      const size_t n = std::min(kBatchRows, known.size() - start);
      if (n == kBatchRows && full.empty()) full = MultiRowInsert(kKeysHead, n, 4);
      Params p;
      p.reserve(n * 4);
      for (size_t i = 0; i < n; ++i) {
        p.insert(p.end(), {crisis_id, cc, known[start + i].first, known[start + i].second});
      }
      PEDULI_TRY(c.Exec(n == kBatchRows ? full : MultiRowInsert(kKeysHead, n, 4), p));
    }
  }
  const std::string sql = PeopleByCodeSql(c.dialect());
  std::vector<std::string> categories = a.categories;
  if (categories.empty()) categories.push_back("");
  for (const auto& [cc, sub] : parts) {
    for (const auto& cat : categories) {
      PEDULI_TRY(c.Exec(sql, {crisis_id, cc, sub, a.mission, cat, a.today, a.young_after,
                              a.old_until}));
    }
  }
  return c.Exec("DELETE FROM crisis_place_keys WHERE crisis_id = $1", {crisis_id});
}

// One INSERT ... SELECT per channel: the audience never travels through the server.
// $1 ref, $2 payload prefix, $3 dedup prefix, $4 now, $5 crisis id.
constexpr const char* kQueueEmail =
    "INSERT INTO outbox (channel, recipient, locale, kind, ref, payload, dedup_key, state, "
    "attempts, next_attempt_at, created_at) "
    "SELECT 'email', a.email, a.locale, 'crisis_alert', $1, "
    "$2 || CAST(cp.citizen_id AS TEXT) || '}', $3 || 'email:' || CAST(cp.citizen_id AS TEXT), "
    "'queued', 0, CAST($4 AS BIGINT), CAST($4 AS BIGINT) "
    "FROM crisis_people cp JOIN citizens c ON c.id = cp.citizen_id "
    "JOIN accounts a ON a.id = c.account_id "
    "WHERE cp.crisis_id = CAST($5 AS BIGINT) AND a.email_verified_at IS NOT NULL "
    "AND a.deleted_at IS NULL ON CONFLICT (dedup_key) DO NOTHING";
constexpr const char* kQueuePhone =  // $6: sms or whatsapp
    "INSERT INTO outbox (channel, recipient, locale, kind, ref, payload, dedup_key, state, "
    "attempts, next_attempt_at, created_at) "
    "SELECT $6, s.phone, 'id', 'crisis_alert', $1, "
    "$2 || CAST(cp.citizen_id AS TEXT) || '}', $3 || $6 || ':' || CAST(cp.citizen_id AS TEXT), "
    "'queued', 0, CAST($4 AS BIGINT), CAST($4 AS BIGINT) "
    "FROM crisis_people cp JOIN stays s ON s.id = cp.stay_id "
    "WHERE cp.crisis_id = CAST($5 AS BIGINT) AND s.phone IS NOT NULL AND s.phone <> '' "
    "ON CONFLICT (dedup_key) DO NOTHING";
constexpr const char* kQueuePortal =
    "INSERT INTO outbox (channel, recipient, locale, kind, ref, payload, dedup_key, state, "
    "attempts, next_attempt_at, created_at) "
    "SELECT 'portal', CAST(c.account_id AS TEXT), a.locale, 'crisis_alert', $1, "
    "$2 || CAST(cp.citizen_id AS TEXT) || '}', $3 || 'portal:' || CAST(cp.citizen_id AS TEXT), "
    "'queued', 0, CAST($4 AS BIGINT), CAST($4 AS BIGINT) "
    "FROM crisis_people cp JOIN citizens c ON c.id = cp.citizen_id "
    "JOIN accounts a ON a.id = c.account_id "
    "WHERE cp.crisis_id = CAST($5 AS BIGINT) AND a.deleted_at IS NULL "
    "ON CONFLICT (dedup_key) DO NOTHING";

}  // namespace

Result<int64_t> CrisisStore::Create(const CrisisRow& c, const AuditEntry& audit) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& conn) -> Result<int64_t> {
    auto row = conn.QueryOne(
        "INSERT INTO crises (mission_code, level, title_id, title_en, text_id, text_en, area, "
        "categories, safety_check, state, created_by, created_at, updated_at, text_channels) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'draft', $10, $11, $11, $12) RETURNING id",
        {TextOrNull(c.mission_code), c.level, c.title_id, c.title_en, c.text_id, c.text_en, c.area,
         c.categories, int64_t{c.safety_check}, c.created_by, c.created_at, c.text_channels});
    if (!row.ok()) return row.take_error();
    AuditEntry e = audit;
    e.record_ids = "[" + std::to_string(row->Int(0)) + "]";
    PEDULI_TRY(AuditStore::AppendIn(conn, e));
    return row->Int(0);
  });
}

Status CrisisStore::Update(const CrisisRow& c, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& conn) -> Status {
    auto done = conn.Query(
        "UPDATE crises SET level = $2, title_id = $3, title_en = $4, text_id = $5, text_en = $6, "
        "area = CASE WHEN state = 'draft' THEN $7 ELSE area END, "
        "categories = CASE WHEN state = 'draft' THEN $8 ELSE categories END, "
        "safety_check = $9, updated_at = $10, text_channels = $11 "
        "WHERE id = $1 AND state <> 'closed' RETURNING id",
        {c.id, c.level, c.title_id, c.title_en, c.text_id, c.text_en, c.area, c.categories,
         int64_t{c.safety_check}, c.updated_at, c.text_channels});
    if (!done.ok()) return done.take_error();
    if (done->empty()) return Error{Code::kConflict, "crisis.err.closed", {}};
    return AuditStore::AppendIn(conn, audit);
  });
}

Result<CrisisRow> CrisisStore::Get(int64_t id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(std::string(kCrisisColumns) + "WHERE id = $1", {id});
  if (!row.ok()) return row.take_error();
  return ReadCrisis(*row);
}

Result<std::vector<CrisisRow>> CrisisStore::List(const std::string& mission_scope, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      std::string(kCrisisColumns) +
          "WHERE $1 = '' OR mission_code IS NULL OR mission_code = $1 ORDER BY id DESC LIMIT $2",
      {mission_scope, static_cast<int64_t>(limit)});
  if (!rows.ok()) return rows.take_error();
  std::vector<CrisisRow> out;
  for (const auto& r : *rows) out.push_back(ReadCrisis(r));
  return out;
}

Status CrisisStore::ForEachCandidate(const std::string& country, const std::string& mission,
                                     const std::function<void(const AudienceCandidate&)>& fn) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& c = **lease;
  // details is JSON text (registry_store.cc DetailsJson); read only for migrant workers.
  const std::string sector =
      c.dialect() == Dialect::kPostgres
          ? "CASE WHEN s.category = 'pmi' THEN COALESCE(s.details::json ->> 'sector', '') ELSE '' END"
          : "CASE WHEN s.category = 'pmi' THEN COALESCE(json_extract(s.details, '$.sector'), '') "
            "ELSE '' END";
  const std::string sql =
      "SELECT s.id, s.citizen_id, s.mission_code, s.country, COALESCE(s.subdivision, ''), "
      "COALESCE(s.city, ''), s.category, COALESCE(s.phone, ''), COALESCE(c.birth_date, ''), "
      "COALESCE(c.passport_expiry_date, ''), " + sector + ", p.lat, p.lon "
      "FROM stays s JOIN citizens c ON c.id = s.citizen_id "
      "LEFT JOIN citizen_positions p ON p.citizen_id = s.citizen_id "
      "WHERE s.ended_at IS NULL AND c.status = 'active' AND s.country = $1 "
      "AND ($2 = '' OR s.mission_code = $2) AND s.id > $3 ORDER BY s.id LIMIT $4";
  constexpr int64_t kPage = 20000;
  int64_t after = 0;
  for (;;) {
    auto rows = c.Query(sql, {country, mission, after, kPage});
    if (!rows.ok()) return rows.take_error();
    AudienceCandidate a;
    for (const auto& r : *rows) {
      a.stay_id = r.Int(0);
      a.citizen_id = r.Int(1);
      a.mission_code = r.Text(2);
      a.country = r.Text(3);
      a.subdivision = r.Text(4);
      a.city = r.Text(5);
      a.category = r.Text(6);
      a.has_phone = !r.Text(7).empty();
      a.birth_date = r.Text(8);
      a.passport_expiry = r.Text(9);
      a.sector = r.Text(10);
      a.lat.reset();
      a.lon.reset();
      if (!r.IsNull(11) && !r.IsNull(12)) {
        try {
          a.lat = std::stod(r.Text(11));
          a.lon = std::stod(r.Text(12));
        } catch (const std::exception&) {
          a.lat.reset();
          a.lon.reset();
        }
      }
      fn(a);
    }
    if (static_cast<int64_t>(rows->size()) < kPage) break;
    after = rows->back().Int(0);
  }
  return Status::Ok();
}

Result<CrisisStore::SendResult> CrisisStore::Send(int64_t crisis_id,
                                                 const std::vector<CrisisPersonWrite>& people,
                                                 const CrisisAlertRow& alert,
                                                 const AuditEntry& audit) {
  return SendWith(
      crisis_id, [&](Connection& c) { return InsertPeople(c, crisis_id, people); }, alert, audit);
}

Result<CrisisStore::SendResult> CrisisStore::SendByCodes(int64_t crisis_id,
                                                        const CodeAudience& codes,
                                                        const CrisisAlertRow& alert,
                                                        const AuditEntry& audit) {
  return SendWith(
      crisis_id, [&](Connection& c) { return InsertPeopleByCode(c, crisis_id, codes); }, alert,
      audit);
}

Result<CrisisStore::SendResult> CrisisStore::SendWith(
    int64_t crisis_id, const std::function<Status(Connection&)>& write_people,
    const CrisisAlertRow& alert, const AuditEntry& audit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  Connection& conn = **lease;
  // A first send at 10M writes millions of rows into crisis_people and the outbox, whose
  // indexes (recipient, dedup key) take them in no useful order: with SQLite's per-connection
  // page cache (32 MB, sqlite_db.cc) most inserts would re-read index pages from the OS. The
  // cache of this connection is raised for the send and put back after it.
  std::string cache_before;
  if (conn.dialect() == Dialect::kSqlite) {
    auto size = conn.QueryOne("PRAGMA cache_size");
    if (size.ok()) cache_before = size->Text(0);
    if (!cache_before.empty()) (void)conn.ExecScript("PRAGMA cache_size=-1048576");
  }
  const auto started = std::chrono::steady_clock::now();
  // Seconds since the start at the end of each step.
  double people_s = 0, email_s = 0, phone_s = 0, portal_s = 0, written_s = 0;
  auto since = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  auto done = [&](Result<SendResult> r) -> Result<SendResult> {
    if (!cache_before.empty()) (void)conn.ExecScript("PRAGMA cache_size=" + cache_before);
    return r;
  };
  if (auto s = conn.Begin(true); !s.ok()) return done(s.take_error());
  auto result = [&](Connection& c) -> Result<SendResult> {
    SendResult out;
    // The row lock (PostgreSQL) or the write lock (SQLite) orders concurrent sends: only one
    // finds the draft and fixes the audience.
    auto state = c.QueryOne(c.dialect() == Dialect::kPostgres
                                ? "SELECT state FROM crises WHERE id = $1 FOR UPDATE"
                                : "SELECT state FROM crises WHERE id = $1",
                            {crisis_id});
    if (!state.ok()) return state.take_error();
    if (state->Text(0) == "closed") return Error{Code::kConflict, "crisis.err.closed", {}};
    if (state->Text(0) == "draft") {
      out.first = true;
      PEDULI_TRY(c.Exec("UPDATE crises SET state = 'active', activated_at = $2 WHERE id = $1",
                        {crisis_id, alert.sent_at}));
      PEDULI_TRY(write_people(c));
      people_s = since();
    }
    auto n = c.QueryOne("SELECT COUNT(*) FROM crisis_people WHERE crisis_id = $1", {crisis_id});
    if (!n.ok()) return n.take_error();
    auto id = c.QueryOne(
        "INSERT INTO crisis_alerts (crisis_id, level, title_id, title_en, text_id, text_en, "
        "safety_check, sent_by, sent_at, audience, text_channels) VALUES ($1, $2, $3, $4, $5, "
        "$6, $7, $8, $9, $10, $11) RETURNING id",
        {crisis_id, alert.level, alert.title_id, alert.title_en, alert.text_id, alert.text_en,
         int64_t{alert.safety_check}, alert.sent_by, alert.sent_at, n->Int(0),
         alert.text_channels});
    if (!id.ok()) return id.take_error();
    out.alert = alert;
    out.alert.id = id->Int(0);
    out.alert.crisis_id = crisis_id;
    out.alert.audience = n->Int(0);
    const std::string ref = "crisis:" + std::to_string(crisis_id);
    const std::string payload =
        "{\"alert_id\":" + std::to_string(out.alert.id) + ",\"citizen_id\":";
    const std::string dedup = "crisis-alert:" + std::to_string(out.alert.id) + ":";
    Params p = {ref, payload, dedup, alert.sent_at, crisis_id};
    // Queued rows are counted as they are written (a new alert's keys cannot conflict with
    // older rows, and a retried statement is a rolled-back transaction): at 10M, counting
    // them afterwards on the dedup index was a pass over six million entries.
    int64_t queued = 0;
    auto queue = [&](const char* sql, const Params& params) -> Status {
      auto n = c.ExecCount(sql, params);
      if (!n.ok()) return n.take_error();
      queued += *n;
      return Status::Ok();
    };
    PEDULI_TRY(queue(kQueueEmail, p));
    email_s = since();
    // The alert's text channels (CrisisRow::text_channels): one row per person and channel.
    for (const auto& channel : TextChannelList(alert.text_channels)) {
      Params pp = p;
      pp.emplace_back(channel);
      PEDULI_TRY(queue(kQueuePhone, pp));
    }
    phone_s = since();
    PEDULI_TRY(queue(kQueuePortal, p));
    portal_s = since();
    out.alert.queued = queued;
    PEDULI_TRY(c.Exec("UPDATE crisis_alerts SET queued = $2 WHERE id = $1",
                      {out.alert.id, out.alert.queued}));
    AuditEntry e = audit;
    e.record_ids = "[" + std::to_string(crisis_id) + "," + std::to_string(out.alert.id) + "]";
    PEDULI_TRY(AuditStore::AppendIn(c, e));
    written_s = since();
    return out;
  }(conn);
  if (!result.ok()) {
    conn.Rollback();
    return done(std::move(result));
  }
  if (auto s = conn.Commit(); !s.ok()) {
    conn.Rollback();
    return done(s.take_error());
  }
  // Counts and durations only: where a slow send spends its time (bench/crisis.sh).
  log::Info("crisis.sent", {{"crisis_id", crisis_id},
                            {"alert_id", result->alert.id},
                            {"first", result->first},
                            {"audience", result->alert.audience},
                            {"queued", result->alert.queued},
                            {"people_s", people_s},
                            {"email_done_s", email_s},
                            {"phones_done_s", phone_s},
                            {"portal_done_s", portal_s},
                            {"written_s", written_s},
                            {"total_s", since()}});
  return done(std::move(result));
}

Result<std::vector<CrisisAlertRow>> CrisisStore::Alerts(int64_t crisis_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kAlertColumns) + "WHERE crisis_id = $1 ORDER BY id DESC",
                              {crisis_id});
  if (!rows.ok()) return rows.take_error();
  std::vector<CrisisAlertRow> out;
  for (const auto& r : *rows) out.push_back(ReadAlert(r));
  return out;
}

Result<CrisisAlertRow> CrisisStore::GetAlert(int64_t alert_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne(std::string(kAlertColumns) + "WHERE id = $1", {alert_id});
  if (!row.ok()) return row.take_error();
  return ReadAlert(*row);
}

Result<std::map<std::string, int64_t>> CrisisStore::PeopleBy(int64_t crisis_id, bool by_mission) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      by_mission ? "SELECT mission_code, COUNT(*) FROM crisis_people WHERE crisis_id = $1 GROUP BY mission_code"
                 : "SELECT placed_by, COUNT(*) FROM crisis_people WHERE crisis_id = $1 GROUP BY placed_by",
      {crisis_id});
  if (!rows.ok()) return rows.take_error();
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
  return out;
}

Status CrisisStore::SharePosition(int64_t citizen_id, double lat, double lon, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  char la[32], lo[32];
  std::snprintf(la, sizeof la, "%.6f", lat);
  std::snprintf(lo, sizeof lo, "%.6f", lon);
  return (*lease)->Exec(
      "INSERT INTO citizen_positions (citizen_id, lat, lon, shared_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (citizen_id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, "
      "shared_at = excluded.shared_at",
      {citizen_id, std::string(la), std::string(lo), now});
}

}  // namespace peduli::store
