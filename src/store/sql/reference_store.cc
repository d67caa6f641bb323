#include "store/reference_store.h"

#include <functional>
#include <string_view>

#include "store/console_store.h"
#include "store/search_store.h"
#include "store/stats_store.h"

namespace peduli::store {
namespace {

// Bulk inserts use one statement for kBatchRows rows and a single-row statement for the
// rest. Both texts are fixed at start-up from constants (table, columns, row count): only
// placeholders are generated, never values.
constexpr size_t kBatchRows = 200;

std::string InsertSql(std::string_view head, size_t cols, size_t rows) {
  std::string sql(head);
  sql += " VALUES ";
  size_t n = 0;
  for (size_t r = 0; r < rows; ++r) {
    sql += r ? ",(" : "(";
    for (size_t c = 0; c < cols; ++c) {
      if (c) sql += ',';
      sql += '$' + std::to_string(++n);
    }
    sql += ')';
  }
  return sql;
}

// One table's bulk insert: `head` is "INSERT INTO t (a, b, c)".
struct BulkInsert {
  BulkInsert(std::string_view head, size_t cols)
      : cols(cols), batch(InsertSql(head, cols, kBatchRows)), one(InsertSql(head, cols, 1)) {}
  size_t cols;
  std::string batch;
  std::string one;
};

const BulkInsert& ProvincesInsert() {
  static const BulkInsert k("INSERT INTO provinces (code, name)", 2);
  return k;
}
const BulkInsert& RegenciesInsert() {
  static const BulkInsert k("INSERT INTO regencies (code, province_code, name)", 3);
  return k;
}
const BulkInsert& DistrictsInsert() {
  static const BulkInsert k("INSERT INTO districts (code, regency_code, name)", 3);
  return k;
}
const BulkInsert& CountriesInsert() {
  static const BulkInsert k("INSERT INTO countries (code, name_id, name_en)", 3);
  return k;
}
const BulkInsert& SubdivisionsInsert() {
  static const BulkInsert k("INSERT INTO subdivisions (code, country, name)", 3);
  return k;
}
const BulkInsert& MissionsInsert() {
  static const BulkInsert k(
      "INSERT INTO missions (code, type, name, city, country, timezone, address, phone, notes)", 9);
  return k;
}
const BulkInsert& JurisdictionsInsert() {
  static const BulkInsert k(
      "INSERT INTO mission_jurisdictions (seq, mission_code, country, subdivision, city, "
      "uncertain)",
      6);
  return k;
}

// Inserts `rows` items, `append` adding each one's bind values (exactly ins.cols of them).
template <typename T>
Status InsertAll(Connection& c, const BulkInsert& ins, const std::vector<T>& rows,
                 const std::function<void(const T&, size_t index, Params&)>& append) {
  Params params;
  size_t i = 0;
  for (; i + kBatchRows <= rows.size(); i += kBatchRows) {
    params.clear();
    params.reserve(kBatchRows * ins.cols);
    for (size_t k = i; k < i + kBatchRows; ++k) append(rows[k], k, params);
    PEDULI_TRY(c.Exec(ins.batch, params));
  }
  for (; i < rows.size(); ++i) {
    params.clear();
    append(rows[i], i, params);
    PEDULI_TRY(c.Exec(ins.one, params));
  }
  return Status::Ok();
}

Status DeleteAll(Connection& c) {
  PEDULI_TRY(c.Exec("DELETE FROM mission_jurisdictions"));
  PEDULI_TRY(c.Exec("DELETE FROM missions"));
  PEDULI_TRY(c.Exec("DELETE FROM subdivisions"));
  PEDULI_TRY(c.Exec("DELETE FROM countries"));
  PEDULI_TRY(c.Exec("DELETE FROM districts"));
  PEDULI_TRY(c.Exec("DELETE FROM regencies"));
  PEDULI_TRY(c.Exec("DELETE FROM provinces"));
  return Status::Ok();
}

Status InsertData(Connection& c, const ReferenceData& d) {
  using D = ReferenceData;
  PEDULI_TRY(InsertAll<D::Province>(c, ProvincesInsert(), d.provinces,
                                    [](const D::Province& p, size_t, Params& v) {
                                      v.push_back(p.code);
                                      v.push_back(p.name);
                                    }));
  PEDULI_TRY(InsertAll<D::Regency>(c, RegenciesInsert(), d.regencies,
                                   [](const D::Regency& r, size_t, Params& v) {
                                     v.push_back(r.code);
                                     v.push_back(r.province_code);
                                     v.push_back(r.name);
                                   }));
  PEDULI_TRY(InsertAll<D::District>(c, DistrictsInsert(), d.districts,
                                    [](const D::District& r, size_t, Params& v) {
                                      v.push_back(r.code);
                                      v.push_back(r.regency_code);
                                      v.push_back(r.name);
                                    }));
  PEDULI_TRY(InsertAll<D::Country>(c, CountriesInsert(), d.countries,
                                   [](const D::Country& r, size_t, Params& v) {
                                     v.push_back(r.code);
                                     v.push_back(r.name_id);
                                     v.push_back(r.name_en);
                                   }));
  PEDULI_TRY(InsertAll<D::Subdivision>(c, SubdivisionsInsert(), d.subdivisions,
                                       [](const D::Subdivision& r, size_t, Params& v) {
                                         v.push_back(r.code);
                                         v.push_back(r.country);
                                         v.push_back(r.name);
                                       }));
  PEDULI_TRY(InsertAll<D::Mission>(c, MissionsInsert(), d.missions,
                                   [](const D::Mission& m, size_t, Params& v) {
                                     v.push_back(m.code);
                                     v.push_back(m.type);
                                     v.push_back(m.name);
                                     v.push_back(m.city);
                                     v.push_back(m.country);
                                     v.push_back(m.timezone);
                                     v.push_back(TextOrNull(m.address));
                                     v.push_back(TextOrNull(m.phone));
                                     v.push_back(TextOrNull(m.notes));
                                   }));
  return InsertAll<D::Jurisdiction>(
      c, JurisdictionsInsert(), d.jurisdictions,
      [](const D::Jurisdiction& j, size_t seq, Params& v) {
        v.emplace_back(std::in_place_type<int64_t>, static_cast<int64_t>(seq));
        v.push_back(j.mission_code);
        v.push_back(j.country);
        v.push_back(TextOrNull(j.subdivision));
        v.push_back(TextOrNull(j.city));
        v.emplace_back(std::in_place_type<int64_t>, j.uncertain ? 1 : 0);
      });
}

class SqlReferenceStore final : public ReferenceStore {
 public:
  explicit SqlReferenceStore(Database& db) : db_(db) {}

