-- Issue 5: one standard of consular service. The catalog is versioned: each version is the
-- whole catalog as one JSON document (data/services.json is version 1), taking effect at
-- `effective_at` (the UTC instant of `effective_date`, 00:00 in Jakarta). An application keeps
-- the version it was filed under.
CREATE TABLE service_catalog_versions (
  id @ID@,
  effective_date TEXT NOT NULL,
  effective_at BIGINT NOT NULL,
  document TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  created_by BIGINT,                     -- NULL: loaded from data/services.json
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX service_catalog_versions_effective ON service_catalog_versions (effective_at);

-- What a mission sets for one service: whether it offers it, its local-currency fee, a daily
-- quota, opening hours. Requirements and deadlines are the catalog's, not the mission's.
-- No row: offered, standard fee, no quota.
CREATE TABLE mission_services (
  mission_code TEXT NOT NULL,
  service_code TEXT NOT NULL,
  offered INTEGER NOT NULL DEFAULT 1,
  local_fee_minor BIGINT,                -- in the currency's minor unit; NULL: not set
  local_currency TEXT,
  daily_quota INTEGER,                   -- NULL: none
  opening_hours TEXT NOT NULL DEFAULT '',
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (mission_code, service_code)
);

-- Days a mission is closed beyond its weekend. mission_code '*' holds the Indonesian national
-- holidays every mission observes.
CREATE TABLE mission_holidays (
  mission_code TEXT NOT NULL,
  day TEXT NOT NULL,                     -- YYYY-MM-DD, the mission's own calendar
  name TEXT NOT NULL,
  PRIMARY KEY (mission_code, day)
);
INSERT INTO mission_holidays (mission_code, day, name) VALUES
  ('*', '2026-01-01', 'Tahun Baru Masehi'),
  ('*', '2026-03-20', 'Idul Fitri 1447 H'),
  ('*', '2026-03-21', 'Idul Fitri 1447 H'),
  ('*', '2026-05-27', 'Idul Adha 1447 H'),
  ('*', '2026-08-17', 'Hari Kemerdekaan RI'),
  ('*', '2026-12-25', 'Hari Raya Natal'),
  ('*', '2027-01-01', 'Tahun Baru Masehi'),
  ('*', '2027-03-10', 'Idul Fitri 1448 H'),
  ('*', '2027-03-11', 'Idul Fitri 1448 H'),
  ('*', '2027-05-17', 'Idul Adha 1448 H'),
  ('*', '2027-08-17', 'Hari Kemerdekaan RI'),
  ('*', '2027-12-25', 'Hari Raya Natal'),
  ('KBRI-KUALA-LUMPUR', '2026-08-31', 'Hari Kebangsaan Malaysia'),
  ('KBRI-KUALA-LUMPUR', '2027-08-31', 'Hari Kebangsaan Malaysia'),
  ('KJRI-JEDDAH', '2026-09-23', 'Saudi National Day'),
  ('KJRI-JEDDAH', '2027-09-23', 'Saudi National Day');

-- One application. The state is derived from application_actions and stored here in the same
-- transaction; `version` guards decisions (UPDATE ... WHERE version = $v).
CREATE TABLE applications (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  account_id BIGINT,                      -- the citizen's account; NULL for a walk-in without one
  mission_code TEXT NOT NULL,
  service_code TEXT NOT NULL,
  catalog_version_id BIGINT NOT NULL REFERENCES service_catalog_versions (id),
  channel TEXT NOT NULL,                  -- online, counter
  state TEXT NOT NULL,
  form TEXT NOT NULL DEFAULT '{}',        -- the service's form fields, JSON
  fee_minor BIGINT,                       -- the fee at filing, in the mission's currency
  fee_currency TEXT,
  submitted_at BIGINT NOT NULL,
  due_date TEXT NOT NULL,                 -- the mission's local date; moves on by the working
                                          -- days spent waiting for the citizen
  correction_since BIGINT,                -- set while in needs_correction
  escalation INTEGER NOT NULL DEFAULT 0,  -- 0 none, 1 supervisor, 2 HQ (recorded once each)
  version BIGINT NOT NULL DEFAULT 1,
  updated_at BIGINT NOT NULL,
  closed_at BIGINT
);
CREATE INDEX applications_queue ON applications (mission_code, closed_at, due_date, id);
CREATE INDEX applications_citizen ON applications (citizen_id, id);
CREATE INDEX applications_account ON applications (account_id, id);

-- Append-only: every step of an application with who, when and a note.
CREATE TABLE application_actions (
  id @ID@,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  action TEXT NOT NULL,                   -- submit, check, request_correction, resubmit,
                                          -- process, ready, collect, send, reject, withdraw,
                                          -- escalate, upload
  from_state TEXT,
  to_state TEXT NOT NULL,
  actor_account_id BIGINT,
  actor_role TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL
);
CREATE INDEX application_actions_app ON application_actions (application_id, id);
-- An escalation ('escalate', note 'supervisor' or 'hq') is recorded once: it is appended
-- only by the server whose UPDATE applications SET escalation ... WHERE escalation < level wins.

-- Uploaded documents: the bytes live on disk under <data_dir>/documents/<sha256>, once per
-- content; a row per application and required document.
CREATE TABLE application_documents (
  id @ID@,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  doc_key TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  file_name TEXT NOT NULL DEFAULT '',
  uploaded_by BIGINT,
  created_at BIGINT NOT NULL
);
CREATE INDEX application_documents_app ON application_documents (application_id, id);

-- Appointment slots: a start instant (UTC) at a mission for a service, with a capacity.
-- `booked` is changed only by UPDATE ... WHERE booked < capacity, so no slot is overbooked.
CREATE TABLE appointment_slots (
  id @ID@,
  mission_code TEXT NOT NULL,
  service_code TEXT NOT NULL,
  starts_at BIGINT NOT NULL,
  capacity INTEGER NOT NULL,
  booked INTEGER NOT NULL DEFAULT 0,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX appointment_slots_unique ON appointment_slots (mission_code, service_code, starts_at);

CREATE TABLE appointments (
  id @ID@,
  slot_id BIGINT NOT NULL REFERENCES appointment_slots (id),
  application_id BIGINT NOT NULL REFERENCES applications (id),
  status TEXT NOT NULL,                   -- booked, cancelled
  created_at BIGINT NOT NULL,
  cancelled_at BIGINT
);
-- One live appointment per application.
CREATE UNIQUE INDEX appointments_live ON appointments (application_id) WHERE status = 'booked';

-- The outbox of messages to citizens about their applications: one row per state change,
-- written in the change's transaction, so none is lost and none is sent for a change that
-- rolled back. A worker mails due rows (retrying with backoff); the citizen's inbox on the
-- portal reads the same rows.
CREATE TABLE service_messages (
  id @ID@,
  account_id BIGINT NOT NULL,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  action TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  last_error TEXT
);
CREATE INDEX service_messages_due ON service_messages (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX service_messages_account ON service_messages (account_id, id);

-- The fee of an application: paid (amount, currency, method, receipt number) or waived with
-- a reason. Recorded once per application.
CREATE TABLE application_payments (
  id @ID@,
  application_id BIGINT NOT NULL REFERENCES applications (id),
  kind TEXT NOT NULL,                     -- payment, waiver
  amount_minor BIGINT,
  currency TEXT,
  method TEXT,                            -- cash, card, transfer, gateway
  receipt_number TEXT,
  waiver_reason TEXT,                     -- distressed, pmi_protection_case
  note TEXT NOT NULL DEFAULT '',
  recorded_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX application_payments_once ON application_payments (application_id);
