package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.feedback.FeedbackApplier;
import com.deskpost.delivery.feedback.SmtpRefusal;
import com.deskpost.delivery.guardrail.DeliveryGuardrails;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.ledger.DeliveryLedger.Sent;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.FeedbackKind;
import com.deskpost.events.Location;
import com.deskpost.events.MailFeedback;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.credential.CredentialUnavailable;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Lane;
import org.springframework.stereotype.Component;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What leaves delivery: messages for the relay (through {@link Transmission}) and audit events. A mail
 * refused for good, or whose credential does not open, is audited {@code FAILED} and, if critical, its
 * staff alert raised here at once ({@link StaffAlerts}, once per draft); then it is dead-lettered, and the
 * dead-letter handler raises the alert for every other reason (the same alert: never twice).
 */
@Component
class Outgoing {

    private final Transmission transmission;
    private final AuditPublisher auditPublisher;
    private final StaffAlerts alerts;
    private final FeedbackApplier feedback;
    private final DeliveryGuardrails guardrails;

    Outgoing(Transmission transmission, AuditPublisher auditPublisher, StaffAlerts alerts, FeedbackApplier feedback,
            DeliveryGuardrails guardrails) {
        this.transmission = transmission;
        this.auditPublisher = auditPublisher;
        this.alerts = alerts;
        this.feedback = feedback;
        this.guardrails = guardrails;
    }

    void audit(AuditEvents event) {
        auditPublisher.publish(event.build());
    }

    /**
     * @see Transmission#send
     * @throws SmtpFailure.Transient also when the deliverability guardrails make the mail wait (nothing sent)
     */
    Transmission.Accepted send(EmailDraft draft, Location location, Kind kind, String recipient) {
        guardrails.admit(draft, location, kind == Kind.PRIMARY, recipient);
        Transmission.Accepted accepted;
        try {
            accepted = transmission.send(draft, location, kind, recipient);
        } catch (SmtpFailure failure) {
            guardrails.refused(recipient, failure);
            throw failure;
        }
        guardrails.accepted(recipient);
        return accepted;
    }

    /** A sent mail's audit event, and its count for the sender domain's rates: in the ledger row's transaction. */
    void sent(Location location, Kind kind, AuditEvents event) {
        audit(event);
        guardrails.sent(location, kind == Kind.PRIMARY);
    }

    /**
     * A permanent refusal: audited, and judged by its enhanced status code ({@link SmtpRefusal}). A recipient
     * problem ({@code 5.1.x}, {@code 5.2.1}) is a hard bounce the relay told us first-hand: applied at once by the
     * same path as bounce reports (source {@code smtp-reply}), so the address is suppressed, without a round trip
     * through mail.feedback that would have to trust a record anyone with write access could forge. A policy or
     * content refusal ({@code 5.7.x}) does not blame the address: staff are alerted, whatever the category. Any
     * other refusal alerts staff for critical mail.
     */
    void refused(EmailDraft draft, Location location, Kind kind, String recipient, SmtpFailure failure) {
        SmtpRefusal refusal = SmtpRefusal.of(failure.replyCode(), failure.getMessage());
        audit(AuditEvents.of(draft, AuditType.FAILED, Deliverer.ACTOR).recipient(recipient)
                .recipientRole(RecipientDelivery.roleOf(draft, kind)).detail(failure.getMessage()).attribute("smtp_reply", Integer.toString(failure.replyCode()))
                .attribute("refusal", refusal.name().toLowerCase()));
        switch (refusal) {
            case ADDRESS -> feedback.apply(smtpReply(draft, recipient, failure), new Sent(draft.getDraftId(), recipient,
                    kind.name(), MessageFactory.messageId(draft, location, kind == Kind.COPY), Instant.now(),
                    draft.getLocationId(), draft.getThread().getThreadKey(), draft.getCategory().name(),
                    draft.getEventType()));
            case POLICY -> alerts.raisePolicyRefusal(draft, failure.getMessage());
            case OTHER -> { }
        }
        alerts.raise(draft, "The relay refused it permanently: " + failure.getMessage(), deadLetterTopic(draft));
    }

    /** The relay's refusal as a hard bounce; its id is the draft's and the recipient's, so a retry collapses. */
    private static MailFeedback smtpReply(EmailDraft draft, String recipient, SmtpFailure failure) {
        return MailFeedback.newBuilder()
                .setFeedbackId(DraftIds.nameBased("smtp-reply", draft.getDraftId(), recipient))
                .setReceivedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setKind(FeedbackKind.HARD_BOUNCE).setRecipient(recipient).setDraftId(draft.getDraftId())
                .setStatus(SmtpRefusal.status(failure.getMessage()).map(Object::toString).orElse(null))
                .setDiagnostic(failure.getMessage()).setSource("smtp-reply").setReporter("relay").build();
    }

    /**
     * A credential of the mail does not open (its key retired, altered, sealed for someone else): nothing
     * was sent. Audited with the reason, which names the key id and never a value; staff alerted for
     * critical mail, since the member is still without the code.
     */
    void unopened(EmailDraft draft, String recipient, CredentialUnavailable unavailable) {
        AuditEvents failed = AuditEvents.of(draft, AuditType.FAILED, Deliverer.ACTOR).recipient(recipient)
                .detail("Not sent: " + unavailable.getMessage());
        if (unavailable.keyId() != null) {
            failed.attribute("credential_key_id", unavailable.keyId());
        }
        audit(failed);
        alerts.raise(draft, "Its credential does not open: " + unavailable.getMessage(), deadLetterTopic(draft));
    }

    private static String deadLetterTopic(EmailDraft draft) {
        return Lane.of(draft).outbound().deadLetterTopic();
    }
}
