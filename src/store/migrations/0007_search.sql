-- Officers' search of citizens (issue 4): one row per searchable citizen, kept current by
-- store::IndexCitizen in the same transaction as every Lapor Diri write, and rebuilt by
-- store::Reindex. Anonymised citizens have no row. The name index itself is dialect-specific
-- (FTS5 on SQLite, pg_trgm on PostgreSQL) and is created by store::EnsureSearchSchema.
CREATE TABLE citizen_search (
  citizen_id BIGINT PRIMARY KEY,
  name_key TEXT NOT NULL,      -- search::NameKey(full_name)
  nik TEXT,
  passport TEXT,               -- upper case, no spaces
  phone TEXT,                  -- E.164, the current stay's
  mission_code TEXT,           -- the jurisdiction: the current (or last) stay's mission
  status TEXT
);
-- Exact lookups; the keyset order (citizen_id) is in the index, the mission is checked on
-- the few rows found.
CREATE INDEX citizen_search_nik ON citizen_search (nik, citizen_id);
CREATE INDEX citizen_search_passport ON citizen_search (passport, citizen_id);
CREATE INDEX citizen_search_phone ON citizen_search (phone, citizen_id);
CREATE INDEX citizen_search_mission ON citizen_search (mission_code, citizen_id);
