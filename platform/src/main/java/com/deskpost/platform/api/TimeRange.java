package com.deskpost.platform.api;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * A half-open time range [from, to) of a query; either end may be open.
 *
 * @param from earliest instant included, or null
 * @param to first instant excluded, or null
 */
public record TimeRange(Instant from, Instant to) {

    private static final Instant BEGINNING = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    public TimeRange {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequest("to", "'to' (" + to + ") must be after 'from' (" + from + ").");
        }
    }

    /** The lower bound for SQL, open ends as far-away instants so one statement serves every range. */
    public Timestamp fromBound() {
        return Timestamp.from(from == null ? BEGINNING : from);
    }

    public Timestamp toBound() {
        return Timestamp.from(to == null ? END : to);
    }
}
