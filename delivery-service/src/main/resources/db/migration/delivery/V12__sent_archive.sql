-- Issue 23, the sent-mail archive: the exact message as sent (the signed MIME bytes handed to the relay), one row per
-- mail the relay accepted (a member's mail, a staff copy), written in the ledger row's transaction. Content-addressed:
-- the key is the SHA-256 of those bytes, which the SENT / COPY_SENT audit row names (attribute archive_sha256).
create table sent_archive (
    sha256      text        primary key,  -- lower-case hex SHA-256 of the exact bytes sent
    draft_id    text        not null,
    recipient   text        not null,     -- normalised envelope recipient; the keyed pseudonym after an erasure
    kind        text        not null,     -- SENT (the draft's recipient) or COPY_SENT (staff copy), as audited
    category    text        not null,     -- the draft's: TRANSACTIONAL, SECURITY or COMMERCIAL; picks the retention
    message_id  text        not null,
    location_id text        not null,     -- the location the mail is about: staff see their locations' mail only
    subject     text,                     -- as composed (a credential shows as its placeholder); null after erasure
    sent_at     timestamptz not null,
    size_bytes  integer     not null,     -- of the message as sent, before compression
    content     bytea,                    -- gzip of the exact bytes; null when withheld
    withheld    text                      -- why content is null: erased, or credential (it held an opened credential)
);

-- The archive API and subject access list a person's mail by recipient, newest first, paged by (sent_at, sha256);
-- an erasure finds the person's rows by recipient.
create index sent_archive_recipient on sent_archive (recipient, sent_at, sha256);
-- An erasure also drops the staff copies of the person's mail: the rows of the same drafts.
create index sent_archive_draft on sent_archive (draft_id);
-- Retention (deskpost.delivery.archive.retention.*) deletes by send time, per category.
create index sent_archive_transactional on sent_archive (sent_at) where category = 'TRANSACTIONAL';
create index sent_archive_security on sent_archive (sent_at) where category = 'SECURITY';
create index sent_archive_commercial on sent_archive (sent_at) where category = 'COMMERCIAL';
