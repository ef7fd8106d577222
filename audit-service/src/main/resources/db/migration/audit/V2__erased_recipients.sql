-- People erased under GDPR art. 17, by pseudonym only, as mail.consent announced them: a later audit
-- event about one of them is stored under the pseudonym. Rebuilt from mail.consent, which never ages out.
create table erased_recipients (
    pseudonym  text        primary key,
    erased_at  timestamptz not null
);
