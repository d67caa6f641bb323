-- Protection cases (perlindungan WNI, issue 6). A case is an append-only list of actions
-- (case_actions); its current state, assignee, mission, deadline and escalation level are
-- derived from them and stored beside them in the same transaction (store::ProtectionStore).
CREATE TABLE cases (
  id @ID@,
  -- Given to reporters: random (not sequential), so a third party cannot guess others'.
  tracking_number TEXT NOT NULL UNIQUE,
  mission_code TEXT NOT NULL,
  source TEXT NOT NULL,              -- citizen, public, officer, panic, crisis
  channel TEXT NOT NULL DEFAULT '',  -- officer-opened: walk_in, hotline, news, other
  category TEXT NOT NULL,            -- wage, contract, detention, death_penalty, trafficking, ...
  priority TEXT NOT NULL,            -- urgent, high, normal, low
  risk_flags TEXT NOT NULL DEFAULT '',  -- comma-separated codes
  restricted INTEGER NOT NULL DEFAULT 0,  -- trafficking, violence, death_penalty
  state TEXT NOT NULL,               -- new, triaged, in_progress, resolved, closed
  outcome TEXT,                      -- of the last resolved/closed state change
  assignee_account_id BIGINT,        -- the lock: only this officer and the supervisor act
  citizen_id BIGINT REFERENCES citizens (id),  -- the confirmed Lapor Diri record
  -- What the reporter said about the person concerned (searchable by officers only).
  subject_name TEXT NOT NULL DEFAULT '',
  subject_nik TEXT,
  subject_passport TEXT,
  subject_birth_date TEXT,
  country TEXT NOT NULL DEFAULT '',
  location TEXT NOT NULL DEFAULT '',
  employer TEXT NOT NULL DEFAULT '',
  agency TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  last_contact TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL DEFAULT '',   -- "lat,lon" shared by the panic button, if any
  reporter_account_id BIGINT,          -- a signed-in citizen reporting
  reporter_name TEXT NOT NULL DEFAULT '',
  reporter_contact TEXT NOT NULL DEFAULT '',
  reporter_relation TEXT NOT NULL DEFAULT '',
  follow_hash TEXT UNIQUE,             -- BLAKE2b of the public follow link's secret
  ip_hash TEXT,                        -- BLAKE2b of the public reporter's address: rate limit
  external_ref TEXT,                   -- e.g. "crisis:12" (issue 9)
  due_at BIGINT,                       -- deadline of the current step; NULL when finished
  escalation_level INTEGER NOT NULL DEFAULT 0,  -- 0 none, 1 supervisor, 2 HQ (this deadline)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX cases_mission_queue ON cases (mission_code, state, due_at, id);
CREATE INDEX cases_state_due ON cases (state, due_at);
CREATE INDEX cases_ip ON cases (ip_hash, created_at);
CREATE INDEX cases_reporter ON cases (reporter_account_id, id);
CREATE INDEX cases_citizen ON cases (citizen_id);

-- Append-only: never updated or deleted.
CREATE TABLE case_actions (
  id @ID@,
  case_id BIGINT NOT NULL REFERENCES cases (id),
  -- report, note, contact, visit, legal_aid, referral, state, assign, transfer, reveal,
  -- match, escalate
  kind TEXT NOT NULL,
  internal INTEGER NOT NULL DEFAULT 1,  -- 0: shown to the reporter
  body TEXT NOT NULL DEFAULT '',
  from_state TEXT,
  to_state TEXT,
  outcome TEXT,
  amount BIGINT,                        -- wages recovered, in whole units of `currency`
  currency TEXT,
  assignee_account_id BIGINT,
  from_mission TEXT,
  to_mission TEXT,
  partner TEXT,                         -- referral: shelter, labour_attache, iom, ...
  consent INTEGER,                      -- referral: the citizen consented (1) or not (0)
  citizen_id BIGINT,                    -- match: the record confirmed
  actor_account_id BIGINT,              -- NULL: the reporter or the system
  actor_role TEXT NOT NULL DEFAULT '',
  actor_mission TEXT,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_actions_case ON case_actions (case_id, id);
