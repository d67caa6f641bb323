-- The TOTP second factor of staff accounts (RFC 6238) and their single-use recovery codes.
--
-- `secret` is the base32 shared secret, stored as is for now. The server needs the secret
-- itself to compute codes, so it cannot be hashed: production should encrypt it at rest
-- (e.g. libsodium secretbox with a key from configuration, not from the database), so that
-- a leaked dump does not let anyone mint codes.
CREATE TABLE staff_second_factor (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  secret TEXT NOT NULL,
  enrolled_at BIGINT,                       -- NULL until the first code confirms enrolment
  last_step BIGINT NOT NULL DEFAULT 0,      -- the newest accepted time step: no replay
  failures INTEGER NOT NULL DEFAULT 0,      -- wrong codes in a row
  locked_until BIGINT NOT NULL DEFAULT 0    -- no code is checked before this time
);

-- Only a hash of each code is stored (BLAKE2b of the account id and the code), so a dump
-- does not yield usable codes and one guess cannot match several accounts.
CREATE TABLE recovery_codes (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  code_hash TEXT NOT NULL,
  used_at BIGINT,
  PRIMARY KEY (account_id, code_hash)
);
