package com.deskpost.oversight.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Failed sign-ins counted per account and per client address. Once either has
 * {@code max-failures} failures within the window, attempts for that account or from that address
 * are refused, without their password being checked, until the window has passed since the last
 * counted failure; a successful sign-in clears the account's count. Both tables forget an entry a
 * window after its last failure and hold at most {@code max-tracked} entries, so a flood of guessed
 * names or addresses cannot exhaust memory.
 */
final class LoginThrottle {

    private final int maxFailures;
    private final Duration window;
    private final Clock clock;
    private final Cache<String, Failures> accounts;
    private final Cache<String, Failures> addresses;

    LoginThrottle(LoginThrottleProperties properties, Clock clock) {
        this.maxFailures = properties.maxFailures();
        this.window = properties.window();
        this.clock = clock;
        this.accounts = table(properties, clock);
        this.addresses = table(properties, clock);
    }

    private static Cache<String, Failures> table(LoginThrottleProperties properties, Clock clock) {
        return Caffeine.newBuilder().expireAfterWrite(properties.window()).maximumSize(properties.maxTracked())
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis())).build();
    }

    /** How long until this account may try again from this address; empty if it may now. */
    Optional<Duration> refusal(String account, String address) {
        Instant now = clock.instant();
        return Stream.of(accounts.getIfPresent(accountKey(account)), addresses.getIfPresent(address))
                .filter(failures -> failures != null && failures.count() >= maxFailures)
                .map(failures -> Duration.between(now, failures.last().plus(window)))
                .filter(wait -> !wait.isNegative() && !wait.isZero())
                .max(Duration::compareTo);
    }

    void failed(String account, String address) {
        Instant now = clock.instant();
        accounts.asMap().merge(accountKey(account), new Failures(1, now), (old, one) -> old.plusOne(now, window));
        addresses.asMap().merge(address, new Failures(1, now), (old, one) -> old.plusOne(now, window));
    }

    void succeeded(String account) {
        accounts.invalidate(accountKey(account));
    }

    /** User names are not case-sensitive: {@code OPS} and {@code ops} are one account. */
    private static String accountKey(String account) {
        return account == null ? "" : account.toLowerCase(Locale.ROOT);
    }

    private record Failures(int count, Instant last) {

        Failures plusOne(Instant now, Duration window) {
            return now.isAfter(last.plus(window)) ? new Failures(1, now) : new Failures(count + 1, now);
        }
    }
}
