-- A subject access export (GDPR art. 15) asks for every held draft and digest entry of one person, by address in any
-- case or spacing and by pseudonym (SubjectRecords): served by an index on the recipient as it is compared.
create index held_drafts_recipient on held_drafts (lower(trim(recipient)));
create index digest_entries_recipient on digest_entries (lower(trim(recipient)));
