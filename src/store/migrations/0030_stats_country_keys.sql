-- Statistics (issue 7): fewer dashboard views fall back to the fine table (stats_counts).
-- 1. The per-mission state, passport and origin tables also keep the country. A mission
--    serves one or a few countries, so this adds few rows and no write (the same tables
--    are written), and every breakdown filtered by country is then served coarse.
-- 2. stats_counts' country index is replaced by one on (category, sex, birth_year): a
--    country filter on stats_counts now reads through the primary key (mission_code IN the
--    country's missions, store/sql/stats_store.cc), and the remaining fallback of the
--    common filters (category, sex, age) reads the matching rows only, not the whole table.
--    Still one secondary index per counter row written.
DROP TABLE stats_mission_state;
DROP TABLE stats_mission_passport;
DROP TABLE stats_mission_origin;
CREATE TABLE stats_mission_state (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  review_state TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, review_state)
);
CREATE TABLE stats_mission_passport (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  passport_expiry TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, passport_expiry)
);
CREATE TABLE stats_mission_origin (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL,
  origin_province TEXT NOT NULL, origin_regency TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, origin_province, origin_regency)
);
-- Filled from stats_counts, which is current, so an existing database needs no rebuild.
INSERT INTO stats_mission_state SELECT mission_code, country, category, review_state, SUM(n)
  FROM stats_counts GROUP BY mission_code, country, category, review_state;
INSERT INTO stats_mission_passport SELECT mission_code, country, category, passport_expiry,
  SUM(n) FROM stats_counts GROUP BY mission_code, country, category, passport_expiry;
INSERT INTO stats_mission_origin SELECT mission_code, country, category, origin_province,
  origin_regency, SUM(n) FROM stats_counts
  GROUP BY mission_code, country, category, origin_province, origin_regency;
DROP INDEX stats_counts_country;
CREATE INDEX stats_counts_category_sex_year ON stats_counts (category, sex, birth_year);
