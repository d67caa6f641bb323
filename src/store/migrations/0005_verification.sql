-- Checks of a citizen's record against Dukcapil, Imigrasi and BP2MI, run by workers from a
-- durable queue. Jobs are enqueued in the same transaction as the Lapor Diri write.
CREATE TABLE verification_jobs (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  system TEXT NOT NULL,                   -- dukcapil, imigrasi, bp2mi
  reason TEXT NOT NULL,                   -- submitted, changed, manual
  state TEXT NOT NULL DEFAULT 'queued',   -- queued, running, done, needs_attention
  attempts INTEGER NOT NULL DEFAULT 0,
  next_run_at BIGINT NOT NULL,
  lease_owner TEXT,                       -- the worker running it
  lease_until BIGINT,                     -- after this a crashed worker's job is taken again
  last_error TEXT,                        -- an outcome code, never registry data
  requested_by BIGINT,                    -- the officer of a manual check
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
-- One waiting job per citizen and system: a second change before the check ran needs no
-- second check.
CREATE UNIQUE INDEX verification_jobs_waiting ON verification_jobs (citizen_id, system)
  WHERE state = 'queued';
CREATE INDEX verification_jobs_due ON verification_jobs (state, next_run_at);
CREATE INDEX verification_jobs_citizen ON verification_jobs (citizen_id, system);

-- The latest verdict per citizen and system (a system with an open job reads as pending). `detail` holds the verdict's facts (which
-- fields did not match, the passport's status, the placements' comparison), not a copy of
-- the registry's record.
CREATE TABLE verification_results (
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  system TEXT NOT NULL,
  state TEXT NOT NULL,                    -- pending, match, mismatch, not_found, error
  mismatched_fields TEXT NOT NULL DEFAULT '[]',
  checked_against TEXT,                   -- which of our fields were sent, and their version
  detail TEXT NOT NULL DEFAULT '{}',
  checked_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (citizen_id, system)
);
