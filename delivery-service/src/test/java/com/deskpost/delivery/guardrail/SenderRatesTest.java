package com.deskpost.delivery.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate and window rules of the sender-domain guardrails, without a database. */
class SenderRatesTest {

    private static final SenderThresholds DEFAULTS = new SenderThresholds(200, 0.001, 0.05);

    @Test
    void belowTheMinimumVolumeNoRatePauses() {
        // Given 199 mails sent and 50 complaints: 25 %, far above 0.1 %
        WindowCounts counts = new WindowCounts(199, 0, 50);

        // Then nothing pauses: too few mails to judge
        assertThat(DEFAULTS.breach(counts)).isEmpty();
    }

    @Test
    void aComplaintRateAboveTheThresholdPausesAndSaysWhy() {
        // Given 1,000 sent: one complaint is exactly 0.1 % (not above), two are 0.2 %
        assertThat(DEFAULTS.breach(new WindowCounts(1000, 0, 1))).isEmpty();
        assertThat(DEFAULTS.breach(new WindowCounts(1000, 0, 2))).hasValueSatisfying(reason ->
                assertThat(reason).contains("complaint rate 0.20 %", "2 complaints / 1000 sent", "above 0.10 %"));
    }

    @Test
    void aHardBounceRateAboveTheThresholdPauses() {
        assertThat(DEFAULTS.breach(new WindowCounts(1000, 50, 0))).isEmpty();
        assertThat(DEFAULTS.breach(new WindowCounts(1000, 51, 0))).hasValueSatisfying(reason ->
                assertThat(reason).contains("hard-bounce rate 5.10 %", "51 hard bounces / 1000 sent"));
    }

    @Test
    void ratesOfNothingSentAreZero() {
        assertThat(WindowCounts.NONE.complaintRate()).isZero();
        assertThat(WindowCounts.NONE.bounceRate()).isZero();
        assertThat(new SenderThresholds(0, 0.001, 0.05).breach(new WindowCounts(0, 3, 3))).isEmpty();
    }

    @Test
    void countsFallInWholeBucketsAndLeaveTheWindowOneBucketAtATime() {
        // Given a 7-day window of 1-hour buckets
        Buckets buckets = new Buckets(Duration.ofDays(7), Duration.ofHours(1));
        Instant at = Instant.parse("2026-12-01T10:42:17Z");

        // Then a count falls in the bucket of its hour
        assertThat(buckets.bucketOf(at)).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        // and at a moment the window holds the 168 buckets that end after now - 7 days, the current one included
        Instant now = Instant.parse("2026-12-08T10:05:00Z");
        assertThat(buckets.windowStart(now)).isEqualTo(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(buckets.windowStart(Instant.parse("2026-12-08T09:59:59Z")))
                .isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(Duration.between(buckets.windowStart(now), buckets.bucketOf(now)).toHours() + 1).isEqualTo(168);
    }
}
