package com.deskpost.reliability.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutageTest {

    private static final long T = 1_800_000_000_000L;

    private static Outage outage(String component, long downAt, long upAt) {
        return new Outage(component, Instant.ofEpochMilli(downAt), Instant.ofEpochMilli(upAt), Duration.ZERO, 0, List.of());
    }

    @Test
    void recoveryLastsUntilTheLastMailPublishedBeforeTheReturnArrives() {
        Instant up = Instant.ofEpochMilli(T);
        Map<String, Long> published = Map.of("a", T - 60_000, "b", T - 1_000, "later", T + 5_000);
        Map<String, List<Long>> accepted = Map.of("a", List.of(T + 2_000), "b", List.of(T + 7_500, T + 9_000),
                "later", List.of(T + 30_000));

        assertThat(Outage.recovery(up, published, accepted)).isEqualTo(Duration.ofMillis(7_500));
    }

    @Test
    void noRecoveryWhileAMailPublishedBeforeTheReturnIsMissing() {
        Map<String, Long> published = Map.of("a", T - 60_000, "b", T - 1_000);

        assertThat(Outage.recovery(Instant.ofEpochMilli(T), published, Map.of("a", List.of(T + 1)))).isNull();
    }

    @Test
    void mailThatArrivedBeforeTheReturnRecoversAtOnce() {
        assertThat(Outage.recovery(Instant.ofEpochMilli(T), Map.of("a", T - 9_000), Map.of("a", List.of(T - 8_000))))
                .isEqualTo(Duration.ZERO);
    }

    @Test
    void aResendWhoseFirst250CameAsPostgresWentAwayIsInsideTheWindow() {
        List<Outage> outages = List.of(outage("postgres", T, T + 120_000), outage("relay", T + 300_000, T + 900_000));

        String why = Outage.explain("d-1@ldn-1.deskpost.example", List.of(T - 800, T + 125_000), outages);

        assertThat(why).startsWith("d-1@ldn-1.deskpost.example accepted 2x: first 250 -800 ms after PostgreSQL stopped");
    }

    @Test
    void aResendDuringARelayOrBrokerOutageIsUnexplained() {
        List<Outage> outages = List.of(outage("postgres", T, T + 120_000), outage("broker", T + 200_000, T + 260_000),
                outage("relay", T + 300_000, T + 900_000));

        assertThat(Outage.explain("d-2@x", List.of(T + 210_000, T + 270_000), outages)).startsWith("UNEXPLAINED");
        assertThat(Outage.explain("d-3@x", List.of(T + 400_000, T + 910_000), outages)).startsWith("UNEXPLAINED");
        assertThat(Outage.explain("d-4@x", List.of(T - 6_000, T + 1_000), outages)).startsWith("UNEXPLAINED");
    }
}
