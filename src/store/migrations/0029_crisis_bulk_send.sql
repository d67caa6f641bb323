-- Issue 9: the first send of a crisis whose area is made of countries and subdivisions
-- writes its audience with one INSERT ... SELECT per part (crisis_store.cc).
--
-- The current stays of a country, in id order: the candidate pages of a circle or polygon
-- (country = $1 AND id > $2 ORDER BY id) are index ranges, and the distinct (subdivision,
-- city) pairs a send places by city are read from the index alone.
CREATE INDEX stays_current_country ON stays (country, id, subdivision, city) WHERE ended_at IS NULL;

-- Scratch rows of one send, written and deleted inside its transaction: the (country,
-- subdivision, city) triples of the area's stays that the city data places (crisis/area.h
-- Places::City, which folds names the database cannot), so that placed_by = 'city' is a
-- join.
CREATE TABLE crisis_place_keys (
  crisis_id BIGINT NOT NULL,
  country TEXT NOT NULL,
  subdivision TEXT NOT NULL,
  city TEXT NOT NULL,
  PRIMARY KEY (crisis_id, country, subdivision, city)
);

-- Only the portal's inbox reads messages by recipient (outbox_store.cc: channel = 'portal'
-- AND recipient = $1). Indexing every channel's recipient made a first send at 10M insert
-- six million phone numbers and addresses into this index in random order; now it holds
-- the portal's rows alone.
DROP INDEX outbox_inbox;
CREATE INDEX outbox_inbox ON outbox (channel, recipient, id) WHERE channel = 'portal';
