package com.deskpost.oversight.digest;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.oversight.queue.StaffText;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.retention.RetentionRule;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.samskivert.mustache.Escapers;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Staff copies as an hourly digest ({@code deskpost.oversight.staff-copies: hourly_digest}): each
 * monitored release is noted, and once an hour every location's staff mailbox gets one mail
 * listing what went out (recipient, subject with each credential as [credential n], time). The digest is released
 * through the outbox in the same transaction that claims its entries, so nothing is listed twice or missed.
 * Every replica runs the job at the same cron time (its slot, {@link DigestSchedule}); a location's digest
 * for a slot is sent by the replica that records (location, slot) first, so it goes out once. An entry is kept
 * a while after its digest ({@link #retention}), so a replayed or redriven release finds it and is not listed again.
 */
@Component
public class CopyDigest {

    static final String WAITING_LOCATIONS = "select distinct location_id from digest_entries where digested_at is null";
    static final String CLAIM_ENTRIES = """
            update digest_entries set digested_at = ? where location_id = ? and digested_at is null
            returning draft_id, recipient, subject, released_at
            """;
    static final String FORGET_SLOTS = "delete from digest_slots where slot < ?";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final Directory directory;
    private final ReleaseAttestation attestation;

    public CopyDigest(JdbcTemplate jdbc, TransactionTemplate tx, Outbox outbox, Directory directory,
            ReleaseAttestation attestation) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.directory = directory;
        this.attestation = attestation;
    }

    /** Noting a draft twice (a replay) keeps one entry. */
    public void note(EmailDraft draft, Instant releasedAt) {
        jdbc.update("""
                insert into digest_entries (draft_id, location_id, recipient, subject, released_at)
                values (?, ?, ?, ?, ?) on conflict (draft_id) do nothing
                """, draft.getDraftId(), draft.getLocationId(), draft.getRecipient().getEmail(),
                StaffText.of(StaffText.held(draft.getSubject(), draft.getSecrets())), Timestamp.from(releasedAt));
    }

    /** A run outside the schedule (tests, an operator): its slot is now. */
    public void sendDigests() {
        sendDigests(Clock.systemUTC().instant());
    }

    /** @param slot the time the schedule named for this run: the same on every replica, so it names the digest */
    public void sendDigests(Instant slot) {
        Instant now = Clock.systemUTC().instant();
        for (String locationId : jdbc.queryForList(WAITING_LOCATIONS, String.class)) {
            directory.location(locationId).ifPresent(location -> tx.executeWithoutResult(status -> {
                // A second replica's insert waits for the first's transaction, then finds its row: nothing to do.
                if (jdbc.update("insert into digest_slots (location_id, slot) values (?, ?) on conflict do nothing",
                        locationId, Timestamp.from(slot)) == 0) {
                    return;
                }
                List<Map<String, Object>> entries = new ArrayList<>(jdbc.queryForList(CLAIM_ENTRIES,
                        Timestamp.from(now), locationId));
                if (!entries.isEmpty()) {
                    entries.sort(Comparator.comparing(entry -> (Timestamp) entry.get("released_at")));
                    release(location, entries, slot, now);
                }
            }));
        }
        jdbc.update(FORGET_SLOTS, Timestamp.from(slot.minus(Duration.ofDays(1))));
    }

    /**
     * Entries go {@code keep} after their release: digested within the hour, or never, when their location left the
     * directory or staff copies went back to per_message (then nothing would ever report them).
     */
    public static RetentionRule retention(Duration keep) {
        return new RetentionRule("digest_entries", "released_at", "true", keep);
    }

    private void release(Location location, List<Map<String, Object>> entries, Instant slot, Instant now) {
        StringBuilder text = new StringBuilder("Monitored mail Deskpost sent for " + location.getName()
                + " since the last digest (" + entries.size() + "):\n\n");
        for (Map<String, Object> entry : entries) {
            text.append("- ").append(entry.get("released_at")).append("  ").append(entry.get("recipient"))
                    .append("  ").append(entry.get("subject")).append('\n');
        }
        String id = DraftIds.nameBased("copy-digest", location.getLocationId(), slot.toString());
        EmailDraft digest = EmailDraft.newBuilder()
                .setDraftId(id)
                .setHeader(EventHeader.newBuilder().setEventId(id).setOccurredAt(now).setSource("oversight-service")
                        .setEntityVersion(1).setLocationId(location.getLocationId()).setCorrelationId(id).build())
                .setEventType("monitored_digest").setTemplate("monitored-digest")
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(location.getStaffMailbox()).setRole(RecipientRole.STAFF)
                        .build())
                .setLocationId(location.getLocationId())
                .setSubject("Monitored mail digest: " + entries.size() + " sent")
                .setBodyText(text.toString())
                .setBodyHtml("<pre>" + Escapers.HTML.escape(text.toString()) + "</pre>")
                .setSupersedeKey("digest:" + id).setEntityVersion(1).setRequestedBy("oversight-service")
                .setThread(MailThread.newBuilder().setThreadKey("digest:" + location.getLocationId()).build())
                .setCreatedAt(now)
                .build();
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("hourly staff digest")
                .setReleasedBy("oversight-service").setReleasedAt(now).build();
        outbox.add(Lane.of(digest).outbound(), DraftKeys.of(digest), attestation.release(digest, release));
    }
}
