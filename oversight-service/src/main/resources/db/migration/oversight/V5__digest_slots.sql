-- One staff digest per location per scheduled run. Every replica runs the digest job at the same cron
-- time (the slot); the first to record (location, slot) sends that digest, in the same transaction, and
-- the others find the row and send nothing. The job deletes slots older than a day (by slot: the key's first column).
create table digest_slots (
    location_id text        not null,
    slot        timestamptz not null,   -- the cron time of the run, the same on every replica
    primary key (slot, location_id)
);
