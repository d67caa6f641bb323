-- HQ's changes to missions (issue 4): name, time zone, working days, address, phone and
-- jurisdiction rows, each taking effect on a date. Rows are never edited in place apart from
-- being cancelled (before they take effect) and marked applied; the data in effect at an
-- instant is data/missions.csv plus every uncancelled change whose effective_at has passed,
-- applied in (effective_date, id) order (see modules/reference/service.h).
CREATE TABLE mission_changes (
  id @ID@,
  mission_code TEXT NOT NULL,
  kind TEXT NOT NULL,                 -- update, create, close
  effective_date TEXT NOT NULL,       -- YYYY-MM-DD, a date of the mission's time zone
  effective_at BIGINT NOT NULL,       -- the UTC instant of that date's local midnight
  data TEXT NOT NULL,                 -- JSON: the fields the change sets
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  cancelled_by BIGINT,
  cancelled_at BIGINT,
  applied_at BIGINT,                  -- when current stays were handed over (by one server)
  moved_stays BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX mission_changes_mission ON mission_changes (mission_code, id);
CREATE INDEX mission_changes_pending ON mission_changes (applied_at);
-- Bumped by every write to mission_changes: servers poll this one row to notice changes
-- saved by another server.
CREATE TABLE mission_changes_head (
  id INTEGER PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO mission_changes_head (id, version) VALUES (1, 0);
