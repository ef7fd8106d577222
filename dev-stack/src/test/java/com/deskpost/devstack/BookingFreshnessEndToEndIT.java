package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.ResourceKind;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Freshness end to end, through the real broker, oversight, delivery and SMTP server: a booking
 * cancelled before its confirmation could be sent gets the cancellation, never the confirmation.
 *
 * <p>Published back to back, the confirmation (v1) and the cancellation's version (v2) race
 * through different hops: v1's draft through the composer, oversight and delivery; v2's version
 * straight from the composer into delivery's entity-version table. Usually v2 wins, but not
 * always, so the test makes the outcome deterministic without reaching into any service: the SMTP
 * server is down while both events are processed, so delivery can only retry v1 (a transient
 * failure), and every retry re-checks freshness first. The server comes back only once delivery
 * has audited v1 SUPERSEDED. (Publishing v2's entity version by hand first would not do: the
 * composer publishes v1's version when it drafts v1, and the compacted table keeps the last write.)
 */
class BookingFreshnessEndToEndIT {

    private static final String MEMBER_ID = "M-FRESH";
    private static final String MEMBER_EMAIL = "m-fresh@members.example";
    private static final String LOCATION_ID = "LDN-F";
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static LocalStack stack;
    private static FacilityPublisher publisher;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared());
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        publisher.publish(Topics.FACILITY_LOCATIONS, LOCATION_ID, SampleFacility.location(LOCATION_ID,
                "Deskpost Fresh Shoreditch", "London", "GB", "Europe/London", "UK"));
        publisher.publish(Topics.FACILITY_MEMBERS, MEMBER_ID, SampleFacility.member(MEMBER_ID, "Member Fresh",
                MEMBER_EMAIL, "en-GB", LOCATION_ID));
        stack.startServices();
    }

    @AfterAll
    static void stopStack() {
        publisher.close();
        stack.close();
    }

    @Test
    void aBookingCancelledBeforeItsConfirmationIsSentGetsTheCancellationAndNeverTheConfirmation() throws Exception {
        // Given a booking whose confirmation cannot go out yet (the SMTP relay is down)
        stack.smtp().stop();
        var created = SampleFacility.created("B-5001", MEMBER_ID, LOCATION_ID,
                SampleFacility.room("R-ADA", "Meeting room Ada", ResourceKind.MEETING_ROOM),
                Instant.parse("2026-12-07T10:00:00Z"), Instant.parse("2026-12-07T11:00:00Z"));
        var cancelled = SampleFacility.cancelled("B-5001", MEMBER_ID, LOCATION_ID, 2);
        String confirmation = DraftIds.draftId(created.getHeader().getEventId(), "booking-confirmation", MEMBER_EMAIL);
        String cancellation = DraftIds.draftId(cancelled.getHeader().getEventId(), "booking-cancellation",
                MEMBER_EMAIL);

        // When the facility system creates it and cancels it straight away
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-5001", created);
        publisher.publish(Topics.FACILITY_BOOKINGS, "B-5001", cancelled);

        // Then delivery finds the confirmation stale at send time
        await().atMost(WAIT).untilAsserted(() -> assertThat(auditTypes(stack, confirmation)).contains("SUPERSEDED"));
        stack.smtp().restart();

        // And the member receives the cancellation, with its calendar cancel, and never the confirmation
        await().atMost(WAIT).until(() -> !stack.smtp().messagesTo(MEMBER_EMAIL).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(auditTypes(stack, cancellation)).contains("SENT"));
        List<String> subjects = stack.smtp().messagesTo(MEMBER_EMAIL).stream()
                .map(StackQueries::subject).toList();
        assertThat(subjects).singleElement().asString().startsWith("Booking cancelled: Meeting room Ada");
        assertThat(stack.smtp().messagesTo(MEMBER_EMAIL).get(0).getContentType()).startsWith("multipart/");
        assertThat(auditTypes(stack, confirmation)).doesNotContain("SENT");
    }

}
