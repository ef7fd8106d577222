package com.deskpost.delivery.feedback;

import com.deskpost.platform.consent.ConsentGate.ComplaintStops;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * What the mail world's feedback does ({@code deskpost.feedback}).
 *
 * @param bounceDomain the domain of every mail's signed return path (MAIL FROM); its MX points at the inbound
 *     SMTP listener, where bounce reports come back
 * @param returnPathSecret the HMAC key that signs return paths; a development default outside the dev profile
 *     stops the start (DevelopmentSettingsGuard)
 * @param softBounce how many soft bounces within how long suppress an address
 * @param complaintStops what a complaint stops: {@code commercial} (a booking confirmation still goes) or
 *     {@code commercial-and-transactional}; security and access mail is never stopped by a complaint
 */
@ConfigurationProperties("deskpost.feedback")
public record FeedbackProperties(String bounceDomain, String returnPathSecret, SoftBounce softBounce,
        ComplaintStops complaintStops) {

    @ConstructorBinding
    public FeedbackProperties {
        bounceDomain = bounceDomain == null ? "bounce.deskpost.example" : bounceDomain;
        softBounce = softBounce == null ? new SoftBounce(null, null) : softBounce;
        complaintStops = complaintStops == null ? ComplaintStops.COMMERCIAL : complaintStops;
        if (returnPathSecret == null || returnPathSecret.isBlank()) {
            throw new IllegalArgumentException("deskpost.feedback.return-path-secret must be set: it signs return paths");
        }
    }

    /**
     * @param threshold soft bounces that suppress the address (tag {@code soft_bounced})
     * @param window counted within this long before the latest one
     */
    public record SoftBounce(Integer threshold, Duration window) {

        public SoftBounce {
            threshold = threshold == null ? 3 : threshold;
            window = window == null ? Duration.ofDays(7) : window;
            if (threshold < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("deskpost.feedback.soft-bounce needs threshold >= 1 and a positive window");
            }
        }
    }

    public ReturnPaths returnPaths() {
        return new ReturnPaths(bounceDomain, returnPathSecret);
    }
}
