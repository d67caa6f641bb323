-- Issue 9: when "need help" claimed the person's case (case_id = -1). A claim older than a
-- few minutes was orphaned by a crash between the claim and storing the opened case; the
-- next answer or the periodic sweep takes it over (SafetyService::ReclaimStale), so no
-- answer is lost. NULL on a claim made before this column existed: treated as stale.
ALTER TABLE crisis_people ADD COLUMN case_claimed_at BIGINT;
-- The sweep reads only the few rows being claimed, not a crisis' whole audience.
CREATE INDEX crisis_people_claims ON crisis_people (case_claimed_at) WHERE case_id = -1;

-- The travel documents of family members on an evacuation: Lapor Diri holds none for them,
-- so the officer records what the family member shows. A JSON object keyed by the
-- family_members id: {"12": {"passport": "C1234567", "expiry": "2030-01-31"}}. Purged with
-- the row.
ALTER TABLE evac_people ADD COLUMN family_documents TEXT NOT NULL DEFAULT '{}';
