package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.delivery.sending.SmtpSender;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.credential.CredentialUnavailable;
import com.deskpost.platform.id.DraftIds;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * What leaves delivery: messages for the relay (through {@link Transmission}), audit events, and the
 * staff alert when critical mail (security mail, failed-payment alerts) is refused for good or its
 * credential does not open, so that such a failure is never silently lost. Alerts have their own
 * derived draft id, so the ledger keeps them to one per failure too.
 */
@Component
class Outgoing {

    private static final Logger log = LoggerFactory.getLogger(Outgoing.class);

    private final Transmission transmission;
    private final JavaMailSenderImpl relay;
    private final SmtpSender smtp;
    private final AuditPublisher auditPublisher;
    private final DeliveryLedger ledger;

    Outgoing(Transmission transmission, JavaMailSenderImpl relay, SmtpSender smtp, AuditPublisher auditPublisher,
            DeliveryLedger ledger) {
        this.transmission = transmission;
        this.relay = relay;
        this.smtp = smtp;
        this.auditPublisher = auditPublisher;
        this.ledger = ledger;
    }

    void audit(AuditEvents event) {
        auditPublisher.publish(event.build());
    }

    /** @see Transmission#send */
    String send(EmailDraft draft, Location location, Kind kind, String recipient) {
        return transmission.send(draft, location, kind, recipient);
    }

    /** A permanent refusal: audited, and for critical mail reported to the location's staff. */
    void refused(EmailDraft draft, Location location, String recipient, SmtpFailure failure) {
        audit(AuditEvents.of(draft, AuditType.FAILED, Deliverer.ACTOR).recipient(recipient)
                .detail(failure.getMessage()).attribute("smtp_reply", Integer.toString(failure.replyCode())));
        alertStaff(draft, location, recipient, "The relay refused it permanently: " + failure.getMessage());
    }

    /**
     * A credential of the mail does not open (its key retired, altered, sealed for someone else): nothing
     * was sent. Audited with the reason, which names the key id and never a value; staff alerted for
     * critical mail, since the member is still without the code.
     */
    void unopened(EmailDraft draft, Location location, String recipient, CredentialUnavailable unavailable) {
        AuditEvents failed = AuditEvents.of(draft, AuditType.FAILED, Deliverer.ACTOR).recipient(recipient)
                .detail("Not sent: " + unavailable.getMessage());
        if (unavailable.keyId() != null) {
            failed.attribute("credential_key_id", unavailable.keyId());
        }
        audit(failed);
        alertStaff(draft, location, recipient, "Its credential does not open: " + unavailable.getMessage());
    }

    private void alertStaff(EmailDraft draft, Location location, String recipient, String why) {
        if (!critical(draft)) {
            return;
        }
        String alertId = DraftIds.nameBased("alert", draft.getDraftId(), recipient);
        String staff = DraftIds.normaliseEmail(location.getStaffMailbox());
        if (ledger.alreadySent(alertId, staff)) {
            return;
        }
        try {
            MimeMessage alert = new MimeMessage(relay.getSession());
            alert.setFrom(new InternetAddress(location.getSenderMailbox(), location.getSenderName(), "UTF-8"));
            alert.setRecipients(MimeMessage.RecipientType.TO, staff);
            alert.setHeader("Auto-Submitted", "auto-generated");
            alert.setSubject("Undeliverable " + draft.getCategory().name().toLowerCase() + " mail to " + recipient,
                    StandardCharsets.UTF_8.name());
            // The draft is sealed and the failure text masked (Transmission): neither can carry a credential value.
            alert.setText("Deskpost could not deliver draft " + draft.getDraftId() + " (" + draft.getEventType()
                    + ") to " + recipient + ".\n" + why + "\nSubject: " + draft.getSubject()
                    + "\nPlease reach the member another way.", StandardCharsets.UTF_8.name());
            alert.saveChanges();
            smtp.send(alert);
            ledger.recordAlert(alertId, staff, alert.getMessageID(), draft.getLocationId(), Clock.systemUTC().instant());
            log.warn("Draft {} not delivered to {}: staff at {} alerted", draft.getDraftId(), recipient, staff);
        } catch (MessagingException | java.io.UnsupportedEncodingException | SmtpFailure e) {
            log.error("Draft {} not delivered to {} and the staff alert to {} failed too", draft.getDraftId(),
                    recipient, staff, e);
        }
    }

    /** Security mail and failed-payment alerts must reach someone. */
    static boolean critical(EmailDraft draft) {
        return draft.getCategory() == EmailCategory.SECURITY || "payment_failed".equals(draft.getEventType());
    }
}
