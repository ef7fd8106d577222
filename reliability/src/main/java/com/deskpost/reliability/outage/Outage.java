package com.deskpost.reliability.outage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One outage the scenario caused and what it cost: when the component went away and came back, how long the
 * mail published before its return took to arrive, which services' health said they were waiting.
 *
 * @param component {@code postgres}, {@code registry}, {@code broker} or {@code relay}
 * @param down when it went away
 * @param up when it answered again
 * @param recovery from {@code up} until the last booking mail published before {@code up} reached the sink;
 *        null when that did not happen within the recovery limit
 * @param mailsWhileDown messages the sink accepted while it was away
 * @param notHealthy services whose health check failed halfway through it
 */
public record Outage(String component, Instant down, Instant up, Duration recovery, long mailsWhileDown,
        List<String> notHealthy) {

    /** How long after the first 250 a lost ledger commit can still let a mail be sent again (see {@link #explain}). */
    static final Duration LEDGER_WINDOW_BEFORE_STOP = Duration.ofSeconds(5);

    public Outage {
        notHealthy = List.copyOf(notHealthy);
    }

    public Duration length() {
        return Duration.between(down, up);
    }

    /**
     * The recovery time: from the component's return until every booking mail published before it had arrived,
     * i.e. the latest first acceptance among them (0 when all had arrived before the return).
     */
    static Duration recovery(Instant up, Map<String, Long> publishedAt, Map<String, List<Long>> accepted) {
        long latest = up.toEpochMilli();
        for (var entry : publishedAt.entrySet()) {
            if (entry.getValue() <= up.toEpochMilli()) {
                List<Long> times = accepted.get(entry.getKey());
                if (times == null || times.isEmpty()) {
                    return null;
                }
                latest = Math.max(latest, times.get(0));
            }
        }
        return Duration.ofMillis(latest - up.toEpochMilli());
    }

    /**
     * Why a Message-ID was accepted more than once. The one window the design leaves (README, "The duplicate
     * window"): PostgreSQL went away between the relay's {@code 250} and the commit of the ledger row, so the
     * record was retried after the database returned and the message sent again. A duplicate whose first
     * acceptance fell outside every PostgreSQL outage (from a few seconds before the stop to the start) is
     * UNEXPLAINED.
     */
    static String explain(String messageId, List<Long> acceptedAt, Collection<Outage> outages) {
        long first = acceptedAt.get(0);
        for (Outage outage : outages) {
            if (outage.component().equals("postgres")
                    && first >= outage.down().minus(LEDGER_WINDOW_BEFORE_STOP).toEpochMilli()
                    && first <= outage.up().toEpochMilli()) {
                return messageId + " accepted " + acceptedAt.size() + "x: first 250 " + (first - outage.down().toEpochMilli())
                        + " ms after PostgreSQL stopped, before its ledger row could commit; sent again once it was back";
            }
        }
        return "UNEXPLAINED " + messageId + " accepted " + acceptedAt.size() + "x at " + acceptedAt;
    }
}
