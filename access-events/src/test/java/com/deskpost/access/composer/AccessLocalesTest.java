package com.deskpost.access.composer;

import static com.deskpost.access.testdata.AccessEvents.AT;
import static com.deskpost.access.testdata.AccessEvents.afterHours;
import static com.deskpost.access.testdata.AccessEvents.contractor;
import static com.deskpost.access.testdata.AccessEvents.doorCode;
import static com.deskpost.access.testdata.AccessEvents.event;
import static com.deskpost.access.testdata.AccessEvents.incident;
import static com.deskpost.access.testdata.AccessEvents.keycard;
import static com.deskpost.access.testdata.AccessEvents.masterReset;
import static com.deskpost.access.testdata.AccessEvents.override;
import static com.deskpost.access.testdata.AccessEvents.revoked;
import static com.deskpost.access.testdata.AccessEvents.visitor;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.access.testdata.TestDirectory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.MemberRole;
import com.deskpost.events.RecipientRole;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialOpener;
import com.deskpost.platform.credential.CredentialPlaceholders;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every access mail in every language Deskpost writes: each template rendered for a member (and the staff mailbox)
 * of that language, with its own words, dates in that language's format, no placeholder left and no label without a
 * value; the language picked by {@code MailLocales} (fr-CA → French with Canadian formats, an unwritten language →
 * the location's, else English); and a credential still only sealed, never in a staff copy, whatever the language.
 */
class AccessLocalesTest {

    private static final String PLACEHOLDER = CredentialPlaceholders.of(1);

    /** A language's greeting, how it writes 2026-11-24 18:30 in London, a critical severity and three hours. */
    record Language(String tag, String hello, String dateTime, String critical, String threeHours) {
        int index() {
            return MailLocales.LANGUAGES.indexOf(tag);
        }
    }

    static List<Language> languages() {
        return List.of(
                new Language("en", "Hello ", "Nov 24, 2026, 6:30 PM", "[CRITICAL]", "3 hours"),
                new Language("de", "Hallo ", "24.11.2026, 18:30", "[KRITISCH]", "3 Stunden"),
                new Language("fr", "Bonjour ", "24 nov. 2026 18:30", "[CRITIQUE]", "3 heures"),
                new Language("es", "Hola, ", "24 nov 2026 18:30", "[CRÍTICO]", "3 horas"),
                new Language("nl", "Beste ", "24 nov. 2026 18:30", "[KRITIEK]", "3 uur"));
    }

    /** A phrase of each template's subject, in the order of {@link MailLocales#LANGUAGES}. */
    private static final Map<String, List<String>> SUBJECTS = Map.ofEntries(
            entry("access-keycard-provisioned", List.of("Your keycard for", "Ihre Schlüsselkarte für",
                    "Votre badge pour", "Su tarjeta de acceso para", "Uw toegangspas voor")),
            entry("access-keycard-revoked", List.of("no longer works", "ist nicht mehr gültig", "ne fonctionne plus",
                    "ya no funciona", "werkt niet meer")),
            entry("access-door-code-changed", List.of("New door code for", "Neuer Türcode für",
                    "Nouveau code de porte", "Nuevo código de puerta", "Nieuwe deurcode")),
            entry("access-after-hours-access", List.of("opened Door D1 after hours", "außerhalb der Öffnungszeiten",
                    "en dehors des heures d’ouverture", "fuera del horario de apertura", "buiten de openingstijden")),
            entry("access-master-keycode-reset", List.of("Master keycode reset", "Master-Code bei",
                    "Code maître réinitialisé", "Código maestro restablecido", "Mastercode opnieuw ingesteld")),
            entry("access-after-hours-override", List.of("After-hours access arranged", "Zugang außerhalb der",
                    "Accès hors horaires", "Acceso fuera de horario", "Toegang buiten openingstijden")),
            entry("access-visitor", List.of("Grace is expected at", "Grace wird bei", "Visite de Grace",
                    "Visita de Grace", "Grace wordt verwacht bij")),
            entry("access-visitor-staff", List.of("Visitor expected", "Besuch erwartet", "Visite attendue",
                    "Visita prevista", "Bezoeker verwacht")),
            entry("access-contractor", List.of("Contractor access granted", "Zugang für Dienstleister",
                    "Accès prestataire accordé", "Acceso de contratista concedido", "Toegang voor aannemer")),
            entry("access-contractor-staff", List.of("Contractor on site", "Dienstleister vor Ort",
                    "Prestataire sur site", "Contratista en el centro", "Aannemer aanwezig")),
            entry("access-building-incident", List.of("[CRITICAL] Fire alarm", "[KRITISCH] Fire alarm",
                    "[CRITIQUE] Fire alarm", "[CRÍTICO] Fire alarm", "[KRITIEK] Fire alarm")));

    private final CredentialKeys.PrivateKey key = CredentialKeys.generate("test-2026");
    private final CredentialOpener opener = new CredentialOpener(List.of(key));
    // Three hours after the door moment AT, so the after-hours mail says how late the lock reported it.
    private final AccessComposer composer = new AccessComposer(new TemplateRenderer(getClass().getClassLoader()),
            new CredentialSealer(List.of(key.publicKey())), LateReports.DEFAULTS,
            Clock.fixed(AT.plus(Duration.ofHours(3)), ZoneOffset.UTC));

    @ParameterizedTest
    @MethodSource("languages")
    void everyAccessMailIsWrittenInTheMembersLanguage(Language language) {
        TestDirectory directory = place("LOC", language.tag(), language.tag());
        Map<String, EmailDraft> mails = everyMail(directory);

        assertThat(mails.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AccessMail.values()).map(mail -> mail.template).toList());
        mails.forEach((template, draft) -> {
            String subject = plain(draft.getSubject());
            String text = plain(draft.getBodyText());
            String html = plain(draft.getBodyHtml());
            assertThat(subject).as(template).contains(SUBJECTS.get(template).get(language.index()));
            assertThat(text).as(template).contains(language.hello(), "Deskpost LOC", "1 Example Street");
            assertThat(html).as(template).contains(language.hello(), "Deskpost LOC", "1 Example Street");
            assertThat(subject + text + html).as(template).doesNotContain("{{", "}}");
            // A label followed by nothing would mean a value the template expects was never given.
            assertThat(text).as(template).doesNotContainPattern("(?m)^ {2}[^ {][^:\\n]*:\\s*$");
            assertThat(html).as(template).doesNotContain("<td></td>");
            if (!language.tag().equals("en")) {
                assertThat(html).as(template).contains("<html lang=\"" + language.tag() + "\">");
                assertThat(text + html).as(template).doesNotContain("Hello ", "Works from", "Entry code");
            }
        });
        assertThat(plain(mails.get("access-keycard-provisioned").getBodyText())).contains(language.dateTime());
        assertThat(plain(mails.get("access-after-hours-access").getBodyText()))
                .contains(language.dateTime(), language.threeHours());
        assertThat(plain(mails.get("access-building-incident").getSubject())).startsWith(language.critical());
    }

    @ParameterizedTest
    @MethodSource("languages")
    void aCredentialStaysSealedAndOutOfEveryStaffCopyInEveryLanguage(Language language) {
        TestDirectory directory = place("LOC", language.tag(), language.tag());
        Map<String, EmailDraft> mails = everyMail(directory);

        Map<String, String> codes = Map.of("access-door-code-changed", "4821-7730", "access-master-keycode-reset",
                "6060-4242", "access-visitor", "9911-0001", "access-contractor", "5522-0002");
        codes.forEach((template, code) -> {
            EmailDraft holder = mails.get(template);
            assertThat(holder.toString()).as(template).doesNotContain(code);
            assertThat(holder.getBodyText()).as(template).contains(PLACEHOLDER);
            assertThat(opener.reveal(holder).getBodyText()).as(template).contains(code);
        });
        for (String staffCopy : List.of("access-visitor-staff", "access-contractor-staff")) {
            EmailDraft staff = mails.get(staffCopy);
            assertThat(staff.getRecipient().getRole()).isEqualTo(RecipientRole.STAFF);
            assertThat(staff.getSecrets()).as(staffCopy).isEmpty();
            assertThat(staff.toString()).as(staffCopy).doesNotContain("9911", "5522", PLACEHOLDER);
        }
    }

    @Test
    void aCanadianFrenchMemberReadsFrenchWithCanadianTimes() {
        EmailDraft card = byTemplate(everyMail(place("LOC", "fr-CA", "en")), "access-keycard-provisioned");

        assertThat(plain(card.getBodyText())).contains("Bonjour ", "Votre badge pour", "24 nov. 2026 18 h 30");
    }

    @Test
    void aMemberInALanguageDeskpostDoesNotWriteReadsTheLocationsLanguage() {
        EmailDraft card = byTemplate(everyMail(place("LOC", "pt-BR", "es")), "access-keycard-provisioned");

        assertThat(plain(card.getBodyText())).contains("Hola, ", "Se ha emitido su tarjeta", "24 nov 2026 18:30");
    }

    @Test
    void withNeitherLanguageWrittenTheMailIsEnglish() {
        EmailDraft card = byTemplate(everyMail(place("LOC", "ja-JP", "pt")), "access-keycard-provisioned");

        assertThat(plain(card.getBodyText())).contains("Hello ", "has been issued", "Nov 24, 2026, 6:30 PM");
    }

    @Test
    void theStaffMailboxReadsTheLocationsLanguageWhateverTheSponsorsLanguage() {
        Map<String, EmailDraft> mails = everyMail(place("LOC", "fr", "de"));

        assertThat(mails.get("access-visitor").getBodyText()).contains("Bonjour Member MLOC,");
        EmailDraft staff = mails.get("access-visitor-staff");
        assertThat(staff.getRecipient().getName()).isEqualTo("Team Deskpost LOC");
        assertThat(staff.getBodyText()).contains("Hallo Team Deskpost LOC,", "Besuch:", "Member MLOC");
    }

    /** A location with a member and a staff member ("M" and "S" + its id) who read {@code memberLocale}. */
    private static TestDirectory place(String id, String memberLocale, String locationDefault) {
        return new TestDirectory()
                .add(aLocation(id).header(TestDirectory.header("l-" + id, 1, id))
                        .address("1 Example Street", "London", "EC1A 1AA", "GB")
                        .mailboxesAt(id.toLowerCase() + ".example").approvers().defaultLocale(locationDefault).build())
                .add(aMember("M" + id).locale(memberLocale).at(id).build())
                .add(aMember("S" + id).role(MemberRole.STAFF).locale(memberLocale).at(id).build());
    }

    /** One draft of every access template, first per template: the member's (sponsor's) mail before the staff copy. */
    private Map<String, EmailDraft> everyMail(TestDirectory directory) {
        String loc = directory.locations().get(0).getLocationId();
        String member = "M" + loc;
        String staff = "S" + loc;
        List<EmailDraft> drafts = List.of(
                event("e-1", 1, loc, member, keycard("K-1")),
                event("e-2", 2, loc, member, revoked("K-1")),
                event("e-3", 1, loc, member, doorCode("D1", "4821-7730")),
                event("e-4", 1, loc, member, afterHours("D1")),
                event("e-5", 1, loc, staff, masterReset("6060-4242", staff)),
                event("e-6", 1, loc, member, override("D2", staff)),
                event("e-7", 1, loc, member, visitor("Grace", "9911-0001")),
                event("e-8", 1, loc, member, contractor("Ivan", "5522-0002")),
                event("e-9", 1, loc, member, incident("INC-1")))
                .stream().flatMap(event -> {
                    AccessComposer.Composition out = composer.compose(event, directory);
                    assertThat(out.refused()).as("refused by the access policy").isEmpty();
                    return out.drafts().stream();
                }).toList();
        return drafts.stream().collect(Collectors.toMap(EmailDraft::getTemplate, draft -> draft, (first, next) -> first,
                LinkedHashMap::new));
    }

    private static EmailDraft byTemplate(Map<String, EmailDraft> mails, String template) {
        assertThat(mails).containsKey(template);
        return mails.get(template);
    }

    /** Locale data separates with no-break spaces (U+00A0, U+202F in newer JDKs): compared as plain spaces. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
