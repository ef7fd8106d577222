package com.deskpost.platform.retention;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deletes what the {@link RetentionRule}s no longer keep, in batches of {@code batchSize} rows, each batch a
 * transaction of its own (call it outside a transaction), so a large backlog never holds many locks for long; at
 * most {@code maxBatches} per table and run, so one run cannot occupy its scheduler thread for long either: the
 * rest goes on the next run. Two replicas may sweep at once: each batch skips the rows the other holds, and a
 * delete of rows already gone deletes nothing. Rows deleted are counted per table ({@link #DELETED}).
 */
public final class RetentionSweep {

    /** Rows deleted by retention, tagged {@code table}: {@code deskpost_retention_deleted_rows_total} in Prometheus. */
    public static final String DELETED = "deskpost.retention.deleted.rows";

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final int batchSize;
    private final int maxBatches;

    public RetentionSweep(JdbcTemplate jdbc, MeterRegistry meters, int batchSize, int maxBatches) {
        if (batchSize < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("Retention batches need a size and a count of at least 1, not "
                    + batchSize + " and " + maxBatches);
        }
        this.jdbc = jdbc;
        this.meters = meters;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    /**
     * Sweeps every rule as of {@code now}; a table that fails is logged and the others are still swept. Rules of one
     * table (one per category, say) add up under its name.
     */
    public Map<String, Long> sweep(List<RetentionRule> rules, Instant now) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            try {
                deleted.merge(rule.table(), sweep(rule, now), Long::sum);
            } catch (RuntimeException e) {
                log.warn("Retention of {} failed this run; it is tried again at the next", rule.table(), e);
            }
        }
        return deleted;
    }

    /** @return the rows of the rule's table deleted as of {@code now} */
    public long sweep(RetentionRule rule, Instant now) {
        Timestamp cutoff = Timestamp.from(now.minus(rule.keep()));
        String sql = rule.deleteBatch();
        long deleted = 0;
        for (int batch = 1; batch <= maxBatches; batch++) {
            int rows = jdbc.update(sql, cutoff, batchSize);
            deleted += rows;
            meters.counter(DELETED, "table", rule.table()).increment(rows);
            if (rows < batchSize) {
                log.debug("Retention of {}: {} rows older than {} deleted", rule.table(), deleted, cutoff.toInstant());
                return deleted;
            }
        }
        log.info("Retention of {}: {} rows older than {} deleted, more left for the next run", rule.table(), deleted,
                cutoff.toInstant());
        return deleted;
    }
}
