package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.cancelled;
import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.modified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.deskpost.booking.mail.BookingEventHandler;
import com.deskpost.booking.mail.BookingState;
import com.deskpost.booking.reminder.UpcomingBookings;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A booking's state is forgotten a grace after it is over (cancelled, or ended), its upcoming key tombstoned;
 * a forgotten booking's late events are still judged against its last version, which stays on mail.entity-versions.
 */
class BookingLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z"); // the fixture's wall clock
    private static final Duration GRACE = Duration.ofDays(7); // the default
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(2));

    private final BookingFixture stack = new BookingFixture();
    private final TestOutputTopic<String, byte[]> upcoming = stack.driver.createOutputTopic(
            UpcomingBookings.TOPIC.name(), new StringDeserializer(), new ByteArrayDeserializer());
    private final KeyValueStore<String, BookingState> states =
            stack.driver.getKeyValueStore(BookingEventHandler.STATE_STORE);

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aCancelledBookingIsForgottenTheGraceAfterItsCancellationAndItsUpcomingKeyTombstoned() {
        stack.book(created("B-1", "M-1", "BER-1", 1, START, END));
        stack.book(cancelled("B-1", "M-1", "BER-1", 2));
        assertThat(upcoming.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("B-1", "B-1");
        stack.versions();

        stack.driver.advanceWallClockTime(GRACE.minusMinutes(2));
        assertThat(states.get("B-1")).isNotNull();
        assertThat(upcoming.isEmpty()).isTrue();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(3));
        assertThat(states.get("B-1")).isNull();
        assertThat(upcoming.readKeyValuesToList()).containsExactly(KeyValue.pair("B-1", null));
        // and mail.entity-versions keeps the key, its last version closed
        assertThat(stack.versions()).extracting(EntityVersion::getSupersedeKey, EntityVersion::getVersion,
                EntityVersion::getStatus).containsExactly(tuple("booking:B-1", 2L, EntityStatus.CLOSED));
    }

    @Test
    void aBookingThatRunsItsCourseIsForgottenTheGraceAfterItEnds() {
        stack.book(created("B-2", "M-1", "BER-1", 1, START, END));
        upcoming.readKeyValuesToList();

        stack.driver.advanceWallClockTime(Duration.between(NOW, END.plus(GRACE)).minusMinutes(2));
        assertThat(states.get("B-2")).isNotNull();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(3));
        assertThat(states.get("B-2")).isNull();
        assertThat(upcoming.readKeyValuesToList()).containsExactly(KeyValue.pair("B-2", null));
    }

    @Test
    void aModificationThatMovesTheBookingLaterKeepsItsStateUntilTheNewEnd() {
        Instant laterEnd = END.plus(Duration.ofDays(30));
        stack.book(created("B-3", "M-1", "BER-1", 1, START, END));
        stack.book(modified("B-3", "M-1", "BER-1", 2, START.plus(Duration.ofDays(30)), laterEnd));

        stack.driver.advanceWallClockTime(Duration.between(NOW, END.plus(GRACE)).plusMinutes(5));
        assertThat(states.get("B-3")).isNotNull(); // the first version's entry came due and was passed over

        stack.driver.advanceWallClockTime(Duration.ofDays(30));
        assertThat(states.get("B-3")).isNull();
    }

    @Test
    void aForgottenBookingsReplayedEventsDraftNothingAndItsStaleDraftsStaySuperseded() {
        stack.book(created("B-4", "M-1", "BER-1", 1, START, END));
        EmailDraft confirmation = stack.drafts().get(0);
        stack.book(cancelled("B-4", "M-1", "BER-1", 2));
        stack.drafts();
        stack.versions();
        stack.driver.advanceWallClockTime(GRACE.plusMinutes(1));
        assertThat(states.get("B-4")).isNull();
        assertThat(stack.versions()).extracting(EntityVersion::getStatus).containsExactly(EntityStatus.CLOSED);

        // The facility system replays the booking (or a dead letter of it is redriven) after it was forgotten.
        stack.book(created("B-4", "M-1", "BER-1", 1, START, END));
        stack.book(cancelled("B-4", "M-1", "BER-1", 2));

        assertThat(stack.drafts()).isEmpty();
        assertThat(stack.versions()).isEmpty(); // the last version is never overwritten by an older one
        assertThat(states.get("B-4")).isNull();
        // Delivery's freshness check still refuses the first version's draft: mail.entity-versions keeps the key.
        assertThat(EntityVersionTable.supersedingVersion(confirmation,
                stack.driver.getTimestampedKeyValueStore(EntityVersionTable.STORE)))
                .get().extracting(EntityVersion::getVersion, EntityVersion::getStatus)
                .containsExactly(2L, EntityStatus.CLOSED);
    }

    @Test
    void aLiveBookingWithoutStateIsComposedAsBefore() {
        // A composer rebuilt from nothing (new application id) finds a live booking's version, not closed,
        stack.pipe(Topics.MAIL_ENTITY_VERSIONS, "booking:B-6", EntityVersion.newBuilder()
                .setSupersedeKey("booking:B-6").setVersion(1).setStatus(EntityStatus.ACTIVE).setSourceEventId("B-6-v1")
                .setOccurredAt(NOW).build());

        stack.book(created("B-6", "M-1", "BER-1", 1, START, END));

        // recomposes it, as a full recompose always did (docs/operations.md, "Replaying a topic")
        assertThat(stack.drafts()).extracting(EmailDraft::getTemplate).containsExactly("booking-confirmation");
    }

    @Test
    void aNewerEventOfAForgottenBookingCountsAndIsRememberedAgain() {
        stack.book(created("B-5", "M-1", "BER-1", 1, START, END));
        stack.book(cancelled("B-5", "M-1", "BER-1", 2));
        stack.driver.advanceWallClockTime(GRACE.plusMinutes(1));
        stack.drafts();
        stack.versions();

        stack.book(modified("B-5", "M-1", "BER-1", 3, START, END));

        List<EmailDraft> drafts = stack.drafts();
        assertThat(drafts).extracting(EmailDraft::getTemplate).containsExactly("booking-modification");
        assertThat(drafts.get(0).getEntityVersion()).isEqualTo(3);
        assertThat(stack.versions()).extracting(EntityVersion::getVersion).containsExactly(3L);
        assertThat(states.get("B-5").version()).isEqualTo(3);
    }
}
