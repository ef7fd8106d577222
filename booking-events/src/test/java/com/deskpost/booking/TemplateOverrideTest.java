package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An operator overrides templates per location from a directory, without rebuilding; the rest falls back. */
class TemplateOverrideTest {

    private static final Instant START = Instant.parse("2026-05-05T08:00:00Z");

    @TempDir
    Path overrides;
    private BookingFixture stack;

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void aLocationsOverrideWinsOverTheBuiltInTemplateForThatLocationOnly() throws IOException {
        // Given an operator subject for Berlin and a plain-text body for every location
        Files.createDirectories(overrides.resolve("BER-1"));
        Files.writeString(overrides.resolve("BER-1/booking-confirmation.subject.mustache"), "Kreuzberg: {{resourceName}}");
        Files.writeString(overrides.resolve("booking-confirmation.txt.mustache"), "Operator text for {{bookingId}}");
        stack = new BookingFixture(java.time.Duration.ZERO, overrides, START);

        // When bookings are made in Berlin and London
        stack.book(created("B-1", "M-1", "BER-1", 1, START, START.plusSeconds(3600)));
        stack.book(created("B-2", "M-1", "LDN-1", 1, START, START.plusSeconds(3600)));

        // Then Berlin's subject is the operator's, London's the built-in one; both use the operator's text
        var drafts = stack.drafts();
        EmailDraft berlin = drafts.get(0);
        EmailDraft london = drafts.get(1);
        assertThat(berlin.getSubject()).isEqualTo("Kreuzberg: Room Hopper");
        assertThat(london.getSubject()).startsWith("Booking confirmed: Room Hopper");
        assertThat(berlin.getBodyText()).isEqualTo("Operator text for B-1");
        assertThat(london.getBodyText()).isEqualTo("Operator text for B-2");
        assertThat(berlin.getBodyHtml()).contains("<table"); // no HTML override: the built-in one
    }

    @Test
    void anOverrideIsPickedUpWhenTheFileChangesAndALanguageSpecificOneWinsForThatLanguage() throws IOException {
        Path subject = overrides.resolve("BER-1/booking-confirmation_de.subject.mustache");
        Files.createDirectories(subject.getParent());
        Files.writeString(subject, "Erste Fassung");
        stack = new BookingFixture(java.time.Duration.ZERO, overrides, START);
        stack.book(created("B-1", "M-2", "BER-1", 1, START, START.plusSeconds(3600)));
        stack.book(created("B-2", "M-1", "BER-1", 1, START, START.plusSeconds(3600)));
        var first = stack.drafts();
        assertThat(first.get(0).getSubject()).isEqualTo("Erste Fassung"); // German member
        assertThat(first.get(1).getSubject()).startsWith("Booking confirmed"); // English member: built-in English

        Files.writeString(subject, "Zweite Fassung");
        Files.setLastModifiedTime(subject, java.nio.file.attribute.FileTime.from(START));
        stack.book(created("B-3", "M-2", "BER-1", 1, START, START.plusSeconds(3600)));

        assertThat(stack.drafts().get(0).getSubject()).isEqualTo("Zweite Fassung");
    }
}
