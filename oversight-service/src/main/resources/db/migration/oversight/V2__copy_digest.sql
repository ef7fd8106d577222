-- Monitored mail noted for the staff's hourly digest, when copies are sent as a digest instead of
-- one by one. A draft is noted once; the digest job marks what it has reported in the same
-- transaction as the digest mail's outbox row.
create table digest_entries (
    draft_id     text        primary key,
    location_id  text        not null,
    recipient    text        not null,
    subject      text        not null,   -- credential values masked
    released_at  timestamptz not null,
    digested_at  timestamptz
);
create index digest_entries_waiting on digest_entries (location_id) where digested_at is null;
