-- How each approver wants to hear of held drafts: IMMEDIATE (a mail per draft), DIGEST (one mail per digest run
-- listing the drafts held since the last one) or OFF. No row: deskpost.oversight.notifications.default-delivery.
create table approver_notice_preferences (
    member_id  text        primary key,
    delivery   text        not null check (delivery in ('IMMEDIATE', 'DIGEST', 'OFF')),
    updated_at timestamptz not null
);
