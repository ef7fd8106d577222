package com.deskpost.delivery.retention;

import com.deskpost.delivery.archive.ArchiveProperties;
import com.deskpost.delivery.archive.SentArchive;
import com.deskpost.delivery.feedback.FeedbackHistory;
import com.deskpost.delivery.ledger.DeliveryLedger;
import com.deskpost.delivery.outbound.StaffAlerts;
import com.deskpost.platform.retention.RetentionRule;
import com.deskpost.platform.retention.RetentionSweep;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes ledger rows, lapsed claims, feedback reports, sent staff alerts and archived messages (per category,
 * {@link ArchiveProperties}) once their retention has passed ({@link DeliveryRetention}); each feature states the rule
 * for its own table. Unsent alerts and live claims are
 * never touched. Every replica runs it; they split the work. Consent tags are never deleted (they are the consent
 * record), nor are paused sender domains (a resume deletes them); the guardrails drop their own old counts.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(DeliveryRetention.class)
class RetentionJob {

    private final RetentionSweep sweep;
    private final List<RetentionRule> rules;
    private final boolean enabled;

    RetentionJob(JdbcTemplate jdbc, MeterRegistry meters, DeliveryRetention settings, ArchiveProperties archive) {
        this.sweep = new RetentionSweep(jdbc, meters, settings.batchSize(), settings.maxBatches());
        List<RetentionRule> all = new ArrayList<>(List.of(DeliveryLedger.retention(settings.ledger()),
                DeliveryLedger.claimRetention(settings.claims()), FeedbackHistory.retention(settings.feedback()),
                StaffAlerts.retention(settings.staffAlerts())));
        all.addAll(SentArchive.retention(archive.retention()));
        this.rules = List.copyOf(all);
        this.enabled = settings.enabled();
    }

    @Scheduled(fixedDelayString = "${deskpost.delivery.retention.interval:1h}", initialDelayString = "1m")
    void run() {
        if (enabled) {
            sweepAt(Clock.systemUTC().instant());
        }
    }

    /** @return rows deleted per table */
    Map<String, Long> sweepAt(Instant now) {
        return sweep.sweep(rules, now);
    }
}
