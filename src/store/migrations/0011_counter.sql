-- Officers' decisions on duplicate-NIK claims (duplicate_attempts). Append-only: a decision
-- is never edited; undoing one appends an 'undo' row. Each row holds the state before it,
-- so the undo restores exactly that, and refuses when the state changed since.
CREATE TABLE duplicate_decisions (
  id @ID@,
  attempt_id BIGINT NOT NULL REFERENCES duplicate_attempts (id),
  decision TEXT NOT NULL,                 -- keep, transfer, reject, undo
  undoes_id BIGINT,                       -- for 'undo': the decision it reverses
  note TEXT NOT NULL DEFAULT '',
  identity_checked INTEGER NOT NULL DEFAULT 0,  -- transfer: identity documents were checked
  actor_account_id BIGINT NOT NULL,
  actor_mission TEXT,
  citizen_id BIGINT NOT NULL,             -- the existing record the claim is on
  before_account_id BIGINT,               -- citizens.account_id before the decision
  after_account_id BIGINT,                -- and after it
  record_revision BIGINT,                 -- citizens.revision right after the decision
  created_at BIGINT NOT NULL
);
CREATE INDEX duplicate_decisions_attempt ON duplicate_decisions (attempt_id, id);
-- A decision is undone at most once.
CREATE UNIQUE INDEX duplicate_decisions_undoes ON duplicate_decisions (undoes_id);

-- +1 on every write of a record's data (store::RegistryStore Update and Return), so an undo
-- can tell that a transferred record was edited since, even within the same second.
ALTER TABLE citizens ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
