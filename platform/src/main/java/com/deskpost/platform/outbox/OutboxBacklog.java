package com.deskpost.platform.outbox;

import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What waits in a service's outbox: the rows not yet relayed and how long the oldest has waited. The
 * relay deletes a batch's rows once Kafka has them, so every row in the table is one still to go; every
 * instance reads the same table, so standbys report the same backlog as the elected relay.
 */
public class OutboxBacklog {

    private final JdbcTemplate jdbc;

    public OutboxBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param pending rows waiting @param oldest how long the oldest has waited (zero when none) */
    public record Backlog(long pending, Duration oldest) {
    }

    /** Reads the table now (PostgreSQL's clock on both sides of the age, so no clock skew enters it). */
    public Backlog read() {
        return jdbc.queryForObject("""
                select count(*), coalesce(extract(epoch from clock_timestamp() - min(created_at)), 0) from outbox
                """, (rs, n) -> new Backlog(rs.getLong(1), Duration.ofMillis(Math.max(0, (long) (rs.getDouble(2) * 1000)))));
    }
}
