-- Issue 22, data lifecycle: an index for every query that had none, and for each retention delete's time column.

-- check_inbox without a recipient (SentMessages, newest first, paged by (sent_at, draft_id, recipient)) read the whole
-- ledger; the retention of the ledger (deskpost.delivery.retention.ledger) deletes by sent_at.
create index delivery_ledger_sent on delivery_ledger (sent_at, draft_id, recipient);

-- Retention of lapsed claims (deskpost.delivery.retention.claims) deletes by the end of their lease.
create index delivery_claim_lease on delivery_claim (lease_until);

-- Retention of bounce and complaint reports (deskpost.delivery.retention.feedback) deletes by when they were applied.
create index mail_feedback_applied on mail_feedback (applied_at);

-- Retention of sent staff alerts (deskpost.delivery.retention.staff-alerts) deletes by when they were sent.
create index staff_alert_sent on staff_alert (sent_at) where sent_at is not null;

-- The guardrails drop buckets that left the window of every domain (SenderCounts.DROP_EXPIRED) by bucket start,
-- which the primary key (sender_domain, bucket_start) cannot find without reading all of it.
create index sender_domain_count_bucket on sender_domain_count (bucket_start);
