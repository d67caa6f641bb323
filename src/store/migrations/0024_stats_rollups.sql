-- Statistics (issue 7): coarse read-side counters. stats_counts (0016) is keyed by every
-- dimension at once, which at 10M citizens is about one row per citizen, so a dashboard
-- that read it read the population. Each table below keeps the same active stays summed
-- over a few dimensions only, maintained by the same hooks in the same transaction as
-- stats_counts (store/stats_store.cc, kCubes), so that one dashboard breakdown reads at
-- most a few thousand rows. The `mission_*` tables serve a mission's view (and HQ views
-- filtered by mission); the `hq_*` tables have no mission column and serve views over
-- every mission. stats_counts stays: it answers the filter combinations no table here
-- covers (docs/PERFORMANCE.md) and is what `peduli stats check` compares with the base
-- tables; each table here is checked against it.
CREATE TABLE stats_hq_age (
  category TEXT NOT NULL, sex TEXT NOT NULL, birth_year TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (category, sex, birth_year)
);
CREATE TABLE stats_hq_passport (
  category TEXT NOT NULL, passport_expiry TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (category, passport_expiry)
);
CREATE TABLE stats_mission_sex (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL, sex TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, sex)
);
CREATE TABLE stats_hq_origin (
  category TEXT NOT NULL, origin_province TEXT NOT NULL, origin_regency TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (category, origin_province, origin_regency)
);
CREATE TABLE stats_mission_state (
  mission_code TEXT NOT NULL, category TEXT NOT NULL, review_state TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, category, review_state)
);
CREATE TABLE stats_mission_place (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, subdivision TEXT NOT NULL,
  category TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, subdivision, category)
);
CREATE TABLE stats_mission_passport (
  mission_code TEXT NOT NULL, category TEXT NOT NULL, passport_expiry TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, category, passport_expiry)
);
CREATE TABLE stats_mission_age (
  mission_code TEXT NOT NULL, country TEXT NOT NULL, category TEXT NOT NULL, sex TEXT NOT NULL,
  birth_year TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, category, sex, birth_year)
);
CREATE TABLE stats_mission_origin (
  mission_code TEXT NOT NULL, category TEXT NOT NULL, origin_province TEXT NOT NULL,
  origin_regency TEXT NOT NULL, n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, category, origin_province, origin_regency)
);
-- Filled from stats_counts, which is current, so an existing database needs no rebuild.
INSERT INTO stats_hq_age SELECT category, sex, birth_year, SUM(n) FROM stats_counts
  GROUP BY category, sex, birth_year;
INSERT INTO stats_hq_passport SELECT category, passport_expiry, SUM(n) FROM stats_counts
  GROUP BY category, passport_expiry;
INSERT INTO stats_mission_sex SELECT mission_code, country, category, sex, SUM(n)
  FROM stats_counts GROUP BY mission_code, country, category, sex;
INSERT INTO stats_hq_origin SELECT category, origin_province, origin_regency, SUM(n)
  FROM stats_counts GROUP BY category, origin_province, origin_regency;
INSERT INTO stats_mission_state SELECT mission_code, category, review_state, SUM(n)
  FROM stats_counts GROUP BY mission_code, category, review_state;
INSERT INTO stats_mission_place SELECT mission_code, country, subdivision, category, SUM(n)
  FROM stats_counts GROUP BY mission_code, country, subdivision, category;
INSERT INTO stats_mission_passport SELECT mission_code, category, passport_expiry, SUM(n)
  FROM stats_counts GROUP BY mission_code, category, passport_expiry;
INSERT INTO stats_mission_age SELECT mission_code, country, category, sex, birth_year, SUM(n)
  FROM stats_counts GROUP BY mission_code, country, category, sex, birth_year;
INSERT INTO stats_mission_origin SELECT mission_code, category, origin_province,
  origin_regency, SUM(n) FROM stats_counts
  GROUP BY mission_code, category, origin_province, origin_regency;