  Result<std::string> Version() override {
    auto lease = db_.Acquire();
    if (!lease.ok()) return lease.take_error();
    auto rows = (*lease)->Query("SELECT value FROM reference_meta WHERE key = 'version'");
    if (!rows.ok()) return rows.take_error();
    if (rows->empty()) return std::string();
    return rows->front().Text(0);
  }

  Result<bool> Replace(const ReferenceData& data, const std::string& version) override {
    return InTransaction<bool>(db_, true, [&](Connection& c) -> Result<bool> {
      // Creating or touching the version row locks it until commit (SQLite: the write
      // transaction already holds the database lock), and RETURNING reads the version
      // committed by whoever held the lock before us.
      auto current = c.QueryOne(
          "INSERT INTO reference_meta (key, value) VALUES ('version', '') "
          "ON CONFLICT (key) DO UPDATE SET value = reference_meta.value RETURNING value");
      if (!current.ok()) return current.take_error();
      if (current->Text(0) == version) return false;
      PEDULI_TRY(DeleteAll(c));
      PEDULI_TRY(InsertData(c, data));
      PEDULI_TRY(c.Exec("UPDATE reference_meta SET value = $1 WHERE key = 'version'", {version}));
      return true;
    });
  }

  Result<ReferenceData> ReadAll() override {
    // PostgreSQL's READ COMMITTED gives each SELECT its own snapshot: a Replace committing
    // between them would tear the result. It always changes the version, so read until the
    // version is the same before and after.
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto before = Version();
      if (!before.ok()) return before.take_error();
      auto data = ReadOnce();
      if (!data.ok()) return data;
      auto after = Version();
      if (!after.ok()) return after.take_error();
      if (*after == *before) return data;
    }
    return Error::Unavailable("reference data kept changing while being read");
  }

