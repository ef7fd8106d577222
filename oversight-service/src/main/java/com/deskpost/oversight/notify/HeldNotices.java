package com.deskpost.oversight.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What approvers have been told of which held draft. Each step is claimed by a conditional update (skipping rows
 * another replica has locked), so a draft is announced once, escalated once and listed in one digest, however many
 * replicas run the jobs; call the claims inside the transaction that writes the notices to the outbox.
 */
@Repository
public class HeldNotices {

    static final int BATCH = 100;
    static final String CLAIM_NEW = """
            update held_notices set noticed_at = ? where draft_id in (
                select draft_id from held_notices where noticed_at is null order by held_at limit ?
                for update skip locked)
            returning draft_id
            """;
    static final String CLAIM_ESCALATIONS = """
            update held_notices set escalated_at = ? where draft_id in (
                select draft_id from held_notices where escalated_at is null and expires_at <= ? order by expires_at
                limit ? for update skip locked)
            returning draft_id
            """;
    static final String CLAIM_DIGEST = """
            update approver_digest_entries set digested_at = ? where member_id = ? and digested_at is null
            returning draft_id
            """;

    private final JdbcTemplate jdbc;

    public HeldNotices(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called as the draft is held; holding it again (a replay) keeps the one row and what was done with it. */
    public void held(String draftId, String locationId, Instant heldAt, Instant expiresAt) {
        jdbc.update("""
                insert into held_notices (draft_id, location_id, held_at, expires_at) values (?, ?, ?, ?)
                on conflict (draft_id) do nothing
                """, draftId, locationId, Timestamp.from(heldAt), Timestamp.from(expiresAt));
    }

    /** Up to a batch of held drafts nobody has announced yet, now this caller's to announce. */
    List<String> claimNew(Instant now) {
        return jdbc.queryForList(CLAIM_NEW, String.class, Timestamp.from(now), BATCH);
    }

    /** Up to a batch of drafts within {@code before} of their expiry and not yet escalated, now this caller's. */
    List<String> claimEscalations(Instant now, Duration before) {
        return jdbc.queryForList(CLAIM_ESCALATIONS, String.class, Timestamp.from(now), Timestamp.from(now.plus(before)),
                BATCH);
    }

    void noteForDigest(String memberId, String draftId, Instant now) {
        jdbc.update("""
                insert into approver_digest_entries (member_id, draft_id, noted_at) values (?, ?, ?)
                on conflict do nothing
                """, memberId, draftId, Timestamp.from(now));
    }

    List<String> membersWithDigests() {
        return jdbc.queryForList("select distinct member_id from approver_digest_entries where digested_at is null",
                String.class);
    }

    /** The approver's drafts since the last digest, now this caller's to list. */
    List<String> claimDigest(String memberId, Instant now) {
        return jdbc.queryForList(CLAIM_DIGEST, String.class, Timestamp.from(now), memberId);
    }

    /** What is done with: notices a day after their draft's expiry, digest entries a day after their digest. */
    void forget(Instant now) {
        Timestamp dayAgo = Timestamp.from(now.minus(Duration.ofDays(1)));
        jdbc.update("delete from held_notices where expires_at < ?", dayAgo);
        jdbc.update("delete from approver_digest_entries where digested_at < ?", dayAgo);
    }
}
