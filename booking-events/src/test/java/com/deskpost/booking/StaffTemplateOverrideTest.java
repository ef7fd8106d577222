package com.deskpost.booking;

import static com.deskpost.booking.BookingFixture.created;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.EmailDraft;
import com.deskpost.events.TemplateOverride;
import com.deskpost.platform.template.TemplateOverrideKeys;
import com.deskpost.platform.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A template override staff activated for one location and language (a record on mail.templates, read as a global
 * table) changes the next mail composed for that location only; its tombstone (a rollback to the built-in template)
 * puts the built-in back.
 */
class StaffTemplateOverrideTest {

    private static final Instant START = Instant.parse("2026-05-05T08:00:00Z");
    private static final String KEY = TemplateOverrideKeys.of("BER-1", "booking-confirmation", "de");

    private final BookingFixture stack = new BookingFixture(Duration.ZERO, null, START);
    private int bookings;

    @AfterEach
    void stop() {
        stack.close();
    }

    @Test
    void anActivatedOverrideChangesTheNextMailOfItsLocationOnlyAndItsTombstoneRestoresTheBuiltIn() {
        // Given the built-in German confirmation in Berlin and London
        String builtIn = confirmation("BER-1").getSubject();
        String london = confirmation("LDN-1").getSubject();

        // When staff activate version 3 of Berlin's German confirmation
        stack.pipe(Topics.MAIL_TEMPLATES, KEY, TemplateOverride.newBuilder().setTemplate("booking-confirmation")
                .setLocale("de").setLocationId("BER-1").setVersion(3)
                .setSubject("Ihre Buchung {{bookingId}} in Kreuzberg")
                .setText("Buchung {{bookingId}} am {{date}} um {{startTime}}. Ihr Kreuzberg-Team")
                .setHtml("<p>Buchung <b>{{bookingId}}</b> am {{date}} um {{startTime}}</p>")
                .setActivatedBy("M-ADMIN").setActivatedAt(START).build());

        // Then Berlin's next German confirmation uses it; London's is still the built-in
        EmailDraft berlin = confirmation("BER-1");
        assertThat(berlin.getSubject()).isEqualTo("Ihre Buchung B-3 in Kreuzberg");
        assertThat(berlin.getBodyText()).startsWith("Buchung B-3 am ").endsWith("Ihr Kreuzberg-Team");
        assertThat(berlin.getBodyHtml()).startsWith("<p>Buchung <b>B-3</b> am ");
        assertThat(confirmation("LDN-1").getSubject()).isEqualTo(london);

        // When it is rolled back to the built-in template (a tombstone)
        stack.driver.createInputTopic(Topics.MAIL_TEMPLATES.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(KEY, null);

        // Then Berlin's next confirmation is the built-in one again
        assertThat(confirmation("BER-1").getSubject()).isEqualTo(builtIn).startsWith("Buchung bestätigt");
    }

    /** A booking by Grete (German) at the location, and the confirmation composed for it. */
    private EmailDraft confirmation(String location) {
        bookings++;
        stack.book(created("B-" + bookings, "M-2", location, 1, START.plusSeconds(86_400),
                START.plusSeconds(90_000)));
        return stack.drafts().stream().filter(draft -> draft.getTemplate().equals("booking-confirmation"))
                .findFirst().orElseThrow();
    }
}
