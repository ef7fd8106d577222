package com.deskpost.platform.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.testsupport.Postgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Retention against a real PostgreSQL: old rows go in bounded batches, new and protected rows stay. */
class RetentionSweepIT {

    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private static final RetentionRule DECIDED = new RetentionRule("item", "decided_at", "status <> 'PENDING'",
            Duration.ofDays(45));

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private JdbcTemplate jdbc;

    @BeforeEach
    void database() {
        Postgres.Database db = Postgres.shared().createDatabase("retention");
        jdbc = new JdbcTemplate(new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password()));
        jdbc.execute("create table item (id text primary key, status text not null, decided_at timestamptz)");
        jdbc.execute("create index item_decided on item (decided_at) where status <> 'PENDING'");
    }

    @Test
    void rowsOlderThanTheRetentionGoInBatchesAndTheOthersStay() {
        // Given 25 rows decided 46 days ago, 5 decided 44 days ago, 3 pending since long ago and one never decided
        insert("old", 25, "APPROVED", NOW.minus(Duration.ofDays(46)));
        insert("recent", 5, "REJECTED", NOW.minus(Duration.ofDays(44)));
        insert("pending", 3, "PENDING", NOW.minus(Duration.ofDays(400)));
        jdbc.update("insert into item (id, status) values ('undated', 'EXPIRED')");
        RetentionSweep sweep = new RetentionSweep(jdbc, meters, 10, 2);

        // When a run may delete two batches of ten
        long first = sweep.sweep(DECIDED, NOW);

        // Then it deletes twenty of the old rows and leaves the rest for the next run
        assertThat(first).isEqualTo(20);
        assertThat(count("old%")).isEqualTo(5);

        // When the next run comes, and one more after it
        long second = sweep.sweep(List.of(DECIDED), NOW).get("item");
        long third = sweep.sweep(DECIDED, NOW);

        // Then every old row is gone, once, and the recent, pending and undated ones are all still there
        assertThat(second).isEqualTo(5);
        assertThat(third).isZero();
        assertThat(count("old%")).isZero();
        assertThat(count("recent%")).isEqualTo(5);
        assertThat(count("pending%")).isEqualTo(3);
        assertThat(count("undated")).isEqualTo(1);
        assertThat(meters.counter(RetentionSweep.DELETED, "table", "item").count()).isEqualTo(25);
    }

    @Test
    void twoReplicasSweepingAtOnceDeleteEachRowOnce() {
        // Given a backlog of 500 old rows and 10 recent ones
        insert("old", 500, "APPROVED", NOW.minus(Duration.ofDays(90)));
        insert("recent", 10, "APPROVED", NOW.minus(Duration.ofDays(1)));

        // When two replicas sweep it at the same time, in batches of 7
        RetentionSweep one = new RetentionSweep(jdbc, meters, 7, 1000);
        RetentionSweep other = new RetentionSweep(jdbc, meters, 7, 1000);
        CompletableFuture<Long> a = CompletableFuture.supplyAsync(() -> one.sweep(DECIDED, NOW));
        CompletableFuture<Long> b = CompletableFuture.supplyAsync(() -> other.sweep(DECIDED, NOW));

        // Then between them they deleted every old row exactly once, without an error, and kept the recent ones
        assertThat(a.join() + b.join()).isEqualTo(500);
        assertThat(count("old%")).isZero();
        assertThat(count("recent%")).isEqualTo(10);
        assertThat(meters.counter(RetentionSweep.DELETED, "table", "item").count()).isEqualTo(500);
    }

    @Test
    void aRuleNeedsAPlainTableNameAndAPositiveRetention() {
        assertThatThrownBy(() -> new RetentionRule("item; drop table item", "decided_at", "true", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DECIDED.keeping(Duration.ZERO)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new RetentionSweep(jdbc, meters, 0, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private void insert(String prefix, int rows, String status, Instant decidedAt) {
        for (int i = 0; i < rows; i++) {
            jdbc.update("insert into item (id, status, decided_at) values (?, ?, ?)", prefix + "-" + i, status,
                    Timestamp.from(decidedAt));
        }
    }

    private int count(String idLike) {
        return jdbc.queryForObject("select count(*) from item where id like ?", Integer.class, idLike);
    }
}
