package com.deskpost.devstack;

import static com.deskpost.devstack.StackQueries.auditTypes;
import static com.deskpost.devstack.StackQueries.part;
import static com.deskpost.devstack.StackQueries.subject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.community.inbound.SmtpListener;
import com.deskpost.events.AnnouncementKind;
import com.deskpost.events.AnnouncementRequested;
import com.deskpost.events.CommunityEvent;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.platform.consent.ConsentTag;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.browser.HeadlessChromium;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The community service through the whole stack (community composer, oversight, delivery, a real
 * SMTP server, the inbound SMTP listener and webhook): an announcement reaches exactly the members
 * whose jurisdiction's consent rule allows it, each with a one-click unsubscribe that works; an
 * unsubscribe by reply takes effect for the next announcement and is confirmed once; an inquiry's
 * reply is held, edited by an approver and delivered in the prospect's thread; an announcement corrected
 * after its fan-out supersedes the older drafts, keyed per member, and only the correction is mailed; a member
 * who switches "events" off on the preference page, in a real browser, gets the next community news but not the
 * next event.
 */
class CommunityEndToEndIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Location BERLIN = SampleFacility.location("BER-C", "Deskpost Community Berlin", "Berlin",
            "DE", "Europe/Berlin", "EU");
    private static final Location SAN_FRANCISCO = SampleFacility.location("SFO-C", "Deskpost Community SoMa",
            "San Francisco", "US", "America/Los_Angeles", "US-CA");
    private static final Location NEW_YORK = SampleFacility.location("NYC-C", "Deskpost Community Flatiron",
            "New York", "US", "America/New_York", "US");
    // Staff approve every mail of this location (gated_send), so an announcement's drafts wait to be superseded.
    private static final Location CHICAGO = SampleFacility.location("CHI-C", "Deskpost Community Fulton Market",
            "Chicago", "US", "America/Chicago", "US");
    private static final List<String> EDITS = List.of("edit1@members.example", "edit2@members.example",
            "edit3@members.example", "edit4@members.example", "edit5@members.example", "edit6@members.example");
    private static final String PREFERS_NO_EVENTS = "no.events@members.example";
    private static final String KEEPS_EVERYTHING = "all.topics@members.example";
    // The key community-events.yml ships for development; the stack runs with it.
    private static final String WEBHOOK_KEY = "dev-only-inbound-webhook-key";
    // The API key delivery-service.yml ships for development (client ops).
    private static final String DELIVERY_API_KEY = "dev-only-api-key";

    private static LocalStack stack;
    private static FacilityPublisher publisher;
    private static AvroSerdes serdes;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        stack = LocalStack.infrastructure(LocalStack.Ports.RANDOM, Postgres.shared())
                .withServiceSettings("--deskpost.oversight.mailbox-modes[" + CHICAGO.getLocationId() + "]=gated_send");
        publisher = new FacilityPublisher(stack.bootstrapServers(), stack.registryUrl());
        serdes = new AvroSerdes(new SchemaRegistryClient(stack.registryUrl()));
        for (Location location : List.of(BERLIN, SAN_FRANCISCO, NEW_YORK, CHICAGO)) {
            publisher.publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        // The mixed audience of the first test, tagged so the other tests' announcements miss it
        member("M-EU-IN", "eu.in@members.example", BERLIN, "mixed");
        member("M-EU-OUT", "eu.out@members.example", BERLIN, "mixed");
        member("M-CA-OUT", "ca.out@members.example", SAN_FRANCISCO, "mixed");
        member("M-UNSUB", "unsub@members.example", NEW_YORK, "mixed");
        member("M-US", "us@members.example", NEW_YORK, "mixed");
        // The second test's members
        member("M-REPLY", "replier@members.example", NEW_YORK, "replies");
        member("M-STAY", "stayer@members.example", NEW_YORK, "replies");
        // The preference centre's members: one switches events off, the other keeps every topic
        member("M-PREF-OFF", PREFERS_NO_EVENTS, NEW_YORK, "prefs");
        member("M-PREF-ALL", KEEPS_EVERYTHING, NEW_YORK, "prefs");
        // The corrected announcement's audience
        for (int i = 0; i < EDITS.size(); i++) {
            member("M-EDIT-" + (i + 1), EDITS.get(i), CHICAGO, "edits");
        }
        consent("eu.in@members.example", ConsentTag.OPT_IN);
        consent("ca.out@members.example", ConsentTag.CCPA_OPT_OUT);
        consent("unsub@members.example", ConsentTag.UNSUBSCRIBED);
        stack.startServices();
    }

    @AfterAll
    static void stop() {
        publisher.close();
        stack.close();
    }

    @Test
    void anAnnouncementToAMixedAudienceReachesExactlyTheEligibleWithAWorkingOneClickUnsubscribe() throws Exception {
        // Given members in the EU (one opted in, one not), California (opted out), New York (one unsubscribed)
        // When the community team announces to all three locations
        CommunityEvent announcement = announcement("A-MIX", List.of("BER-C", "SFO-C", "NYC-C"), "mixed");
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-MIX", announcement);

        // Then the opted-in EU member and the New York member receive it
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("eu.in@members.example").size() == 1
                && stack.smtp().messagesTo("us@members.example").size() == 1);
        String eventId = announcement.getHeader().getEventId();
        // (the SENT audit event reaches the audit store just after the mail reaches the SMTP server)
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId(eventId, "eu.in@members.example"))
                .containsAll(List.of("DRAFTED", "SENT")));
        // and nobody else: their drafts were never composed, so there is nothing to suppress either
        for (String withheld : List.of("eu.out@members.example", "ca.out@members.example", "unsub@members.example")) {
            assertThat(auditTypes(stack, draftId(eventId, withheld))).as(withheld).isEmpty();
            assertThat(stack.smtp().messagesTo(withheld)).as(withheld).isEmpty();
        }

        // And each carries RFC 8058 one-click unsubscribe headers and the location's physical address
        MimeMessage berlin = stack.smtp().messagesTo("eu.in@members.example").get(0);
        MimeMessage newYork = stack.smtp().messagesTo("us@members.example").get(0);
        for (MimeMessage mail : List.of(berlin, newYork)) {
            assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            assertThat(mail.getHeader("List-Unsubscribe", null)).contains("<mailto:unsubscribe@", "/unsubscribe/");
            assertThat(part(mail, "text/plain")).contains("1 Market Street");
        }
        assertThat(part(berlin, "text/plain")).startsWith("Hallo Member M-EU-IN,");
        assertThat(subject(newYork)).isEqualTo("Summer party on the roof terrace");

        // When the New York member follows the https link with the one-click POST
        HttpResponse<String> clicked = http.send(HttpRequest.newBuilder(deliveryUrl(unsubscribeLink(newYork)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());

        // Then the unsubscribe is recorded at once
        assertThat(clicked.statusCode()).isEqualTo(200);
        assertThat(consentSource("us@members.example")).isEqualTo("one-click");
    }

    @Test
    void anUnsubscribeByReplyIsConfirmedOnceAndTheNextAnnouncementSkipsTheMember() throws Exception {
        // Given an announcement both members received
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-R1", announcement("A-R1", List.of("NYC-C"), "replies"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("replier@members.example").size() == 1
                && stack.smtp().messagesTo("stayer@members.example").size() == 1);
        MimeMessage received = stack.smtp().messagesTo("replier@members.example").get(0);

        // When the member replies asking to be unsubscribed, through the inbound SMTP listener
        String replyId = "<reply-1@members.example>";
        sendReply(received, replyId, "Please unsubscribe me from these mails.");

        // Then the unsubscribe is recorded, naming the reply, and confirmed to the member
        await().atMost(WAIT).until(() -> "inbound-mail".equals(consentSource("replier@members.example")));
        await().atMost(WAIT).until(() -> confirmations("replier@members.example").size() == 1);
        MimeMessage confirmation = confirmations("replier@members.example").get(0);
        assertThat(confirmation.getHeader("In-Reply-To", null)).isEqualTo(replyId);

        // When the same reply reaches the webhook too (a provider forwarding it as well)
        HttpResponse<String> again = webhook("""
                {"messageId": "%s", "from": "replier@members.example", "to": ["unsubscribe@nyc-c.deskpost.example"],
                 "subject": "Re: Summer party on the roof terrace", "text": "Please unsubscribe me from these mails."}
                """.formatted(replyId), WEBHOOK_KEY);
        assertThat(again.statusCode()).isEqualTo(202);

        // And the next announcement goes out
        CommunityEvent next = announcement("A-R2", List.of("NYC-C"), "replies");
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-R2", next);

        // Then only the member who stayed receives it; the one who left is not even drafted
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("stayer@members.example").size() == 2);
        assertThat(auditTypes(stack, draftId(next.getHeader().getEventId(), "replier@members.example"))).isEmpty();
        // and the confirmation was sent once, for both receptions of the reply
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> confirmations("replier@members.example").size() == 1);
        assertThat(stack.smtp().messagesTo("replier@members.example")).hasSize(2);
    }

    @Test
    void anInquiryIsHeldEditedByAnApproverAndDeliveredInTheProspectsThread() throws Exception {
        // The webhook refuses callers without the key, and says how to authenticate
        HttpResponse<String> anonymous = webhook("{}", "wrong-key-wrong-key");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"error\":\"unauthorized\"", "Authorization: Bearer");
        HttpResponse<String> invalid = webhook("{\"from\": \"not an address\", \"to\": [\"a@b.example\"]}", WEBHOOK_KEY);
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.body()).contains("\"field\":\"from\"");

        // Given a prospect's mail to the San Francisco sales mailbox, arriving through the webhook
        String inquiryId = "<inquiry-1@prospect.example>";
        HttpResponse<String> accepted = webhook("""
                {"messageId": "%s", "from": "Grace Prospect <grace@prospect.example>",
                 "to": ["sales@sfo-c.deskpost.example"], "subject": "Tour next week?",
                 "text": "Hi, could my team of four see the space next week?"}
                """.formatted(inquiryId), WEBHOOK_KEY);
        assertThat(accepted.statusCode()).isEqualTo(202);

        // Then a reply is drafted and held for staff (gated_all), not sent
        String draftId = DraftIds.draftId(DraftIds.nameBased("inbound", inquiryId), "inquiry-reply-mail",
                "grace@prospect.example");
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId).contains("HELD"));
        assertThat(stack.smtp().messagesTo("grace@prospect.example")).isEmpty();
        HttpResponse<String> pending = oversight(HttpRequest.newBuilder(oversightUrl("/api/v1/pending?location=SFO-C"))
                .GET());
        assertThat(pending.body()).contains(draftId, "gated_all");

        // When the approver edits the reply and approves it through the oversight API
        HttpResponse<String> decided = oversight(HttpRequest.newBuilder(
                        oversightUrl("/api/v1/pending/" + draftId + "/decision"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"action": "edit_and_approve", "subject": "Re: Tour next week? Thursday works",
                         "body": "Hi Grace,\\n\\nThursday at 10:00 works for a tour for four. See you then!\\n\\nSam"}
                        """)));
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);

        // Then the edited reply reaches the prospect, in the prospect's thread
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("grace@prospect.example").size() == 1);
        MimeMessage reply = stack.smtp().messagesTo("grace@prospect.example").get(0);
        assertThat(subject(reply)).isEqualTo("Re: Tour next week? Thursday works");
        assertThat(part(reply, "text/plain")).contains("Thursday at 10:00 works for a tour for four.");
        assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(inquiryId);
        assertThat(reply.getHeader("References", null)).contains(inquiryId);
        await().atMost(WAIT).until(() -> auditTypes(stack, draftId).containsAll(
                List.of("DRAFTED", "HELD", "EDITED", "APPROVED", "RELEASED", "SENT")));
    }

    @Test
    void anAnnouncementCorrectedAfterItsFanOutSupersedesTheHeldDraftsAndOnlyTheCorrectionIsMailed() throws Exception {
        // Given an announcement fanned out to six members of a location whose mail staff approve first
        CommunityEvent first = announcement("A-ED", 1, List.of("CHI-C"), "edits", "Rooftop party on Friday");
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-ED", first);
        for (String email : EDITS) {
            String held = draftId(first.getHeader().getEventId(), email);
            await().atMost(WAIT).until(() -> auditTypes(stack, held).contains("HELD"));
        }

        // When it is corrected (version 2) before anyone approved it
        CommunityEvent corrected = announcement("A-ED", 2, List.of("CHI-C"), "edits", "Rooftop party moved to Saturday");
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-ED", corrected);

        // Then every draft of the first version is superseded while held, and the corrections are held instead
        for (String email : EDITS) {
            String older = draftId(first.getHeader().getEventId(), email);
            String newer = draftId(corrected.getHeader().getEventId(), email);
            await().atMost(WAIT).until(() -> auditTypes(stack, older).contains("SUPERSEDED")
                    && auditTypes(stack, newer).contains("HELD"));
        }

        // When staff approve the corrections
        for (String email : EDITS) {
            String newer = draftId(corrected.getHeader().getEventId(), email);
            HttpResponse<String> approved = oversight(HttpRequest.newBuilder(
                            oversightUrl("/api/v1/pending/" + newer + "/decision"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\": \"approve\"}")));
            assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        }

        // Then each member receives the correction, at the SMTP server, and the first version never
        await().atMost(WAIT).until(() -> EDITS.stream().allMatch(email -> !stack.smtp().messagesTo(email).isEmpty()));
        for (String email : EDITS) {
            assertThat(stack.smtp().messagesTo(email)).as(email).singleElement()
                    .satisfies(mail -> assertThat(subject(mail)).isEqualTo("Rooftop party moved to Saturday"));
            assertThat(auditTypes(stack, draftId(first.getHeader().getEventId(), email))).as(email)
                    .contains("SUPERSEDED").doesNotContain("RELEASED", "SENT");
        }

        // And on the topics each member's two drafts share one key, the members' keys differ and spread over the
        // lane's partitions, and each release to delivery kept its draft's key
        Map<String, List<ConsumerRecord<String, byte[]>>> drafts = recordsOf(Lane.BULK.drafts().name(), 12).stream()
                .collect(Collectors.groupingBy(record -> recipient(record)));
        assertThat(drafts).containsOnlyKeys(EDITS);
        assertThat(drafts.values()).allSatisfy(versions -> assertThat(versions).hasSize(2)
                .extracting(ConsumerRecord::key).containsOnly(DraftKeys.of("announcement:A-ED",
                        recipient(versions.get(0)))));
        assertThat(drafts.values().stream().map(versions -> versions.get(0).partition()).distinct()).hasSizeGreaterThan(1);
        List<ConsumerRecord<String, byte[]>> released = recordsOf(Lane.BULK.outbound().name(), EDITS.size());
        assertThat(released).extracting(ConsumerRecord::key).containsExactlyInAnyOrderElementsOf(
                EDITS.stream().map(email -> DraftKeys.of("announcement:A-ED", email)).toList());
    }

    @Test
    void aMemberWhoSwitchesEventsOffOnThePreferencePageGetsTheNextCommunityNewsButNotTheNextEvent() throws Exception {
        // Given two members of the Flatiron received community news, with a link to their preferences
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-P1", announcement("A-P1", List.of("NYC-C"), "prefs"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(PREFERS_NO_EVENTS).size() == 1
                && stack.smtp().messagesTo(KEEPS_EVERYTHING).size() == 1);
        String link = preferenceLink(stack.smtp().messagesTo(PREFERS_NO_EVENTS).get(0));

        // When one opens the link from the mail in Chromium, unticks "events" for the Flatiron and saves
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            browser.get(deliveryUrl(link).toString());
            assertThat(browser.getTitle()).isEqualTo("Mail preferences");
            WebElement events = browser.findElement(By.cssSelector("input[name='on'][value='events@NYC-C']"));
            assertThat(events.isSelected()).isTrue();
            events.click();
            browser.findElement(By.cssSelector("button[type='submit']")).click();

            // Then the page says the choices are saved: events off for the Flatiron, community news still on
            await().atMost(WAIT).until(() -> browser.getPageSource().contains("Your choices are saved"));
            assertThat(browser.findElement(By.cssSelector("input[name='on'][value='events@NYC-C']")).isSelected())
                    .isFalse();
            assertThat(browser.findElement(By.cssSelector("input[name='on'][value='community@NYC-C']")).isSelected())
                    .isTrue();
        }
        // And the change went out on mail.consent as the member's own (delivery's history read it back from there)
        await().atMost(WAIT).until(() -> consentHistory(PREFERS_NO_EVENTS).contains("\"tag\":\"topic_off:events@NYC-C\""));
        assertThat(consentHistory(PREFERS_NO_EVENTS)).contains("\"source\":\"preference-centre\"",
                "\"changedBy\":\"recipient\"");

        // When an event is announced to the Flatiron, then the community newsletter
        CommunityEvent event = announcement("A-P2", 1, List.of("NYC-C"), "prefs", "Open-mic night on Thursday", "events");
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-P2", event);
        publisher.publish(Topics.FACILITY_COMMUNITY, "A-P3",
                announcement("A-P3", 1, List.of("NYC-C"), "prefs", "Community newsletter: December", null));

        // Then the member who kept every topic gets both: the traffic flowed
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(KEEPS_EVERYTHING).size() == 3);
        assertThat(subjects(KEEPS_EVERYTHING)).contains("Open-mic night on Thursday", "Community newsletter: December");
        // And the member who switched events off gets the newsletter and not the event
        await().during(Duration.ofSeconds(3)).atMost(WAIT)
                .until(() -> stack.smtp().messagesTo(PREFERS_NO_EVENTS).size() == 2);
        assertThat(subjects(PREFERS_NO_EVENTS)).containsExactlyInAnyOrder("Summer party on the roof terrace",
                "Community newsletter: December");
        // (withheld when composed; had the choice not reached the composer yet, delivery suppresses it instead)
        List<String> eventMail = auditTypes(stack, draftId(event.getHeader().getEventId(), PREFERS_NO_EVENTS));
        assertThat(eventMail).doesNotContain("SENT");
        if (!eventMail.isEmpty()) {
            await().atMost(WAIT).until(() -> auditTypes(stack, draftId(event.getHeader().getEventId(),
                    PREFERS_NO_EVENTS)).contains("SUPPRESSED"));
        }
    }

    // --- helpers ---

    private static void member(String id, String email, Location location, String tag) {
        Member member = Member.newBuilder(SampleFacility.member(id, "Member " + id, email,
                location.getJurisdiction().equals("EU") ? "de-DE" : "en-US", location.getLocationId()))
                .setTags(List.of(tag)).build();
        publisher.publish(Topics.FACILITY_MEMBERS, id, member);
    }

    private static void consent(String email, String tag) {
        publisher.publish(Topics.MAIL_CONSENT, email, ConsentChange.newBuilder().setEmail(email).setTag(tag)
                .setAction(ConsentAction.ADDED).setSource("test").setChangedAt(Instant.now()).build());
    }

    private static CommunityEvent announcement(String id, List<String> locations, String tag) {
        return announcement(id, 1, locations, tag, "Summer party on the roof terrace");
    }

    private static CommunityEvent announcement(String id, long version, List<String> locations, String tag,
            String subject) {
        return announcement(id, version, locations, tag, subject, null);
    }

    /** @param topic the preference topic, or null for the kind's default (community) */
    private static CommunityEvent announcement(String id, long version, List<String> locations, String tag,
            String subject, String topic) {
        return CommunityEvent.newBuilder()
                .setHeader(SampleFacility.header(null, version, Instant.now()))
                .setPayload(AnnouncementRequested.newBuilder().setAnnouncementId(id).setLocationIds(locations)
                        .setMemberTags(List.of(tag)).setKind(AnnouncementKind.COMMUNITY).setTopic(topic)
                        .setSubject(subject)
                        .setBodyText("Join us on Friday at 18:00 for drinks and music.\n\nBring a friend.")
                        .setRequestedBy("M-STAFF").build())
                .build();
    }

    /**
     * The records of a mail topic about announcement A-ED, from the beginning of every partition, once at least
     * {@code expected} are there (the outbox relay releases approved mail a moment after the decision).
     */
    private static List<ConsumerRecord<String, byte[]>> recordsOf(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (supersedeKey(topic, record).equals("announcement:A-ED")) {
                        out.add(record);
                    }
                }
                return out.size() >= expected;
            });
        }
        return out;
    }

    private static String supersedeKey(String topic, ConsumerRecord<String, byte[]> record) {
        return draftOf(topic, record).getSupersedeKey();
    }

    private static String recipient(ConsumerRecord<String, byte[]> record) {
        return draftOf(record.topic(), record).getRecipient().getEmail();
    }

    private static EmailDraft draftOf(String topic, ConsumerRecord<String, byte[]> record) {
        return topic.startsWith("mail.outbound") ? serdes.deserialize(Topics.MAIL_OUTBOUND, record.value()).getDraft()
                : serdes.deserialize(Topics.MAIL_DRAFTS, record.value());
    }

    private static String draftId(String eventId, String email) {
        return DraftIds.draftId(eventId, "community-announcement", email);
    }

    private static List<MimeMessage> confirmations(String email) {
        return stack.smtp().messagesTo(email).stream()
                .filter(mail -> subject(mail).startsWith("You are unsubscribed")).toList();
    }

    /** The https link of List-Unsubscribe (the one a mail client POSTs to). */
    private static String unsubscribeLink(MimeMessage mail) throws Exception {
        Matcher link = Pattern.compile("<(https?://[^>]+)>").matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    /** The "Manage your preferences" link of the mail's text part. */
    private static String preferenceLink(MimeMessage mail) throws Exception {
        Matcher link = Pattern.compile("Manage your preferences: (\\S+)").matcher(part(mail, "text/plain"));
        assertThat(link.find()).as("a preference link in the mail").isTrue();
        return link.group(1);
    }

    private static List<String> subjects(String email) {
        return stack.smtp().messagesTo(email).stream().map(StackQueries::subject).toList();
    }

    /** The address's consent history from delivery's API, as JSON text. */
    private static String consentHistory(String email) throws Exception {
        URI url = URI.create("http://127.0.0.1:" + stack.httpPort("delivery-service") + "/api/v1/contacts/" + email
                + "/consent-history");
        HttpResponse<String> history = http.send(HttpRequest.newBuilder(url)
                .header("Authorization", "Bearer " + DELIVERY_API_KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(history.statusCode()).as(history.body()).isEqualTo(200);
        return history.body();
    }

    /** The link's path on the delivery service actually running (the stack's ports are chosen at random). */
    private static URI deliveryUrl(String link) {
        return URI.create("http://127.0.0.1:" + stack.httpPort("delivery-service") + URI.create(link).getRawPath());
    }

    private static URI oversightUrl(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + stack.httpPort("oversight-service") + pathAndQuery);
    }

    private static HttpResponse<String> oversight(HttpRequest.Builder request) throws Exception {
        String ops = Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
        return http.send(request.header("Authorization", "Basic " + ops).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> webhook(String json, String key) throws Exception {
        URI url = URI.create("http://127.0.0.1:" + stack.httpPort("community-events") + "/api/v1/inbound/messages");
        return http.send(HttpRequest.newBuilder(url).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A reply from the member's mail client to the mail's List-Unsubscribe mailto, through the SMTP listener. */
    private static void sendReply(MimeMessage original, String messageId, String text) throws Exception {
        Matcher mailto = Pattern.compile("<mailto:([^?>]+)").matcher(original.getHeader("List-Unsubscribe", null));
        assertThat(mailto.find()).isTrue();
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", Integer.toString(stack.service("community-events").getBean(SmtpListener.class).port()));
        Session session = Session.getInstance(smtp);
        MimeMessage reply = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws jakarta.mail.MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        reply.setFrom(new InternetAddress(((InternetAddress) original.getRecipients(Message.RecipientType.TO)[0])
                .getAddress()));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(mailto.group(1)));
        reply.setSubject("Re: " + subject(original));
        reply.setHeader("In-Reply-To", original.getMessageID());
        reply.setText(text + "\n\nOn Friday, Deskpost wrote:\n> " + subject(original), "UTF-8");
        Transport.send(reply);
    }

    /** The source of the address's current unsubscribed tag in delivery's consent store, or null. */
    private static String consentSource(String email) throws Exception {
        var db = stack.deliveryDatabase();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement(
                        "select source from consent_tags where email = ? and tag = ? and present")) {
            query.setString(1, email);
            query.setString(2, ConsentTag.UNSUBSCRIBED);
            List<String> sources = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sources.add(rows.getString(1));
                }
            }
            return sources.isEmpty() ? null : sources.get(0);
        }
    }
}
