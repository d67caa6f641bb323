-- Statistics (issue 7): the coarse counter tables and stats_daily as one B-tree each on
-- SQLite. A new citizen's Lapor Diri adds to a row of each (store/sql/stats_store.cc); in a
-- rowid table the upsert takes a new rowid (the table's right edge), walks the primary-key
-- index, then the table by rowid, and every transaction reads those pages again (a pooled
-- connection's page cache is reset when another connection has committed), so WITHOUT
-- ROWID, one walk, halves those page reads. stats_counts stays a rowid table: measured at 10M (docs/PERFORMANCE.md), as
-- WITHOUT ROWID its index on (category, sex, birth_year) carries the whole key, so a new
-- row lands at a random place in it (a page split on a packed index) instead of at the
-- end of its group, and the submit path got slower, not faster.
-- @WITHOUT_ROWID@ is "WITHOUT ROWID" on SQLite and nothing on PostgreSQL (store/migrate.cc),
-- where the tables are recreated alike (heap + primary key, as before). Rows are copied in
-- key order; rows at 0 (a key counted once and no longer) are not copied: every reader and
-- `peduli stats check` take a missing row as 0.
CREATE TABLE stats_daily_v2 (
  day BIGINT NOT NULL, measure TEXT NOT NULL, mission_code TEXT NOT NULL,
  shard INTEGER NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (day, measure, mission_code, shard)
) @WITHOUT_ROWID@;
INSERT INTO stats_daily_v2 SELECT day, measure, mission_code, shard, n FROM stats_daily
  WHERE n <> 0 ORDER BY day, measure, mission_code, shard;
DROP TABLE stats_daily;
ALTER TABLE stats_daily_v2 RENAME TO stats_daily;

CREATE TABLE stats_hq_age_v2 (
  category TEXT NOT NULL, sex TEXT NOT NULL, birth_year TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (category, sex, birth_year)
) @WITHOUT_ROWID@;
INSERT INTO stats_hq_age_v2 SELECT category, sex, birth_year, n FROM stats_hq_age
  WHERE n <> 0 ORDER BY category, sex, birth_year;
DROP TABLE stats_hq_age;
ALTER TABLE stats_hq_age_v2 RENAME TO stats_hq_age;

CREATE TABLE stats_hq_passport_v2 (
  category TEXT NOT NULL, passport_expiry TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (category, passport_expiry)
) @WITHOUT_ROWID@;
INSERT INTO stats_hq_passport_v2 SELECT category, passport_expiry, n FROM stats_hq_passport
  WHERE n <> 0 ORDER BY category, passport_expiry;
DROP TABLE stats_hq_passport;
ALTER TABLE stats_hq_passport_v2 RENAME TO stats_hq_passport;

CREATE TABLE stats_hq_origin_v2 (
  category TEXT NOT NULL, origin_province TEXT NOT NULL, origin_regency TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (category, origin_province, origin_regency)
) @WITHOUT_ROWID@;
INSERT INTO stats_hq_origin_v2 SELECT category, origin_province, origin_regency, n
  FROM stats_hq_origin WHERE n <> 0 ORDER BY category, origin_province, origin_regency;
DROP TABLE stats_hq_origin;
ALTER TABLE stats_hq_origin_v2 RENAME TO stats_hq_origin;

CREATE TABLE stats_mission_sex_v2 (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL, sex TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, sex)
) @WITHOUT_ROWID@;
INSERT INTO stats_mission_sex_v2 SELECT mission_code, country, category, sex, n
  FROM stats_mission_sex WHERE n <> 0 ORDER BY mission_code, country, category, sex;
DROP TABLE stats_mission_sex;
ALTER TABLE stats_mission_sex_v2 RENAME TO stats_mission_sex;

CREATE TABLE stats_mission_state_v2 (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  review_state TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, review_state)
) @WITHOUT_ROWID@;
INSERT INTO stats_mission_state_v2 SELECT mission_code, country, category, review_state, n
  FROM stats_mission_state WHERE n <> 0 ORDER BY mission_code, country, category, review_state;
DROP TABLE stats_mission_state;
ALTER TABLE stats_mission_state_v2 RENAME TO stats_mission_state;

CREATE TABLE stats_mission_place_v2 (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, subdivision TEXT NOT NULL,
  category TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, subdivision, category)
) @WITHOUT_ROWID@;
INSERT INTO stats_mission_place_v2 SELECT mission_code, country, subdivision, category, n
  FROM stats_mission_place WHERE n <> 0 ORDER BY mission_code, country, subdivision, category;
DROP TABLE stats_mission_place;
ALTER TABLE stats_mission_place_v2 RENAME TO stats_mission_place;

CREATE TABLE stats_mission_passport_v2 (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  passport_expiry TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, passport_expiry)
) @WITHOUT_ROWID@;
INSERT INTO stats_mission_passport_v2 SELECT mission_code, country, category, passport_expiry,
  n FROM stats_mission_passport WHERE n <> 0
  ORDER BY mission_code, country, category, passport_expiry;
DROP TABLE stats_mission_passport;
ALTER TABLE stats_mission_passport_v2 RENAME TO stats_mission_passport;

CREATE TABLE stats_mission_age_v2 (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL, sex TEXT NOT NULL,
  birth_year TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, sex, birth_year)
) @WITHOUT_ROWID@;
INSERT INTO stats_mission_age_v2 SELECT mission_code, country, category, sex, birth_year, n
  FROM stats_mission_age WHERE n <> 0
  ORDER BY mission_code, country, category, sex, birth_year;
DROP TABLE stats_mission_age;
ALTER TABLE stats_mission_age_v2 RENAME TO stats_mission_age;

CREATE TABLE stats_mission_origin_v2 (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  origin_province TEXT NOT NULL, origin_regency TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, origin_province, origin_regency)
) @WITHOUT_ROWID@;
INSERT INTO stats_mission_origin_v2 SELECT mission_code, country, category, origin_province,
  origin_regency, n FROM stats_mission_origin WHERE n <> 0
  ORDER BY mission_code, country, category, origin_province, origin_regency;
DROP TABLE stats_mission_origin;
ALTER TABLE stats_mission_origin_v2 RENAME TO stats_mission_origin;
