package com.deskpost.delivery.archive;

import com.deskpost.events.EmailCategory;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * How long the sent-mail archive keeps a message after it was sent, per category
 * ({@code deskpost.delivery.archive.retention.*}); the retention job deletes it then, row and content. The audit row
 * keeps its hash for ever, so a copy produced later can still be proven to be (or not be) what was sent.
 *
 * @param retention per category
 */
@ConfigurationProperties("deskpost.delivery.archive")
public record ArchiveProperties(Retention retention) {

    public ArchiveProperties {
        retention = retention == null ? new Retention(null, null, null) : retention;
    }

    /**
     * @param transactional booking, billing and inquiry mail: 6 years by default, the time copies of sent business
     *     letters are kept (German HGB §257, UK HMRC records) and the limitation period of contract claims (England
     *     and Wales, Limitation Act 1980 s.5), so a billing dispute can be answered for as long as it can be raised
     * @param security access and incident mail: 3 years by default, the general limitation period (German BGB §195)
     *     within which an incident or access dispute is raised
     * @param commercial community and promotional mail: 1 year by default; it carries no contractual weight, and a
     *     year answers a complaint about a mailing (its content, its unsubscribe link), so data minimisation
     *     (GDPR art. 5(1)(e)) keeps it short
     */
    public record Retention(Duration transactional, Duration security, Duration commercial) {

        public Retention {
            transactional = positive("transactional", transactional, Duration.ofDays(2192));
            security = positive("security", security, Duration.ofDays(1096));
            commercial = positive("commercial", commercial, Duration.ofDays(365));
        }

        /** How long mail of this category is kept. */
        public Duration of(EmailCategory category) {
            return switch (category) {
                case TRANSACTIONAL -> transactional;
                case SECURITY -> security;
                case COMMERCIAL -> commercial;
            };
        }

        private static Duration positive(String setting, Duration keep, Duration otherwise) {
            Duration value = keep == null ? otherwise : keep;
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("deskpost.delivery.archive.retention." + setting
                        + " must be a positive duration, was " + value);
            }
            return value;
        }
    }

    /** Registers the settings. */
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ArchiveProperties.class)
    static class Registration {
    }
}
