-- Issue 9: which text channels a crisis's alerts use. A person with a phone got every alert
-- twice, once by SMS and once by WhatsApp, one outbox row each; now the writer chooses per
-- crisis: 'sms' (the default: it reaches prepaid phones without data), 'whatsapp',
-- 'sms,whatsapp' (both, for the gravest alerts) or 'none' (email and portal only). Each
-- alert keeps the channels it was sent on. Crises and alerts written before this keep the
-- old behaviour, both channels.
ALTER TABLE crises ADD COLUMN text_channels TEXT NOT NULL DEFAULT 'sms';
UPDATE crises SET text_channels = 'sms,whatsapp';
ALTER TABLE crisis_alerts ADD COLUMN text_channels TEXT NOT NULL DEFAULT 'sms,whatsapp';
