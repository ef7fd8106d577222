package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.ledger.DeliveryLedger.Kind;
import com.deskpost.delivery.location.LocationDirectory;
import com.deskpost.delivery.sending.MessageFactory;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.RejectedEvent;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;

/**
 * Delivers one released draft: to its recipient and, for monitored mail, a copy to the location's
 * staff. Per recipient, the ledger is asked first: a (draft, recipient) already accepted by the
 * SMTP server is skipped and audited {@code SKIPPED_DUPLICATE}, so replays never send twice.
 */
@Service
public class Deliverer {

    static final String ACTOR = "delivery-service";
    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final DeliveryLedger ledger;
    private final LocationDirectory locations;
    private final JavaMailSenderImpl smtp;
    private final AuditPublisher audit;
    private final MessageFactory messages = new MessageFactory();
    private final Clock clock = Clock.systemUTC();

    public Deliverer(DeliveryLedger ledger, LocationDirectory locations, JavaMailSenderImpl smtp, AuditPublisher audit) {
        this.ledger = ledger;
        this.locations = locations;
        this.smtp = smtp;
        this.audit = audit;
    }

    /** @param cause the input coordinates (topic-partition@offset), distinguishing one redelivery's audit from another's */
    public void deliver(OutboundEmail outbound, String cause) {
        EmailDraft draft = outbound.getDraft();
        Location location = locations.require(draft.getLocationId());
        send(draft, cause, Kind.PRIMARY, draft.getRecipient().getEmail(),
                () -> messages.primary(smtp.getSession(), draft, location), AuditType.SENT);
        String copyTo = outbound.getRelease().getCopyTo();
        if (copyTo != null) {
            send(draft, cause, Kind.COPY, copyTo,
                    () -> messages.copy(smtp.getSession(), draft, location, copyTo), AuditType.COPY_SENT);
        }
    }

    private void send(EmailDraft draft, String cause, Kind kind, String to, MessageSupplier build, AuditType sent) {
        String recipient = DraftIds.normaliseEmail(to);
        if (ledger.alreadySent(draft.getDraftId(), recipient)) {
            log.info("Draft {} already sent to {}: skipped", draft.getDraftId(), recipient);
            audit.publish(AuditEvents.of(draft, AuditType.SKIPPED_DUPLICATE, ACTOR).recipient(recipient)
                    .cause(cause).detail("Already sent: idempotency ledger has (draft, recipient)").build());
            return;
        }
        MimeMessage message;
        String messageId;
        try {
            message = build.get();
            messageId = message.getHeader("Message-ID", null);
        } catch (MessagingException e) {
            throw new RejectedEvent("Cannot build mail for draft " + draft.getDraftId() + " to " + recipient + ": "
                    + e.getMessage());
        }
        smtp.send(message);
        ledger.recordSent(draft.getDraftId(), recipient, kind, messageId, clock.instant());
        log.info("Draft {} sent to {} as {}", draft.getDraftId(), recipient, messageId);
        audit.publish(AuditEvents.of(draft, sent, ACTOR).recipient(recipient).messageId(messageId)
                .detail(kind == Kind.COPY ? "Staff notification copy accepted by SMTP server"
                        : "Accepted by SMTP server")
                .build());
    }

    @FunctionalInterface
    private interface MessageSupplier {
        MimeMessage get() throws MessagingException;
    }
}
