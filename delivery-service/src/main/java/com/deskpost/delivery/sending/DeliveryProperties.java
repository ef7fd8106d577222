package com.deskpost.delivery.sending;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery settings beyond the SMTP relay itself (which is {@code spring.mail.*}).
 *
 * @param ratePerSecond most messages per second the relay accepts from us (the provider's limit)
 * @param smtpIdleTimeout reconnect before sending when the kept connection has been idle this long
 * @param publicBaseUrl where members reach the one-click unsubscribe endpoint, e.g. https://mail.example.com
 * @param unsubscribeSecret key that signs unsubscribe links, so nobody can unsubscribe someone else
 * @param idempotencyLedger whether the ledger decides "already sent?"; off only to measure what it costs (bench):
 *     without it a replay or redelivery sends again
 */
@ConfigurationProperties("deskpost.delivery")
public record DeliveryProperties(Integer ratePerSecond, Duration smtpIdleTimeout, String publicBaseUrl,
        String unsubscribeSecret, Boolean idempotencyLedger) {

    public DeliveryProperties {
        ratePerSecond = ratePerSecond == null ? 100 : ratePerSecond;
        smtpIdleTimeout = smtpIdleTimeout == null ? Duration.ofSeconds(20) : smtpIdleTimeout;
        publicBaseUrl = publicBaseUrl == null ? "http://localhost:8085" : publicBaseUrl;
        idempotencyLedger = idempotencyLedger == null || idempotencyLedger;
        if (unsubscribeSecret == null || unsubscribeSecret.isBlank()) {
            throw new IllegalArgumentException("deskpost.delivery.unsubscribe-secret must be set: it signs unsubscribe links");
        }
    }
}
