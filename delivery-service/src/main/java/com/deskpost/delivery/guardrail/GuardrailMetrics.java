package com.deskpost.delivery.guardrail;

import com.deskpost.delivery.feedback.FeedbackApplied;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The guardrails as gauges (docs/observability.md), one series per domain this instance has sent from or to:
 * {@code deskpost.guardrails.complaint.rate}, {@code deskpost.guardrails.bounce.rate} and
 * {@code deskpost.guardrails.paused} per {@code sender_domain}, read from PostgreSQL at each scrape so every instance
 * reports the shared window; {@code deskpost.delivery.recipient.pace} (seconds between two mails, 0 when not slowed)
 * per {@code recipient_domain}, this instance's pace; and the counter {@code deskpost.guardrails.waits} of mails made
 * to wait, by {@code reason} ({@code paused}, {@code slowed}).
 */
@Component
class GuardrailMetrics {

    private static final Logger log = LoggerFactory.getLogger(GuardrailMetrics.class);

    private final MeterRegistry registry;
    private final SenderGuardrail senders;
    private final RecipientPace pace;
    private final Set<String> senderDomains = ConcurrentHashMap.newKeySet();
    private final Set<String> recipientDomains = ConcurrentHashMap.newKeySet();

    GuardrailMetrics(MeterRegistry registry, SenderGuardrail senders, RecipientPace pace) {
        this.registry = registry;
        this.senders = senders;
        this.pace = pace;
    }

    @EventListener
    void on(FeedbackApplied feedback) {
        senderSeen(SenderDomains.domainOf("@" + feedback.senderDomain()));
    }

    void senderSeen(String senderDomain) {
        if (!senderDomains.add(senderDomain)) {
            return;
        }
        gauge("deskpost.guardrails.complaint.rate", "Complaints per mail sent from the sender domain over the window",
                senderDomain, domain -> senders.window(domain).complaintRate());
        gauge("deskpost.guardrails.bounce.rate", "Hard bounces per mail sent from the sender domain over the window",
                senderDomain, domain -> senders.window(domain).bounceRate());
        gauge("deskpost.guardrails.paused", "1 while the sender domain's commercial mail is paused, else 0",
                senderDomain, domain -> senders.pause(domain).isPresent() ? 1 : 0);
    }

    /** A mail made to wait: {@code paused} (its sender domain) or {@code slowed} (its recipient domain). */
    void waited(String reason) {
        Counter.builder("deskpost.guardrails.waits").description("Mails the guardrails made wait for a later attempt")
                .tag("reason", reason).register(registry).increment();
    }

    void recipientSeen(String recipientDomain) {
        if (recipientDomains.add(recipientDomain)) {
            Gauge.builder("deskpost.delivery.recipient.pace", recipientDomain,
                            domain -> pace.interval(domain).toMillis() / 1000.0)
                    .description("Least seconds between two mails to the recipient domain (0: not slowed)")
                    .baseUnit("seconds").tag("recipient_domain", recipientDomain).register(registry);
        }
    }

    private void gauge(String name, String description, String senderDomain, ToDoubleFunction<String> value) {
        Gauge.builder(name, senderDomain, domain -> {
            try {
                return value.applyAsDouble(domain);
            } catch (RuntimeException databaseAway) {
                log.debug("Gauge {} of {} not read: {}", name, domain, databaseAway.toString());
                return Double.NaN; // Reported as absent for this scrape, not as a rate of 0.
            }
        }).description(description).tag("sender_domain", senderDomain).register(registry);
    }

}
