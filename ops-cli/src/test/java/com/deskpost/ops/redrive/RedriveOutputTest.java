package com.deskpost.ops.redrive;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.ops.deadletter.DeadLetter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedriveOutputTest {

    private static final DeadLetter UNKNOWN_MEMBER = new DeadLetter("facility.bookings", 1, 4L, 0L, "x.Rejected",
            "Unknown member M-X\nmore", null);
    private static final DeadLetter MASKED = new DeadLetter("facility.access", 0, 9L, 0L, "x.Rejected",
            "Unknown member M-Y", "credentials masked");

    @Test
    void linesSayWhatHappenedToEachDeadLetterAndWhy() {
        Outcome sent = new Outcome(1, 4, "B-1", "facility.bookings", null, UNKNOWN_MEMBER);
        Outcome skipped = new Outcome(0, 2, "M-Y", null, SendBack.MASKED, MASKED);

        assertThat(RedriveCommand.line(sent, false))
                .isEqualTo("redriven 1@4 key B-1 -> facility.bookings (was: Unknown member M-X)");
        assertThat(RedriveCommand.line(sent, true)).startsWith("would redrive 1@4 key B-1");
        assertThat(RedriveCommand.line(skipped, false)).isEqualTo("skipped 0@2 key M-Y: credentials masked"
                + " (--include-redacted to redrive anyway) [credentials masked] (was: Unknown member M-Y)");
    }

    @Test
    void summaryCountsRedrivenSkippedByWhyAndRemaining() {
        RedriveReport report = new RedriveReport(List.of(
                new Outcome(0, 0, "a", "t", null, UNKNOWN_MEMBER),
                new Outcome(0, 1, "b", null, SendBack.MASKED, MASKED),
                new Outcome(0, 2, "c", null, SendBack.FILTERED, UNKNOWN_MEMBER),
                new Outcome(0, 3, "d", null, SendBack.FILTERED, UNKNOWN_MEMBER)), 5);

        assertThat(RedriveCommand.summary(report, false)).isEqualTo("redriven: 1, skipped: 3 ("
                + SendBack.MASKED + ": 1, " + SendBack.FILTERED + ": 2), remaining: 5");
        assertThat(RedriveCommand.summary(report, true)).startsWith("dry run, nothing produced or committed;");
    }
}
