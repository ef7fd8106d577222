package com.deskpost.oversight.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.testsupport.Postgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The login throttle on oversight's real, migrated database: its rules, and that replicas
 * sharing the database share the counts (each test has a database of its own).
 */
class SharedLoginThrottleIT {

    private static final LoginThrottleProperties FIVE_IN_FIFTEEN_MINUTES =
            new LoginThrottleProperties(5, Duration.ofMinutes(15), 1000);

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-04T09:00:00Z"));
    private final JdbcTemplate jdbc = migratedDatabase();
    private final LoginThrottle throttle = new LoginThrottle(FIVE_IN_FIFTEEN_MINUTES, jdbc, clock);

    @Test
    void fiveFailuresRefuseTheAccountFromAnyAddressAndTheAddressForAnyAccount() {
        // Given five failed sign-ins as ops from one address, a minute apart
        for (int n = 0; n < 5; n++) {
            assertThat(throttle.refusal("ops", "10.0.0.1")).as("attempt " + (n + 1)).isEmpty();
            throttle.failed("ops", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }

        // Then the account is refused from another address, and the address for another account,
        // for a window after the last failure
        assertThat(throttle.refusal("OPS", "10.0.0.2")).contains(Duration.ofMinutes(14));
        assertThat(throttle.refusal("someone-else", "10.0.0.1")).contains(Duration.ofMinutes(14));
        assertThat(throttle.refusal("someone-else", "10.0.0.2")).isEmpty();
    }

    @Test
    void onceTheWindowHasPassedAttemptsAreAllowedAgain() {
        for (int n = 0; n < 5; n++) {
            throttle.failed("ops", "10.0.0.1");
        }
        assertThat(throttle.refusal("ops", "10.0.0.1")).isPresent();

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(throttle.refusal("ops", "10.0.0.1")).isEmpty();
    }

    @Test
    void aSuccessClearsTheAccountsCountButNotTheAddresses() {
        // Given four failures, a success, then four more failures of the account from two addresses
        for (int n = 0; n < 4; n++) {
            throttle.failed("ops", "10.0.0.1");
        }
        throttle.succeeded("ops");
        for (int n = 0; n < 4; n++) {
            throttle.failed("ops", "10.0.0.2");
        }

        // Then the account is not refused (four since the success), and the first address counts on
        assertThat(throttle.refusal("ops", "10.0.0.3")).isEmpty();
        throttle.failed("other", "10.0.0.1");
        assertThat(throttle.refusal("other-again", "10.0.0.1")).isPresent();
    }

    @Test
    void failuresOlderThanTheWindowDoNotAddUp() {
        for (int n = 0; n < 4; n++) {
            throttle.failed("ops", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(16));

        throttle.failed("ops", "10.0.0.1");

        assertThat(throttle.refusal("ops", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresCountedByOneReplicaRefuseSignInOnAnother() {
        // Given two replicas on one database, and failures that alternate between them, as a load balancer sends them
        LoginThrottle otherReplica = new LoginThrottle(FIVE_IN_FIFTEEN_MINUTES, jdbc, clock);
        for (int n = 0; n < 5; n++) {
            (n % 2 == 0 ? throttle : otherReplica).failed("ops", "10.0.0." + (n + 1));
        }

        // Then five failures count, whichever replica saw them: both refuse the account
        assertThat(throttle.refusal("ops", "10.0.0.9")).isPresent();
        assertThat(otherReplica.refusal("ops", "10.0.0.9")).isPresent();

        // And a success on one clears the account's count for both
        otherReplica.succeeded("ops");
        assertThat(throttle.refusal("ops", "10.0.0.9")).isEmpty();
    }

    @Test
    void oldFailuresAreForgottenAndAtMostMaxTrackedAreKept() {
        // Given failures as twelve accounts from one address, a minute apart, then one quiet window
        LoginThrottle smallTable = new LoginThrottle(new LoginThrottleProperties(5, Duration.ofMinutes(15), 10), jdbc,
                clock);
        for (int n = 0; n < 12; n++) {
            smallTable.failed("guess-" + n, "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(rows()).isEqualTo(13);

        // When the clean-up runs, it keeps the newest max-tracked rows
        smallTable.forgetOld();
        assertThat(rows()).isEqualTo(10);
        assertThat(jdbc.queryForObject("select count(*) from login_failures where subject = 'guess-0'", Long.class))
                .isZero();

        // And once a window has passed since the last failure, it keeps none
        clock.advance(Duration.ofMinutes(15));
        smallTable.forgetOld();
        assertThat(rows()).isZero();
    }

    @Test
    void anAccountNameTooLongToIndexIsCountedByItsHash() {
        String longName = "x".repeat(5_000);
        for (int n = 0; n < 5; n++) {
            throttle.failed(longName, "10.0.0." + (n + 1));
        }

        assertThat(throttle.refusal(longName.toUpperCase(Locale.ROOT), "10.0.0.9")).isPresent();
        assertThat(jdbc.queryForObject("select max(length(subject)) from login_failures", Integer.class))
                .isLessThan(100);
    }

    private long rows() {
        return jdbc.queryForObject("select count(*) from login_failures", Long.class);
    }

    private static JdbcTemplate migratedDatabase() {
        Postgres.Database db = Postgres.shared().createDatabase("login_throttle");
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/oversight").load().migrate();
        return new JdbcTemplate(dataSource);
    }

    /** A clock the test moves; the throttle's counts expire by it too. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
