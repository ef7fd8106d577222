package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.cancelled;
import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.modified;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import com.deskpost.platform.id.DraftIds;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reminders: drafted by a wall-clock punctuator a lead time before the start, once, only for live bookings. */
class BookingReminderTest {

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofHours(3));
    private static final Instant END = START.plus(Duration.ofHours(1));

    private final BookingFixture stack = new BookingFixture(Duration.ofHours(1), null, NOW);

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theMemberIsRemindedOnceTheLeadTimeBeforeTheStart() {
        stack.book(created("B-1", "M-1", "BER-1", 1, START, END));
        stack.drafts();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(119));
        assertThat(stack.drafts()).isEmpty();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(2));
        EmailDraft reminder = stack.drafts().get(0);
        assertThat(reminder.getTemplate()).isEqualTo("booking-reminder");
        assertThat(reminder.getEventType()).isEqualTo("booking_reminder");
        assertThat(reminder.getDraftId()).isEqualTo(DraftIds.draftId("B-1-v1", "booking-reminder", "ada@example.com"));
        assertThat(reminder.getSubject()).startsWith("Reminder: Room Hopper");
        assertThat(reminder.getSupersedeKey()).isEqualTo("booking:B-1");

        stack.driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(stack.drafts()).isEmpty();
    }

    @Test
    void aModifiedBookingIsRemindedOfItsNewTimeOnly() {
        stack.book(created("B-1", "M-1", "BER-1", 1, START, END));
        stack.book(modified("B-1", "M-1", "BER-1", 2, START.plus(Duration.ofHours(2)), END.plus(Duration.ofHours(2))));
        stack.drafts();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(121));
        assertThat(stack.drafts()).isEmpty();

        stack.driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(stack.drafts()).singleElement().satisfies(reminder -> {
            assertThat(reminder.getEntityVersion()).isEqualTo(2);
            assertThat(reminder.getBodyText()).contains("3:00 PM"); // 13:00 UTC is 15:00 in Berlin in June, in en-US format
        });
    }

    @Test
    void aCancelledBookingGetsNoReminder() {
        stack.book(created("B-1", "M-1", "BER-1", 1, START, END));
        stack.book(cancelled("B-1", "M-1", "BER-1", 2));
        stack.drafts();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(150));

        assertThat(stack.drafts()).isEmpty();
    }

    @Test
    void aBookingThatHasAlreadyStartedGetsNoReminder() {
        stack.book(created("B-1", "M-1", "BER-1", 1, START, END));
        stack.drafts();

        // The service was down from before the reminder was due until after the start.
        stack.driver.advanceWallClockTime(Duration.ofHours(4));

        assertThat(stack.drafts()).isEmpty();
    }

    @Test
    void aBookingMadeInsideTheLeadTimeGetsNoReminder() {
        stack.book(created("B-1", "M-1", "BER-1", 1, NOW.plus(Duration.ofMinutes(30)), END));
        stack.drafts();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(20));

        assertThat(stack.drafts()).isEmpty();
    }
}
