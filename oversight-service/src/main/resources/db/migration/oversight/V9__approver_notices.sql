-- Approver notices (docs/operations.md, "Approver notifications"). One row per held draft, written when it is held;
-- whichever replica first sets noticed_at tells the approvers (immediately or into their digests), whichever first
-- sets escalated_at escalates it to the location's staff mailbox: both are claimed by a conditional update, so each
-- happens once however many replicas run the job. Rows go a day after the draft's expiry.
create table held_notices (
    draft_id     text        primary key,
    location_id  text        not null,
    held_at      timestamptz not null,
    expires_at   timestamptz not null,
    noticed_at   timestamptz,
    escalated_at timestamptz
);
create index held_notices_new on held_notices (held_at) where noticed_at is null;
create index held_notices_escalation on held_notices (expires_at) where escalated_at is null;

-- Held drafts waiting for an approver's next digest; digested_at is set by the replica that sends the digest.
create table approver_digest_entries (
    member_id   text        not null,
    draft_id    text        not null,
    noted_at    timestamptz not null,
    digested_at timestamptz,
    primary key (member_id, draft_id)
);
create index approver_digest_entries_waiting on approver_digest_entries (member_id) where digested_at is null;
