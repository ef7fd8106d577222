package com.deskpost.oversight.notify;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.MailThread;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.oversight.queue.Resolutions;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.samskivert.mustache.Escapers;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Mail oversight writes to staff about held drafts (notices, digests, escalations), released straight to delivery
 * through the outbox, attested like every release, in the caller's transaction; and their audit events, the same way.
 * A mail's id names it, so the same notice written twice (a retried transaction) is sent once by delivery.
 */
@Component
public class NoticeMails {

    private final Outbox outbox;
    private final ReleaseAttestation attestation;

    public NoticeMails(Outbox outbox, ReleaseAttestation attestation) {
        this.outbox = outbox;
        this.attestation = attestation;
    }

    /** A transactional staff mail with this text, sent as is (no template, no credentials). */
    void send(String mailId, String locationId, String to, String subject, String text, String eventType,
            String rule, Instant now) {
        EmailDraft mail = EmailDraft.newBuilder()
                .setDraftId(mailId)
                .setHeader(EventHeader.newBuilder().setEventId(mailId).setOccurredAt(now)
                        .setSource(Resolutions.ACTOR).setEntityVersion(1).setLocationId(locationId)
                        .setCorrelationId(mailId).build())
                .setEventType(eventType).setTemplate(eventType.replace('_', '-'))
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(to).setRole(RecipientRole.STAFF).build())
                .setLocationId(locationId)
                .setSubject(subject)
                .setBodyText(text)
                .setBodyHtml("<pre>" + Escapers.HTML.escape(text) + "</pre>")
                .setSupersedeKey("notice:" + mailId).setEntityVersion(1).setRequestedBy(Resolutions.ACTOR)
                .setThread(MailThread.newBuilder().setThreadKey("notice:" + mailId).build())
                .setCreatedAt(now)
                .build();
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule(rule)
                .setReleasedBy(Resolutions.ACTOR).setReleasedAt(now).build();
        outbox.add(Lane.of(mail).outbound(), DraftKeys.of(mail), attestation.release(mail, release));
    }

    void audit(AuditEvent event) {
        outbox.add(Topics.MAIL_AUDIT, event.getDraftId(), event);
    }
}
