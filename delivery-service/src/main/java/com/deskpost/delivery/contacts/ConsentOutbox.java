package com.deskpost.delivery.contacts;

import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outbox of consent changes for mail.consent (table consent_outbox). {@link #add} joins the
 * caller's transaction, the one that applies the change, so the change and its announcement
 * commit or roll back together.
 */
@Repository
class ConsentOutbox {

    /** A change waiting to be published, and its row. */
    record Pending(long id, ConsentChange change) {
    }

    private final JdbcTemplate jdbc;

    ConsentOutbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(ConsentChange change) {
        jdbc.update("""
                insert into consent_outbox (email, tag, action, source, source_ref, changed_at)
                values (?, ?, ?, ?, ?, ?)""", change.getEmail(), change.getTag(), change.getAction().name(),
                change.getSource(), change.getSourceRef(), Timestamp.from(change.getChangedAt()));
    }

    /**
     * The oldest pending changes, locked until the caller's transaction ends; rows another
     * instance is publishing are skipped rather than waited for, so no change goes out twice
     * from two relays at once.
     */
    List<Pending> lockOldest(int max) {
        return jdbc.query("""
                select id, email, tag, action, source, source_ref, changed_at from consent_outbox
                 order by id limit ? for update skip locked""", (rs, n) -> new Pending(rs.getLong("id"),
                ConsentChange.newBuilder()
                        .setEmail(rs.getString("email"))
                        .setTag(rs.getString("tag"))
                        .setAction(ConsentAction.valueOf(rs.getString("action")))
                        .setSource(rs.getString("source"))
                        .setSourceRef(rs.getString("source_ref"))
                        .setChangedAt(rs.getObject("changed_at", OffsetDateTime.class).toInstant())
                        .build()), max);
    }

    void remove(long id) {
        jdbc.update("delete from consent_outbox where id = ?", id);
    }
}
