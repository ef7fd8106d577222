package com.deskpost.delivery.consent;

import com.deskpost.events.ConsentChange;
import com.deskpost.platform.api.Page;
import com.deskpost.platform.api.Paging;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code consent_history} table: every consent change of an address, appended by {@link ConsentStore} as it
 * applies the change (so it follows the store's rules: nothing is recorded about an erased address), whether the
 * change was made here or read from mail.consent. A change seen twice (made here, then read back from the topic) is
 * one row. Only an erasure deletes rows: the address's, keeping the erasure itself under the pseudonym.
 */
@Repository
public class ConsentHistory {

    // Keyset paging, newest first; the first page starts after a time no change can have.
    static final String PAGE = """
            select id, tag, action, source, source_ref, changed_by, changed_at from consent_history
             where email = ? and (changed_at, id) < (?, ?) order by changed_at desc, id desc limit ?""";
    static final String OF_PERSON = """
            select id, tag, action, source, source_ref, changed_by, changed_at from consent_history
             where email in (?, ?) order by changed_at, id""";
    static final String FORGET = "delete from consent_history where email = ?";
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");

    private static final RowMapper<Entry> ENTRY = (rs, row) -> new Entry(rs.getLong("id"),
            rs.getTimestamp("changed_at").toInstant(), rs.getString("tag"), rs.getString("action"),
            rs.getString("source"), rs.getString("source_ref"), rs.getString("changed_by"));

    private final JdbcTemplate jdbc;

    ConsentHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One change of one address's consent.
     *
     * @param id the row's number, ordering changes made in the same millisecond
     * @param changedAt when it took effect
     * @param tag the tag changed, e.g. unsubscribed, opt_in, topic_off:events@LDN
     * @param action ADDED or REMOVED
     * @param source the door it came through: one-click, preference-centre, contacts-api, bounce, inbound-mail, ...
     * @param sourceRef the source's reference, e.g. the API client or the inbound Message-ID
     * @param changedBy who made it: "api:<client>", "recipient", a service; null for changes before contract v6
     */
    public record Entry(long id, Instant changedAt, String tag, String action, String source, String sourceRef,
            String changedBy) {
    }

    /** Records a change under {@code key} (the normalised address, or the pseudonym of an erasure). */
    void append(String key, ConsentChange change) {
        jdbc.update("""
                insert into consent_history (email, tag, action, source, source_ref, changed_by, changed_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (email, tag, changed_at, action, source) do nothing
                """, key, change.getTag(), change.getAction().name(), change.getSource(), change.getSourceRef(),
                change.getChangedBy(), Timestamp.from(change.getChangedAt()));
    }

    /** GDPR erasure: the address's rows go, within the caller's transaction. */
    int forget(String normalisedEmail) {
        return jdbc.update(FORGET, normalisedEmail);
    }

    /** One page of an address's changes, newest first. */
    public Page<Entry> page(String normalisedEmail, String cursor, int limit) {
        Paging.Key after = Paging.after(cursor, 2).orElse(null);
        Instant before = after == null ? END_OF_TIME : after.instant(0);
        long beforeId = after == null ? Long.MAX_VALUE : after.number(1);
        List<Entry> rows = jdbc.query(PAGE, ENTRY, normalisedEmail, Timestamp.from(before), beforeId, limit + 1);
        return Page.of(rows, limit, last -> Paging.cursor(last.changedAt().toString(), Long.toString(last.id())));
    }

    /** Everything held about one person, oldest first: their address's changes and their erasure's. */
    public List<Entry> ofPerson(String normalisedEmail, String pseudonym) {
        return jdbc.query(OF_PERSON, ENTRY, normalisedEmail, pseudonym);
    }
}
