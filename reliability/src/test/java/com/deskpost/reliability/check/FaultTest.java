package com.deskpost.reliability.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static final long FIRST_250 = 1_800_000_000_000L;

    @Test
    void aDeliveryKillJustAfterTheFirstAcceptanceExplainsTheResend() {
        List<Fault> faults = List.of(new Fault("booking-events", Instant.ofEpochMilli(FIRST_250 + 5)),
                new Fault("delivery-service", Instant.ofEpochMilli(FIRST_250 + 12)));

        String why = Fault.explain("d-1@ldn-1.deskpost.example", List.of(FIRST_250, FIRST_250 + 40_000), faults);

        assertThat(why).startsWith("d-1@ldn-1.deskpost.example accepted 2x: delivery-service SIGKILLed 12 ms after");
    }

    @Test
    void aDuplicateFarFromEveryDeliveryKillOrDatabaseRestartIsUnexplained() {
        List<Fault> faults = List.of(new Fault("delivery-service", Instant.ofEpochMilli(FIRST_250 + 60_000)),
                new Fault("oversight-service", Instant.ofEpochMilli(FIRST_250)),
                new Fault("postgresql", Instant.ofEpochMilli(FIRST_250 - 120_000)));

        String why = Fault.explain("d-2@ldn-1.deskpost.example", List.of(FIRST_250, FIRST_250 + 61_000), faults);

        assertThat(why).startsWith("UNEXPLAINED d-2@ldn-1.deskpost.example");
    }

    @Test
    void aDatabaseRestartAroundTheFirstAcceptanceExplainsTheResend() {
        List<Fault> faults = List.of(new Fault("postgresql", Instant.ofEpochMilli(FIRST_250 - 300)));

        String why = Fault.explain("d-3@ber-1.deskpost.example", List.of(FIRST_250, FIRST_250 + 9_000), faults);

        assertThat(why).contains("PostgreSQL restart began 300 ms before the first 250");
    }
}
