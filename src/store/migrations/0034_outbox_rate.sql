-- Issue 9: the outbox's rate limits hold for every server together. A mail server's or an
-- SMS/WhatsApp gateway's contract is per account, not per server: with four servers each
-- sending at outbox_rate_sms, the gateway saw four times the rate and refused the rest.
-- One row per channel and second: the messages claimed in it (store/sql/outbox_store.cc,
-- Lease), charged in the claiming transaction. Rows older than a minute are deleted.
CREATE TABLE outbox_rate (
  channel TEXT NOT NULL,
  second BIGINT NOT NULL,
  taken BIGINT NOT NULL,
  PRIMARY KEY (channel, second)
);
