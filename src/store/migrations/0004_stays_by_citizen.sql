-- A citizen's stays are read on every page of theirs; without this every read scans all
-- stays (found by the 1M-citizen benchmark).
CREATE INDEX stays_citizen ON stays (citizen_id, started_at);
