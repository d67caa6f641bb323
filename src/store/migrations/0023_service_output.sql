-- Issue 5, second part: issued documents with gapless numbers, the officers' day list and
-- walk-in queue numbers, reminders, the daily quota as a lock, staged uploads.

-- The number series: one counter row per mission, series and year. A number is taken by
-- UPDATE ... SET last = last + 1 in the issuing transaction, so concurrent issues queue on
-- the row and the numbers have neither gaps nor duplicates (a rolled-back issue gives its
-- number back with the rollback).
CREATE TABLE document_counters (
  mission_code TEXT NOT NULL,
  series TEXT NOT NULL,                  -- SPLP, SK, PASPOR, LEG, CATAT
  year INTEGER NOT NULL,
  last BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (mission_code, series, year)
);

-- The document issued for an application (one per application). `verify_code` is random
-- and unguessable; /verify/dokumen/{code} tells only valid, revoked or expired.
CREATE TABLE issued_documents (
  id @ID@,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  mission_code TEXT NOT NULL,
  series TEXT NOT NULL,
  year INTEGER NOT NULL,
  seq BIGINT NOT NULL,
  number TEXT NOT NULL,                  -- "SPLP/KBRI-KUALA-LUMPUR/2026/000123"
  verify_code TEXT NOT NULL,
  sha256 TEXT,                           -- the rendered PDF in the document store; NULL: none
  valid_until BIGINT,                    -- NULL: no end
  journey_date TEXT,                     -- SPLP: the one journey it is for
  used_at BIGINT,                        -- SPLP: the journey was recorded
  revoked_at BIGINT,
  revoked_by BIGINT,
  revoke_reason TEXT,
  issued_by BIGINT NOT NULL,
  issued_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX issued_documents_app ON issued_documents (application_id);
CREATE UNIQUE INDEX issued_documents_number ON issued_documents (mission_code, series, year, seq);
CREATE UNIQUE INDEX issued_documents_code ON issued_documents (verify_code);

-- Arrival at the counter for an appointment.
ALTER TABLE appointments ADD COLUMN arrived_at BIGINT;
CREATE INDEX appointment_slots_day ON appointment_slots (mission_code, starts_at);

-- Walk-in queue numbers: one counter row per mission and local day, taken like document
-- numbers; a ticket row per number.
CREATE TABLE queue_counters (
  mission_code TEXT NOT NULL,
  day TEXT NOT NULL,                     -- the mission's local date
  last BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (mission_code, day)
);
CREATE TABLE queue_tickets (
  id @ID@,
  mission_code TEXT NOT NULL,
  day TEXT NOT NULL,
  number BIGINT NOT NULL,
  service_code TEXT NOT NULL DEFAULT '',
  issued_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX queue_tickets_number ON queue_tickets (mission_code, day, number);

-- The daily quota as a lock: a row per mission, service and local day; a filing takes a
-- place by UPDATE ... SET used = used + 1 WHERE used < quota in its own transaction.
CREATE TABLE service_quota_days (
  mission_code TEXT NOT NULL,
  service_code TEXT NOT NULL,
  day TEXT NOT NULL,
  quota INTEGER NOT NULL,
  used INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (mission_code, service_code, day)
);

-- Uploads kept after a field error on the web form: the bytes are in the content-addressed
-- document store; the random token, carried in a hidden field, is only good for its owner.
CREATE TABLE staged_uploads (
  token TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL,
  doc_key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);

-- Reminders (passport expiring, appointment tomorrow) go through the same outbox and inbox
-- as state changes, but a passport reminder belongs to no application: the table is rebuilt
-- with application_id nullable and a unique reminder_key, so each reminder is queued once
-- however many servers and restarts run the job (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE service_messages_v2 (
  id @ID@,
  account_id BIGINT NOT NULL,
  application_id BIGINT REFERENCES applications (id),
  action TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT,
  reminder_key TEXT
);
INSERT INTO service_messages_v2 (account_id, application_id, action, to_state, note, created_at,
                                 sent_at, attempts, next_attempt_at, last_error)
  SELECT account_id, application_id, action, to_state, note, created_at, sent_at, attempts,
         next_attempt_at, last_error FROM service_messages ORDER BY id;
DROP TABLE service_messages;
ALTER TABLE service_messages_v2 RENAME TO service_messages;
CREATE INDEX service_messages_due ON service_messages (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX service_messages_account ON service_messages (account_id, id);
CREATE UNIQUE INDEX service_messages_reminder ON service_messages (reminder_key);
