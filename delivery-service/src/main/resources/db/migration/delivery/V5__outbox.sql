-- The transactional outbox (platform's Outbox): every record delivery publishes (audit events, consent
-- changes) is written here in the transaction of the change it records, and the relay moves it to Kafka
-- exactly once. A sent mail's ledger row and its SENT / COPY_SENT audit event commit together.
create table outbox (
    seq        bigserial   primary key,
    topic      text        not null,
    record_key text        not null,
    payload    bytea       not null,
    created_at timestamptz not null default now()
);

-- consent_outbox is no longer written. Rows an earlier version left are moved into outbox once, at
-- start-up (contacts.ConsentOutboxDrain); a later migration drops the table.
comment on table consent_outbox is 'Superseded by outbox (V5); drained at start-up, to be dropped';
