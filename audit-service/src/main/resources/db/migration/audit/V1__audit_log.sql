-- Append-only audit store. Each row's hash covers its content and the previous row's hash,
-- so changing, deleting or inserting a row breaks the chain at that row. Personal data
-- (recipient, detail) enters the hash through its digest, kept beside it, so a GDPR
-- erasure can pseudonymise those two columns and the chain still verifies.
-- The same table as delivery's audit_log before the audit store left it, so an operator can copy
-- its rows here as they are (README, "Moving the audit store out of delivery").
create table audit_log (
    seq            bigserial   primary key,
    audit_id       text        not null unique,
    draft_id       text        not null,
    type           text        not null,
    occurred_at    timestamptz not null,
    actor          text        not null,
    recipient      text,
    location_id    text,
    thread_key     text,
    correlation_id text,
    message_id     text,
    detail         text,
    recipient_digest text,
    detail_digest  text,
    attributes     text        not null,
    prev_hash      text        not null,
    hash           text        not null,
    recorded_at    timestamptz not null default now()
);
create index audit_log_recipient on audit_log (recipient, occurred_at);
create index audit_log_thread on audit_log (thread_key, occurred_at);
create index audit_log_draft on audit_log (draft_id);
create index audit_log_time on audit_log (occurred_at);
