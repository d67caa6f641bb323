-- Staff accounts are managed (disabled, enabled) and staff sign in in two steps.
ALTER TABLE accounts ADD COLUMN disabled_at BIGINT;   -- NULL: may sign in

-- A sign-in whose password was right but whose second factor is still to come. The browser
-- holds the token in an HttpOnly cookie (API clients in the answer); only its hash is
-- stored. It lives a few minutes and allows a few codes, then the password is asked again.
CREATE TABLE pending_sign_ins (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX pending_sign_ins_account ON pending_sign_ins (account_id);
