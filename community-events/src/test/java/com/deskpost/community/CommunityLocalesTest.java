package com.deskpost.community;

import static com.deskpost.community.Facility.announcement;
import static com.deskpost.community.Facility.inbound;
import static com.deskpost.community.Facility.inquiry;
import static com.deskpost.community.Facility.location;
import static com.deskpost.community.Facility.member;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.community.announcement.AnnouncementDrafts;
import com.deskpost.community.inquiry.InquiryReplies;
import com.deskpost.community.unsubscribe.Unsubscribes;
import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.InquiryKind;
import com.deskpost.events.InquiryReceived;
import com.deskpost.events.Location;
import com.deskpost.platform.streams.Emit;
import com.deskpost.platform.template.TemplateRenderer;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every community mail in every language Deskpost writes: an announcement in the member's language, an inquiry reply
 * and an unsubscribe confirmation in the location's (a prospect or an address is in no directory), dates written as
 * that language writes them; a language Deskpost does not write falls back to the location's, then to English.
 */
class CommunityLocalesTest {

    /** What each language's mails say: greeting, the two announcement footers, the inquiry replies, the unsubscribe. */
    enum Language {
        EN("en", "Hello", "Community news for members of", "An offer for members of", "Your tour of",
                "on April 28, 2026", "Your membership inquiry at", "Your inquiry to", "You wrote:", "Re: ",
                "thank you for writing to", "thank you for getting back to us", "You are unsubscribed from",
                "we received your request"),
        DE("de", "Hallo", "Neuigkeiten für Mitglieder von", "Ein Angebot für Mitglieder von", "Ihre Besichtigung von",
                "am 28. April 2026", "Ihre Anfrage zur Mitgliedschaft bei", "Ihre Anfrage an", "Sie schrieben:", "AW: ",
                "vielen Dank für Ihre Nachricht an", "vielen Dank für Ihre Rückmeldung",
                "Sie sind von Neuigkeiten und Angeboten", "wir haben Ihre Abmeldung erhalten"),
        FR("fr", "Bonjour", "Actualités de la communauté pour les membres de", "Une offre pour les membres de",
                "Votre visite de", "le 28 avril 2026", "Votre demande d'adhésion à", "Votre demande à",
                "Vous avez écrit :", "RE : ", "Merci d'avoir écrit à", "Merci pour votre retour",
                "Votre désinscription", "Nous avons bien reçu votre demande"),
        ES("es", "Hola", "Noticias de la comunidad para los miembros de", "Una oferta para los miembros de",
                "Su visita a", "el 28 de abril de 2026", "Su consulta sobre las membresías de", "Su consulta a",
                "Usted escribió:", "RE: ", "Gracias por escribir a", "Gracias por su respuesta",
                "Se ha dado de baja", "Hemos recibido su solicitud"),
        NL("nl", "Beste", "Nieuws uit de community voor de leden van", "Een aanbieding voor de leden van",
                "Uw rondleiding bij", "op 28 april 2026", "Uw vraag over een lidmaatschap bij", "Uw vraag aan",
                "U schreef:", "Re: ", "Dank u voor uw bericht aan", "Dank u voor uw reactie",
                "U bent afgemeld", "We hebben uw verzoek ontvangen");

        final String tag;
        final String greeting;
        final String community;
        final String offer;
        final String tourSubject;
        final String onTheDate;
        final String membershipSubject;
        final String otherSubject;
        final String youWrote;
        final String re;
        final String firstMail;
        final String followUp;
        final String unsubscribedSubject;
        final String unsubscribedText;

        Language(String tag, String greeting, String community, String offer, String tourSubject, String onTheDate,
                String membershipSubject, String otherSubject, String youWrote, String re, String firstMail,
                String followUp, String unsubscribedSubject, String unsubscribedText) {
            this.tag = tag;
            this.greeting = greeting;
            this.community = community;
            this.offer = offer;
            this.tourSubject = tourSubject;
            this.onTheDate = onTheDate;
            this.membershipSubject = membershipSubject;
            this.otherSubject = otherSubject;
            this.youWrote = youWrote;
            this.re = re;
            this.firstMail = firstMail;
            this.followUp = followUp;
            this.unsubscribedSubject = unsubscribedSubject;
            this.unsubscribedText = unsubscribedText;
        }
    }

    private final TemplateRenderer templates = new TemplateRenderer(getClass().getClassLoader());
    private final Clock clock = Clock.fixed(Facility.NOW, ZoneOffset.UTC);
    private final AnnouncementDrafts announcements = new AnnouncementDrafts(templates, clock);
    private final InquiryReplies inquiries = new InquiryReplies(templates, clock);
    private final Unsubscribes unsubscribes = new Unsubscribes(templates, clock);

