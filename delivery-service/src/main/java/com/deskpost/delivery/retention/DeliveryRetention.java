package com.deskpost.delivery.retention;

import com.deskpost.platform.topic.Topic;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long delivery keeps what is done with ({@code deskpost.delivery.retention}). The ledger, feedback reports and
 * staff alerts are each their record's "already done?": each must outlive the dead letters (kept
 * {@link Topic#DEAD_LETTER_RETENTION}), or a redriven record finds no row and is done again; shorter is refused.
 *
 * @param enabled whether the job deletes anything; off keeps every row for ever
 * @param interval how often the job runs (it first runs a minute after start)
 * @param batchSize rows deleted per statement, each its own short transaction
 * @param maxBatches batches per table and run; what is left goes on the next run
 * @param ledger how long a sent mail's ledger row is kept after the send
 * @param claims how long a lapsed claim is kept after its lease ended
 * @param feedback how long an applied bounce or complaint report is kept
 * @param staffAlerts how long a sent staff alert is kept after it was sent
 */
@ConfigurationProperties("deskpost.delivery.retention")
public record DeliveryRetention(Boolean enabled, Duration interval, Integer batchSize, Integer maxBatches,
        Duration ledger, Duration claims, Duration feedback, Duration staffAlerts) {

    public DeliveryRetention {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 1000 : batchSize;
        maxBatches = maxBatches == null ? 100 : maxBatches;
        ledger = outlivingDeadLetters("ledger", ledger == null ? Duration.ofDays(45) : ledger,
                "a redriven mail would be sent again");
        claims = claims == null ? Duration.ofDays(1) : claims;
        feedback = outlivingDeadLetters("feedback", feedback == null ? Duration.ofDays(180) : feedback,
                "a redriven report would be counted again");
        staffAlerts = outlivingDeadLetters("staff-alerts", staffAlerts == null ? Duration.ofDays(45) : staffAlerts,
                "a redriven dead letter would alert staff again");
    }

    private static Duration outlivingDeadLetters(String setting, Duration keep, String otherwise) {
        if (keep.compareTo(Topic.DEAD_LETTER_RETENTION) <= 0) {
            throw new IllegalArgumentException("deskpost.delivery.retention." + setting + " must be longer than the "
                    + Topic.DEAD_LETTER_RETENTION.toDays() + " days dead letters are kept, was " + keep + ": "
                    + otherwise);
        }
        return keep;
    }
}
