package com.deskpost.delivery.guardrail;

import com.deskpost.platform.feedback.EnhancedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How fast one recipient domain may be sent to. A receiving domain that answers {@code 421} (service not available,
 * closing: the classic "slow down") or a {@code 4.7.x} enhanced status (RFC 3463: a transient policy refusal, how
 * Gmail, Yahoo and Microsoft say "rate limited, try later") is telling us that domain wants less, not that our relay
 * is down: from then on mails to that domain only keep a minimum interval, which doubles on each further such reply
 * (up to {@code max}) and halves on each mail the domain accepts (gone once under {@code initial}). Every other
 * domain's mail is untouched. Plain Java, one instance per delivery process: the slow-down is what this process
 * learned; another instance learns it from its own replies.
 */
final class RecipientPace {

    private record Slowed(Duration interval, Instant next) {
    }

    private final Duration initial;
    private final Duration max;
    private final Map<String, Slowed> domains = new ConcurrentHashMap<>();

    RecipientPace(Duration initial, Duration max) {
        this.initial = initial;
        this.max = max;
    }

    /** Whether a reply asks us to slow down: 421, or a 4.7.x enhanced status code in its text. */
    static boolean asksToSlowDown(int replyCode, String reply) {
        if (replyCode == 421) {
            return true;
        }
        if (replyCode >= 500 || reply == null) {
            return false;
        }
        Optional<EnhancedStatus> status = EnhancedStatus.find(reply);
        return status.isPresent() && status.get().transientFailure() && status.get().subject() == 7;
    }

    /**
     * Takes the domain's next sending slot when it is due, else says how long until it is.
     *
     * @return empty when a mail to the domain may go now (its slot taken), else the wait left
     */
    Optional<Duration> take(String domain, Instant now) {
        Duration[] wait = {null};
        domains.computeIfPresent(domain, (name, slowed) -> {
            if (now.isBefore(slowed.next())) {
                wait[0] = Duration.between(now, slowed.next());
                return slowed;
            }
            return new Slowed(slowed.interval(), now.plus(slowed.interval()));
        });
        return Optional.ofNullable(wait[0]);
    }

    /** The domain asked us to slow down: its interval grows (the first time: {@code initial}). */
    void slowDown(String domain, Instant now) {
        domains.compute(domain, (name, slowed) -> {
            Duration interval = slowed == null ? initial : min(slowed.interval().multipliedBy(2), max);
            return new Slowed(interval, now.plus(interval));
        });
    }

    /** The domain accepted a mail: its interval shrinks, and goes once below {@code initial}. */
    void accepted(String domain) {
        domains.computeIfPresent(domain, (name, slowed) -> {
            Duration interval = slowed.interval().dividedBy(2);
            return interval.compareTo(initial) < 0 ? null : new Slowed(interval, slowed.next());
        });
    }

    /** The minimum interval between two mails to the domain now; zero when it is not slowed. */
    Duration interval(String domain) {
        Slowed slowed = domains.get(domain);
        return slowed == null ? Duration.ZERO : slowed.interval();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
