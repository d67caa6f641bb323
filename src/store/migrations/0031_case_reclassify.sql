-- Issue 6: an officer re-triages a case (a family report filed as "other" turns out to be
-- trafficking). The timeline keeps what the case became; the case row holds the current
-- classification and the counters follow it in the same transaction.
ALTER TABLE case_actions ADD COLUMN category TEXT;
ALTER TABLE case_actions ADD COLUMN priority TEXT;
