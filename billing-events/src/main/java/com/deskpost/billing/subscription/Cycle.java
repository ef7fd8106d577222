package com.deskpost.billing.subscription;

import java.time.LocalDate;

/**
 * What the composer knows about one billing cycle of a subscription, identified by the first day
 * of its period.
 *
 * @param periodStart     first day of the period (location-local date)
 * @param reminderVersion subscription version of the renewal reminder drafted for this cycle, or null if none was
 * @param paidVersion     subscription version of the payment that paid this cycle, or null while unpaid
 * @param closedVersion   version last published on mail.entity-versions for the cycle's renewal key, or null
 */
public record Cycle(LocalDate periodStart, Long reminderVersion, Long paidVersion, Long closedVersion) {

    static Cycle of(LocalDate periodStart) {
        return new Cycle(periodStart, null, null, null);
    }

    public boolean reminded() {
        return reminderVersion != null;
    }

    public boolean paid() {
        return paidVersion != null;
    }

    public boolean closed() {
        return closedVersion != null;
    }

    public Cycle withReminder(long version) {
        return new Cycle(periodStart, version, paidVersion, closedVersion);
    }

    public Cycle withPayment(long version) {
        return new Cycle(periodStart, reminderVersion, version, closedVersion);
    }

    public Cycle withClosed(long version) {
        return new Cycle(periodStart, reminderVersion, paidVersion, version);
    }

    /**
     * The version that closes this cycle's renewal key when an event of {@code eventVersion} closes it:
     * never lower than the event's, and always above the drafted reminder's, so a payment that
     * arrives after a reminder with a higher version (out of order) still supersedes it.
     */
    public long closingVersion(long eventVersion) {
        long version = reminderVersion == null ? eventVersion : Math.max(eventVersion, reminderVersion + 1);
        return closedVersion == null ? version : Math.max(version, closedVersion);
    }
}
