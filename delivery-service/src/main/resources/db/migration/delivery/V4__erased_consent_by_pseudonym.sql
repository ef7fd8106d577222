-- GDPR art. 17: of an erased address, keep only the suppression that honours the erasure, and
-- without the address. The erased tag moves to the address's pseudonym (erased: and the first 16
-- hex digits of the SHA-256 of the normalised address, as in the ledger); its other tags go.
-- From now on ConsentStore writes erasures this way and looks addresses up by both keys.
delete from consent_tags t
 using consent_tags e
 where e.tag = 'erased' and e.present and e.email = t.email and t.tag <> 'erased';
update consent_tags
   set email = 'erased:' || substr(encode(sha256(convert_to(email, 'UTF8')), 'hex'), 1, 16)
 where tag = 'erased' and email not like 'erased:%';