    @ParameterizedTest
    @EnumSource(Language.class)
    void announcementsAreInTheMembersLanguage(Language language) {
        Location about = location("L-1", "EU", language.tag);
        EmailDraft community = announce(language.tag, about, AnnouncementKind.COMMUNITY);
        EmailDraft offer = announce(language.tag, about, AnnouncementKind.PROMOTIONAL);

        assertThat(community.getSubject()).isEqualTo("Summer party on the roof terrace");
        assertComplete(community, language.greeting + (language == Language.ES ? ", " : " ") + "Member M-1",
                language.community + " Deskpost L-1", "Bring a friend.");
        assertComplete(offer, language.offer + " Deskpost L-1");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void inquiryRepliesAreInTheLocationsLanguageWithItsDates(Language language) {
        Location location = location("L-1", "EU", language.tag);
        EmailDraft tour = formReply(InquiryKind.TOUR, location);
        EmailDraft membership = formReply(InquiryKind.MEMBERSHIP, location);
        EmailDraft other = formReply(InquiryKind.OTHER, location);
        EmailDraft first = inquiries.reply(inbound("<q-1@p.example>", "grace@p.example", "sales@l-1.example",
                "Desk prices?", "What does a desk cost?").setFromName("Grace").build(), location);
        EmailDraft followUp = inquiries.reply(inbound("<q-2@p.example>", "grace@p.example", "sales@l-1.example",
                "Re: Desk prices?", "And an office?").setInReplyTo("<r-1@l-1.example>").build(), location);

        assertThat(tour.getSubject()).isEqualTo(language.tourSubject + " Deskpost L-1");
        assertComplete(tour, "Grace Prospect", language.onTheDate, "Could I see the space");
        assertThat(membership.getSubject()).isEqualTo(language.membershipSubject + " Deskpost L-1");
        assertComplete(membership, "Grace Prospect");
        assertThat(other.getSubject()).isEqualTo(language.otherSubject + " Deskpost L-1");
        assertComplete(other, "Grace Prospect");
        // The plain text introduces the quoted inquiry; the HTML sets it off as a blockquote
        for (EmailDraft reply : List.of(tour, membership, other, first)) {
            assertThat(reply.getBodyText()).contains(language.youWrote);
        }
        assertThat(first.getSubject()).isEqualTo(language.re + "Desk prices?");
        assertComplete(first, "Grace", language.firstMail + " Deskpost L-1", "What does a desk cost?");
        assertThat(followUp.getSubject()).isEqualTo(language.re + "Desk prices?");
        assertComplete(followUp, language.followUp, "And an office?");
    }

    @ParameterizedTest
    @EnumSource(Language.class)
    void unsubscribeConfirmationsAreInTheLocationsLanguage(Language language) {
        Location location = location("L-1", "EU", language.tag);
        List<Emit<?>> out = unsubscribes.on(inbound("<u-1@m.example>", "ada@m.example", "unsubscribe@l-1.example",
                "Unsubscribe", "unsubscribe").build(), Optional.of(location), email -> Set.of());

        EmailDraft confirmation = out.stream().map(Emit::value).filter(EmailDraft.class::isInstance)
                .map(EmailDraft.class::cast).findFirst().orElseThrow();
        assertThat(confirmation.getSubject()).startsWith(language.unsubscribedSubject).contains("Deskpost L-1");
        assertComplete(confirmation, language.unsubscribedText);
    }

    @Test
    void aLanguageDeskpostDoesNotWriteFallsBackToTheLocationsThenToEnglish() {
        // A Canadian member reads the French announcement (no _fr-CA template), wherever the location is
        EmailDraft canadian = announce("fr-CA", location("L-1", "EU", "de-DE"), AnnouncementKind.COMMUNITY);
        assertComplete(canadian, "Bonjour Member M-1", "Actualités de la communauté");
        // A Brazilian member at a Spanish-speaking location reads Spanish
        EmailDraft brazilian = announce("pt-BR", location("L-1", "EU", "es"), AnnouncementKind.COMMUNITY);
        assertComplete(brazilian, "Hola, Member M-1", "Noticias de la comunidad");
        // A Japanese member at a Japanese-speaking location reads English
        EmailDraft japanese = announce("ja-JP", location("L-1", "EU", "ja"), AnnouncementKind.COMMUNITY);
        assertComplete(japanese, "Hello Member M-1", "Community news");
        // A Québec location answers a prospect in French, its date as written in Canada
        EmailDraft reply = formReply(InquiryKind.TOUR, location("L-1", "CA", "fr-CA"));
        assertComplete(reply, "Bonjour Grace Prospect", "le 28 avril 2026");
    }

    private EmailDraft announce(String memberLocale, Location about, AnnouncementKind kind) {
        CommunityEvent event = announcement("A-1", 1, List.of(about.getLocationId()), List.of());
        AnnouncementRequested requested = AnnouncementRequested.newBuilder(
                (AnnouncementRequested) event.getPayload()).setKind(kind).build();
        return announcements.draft(event, requested, member("M-1", about.getLocationId()).setLocale(memberLocale)
                .build(), about);
    }

    /** The reply to Grace's website inquiry (preferred date 28 April 2026) of this kind. */
    private EmailDraft formReply(InquiryKind kind, Location location) {
        CommunityEvent event = inquiry("I-" + kind, location.getLocationId(), null);
        InquiryReceived inquiry = InquiryReceived.newBuilder((InquiryReceived) event.getPayload()).setKind(kind)
                .build();
        return inquiries.reply(event, inquiry, location);
    }

    /** Text and HTML both carry every phrase, and no template tag is left unrendered. */
    private static void assertComplete(EmailDraft draft, String... phrases) {
        for (String part : List.of(draft.getBodyText(), draft.getBodyHtml())) {
            assertThat(part).as(draft.getTemplate()).contains(phrases).doesNotContain("{{");
        }
        assertThat(draft.getSubject()).as(draft.getTemplate()).isNotBlank().doesNotContain("{{");
    }
}
