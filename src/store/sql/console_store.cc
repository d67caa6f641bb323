#include "store/console_store.h"

#include <limits>

#include "store/stats_store.h"

namespace peduli::store {
namespace {

Status AdjustCount(Connection& c, const std::string& mission, const std::string& category,
                   const std::string& state, int64_t delta) {
  return c.Exec(
      "INSERT INTO review_counts (mission_code, category, state, n) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (mission_code, category, state) DO UPDATE SET n = review_counts.n + excluded.n",
      {mission, category, state, delta});
}

// A row for a citizen written before the console existed, as submitted at its creation.
Status EnsureRow(Connection& c, int64_t citizen_id, int64_t now) {
  auto have = c.Query("SELECT 1 FROM citizen_reviews WHERE citizen_id = $1", {citizen_id});
  if (!have.ok()) return have.take_error();
  if (!have->empty()) return Status::Ok();
  auto added = c.Query(
      "INSERT INTO citizen_reviews (citizen_id, state, mission_code, category, arrival_date, "
      "submitted_at, version, updated_at) "
      "SELECT c.id, 'submitted', s.mission_code, s.category, s.arrival_date, c.created_at, 0, $2 "
      "FROM citizens c JOIN stays s ON s.citizen_id = c.id "
      "WHERE c.id = $1 AND c.status <> 'deleted' "
      "ORDER BY s.started_at DESC, s.id DESC LIMIT 1 RETURNING mission_code, category",
      {citizen_id, now});
  if (!added.ok()) return added.take_error();
  if (added->empty()) return Error::NotFound();
  return AdjustCount(c, added->front().Text(0), added->front().Text(1), "submitted", 1);
}

ReviewState ReadState(const Row& r) {
  ReviewState s;
  s.citizen_id = r.Int(0);
  s.state = r.Text(1);
  s.reason = r.Text(2);
  s.mission_code = r.Text(3);
  s.category = r.Text(4);
  s.arrival_date = r.Text(5);
  s.submitted_at = r.Int(6);
  s.decided_by = r.Int(7);
  s.decided_mission = r.Text(8);
  s.decided_at = r.Int(9);
  s.assigned_to = r.Int(10);
  s.version = r.Int(11);
  s.updated_at = r.Int(12);
  s.assignee_name = r.Text(13);
  return s;
}

constexpr const char* kStateSql =
    "SELECT r.citizen_id, r.state, r.reason, r.mission_code, r.category, r.arrival_date, "
    "r.submitted_at, r.decided_by, r.decided_mission, r.decided_at, r.assigned_to, r.version, "
    "r.updated_at, a.name FROM citizen_reviews r LEFT JOIN accounts a ON a.id = r.assigned_to "
    "WHERE r.citizen_id = $1";

}  // namespace

Status MarkSubmitted(Connection& c, int64_t citizen_id, const std::string& mission_code,
                     const std::string& category, const std::string& arrival_date,
                     int64_t entered_by, bool by_staff, int64_t now) {
  auto old = c.Query(
      "SELECT state, mission_code, category FROM citizen_reviews WHERE citizen_id = $1",
      {citizen_id});
  if (!old.ok()) return old.take_error();
  if (!old->empty()) {
    const Row& o = old->front();
    PEDULI_TRY(AdjustCount(c, o.Text(1), o.Text(2), o.Text(0), -1));
  }
  PEDULI_TRY(c.Exec(
      "INSERT INTO citizen_reviews (citizen_id, state, mission_code, category, arrival_date, "
      "submitted_at, version, updated_at) VALUES ($1, 'submitted', $2, $3, $4, $5, 0, $5) "
      "ON CONFLICT (citizen_id) DO UPDATE SET state = 'submitted', reason = NULL, "
      "mission_code = excluded.mission_code, category = excluded.category, "
      "arrival_date = excluded.arrival_date, submitted_at = excluded.submitted_at, "
      "decided_by = NULL, decided_mission = NULL, decided_at = NULL, "
      "version = citizen_reviews.version + 1, updated_at = excluded.updated_at",
      {citizen_id, mission_code, category, arrival_date, now}));
  PEDULI_TRY(AdjustCount(c, mission_code, category, "submitted", 1));
  return c.Exec(
      "INSERT INTO review_events (citizen_id, state, actor_account_id, actor_role, mission_code, "
      "at) VALUES ($1, 'submitted', $2, $3, $4, $5)",
      {citizen_id, entered_by ? Value{entered_by} : Null(),
       std::string(by_staff ? "staff" : "citizen"), mission_code, now});
}

Status MoveReview(Connection& c, int64_t citizen_id, const std::string& mission_code) {
  auto old = c.Query(
      "SELECT state, mission_code, category FROM citizen_reviews WHERE citizen_id = $1",
      {citizen_id});
  if (!old.ok()) return old.take_error();
  if (old->empty() || old->front().Text(1) == mission_code) return Status::Ok();
  const Row& o = old->front();
  PEDULI_TRY(AdjustCount(c, o.Text(1), o.Text(2), o.Text(0), -1));
  PEDULI_TRY(c.Exec("UPDATE citizen_reviews SET mission_code = $2 WHERE citizen_id = $1",
                    {citizen_id, mission_code}));
  return AdjustCount(c, mission_code, o.Text(2), o.Text(0), 1);
}

Status ForgetReview(Connection& c, int64_t citizen_id) {
  auto old = c.Query(
      "DELETE FROM citizen_reviews WHERE citizen_id = $1 RETURNING state, mission_code, category",
      {citizen_id});
  if (!old.ok()) return old.take_error();
  if (old->empty()) return Status::Ok();
  const Row& o = old->front();
  return AdjustCount(c, o.Text(1), o.Text(2), o.Text(0), -1);
}

Result<int64_t> ConsoleStore::Backfill(int64_t now) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto missing = c.Query(
        "SELECT 1 FROM citizens c WHERE c.status <> 'deleted' AND NOT EXISTS "
        "(SELECT 1 FROM citizen_reviews r WHERE r.citizen_id = c.id) LIMIT 1");
    if (!missing.ok()) return missing.take_error();
    if (missing->empty()) return int64_t{0};
    auto before = c.QueryOne("SELECT COUNT(*) FROM citizen_reviews");
    if (!before.ok()) return before.take_error();
    PEDULI_TRY(c.Exec(
        "INSERT INTO citizen_reviews (citizen_id, state, mission_code, category, arrival_date, "
        "submitted_at, version, updated_at) "
        "SELECT c.id, 'submitted', s.mission_code, s.category, s.arrival_date, c.created_at, 0, $1 "
        "FROM citizens c JOIN stays s ON s.id = "
        "(SELECT MAX(s2.id) FROM stays s2 WHERE s2.citizen_id = c.id) "
        "WHERE c.status <> 'deleted' AND NOT EXISTS "
        "(SELECT 1 FROM citizen_reviews r WHERE r.citizen_id = c.id)",
        {now}));
    PEDULI_TRY(c.Exec("DELETE FROM review_counts"));
    PEDULI_TRY(c.Exec(
        "INSERT INTO review_counts (mission_code, category, state, n) "
        "SELECT mission_code, category, state, COUNT(*) FROM citizen_reviews "
        "GROUP BY mission_code, category, state"));
    auto after = c.QueryOne("SELECT COUNT(*) FROM citizen_reviews");
    if (!after.ok()) return after.take_error();
    return after->Int(0) - before->Int(0);
  });
}

