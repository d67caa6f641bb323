-- Statistics of citizens abroad (issue 7): counters kept current in the same transaction as
-- every registry write (store/stats_store.h), so a dashboard reads counter rows, never the
-- citizens. `peduli stats rebuild` recomputes both tables from the base tables and
-- `peduli stats check` compares.
--
-- Active stays (a citizen with status 'active' and a current stay), one row per combination
-- of dimensions. Unknown values are ''. The passport's expiry month is stored, not an
-- "expiring soon" flag, because that flag changes with the calendar: it is derived at read
-- time. Age bands likewise come from the birth year on the day of the read.
CREATE TABLE stats_counts (
  mission_code TEXT NOT NULL,
  country TEXT NOT NULL,
  subdivision TEXT NOT NULL,
  category TEXT NOT NULL,
  sex TEXT NOT NULL,                 -- L / P
  birth_year TEXT NOT NULL,          -- YYYY
  origin_province TEXT NOT NULL,     -- "32"
  origin_regency TEXT NOT NULL,      -- "32.73"
  review_state TEXT NOT NULL,        -- submitted, verified, rejected, correction_requested
  passport_expiry TEXT NOT NULL,     -- YYYY-MM
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, country, subdivision, category, sex, birth_year, origin_province,
               origin_regency, review_state, passport_expiry)
);
CREATE INDEX stats_counts_country ON stats_counts (country);

-- Events per UTC day (days since 1970-01-01) and mission: 'reports' (Lapor Diri
-- submissions), 'departures' (stays started, not counting jurisdiction handovers) and
-- 'returns' (stays ended by a return home, on the return date). `shard` spreads one
-- mission's busy day over several rows so concurrent writers do not queue on one row lock;
-- readers sum the shards.
CREATE TABLE stats_daily (
  day BIGINT NOT NULL,
  measure TEXT NOT NULL,
  mission_code TEXT NOT NULL,
  shard INTEGER NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (day, measure, mission_code, shard)
);
