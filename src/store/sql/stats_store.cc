#include "store/stats_store.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "core/date.h"

namespace peduli::store {
namespace {

// One definition of "an active stay and its dimensions", used by the write hooks (one
// citizen) and by rebuild and check (everyone): the counters cannot disagree with the base
// tables by definition, only by a write path that skips the hooks.
constexpr const char* kCitizenKeySql =
    "SELECT c.status, s.id, s.mission_code, s.country, COALESCE(s.subdivision, ''), "
    "s.category, COALESCE(c.sex, ''), COALESCE(substr(c.birth_date, 1, 4), ''), "
    "COALESCE(substr(c.origin_regency, 1, 2), ''), COALESCE(c.origin_regency, ''), "
    "COALESCE(r.state, 'submitted'), COALESCE(substr(c.passport_expiry_date, 1, 7), ''), "
    "(SELECT COALESCE(MAX(x.id), 0) FROM stays x WHERE x.citizen_id = c.id), "
    "(SELECT COALESCE(MAX(e.id), 0) FROM review_events e WHERE e.citizen_id = c.id) "
    "FROM citizens c LEFT JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL "
    "LEFT JOIN citizen_reviews r ON r.citizen_id = c.id WHERE c.id = $1";
constexpr const char* kCitizenKeyLockSql =
    "SELECT c.status, s.id, s.mission_code, s.country, COALESCE(s.subdivision, ''), "
    "s.category, COALESCE(c.sex, ''), COALESCE(substr(c.birth_date, 1, 4), ''), "
    "COALESCE(substr(c.origin_regency, 1, 2), ''), COALESCE(c.origin_regency, ''), "
    "COALESCE(r.state, 'submitted'), COALESCE(substr(c.passport_expiry_date, 1, 7), ''), "
    "(SELECT COALESCE(MAX(x.id), 0) FROM stays x WHERE x.citizen_id = c.id), "
    "(SELECT COALESCE(MAX(e.id), 0) FROM review_events e WHERE e.citizen_id = c.id) "
    "FROM citizens c LEFT JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL "
    "LEFT JOIN citizen_reviews r ON r.citizen_id = c.id WHERE c.id = $1 FOR UPDATE OF c";

constexpr const char* kActiveGroupedSql =
    "SELECT s.mission_code, s.country, COALESCE(s.subdivision, ''), s.category, "
    "COALESCE(c.sex, ''), COALESCE(substr(c.birth_date, 1, 4), ''), "
    "COALESCE(substr(c.origin_regency, 1, 2), ''), COALESCE(c.origin_regency, ''), "
    "COALESCE(r.state, 'submitted'), COALESCE(substr(c.passport_expiry_date, 1, 7), ''), "
    "COUNT(*) FROM citizens c JOIN stays s ON s.citizen_id = c.id AND s.ended_at IS NULL "
    "LEFT JOIN citizen_reviews r ON r.citizen_id = c.id WHERE c.status = 'active' "
    "GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10";

// A departure is a stay started, except the copy a jurisdiction handover makes.
constexpr const char* kNotHandover =
    "NOT EXISTS (SELECT 1 FROM stays p WHERE p.citizen_id = s.citizen_id "
    "AND p.end_reason = 'jurisdiction' AND p.ended_at = s.started_at)";

StatsKey KeyOf(const Row& r, size_t first) {
  StatsKey k;
  std::string* f[] = {&k.mission_code, &k.country,        &k.subdivision,    &k.category,
                      &k.sex,          &k.birth_year,     &k.origin_province, &k.origin_regency,
                      &k.review_state, &k.passport_expiry};
  for (size_t i = 0; i < 10; ++i) *f[i] = r.Text(first + i);
  return k;
}

Params KeyParams(const StatsKey& k) {
  return {k.mission_code, k.country,         k.subdivision,    k.category,     k.sex,
          k.birth_year,   k.origin_province, k.origin_regency, k.review_state, k.passport_expiry};
}

std::string KeyText(const StatsKey& k) {
  std::string out;
  for (const auto& v : KeyParams(k)) out += std::get<std::string>(v) + "|";
  out.pop_back();
  return out;
}

Status AddCount(Connection& c, const StatsKey& k, int64_t delta) {
  Params p = KeyParams(k);
  p.push_back(delta);
  return c.Exec(
      "INSERT INTO stats_counts (mission_code, country, subdivision, category, sex, birth_year, "
      "origin_province, origin_regency, review_state, passport_expiry, n) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
      "ON CONFLICT (mission_code, country, subdivision, category, sex, birth_year, "
      "origin_province, origin_regency, review_state, passport_expiry) "
      "DO UPDATE SET n = stats_counts.n + excluded.n",
      p);
}

int Shard() {
  static std::atomic<unsigned> next{0};
  thread_local unsigned mine = next++ ;
  return static_cast<int>(mine % 8);
}

Status AddDaily(Connection& c, int64_t day, const std::string& measure,
                const std::string& mission, int64_t delta, int shard) {
  return c.Exec(
      "INSERT INTO stats_daily (day, measure, mission_code, shard, n) VALUES ($1, $2, $3, $4, $5) "
      "ON CONFLICT (day, measure, mission_code, shard) DO UPDATE SET n = stats_daily.n + excluded.n",
      {day, measure, mission, int64_t{shard}, delta});
}

// The day of a return date; -1 when it does not parse (not counted, in both paths).
int64_t ReturnDay(const std::string& text) {
  auto d = Date::Parse(text);
  return d ? d->DaysSinceEpoch() : -1;
}

StatsBefore ReadBefore(const Rows& rows) {
  StatsBefore b;
  if (rows.empty()) return b;
  const Row& r = rows.front();
  b.stay_id = r.Int(1);
  b.counted = r.Text(0) == "active" && !r.IsNull(1);
  if (b.counted) b.key = KeyOf(r, 2);
  b.max_stay_id = r.Int(12);
  b.max_event_id = r.Int(13);
  return b;
}

using DailyKey = std::tuple<int64_t, std::string, std::string>;  // day, measure, mission

// Per-day events from the base tables.
Result<std::map<DailyKey, int64_t>> DailyFromBase(Connection& c) {
  std::map<DailyKey, int64_t> out;
  auto dep = c.Query(std::string("SELECT s.started_at / 86400, s.mission_code, COUNT(*) FROM stays s WHERE ") +
                     kNotHandover + " GROUP BY 1, 2");
  if (!dep.ok()) return dep.take_error();
  for (const auto& r : *dep) out[{r.Int(0), "departures", r.Text(1)}] += r.Int(2);
  auto rep = c.Query(
      "SELECT at / 86400, COALESCE(mission_code, ''), COUNT(*) FROM review_events "
      "WHERE state = 'submitted' GROUP BY 1, 2");
  if (!rep.ok()) return rep.take_error();
  for (const auto& r : *rep) out[{r.Int(0), "reports", r.Text(1)}] += r.Int(2);
  auto ret = c.Query(
      "SELECT COALESCE(return_date, ''), mission_code, COUNT(*) FROM stays "
      "WHERE end_reason = 'returned' GROUP BY 1, 2");
  if (!ret.ok()) return ret.take_error();
  for (const auto& r : *ret) {
    int64_t day = ReturnDay(r.Text(0));
    if (day >= 0) out[{day, "returns", r.Text(1)}] += r.Int(2);
  }
  return out;
}

Result<std::map<StatsKey, int64_t>> CountsFromBase(Connection& c) {
  std::map<StatsKey, int64_t> out;
  auto rows = c.Query(kActiveGroupedSql);
  if (!rows.ok()) return rows.take_error();
  for (const auto& r : *rows) out[KeyOf(r, 0)] += r.Int(10);
  return out;
}

struct Signal {
  std::mutex mu;
  std::condition_variable cv;
  uint64_t generation = 0;
};

Signal& TheSignal() {
  static Signal s;
  return s;
}

}  // namespace

Result<StatsBefore> StatsSnapshot(Connection& c, int64_t citizen_id) {
  if (citizen_id == 0) return StatsBefore{};
  auto rows = c.Query(c.dialect() == Dialect::kPostgres ? kCitizenKeyLockSql : kCitizenKeySql,
                      {citizen_id});
  if (!rows.ok()) return rows.take_error();
  return ReadBefore(*rows);
}

Status StatsApply(Connection& c, int64_t citizen_id, const StatsBefore& before) {
  auto rows = c.Query(kCitizenKeySql, {citizen_id});
  if (!rows.ok()) return rows.take_error();
  StatsBefore after = ReadBefore(*rows);
  const bool same = before.counted && after.counted && before.key == after.key;
  if (before.counted && !same) PEDULI_TRY(AddCount(c, before.key, -1));
  if (after.counted && !same) PEDULI_TRY(AddCount(c, after.key, 1));
  const int shard = Shard();
  auto started = c.Query(
      std::string("SELECT s.started_at / 86400, s.mission_code FROM stays s "
                  "WHERE s.citizen_id = $1 AND s.id > $2 AND ") + kNotHandover,
      {citizen_id, before.max_stay_id});
  if (!started.ok()) return started.take_error();
  for (const auto& r : *started) PEDULI_TRY(AddDaily(c, r.Int(0), "departures", r.Text(1), 1, shard));
  if (before.stay_id) {
    auto ret = c.Query(
        "SELECT COALESCE(return_date, ''), mission_code FROM stays "
        "WHERE id = $1 AND end_reason = 'returned'",
        {before.stay_id});
    if (!ret.ok()) return ret.take_error();
    for (const auto& r : *ret) {
      int64_t day = ReturnDay(r.Text(0));
      if (day >= 0) PEDULI_TRY(AddDaily(c, day, "returns", r.Text(1), 1, shard));
    }
  }
  auto reports = c.Query(
      "SELECT at / 86400, COALESCE(mission_code, '') FROM review_events "
      "WHERE citizen_id = $1 AND id > $2 AND state = 'submitted'",
      {citizen_id, before.max_event_id});
  if (!reports.ok()) return reports.take_error();
  for (const auto& r : *reports) PEDULI_TRY(AddDaily(c, r.Int(0), "reports", r.Text(1), 1, shard));
  return Status::Ok();
}

void NotifyStatsChanged() {
  Signal& s = TheSignal();
  {
    std::lock_guard<std::mutex> lock(s.mu);
    ++s.generation;
  }
  s.cv.notify_all();
}

uint64_t StatsGeneration() {
  Signal& s = TheSignal();
  std::lock_guard<std::mutex> lock(s.mu);
  return s.generation;
}

uint64_t WaitStatsChanged(uint64_t seen, int timeout_ms) {
  Signal& s = TheSignal();
  std::unique_lock<std::mutex> lock(s.mu);
  s.cv.wait_for(lock, std::chrono::milliseconds(timeout_ms),
                [&] { return s.generation != seen; });
  return s.generation;
}

Result<std::vector<StatsCount>> StatsStore::Counts(const StatsQuery& q) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT mission_code, country, subdivision, category, sex, birth_year, origin_province, "
      "origin_regency, review_state, passport_expiry, n FROM stats_counts WHERE n <> 0 "
      "AND ($1 = '' OR mission_code = $1) AND ($2 = '' OR mission_code = $2) "
      "AND ($3 = '' OR country = $3) AND ($4 = '' OR subdivision = $4) "
      "AND ($5 = '' OR category = $5) AND ($6 = '' OR sex = $6) "
      "AND ($7 = '' OR origin_province = $7) AND ($8 = '' OR origin_regency = $8) "
      "AND ($9 = '' OR review_state = $9) "
      "AND ($10 = '' OR (birth_year <> '' AND birth_year >= $10)) "
      "AND ($11 = '' OR (birth_year <> '' AND birth_year <= $11)) "
      "AND ($12 = '' OR (passport_expiry <> '' AND passport_expiry >= $12)) "
      "AND ($13 = '' OR (passport_expiry <> '' AND passport_expiry <= $13))",
      {q.scope, q.mission_code, q.country, q.subdivision, q.category, q.sex, q.origin_province,
       q.origin_regency, q.review_state, q.birth_year_from, q.birth_year_to, q.passport_from,
       q.passport_to});
  if (!rows.ok()) return rows.take_error();
  std::vector<StatsCount> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back({KeyOf(r, 0), r.Int(10)});
  return out;
}

