-- Consent and suppression state per normalised address: one row per (address, tag), kept when a
-- tag is removed (present = false) so that changes apply last-writer-wins by changed_at, whatever
-- order the API and mail.consent deliver them in.
create table consent_tags (
    email       text        not null,
    tag         text        not null,
    present     boolean     not null,
    changed_at  timestamptz not null,
    source      text        not null,
    source_ref  text,
    primary key (email, tag)
);
create index consent_tags_tag on consent_tags (tag) where present;

-- What the SMTP server accepted, for check_inbox: subject and time per ledger row.
alter table delivery_ledger add column subject text;
alter table delivery_ledger add column location_id text;
alter table delivery_ledger add column thread_key text;
create index delivery_ledger_recipient on delivery_ledger (recipient, sent_at);
