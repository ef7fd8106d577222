package com.deskpost.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BookingEvent;
import com.deskpost.events.EventHeader;
import com.deskpost.platform.TestDrafts;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The logging context holds the ids of the record being processed, and what was there before comes back. */
class MailLogContextTest {

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aDraftPutsItsIdAndCorrelationIdAndClosingRestoresThePreviousContext() {
        MDC.put(MailLogContext.CORRELATION_ID, "outer");

        try (var context = MailLogContext.of(TestDrafts.draft("d-1", List.of()))) {
            assertThat(MDC.get(MailLogContext.DRAFT_ID)).isEqualTo("d-1");
            assertThat(MDC.get(MailLogContext.CORRELATION_ID)).isEqualTo("corr-d-1");
        }

        assertThat(MDC.get(MailLogContext.DRAFT_ID)).isNull();
        assertThat(MDC.get(MailLogContext.CORRELATION_ID)).isEqualTo("outer");
    }

    @Test
    void aFacilityEventPutsItsCorrelationId() {
        SpecificRecord event = new BookingEvent();
        event.put(event.getSchema().getField("header").pos(), header("corr-7"));

        try (var context = MailLogContext.of(event)) {
            assertThat(MDC.get(MailLogContext.CORRELATION_ID)).isEqualTo("corr-7");
            assertThat(MDC.get(MailLogContext.DRAFT_ID)).isNull();
        }
        assertThat(MDC.get(MailLogContext.CORRELATION_ID)).isNull();
    }

    private static EventHeader header(String correlationId) {
        return EventHeader.newBuilder().setEventId("e-1").setOccurredAt(java.time.Instant.EPOCH).setSource("test")
                .setEntityVersion(1).setCorrelationId(correlationId).build();
    }
}
