package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.PSEUDONYMS;
import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.guest;
import static com.deskpost.booking.BookingFixture.modified;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.booking.mail.BookingEventHandler;
import com.deskpost.booking.mail.BookingState;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Guest;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An erased guest (announced on mail.consent under their pseudonym) leaves every booking state and the reminder
 * store; the booking stays for its member and other guests, and a later event naming them again stores nothing of them.
 */
class BookingErasureTest {

    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofHours(3));
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final String GRACE = "Grace.Hopper@Guests.example";

    private final BookingFixture stack = new BookingFixture(Duration.ofHours(1), null, NOW);

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void anErasedGuestLeavesTheBookingAndReminderStoresAndTheBookingStays() {
        // Given a booking with two guests, one of whom is then erased
        stack.book(created("B-1", "M-1", "BER-1", 1, START, END, guest("Grace Hopper", GRACE),
                guest("Linus", "linus@guests.example")));
        assertThat(everyEntry()).anySatisfy(entry -> assertThat(entry.toLowerCase())
                .contains("grace.hopper@guests.example"));
        stack.drafts();
        erase(GRACE);

        // When the housekeeping runs
        stack.driver.advanceWallClockTime(Duration.ofSeconds(61));

        // Then she is in no store entry, her fellow guest still is, and the reminder still goes to the member
        assertThat(guests(state("B-1").details())).containsExactly("linus@guests.example");
        assertThat(guests(upcoming().get("B-1"))).containsExactly("linus@guests.example");
        assertThat(everyEntry()).noneSatisfy(entry -> assertThat(entry.toLowerCase()).contains("grace"));
        stack.driver.advanceWallClockTime(Duration.ofHours(2));
        assertThat(stack.drafts()).extracting(EmailDraft::getTemplate).containsExactly("booking-reminder");
    }

    @Test
    void anEventNamingAnErasedGuestAgainStoresAndMailsNothingOfThem() {
        erase(GRACE);
        stack.book(created("B-2", "M-1", "BER-1", 1, START, END, guest("Linus", "linus@guests.example")));
        stack.drafts();

        stack.book(modified("B-2", "M-1", "BER-1", 2, START, END, guest("Grace Hopper", "grace.hopper@guests.example"),
                guest("Linus", "linus@guests.example")));

        List<EmailDraft> drafts = stack.drafts();
        assertThat(drafts).extracting(draft -> draft.getRecipient().getEmail())
                .contains("linus@guests.example").doesNotContain("grace.hopper@guests.example");
        assertThat(guests(state("B-2").details())).containsExactly("linus@guests.example");
        assertThat(everyEntry()).noneSatisfy(entry -> assertThat(entry.toLowerCase()).contains("grace"));
    }

    private void erase(String address) {
        String pseudonym = PSEUDONYMS.of(address);
        stack.pipe(Topics.MAIL_CONSENT, pseudonym, ConsentChange.newBuilder().setEmail(pseudonym)
                .setTag(ConsentTag.ERASED).setAction(ConsentAction.ADDED).setSource("contacts-api")
                .setChangedAt(NOW).build());
    }

    private BookingState state(String bookingId) {
        KeyValueStore<String, BookingState> states = stack.driver.getKeyValueStore(BookingEventHandler.STATE_STORE);
        return states.get(bookingId);
    }

    private KeyValueStore<String, BookingEvent> upcoming() {
        return stack.driver.getKeyValueStore("booking-upcoming");
    }

    /** Every value of the booking and reminder stores, as text. */
    private List<String> everyEntry() {
        List<String> entries = new ArrayList<>();
        for (String name : List.of(BookingEventHandler.STATE_STORE, "booking-upcoming")) {
            KeyValueStore<String, Object> store = stack.driver.getKeyValueStore(name);
            try (KeyValueIterator<String, Object> all = store.all()) {
                all.forEachRemaining(entry -> entries.add(entry.key + "=" + entry.value));
            }
        }
        return entries;
    }

    private static List<String> guests(BookingEvent event) {
        Object payload = event.getPayload();
        List<Guest> guests = payload instanceof com.deskpost.events.BookingCreated created ? created.getGuests()
                : ((com.deskpost.events.BookingModified) payload).getGuests();
        return guests.stream().map(Guest::getEmail).toList();
    }
}
