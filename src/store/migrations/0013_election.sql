-- The overseas voter list (DPT LN): elections, numbered immutable versions per election and
-- PPLN (the mission), and the officer-set facts the rules read besides the registry.
CREATE TABLE elections (
  id @ID@,
  code TEXT NOT NULL,                     -- "PEMILU-2029"
  name TEXT NOT NULL,
  polling_date TEXT NOT NULL,             -- YYYY-MM-DD
  cutoff_date TEXT NOT NULL,              -- YYYY-MM-DD: last day to change the method
  status TEXT NOT NULL DEFAULT 'preparing', -- preparing, open, closed
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX elections_code ON elections (code);

-- A court decision taking away the right to vote, recorded by an officer with its reference.
CREATE TABLE voting_right_revocations (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  reference TEXT NOT NULL,                -- the decision's number
  set_by BIGINT NOT NULL,
  set_at BIGINT NOT NULL,
  lifted_at BIGINT
);
CREATE INDEX voting_right_revocations_citizen ON voting_right_revocations (citizen_id);

-- An officer's check of the postal address of one stay (postal voters need one).
CREATE TABLE postal_address_checks (
  stay_id BIGINT PRIMARY KEY REFERENCES stays (id),
  checked_by BIGINT NOT NULL,
  checked_at BIGINT NOT NULL
);

-- An officer's choice of voting method for one voter in one election.
CREATE TABLE voter_method_overrides (
  election_id BIGINT NOT NULL REFERENCES elections (id),
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  method TEXT NOT NULL,                   -- TPSLN, KSK, POS
  set_by BIGINT NOT NULL,
  set_at BIGINT NOT NULL,
  PRIMARY KEY (election_id, citizen_id)
);

-- One generated list, written (entries, then its counts) in one transaction and never
-- changed after: a new generation is a new number.
CREATE TABLE voter_list_versions (
  id @ID@,
  election_id BIGINT NOT NULL REFERENCES elections (id),
  ppln TEXT NOT NULL,                     -- mission code
  number INTEGER NOT NULL,
  rules TEXT NOT NULL,                    -- the rule set, JSON
  snapshot_at BIGINT NOT NULL,            -- when the registry was read
  created_by BIGINT,
  potential BIGINT NOT NULL,
  included BIGINT NOT NULL,
  verified BIGINT NOT NULL,
  postal BIGINT NOT NULL,
  postal_checked BIGINT NOT NULL,
  problems BIGINT NOT NULL
);
CREATE UNIQUE INDEX voter_list_versions_number ON voter_list_versions (election_id, ppln, number);

-- Every citizen of the PPLN in a version: the facts the rules read (JSON, so the version can
-- be re-derived and exported identically however the registry changes), and the verdict.
CREATE TABLE voter_list_entries (
  version_id BIGINT NOT NULL REFERENCES voter_list_versions (id),
  citizen_id BIGINT NOT NULL,
  included INTEGER NOT NULL,              -- 1 on the list
  reason TEXT,                            -- exclusion reason, or an included voter's problem
  method TEXT,                            -- TPSLN, KSK, POS
  unit TEXT NOT NULL DEFAULT '',          -- TPSLN-001, ...; '' when excluded
  seq INTEGER NOT NULL DEFAULT 0,         -- number within the unit
  sex TEXT,                               -- L / P, for the summary counts
  verified INTEGER NOT NULL,              -- 1 when the NIK was verified at the snapshot
  facts TEXT NOT NULL,
  PRIMARY KEY (version_id, citizen_id)
);
-- Exports walk a version's voters by unit and number.
CREATE INDEX voter_list_entries_unit ON voter_list_entries (version_id, unit, seq);

-- Generation walks a mission's current stays in citizen order (keyset pages).
CREATE INDEX stays_current_mission ON stays (mission_code, citizen_id) WHERE ended_at IS NULL;
-- Generation asks, for each citizen, whether an open duplicate claim names their NIK.
CREATE INDEX duplicate_attempts_nik ON duplicate_attempts (nik);
