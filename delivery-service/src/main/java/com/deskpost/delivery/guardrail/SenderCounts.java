package com.deskpost.delivery.guardrail;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sender domains' counts in PostgreSQL ({@code sender_domain_count}), one row per domain and bucket, so the
 * window survives a restart and every delivery instance counts into the same window. Each count is an upsert of its
 * bucket's row, in the caller's transaction when there is one (a mail's SENT count commits with its ledger row).
 */
@Component
class SenderCounts {

    enum Column {
        SENT("sent"), HARD_BOUNCES("hard_bounces"), COMPLAINTS("complaints");

        private final String name;

        Column(String name) {
            this.name = name;
        }
    }

    static final String WINDOW = """
            select coalesce(sum(sent), 0), coalesce(sum(hard_bounces), 0), coalesce(sum(complaints), 0)
              from sender_domain_count where sender_domain = ? and bucket_start >= ?""";
    static final String RESTART = "delete from sender_domain_count where sender_domain = ?";
    static final String DROP_EXPIRED = "delete from sender_domain_count where bucket_start < ?";

    private final JdbcTemplate jdbc;
    private final Buckets buckets;

    SenderCounts(JdbcTemplate jdbc, GuardrailProperties properties) {
        this.jdbc = jdbc;
        this.buckets = new Buckets(properties.window(), properties.bucket());
    }

    void add(String senderDomain, Column column, Instant at) {
        // column.name is one of three constants, never input.
        jdbc.update("insert into sender_domain_count (sender_domain, bucket_start, " + column.name + ") values (?, ?, 1)"
                + " on conflict (sender_domain, bucket_start) do update set " + column.name + " = sender_domain_count."
                + column.name + " + 1", senderDomain, Timestamp.from(buckets.bucketOf(at)));
    }

    /** The domain's counts over the window at {@code now}. */
    WindowCounts window(String senderDomain, Instant now) {
        return jdbc.queryForObject(WINDOW,
                (rs, n) -> new WindowCounts(rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                senderDomain, Timestamp.from(buckets.windowStart(now)));
    }

    /** Forgets the domain's counts: after a resume its window starts again from nothing. */
    void restart(String senderDomain) {
        jdbc.update(RESTART, senderDomain);
    }

    /** Drops buckets that left the window of every domain, so the table stays the window's size. */
    int dropExpired(Instant now) {
        return jdbc.update(DROP_EXPIRED, Timestamp.from(buckets.windowStart(now)));
    }
}
