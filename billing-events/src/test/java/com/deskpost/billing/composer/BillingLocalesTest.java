package com.deskpost.billing.composer;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.BillingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.InvoiceLine;
import com.deskpost.events.Location;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.template.MailLocales;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.testfixtures.Headers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every billing mail in every language Deskpost writes: each template rendered for a member of that language, with
 * its own words, amounts and dates as that language writes them, the processor's reason in words, no placeholder left
 * and no label without a value; and the language picked by {@code MailLocales} (fr-CA → French with Canadian amounts
 * and times, an unwritten language → the location's, else English).
 */
class BillingLocalesTest {

    private static final LocalDate MAY = LocalDate.parse("2026-05-01");
    /** 08:00 in Berlin. */
    private static final Instant FAILED_AT = Instant.parse("2026-05-02T06:00:00Z");

    /** How a language greets Ada, writes €129.00, 1 May 2026, 2 May 2026 08:00 in Berlin and "card_declined". */
    record Language(String tag, String hello, String amount, String date, String dateTime, String declined) {
        int index() {
            return MailLocales.LANGUAGES.indexOf(tag);
        }
    }

    static List<Language> languages() {
        return List.of(
                new Language("en", "Hello Ada,", "€129.00", "May 1, 2026", "May 2, 2026, 8:00 AM", "card declined"),
                new Language("de", "Hallo Ada,", "129,00 €", "1. Mai 2026", "2. Mai 2026, 08:00", "Karte abgelehnt"),
                new Language("fr", "Bonjour Ada,", "129,00 €", "1 mai 2026", "2 mai 2026 08:00", "carte refusée"),
                new Language("es", "Hola, Ada:", "129,00 €", "1 de mayo de 2026", "2 de mayo de 2026 8:00",
                        "tarjeta rechazada"),
                new Language("nl", "Beste Ada,", "€ 129,00", "1 mei 2026", "2 mei 2026 08:00", "kaart geweigerd"));
    }

    /** Each template's subject, in the order of {@link MailLocales#LANGUAGES}. */
    private static final Map<String, List<String>> SUBJECTS = Map.ofEntries(
            entry("billing-renewal-reminder", List.of(
                    "Your Hot desk membership renews on May 1, 2026 – Deskpost BER",
                    "Ihre Mitgliedschaft Hot desk verlängert sich am 1. Mai 2026 – Deskpost BER",
                    "Votre adhésion Hot desk est renouvelée le 1 mai 2026 – Deskpost BER",
                    "Su membresía Hot desk se renueva el 1 de mayo de 2026 – Deskpost BER",
                    "Uw lidmaatschap Hot desk wordt verlengd op 1 mei 2026 – Deskpost BER")),
            entry("billing-receipt", List.of("Payment received: €129.00 – Deskpost BER",
                    "Zahlung erhalten: 129,00 € – Deskpost BER", "Paiement reçu : 129,00 € – Deskpost BER",
                    "Pago recibido: 129,00 € – Deskpost BER", "Betaling ontvangen: € 129,00 – Deskpost BER")),
            entry("billing-payment-failed", List.of("Action needed: your payment of €129.00 failed – Deskpost BER",
                    "Handlungsbedarf: Ihre Zahlung über 129,00 € ist fehlgeschlagen – Deskpost BER",
                    "Action requise : votre paiement de 129,00 € a échoué – Deskpost BER",
                    "Acción necesaria: no se ha podido cobrar su pago de 129,00 € – Deskpost BER",
                    "Actie vereist: uw betaling van € 129,00 is mislukt – Deskpost BER")),
            entry("billing-invoice", List.of("Invoice INV-7: €149.00 due May 15, 2026 – Deskpost BER",
                    "Rechnung INV-7: 149,00 € fällig am 15. Mai 2026 – Deskpost BER",
                    "Facture INV-7 : 149,00 €, échéance le 15 mai 2026 – Deskpost BER",
                    "Factura INV-7: 149,00 €, vence el 15 de mayo de 2026 – Deskpost BER",
                    "Factuur INV-7: € 149,00, te betalen uiterlijk 15 mei 2026 – Deskpost BER")),
            entry("billing-cancellation", List.of("Your membership ends on May 31, 2026 – Deskpost BER",
                    "Ihre Mitgliedschaft endet am 31. Mai 2026 – Deskpost BER",
                    "Votre adhésion prend fin le 31 mai 2026 – Deskpost BER",
                    "Su membresía finaliza el 31 de mayo de 2026 – Deskpost BER",
                    "Uw lidmaatschap eindigt op 31 mei 2026 – Deskpost BER")));

    private final BillingComposer composer = new BillingComposer(new TemplateRenderer(getClass().getClassLoader()),
            Clock.fixed(Instant.parse("2026-05-02T07:00:00Z"), ZoneOffset.UTC));

    @ParameterizedTest
    @MethodSource("languages")
    void everyBillingMailIsWrittenInTheMembersLanguage(Language language) {
        Map<String, EmailDraft> mails = everyMail(language.tag(), "en", "EUR");

        assertThat(mails.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(MailKind.values()).map(kind -> kind.template).toList());
        mails.forEach((template, draft) -> {
            String subject = plain(draft.getSubject());
            String text = plain(draft.getBodyText());
            String html = plain(draft.getBodyHtml());
            assertThat(subject).as(template).isEqualTo(SUBJECTS.get(template).get(language.index()));
            assertThat(text).as(template).contains(language.hello(), "Deskpost BER", "Oranienstraße 1");
            assertThat(html).as(template).contains(language.hello(), "Deskpost BER", "Oranienstraße 1");
            assertThat(subject + text + html).as(template).doesNotContain("{{", "}}");
            // A label followed by nothing would mean a value the template expects was never given.
            assertThat(text).as(template).doesNotContainPattern("(?m)^ {2}[^ {][^:\\n]*:\\s*$");
            assertThat(html).as(template).doesNotContain("<td></td>");
            if (!language.tag().equals("en")) {
                assertThat(html).as(template).contains("<html lang=\"" + language.tag() + "\">");
                assertThat(text + html).as(template).doesNotContain("Hello ", "Subscription", "Amount");
            }
        });
        assertThat(plain(mails.get("billing-renewal-reminder").getBodyText())).contains(language.amount(),
                language.date());
        assertThat(plain(mails.get("billing-receipt").getBodyText())).contains(language.amount(), "Visa ending 4242");
        assertThat(plain(mails.get("billing-payment-failed").getBodyText())).contains(language.amount(),
                language.dateTime() + " (Europe/Berlin)", language.declined());
        assertThat(plain(mails.get("billing-invoice").getBodyHtml())).contains(language.amount(), "<td>Hot desk</td>");
    }

    @Test
    void aCanadianFrenchMemberReadsFrenchWithCanadianAmountsAndTimes() {
        EmailDraft failed = everyMail("fr-CA", "en", "CAD").get("billing-payment-failed");

        // France writes the same amount "129,00 $CA" and the time "08:00".
        assertThat(plain(failed.getSubject()))
                .isEqualTo("Action requise : votre paiement de 129,00 $ CA a échoué – Deskpost BER");
        assertThat(plain(failed.getBodyText())).contains("Bonjour Ada,", "carte refusée", "2 mai 2026 08 h 00")
                .doesNotContain("$CA");
    }

    @Test
    void aMemberInALanguageDeskpostDoesNotWriteReadsTheLocationsLanguage() {
        EmailDraft receipt = everyMail("pt-BR", "es", "EUR").get("billing-receipt");

        assertThat(plain(receipt.getSubject())).isEqualTo("Pago recibido: 129,00 € – Deskpost BER");
        assertThat(plain(receipt.getBodyText())).contains("Hola, Ada:", "Gracias, hemos recibido su pago.");
    }

    @Test
    void withNeitherLanguageWrittenTheMailIsEnglish() {
        EmailDraft receipt = everyMail("ja-JP", "pt", "EUR").get("billing-receipt");

        assertThat(receipt.getSubject()).isEqualTo("Payment received: €129.00 – Deskpost BER");
        assertThat(receipt.getBodyText()).contains("Hello Ada,", "thank you, we received your payment.");
    }

    @Test
    void aReasonNoLanguageHasWordsForIsShownAsTheProcessorSentIt() {
        Map<String, EmailDraft> mails = compose("de", "en", List.of(
                PaymentFailed.newBuilder(failure("EUR")).setFailureReason("do_not_honor").build()));

        assertThat(mails.get("billing-payment-failed").getBodyText()).contains("do not honor");
    }

    /** One mail of every billing template to Ada, who reads {@code memberLocale}, at Deskpost BER. */
    private Map<String, EmailDraft> everyMail(String memberLocale, String locationDefault, String currency) {
        return compose(memberLocale, locationDefault, List.of(
                RenewalUpcoming.newBuilder().setPlanName("Hot desk").setAmount(money(12900, currency))
                        .setPeriodStart(MAY).setPeriodEnd(MAY.plusMonths(1).minusDays(1)).build(),
                PaymentSucceeded.newBuilder().setPaymentId("PAY-1").setAmount(money(12900, currency))
                        .setPaidAt(FAILED_AT).setPeriodStart(MAY).setPeriodEnd(MAY.plusMonths(1).minusDays(1))
                        .setMethod("Visa ending 4242").build(),
                failure(currency),
                InvoiceIssued.newBuilder().setInvoiceId("INV-7").setTotal(money(14900, currency))
                        .setIssuedOn(MAY).setDueOn(LocalDate.parse("2026-05-15"))
                        .setLines(List.of(
                                InvoiceLine.newBuilder().setDescription("Hot desk").setQuantity(1)
                                        .setUnitAmountMinor(12900).build(),
                                InvoiceLine.newBuilder().setDescription("Meeting room hour").setQuantity(2)
                                        .setUnitAmountMinor(1000).build()))
                        .setInvoiceUrl("https://billing.example/INV-7").build(),
                MembershipCancelled.newBuilder().setEffectiveOn(LocalDate.parse("2026-05-31"))
                        .setReason("Moving to Lisbon").build()));
    }

    /** Each payload as the first event of its own subscription, so every one drafts its mail. */
    private Map<String, EmailDraft> compose(String memberLocale, String locationDefault, List<Object> payloads) {
        Location berlin = aLocation("BER").header(Headers.header("l", 1, "BER", Instant.EPOCH))
                .address("Oranienstraße 1", "Berlin", "10999", "DE").timeZone("Europe/Berlin").jurisdiction("EU")
                .mailboxesAt("ber.example").approvers().defaultLocale(locationDefault).build();
        Directory directory = Directory.of(List.of(berlin), List.of(aMember("M-1").named("Ada")
                .email("ada@example.com").locale(memberLocale).at("BER").build()));
        Map<String, EmailDraft> mails = new LinkedHashMap<>();
        for (int i = 0; i < payloads.size(); i++) {
            BillingEvent event = BillingEvent.newBuilder()
                    .setHeader(Headers.header("e-" + i, 1, "BER", FAILED_AT))
                    .setSubscriptionId("SUB-" + i).setMemberId("M-1").setPayload(payloads.get(i)).build();
            composer.compose(event, null, directory).drafts().forEach(draft -> mails.put(draft.getTemplate(), draft));
        }
        return mails;
    }

    private static PaymentFailed failure(String currency) {
        return PaymentFailed.newBuilder().setPaymentId("PAY-2").setAmount(money(12900, currency)).setFailedAt(FAILED_AT)
                .setFailureReason("card_declined").setRetryAt(FAILED_AT.plusSeconds(3 * 86400)).setPeriodStart(MAY)
                .build();
    }

    private static Money money(long minor, String currency) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
    }

    /** Locale data separates with no-break spaces (U+00A0, U+202F in newer JDKs): compared as plain spaces. */
    private static String plain(String text) {
        return text.replace('\u00a0', ' ').replace('\u202f', ' ');
    }
}
