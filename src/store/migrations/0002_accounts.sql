CREATE TABLE accounts (
  id @ID@,
  email TEXT NOT NULL,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL DEFAULT 'citizen',   -- citizen, officer, supervisor, hq, hq_admin, dpo, election
  mission_code TEXT,                      -- staff scope; NULL for citizens and HQ
  locale TEXT NOT NULL DEFAULT 'id',
  email_verified_at BIGINT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  deleted_at BIGINT
);
CREATE UNIQUE INDEX accounts_email ON accounts (email);

-- Single-use tokens sent by email (verification). Only their hash is stored.
CREATE TABLE email_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  purpose TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

-- Server-side sessions, so several servers can share one database. Only the token's hash
-- is stored; `csrf` is the token every form of this session must carry.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  csrf TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);
