-- The SMTP relay's rate limit, shared by every delivery instance (issue 22; sending/SharedRelayRate): one Bucket4j
-- token bucket per relay, read and written under a row lock (SELECT ... FOR UPDATE) in one short transaction per
-- permit, or per batch of one instance's concurrent permits. The row is created on first use and never grows in
-- number: one per relay. Deleting it refills the bucket to its burst.
create table relay_rate_limit (
    relay text  primary key, -- the relay as host:port (spring.mail.host, spring.mail.port)
    state bytea              -- the bucket in Bucket4j's own binary format: settings, tokens, last refill
);
