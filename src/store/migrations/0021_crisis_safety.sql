-- Issue 9 (crisis response), safety checks, the call list, evacuation and the purge. The
-- crisis and its audience are in 0019; `crisis_people.status` is derived from the two
-- append-only logs below (the latest answer or call outcome wins).

-- One-row secrets, generated once (insert-if-absent, then read): `safety_token_key` signs
-- the one-tap safety links, the same on every server of a deployment.
CREATE TABLE crisis_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at BIGINT NOT NULL
);

-- Every safety answer, never updated; deleted by the purge after retain_until.
CREATE TABLE safety_answers (
  id @ID@,
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  citizen_id BIGINT NOT NULL,
  answer TEXT NOT NULL,                  -- safe, needs_help
  message TEXT NOT NULL DEFAULT '',
  position TEXT NOT NULL DEFAULT '',     -- "lat,lon" when shared
  via TEXT NOT NULL,                     -- link, portal, officer, family
  actor_account_id BIGINT,               -- officer (phone call) or the citizen's account
  at BIGINT NOT NULL
);
CREATE INDEX safety_answers_person ON safety_answers (crisis_id, citizen_id, id);

-- Officers' call outcomes, never updated; notes deleted by the purge.
CREATE TABLE crisis_calls (
  id @ID@,
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  citizen_id BIGINT NOT NULL,
  outcome TEXT NOT NULL,                 -- reached_safe, reached_needs_help, unreachable, left_area
  note TEXT NOT NULL DEFAULT '',
  actor_account_id BIGINT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX crisis_calls_person ON crisis_calls (crisis_id, citizen_id, id);

-- The next call attempt of someone unreachable (+2 h, then +6 h; at most 5 attempts).
CREATE TABLE crisis_call_schedule (
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  citizen_id BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT,                -- NULL: no further attempt
  PRIMARY KEY (crisis_id, citizen_id)
);

-- A follow link a citizen gave their family: it lets them answer the safety check of the
-- citizen's active crises. Only the hash of the link's secret is stored.
CREATE TABLE safety_family_links (
  id @ID@,
  citizen_id BIGINT NOT NULL,
  token_hash TEXT NOT NULL,
  label TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE UNIQUE INDEX safety_family_links_hash ON safety_family_links (token_hash);
CREATE INDEX safety_family_links_citizen ON safety_family_links (citizen_id);

-- Counts sampled over time (at most one row a minute per crisis and mission) for the chart.
CREATE TABLE crisis_count_samples (
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  mission_code TEXT NOT NULL,
  at BIGINT NOT NULL,
  safe INTEGER NOT NULL,
  needs_help INTEGER NOT NULL,
  no_answer INTEGER NOT NULL,
  unreachable INTEGER NOT NULL,
  PRIMARY KEY (crisis_id, mission_code, at)
);

-- Evacuation: transports of a crisis and the people on them.
CREATE TABLE evac_transports (
  id @ID@,
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  mission_code TEXT NOT NULL,
  name TEXT NOT NULL,
  mode TEXT NOT NULL,                    -- air, sea, land
  departure_at BIGINT,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX evac_transports_crisis ON evac_transports (crisis_id);

CREATE TABLE evac_people (
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  citizen_id BIGINT NOT NULL,
  transport_id BIGINT REFERENCES evac_transports (id),
  family_ids TEXT NOT NULL DEFAULT '[]', -- JSON array of family_members ids travelling along
  splp_number TEXT NOT NULL DEFAULT '',
  destination TEXT NOT NULL DEFAULT '',  -- where in Indonesia
  marked_by BIGINT NOT NULL,
  marked_at BIGINT NOT NULL,
  PRIMARY KEY (crisis_id, citizen_id)
);
