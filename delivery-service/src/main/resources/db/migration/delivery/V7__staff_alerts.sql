-- Staff alerts about critical mail (security mail, failed-payment alerts) that will not reach its recipient:
-- one row per draft, written when the mail fails or is dead-lettered, sent by StaffAlertRelay and retried
-- while the relay is away, so an alert is neither lost nor sent twice for one draft.
create table staff_alert (
    draft_id     text        primary key,
    location_id  text        not null,
    staff        text        not null,
    sender       text        not null,
    sender_name  text,
    subject      text        not null,
    body         text        not null,
    audit        bytea       not null,  -- the COPY_SENT audit event to publish once the relay accepts the alert
    raised_at    timestamptz not null,
    attempts     integer     not null default 0,
    last_error   text,
    sent_at      timestamptz,
    message_id   text
);

create index staff_alert_pending on staff_alert (raised_at) where sent_at is null;
