package com.deskpost.billing.subscription;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * One subscription's billing state as the composer keeps it (Kafka Streams state store, keyed by
 * subscription id). Immutable: every change returns a new state.
 * <p>
 * Two kinds of fields, updated by two rules. The subscription's <em>current</em> facts (current
 * period, last payment outcome, cancellation) change only for an event with a higher
 * {@code entity_version} than any seen before, so an older event arriving late never overrides
 * newer state. The <em>history</em> (per-cycle reminders and payments, mail already drafted) is
 * a set of facts that each event adds to whatever its version, so a late event is still judged
 * against everything known. History is bounded ({@link #MAX_CYCLES}, {@link #MAX_DRAFTED}); a
 * replay reaching past it yields drafts with the same ids, which delivery's ledger skips.
 *
 * @param memberId          the member who holds the subscription (the first event's member)
 * @param locationId        the last location named by an event, used when an event names none
 * @param lastVersion       highest entity_version processed
 * @param periodStart       current (latest known) period's first day, or null
 * @param periodEnd         current period's last day, or null
 * @param lastOutcome       outcome of the newest payment event
 * @param cancelledOn       last day of membership if cancelled, else null
 * @param cycles            per-cycle facts, by period start
 * @param drafted           mail already drafted, by business key (e.g. {@code receipt:PAY-1}), oldest first
 */
public record SubscriptionState(String subscriptionId, String memberId, String locationId, long lastVersion,
        LocalDate periodStart, LocalDate periodEnd, PaymentOutcome lastOutcome, LocalDate cancelledOn,
        NavigableMap<LocalDate, Cycle> cycles, Set<String> drafted) {

    public static final int MAX_CYCLES = 36;
    public static final int MAX_DRAFTED = 256;

    /** Outcome of the newest payment event. */
    public enum PaymentOutcome { NONE, SUCCEEDED, FAILED }

    public SubscriptionState {
        cycles = new TreeMap<>(cycles);
        while (cycles.size() > MAX_CYCLES) {
            cycles.pollFirstEntry();
        }
        drafted = new LinkedHashSet<>(drafted);
        Iterator<String> oldestFirst = drafted.iterator();
        while (drafted.size() > MAX_DRAFTED) {
            oldestFirst.next();
            oldestFirst.remove();
        }
    }

    public static SubscriptionState opened(String subscriptionId, String memberId, String locationId) {
        return new SubscriptionState(subscriptionId, memberId, locationId, Long.MIN_VALUE, null, null,
                PaymentOutcome.NONE, null, new TreeMap<>(), new LinkedHashSet<>());
    }

    @Override
    public NavigableMap<LocalDate, Cycle> cycles() {
        return new TreeMap<>(cycles);
    }

    @Override
    public Set<String> drafted() {
        return new LinkedHashSet<>(drafted);
    }

    /** Whether an event of this version is newer than everything processed so far. */
    public boolean isNewer(long version) {
        return version > lastVersion;
    }

    public Cycle cycle(LocalDate periodStart) {
        return Optional.ofNullable(cycles.get(periodStart)).orElseGet(() -> Cycle.of(periodStart));
    }

    public boolean alreadyDrafted(String mailKey) {
        return drafted.contains(mailKey);
    }

    /** Cycles with a drafted reminder whose renewal key nothing has closed yet. */
    public List<Cycle> openReminders() {
        List<Cycle> open = new ArrayList<>();
        cycles.values().stream().filter(c -> c.reminded() && !c.closed()).forEach(open::add);
        return open;
    }

    /** Records that an event of this version was processed; current facts follow only a newer one. */
    public SubscriptionState seen(long version, String eventLocationId) {
        if (!isNewer(version)) {
            return this;
        }
        return new SubscriptionState(subscriptionId, memberId, eventLocationId == null ? locationId : eventLocationId,
                version, periodStart, periodEnd, lastOutcome, cancelledOn, cycles, drafted);
    }

    /**
     * The current period (when {@code start} is given; {@code end} may be unknown) and payment outcome
     * (when given), if this event is the newest so far. Call before {@link #seen}.
     */
    public SubscriptionState current(long version, LocalDate start, LocalDate end, PaymentOutcome outcome) {
        if (!isNewer(version)) {
            return this;
        }
        return new SubscriptionState(subscriptionId, memberId, locationId, lastVersion,
                start == null ? periodStart : start, start == null ? periodEnd : end,
                outcome == null ? lastOutcome : outcome, cancelledOn, cycles, drafted);
    }

    public SubscriptionState cancelled(long version, LocalDate effectiveOn) {
        if (!isNewer(version) && cancelledOn != null) {
            return this;
        }
        return new SubscriptionState(subscriptionId, memberId, locationId, lastVersion, periodStart, periodEnd,
                lastOutcome, effectiveOn, cycles, drafted);
    }

    public SubscriptionState with(Cycle cycle) {
        NavigableMap<LocalDate, Cycle> next = new TreeMap<>(cycles);
        next.put(cycle.periodStart(), cycle);
        return new SubscriptionState(subscriptionId, memberId, locationId, lastVersion, periodStart, periodEnd,
                lastOutcome, cancelledOn, next, drafted);
    }

    public SubscriptionState drafted(String mailKey) {
        Set<String> next = new LinkedHashSet<>(drafted);
        next.add(mailKey);
        return new SubscriptionState(subscriptionId, memberId, locationId, lastVersion, periodStart, periodEnd,
                lastOutcome, cancelledOn, cycles, next);
    }
}