Result<std::vector<DailyCount>> StatsStore::Daily(const std::string& scope,
                                                  const std::string& mission_code,
                                                  int64_t from_day, int64_t to_day) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT day, measure, mission_code, SUM(n) FROM stats_daily "
      "WHERE day >= $1 AND day <= $2 AND ($3 = '' OR mission_code = $3) "
      "AND ($4 = '' OR mission_code = $4) GROUP BY day, measure, mission_code "
      "HAVING SUM(n) <> 0 ORDER BY day, measure, mission_code",
      {from_day, to_day, scope, mission_code});
  if (!rows.ok()) return rows.take_error();
  std::vector<DailyCount> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3)});
  return out;
}

Result<std::vector<StatsCount>> StatsStore::ByCountryCategory() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT country, category, SUM(n) FROM stats_counts GROUP BY country, category "
      "HAVING SUM(n) <> 0 ORDER BY country, category");
  if (!rows.ok()) return rows.take_error();
  std::vector<StatsCount> out;
  for (const auto& r : *rows) {
    StatsCount c;
    c.key.country = r.Text(0);
    c.key.category = r.Text(1);
    c.n = r.Int(2);
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::map<std::pair<std::string, std::string>, int64_t>> StatsStore::OpenCases(
    const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT category, state, COUNT(*) FROM cases WHERE mission_code = $1 "
      "AND state IN ('new', 'triaged', 'in_progress') GROUP BY category, state",
      {mission_code});
  if (!rows.ok()) return rows.take_error();
  std::map<std::pair<std::string, std::string>, int64_t> out;
  for (const auto& r : *rows) out[{r.Text(0), r.Text(1)}] = r.Int(2);
  return out;
}

