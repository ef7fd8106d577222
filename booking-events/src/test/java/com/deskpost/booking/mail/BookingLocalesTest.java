package com.deskpost.booking.mail;

import static com.deskpost.booking.BookingFixture.cancelled;
import static com.deskpost.booking.BookingFixture.created;
import static com.deskpost.booking.BookingFixture.guest;
import static com.deskpost.booking.BookingFixture.location;
import static com.deskpost.booking.BookingFixture.member;
import static com.deskpost.booking.BookingFixture.modified;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.booking.mail.BookingComposer.Composed;
import com.deskpost.events.BookingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.template.TemplateRenderer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every booking mail in every language Deskpost writes: the member reads their own language, a guest the location's;
 * dates and times are written as that language (and region) writes them; a language Deskpost does not write falls
 * back to the location's, then to English.
 */
class BookingLocalesTest {

    /** Monday 7 December 2026, 10:00 in Berlin, for two hours. */
    private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");
    private static final Instant END = START.plusSeconds(7200);

    /** What each language's mail must say: its greeting, the booking row's label, the date, a meeting room. */
    enum Language {
        EN("en", "Hello", "Booking", "Monday, December 7, 2026", "meeting room",
                "Booking confirmed", "Booking changed", "Booking cancelled", "Reminder",
                "Invitation from Ada", "Visit changed", "Visit cancelled"),
        DE("de", "Hallo", "Buchung", "Montag, 7. Dezember 2026", "Besprechungsraum",
                "Buchung bestätigt", "Buchung geändert", "Buchung storniert", "Erinnerung",
                "Einladung von Ada", "Besuch geändert", "Besuch abgesagt"),
        FR("fr", "Bonjour", "Réservation", "lundi 7 décembre 2026", "salle de réunion",
                "Réservation confirmée", "Réservation modifiée", "Réservation annulée", "Rappel",
                "Invitation de Ada", "Visite modifiée", "Visite annulée"),
        ES("es", "Hola", "Reserva", "lunes, 7 de diciembre de 2026", "sala de reuniones",
                "Reserva confirmada", "Reserva modificada", "Reserva cancelada", "Recordatorio",
                "Invitación de Ada", "Visita modificada", "Visita cancelada"),
        NL("nl", "Beste", "Boeking", "maandag 7 december 2026", "vergaderruimte",
                "Boeking bevestigd", "Boeking gewijzigd", "Boeking geannuleerd", "Herinnering",
                "Uitnodiging van Ada", "Bezoek gewijzigd", "Bezoek geannuleerd");

        final String tag;
        final String greeting;
        final String bookingLabel;
        final String date;
        final String meetingRoom;
        final Map<String, String> subjects = new LinkedHashMap<>();

        Language(String tag, String greeting, String bookingLabel, String date, String meetingRoom,
                String... subjects) {
            this.tag = tag;
            this.greeting = greeting;
            this.bookingLabel = bookingLabel;
            this.date = date;
            this.meetingRoom = meetingRoom;
            String[] templates = {BookingComposer.CONFIRMATION, BookingComposer.MODIFICATION,
                BookingComposer.CANCELLATION, BookingComposer.REMINDER, BookingComposer.GUEST_INVITATION,
                BookingComposer.GUEST_UPDATE, BookingComposer.GUEST_CANCELLATION};
            for (int i = 0; i < templates.length; i++) {
                this.subjects.put(templates[i], subjects[i]);
            }
        }
    }

    private final BookingComposer composer = new BookingComposer(new TemplateRenderer(getClass().getClassLoader()),
            Clock.fixed(START, ZoneOffset.UTC));

    @ParameterizedTest
    @EnumSource(Language.class)
    void everyBookingMailIsWrittenInTheMembersLanguageWithItsDates(Language language) {
        // Given a member and a location that both speak the language
        Directory directory = directory(language.tag, language.tag);

        // When the booking lives its whole life: created with a guest, a guest added, one dropped, cancelled, reminded
        Map<String, EmailDraft> byTemplate = byTemplate(lifeOfABooking(directory));

        // Then each of the seven mails is in that language, complete, with the date written as the language does
        assertThat(byTemplate.keySet()).containsExactlyInAnyOrderElementsOf(language.subjects.keySet());
        byTemplate.forEach((template, draft) -> {
            assertThat(draft.getSubject()).as(template).startsWith(language.subjects.get(template))
                    .contains(language.date, "Deskpost Test");
            for (String part : List.of(draft.getBodyText(), draft.getBodyHtml())) {
                assertThat(part).as(template).contains(language.greeting, language.bookingLabel, language.date,
                        "Room Hopper (" + language.meetingRoom + ")", "B-1", "Oranienstraße 1", "Europe/Berlin")
                        .doesNotContain("{{", "()");
            }
            assertThat(draft.getBodyHtml()).as(template).contains("<html lang=\"" + language.tag + "\">");
            assertThat(draft.getSubject() + draft.getBodyText()).as(template).doesNotContain("{{");
            String greeted = template.startsWith("booking-guest") ? "Grace" : "Ada";
            assertThat(draft.getBodyText()).as(template).startsWith(language.greeting + (language == Language.ES
                    ? ", " : " ") + greeted);
        });
    }

