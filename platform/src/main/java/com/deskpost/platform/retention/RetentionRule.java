package com.deskpost.platform.retention;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How long one table keeps its rows: a row that {@code condition} allows to go is deleted once its {@code timeColumn}
 * is older than {@code keep}. The feature that owns the table states its rule (table, time column, condition); the
 * service's settings give {@code keep}. The time column needs an index that carries the condition (a partial index
 * {@code on table (timeColumn) where condition}), so a sweep never reads the whole table.
 *
 * @param table the table, also the {@code table} tag of {@link RetentionSweep#DELETED}
 * @param timeColumn the {@code timestamptz} column a row's age is read from; a null value never expires
 * @param condition SQL predicate a row must also meet to go, e.g. {@code status <> 'PENDING'}; {@code true} for all
 * @param keep how long a row is kept after its time; positive
 */
public record RetentionRule(String table, String timeColumn, String condition, Duration keep) {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*");

    public RetentionRule {
        if (!IDENTIFIER.matcher(table).matches() || !IDENTIFIER.matcher(timeColumn).matches()) {
            throw new IllegalArgumentException("Retention needs a plain table and column name, not " + table + "."
                    + timeColumn);
        }
        if (keep == null || keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("Retention of " + table + " must be a positive duration, was " + keep);
        }
    }

    /**
     * One batch: at most {@code ?2} rows older than {@code ?1}. Rows another transaction holds (the same sweep on a
     * second replica, a writer) are skipped, not waited for, so replicas sweeping at once split the work and a batch
     * holds its row locks only for the one short statement.
     */
    public String deleteBatch() {
        return "delete from " + table + " where ctid = any (array(select ctid from " + table + " where " + timeColumn
                + " < ? and (" + condition + ") limit ? for update skip locked))";
    }

    /** The same rule with another retention. */
    public RetentionRule keeping(Duration other) {
        return new RetentionRule(table, timeColumn, condition, other);
    }
}
