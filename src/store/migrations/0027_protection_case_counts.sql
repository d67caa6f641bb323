-- Issue 6: the HQ case dashboard without a GROUP BY over the whole case table per request.
-- One counter row per combination of what the dashboard shows; every write that changes one
-- of these columns of a case (create, state change, category or priority change, transfer,
-- escalation and its reset) moves the case's count from its old row to its new one in the
-- same transaction (store::ProtectionStore; `peduli protection counts rebuild|check`).
-- Rows that fall to 0 stay (the next case of that kind reuses them).
CREATE TABLE protection_case_counts (
  mission_code TEXT NOT NULL,
  category TEXT NOT NULL,
  state TEXT NOT NULL,
  priority TEXT NOT NULL,
  restricted INTEGER NOT NULL,
  escalation_level INTEGER NOT NULL,  -- 0 none, 1 supervisor, 2 HQ (cases.escalation_level)
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, category, state, priority, restricted, escalation_level)
);
INSERT INTO protection_case_counts (mission_code, category, state, priority, restricted,
                                    escalation_level, n)
SELECT mission_code, category, state, priority, restricted, escalation_level, COUNT(*)
FROM cases GROUP BY mission_code, category, state, priority, restricted, escalation_level;

-- Overdue depends on the clock, so it is not a counter: it is counted over this index's
-- range "open, deadline before now" (the index holds the columns the dashboard groups by,
-- so no table row is read). Its cost grows with the overdue cases, not with all cases.
CREATE INDEX cases_open_overdue ON cases (due_at, mission_code, category, state)
  WHERE state NOT IN ('resolved', 'closed') AND due_at IS NOT NULL;
-- The escalation run (on every queue and dashboard read) looks for open cases past their
-- deadline that are not yet escalated to HQ: only those are in this index, so cases already
-- at HQ level are not walked again each time.
CREATE INDEX cases_to_escalate ON cases (due_at, id)
  WHERE state NOT IN ('resolved', 'closed') AND due_at IS NOT NULL AND escalation_level < 2;
