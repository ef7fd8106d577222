package com.deskpost.billing.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.deskpost.billing.subscription.SubscriptionState.PaymentOutcome;
import java.time.LocalDate;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SubscriptionStateSerdeTest {

    private final SubscriptionStateSerde serde = new SubscriptionStateSerde();

    @Test
    void aStateSurvivesTheChangelogRoundTrip() {
        LocalDate may = LocalDate.parse("2026-05-01");
        SubscriptionState state = SubscriptionState.opened("SUB-1", "M-1", null)
                .current(3, may, null, PaymentOutcome.FAILED)
                .seen(3, "BER-1")
                .cancelled(4, LocalDate.parse("2026-06-30"))
                .with(Cycle.of(may).withReminder(2).withPayment(5).withClosed(5))
                .with(Cycle.of(may.plusMonths(1)).withReminder(6))
                .drafted("receipt:PAY-1")
                .drafted("invoice:INV-1");

        SubscriptionState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));

        assertThat(read).isEqualTo(state);
        assertThat(read.drafted()).containsExactly("receipt:PAY-1", "invoice:INV-1");
    }

    @Test
    void historyIsBoundedOldestFirst() {
        SubscriptionState state = SubscriptionState.opened("SUB-1", "M-1", "BER-1");
        for (int i = 0; i < SubscriptionState.MAX_DRAFTED + 10; i++) {
            state = state.drafted("receipt:PAY-" + i);
        }
        for (int i = 0; i < SubscriptionState.MAX_CYCLES + 5; i++) {
            state = state.with(Cycle.of(LocalDate.parse("2020-01-01").plusMonths(i)).withReminder(i));
        }

        assertThat(state.drafted()).hasSize(SubscriptionState.MAX_DRAFTED).doesNotContain("receipt:PAY-9")
                .contains("receipt:PAY-10");
        assertThat(state.cycles()).hasSize(SubscriptionState.MAX_CYCLES);
        assertThat(state.cycles().firstKey()).isEqualTo(LocalDate.parse("2020-06-01"));
    }

    @Test
    void anUnknownFormatIsRefusedNotMisread() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("format 9");
    }
}
