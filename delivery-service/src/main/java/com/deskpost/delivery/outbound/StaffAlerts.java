package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.state.LiveState;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.retention.RetentionRule;
import com.deskpost.platform.streams.RejectedEvent;
import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Security mail and failed-payment alerts must reach someone: when such a mail will not reach its recipient
 * (refused for good, out of its retry horizon, its credential not opening, dead-lettered for any reason) the
 * location's staff mailbox is alerted. The alert is written to {@code staff_alert} in one transaction with
 * its audit ({@code FAILED} detail names it), once per draft however often the dead letter is handled, and
 * {@link StaffAlertRelay} sends it at once, or later if the relay is away: it is never lost. The alert names
 * the draft, its category and kind, the recipient masked, the reason and the redrive command; the draft is
 * sealed and reasons are credential-free, and placeholders are written {@code [credential N]}, so no
 * credential is ever in it. The same mechanism, once per draft, tells staff of a critical mail that bounced after
 * the relay accepted it ({@link #raiseBounced}) and of any mail refused for a policy or content reason
 * ({@link #raisePolicyRefusal}), where the address is not to blame. Other features raise notices about no one
 * draft (a paused sender domain) through {@link #notice}, on the same table and relay, so they too are never lost
 * nor sent twice.
 */
@Component
public class StaffAlerts {

    private static final Logger log = LoggerFactory.getLogger(StaffAlerts.class);

    private final LiveState state;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StaffAlertRelay relay;

    StaffAlerts(LiveState state, JdbcTemplate jdbc, TransactionTemplate transactions, StaffAlertRelay relay) {
        this.state = state;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Security mail and failed-payment alerts (billing's {@code payment_failed}). */
    static boolean critical(EmailDraft draft) {
        return critical(draft.getCategory().name(), draft.getEventType());
    }

    /** The same rule by the names a ledger row keeps: category SECURITY, or event type payment_failed. */
    public static boolean critical(String category, String eventType) {
        return EmailCategory.SECURITY.name().equals(category) || "payment_failed".equals(eventType);
    }

    /**
     * Alerts the location's staff about a critical draft that did not reach its recipient; nothing for other
     * mail. Idempotent per draft.
     *
     * @param reason why, credential-free (a dead letter's reason)
     * @param deadLetterTopic where the record can be redriven from
     */
    void raise(EmailDraft draft, String reason, String deadLetterTopic) {
        if (!critical(draft)) {
            return;
        }
        String subject = "Undeliverable " + draft.getCategory().name().toLowerCase() + " mail: " + draft.getEventType()
                + " to " + masked(draft.getRecipient().getEmail());
        alert(draft, subject, text(draft, reason, deadLetterTopic), reason);
    }

    /**
     * The relay refused a mail for a policy or content reason ({@code 5.7.x}): the address is not to blame, the
     * message or the sender is (a DMARC failure, a blocked sender, content judged spam), so staff are told whatever
     * the mail's category. Idempotent per draft, like every alert.
     */
    void raisePolicyRefusal(EmailDraft draft, String reason) {
        String subject = "Mail refused by policy: " + draft.getEventType() + " to " + masked(draft.getRecipient().getEmail());
        String body = """
                The receiving mail system refused a Deskpost mail for a policy or content reason: the address is not
                to blame and was not suppressed. Check the sender domain's SPF, DKIM and DMARC records and the
                mail's content; a critical mail must reach the member another way.

                Draft:     %s
                Category:  %s
                Kind:      %s (template %s)
                Recipient: %s
                Reason:    %s
                """.formatted(draft.getDraftId(), draft.getCategory().name().toLowerCase(), draft.getEventType(),
                draft.getTemplate(), masked(draft.getRecipient().getEmail()),
                unfilled(Secrets.mask(String.valueOf(reason), draft.getSecrets())));
        alert(draft, subject, body, "policy refusal: " + reason);
    }

    private void alert(EmailDraft draft, String subject, String body, String reason) {
        Location location = location(draft.getDraftId(), draft.getLocationId());
        if (location == null) {
            return;
        }
        String staff = DraftIds.normaliseEmail(location.getStaffMailbox());
        byte[] audit = toBytes(AuditEvents.of(draft, AuditType.COPY_SENT, Deliverer.ACTOR).recipient(staff)
                .cause("staff-alert").attribute("kind", "ALERT")
                .detail("Staff alerted that the mail did not reach its recipient: " + reason).build());
        store(draft.getDraftId(), location, staff, subject, body, audit);
    }

    /**
     * A critical mail the relay accepted bounced afterwards (its bounce report or a provider tied to it): the
     * member is without it, so the location's staff are told to reach them another way. Idempotent per draft.
     *
     * @param bounced what is known of the mail and the bounce; the diagnostic is the remote side's words
     */
    public void raiseBounced(BouncedMail bounced) {
        if (!critical(bounced.category(), bounced.eventType())) {
            return;
        }
        Location location = location(bounced.draftId(), bounced.locationId());
        if (location == null) {
            return;
        }
        String staff = DraftIds.normaliseEmail(location.getStaffMailbox());
        String who = masked(bounced.recipient());
        // Remote words, untrusted: one line, short, and the address masked as everywhere in an alert.
        String diagnostic = String.valueOf(bounced.diagnostic()).replaceAll("[\\r\\n\\t]+", " ")
                .replace(bounced.recipient(), who);
        diagnostic = diagnostic.length() > 300 ? diagnostic.substring(0, 300) + "..." : diagnostic;
        String subject = "Bounced " + String.valueOf(bounced.category()).toLowerCase() + " mail: " + bounced.eventType()
                + " to " + who;
        String body = """
                A %s mail Deskpost sent bounced: the member did not receive it. Reach the member another way now
                (phone, at the desk) and check their address.

                Draft:      %s
                Kind:       %s
                Recipient:  %s
                Status:     %s
                Diagnostic: %s
                """.formatted(String.valueOf(bounced.category()).toLowerCase(), bounced.draftId(), bounced.eventType(),
                who, bounced.status(), diagnostic);
        AuditEvent audit = AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("audit", bounced.draftId(), AuditType.COPY_SENT.name(), staff, "staff-alert"))
                .setDraftId(bounced.draftId()).setType(AuditType.COPY_SENT).setOccurredAt(Clock.systemUTC().instant())
                .setActor(Deliverer.ACTOR).setRecipient(staff).setLocationId(bounced.locationId())
                .setThreadKey(bounced.threadKey())
                .setDetail("Staff alerted that the mail bounced (" + bounced.status() + ")")
                .setAttributes(java.util.Map.of("kind", "ALERT", "recipient_role", "STAFF")).build();
        store(bounced.draftId(), location, staff, subject, body, toBytes(audit));
    }

    /**
     * A sent mail that bounced, as a staff alert needs it.
     *
     * @param category the draft's category name; eventType its event type (together: is it critical?)
     */
    public record BouncedMail(String draftId, String locationId, String threadKey, String category, String eventType,
            String recipient, String status, String diagnostic) {
    }

    private Location location(String draftId, String locationId) {
        try {
            return state.location(locationId);
        } catch (RejectedEvent unknown) {
            log.error("Critical draft {} not delivered, and its location {} is unknown: no staff mailbox to alert",
                    draftId, locationId);
            return null;
        }
    }

    private void store(String draftId, Location location, String staff, String subject, String body, byte[] audit) {
        Boolean inserted = transactions.execute(status -> jdbc.update("""
                insert into staff_alert (draft_id, location_id, staff, sender, sender_name, subject, body, audit, raised_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id) do nothing
                """, draftId, location.getLocationId(), staff, location.getSenderMailbox(),
                location.getSenderName(), subject, body, audit, Timestamp.from(Clock.systemUTC().instant())) > 0);
        if (Boolean.TRUE.equals(inserted)) {
            log.warn("Draft {} did not reach its recipient: alerting staff at {}", draftId, staff);
            relay.wake();
        }
    }

    /**
     * A notice to a location's staff about something other than one undelivered draft, written in the caller's
     * transaction (so it commits with what it tells of) and sent by the relay once committed ({@link #wake}).
     * Idempotent per {@code noticeId}.
     *
     * @param noticeId unique per notice: a second call with it writes nothing
     * @param audit the event to publish once the relay accepted the notice (its message id set then)
     * @return whether this call wrote it
     */
    public boolean notice(String noticeId, Location location, String subject, String body, AuditEvent audit) {
        byte[] auditBytes = toBytes(audit);
        Boolean inserted = transactions.execute(status -> jdbc.update("""
                insert into staff_alert (draft_id, location_id, staff, sender, sender_name, subject, body, audit, raised_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (draft_id) do nothing
                """, noticeId, location.getLocationId(), DraftIds.normaliseEmail(location.getStaffMailbox()),
                location.getSenderMailbox(), location.getSenderName(), subject, body, auditBytes,
                Timestamp.from(Clock.systemUTC().instant())) > 0);
        return Boolean.TRUE.equals(inserted);
    }

    /** Sends pending alerts and notices soon: after the transaction that wrote them committed. */
    public void wake() {
        relay.wake();
    }

    private static String text(EmailDraft draft, String reason, String deadLetterTopic) {
        String safeReason = Secrets.mask(String.valueOf(reason), draft.getSecrets());
        return """
                Deskpost could not deliver a %s mail, and the member may be without it.

                Draft:     %s
                Category:  %s
                Kind:      %s (template %s)
                Recipient: %s
                Subject:   %s
                Reason:    %s

                What to do: reach the member another way now. Once the cause is fixed, redrive the lane's
                dead letters (mail already sent is skipped, never sent twice):
                  ops-cli redrive --from %s
                Any credential in it stays sealed in the dead letter and is delivered when redriven.
                """.formatted(draft.getCategory().name().toLowerCase(), draft.getDraftId(),
                draft.getCategory().name().toLowerCase(), draft.getEventType(), draft.getTemplate(),
                masked(draft.getRecipient().getEmail()), unfilled(draft.getSubject()), unfilled(safeReason),
                deadLetterTopic);
    }

    /** A placeholder written so that nothing would ever fill it in (docs/sealed-credentials.md). */
    static String unfilled(String text) {
        return text == null ? "" : text.replaceAll("⟦credential (\\d{1,3})⟧", "[credential $1]");
    }

    /** The address as staff need it to recognise the member, not to copy it: first letter and domain. */
    static String masked(String address) {
        if (address == null) {
            return "(none)";
        }
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }

    private static byte[] toBytes(AuditEvents event) {
        return toBytes(event.build());
    }

    private static byte[] toBytes(AuditEvent event) {
        try {
            ByteBuffer buffer = event.toByteBuffer();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("An audit event always encodes", e);
        }
    }

    /**
     * Sent alerts go {@code keep} after they were sent; one not sent yet stays until the relay takes it. Until then a
     * dead letter of the same draft handled again (a redrive) finds its alert and does not alert staff twice.
     */
    public static RetentionRule retention(Duration keep) {
        return new RetentionRule("staff_alert", "sent_at", "true", keep);
    }
}
