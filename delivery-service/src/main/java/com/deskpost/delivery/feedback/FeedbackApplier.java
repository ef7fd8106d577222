package com.deskpost.delivery.feedback;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.ledger.DeliveryLedger.Sent;
import com.deskpost.delivery.outbound.StaffAlerts;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.FeedbackKind;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one report tied to a message delivery sent, once per report (feedback id), in one transaction with
 * its record: a hard bounce tags the address {@code hard_bounced}; soft bounces are counted and N within the window
 * tag it {@code soft_bounced}; a complaint tags it {@code complained} (all through the consent path, announced on
 * mail.consent with source "bounce"/"complaint" and the feedback id); each is audited {@code BOUNCED} or
 * {@code COMPLAINED} on the draft. A bounce of critical mail alerts the location's staff. Once committed, the
 * guardrails hear of it ({@link FeedbackApplied}).
 */
@Service
public class FeedbackApplier {

    private static final Logger log = LoggerFactory.getLogger(FeedbackApplier.class);
    static final String ACTOR = "delivery-service";

    private final TransactionTemplate transactions;
    private final Suppressions suppressions;
    private final AuditPublisher audit;
    private final StaffAlerts alerts;
    private final ApplicationEventPublisher events;

    // Five: the transaction, and the four things it does; splitting them further would hide the order they run in.
    FeedbackApplier(TransactionTemplate transactions, Suppressions suppressions, AuditPublisher audit,
            StaffAlerts alerts, ApplicationEventPublisher events) {
        this.transactions = transactions;
        this.suppressions = suppressions;
        this.audit = audit;
        this.alerts = alerts;
        this.events = events;
    }

    /**
     * Applies a report about the message {@code sent}.
     *
     * @return false when it had been applied before (a replay): nothing changed
     * @throws RejectedEvent for a report that is no bounce or complaint (kind UNKNOWN)
     */
    public boolean apply(MailFeedback feedback, Sent sent) {
        if (feedback.getKind() == FeedbackKind.UNKNOWN) {
            throw new RejectedEvent("Feedback " + feedback.getFeedbackId() + " is neither a bounce nor a complaint"
                    + " (kind UNKNOWN): nothing to apply");
        }
        String recipient = sent.recipient(); // the address we sent to (a forwarded report names another)
        Boolean applied = transactions.execute(status -> {
            if (!suppressions.apply(feedback, recipient, sent.draftId())) {
                return false;
            }
            audit.publish(auditEvent(feedback, sent));
            if (feedback.getKind() != FeedbackKind.COMPLAINT) {
                alerts.raiseBounced(new StaffAlerts.BouncedMail(sent.draftId(), sent.locationId(),
                        sent.threadKey(), sent.category(), sent.eventType(), recipient, feedback.getStatus(),
                        feedback.getDiagnostic()));
            }
            return true;
        });
        if (!Boolean.TRUE.equals(applied)) {
            log.info("Feedback {} about draft {} was applied before: nothing more", feedback.getFeedbackId(),
                    sent.draftId());
            return false;
        }
        log.info("Applied {} {} ({}) about draft {}", feedback.getSource(), feedback.getKind(), feedback.getStatus(),
                sent.draftId());
        events.publishEvent(new FeedbackApplied(senderDomain(sent.messageId()), domain(recipient),
                feedback.getKind(), sent.draftId(), EmailCategory.COMMERCIAL.name().equals(sent.category())));
        return true;
    }

    /**
     * BOUNCED or COMPLAINED on the draft, its id derived from the report so a replay collapses. The recipient is
     * the audit event's own field, as on SENT; the attributes hold no address.
     */
    private static AuditEvent auditEvent(MailFeedback feedback, Sent sent) {
        AuditType type = feedback.getKind() == FeedbackKind.COMPLAINT ? AuditType.COMPLAINED : AuditType.BOUNCED;
        Map<String, String> attributes = new HashMap<>();
        attributes.put("kind", feedback.getKind() == FeedbackKind.HARD_BOUNCE ? "hard"
                : feedback.getKind() == FeedbackKind.SOFT_BOUNCE ? "soft" : "complaint");
        attributes.put("source", feedback.getSource());
        attributes.put("feedback_id", feedback.getFeedbackId());
        if (feedback.getStatus() != null) {
            attributes.put("status", feedback.getStatus());
        }
        if (feedback.getReporter() != null) {
            attributes.put("reporter", feedback.getReporter());
        }
        if (sent.category() != null) {
            attributes.put("category", sent.category());
        }
        String detail = (type == AuditType.COMPLAINED ? "Recipient complained (" : "Bounced (")
                + attributes.get("kind") + (feedback.getStatus() == null ? "" : ", " + feedback.getStatus()) + ") via "
                + feedback.getSource();
        return AuditEvent.newBuilder()
                .setAuditId(DraftIds.nameBased("audit", sent.draftId(), type.name(), sent.recipient(),
                        "feedback:" + feedback.getFeedbackId()))
                .setDraftId(sent.draftId()).setType(type).setOccurredAt(Instant.now()).setActor(ACTOR)
                .setRecipient(sent.recipient()).setLocationId(sent.locationId()).setThreadKey(sent.threadKey())
                .setMessageId(sent.messageId()).setDetail(detail).setAttributes(attributes).build();
    }

    /** The From domain the message was sent with: Message-IDs are {@code <draft id@sender domain>}. */
    static String senderDomain(String messageId) {
        String id = messageId == null ? "" : messageId.replace("<", "").replace(">", "");
        return domain(id);
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }
}
