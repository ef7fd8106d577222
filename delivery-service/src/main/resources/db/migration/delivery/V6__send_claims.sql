-- Claims before a send: a consumer claims (draft, recipient) in a committed transaction of its own before the
-- SMTP transaction, so a second consumer holding the same record (a rebalance, a zombie) waits instead of sending
-- too. The transaction that writes the ledger row after the relay's 250 deletes the claim; a claim whose holder
-- crashed lapses at lease_until (deskpost.delivery.claim.lease) and the next consumer takes over.
create table delivery_claim (
    draft_id    text        not null,
    recipient   text        not null,
    claimant    text        not null,  -- <pid>@<host>-<random per start>/<consumer thread>
    claimed_at  timestamptz not null,
    lease_until timestamptz not null,
    primary key (draft_id, recipient)
);
