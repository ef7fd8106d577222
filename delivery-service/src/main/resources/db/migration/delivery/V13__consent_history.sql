-- Every consent change, append-only: who changed which tag of an address, when, and through which door (source),
-- for the consent-history API and subject access. consent_tags keeps only each tag's latest state. A change read
-- again from mail.consent (the API's own changes come back that way) is the same row: the unique key drops it.
-- An erasure deletes the address's rows and keeps only the erasure itself, under the keyed pseudonym.
create table consent_history (
    id          bigserial   primary key,
    email       text        not null,
    tag         text        not null,
    action      text        not null,  -- ADDED or REMOVED
    source      text        not null,
    source_ref  text,
    changed_by  text,                  -- "api:<client>", "recipient", a service; null before contract v6
    changed_at  timestamptz not null,
    recorded_at timestamptz not null default now(),
    unique (email, tag, changed_at, action, source)
);
-- The API's pages, newest first, and the erasure's delete.
create index consent_history_email on consent_history (email, changed_at, id);

-- The history starts with each tag's latest change as consent_tags holds it; earlier changes were not kept.
insert into consent_history (email, tag, action, source, source_ref, changed_at)
select email, tag, case when present then 'ADDED' else 'REMOVED' end, source, source_ref, changed_at
  from consent_tags;
