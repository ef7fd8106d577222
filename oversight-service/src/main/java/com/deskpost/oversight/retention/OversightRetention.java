package com.deskpost.oversight.retention;

import com.deskpost.platform.topic.Topic;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long oversight keeps what is done with ({@code deskpost.oversight.retention}).
 *
 * @param enabled whether the job deletes anything; off keeps every row for ever
 * @param interval how often the job runs (it first runs a minute after start)
 * @param batchSize rows deleted per statement, each its own short transaction
 * @param maxBatches batches per table and run; what is left goes on the next run
 * @param decidedDrafts how long a decided draft's row (its decision, without the mail) is kept after the decision;
 *     at least the dead-letter retention, since until then a redriven or replayed copy of the draft must find its
 *     decision instead of being held again
 * @param digestEntries how long a monitored mail's digest entry is kept after its release
 */
@ConfigurationProperties("deskpost.oversight.retention")
public record OversightRetention(Boolean enabled, Duration interval, Integer batchSize, Integer maxBatches,
        Duration decidedDrafts, Duration digestEntries) {

    public OversightRetention {
        enabled = enabled == null || enabled;
        interval = interval == null ? Duration.ofHours(1) : interval;
        batchSize = batchSize == null ? 1000 : batchSize;
        maxBatches = maxBatches == null ? 100 : maxBatches;
        decidedDrafts = decidedDrafts == null ? Duration.ofDays(45) : decidedDrafts;
        digestEntries = digestEntries == null ? Duration.ofDays(45) : digestEntries;
        if (decidedDrafts.compareTo(Topic.DEAD_LETTER_RETENTION) <= 0) {
            throw new IllegalArgumentException("deskpost.oversight.retention.decided-drafts must be longer than the "
                    + Topic.DEAD_LETTER_RETENTION.toDays() + " days dead letters are kept, was " + decidedDrafts
                    + ": a draft redriven after its row was deleted would be held for a decision again");
        }
    }
}
