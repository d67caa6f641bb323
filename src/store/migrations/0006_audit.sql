-- The audit log becomes a hash chain: each entry carries the hash of the previous one, so an
-- edited, removed or reordered entry is found by `peduli audit verify`. Rows written before
-- this migration keep hash NULL; they are the unverified prefix of the chain.
ALTER TABLE audit_log ADD COLUMN actor_mission TEXT;
ALTER TABLE audit_log ADD COLUMN purpose TEXT;
ALTER TABLE audit_log ADD COLUMN ip TEXT;
ALTER TABLE audit_log ADD COLUMN record_ids TEXT;   -- JSON array of other record ids
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
-- Two entries can never claim the same predecessor: a fork of the chain is a conflict.
CREATE UNIQUE INDEX audit_log_prev_hash ON audit_log (prev_hash);
CREATE INDEX audit_log_citizen_id ON audit_log (citizen_id, id);
CREATE INDEX audit_log_actor ON audit_log (actor_account_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The chain's head. Appends lock this one row (FOR UPDATE on PostgreSQL; the write lock on
-- SQLite), so writers on several servers form one chain.
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id BIGINT,
  last_hash TEXT
);
INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, NULL, NULL);
