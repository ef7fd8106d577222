-- The audit query by recipient (and the subject access export, which asks it for a person's every row) compares
-- lower(recipient): composers store the address as the directory spells it, delivery normalised. Without an index on
-- the expression it read the whole table.
create index audit_log_recipient_lower on audit_log (lower(recipient), occurred_at, seq);
