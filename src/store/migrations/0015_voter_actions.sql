-- The voter list's officer actions, the citizen's method requests and postal-ballot tracking
-- (issue 8, second part). The officer-set facts themselves live in 0013's tables.

-- Lifting a revocation names the decision that restored the right, and who recorded it.
ALTER TABLE voting_right_revocations ADD COLUMN lifted_by BIGINT;
ALTER TABLE voting_right_revocations ADD COLUMN lift_reference TEXT;

-- A citizen's own choice of voting method for one election, accepted up to the cut-off
-- (in the mission's local date). Precedence at generation: an officer's override
-- (voter_method_overrides) wins over this request, which wins over the rules' default.
-- A postal request carries the address the ballot goes to; it replaces the stay's address
-- for the list, and a change of it voids the officer's check of the stay's address.
CREATE TABLE voter_method_requests (
  election_id BIGINT NOT NULL REFERENCES elections (id),
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  method TEXT NOT NULL,                   -- TPSLN, KSK, POS
  postal_address TEXT,                    -- POS only
  requested_at BIGINT NOT NULL,
  PRIMARY KEY (election_id, citizen_id)
);

-- What a PPLN recorded about one postal voter's ballot, in order, never changed: sent,
-- received (returned to the PPLN), counted.
CREATE TABLE postal_ballot_events (
  id @ID@,
  election_id BIGINT NOT NULL REFERENCES elections (id),
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  ppln TEXT NOT NULL,
  event TEXT NOT NULL,                    -- sent, received, counted
  version_number INTEGER NOT NULL,        -- the list version the voter was on
  unit TEXT NOT NULL,                     -- POS-001, ...
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX postal_ballot_events_voter ON postal_ballot_events (election_id, citizen_id, id);

-- The state the events lead to, written with each event in the same transaction.
CREATE TABLE postal_ballots (
  election_id BIGINT NOT NULL REFERENCES elections (id),
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  ppln TEXT NOT NULL,
  state TEXT NOT NULL,                    -- sent, received, counted
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (election_id, citizen_id)
);
CREATE INDEX postal_ballots_ppln ON postal_ballots (election_id, ppln, state);
