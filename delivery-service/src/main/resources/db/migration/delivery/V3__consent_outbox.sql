-- Consent changes made by delivery itself (contacts API, one-click unsubscribe, erasure), waiting to
-- be published on mail.consent. Each row is written in the same transaction as the change to
-- consent_tags, so a change never takes effect here while the other services never hear of it;
-- the row is deleted once the broker has the record.
create table consent_outbox (
    id          bigserial   primary key,
    email       text        not null,
    tag         text        not null,
    action      text        not null,  -- ADDED or REMOVED
    source      text        not null,
    source_ref  text,
    changed_at  timestamptz not null
);

-- Audit queries and GDPR erasure find an address in any case: composers store it as the directory
-- spells it, delivery stores it normalised.
create index audit_log_recipient_lower on audit_log (lower(recipient), occurred_at);
