package com.deskpost.oversight.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Failed sign-ins counted per account and per client address, in PostgreSQL ({@code login_failures})
 * so that every replica counts the same failures: N replicas behind a load balancer still allow
 * {@code max-failures}, not N times as many. Once either count has {@code max-failures} failures
 * within the window, attempts for that account or from that address are refused, without their
 * password being checked, until the window has passed since the last counted failure; a successful
 * sign-in clears the account's count. A row is forgotten a window after its last failure, and at
 * most {@code max-tracked} rows are kept (the oldest go first), so a flood of guessed names or
 * addresses cannot grow the table without bound.
 */
final class LoginThrottle {

    /** Longer account names are stored as their hash: an index entry has a size limit, an attacker's name none. */
    private static final int LONGEST_STORED_NAME = 200;

    private final int maxFailures;
    private final Duration window;
    private final long maxTracked;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    LoginThrottle(LoginThrottleProperties properties, JdbcTemplate jdbc, Clock clock) {
        this.maxFailures = properties.maxFailures();
        this.window = properties.window();
        this.maxTracked = properties.maxTracked();
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** How long until this account may try again from this address; empty if it may now. */
    Optional<Duration> refusal(String account, String address) {
        Instant now = clock.instant();
        return jdbc.query("select last_failure from login_failures where failures >= ? and last_failure > ?"
                        + " and ((kind = 'account' and subject = ?) or (kind = 'address' and subject = ?))",
                (row, n) -> row.getTimestamp(1).toInstant(), maxFailures, Timestamp.from(now.minus(window)),
                accountKey(account), address).stream()
                .map(last -> Duration.between(now, last.plus(window)))
                .filter(wait -> !wait.isNegative() && !wait.isZero())
                .max(Duration::compareTo);
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        count("account", accountKey(account), now);
        count("address", address, now);
    }

    void succeeded(String account) {
        jdbc.update("delete from login_failures where kind = 'account' and subject = ?", accountKey(account));
    }

    /** Forgets failures older than the window, then the oldest beyond max-tracked; every replica may run it. */
    @Scheduled(fixedDelay = 60_000, initialDelay = 60_000)
    void forgetOld() {
        jdbc.update("delete from login_failures where last_failure <= ?", Timestamp.from(clock.instant().minus(window)));
        jdbc.update("delete from login_failures where (kind, subject) in (select kind, subject from login_failures"
                + " order by last_failure desc offset ?)", maxTracked);
    }

    /** One more failure, atomically whichever replica counts it; a failure after a quiet window starts over at one. */
    private void count(String kind, String subject, Instant now) {
        jdbc.update("insert into login_failures (kind, subject, failures, last_failure) values (?, ?, 1, ?)"
                        + " on conflict (kind, subject) do update set failures = case when login_failures.last_failure < ?"
                        + " then 1 else login_failures.failures + 1 end, last_failure = excluded.last_failure",
                kind, subject, Timestamp.from(now), Timestamp.from(now.minus(window)));
    }

    /** User names are not case-sensitive: {@code OPS} and {@code ops} are one account. */
    static String accountKey(String account) {
        String key = account == null ? "" : account.toLowerCase(Locale.ROOT);
        return key.length() <= LONGEST_STORED_NAME ? key : "sha256:" + sha256(key);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