Result<ReviewState> ConsoleStore::Review(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(kStateSql, {citizen_id});
  if (!r.ok()) return r.take_error();
  return ReadState(*r);
}

Result<std::vector<ReviewEvent>> ConsoleStore::Events(int64_t citizen_id, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, state, reason, actor_account_id, actor_role, mission_code, at "
      "FROM review_events WHERE citizen_id = $1 ORDER BY id DESC LIMIT $2",
      {citizen_id, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<ReviewEvent> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4), r.Text(5), r.Int(6)});
  }
  return out;
}

Result<ReviewState> ConsoleStore::Decide(int64_t citizen_id, int64_t expected_version,
                                         const std::string& state, const std::string& reason,
                                         int64_t actor, const std::string& actor_role,
                                         const std::string& actor_mission, int64_t now,
                                         const AuditEntry& audit) {
  auto decided = InTransaction<ReviewState>(*db_, true, [&](Connection& c) -> Result<ReviewState> {
    auto stats = StatsSnapshot(c, citizen_id);  // statistics (issue 7): the review state
    if (!stats.ok()) return stats.take_error();
    PEDULI_TRY(EnsureRow(c, citizen_id, now));
    auto old = c.QueryOne(
        "SELECT state, mission_code, category, version FROM citizen_reviews WHERE citizen_id = $1",
        {citizen_id});
    if (!old.ok()) return old.take_error();
    // Someone decided (or the citizen re-submitted) since the officer's page was shown.
    if (old->Int(3) != expected_version) return Error::Conflict("console.review.stale");
    auto updated = c.Query(
        "UPDATE citizen_reviews SET state = $3, reason = $4, decided_by = $5, "
        "decided_mission = $6, decided_at = $7, version = version + 1, updated_at = $7 "
        "WHERE citizen_id = $1 AND version = $2 RETURNING citizen_id",
        {citizen_id, expected_version, state, TextOrNull(reason), actor,
         TextOrNull(actor_mission), now});
    if (!updated.ok()) return updated.take_error();
    if (updated->empty()) return Error::Conflict("console.review.stale");
    PEDULI_TRY(AdjustCount(c, old->Text(1), old->Text(2), old->Text(0), -1));
    PEDULI_TRY(AdjustCount(c, old->Text(1), old->Text(2), state, 1));
    PEDULI_TRY(c.Exec(
        "INSERT INTO review_events (citizen_id, state, reason, actor_account_id, actor_role, "
        "mission_code, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        {citizen_id, state, TextOrNull(reason), actor, actor_role, TextOrNull(actor_mission),
         now}));
    PEDULI_TRY(AuditStore::AppendIn(c, audit));
    PEDULI_TRY(StatsApply(c, citizen_id, *stats));
    auto r = c.QueryOne(kStateSql, {citizen_id});
    if (!r.ok()) return r.take_error();
    return ReadState(*r);
  });
  if (decided.ok()) NotifyStatsChanged();
  return decided;
}

