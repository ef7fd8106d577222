-- A subject access export (GDPR art. 15) reads every claim of a person's address (SendClaimsSection): served by an
-- index, as every query is. The other tables it reads already have one on their recipient or email.
create index delivery_claim_recipient on delivery_claim (recipient);