Result<std::map<std::string, int64_t>> StatsStore::PmiSectors(const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  // details is JSON text (registry_store.cc DetailsJson); each dialect reads one field.
  const bool pg = (*lease)->dialect() == Dialect::kPostgres;
  const std::string sector = pg ? "COALESCE(s.details::json ->> 'sector', '')"
                                : "COALESCE(json_extract(s.details, '$.sector'), '')";
  auto rows = (*lease)->Query(
      "SELECT " + sector + ", COUNT(*) FROM stays s JOIN citizens c ON c.id = s.citizen_id "
      "WHERE s.mission_code = $1 AND s.ended_at IS NULL AND s.category = 'pmi' "
      "AND c.status = 'active' GROUP BY 1",
      {mission_code});
  if (!rows.ok()) return rows.take_error();
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.Text(0)] += r.Int(1);
  return out;
}

Result<int64_t> StatsStore::Rebuild() {
  auto total = InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    if (c.dialect() == Dialect::kPostgres) {
      PEDULI_TRY(c.Exec("LOCK TABLE stats_counts, stats_daily IN EXCLUSIVE MODE"));
    }
    PEDULI_TRY(c.Exec("DELETE FROM stats_counts"));
    PEDULI_TRY(c.Exec("DELETE FROM stats_daily"));
    PEDULI_TRY(c.Exec(
        std::string("INSERT INTO stats_counts (mission_code, country, subdivision, category, "
                    "sex, birth_year, origin_province, origin_regency, review_state, "
                    "passport_expiry, n) ") + kActiveGroupedSql));
    auto daily = DailyFromBase(c);
    if (!daily.ok()) return daily.take_error();
    for (const auto& [k, n] : *daily) {
      PEDULI_TRY(AddDaily(c, std::get<0>(k), std::get<1>(k), std::get<2>(k), n, 0));
    }
    auto sum = c.QueryOne("SELECT COALESCE(SUM(n), 0) FROM stats_counts");
    if (!sum.ok()) return sum.take_error();
    return sum->Int(0);
  });
  if (total.ok()) NotifyStatsChanged();
  return total;
}

