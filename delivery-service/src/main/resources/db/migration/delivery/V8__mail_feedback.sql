-- What a sent mail was, so a bounce or complaint about it can be judged later: its category (a complaint about
-- commercial mail, a bounce of critical mail) and its event type (payment_failed is critical). Null for mail sent
-- before this migration: such mail is treated as neither commercial nor critical.
alter table delivery_ledger add column category text;
alter table delivery_ledger add column event_type text;
-- Provider webhooks name the message by its Message-ID.
create index delivery_ledger_message_id on delivery_ledger (message_id);

-- Bounces and complaints delivery tied to a message it sent and applied: one row per report (feedback_id), written
-- in the transaction that applies it, so a replayed report finds its row and changes nothing more. It is also an
-- address's bounce and complaint history (contacts API) and what soft bounces are counted in.
create table mail_feedback (
    feedback_id  text        primary key,
    recipient    text        not null,
    kind         text        not null,  -- HARD_BOUNCE, SOFT_BOUNCE or COMPLAINT
    status       text,                  -- enhanced status code (RFC 3463), e.g. 5.1.1
    source       text        not null,  -- dsn, arf, mta-text, smtp-reply, ses, postmark, sendgrid, mailgun
    reporter     text,
    draft_id     text        not null,
    diagnostic   text,
    received_at  timestamptz not null,
    applied_at   timestamptz not null default now()
);
create index mail_feedback_recipient on mail_feedback (recipient, received_at);
