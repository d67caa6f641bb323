-- Statistics (issue 7): a new citizen's first Lapor Diri and departure travel in its pending
-- row (0035) on SQLite. The request wrote them to stats_daily (an upsert, and one more page
-- per commit); StatsApplyCreated now writes one stats_pending row, with the day of the report
-- and of the departure (days since 1970-01-01, at the row's mission), and StatsStore::Fold
-- adds them to stats_daily. Every read of stats_daily counts these columns meanwhile. NULL
-- on every other row, and on PostgreSQL, where stats_pending stays empty.
ALTER TABLE stats_pending ADD COLUMN reports_day BIGINT;
ALTER TABLE stats_pending ADD COLUMN departures_day BIGINT;