Result<StatsDrift> StatsStore::Check() {
  return InTransaction<StatsDrift>(*db_, false, [&](Connection& c) -> Result<StatsDrift> {
    StatsDrift drift;
    auto base = CountsFromBase(c);
    if (!base.ok()) return base.take_error();
    auto stored_rows = c.Query(
        "SELECT mission_code, country, subdivision, category, sex, birth_year, origin_province, "
        "origin_regency, review_state, passport_expiry, n FROM stats_counts WHERE n <> 0");
    if (!stored_rows.ok()) return stored_rows.take_error();
    std::map<StatsKey, int64_t> stored;
    for (const auto& r : *stored_rows) stored[KeyOf(r, 0)] += r.Int(10);
    for (const auto& [k, n] : *base) drift.active += n;
    auto compare = [&](const std::string& what, auto& a, auto& b, auto text) {
      for (const auto& [k, n] : a) {
        auto it = b.find(k);
        int64_t have = it == b.end() ? 0 : it->second;
        if (have != n) drift.cells.push_back({what, text(k), have, n});
      }
      for (const auto& [k, n] : b) {
        if (n != 0 && !a.count(k)) drift.cells.push_back({what, text(k), n, 0});
      }
    };
    compare("counts", *base, stored, KeyText);
    auto daily = DailyFromBase(c);
    if (!daily.ok()) return daily.take_error();
    auto daily_rows = c.Query(
        "SELECT day, measure, mission_code, SUM(n) FROM stats_daily "
        "GROUP BY day, measure, mission_code");
    if (!daily_rows.ok()) return daily_rows.take_error();
    std::map<DailyKey, int64_t> daily_stored;
    for (const auto& r : *daily_rows) daily_stored[{r.Int(0), r.Text(1), r.Text(2)}] = r.Int(3);
    compare("daily", *daily, daily_stored, [](const DailyKey& k) {
      return std::to_string(std::get<0>(k)) + "|" + std::get<1>(k) + "|" + std::get<2>(k);
    });
    return drift;
  });
}

}  // namespace peduli::store
