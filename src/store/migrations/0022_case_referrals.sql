-- Referrals of protection cases as tracked objects (issue 6, item 5): to another mission, to
-- HQ, or to a partner without an account (shelter, labour attaché, IOM, ...). Each referral
-- records the citizen's consent (or a supervisor's audited override and its reason), what
-- the receiver may see (`scope`) and its state. Every change of state is a compare-and-set
-- on `state` written with its case_actions row and its audit entry in one transaction.
CREATE TABLE case_referrals (
  id @ID@,
  case_id BIGINT NOT NULL REFERENCES cases (id),
  from_mission TEXT NOT NULL,          -- the referring mission (the case's at the time)
  to_kind TEXT NOT NULL,               -- mission, hq, partner
  to_mission TEXT,                     -- mission and hq: the receiving mission's code
  partner TEXT,                        -- partner: shelter, labour_attache, iom, ...
  partner_name TEXT NOT NULL DEFAULT '',  -- which one (e.g. the shelter's name)
  scope TEXT NOT NULL,                 -- summary, contact, full
  consent INTEGER NOT NULL,            -- 1: the citizen consented; 0: a supervisor overrode
  override_reason TEXT,                -- why consent was overridden
  reason TEXT NOT NULL DEFAULT '',     -- why the case is referred (the receiver sees it)
  state TEXT NOT NULL,                 -- pending, accepted, rejected, revoked, done
  decision_note TEXT,                  -- the receiver's or referrer's note on the last change
  link_hash TEXT UNIQUE,               -- partner: BLAKE2b of its secret link's token
  created_by BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX case_referrals_case ON case_referrals (case_id, id);
CREATE INDEX case_referrals_to ON case_referrals (to_mission, state, id);

-- The referral an action is about (kinds referral, referral_accepted, referral_rejected,
-- referral_revoked, referral_done). Older "referral" actions (partner + consent only, before
-- this table) have none and stay readable as they were.
ALTER TABLE case_actions ADD COLUMN referral_id BIGINT;

-- The BP2MI risk list (issue 6, item 7): a migrant worker whose BP2MI verdict names risks
-- (no placement record, a different employer, an ended contract) is listed for the
-- mission of their current stay until an officer reviews that verdict: marks it reviewed
-- with a note, or opens a case from it. A newer verdict lists the worker again.
CREATE TABLE case_risk_reviews (
  id @ID@,
  citizen_id BIGINT NOT NULL REFERENCES citizens (id),
  verdict_at BIGINT NOT NULL,          -- verification_results.updated_at of the verdict reviewed
  outcome TEXT NOT NULL,               -- reviewed, case_opened
  note TEXT NOT NULL DEFAULT '',
  case_id BIGINT REFERENCES cases (id),
  reviewed_by BIGINT NOT NULL,
  mission_code TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX case_risk_reviews_citizen ON case_risk_reviews (citizen_id, verdict_at);
