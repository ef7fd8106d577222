package com.deskpost.oversight.queue;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.platform.retention.RetentionRule;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The approval queue in PostgreSQL. A draft is held once (holding it again is a no-op, so a replay
 * of mail.drafts changes nothing) and leaves PENDING once: {@link #resolve} is a conditional
 * update, so of two concurrent decisions exactly one wins. Every way out of PENDING goes through
 * {@link #resolve}, which clears the draft's bytes in the same statement: a decided draft keeps no
 * copy of the mail and of the credentials it carries (its release, if any, is already in the outbox
 * of the same transaction). Decided drafts are kept, without them, for the queue's history
 * ({@link #retention}). The queries are constants so that a test explains each against the indexes.
 */
@Repository
public class HoldQueue {

    static final String FIND = "select * from held_drafts where draft_id = ?";
    static final String PENDING = "select * from held_drafts where status = 'PENDING' and location_id = any (?)"
            + " order by expires_at";
    static final String RECENTLY_DECIDED = """
            select * from held_drafts where status <> 'PENDING' and location_id = any (?)
            order by decided_at desc nulls last limit ?
            """;
    static final String RESOLVE = """
            update held_drafts set status = ?, decided_by = ?, decided_at = ?, decision_id = ?, decision_reason = ?,
                   draft = ''::bytea
            where draft_id = ? and status = 'PENDING'
            """;
    static final String DUE_FOR_EXPIRY = "select * from held_drafts where status = 'PENDING' and expires_at <= ?"
            + " order by expires_at";
    static final String SUPERSEDED_BY = """
            select * from held_drafts where status = 'PENDING' and supersede_key = ? and entity_version < ?
            """;
    static final String PENDING_TO = """
            select * from held_drafts where status = 'PENDING' and lower(trim(recipient)) = lower(trim(?))
            """;

    /** The queue by location: how many wait, since when the oldest. Every pending row, which is the queue itself. */
    static final String PENDING_BY_LOCATION = """
            select location_id, count(*) as waiting, min(held_at) as oldest from held_drafts where status = 'PENDING'
            group by location_id
            """;

    /** What waits for a decision at one location. */
    public record Waiting(String locationId, long count, Instant oldestHeldAt) {
    }

    private final JdbcTemplate jdbc;

    public HoldQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true if the draft was newly held, false if it already was (a replay) */
    public boolean hold(EmailDraft draft, byte[] encoded, OversightMode mode, String reason, Instant heldAt,
            Instant expiresAt) {
        return jdbc.update("""
                insert into held_drafts (draft_id, location_id, mode, reason, requested_by, recipient, subject,
                    preview_text, supersede_key, entity_version, draft, held_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id) do nothing
                """, draft.getDraftId(), draft.getLocationId(), mode.name(), reason, draft.getRequestedBy(),
                draft.getRecipient().getEmail(), StaffText.held(draft.getSubject(), draft.getSecrets()),
                StaffText.held(draft.getBodyText(), draft.getSecrets()), draft.getSupersedeKey(),
                draft.getEntityVersion(), encoded, Timestamp.from(heldAt), Timestamp.from(expiresAt)) == 1;
    }

    public Optional<HeldDraft> find(String draftId) {
        return jdbc.query(FIND, HoldQueue::row, draftId).stream().findFirst();
    }

    public List<HeldDraft> pending(List<String> locationIds) {
        return jdbc.query(PENDING, HoldQueue::row, (Object) locationIds.toArray(String[]::new));
    }

    /** The pending drafts of every location, counted, with the oldest one's hold time (the dashboard). */
    public List<Waiting> waitingByLocation() {
        return jdbc.query(PENDING_BY_LOCATION, (rs, n) -> new Waiting(rs.getString("location_id"),
                rs.getLong("waiting"), rs.getTimestamp("oldest").toInstant()));
    }

    public List<HeldDraft> recentlyDecided(List<String> locationIds, int limit) {
        return jdbc.query(RECENTLY_DECIDED, HoldQueue::row, locationIds.toArray(String[]::new), limit);
    }

    /**
     * Moves a pending draft to its outcome and clears its draft bytes; false if it was no longer pending (someone
     * decided first). Call it in the transaction that writes the outcome's records, from the {@link HeldDraft} read
     * before: that copy still has the bytes to release or audit from, the row does not.
     */
    public boolean resolve(String draftId, Status outcome, String decidedBy, Instant at, String decisionId,
            String reason) {
        return jdbc.update(RESOLVE, outcome.name(), decidedBy, Timestamp.from(at), decisionId, reason, draftId) == 1;
    }

    public List<HeldDraft> dueForExpiry(Instant now) {
        return jdbc.query(DUE_FOR_EXPIRY, HoldQueue::row, Timestamp.from(now));
    }

    /** Pending drafts of this entity older than the given version. */
    public List<HeldDraft> supersededBy(String supersedeKey, long version) {
        return jdbc.query(SUPERSEDED_BY, HoldQueue::row, supersedeKey, version);
    }

    /** Pending drafts to an erased address, matched normalised: dropped, never sent (GDPR erasure). */
    public List<HeldDraft> pendingTo(String recipient) {
        return jdbc.query(PENDING_TO, HoldQueue::row, recipient);
    }

    /**
     * Decided drafts go {@code keep} after their decision; pending ones never (they expire first). Until then a
     * replayed or redriven copy of the draft finds its row and is not held again.
     */
    public static RetentionRule retention(Duration keep) {
        return new RetentionRule("held_drafts", "decided_at", "status <> 'PENDING'", keep);
    }

    private static HeldDraft row(ResultSet rs, int n) throws SQLException {
        Timestamp decidedAt = rs.getTimestamp("decided_at");
        return new HeldDraft(rs.getString("draft_id"), rs.getString("location_id"),
                OversightMode.valueOf(rs.getString("mode")), rs.getString("reason"), rs.getString("requested_by"),
                rs.getString("recipient"), rs.getString("subject"), rs.getString("preview_text"),
                rs.getString("supersede_key"), rs.getLong("entity_version"), rs.getBytes("draft"),
                rs.getTimestamp("held_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
                Status.valueOf(rs.getString("status")), rs.getString("decided_by"),
                decidedAt == null ? null : decidedAt.toInstant(), rs.getString("decision_id"),
                rs.getString("decision_reason"));
    }
}
