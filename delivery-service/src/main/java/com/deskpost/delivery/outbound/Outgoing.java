package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.delivery.sending.SmtpSender;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.audit.Secrets;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
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
 * What leaves delivery: messages built for the relay, audit events, and the staff alert when
 * critical mail (security mail, failed-payment alerts) is refused for good, so that such a
 * failure is never silently lost. Alerts have their own derived draft id, so the ledger keeps
 * them to one per failure too.
 */
@Component
class Outgoing {

    private static final Logger log = LoggerFactory.getLogger(Outgoing.class);

    private final MessageFactory messages;
    private final JavaMailSenderImpl relay;
    private final SmtpSender smtp;
    private final AuditPublisher auditPublisher;
    private final DeliveryLedger ledger;

    Outgoing(MessageFactory messages, JavaMailSenderImpl relay, SmtpSender smtp, AuditPublisher auditPublisher,
            DeliveryLedger ledger) {
        this.messages = messages;
        this.relay = relay;
        this.smtp = smtp;
        this.auditPublisher = auditPublisher;
        this.ledger = ledger;
    }

    SmtpSender smtp() {
        return smtp;
    }

    void audit(AuditEvents event) {
        auditPublisher.publish(event.build());
    }

    MimeMessage build(EmailDraft draft, Location location, Kind kind, String recipient) {
        try {
            return kind == Kind.COPY ? messages.copy(relay.getSession(), draft, location, recipient)
                    : messages.primary(relay.getSession(), draft, location);
        } catch (MessagingException e) {
            throw new RejectedEvent("Cannot build mail for draft " + draft.getDraftId() + " to " + recipient + ": "
                    + e.getMessage());
        }
    }

    /** A permanent refusal: audited, and for critical mail reported to the location's staff. */
    void refused(EmailDraft draft, Location location, String recipient, SmtpFailure failure) {
        audit(AuditEvents.of(draft, AuditType.FAILED, Deliverer.ACTOR).recipient(recipient)
                .detail(failure.getMessage()).attribute("smtp_reply", Integer.toString(failure.replyCode())));
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
            alert.setText("Deskpost could not deliver draft " + draft.getDraftId() + " (" + draft.getEventType()
                    + ") to " + recipient + ".\nThe relay refused it permanently: "
                    + Secrets.mask(failure.getMessage(), draft.getSecrets())
                    + "\nSubject: " + Secrets.mask(draft.getSubject(), draft.getSecrets())
                    + "\nPlease reach the member another way.", StandardCharsets.UTF_8.name());
            alert.saveChanges();
            smtp.send(alert);
            ledger.recordAlert(alertId, staff, alert.getMessageID(), draft.getLocationId(), Clock.systemUTC().instant());
            log.warn("Draft {} refused for {}: staff at {} alerted", draft.getDraftId(), recipient, staff);
        } catch (MessagingException | java.io.UnsupportedEncodingException | SmtpFailure e) {
            log.error("Draft {} refused for {} and the staff alert to {} failed too", draft.getDraftId(), recipient,
                    staff, e);
        }
    }

    /** Security mail and failed-payment alerts must reach someone. */
    static boolean critical(EmailDraft draft) {
        return draft.getCategory() == EmailCategory.SECURITY || "payment_failed".equals(draft.getEventType());
    }
}