    @Test
    void aCanadianMemberReadsFrenchWithCanadianTimes() {
        // Given a member whose locale is fr-CA at a German-speaking location (no _fr-CA template exists)
        EmailDraft mail = confirmation(directory("fr-CA", "de-DE"));

        // Then the mail is the French one, its time written the Canadian way
        assertThat(mail.getSubject()).startsWith("Réservation confirmée");
        assertThat(mail.getBodyText()).contains("Bonjour Ada", "lundi 7 décembre 2026")
                .containsPattern("10\\h?h\\h?00");
        assertThat(mail.getBodyHtml()).contains("<html lang=\"fr\">");
    }

    @Test
    void aLanguageDeskpostDoesNotWriteFallsBackToTheLocationsThenToEnglish() {
        // A Brazilian member at a Spanish-speaking location reads Spanish, with Spanish dates
        EmailDraft spanish = confirmation(directory("pt-BR", "es"));
        assertThat(spanish.getBodyText()).contains("Hola, Ada", "lunes, 7 de diciembre de 2026")
                .doesNotContain("segunda-feira");

        // A Japanese member at a Japanese-speaking location reads English, with English dates
        EmailDraft english = confirmation(directory("ja-JP", "ja"));
        assertThat(english.getSubject()).startsWith("Booking confirmed");
        assertThat(english.getBodyText()).contains("Hello Ada", "Monday, December 7, 2026", "meeting room");
    }

    @Test
    void aGuestReadsTheLocationsLanguageWhateverTheMembers() {
        Directory directory = directory("de", "nl-NL");
        Composed composed = (Composed) composer.compose(created("B-1", "M-1", "L-1", 1, START, END,
                guest("Grace", "grace@example.com")), null, directory);
        assertThat(composed.drafts()).extracting(EmailDraft::getSubject)
                .satisfiesExactly(member -> assertThat(member).startsWith("Buchung bestätigt"),
                        guest -> assertThat(guest).startsWith("Uitnodiging van Ada")
                                .contains("maandag 7 december 2026"));
    }

    @Test
    void aCancellationWithoutDetailsTitlesItsCalendarEntryInTheMailsLanguage() {
        // Given a booking never heard of before its cancellation, for a French member
        Composed composed = (Composed) composer.compose(cancelled("B-9", "M-1", "L-1", 1), null,
                directory("fr", "fr"));

        // Then the mail and the calendar withdrawal name it in French
        EmailDraft mail = composed.drafts().get(0);
        assertThat(mail.getSubject()).isEqualTo("Réservation annulée : B-9 – Deskpost Test");
        assertThat(new String(mail.getAttachments().get(0).getContent().array(), StandardCharsets.UTF_8))
                .contains("SUMMARY:Réservation B-9 – Deskpost Test");
    }

    private EmailDraft confirmation(Directory directory) {
        return ((Composed) composer.compose(created("B-1", "M-1", "L-1", 1, START, END), null, directory)).drafts()
                .get(0);
    }

    private List<EmailDraft> lifeOfABooking(Directory directory) {
        List<EmailDraft> out = new ArrayList<>();
        BookingEvent first = created("B-1", "M-1", "L-1", 1, START, END, guest("Grace", "grace@example.com"));
        Composed composed = (Composed) composer.compose(first, null, directory);
        out.addAll(composed.drafts());
        for (BookingEvent next : List.of(
                modified("B-1", "M-1", "L-1", 2, START, END, guest("Grace", "grace@example.com"),
                        guest("Grace Two", "grace2@example.com")),
                modified("B-1", "M-1", "L-1", 3, START, END, guest("Grace Two", "grace2@example.com")),
                cancelled("B-1", "M-1", "L-1", 4))) {
            composed = (Composed) composer.compose(next, composed.state(), directory);
            out.addAll(composed.drafts());
        }
        out.add(composer.remind(first, directory));
        return out;
    }

    /** The first mail of each template; guests' mails go to Grace first. */
    private static Map<String, EmailDraft> byTemplate(List<EmailDraft> drafts) {
        Map<String, EmailDraft> byTemplate = new LinkedHashMap<>();
        drafts.forEach(draft -> byTemplate.putIfAbsent(draft.getTemplate(), draft));
        return byTemplate;
    }

    private static Directory directory(String memberLocale, String locationLocale) {
        return Directory.of(List.of(location("L-1", "Deskpost Test", "Europe/Berlin", locationLocale)),
                List.of(member("M-1", "Ada", "ada@example.com", memberLocale)));
    }
}
