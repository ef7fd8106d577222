package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.cancelled;
import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.guest;
import static com.deskpost.booking.BookingFixture.modified;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.booking.mail.BookingComposer;
import com.deskpost.booking.mail.BookingEventHandler;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.BookingCreated;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OversightMode;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The booking composer's topology, driven without a broker: every mail type, visitors, out-of-order versions. */
class BookingTopologyTest {

    private static final Instant START = Instant.parse("2026-03-29T08:00:00Z"); // Berlin switches to CEST at 01:00 UTC
    private static final Instant END = START.plusSeconds(5400);

    private final BookingFixture stack = new BookingFixture();

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aNewBookingIsConfirmedToItsMemberInTheLocationsTimeAndTheMembersLanguageFormat() {
        BookingEvent booking = created("B-7", "M-1", "BER-1", 1, START, END);

        stack.book(booking);

        EmailDraft draft = serdesDraft();
        assertThat(draft.getDraftId()).isEqualTo(DraftIds.draftId("B-7-v1", "booking-confirmation", "ada@example.com"));
        assertThat(draft.getRecipient().getEmail()).isEqualTo("ada@example.com");
        assertThat(draft.getRecipient().getRole()).isEqualTo(RecipientRole.MEMBER);
        assertThat(draft.getCategory()).isEqualTo(EmailCategory.TRANSACTIONAL);
        assertThat(draft.getEventType()).isEqualTo("booking_created");
        assertThat(draft.getSupersedeKey()).isEqualTo("booking:B-7");
        assertThat(draft.getEntityVersion()).isEqualTo(1);
        assertThat(draft.getLocationId()).isEqualTo("BER-1");
        // 08:00 UTC on the morning the clocks went forward is 10:00 CEST; the member reads en-US formats.
        assertThat(draft.getBodyText()).contains("Ada", "Room Hopper", "Deskpost Kreuzberg", "B-7",
                "Sunday, March 29, 2026", "10:00", "11:30", "CEST (Europe/Berlin)");
        assertThat(draft.getBodyHtml()).contains("Room Hopper").contains("<table");
        assertThat(draft.getSubject())
                .isEqualTo("Booking confirmed: Room Hopper, Sunday, March 29, 2026 10:00 AM – Deskpost Kreuzberg");
        assertThat(draft.getAttachments()).singleElement().satisfies(ics -> {
            assertThat(ics.getFilename()).isEqualTo("booking-B-7.ics");
            assertThat(ics.getContentType()).isEqualTo("text/calendar; method=REQUEST; charset=UTF-8");
        });
        EntityVersion version = stack.versions().get(0);
        assertThat(version.getStatus()).isEqualTo(EntityStatus.ACTIVE);
        AuditEvent drafted = stack.serdes.deserialize(Topics.MAIL_AUDIT, stack.audit.readRecord().value());
        assertThat(drafted.getType()).isEqualTo(AuditType.DRAFTED);
        assertThat(drafted.getDraftId()).isEqualTo(draft.getDraftId());
    }

    @Test
    void aBookingDraftTravelsInTheLaneOfItsCategory() {
        // Given a booking confirmed through the topology
        stack.book(created("B-9", "M-1", "BER-1", 1, START, END));

        // Then its draft, transactional, is on the standard lane keyed by its supersede key and recipient, and no other lane
        TestRecord<String, byte[]> record = stack.drafts.readRecord();
        EmailDraft draft = stack.serdes.deserialize(Topics.MAIL_DRAFTS, record.value());
        assertThat(Lane.of(draft)).isEqualTo(Lane.STANDARD);
        assertThat(record.key()).isEqualTo(DraftKeys.of(draft)).startsWith(draft.getSupersedeKey() + "/");
        assertThat(stack.driver.createOutputTopic(Topics.MAIL_DRAFTS_PRIORITY.name(), new StringDeserializer(),
                new ByteArrayDeserializer()).isEmpty()).isTrue();
        // And booking's way of publishing (events and reminders alike) takes the lane from the category: the
        // same draft, were it security mail, would travel in the priority lane, with the same DRAFTED audit
        EmailDraft security = EmailDraft.newBuilder(draft).setCategory(EmailCategory.SECURITY).build();
        List<Emit<?>> published = BookingEventHandler.publication(security).emits();
        assertThat(published.get(0).topic()).isEqualTo(Topics.MAIL_DRAFTS_PRIORITY);
        assertThat(published.get(0).key()).isEqualTo(DraftKeys.of(draft));
        assertThat(((AuditEvent) published.get(1).value()).getActor()).isEqualTo(BookingComposer.IDENTITY);
    }