 private:
  Result<ReferenceData> ReadOnce() {
    return InTransaction<ReferenceData>(db_, false, [&](Connection& c) -> Result<ReferenceData> {
      ReferenceData d;
      auto rows = c.Query("SELECT code, name FROM provinces ORDER BY code");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) d.provinces.push_back({r.Text(0), r.Text(1)});

      rows = c.Query("SELECT code, province_code, name FROM regencies ORDER BY code");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) d.regencies.push_back({r.Text(0), r.Text(1), r.Text(2)});

      rows = c.Query("SELECT code, regency_code, name FROM districts ORDER BY code");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) d.districts.push_back({r.Text(0), r.Text(1), r.Text(2)});

      rows = c.Query("SELECT code, name_id, name_en FROM countries ORDER BY code");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) d.countries.push_back({r.Text(0), r.Text(1), r.Text(2)});

      rows = c.Query("SELECT code, country, name FROM subdivisions ORDER BY code");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) d.subdivisions.push_back({r.Text(0), r.Text(1), r.Text(2)});

      rows = c.Query(
          "SELECT code, type, name, city, country, timezone, address, phone, notes "
          "FROM missions ORDER BY code");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) {
        d.missions.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5),
                              r.Text(6), r.Text(7), r.Text(8)});
      }

      rows = c.Query(
          "SELECT mission_code, country, subdivision, city, uncertain "
          "FROM mission_jurisdictions ORDER BY seq");
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) {
        d.jurisdictions.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Int(4) != 0});
      }
      return d;
    });
  }

  Database& db_;
};

}  // namespace

std::unique_ptr<ReferenceStore> NewReferenceStore(Database& db) {
  return std::make_unique<SqlReferenceStore>(db);
}

namespace {

constexpr const char* kChangeColumns =
    "SELECT id, mission_code, kind, effective_date, effective_at, data, created_by, created_at, "
    "cancelled_by, cancelled_at, applied_at, moved_stays FROM mission_changes ";

MissionChange ChangeFromRow(const Row& r) {
  MissionChange c;
  c.id = r.Int(0);
  c.mission_code = r.Text(1);
  c.kind = r.Text(2);
  c.effective_date = r.Text(3);
  c.effective_at = r.Int(4);
  c.data = r.Text(5);
  c.created_by = r.Int(6);
  c.created_at = r.Int(7);
  c.cancelled_by = r.Int(8);
  c.cancelled_at = r.Int(9);
  c.applied_at = r.Int(10);
  c.moved_stays = r.Int(11);
  return c;
}

Status BumpVersion(Connection& c) {
  return c.Exec("UPDATE mission_changes_head SET version = version + 1 WHERE id = 1");
}

}  // namespace

Result<int64_t> MissionChangeStore::Version() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto row = (*lease)->QueryOne("SELECT version FROM mission_changes_head WHERE id = 1");
  if (!row.ok()) return row.take_error();
  return row->Int(0);
}

Result<std::vector<MissionChange>> MissionChangeStore::All() {
  auto lease = db_->Acquire();
  if (!lease.ok()) return lease.take_error();
  auto rows = (*lease)->Query(std::string(kChangeColumns) + "ORDER BY id");
  if (!rows.ok()) return rows.take_error();
  std::vector<MissionChange> out;
  out.reserve(rows->size());
  for (const auto& r : *rows) out.push_back(ChangeFromRow(r));
  return out;
}

Result<int64_t> MissionChangeStore::Add(const MissionChange& ch, const AuditEntry& audit) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    auto row = c.QueryOne(
        "INSERT INTO mission_changes (mission_code, kind, effective_date, effective_at, data, "
        "created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        {ch.mission_code, ch.kind, ch.effective_date, ch.effective_at, ch.data, ch.created_by,
         ch.created_at});
    if (!row.ok()) return row.take_error();
    PEDULI_TRY(BumpVersion(c));
    AuditEntry e = audit;
    e.record_ids = "[" + std::to_string(row->Int(0)) + "]";
    PEDULI_TRY(AuditStore::AppendIn(c, e));
    return row->Int(0);
  });
}

