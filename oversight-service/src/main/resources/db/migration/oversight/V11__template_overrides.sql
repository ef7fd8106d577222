-- Template overrides staff write on the ops page (issue 24): every saved version of one template in one language
-- at one location ('*' for every location; locale 'default' for the English template) is kept, so any earlier one
-- can be activated again.
create table template_versions (
    template     text        not null,
    locale       text        not null,
    location_id  text        not null,
    version      integer     not null,
    subject      text        not null,
    text_body    text        not null,
    html_body    text        not null,
    saved_by     text        not null,
    saved_at     timestamptz not null,
    primary key (template, locale, location_id, version)
);

-- The version in force per template, language and location; no row: the built-in template.
create table template_active (
    template      text        not null,
    locale        text        not null,
    location_id   text        not null,
    version       integer     not null,
    activated_by  text        not null,
    activated_at  timestamptz not null,
    primary key (template, locale, location_id),
    foreign key (template, locale, location_id, version)
        references template_versions (template, locale, location_id, version)
);

-- A rollback to the built-in template is a tombstone on the compacted mail.templates: a row without a payload.
alter table outbox alter column payload drop not null;
