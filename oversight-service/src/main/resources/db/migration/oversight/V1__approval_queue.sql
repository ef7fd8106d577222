-- Drafts held for a decision. One row per draft; status moves once, from PENDING to its outcome,
-- by a conditional update, so the first decision wins and every later one sees it was decided.
create table held_drafts (
    draft_id       text        primary key,
    location_id    text        not null,
    mode           text        not null,   -- GATED_SEND or GATED_ALL
    reason         text        not null,   -- the policy rule that held it
    requested_by   text        not null,
    recipient      text        not null,
    subject        text        not null,   -- credential values masked
    preview_text   text        not null,   -- credential values masked
    supersede_key  text        not null,
    entity_version bigint      not null,
    draft          bytea       not null,   -- the draft as composed (Confluent-framed Avro), released on approval
    held_at        timestamptz not null,
    expires_at     timestamptz not null,
    status         text        not null default 'PENDING',
    decided_by     text,
    decided_at     timestamptz,
    decision_id    text,
    decision_reason text
);
create index held_drafts_pending on held_drafts (location_id, expires_at) where status = 'PENDING';
create index held_drafts_supersede on held_drafts (supersede_key) where status = 'PENDING';

-- Transactional outbox: every record a decision causes (release, audit, approval event) is
-- written here in the decision's own transaction; the relay moves them to Kafka in order.
create table outbox (
    seq        bigserial primary key,
    topic      text      not null,
    record_key text      not null,
    payload    bytea     not null,
    created_at timestamptz not null default now()
);