    @Test
    void theModeAFacilityEventAsksForTravelsWithItsDraftToOversight() {
        // Given a booking whose facility system asks for gated_send (contract v7, header.requested_mode)
        BookingEvent asking = created("B-10", "M-1", "BER-1", 1, START, END);
        asking.getHeader().setRequestedMode(OversightMode.GATED_SEND);

        // When it is composed
        stack.book(asking);

        // Then the draft carries the request in its header, where oversight's policy reads it
        assertThat(serdesDraft().getHeader().getRequestedMode()).isEqualTo(OversightMode.GATED_SEND);
    }

    @Test
    void aMemberWithAGermanLocaleGetsTheGermanTemplate() {
        stack.book(created("B-8", "M-2", "BER-1", 1, START, END));

        EmailDraft draft = serdesDraft();
        assertThat(draft.getSubject()).isEqualTo("Buchung bestätigt: Room Hopper, Sonntag, 29. März 2026 10:00 – Deskpost Kreuzberg");
        assertThat(draft.getBodyText()).contains("Hallo Grete", "Besprechungsraum", "10:00 – 11:30", "MESZ (Europe/Berlin)");
        assertThat(draft.getBodyHtml()).contains("<html lang=\"de\">");
    }

    @Test
    void aModificationIsMailedWithTheNewTimesAndPublishesTheNewVersion() {
        stack.book(created("B-7", "M-1", "BER-1", 1, START, END));
        stack.drafts();
        stack.versions();

        stack.book(modified("B-7", "M-1", "BER-1", 2, START.plusSeconds(3600), END.plusSeconds(3600)));

        EmailDraft draft = serdesDraft();
        assertThat(draft.getTemplate()).isEqualTo("booking-modification");
        assertThat(draft.getEventType()).isEqualTo("booking_modified");
        assertThat(draft.getEntityVersion()).isEqualTo(2);
        assertThat(draft.getSubject()).startsWith("Booking changed: Room Hopper");
        assertThat(draft.getBodyText()).contains("11:00", "12:30");
        assertThat(BookingFixture.ics(draft)).contains("METHOD:REQUEST", "SEQUENCE:2");
        assertThat(stack.versions()).singleElement()
                .satisfies(v -> assertThat(v.getStatus()).isEqualTo(EntityStatus.MODIFIED));
    }

    @Test
    void aCancellationIsMailedWithTheBookingsDetailsAndACalendarCancel() {
        stack.book(created("B-7", "M-1", "BER-1", 1, START, END));
        stack.drafts();
        stack.versions();

        stack.book(cancelled("B-7", "M-1", "BER-1", 2));

        EmailDraft draft = serdesDraft();
        assertThat(draft.getTemplate()).isEqualTo("booking-cancellation");
        assertThat(draft.getSubject()).startsWith("Booking cancelled: Room Hopper, Sunday, March 29, 2026 10:00 AM");
        assertThat(draft.getBodyText()).contains("cancelled", "Reason: Plans changed", "10:00");
        assertThat(draft.getAttachments().get(0).getContentType())
                .isEqualTo("text/calendar; method=CANCEL; charset=UTF-8");
        EntityVersion version = stack.versions().get(0);
        assertThat(version.getStatus()).isEqualTo(EntityStatus.CANCELLED);
        assertThat(version.getVersion()).isEqualTo(2);
    }

    @Test
    void aCancellationOfABookingNeverHeardOfIsStillMailedWithoutDetails() {
        stack.book(cancelled("B-9", "M-1", "BER-1", 2));

        EmailDraft draft = serdesDraft();
        assertThat(draft.getSubject()).isEqualTo("Booking cancelled: B-9 – Deskpost Kreuzberg");
        assertThat(BookingFixture.ics(draft)).contains("METHOD:CANCEL", "UID:booking-B-9@deskpost")
                .doesNotContain("DTSTART");
    }

    @Test
    void guestsWithAnAddressGetTheVisitorVersionInTheLocationsLanguage() {
        stack.book(created("B-7", "M-1", "BER-1", 1, START, END,
                guest("Lise Meitner", "lise@guest.example"), guest("No Mail", null)));

        List<EmailDraft> drafts = stack.drafts();
        assertThat(drafts).extracting(EmailDraft::getTemplate)
                .containsExactly("booking-confirmation", "booking-guest-invitation");
        EmailDraft visitor = drafts.get(1);
        assertThat(visitor.getRecipient().getRole()).isEqualTo(RecipientRole.GUEST);
        assertThat(visitor.getRecipient().getEmail()).isEqualTo("lise@guest.example");
        assertThat(visitor.getRecipient().getMemberId()).isNull();
        // Berlin's default language is German; the guest has no locale of their own.
        assertThat(visitor.getSubject()).startsWith("Einladung von Ada");
        assertThat(visitor.getBodyText()).contains("Hallo Lise Meitner", "Ada hat Sie");
        assertThat(Ics.parse(BookingFixture.ics(visitor)).lines()).anySatisfy(line -> assertThat(line)
                .startsWith("ATTENDEE;CN=\"Lise Meitner\"").endsWith(":mailto:lise@guest.example"));
    }