Status ConsoleStore::Assign(int64_t citizen_id, int64_t assignee, int64_t now,
                            const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    PEDULI_TRY(EnsureRow(c, citizen_id, now));
    // Not a decision: the version stays, so an officer's open page is not made stale.
    PEDULI_TRY(c.Exec(
        "UPDATE citizen_reviews SET assigned_to = $2, updated_at = $3 WHERE citizen_id = $1",
        {citizen_id, assignee ? Value{assignee} : Null(), now}));
    return AuditStore::AppendIn(c, audit);
  });
}

namespace {

// The queue's columns and filters; the scoped form adds the mission to the index prefix.
#define PEDULI_QUEUE_SELECT                                                                  \
  "SELECT r.citizen_id, c.full_name, c.nik, r.mission_code, r.category, r.arrival_date, "    \
  "r.state, r.submitted_at, r.assigned_to, a.name, vd.state, vi.state, vb.state "            \
  "FROM citizen_reviews r JOIN citizens c ON c.id = r.citizen_id "                           \
  "LEFT JOIN accounts a ON a.id = r.assigned_to "                                            \
  "LEFT JOIN verification_results vd ON vd.citizen_id = r.citizen_id AND vd.system = 'dukcapil' " \
  "LEFT JOIN verification_results vi ON vi.citizen_id = r.citizen_id AND vi.system = 'imigrasi' " \
  "LEFT JOIN verification_results vb ON vb.citizen_id = r.citizen_id AND vb.system = 'bp2mi' "
#define PEDULI_QUEUE_FILTER                                                                  \
  "r.state = $2 AND ($3 = '' OR r.category = $3) "                                           \
  "AND r.submitted_at >= CAST($4 AS BIGINT) AND r.submitted_at < CAST($5 AS BIGINT) "        \
  "AND r.arrival_date >= $6 AND r.arrival_date <= $7 "                                       \
  "AND (CAST($8 AS BIGINT) = 0 OR r.assigned_to = CAST($8 AS BIGINT)) "                      \
  "AND (r.submitted_at, r.citizen_id) > (CAST($9 AS BIGINT), CAST($10 AS BIGINT)) "          \
  "AND c.status <> 'deleted' "                                                               \
  "ORDER BY r.submitted_at, r.citizen_id LIMIT $11"

constexpr const char* kQueueScoped =
    PEDULI_QUEUE_SELECT "WHERE r.mission_code = $1 AND " PEDULI_QUEUE_FILTER;
// $1 is bound but unused, so both texts take the same parameters.
constexpr const char* kQueueAll = PEDULI_QUEUE_SELECT "WHERE $1 = '' AND " PEDULI_QUEUE_FILTER;

#undef PEDULI_QUEUE_SELECT
#undef PEDULI_QUEUE_FILTER

}  // namespace

