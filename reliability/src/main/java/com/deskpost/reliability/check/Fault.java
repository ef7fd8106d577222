package com.deskpost.reliability.check;

import java.time.Instant;
import java.util.List;

/** One fault a scenario injected: which process and when. */
public record Fault(String process, Instant at) {

    /** How long after the sink's 250 a fault still falls in the window before the ledger row is committed. */
    private static final long DELIVERY_WINDOW_MILLIS = 2_000;
    /** PostgreSQL is away for about this long; a ledger insert failing then is retried after the 250. */
    private static final long POSTGRES_WINDOW_MILLIS = 15_000;

    /**
     * Why a Message-ID was accepted more than once: the fault that fell between its first acceptance and
     * the ledger row that would have stopped the resend, or UNEXPLAINED.
     */
    public static String explain(String messageId, List<Long> acceptedAt, List<Fault> faults) {
        long first = acceptedAt.get(0);
        for (Fault fault : faults) {
            long after = fault.at().toEpochMilli() - first;
            if (fault.process().equals("delivery-service") && after >= -50 && after <= DELIVERY_WINDOW_MILLIS) {
                return messageId + " accepted " + acceptedAt.size() + "x: delivery-service SIGKILLed " + timing(after)
                        + " the sink accepted it (its 250 in flight or its ledger row not yet committed); resent on restart";
            }
            if (fault.process().equals("postgresql") && after >= -POSTGRES_WINDOW_MILLIS && after <= 1_000) {
                return messageId + " accepted " + acceptedAt.size() + "x: PostgreSQL restart began " + timing(after)
                        + " the first 250; the ledger insert after it failed and the record was retried";
            }
        }
        return "UNEXPLAINED " + messageId + " accepted " + acceptedAt.size() + "x at " + acceptedAt;
    }

    private static String timing(long millisAfter) {
        return Math.abs(millisAfter) + " ms " + (millisAfter < 0 ? "before" : "after");
    }

    @Override
    public String toString() {
        return process + "@" + at;
    }
}
