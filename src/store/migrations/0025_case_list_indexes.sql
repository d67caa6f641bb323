-- Issue 6: the case queue reads in deadline order and stops at a page. These indexes hold
-- that order (a missing deadline last, as the queue sorts), so a page of a mission's open
-- cases is an index range however many cases the table holds; ProtectionStore::List picks
-- the query shape (mission or all, open only or not) that can use them.
CREATE INDEX cases_open_mission_due ON cases (mission_code, (COALESCE(due_at, 9223372036854775807)), id)
  WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX cases_open_due ON cases ((COALESCE(due_at, 9223372036854775807)), id)
  WHERE state NOT IN ('resolved', 'closed');
CREATE INDEX cases_mission_due ON cases (mission_code, (COALESCE(due_at, 9223372036854775807)), id);
CREATE INDEX cases_due ON cases ((COALESCE(due_at, 9223372036854775807)), id);
