-- Issue 6: a message may carry one secret until it is sent: a partner's referral link, whose
-- token is stored nowhere else in clear (case_referrals keeps its hash). The renderer puts it
-- in the text; the column is emptied when the message is sent or given up, so the secret
-- lives in the database only while the message waits.
ALTER TABLE outbox ADD COLUMN secret TEXT;
