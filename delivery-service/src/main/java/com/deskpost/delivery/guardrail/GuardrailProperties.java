package com.deskpost.delivery.guardrail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.context.annotation.Configuration;

/**
 * The deliverability guardrails' settings ({@code deskpost.guardrails.*}, README's configuration table).
 *
 * @param window how far back a sender domain's rates look (default 7 days)
 * @param bucket the granularity the window's counts are kept in (default 1 hour): the window slides by whole buckets
 * @param minimumSent the fewest mails sent in the window before a rate can pause anything (default 200): below it
 *     one complaint is already more than 0.1 %, so a small location would pause on its first complaint
 * @param complaintRate complaints per mail sent above which commercial mail pauses (default 0.001, 0.1 %: the rate
 *     Gmail's and Yahoo's sender guidelines tell bulk senders to stay under; 0.3 % is where they start refusing)
 * @param bounceRate hard bounces per mail sent above which commercial mail pauses (default 0.05, 5 %)
 * @param pace how sending to one recipient domain slows down after it answers 421 or 4.7.x
 */
@ConfigurationProperties("deskpost.guardrails")
public record GuardrailProperties(Duration window, Duration bucket, Integer minimumSent, Double complaintRate,
        Double bounceRate, Pace pace) {

    @ConstructorBinding
    public GuardrailProperties {
        window = window == null ? Duration.ofDays(7) : window;
        bucket = bucket == null ? Duration.ofHours(1) : bucket;
        minimumSent = minimumSent == null ? 200 : minimumSent;
        complaintRate = complaintRate == null ? 0.001 : complaintRate;
        bounceRate = bounceRate == null ? 0.05 : bounceRate;
        pace = pace == null ? new Pace(null, null) : pace;
        if (bucket.isZero() || bucket.isNegative() || window.compareTo(bucket) < 0) {
            throw new IllegalArgumentException("deskpost.guardrails.bucket must be positive and no longer than"
                    + " deskpost.guardrails.window (bucket " + bucket + ", window " + window + ")");
        }
    }

    /** The thresholds, as the plain rule takes them. */
    SenderThresholds thresholds() {
        return new SenderThresholds(minimumSent, complaintRate, bounceRate);
    }

    /**
     * @param initial the pause between two mails to a domain after its first 421 / 4.7.x (default 5 s); each further
     *     one doubles it, each accepted mail halves it, and below {@code initial} it is gone
     * @param max the longest pause between two mails to one domain (default 15 min)
     */
    public record Pace(Duration initial, Duration max) {

        @ConstructorBinding
        public Pace {
            initial = initial == null ? Duration.ofSeconds(5) : initial;
            max = max == null ? Duration.ofMinutes(15) : max;
        }
    }

    /** Registers the settings. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(GuardrailProperties.class)
    static class Registration {
    }
}
