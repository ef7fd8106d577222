package com.deskpost.delivery.consent;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.sql.Timestamp;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Consent tags per normalised address in PostgreSQL. A change applies only if it is newer than
 * what is stored for that (address, tag), so the API's immediate write and the same change
 * arriving later from mail.consent, or two changes arriving out of order, settle on the latest.
 *
 * <p>An erased address is the exception (GDPR art. 17): its {@code erased} tag is stored under the
 * address's keyed pseudonym ({@link Pseudonyms}), its other tags are deleted, and later changes of
 * other tags are not recorded, so the store keeps only what honours the erasure, without the address.
 * An erasure announced on mail.consent names only the pseudonym. Looking up an address checks its
 * pseudonym too, and the unkeyed pseudonym of erasures stored before keyed pseudonyms existed, which
 * cannot be re-keyed because the address is gone.
 *
 * <p>Every change applied is also appended to the address's {@link ConsentHistory}, under the same rules: nothing
 * about an erased address, and an erasure leaves only itself, under the pseudonym.
 */
@Repository
public class ConsentStore {

    // Any fixed number, the same for every writer of consent_tags: the class of the per-address lock.
    private static final int ADDRESS_LOCK = 0x636f6e73;

    static final String TAGS = "select tag from consent_tags where email in (?, ?, ?) and present";
    static final String ERASED = """
            select exists (select 1 from consent_tags where email in (?, ?) and tag = ? and present)""";
    static final String WITH_TAG = "select email from consent_tags where tag = ? and present order by email";

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;
    private final ConsentHistory history;

    @Autowired
    public ConsentStore(JdbcTemplate jdbc, Pseudonyms pseudonyms, ConsentHistory history) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
        this.history = history;
    }

    /** A store on its own database, as tests make one. */
    public ConsentStore(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this(jdbc, pseudonyms, new ConsentHistory(jdbc));
    }

    public void apply(ConsentChange change) {
        if (!ConsentTag.ERASED.equals(change.getTag())) {
            String email = DraftIds.normaliseEmail(change.getEmail());
            lockAddress(email);
            if (!erased(email)) {
                upsert(email, change);
            }
        } else if (Pseudonyms.isPseudonym(change.getEmail())) {
            // An erasure as mail.consent carries it: the erasing instance has already dropped the address's tags.
            upsert(change.getEmail(), change);
        } else {
            // An erasure announced in clear before keyed pseudonyms, read again from mail.consent.
            erase(change.getEmail(), change);
        }
    }

    /** Erases an address: the erasure is stored under its pseudonym and the address's own tags are deleted. */
    public void erase(String address, ConsentChange erasure) {
        String email = DraftIds.normaliseEmail(address);
        lockAddress(email);
        upsert(pseudonyms.of(email), erasure);
        if (erased(email)) {
            jdbc.update("delete from consent_tags where email = ?", email);
            history.forget(email);
        }
    }

    public Set<String> tags(String email) {
        return new HashSet<>(jdbc.queryForList(TAGS, String.class, keysOf(email).toArray()));
    }

    /** Whether the address is erased: nothing may be sent to it, nothing more recorded about it. */
    public boolean erased(String email) {
        List<String> keys = keysOf(email);
        return Boolean.TRUE.equals(jdbc.queryForObject(ERASED, Boolean.class, keys.get(1), keys.get(2), ConsentTag.ERASED));
    }

    /** The keys an address's tags may be stored under: the address, its pseudonym and its legacy pseudonym. */
    public List<String> keysOf(String email) {
        String address = DraftIds.normaliseEmail(email);
        return List.of(address, pseudonyms.of(address), Pseudonyms.legacyOf(address));
    }

    /** Addresses carrying a tag now, in address order; erased ones by their pseudonym. */
    public List<String> withTag(String tag) {
        return jdbc.queryForList(WITH_TAG, String.class, tag);
    }

    /**
     * Serialises a change and an erasure of one address until the caller's transaction ends, so a change read
     * back from mail.consent while the address is being erased cannot write the address again after the
     * erasure deleted its tags. Outside a transaction it holds nothing (tests that call the store directly).
     */
    private void lockAddress(String normalised) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?, hashtext(?))", Object.class, ADDRESS_LOCK, normalised);
    }

    private void upsert(String key, ConsentChange change) {
        // Every change is history, also one older than the tag's state (it arrived late): it did happen.
        history.append(key, change);
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
