-- The officer console (issue 4): the review state of each Lapor Diri report, its history,
-- counts per state kept current in the same transactions, and the purpose staff gave for
-- their session.
--
-- One row per citizen, written in the Lapor Diri transaction (store::MarkSubmitted). The
-- jurisdiction, category and dates are copied here so the work queue is one index range
-- per mission and state, without touching citizens or stays (1M-citizen target).
CREATE TABLE citizen_reviews (
  citizen_id BIGINT PRIMARY KEY REFERENCES citizens (id),
  state TEXT NOT NULL,                   -- submitted, verified, rejected, correction_requested
  reason TEXT,                           -- shown to the citizen (reject, correction)
  mission_code TEXT NOT NULL,            -- the current (or last) stay's mission
  category TEXT NOT NULL,
  arrival_date TEXT NOT NULL DEFAULT '', -- YYYY-MM-DD
  submitted_at BIGINT NOT NULL,          -- the latest submission
  decided_by BIGINT,                     -- the officer's account (never shown to the citizen)
  decided_mission TEXT,                  -- the deciding mission (shown to the citizen)
  decided_at BIGINT,
  assigned_to BIGINT,                    -- an officer of the mission, set by a supervisor
  version BIGINT NOT NULL DEFAULT 0,     -- +1 on every change: stale decisions are refused
  updated_at BIGINT NOT NULL
);
-- The queue's keyset order within a mission and state, and the same across missions (HQ).
CREATE INDEX citizen_reviews_queue ON citizen_reviews (mission_code, state, submitted_at, citizen_id);
CREATE INDEX citizen_reviews_all ON citizen_reviews (state, submitted_at, citizen_id);
CREATE INDEX citizen_reviews_assigned ON citizen_reviews (assigned_to, state, submitted_at, citizen_id);

-- Append-only history of a report's review: submissions and decisions.
CREATE TABLE review_events (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  state TEXT NOT NULL,
  reason TEXT,
  actor_account_id BIGINT,
  actor_role TEXT,
  mission_code TEXT,
  at BIGINT NOT NULL
);
CREATE INDEX review_events_citizen ON review_events (citizen_id, id);

-- Counts per mission, category and state, kept current with every change of
-- citizen_reviews, so the queue's counts read a few hundred rows, not a million.
CREATE TABLE review_counts (
  mission_code TEXT NOT NULL,
  category TEXT NOT NULL,
  state TEXT NOT NULL,
  n BIGINT NOT NULL,
  PRIMARY KEY (mission_code, category, state)
);

-- The purpose a staff session gave (layanan, pelindungan, verifikasi, statistik), keyed by
-- a hash of the session's CSRF token: recorded in every audit entry of that session.
CREATE TABLE session_purposes (
  session_key TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  set_at BIGINT NOT NULL
);

-- Registry verdicts that need an officer, found without scanning every citizen's results.
CREATE INDEX verification_results_state ON verification_results (state, citizen_id);
CREATE INDEX duplicate_attempts_existing ON duplicate_attempts (existing_citizen_id, resolved_at);
