package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.cancelled;
import static com.deskpost.booking.BookingFixture.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The .ics attachment, parsed as RFC 5545 text (CRLF lines, unfolded), and times across the
 * clock changes of two zones, in the mail and in the calendar.
 */
class BookingCalendarTest {

    private final BookingFixture stack = new BookingFixture();

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void theInvitationAndItsCancellationShareOneUidWithZonedTimesAndTheCancelMethod() {
        // Given a London booking on a summer afternoon
        stack.book(created("B-1042", "M-1", "LDN-1", 1, Instant.parse("2026-07-14T13:00:00Z"),
                Instant.parse("2026-07-14T14:30:00Z")));
        Ics request = Ics.parse(BookingFixture.ics(stack.drafts().get(0)));

        // When it is cancelled
        stack.book(cancelled("B-1042", "M-1", "LDN-1", 2));
        EmailDraft cancellation = stack.drafts().get(0);
        Ics cancel = Ics.parse(BookingFixture.ics(cancellation));

        // Then the invitation is a REQUEST at 14:00-15:30 London time (BST), with the zone defined
        assertThat(request.value("METHOD")).contains("REQUEST");
        assertThat(request.value("UID")).contains("booking-B-1042@deskpost");
        assertThat(request.value("SEQUENCE")).contains("1");
        assertThat(request.value("DTSTART;TZID=Europe/London")).contains("20260714T140000");
        assertThat(request.value("DTEND;TZID=Europe/London")).contains("20260714T153000");
        assertThat(request.value("TZID")).contains("Europe/London");
        assertThat(request.component("DAYLIGHT", "TZOFFSETTO:+0100")).contains("TZOFFSETFROM:+0000", "TZNAME:BST");
        assertThat(request.value("STATUS")).contains("CONFIRMED");
        assertThat(request.value("ORGANIZER;CN=\"Deskpost Shoreditch\"")).contains("mailto:hello@ldn-1.example");
        // And the cancellation withdraws the same calendar entry, with a higher sequence
        assertThat(cancellation.getAttachments().get(0).getFilename()).isEqualTo("booking-B-1042.ics");
        assertThat(cancel.value("METHOD")).contains("CANCEL");
        assertThat(cancel.value("UID")).isEqualTo(request.value("UID"));
        assertThat(cancel.value("SEQUENCE")).contains("2");
        assertThat(cancel.value("STATUS")).contains("CANCELLED");
        assertThat(cancel.value("DTSTART;TZID=Europe/London")).contains("20260714T140000");
    }

    @Test
    void londonOnTheNightTheClocksGoBack() {
        // 00:30 UTC is 01:30 BST; 01:30 UTC is 01:30 GMT — the same wall-clock time, an hour later
        stack.book(created("B-1", "M-1", "LDN-1", 1, Instant.parse("2026-10-25T00:30:00Z"),
                Instant.parse("2026-10-25T01:30:00Z")));

        EmailDraft draft = stack.drafts().get(0);
        assertThat(draft.getBodyText()).contains("Sunday, October 25, 2026, 1:30 AM BST – 1:30 AM GMT");
        Ics ics = Ics.parse(BookingFixture.ics(draft));
        assertThat(ics.value("DTSTART;TZID=Europe/London")).contains("20261025T013000");
        // The repeated 01:30 would read as its first (BST) occurrence (RFC 5545 §3.3.5): written in UTC instead.
        assertThat(ics.value("DTEND")).contains("20261025T013000Z");
        assertThat(ics.component("STANDARD", "DTSTART:20261025T020000"))
                .contains("TZOFFSETFROM:+0100", "TZOFFSETTO:+0000", "TZNAME:GMT");
    }

    @Test
    void newYorkOnTheMorningTheClocksGoForward() {
        // 06:30 UTC is 01:30 EST; 08:00 UTC is 04:00 EDT: a 90-minute booking across the lost hour
        stack.book(created("B-2", "M-1", "NYC-1", 1, Instant.parse("2026-03-08T06:30:00Z"),
                Instant.parse("2026-03-08T08:00:00Z")));

        EmailDraft draft = stack.drafts().get(0);
        assertThat(draft.getBodyText()).contains("Sunday, March 8, 2026, 1:30 AM EST – 4:00 AM EDT",
                "(America/New_York)");
        Ics ics = Ics.parse(BookingFixture.ics(draft));
        assertThat(ics.value("DTSTART;TZID=America/New_York")).contains("20260308T013000");
        assertThat(ics.value("DTEND;TZID=America/New_York")).contains("20260308T040000");
        assertThat(ics.component("DAYLIGHT", "DTSTART:20260308T020000"))
                .contains("TZOFFSETFROM:-0500", "TZOFFSETTO:-0400", "TZNAME:EDT");
        assertThat(ics.component("STANDARD", "DTSTART:20261101T020000"))
                .contains("TZOFFSETFROM:-0400", "TZOFFSETTO:-0500");
    }

    @Test
    void longValuesAreFoldedAndEscaped() {
        stack.pipe(com.deskpost.platform.topic.Topics.FACILITY_MEMBERS, "M-3", BookingFixture.member("M-3",
                "Dr. Ada Augusta King, Countess of Lovelace; Analyst", "ada.king@example.com", "en-GB"));
        stack.book(created("B-3", "M-3", "BER-1", 1, Instant.parse("2026-05-05T08:00:00Z"),
                Instant.parse("2026-05-05T09:00:00Z")));

        String text = BookingFixture.ics(stack.drafts().get(0));
        Ics ics = Ics.parse(text);

        assertThat(text).contains("\r\n "); // folded: some physical line continues the one before
        assertThat(ics.value("LOCATION")).contains("Deskpost Kreuzberg\\, Oranienstraße 1\\, Berlin 10999\\, DE");
        assertThat(ics.lines()).anySatisfy(line -> assertThat(line)
                .startsWith("ATTENDEE;CN=\"Dr. Ada Augusta King, Countess of Lovelace; Analyst\";ROLE=REQ-PARTICIPANT"));
    }
}