    @Test
    void aModificationUpdatesKeptGuestsInvitesNewOnesAndCancelsDroppedOnes() {
        stack.book(created("B-7", "M-1", "BER-1", 1, START, END,
                guest("Lise", "lise@guest.example"), guest("Otto", "otto@guest.example")));
        stack.drafts();

        stack.book(modified("B-7", "M-1", "BER-1", 2, START, END,
                guest("Lise", "LISE@guest.example"), guest("Emmy", "emmy@guest.example")));

        List<EmailDraft> drafts = stack.drafts();
        assertThat(drafts).extracting(d -> d.getTemplate() + " " + d.getRecipient().getEmail()).containsExactly(
                "booking-modification ada@example.com",
                "booking-guest-update LISE@guest.example",
                "booking-guest-invitation emmy@guest.example",
                "booking-guest-cancellation otto@guest.example");
        assertThat(drafts.get(3).getAttachments().get(0).getContentType()).contains("method=CANCEL");
    }

    @Test
    void aCancellationTellsEveryGuestToo() {
        stack.book(created("B-7", "M-1", "BER-1", 1, START, END, guest("Lise", "lise@guest.example")));
        stack.drafts();

        stack.book(cancelled("B-7", "M-1", "BER-1", 2));

        assertThat(stack.drafts()).extracting(EmailDraft::getTemplate)
                .containsExactly("booking-cancellation", "booking-guest-cancellation");
    }

    @Test
    void anOlderVersionArrivingLateChangesNothing() {
        // Given the booking's version 2 (a modification) was processed first
        stack.book(modified("B-7", "M-1", "BER-1", 2, START, END));
        stack.drafts();
        stack.versions();

        // When version 1 (the creation) arrives late, and then a cancellation (3) and a stale modification (2)
        stack.book(created("B-7", "M-1", "BER-1", 1, START, END));
        assertThat(stack.drafts()).isEmpty();
        assertThat(stack.versions()).isEmpty();
        stack.book(cancelled("B-7", "M-1", "BER-1", 3));
        stack.drafts();
        stack.versions();
        stack.book(modified("B-7", "M-1", "BER-1", 2, START.plusSeconds(60), END));

        // Then nothing is drafted and no version is published: the latest stays 3, cancelled
        assertThat(stack.drafts()).isEmpty();
        assertThat(stack.versions()).isEmpty();
        assertThat(stack.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theSameEventTwiceIsDraftedOnce() {
        BookingEvent booking = created("B-7", "M-1", "BER-1", 1, START, END);

        stack.book(booking);
        stack.book(booking);

        assertThat(stack.drafts()).hasSize(1);
        assertThat(stack.versions()).hasSize(1);
    }

    @Test
    void aBookingForAMemberPublishedJustAfterItWaitsAndIsConfirmedWithTheSameDraft() {
        // Given a new member's first booking read before their directory record
        stack.book(created("B-10", "M-NEW", "BER-1", 1, START, END));
        assertThat(stack.drafts.isEmpty()).isTrue();

        // When the directory record arrives, and the parked booking is retried
        stack.pipe(Topics.FACILITY_MEMBERS, "M-NEW", BookingFixture.member("M-NEW", "Neo", "neo@example.com", "en-US"));
        stack.driver.advanceWallClockTime(Duration.ofSeconds(5));

        // Then it is confirmed with the draft id it would have had, and nothing is dead-lettered
        EmailDraft draft = serdesDraft();
        assertThat(draft.getDraftId()).isEqualTo(DraftIds.draftId("B-10-v1", "booking-confirmation", "neo@example.com"));
        assertThat(stack.versions()).extracting(EntityVersion::getVersion).containsExactly(1L);
        assertThat(stack.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aBookingForAMemberOrLocationNeverPublishedIsDeadLetteredAfterTheGraceNotGuessed() {
        stack.book(created("B-8", "M-404", "BER-1", 1, START, START.plusSeconds(60)));
        BookingEvent nowhere = created("B-9", "M-1", "XXX-9", 1, START, START.plusSeconds(60));
        stack.book(nowhere);
        assertThat(stack.deadLetters.isEmpty()).isTrue();

        stack.driver.advanceWallClockTime(Duration.ofMinutes(5));

        List<String> reasons = stack.deadLetters.readRecordsToList().stream()
                .map(record -> DeadLetterHeaders.reason(record.headers())).toList();
        assertThat(reasons).containsExactly(
                "Unknown member M-404 for booking B-8: not in facility.members; waited 5m for the directory",
                "Unknown location XXX-9 for booking B-9: not in facility.locations; waited 5m for the directory");
        assertThat(stack.drafts.isEmpty()).isTrue();
        assertThat(nowhere.getPayload()).isInstanceOf(BookingCreated.class);
    }

    private EmailDraft serdesDraft() {
        return stack.serdes.deserialize(Topics.MAIL_DRAFTS, stack.drafts.readRecord().value());
    }
}
