package com.deskpost.community.feedback;

import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where bounce and complaint reports arrive.
 *
 * @param bounceDomain the domain of Deskpost's return paths (the envelope sender of every mail it sends): every mail
 *        to an address at it is read as a report; the SMTP listener is its MX
 */
@ConfigurationProperties("deskpost.feedback")
public record FeedbackProperties(String bounceDomain) {

    public FeedbackProperties {
        bounceDomain = bounceDomain == null || bounceDomain.isBlank() ? "bounce.deskpost.example"
                : bounceDomain.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether an address is at the bounce domain. */
    public boolean atBounceDomain(String address) {
        return address != null && address.strip().toLowerCase(Locale.ROOT).endsWith("@" + bounceDomain);
    }
}