Status MissionChangeStore::Cancel(int64_t id, const std::string& mission_code, int64_t by,
                                  int64_t now, const AuditEntry& audit) {
  return InTransaction(*db_, true, [&](Connection& c) -> Status {
    auto done = c.Query(
        "UPDATE mission_changes SET cancelled_by = $3, cancelled_at = $4 "
        "WHERE id = $1 AND mission_code = $2 AND cancelled_at IS NULL AND applied_at IS NULL "
        "AND effective_at > $4 RETURNING id",
        {id, mission_code, by, now});
    if (!done.ok()) return done.take_error();
    if (done->empty()) {
      auto exists = c.Query("SELECT id FROM mission_changes WHERE id = $1 AND mission_code = $2",
                            {id, mission_code});
      if (!exists.ok()) return exists.take_error();
      if (exists->empty()) return Error::NotFound();
      return Error::Conflict("err.mission.change_final");
    }
    PEDULI_TRY(BumpVersion(c));
    return AuditStore::AppendIn(c, audit);
  });
}

Result<int64_t> MissionChangeStore::Apply(
    int64_t id, int64_t now, const std::vector<std::string>& missions,
    const std::function<StayMove(const CurrentStay&)>& move) {
  return InTransaction<int64_t>(*db_, true, [&](Connection& c) -> Result<int64_t> {
    // The claim: of several servers noticing the date at once, one updates the row; the
    // others wait for its lock (PostgreSQL) or the write lock (SQLite) and then match none.
    auto claimed = c.Query(
        "UPDATE mission_changes SET applied_at = $2 "
        "WHERE id = $1 AND applied_at IS NULL AND cancelled_at IS NULL RETURNING id",
        {id, now});
    if (!claimed.ok()) return claimed.take_error();
    if (claimed->empty()) return int64_t{-1};
    int64_t moved = 0;
    for (const auto& mission : missions) {
      auto rows = c.Query(
          "SELECT id, citizen_id, mission_code, country, subdivision, city FROM stays "
          "WHERE mission_code = $1 AND ended_at IS NULL ORDER BY id",
          {mission});
      if (!rows.ok()) return rows.take_error();
      for (const auto& r : *rows) {
        CurrentStay st{r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5)};
        StayMove to = move(st);
        if (to.mission_code.empty() || to.mission_code == st.mission_code) continue;
        auto stats = StatsSnapshot(c, st.citizen_id);  // statistics (issue 7)
        if (!stats.ok()) return stats.take_error();
        PEDULI_TRY(c.Exec(
            "UPDATE stays SET ended_at = $2, end_reason = 'jurisdiction' WHERE id = $1",
            {st.id, now}));
        // The same stay, now the new mission's; the ended row keeps the old mission's history.
        PEDULI_TRY(c.Exec(
            "INSERT INTO stays (citizen_id, mission_code, jurisdiction_note, country, "
            "subdivision, city, address, phone, arrival_date, expected_end_date, category, "
            "details, started_at) "
            "SELECT citizen_id, $2, $3, country, subdivision, city, address, phone, "
            "arrival_date, expected_end_date, category, details, $4 FROM stays WHERE id = $1",
            {st.id, to.mission_code, TextOrNull(to.note), now}));
        PEDULI_TRY(SetIndexedMission(c, st.citizen_id, to.mission_code));
        PEDULI_TRY(MoveReview(c, st.citizen_id, to.mission_code));
        PEDULI_TRY(StatsApply(c, st.citizen_id, *stats));
        ++moved;
      }
    }
    PEDULI_TRY(c.Exec("UPDATE mission_changes SET moved_stays = $2 WHERE id = $1", {id, moved}));
    PEDULI_TRY(BumpVersion(c));
    return moved;
  });
}

}  // namespace peduli::store
