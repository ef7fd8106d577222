-- Issue 22, data lifecycle. A decided draft keeps no copy of the mail: from now on HoldQueue.resolve clears the draft
-- bytes in the statement that decides it (the release, if any, is in the outbox of the same transaction). Drafts
-- decided before this migration still hold theirs, and with it whatever credential the mail carried (sealed, or in
-- clear for a draft composed before sealing): cleared here, as Erasure does for an erased recipient.
update held_drafts set draft = ''::bytea where status <> 'PENDING' and draft <> ''::bytea;

-- The ops page's recent decisions (HoldQueue.RECENTLY_DECIDED): the newest decided drafts of the staff member's
-- locations, without reading every decided row.
create index held_drafts_decided_by_location on held_drafts (location_id, decided_at desc nulls last)
    where status <> 'PENDING';
-- Retention of decided drafts (deskpost.oversight.retention.decided-drafts) deletes by decision time.
create index held_drafts_decided on held_drafts (decided_at) where status <> 'PENDING';
-- Expiry (HoldQueue.DUE_FOR_EXPIRY) looks for pending drafts of every location by expiry time.
create index held_drafts_expiry on held_drafts (expires_at) where status = 'PENDING';

-- Retention of digest entries (deskpost.oversight.retention.digest-entries) deletes by release time.
create index digest_entries_released on digest_entries (released_at);
