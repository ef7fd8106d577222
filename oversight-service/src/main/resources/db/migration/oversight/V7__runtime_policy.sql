-- The oversight policy, managed at runtime (/api/v1/admin, /ops/admin) and read per draft by every replica
-- (StoredPolicy): one row of defaults, a mode per location mailbox, a floor per event type. Seeded once from
-- deskpost.oversight.default-mode, mailbox-modes and event-type-floors when no policy row exists yet.
create table policy (
    id smallint primary key check (id = 1),
    default_mode text not null
);
create table policy_mailbox_modes (
    location_id text primary key,
    mode text not null
);
create table policy_event_type_floors (
    event_type text primary key,
    mode text not null
);

-- A location's approvers as an admin set them: when a row exists it replaces the location directory's list for
-- that location (StaffDirectory); without one the directory's list applies.
create table location_approvers (
    location_id text primary key,
    approvers text[] not null,
    changed_at timestamptz not null default now()
);

-- Every runtime change of policy, approvers and staff accounts, as audited on mail.audit (POLICY_CHANGED, draft id
-- policy:<change_id>): who, when, what, before and after (JSON text). Shown on /ops/admin, newest first.
create table policy_changes (
    change_id uuid primary key,
    changed_at timestamptz not null,
    actor text not null,
    what text not null,
    detail text not null,
    before_json text,
    after_json text
);
create index policy_changes_changed_at on policy_changes (changed_at desc);
