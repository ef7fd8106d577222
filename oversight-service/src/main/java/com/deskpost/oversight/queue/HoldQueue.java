package com.deskpost.oversight.queue;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft.Status;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The approval queue in PostgreSQL. A draft is held once (holding it again is a no-op, so a replay
 * of mail.drafts changes nothing) and leaves PENDING once: {@link #resolve} is a conditional
 * update, so of two concurrent decisions exactly one wins.
 */
@Repository
public class HoldQueue {

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
        return jdbc.query("select * from held_drafts where draft_id = ?", HoldQueue::row, draftId).stream().findFirst();
    }

    public List<HeldDraft> pending(List<String> locationIds) {
        return jdbc.query("select * from held_drafts where status = 'PENDING' and location_id = any (?) order by expires_at",
                HoldQueue::row, (Object) locationIds.toArray(String[]::new));
    }

    public List<HeldDraft> recentlyDecided(List<String> locationIds, int limit) {
        return jdbc.query("""
                select * from held_drafts where status <> 'PENDING' and location_id = any (?)
                order by decided_at desc nulls last limit ?
                """, HoldQueue::row, locationIds.toArray(String[]::new), limit);
    }

    /** Moves a pending draft to its outcome; false if it was no longer pending (someone decided first). */
    public boolean resolve(String draftId, Status outcome, String decidedBy, Instant at, String decisionId,
            String reason) {
        return jdbc.update("""
                update held_drafts set status = ?, decided_by = ?, decided_at = ?, decision_id = ?, decision_reason = ?
                where draft_id = ? and status = 'PENDING'
                """, outcome.name(), decidedBy, Timestamp.from(at), decisionId, reason, draftId) == 1;
    }

    public List<HeldDraft> dueForExpiry(Instant now) {
        return jdbc.query("select * from held_drafts where status = 'PENDING' and expires_at <= ? order by expires_at",
                HoldQueue::row, Timestamp.from(now));
    }

    /** Pending drafts of this entity older than the given version. */
    public List<HeldDraft> supersededBy(String supersedeKey, long version) {
        return jdbc.query("""
                select * from held_drafts where status = 'PENDING' and supersede_key = ? and entity_version < ?
                """, HoldQueue::row, supersedeKey, version);
    }

    /** Pending drafts to an erased address, matched normalised: dropped, never sent (GDPR erasure). */
    public List<HeldDraft> pendingTo(String recipient) {
        return jdbc.query("""
                select * from held_drafts where status = 'PENDING' and lower(trim(recipient)) = lower(trim(?))
                """, HoldQueue::row, recipient);
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
