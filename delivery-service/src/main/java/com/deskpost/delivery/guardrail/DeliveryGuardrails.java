package com.deskpost.delivery.guardrail;

import com.deskpost.delivery.sending.SmtpFailure;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The guardrails as the send path meets them, just before and after a message goes to the relay. A mail that must
 * wait, commercial mail of a paused sender domain or any mail to a slowed recipient domain, fails transiently
 * ({@link SmtpFailure.Transient}, nothing sent): the outbound retry topics keep it and try it again later, within the
 * retry horizon, so a waiting mail blocks no listener thread and no other domain's mail, and is never lost.
 * Transactional and security mail (and staff copies) are never paused.
 */
@Component
public class DeliveryGuardrails {

    private static final Logger log = LoggerFactory.getLogger(DeliveryGuardrails.class);

    private final SenderGuardrail senders;
    private final RecipientPace pace;
    private final GuardrailMetrics metrics;

    DeliveryGuardrails(SenderGuardrail senders, RecipientPace pace, GuardrailMetrics metrics) {
        this.senders = senders;
        this.pace = pace;
        this.metrics = metrics;
    }

    /**
     * @param primary the draft's own recipient (false: a staff copy, which is never commercial)
     * @throws SmtpFailure.Transient when the mail must wait: retried later by the retry topics
     */
    public void admit(EmailDraft draft, Location location, boolean primary, String recipient) {
        String senderDomain = SenderDomains.of(location);
        metrics.senderSeen(senderDomain);
        if (primary && draft.getCategory() == EmailCategory.COMMERCIAL) {
            senders.pause(senderDomain).ifPresent(pause -> {
                metrics.waited("paused");
                throw new SmtpFailure.Transient("Not sent yet: commercial mail from " + senderDomain
                        + " is paused since " + pause.pausedAt() + " (" + pause.reason() + "); it waits until"
                        + " resumed (POST /api/v1/sender-domains/" + senderDomain + "/resume)", -1, null);
            });
        }
        String recipientDomain = SenderDomains.domainOf(recipient);
        metrics.recipientSeen(recipientDomain);
        Optional<Duration> wait = pace.take(recipientDomain, Clock.systemUTC().instant());
        if (wait.isPresent()) {
            metrics.waited("slowed");
            throw new SmtpFailure.Transient("Not sent yet: " + recipientDomain + " asked us to slow down (421 or"
                    + " 4.7.x); the next mail to it may go in " + wait.get().toMillis() + " ms", -1, null);
        }
    }

    /** The relay accepted a mail to the recipient: that domain's slow-down eases. */
    public void accepted(String recipient) {
        pace.accepted(SenderDomains.domainOf(recipient));
    }

    /** The relay refused a mail to the recipient: a 421 or 4.7.x slows sending to that domain only. */
    public void refused(String recipient, SmtpFailure failure) {
        if (RecipientPace.asksToSlowDown(failure.replyCode(), failure.getMessage())) {
            String domain = SenderDomains.domainOf(recipient);
            Instant now = Clock.systemUTC().instant();
            pace.slowDown(domain, now);
            log.warn("{} asked us to slow down ({}): at least {} between mails to it now", domain,
                    failure.getMessage(), pace.interval(domain));
        }
    }

    /** Counts a mail the relay accepted for the sender domain's rates; in the ledger row's transaction. */
    public void sent(Location location, boolean primary) {
        if (primary) {
            senders.sent(SenderDomains.of(location));
        }
    }
}