Result<QueuePage> ConsoleStore::Queue(const QueueFilter& f) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  const int limit = f.limit < 1 ? 1 : (f.limit > 200 ? 200 : f.limit);
  auto rows = (*lease)->Query(
      f.mission_code.empty() ? kQueueAll : kQueueScoped,
      {f.mission_code, f.state, f.category, f.submitted_from,
       f.submitted_to > 0 ? f.submitted_to : std::numeric_limits<int64_t>::max(),
       f.arrival_from, f.arrival_to.empty() ? std::string("9999-12-31") : f.arrival_to,
       f.assigned_to, f.after_submitted_at, f.after_id, int64_t{limit + 1}});
  if (!rows.ok()) return rows.take_error();
  QueuePage page;
  for (const auto& r : *rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      page.more = true;
      break;
    }
    QueueItem it;
    it.citizen_id = r.Int(0);
    it.full_name = r.Text(1);
    it.nik = r.Text(2);
    it.mission_code = r.Text(3);
    it.category = r.Text(4);
    it.arrival_date = r.Text(5);
    it.state = r.Text(6);
    it.submitted_at = r.Int(7);
    it.assigned_to = r.Int(8);
    it.assignee_name = r.Text(9);
    if (!r.IsNull(10)) it.verdicts["dukcapil"] = r.Text(10);
    if (!r.IsNull(11)) it.verdicts["imigrasi"] = r.Text(11);
    if (!r.IsNull(12)) it.verdicts["bp2mi"] = r.Text(12);
    page.items.push_back(std::move(it));
  }
  return page;
}

Result<std::map<std::string, int64_t>> ConsoleStore::Counts(const std::string& mission_code,
                                                            const std::string& category) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT state, SUM(n) FROM review_counts WHERE ($1 = '' OR mission_code = $1) "
      "AND ($2 = '' OR category = $2) GROUP BY state",
      {mission_code, category});
  if (!rows.ok()) return rows.take_error();
  std::map<std::string, int64_t> out;
  for (const auto& r : *rows) out[r.Text(0)] = r.Int(1);
  return out;
}

