package com.deskpost.oversight.subject;

import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.pseudonym.Pseudonyms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What oversight holds about one person, for a subject access export (GDPR art. 15): the drafts held for them in
 * the approval queue, whatever their status, and the monitored mails to them noted for a staff digest; found by
 * their address (in any case or spacing a composer wrote it) and by their keyed pseudonym, which an erasure left in
 * place of the address. The same rows {@link com.deskpost.oversight.erasure} pseudonymises: held drafts and digest
 * entries are oversight's only tables with a recipient. A held draft is shown as staff see it (subject and preview,
 * credentials as placeholders); the mail's own bytes are not: a pending draft's body is the preview's whole text.
 */
@Repository
public class SubjectRecords {

    static final String HELD_DRAFTS = """
            select draft_id, location_id, mode, reason, requested_by, recipient, subject, preview_text, held_at,
                   expires_at, status, decided_by, decided_at, decision_reason
              from held_drafts where lower(trim(recipient)) in (?, ?) order by held_at, draft_id""";
    static final String DIGEST_ENTRIES = """
            select draft_id, location_id, recipient, subject, released_at, digested_at
              from digest_entries where lower(trim(recipient)) in (?, ?) order by released_at, draft_id""";

    /** A draft held for a decision: its status, times, who decided and why, and what staff saw of it. */
    public record HeldDraftRecord(String draftId, String locationId, String mode, String reason, String requestedBy,
            String recipient, String subject, String preview, Instant heldAt, Instant expiresAt, String status,
            String decidedBy, Instant decidedAt, String decisionReason) {
    }

    /** A monitored mail released to the person and noted for the location staff's hourly digest. */
    public record DigestEntryRecord(String draftId, String locationId, String recipient, String subject,
            Instant releasedAt, Instant digestedAt) {
    }

    private final JdbcTemplate jdbc;
    private final Pseudonyms pseudonyms;

    public SubjectRecords(JdbcTemplate jdbc, Pseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** @param email the person's address, any case */
    public List<HeldDraftRecord> heldDrafts(String email) {
        String address = DraftIds.normaliseEmail(email);
        return jdbc.query(HELD_DRAFTS, (rs, n) -> new HeldDraftRecord(rs.getString("draft_id"),
                rs.getString("location_id"), rs.getString("mode"), rs.getString("reason"),
                rs.getString("requested_by"), rs.getString("recipient"), rs.getString("subject"),
                rs.getString("preview_text"), instant(rs, "held_at"), instant(rs, "expires_at"),
                rs.getString("status"), rs.getString("decided_by"), instant(rs, "decided_at"),
                rs.getString("decision_reason")), address, pseudonyms.of(address));
    }

    /** @param email the person's address, any case */
    public List<DigestEntryRecord> digestEntries(String email) {
        String address = DraftIds.normaliseEmail(email);
        return jdbc.query(DIGEST_ENTRIES, (rs, n) -> new DigestEntryRecord(rs.getString("draft_id"),
                rs.getString("location_id"), rs.getString("recipient"), rs.getString("subject"),
                instant(rs, "released_at"), instant(rs, "digested_at")), address, pseudonyms.of(address));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
