package com.deskpost.oversight.retention;

import com.deskpost.oversight.digest.CopyDigest;
import com.deskpost.oversight.queue.HoldQueue;
import com.deskpost.platform.retention.RetentionRule;
import com.deskpost.platform.retention.RetentionSweep;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes decided drafts and digest entries once their retention has passed ({@link OversightRetention}); pending
 * drafts and undigested entries of the last hour are never touched. Every replica runs it; they split the work.
 */
@Component
@EnableConfigurationProperties(OversightRetention.class)
class RetentionJob {

    private final RetentionSweep sweep;
    private final List<RetentionRule> rules;
    private final boolean enabled;

    RetentionJob(JdbcTemplate jdbc, MeterRegistry meters, OversightRetention settings) {
        this.sweep = new RetentionSweep(jdbc, meters, settings.batchSize(), settings.maxBatches());
        this.rules = List.of(HoldQueue.retention(settings.decidedDrafts()),
                CopyDigest.retention(settings.digestEntries()));
        this.enabled = settings.enabled();
    }

    @Scheduled(fixedDelayString = "${deskpost.oversight.retention.interval:1h}", initialDelayString = "1m")
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
