-- Deliverability guardrails (issue 20): per sender domain, the window's counts in buckets, so a restart forgets
-- nothing, and the pause of its commercial mail. One row per (domain, bucket start); a resume deletes the domain's
-- rows, so the counts restart and the domain does not pause again at once.
create table sender_domain_count (
    sender_domain text        not null,
    bucket_start  timestamptz not null,
    sent          bigint      not null default 0,
    hard_bounces  bigint      not null default 0,
    complaints    bigint      not null default 0,
    primary key (sender_domain, bucket_start)
);

-- A paused sender domain: its commercial mail waits on the retry path until an audited resume deletes the row.
create table sender_domain_pause (
    sender_domain text        primary key,
    paused_at     timestamptz not null,
    reason        text        not null
);
