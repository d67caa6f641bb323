-- The columns an export of the voter list writes, stored beside the facts JSON so an export
-- reads them directly instead of parsing every entry's facts again (2M voters: the parse was
-- most of the time). Written from the same facts in the same statement, so the two never
-- disagree. Entries written before this migration have NULL here and are exported from
-- their facts, as before.
ALTER TABLE voter_list_entries ADD COLUMN nik TEXT;
ALTER TABLE voter_list_entries ADD COLUMN full_name TEXT;
ALTER TABLE voter_list_entries ADD COLUMN birth_date TEXT;
ALTER TABLE voter_list_entries ADD COLUMN marital_status TEXT;
ALTER TABLE voter_list_entries ADD COLUMN address TEXT;
ALTER TABLE voter_list_entries ADD COLUMN city TEXT;

-- When the personal data of a closed election's versions was removed (`peduli election
-- purge`): the counts, verdicts and reasons stay, names, NIKs and addresses do not.
ALTER TABLE elections ADD COLUMN purged_at BIGINT;