Result<std::vector<AttentionItem>> ConsoleStore::Attention(const std::string& mission_code,
                                                           const std::string& category,
                                                           int64_t after_citizen,
                                                           const std::string& after_system,
                                                           int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT v.citizen_id, v.system, v.state, c.full_name, c.nik, r.mission_code, r.category, "
      "v.updated_at FROM verification_results v "
      "JOIN citizen_reviews r ON r.citizen_id = v.citizen_id "
      "JOIN citizens c ON c.id = v.citizen_id "
      "WHERE v.state IN ('mismatch', 'not_found', 'error') AND c.status <> 'deleted' "
      "AND ($1 = '' OR r.mission_code = $1) AND ($2 = '' OR r.category = $2) "
      "AND (v.citizen_id, v.system) > (CAST($3 AS BIGINT), $4) "
      "ORDER BY v.citizen_id, v.system LIMIT $5",
      {mission_code, category, after_citizen, after_system, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<AttentionItem> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                   r.Int(7)});
  }
  return out;
}

Result<int64_t> ConsoleStore::AttentionCount(const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM verification_results v "
      "JOIN citizen_reviews r ON r.citizen_id = v.citizen_id "
      "WHERE v.state IN ('mismatch', 'not_found', 'error') "
      "AND ($1 = '' OR r.mission_code = $1)",
      {mission_code});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<std::vector<DuplicateItem>> ConsoleStore::Duplicates(const std::string& mission_code,
                                                            int64_t after_id, int limit) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT d.id, d.existing_citizen_id, c.full_name, c.nik, r.mission_code, d.created_at "
      "FROM duplicate_attempts d JOIN citizen_reviews r ON r.citizen_id = d.existing_citizen_id "
      "JOIN citizens c ON c.id = d.existing_citizen_id "
      "WHERE d.resolved_at IS NULL AND ($1 = '' OR r.mission_code = $1) "
      "AND d.id > CAST($2 AS BIGINT) ORDER BY d.id LIMIT $3",
      {mission_code, after_id, int64_t{limit}});
  if (!rows.ok()) return rows.take_error();
  std::vector<DuplicateItem> out;
  for (const auto& r : *rows) {
    out.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Int(5)});
  }
  return out;
}

Result<int64_t> ConsoleStore::DuplicateCount(const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT COUNT(*) FROM duplicate_attempts d "
      "JOIN citizen_reviews r ON r.citizen_id = d.existing_citizen_id "
      "WHERE d.resolved_at IS NULL AND ($1 = '' OR r.mission_code = $1)",
      {mission_code});
  if (!r.ok()) return r.take_error();
  return r->Int(0);
}

Result<std::vector<StaffMember>> ConsoleStore::MissionStaff(const std::string& mission_code) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(
      "SELECT id, name, role FROM accounts WHERE mission_code = $1 "
      "AND role IN ('officer', 'supervisor') AND deleted_at IS NULL ORDER BY name, id",
      {mission_code});
  if (!rows.ok()) return rows.take_error();
  std::vector<StaffMember> out;
  for (const auto& r : *rows) out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

Result<EntryInfo> ConsoleStore::EntryOf(int64_t citizen_id) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto r = (*lease)->QueryOne(
      "SELECT c.account_id, c.entered_by, a.name, a.role, a.mission_code FROM citizens c "
      "LEFT JOIN accounts a ON a.id = c.entered_by WHERE c.id = $1",
      {citizen_id});
  if (!r.ok()) return r.take_error();
  return EntryInfo{r->Int(0), r->Int(1), r->Text(2), r->Text(3), r->Text(4)};
}

Status ConsoleStore::SetPurpose(const std::string& session_key, int64_t account_id,
                                const std::string& purpose, int64_t now) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  return (*lease)->Exec(
      "INSERT INTO session_purposes (session_key, account_id, purpose, set_at) "
      "VALUES ($1, $2, $3, $4) ON CONFLICT (session_key) DO UPDATE SET "
      "purpose = excluded.purpose, set_at = excluded.set_at",
      {session_key, account_id, purpose, now});
}

std::string ConsoleStore::Purpose(const std::string& session_key) {
  auto lease = db_->Acquire();
  if (!lease.ok()) return "";
  auto r = (*lease)->QueryOne("SELECT purpose FROM session_purposes WHERE session_key = $1",
                              {session_key});
  return r.ok() ? r->Text(0) : "";
}

}  // namespace peduli::store
