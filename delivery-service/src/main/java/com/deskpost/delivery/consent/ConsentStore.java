package com.deskpost.delivery.consent;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
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
 */
@Repository
public class ConsentStore {

    private final JdbcTemplate jdbc;

    public ConsentStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void apply(ConsentChange change) {
        jdbc.update("""
                insert into consent_tags (email, tag, present, changed_at, source, source_ref)
                values (?, ?, ?, ?, ?, ?)
                on conflict (email, tag) do update
                   set present = excluded.present, changed_at = excluded.changed_at,
                       source = excluded.source, source_ref = excluded.source_ref
                 where consent_tags.changed_at <= excluded.changed_at
                """, DraftIds.normaliseEmail(change.getEmail()), change.getTag(),
                change.getAction() == ConsentAction.ADDED, Timestamp.from(change.getChangedAt()),
                change.getSource(), change.getSourceRef());
    }

    public Set<String> tags(String email) {
        return new HashSet<>(jdbc.queryForList("select tag from consent_tags where email = ? and present",
                String.class, DraftIds.normaliseEmail(email)));
    }

    /** Addresses carrying a tag now, in address order. */
    public List<String> withTag(String tag) {
        return jdbc.queryForList("select email from consent_tags where tag = ? and present order by email",
                String.class, tag);
    }
}
