-- Issue 9, alerts and delivery. A crisis carries its text in both languages beside its
-- titles (0019); every send of it is an alert (crisis_alerts) with the text as sent. The
-- outbox is the one queue of messages to people, for every module: a row per message and
-- channel, rendered only when it is sent (so queuing a million rows stores ids, not text).
ALTER TABLE crises ADD COLUMN text_id TEXT NOT NULL DEFAULT '';
ALTER TABLE crises ADD COLUMN text_en TEXT NOT NULL DEFAULT '';
ALTER TABLE crises ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;

CREATE TABLE crisis_alerts (
  id @ID@,
  crisis_id BIGINT NOT NULL REFERENCES crises (id),
  level TEXT NOT NULL,
  title_id TEXT NOT NULL,
  title_en TEXT NOT NULL,
  text_id TEXT NOT NULL,
  text_en TEXT NOT NULL,
  safety_check INTEGER NOT NULL DEFAULT 0,
  sent_by BIGINT NOT NULL,
  sent_at BIGINT NOT NULL,
  audience BIGINT NOT NULL DEFAULT 0,    -- people in crisis_people when it was sent
  queued BIGINT NOT NULL DEFAULT 0       -- outbox rows it queued
);
CREATE INDEX crisis_alerts_crisis ON crisis_alerts (crisis_id, id);

-- The last position a citizen shared (a safety answer, the panic button): placement for
-- circle and polygon areas before the city's coordinates.
CREATE TABLE citizen_positions (
  citizen_id BIGINT PRIMARY KEY,
  lat TEXT NOT NULL,                     -- decimal degrees as text (both dialects alike)
  lon TEXT NOT NULL,
  shared_at BIGINT NOT NULL
);

-- One message to one person on one channel. `recipient` is an email address (email), an
-- E.164 number (sms, whatsapp) or an account id (portal). `kind` names the renderer that
-- writes its text when it is sent; `payload` is that renderer's JSON input (ids, not text).
-- `dedup_key` makes queuing idempotent: the same message never reaches a person twice on
-- one channel. Servers lease due rows (lease_until) before sending them.
CREATE TABLE outbox (
  id @ID@,
  channel TEXT NOT NULL,                 -- email, sms, whatsapp, portal
  recipient TEXT NOT NULL,
  locale TEXT NOT NULL DEFAULT 'id',
  kind TEXT NOT NULL,                    -- crisis_alert, protection_duty, protection_reporter
  ref TEXT NOT NULL DEFAULT '',          -- what it is about, for counts: "crisis:12"
  payload TEXT NOT NULL DEFAULT '{}',
  dedup_key TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'queued',  -- queued, sent, failed
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  sent_at BIGINT
);
CREATE UNIQUE INDEX outbox_dedup ON outbox (dedup_key);
CREATE INDEX outbox_due ON outbox (state, channel, next_attempt_at);
CREATE INDEX outbox_ref ON outbox (ref, state);
CREATE INDEX outbox_inbox ON outbox (channel, recipient, id);
