-- Statistics (issue 7): counter changes committed but not yet folded into the counter
-- tables (store/sql/stats_store.cc). On SQLite a registry write adds its citizen's change
-- here, in its own transaction, as counter rows keyed by every dimension: -1 on the key
-- before the write, +1 on the key after it. Adding to the ten counter tables instead wrote
-- one page of each per commit, +18% to +40% CPU per new citizen at 10M (docs/PERFORMANCE.md);
-- this table's rows go to one page at its end. Every read of a counter table adds this
-- table's matching rows in the same statement, so a dashboard is exact at any moment; a
-- background fold (StatsStore::Fold, every 250 ms) moves the rows into the counter
-- tables in one transaction, summed per key, like GIN's pending list. On PostgreSQL writes
-- still go to the counter tables in one statement and this table stays empty.
CREATE TABLE stats_pending (
  id @ID@,
  mission_code TEXT NOT NULL, country TEXT NOT NULL, subdivision TEXT NOT NULL,
  category TEXT NOT NULL, sex TEXT NOT NULL, birth_year TEXT NOT NULL,
  origin_province TEXT NOT NULL, origin_regency TEXT NOT NULL, review_state TEXT NOT NULL,
  passport_expiry TEXT NOT NULL, n BIGINT NOT NULL
);
