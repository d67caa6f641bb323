-- Lapor Diri: one citizen master record per NIK, stays abroad with history.
CREATE TABLE citizens (
  id @ID@,
  account_id BIGINT REFERENCES accounts (id),
  nik TEXT,                               -- NULL once anonymised
  registration_number TEXT NOT NULL,
  full_name TEXT,
  birth_place TEXT,
  birth_date TEXT,                        -- YYYY-MM-DD
  sex TEXT,                               -- L / P
  marital_status TEXT,
  occupation TEXT,
  education TEXT,
  origin_regency TEXT,                    -- "32.73"
  passport_number TEXT,
  passport_issue_date TEXT,
  passport_expiry_date TEXT,
  passport_office TEXT,
  emergency_name TEXT,
  emergency_relation TEXT,
  emergency_phone TEXT,                   -- E.164
  flags TEXT NOT NULL DEFAULT '[]',       -- JSON array of flags for officers
  verify_code TEXT NOT NULL,              -- unguessable code behind /verify/<code>
  status TEXT NOT NULL DEFAULT 'active',  -- active, returned, deleted
  entered_by BIGINT,                      -- the account that entered it (walk-in: an officer)
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX citizens_nik ON citizens (nik);
CREATE UNIQUE INDEX citizens_account ON citizens (account_id);
CREATE UNIQUE INDEX citizens_registration ON citizens (registration_number);
CREATE UNIQUE INDEX citizens_verify_code ON citizens (verify_code);

CREATE TABLE stays (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  mission_code TEXT NOT NULL,
  jurisdiction_note TEXT,                 -- NULL, 'default_mission', 'uncertain' or 'hq'
  country TEXT NOT NULL,
  subdivision TEXT,
  city TEXT,
  address TEXT,
  phone TEXT,                             -- E.164
  arrival_date TEXT NOT NULL,
  expected_end_date TEXT,
  category TEXT NOT NULL,                 -- pmi, student, crew, resident, family, visitor, other
  details TEXT NOT NULL DEFAULT '{}',     -- JSON: the category's own fields
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  end_reason TEXT,                        -- moved, returned
  return_date TEXT
);
-- At most one current stay per citizen.
CREATE UNIQUE INDEX stays_current ON stays (citizen_id) WHERE ended_at IS NULL;
CREATE INDEX stays_mission ON stays (mission_code, ended_at);

CREATE TABLE family_members (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  name TEXT NOT NULL,
  relation TEXT NOT NULL,
  birth_date TEXT,
  nik TEXT
);
CREATE INDEX family_members_citizen ON family_members (citizen_id);

-- A second account's claim on a NIK already registered: kept for an officer to resolve.
CREATE TABLE duplicate_attempts (
  id @ID@,
  nik TEXT NOT NULL,
  existing_citizen_id BIGINT NOT NULL,
  claimant_account_id BIGINT NOT NULL,
  payload TEXT NOT NULL,                  -- the submitted Lapor Diri, JSON
  created_at BIGINT NOT NULL,
  resolved_at BIGINT,
  resolution TEXT
);
CREATE INDEX duplicate_attempts_open ON duplicate_attempts (resolved_at);

-- Unfinished multi-step forms, so a citizen can resume.
CREATE TABLE lapor_drafts (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  data TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- Deletion requests under UU PDP and what was done (see docs/DATA-PROTECTION.md).
CREATE TABLE deletion_requests (
  id @ID@,
  account_id BIGINT NOT NULL,
  registration_number TEXT,
  requested_at BIGINT NOT NULL,
  completed_at BIGINT,
  action TEXT NOT NULL                    -- anonymised, deleted
);

-- Append-only record of reads and writes of personal data (extended by the audit module).
CREATE TABLE audit_log (
  id @ID@,
  at BIGINT NOT NULL,
  actor_account_id BIGINT,
  actor_role TEXT,
  action TEXT NOT NULL,
  citizen_id BIGINT,
  request_id TEXT,
  detail TEXT
);
CREATE INDEX audit_log_citizen ON audit_log (citizen_id);
