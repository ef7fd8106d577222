package com.deskpost.oversight.templates;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.MailThread;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.template.RenderedMail;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A template sent to an address staff choose, rendered with the sample data, marked as a test in the subject and
 * at the top of both bodies. It leaves as oversight's own staff mail does (digests, expiry alerts): a transactional
 * draft released through the outbox to delivery, which still applies consent, suppression and the ledger, with a
 * {@code RELEASED} audit event naming the staff member who sent it. It goes out from the chosen location's sender.
 */
@Component
public class TestSends {

    // One address, no display name, no CR/LF: a header value staff type in (a full RFC 5322 parser would accept more).
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;]+");
    private static final String TEST_MARK = "[TEST] ";

    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final ReleaseAttestation attestation;
    private final Clock clock = Clock.systemUTC();

    TestSends(TransactionTemplate tx, Outbox outbox, ReleaseAttestation attestation) {
        this.tx = tx;
        this.outbox = outbox;
        this.attestation = attestation;
    }

    /** @return the test mail's draft id */
    public String send(TemplateSlot slot, String what, RenderedMail mail, Location from, String recipient, String by) {
        String to = recipient == null ? "" : recipient.strip();
        if (to.length() > 254 || !ADDRESS.matcher(to).matches()) {
            throw new TemplateRefused("\"" + recipient + "\" is not one mail address (name@example.com)");
        }
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        String notice = "This is a test of the template " + slot.describe() + " (" + what + "), sent by " + by
                + " with sample data. It is not about a real booking, payment or person.";
        EmailDraft draft = EmailDraft.newBuilder()
                .setDraftId(id)
                .setHeader(EventHeader.newBuilder().setEventId(id).setOccurredAt(now).setSource("oversight-service")
                        .setEntityVersion(1).setLocationId(from.getLocationId()).setCorrelationId(id).build())
                .setEventType("template_test").setTemplate(slot.template())
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(to).setRole(RecipientRole.STAFF).build())
                .setLocationId(from.getLocationId())
                .setSubject(TEST_MARK + mail.subject())
                .setBodyText(notice + "\n\n" + mail.text())
                .setBodyHtml(marked(mail.html(), notice))
                .setSupersedeKey("template-test:" + id).setEntityVersion(1).setRequestedBy(by)
                .setThread(MailThread.newBuilder().setThreadKey("template-test:" + slot.template()).build())
                .setCreatedAt(now)
                .build();
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("template test send by staff")
                .setReleasedBy(by).setReleasedAt(now).build();
        tx.executeWithoutResult(status -> {
            outbox.add(Lane.of(draft).outbound(), DraftKeys.of(draft), attestation.release(draft, release));
            outbox.add(Topics.MAIL_AUDIT, id, AuditEvent.newBuilder()
                    .setAuditId(UUID.nameUUIDFromBytes(("test-send:" + id).getBytes()).toString())
                    .setDraftId(id).setType(AuditType.RELEASED).setOccurredAt(now).setActor(by).setRecipient(to)
                    .setLocationId(from.getLocationId()).setDetail("test send of " + slot.describe() + " (" + what
                            + ") with sample data")
                    .setAttributes(Map.of("template", slot.template(), "test", "true",
                            "category", EmailCategory.TRANSACTIONAL.name().toLowerCase()))
                    .build());
        });
        return id;
    }

    /** The notice as the first thing in the body, HTML-escaped (it names staff input: the template and location). */
    private static String marked(String html, String notice) {
        String banner = "<p style=\"background:#fff3cd;border:1px solid #e0c060;padding:8px\"><strong>TEST</strong> "
                + com.samskivert.mustache.Escapers.HTML.escape(notice) + "</p>";
        int body = html.toLowerCase().indexOf("<body");
        int open = body < 0 ? -1 : html.indexOf('>', body);
        return open < 0 ? banner + html : html.substring(0, open + 1) + banner + html.substring(open + 1);
    }
}
