package com.deskpost.delivery.consent;

import com.deskpost.delivery.audit.Pseudonym;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Consent tags per normalised address in PostgreSQL. A change applies only if it is newer than
 * what is stored for that (address, tag), so the API's immediate write and the same change
 * arriving later from mail.consent, or two changes arriving out of order, settle on the latest.
 *
 * <p>An erased address is the exception (GDPR art. 17): its {@code erased} tag is stored under the
 * address's pseudonym ({@link Pseudonym}, as its audit and ledger rows), its other tags are deleted,
 * and later changes of other tags are not recorded, so the store keeps only what honours the
 * erasure, without the address. Looking up an address checks its pseudonym too.
 */
@Repository
public class ConsentStore {

    private final JdbcTemplate jdbc;

    public ConsentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(ConsentChange change) {
        String email = DraftIds.normaliseEmail(change.getEmail());
        if (ConsentTag.ERASED.equals(change.getTag())) {
            upsert(Pseudonym.of(email), change);
            if (erased(email)) {
                jdbc.update("delete from consent_tags where email = ?", email);
            }
        } else if (!erased(email)) {
            upsert(email, change);
        }
    }

    public Set<String> tags(String email) {
        String address = DraftIds.normaliseEmail(email);
        return new HashSet<>(jdbc.queryForList("select tag from consent_tags where email in (?, ?) and present",
                String.class, address, Pseudonym.of(address)));
    }

    /** Whether the address is erased: nothing may be sent to it, nothing more recorded about it. */
    public boolean erased(String email) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from consent_tags where email = ? and tag = ? and present)", Boolean.class,
                Pseudonym.of(DraftIds.normaliseEmail(email)), ConsentTag.ERASED));
    }

    /** Addresses carrying a tag now, in address order; erased ones by their pseudonym. */
    public List<String> withTag(String tag) {
        return jdbc.queryForList("select email from consent_tags where tag = ? and present order by email",
                String.class, tag);
    }

    private void upsert(String key, ConsentChange change) {
        jdbc.update("""
                insert into consent_tags (email, tag, present, changed_at, source, source_ref)
                values (?, ?, ?, ?, ?, ?)
                on conflict (email, tag) do update
                   set present = excluded.present, changed_at = excluded.changed_at,
                       source = excluded.source, source_ref = excluded.source_ref
                 where consent_tags.changed_at <= excluded.changed_at
                """, key, change.getTag(), change.getAction() == ConsentAction.ADDED,
                Timestamp.from(change.getChangedAt()), change.getSource(), change.getSourceRef());
    }
}
