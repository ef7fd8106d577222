package com.deskpost.delivery.preferences;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.delivery.subject.SubjectDataSource;
import com.deskpost.delivery.unsubscribe.UnsubscribeTokens;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.pseudonym.Pseudonyms;
import com.deskpost.platform.topic.Topics;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The preference centre against the running service: the link in a real commercial mail opens a form of the
 * member's topics per location; saving it takes effect at once for delivery's own check, is announced on
 * mail.consent as the recipient's change, and shows in the consent-history API; links that are forged, expired or
 * posted without the page's form change nothing; erasure leaves only the erasure in the history.
 */
class PreferenceCentreIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LINK = Pattern.compile("https?://\\S*?(/preferences/[A-Za-z0-9_.-]+)");
    private static final Pattern FORM = Pattern.compile("name=\"form\" value=\"([^\"]+)\"");
    // US locations: commercial mail needs no opt-in there, so only topic choices can stop it.
    private static final Location FLATIRON = location("NYC-P", "Deskpost Flatiron");
    private static final Location SOHO = location("SOHO-P", "Deskpost SoHo");

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = DeliveryTestStack.infrastructure();
        for (Location location : List.of(FLATIRON, SOHO)) {
            stack.topics().publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        publishMember("M-IRIS", "Iris@Example.com", "NYC-P", "SOHO-P");
        stack.startService();
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void theLinkInACommercialMailSwitchesATopicOffForOneLocationAndTheNextMailOfThatTopicIsSuppressed() {
        // Given a member of two locations received an events mail about the Flatiron
        String member = "iris@example.com";
        release(commercial(member, FLATIRON, "events"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(member).size() == 1);
        String link = preferencePath(stack.smtp().messagesTo(member).get(0));

        // When she opens the link: both her locations, every topic ticked, nothing changed by looking
        HttpResponse<String> page = http.getAs(null, link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("frame-ancestors 'none'"));
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.body()).contains("<legend>Deskpost Flatiron</legend>", "<legend>Deskpost SoHo</legend>",
                "value=\"events@NYC-P\" checked", "value=\"events@SOHO-P\" checked", "i***@example.com")
                .doesNotContain(member);
        assertThat(consent().tags(member)).isEmpty();

        // And saves the form with events unticked for the Flatiron only
        HttpResponse<String> saved = http.postForm(link, form(page.body(), List.of("events@NYC-P")));

        // Then she is sent back to the page, which says so and shows the choice
        assertThat(saved.statusCode()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).contains(link + "?saved");
        assertThat(http.getAs(null, link + "?saved").body()).contains("Your choices are saved",
                "value=\"events@NYC-P\">", "value=\"events@SOHO-P\" checked", "value=\"community@NYC-P\" checked");
        // And the choice is recorded at once, and announced as her own change through the preference centre
        assertThat(consent().tags(member)).containsExactly("topic_off:events@NYC-P");
        await().atMost(WAIT).until(() -> announced(member).stream().anyMatch(change ->
                change.getTag().equals("topic_off:events@NYC-P") && "recipient".equals(change.getChangedBy())
                        && change.getSource().equals("preference-centre")));

        // And the next events mail about the Flatiron is suppressed with the topic rule, while community news
        // about the Flatiron and events about SoHo still arrive
        EmailDraft events = commercial(member, FLATIRON, "events");
        release(events);
        release(commercial(member, FLATIRON, "community"));
        release(commercial(member, SOHO, "events"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(member).size() == 3);
        await().atMost(WAIT).until(() -> stack.audited(events.getDraftId()).stream().anyMatch(event ->
                event.getType().name().equals("SUPPRESSED") && event.getDetail().contains("topic 'events'")));

        // And the consent history shows who changed what, when and through which door
        JsonNode history = TestHttp.json(http.get("/api/v1/contacts/IRIS@example.com/consent-history"));
        assertThat(history.get("items")).singleElement().satisfies(entry -> {
            assertThat(entry.get("tag").asString()).isEqualTo("topic_off:events@NYC-P");
            assertThat(entry.get("action").asString()).isEqualTo("ADDED");
            assertThat(entry.get("source").asString()).isEqualTo("preference-centre");
            assertThat(entry.get("changedBy").asString()).isEqualTo("recipient");
            assertThat(Instant.parse(entry.get("changedAt").asString())).isBefore(Instant.now());
        });

        // When she ticks it again: on again, recorded as a removal
        HttpResponse<String> again = http.getAs(null, link);
        assertThat(http.postForm(link, form(again.body(), List.of())).statusCode()).isEqualTo(303);
        assertThat(consent().tags(member)).isEmpty();
    }

    @Test
    void theUnsubscribePageLeadsToThePreferencesOfTheMembersLocations() {
        // Given the one-click unsubscribe page of a member of two locations
        String token = stack.service().getBean(UnsubscribeTokens.class).token("iris@example.com");
        HttpResponse<String> unsubscribe = http.getAs(null, "/unsubscribe/" + token);
        Matcher link = Pattern.compile("<a href=\"(/preferences/[^\"]+)\">Manage your preferences</a>")
                .matcher(unsubscribe.body());
        assertThat(link.find()).as(unsubscribe.body()).isTrue();

        // When she follows its preference link instead
        HttpResponse<String> page = http.getAs(null, link.group(1));

        // Then it offers the topics of both her locations (a link from no mail names none of its own)
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<legend>Deskpost Flatiron</legend>", "<legend>Deskpost SoHo</legend>",
                "value=\"promotions@SOHO-P\"");
    }

    @Test
    void aForgedExpiredOrForeignPostChangesNothingAndSaysWhy() {
        String member = "jude@example.com";
        PreferenceTokens tokens = stack.service().getBean(PreferenceTokens.class);
        String genuine = "/preferences/" + tokens.token(member, "NYC-P", Instant.now().plus(Duration.ofDays(1)));
        String body = form(http.getAs(null, genuine).body(), List.of("events@NYC-P"));

        // A token for another address with this one's signature
        String other = tokens.token("mallory@example.com", "NYC-P", Instant.now().plus(Duration.ofDays(1)));
        String forged = "/preferences/" + other.substring(0, other.indexOf('.')) + genuine.substring(genuine.indexOf('.'));
        assertThat(http.getAs(null, forged).statusCode()).isEqualTo(404);
        HttpResponse<String> forgedPost = http.postForm(forged, body);
        assertThat(forgedPost.statusCode()).isEqualTo(404);
        assertThat(forgedPost.body()).contains("This preference link is not valid");

        // An expired link
        String expired = "/preferences/" + tokens.token(member, "NYC-P", Instant.now().minusSeconds(1));
        HttpResponse<String> expiredPage = http.getAs(null, expired);
        assertThat(expiredPage.statusCode()).isEqualTo(410);
        assertThat(expiredPage.body()).contains("This preference link has expired", "more recent mail");
        assertThat(http.postForm(expired, body).statusCode()).isEqualTo(410);

        // A post without the page's form value, as another site could send
        HttpResponse<String> foreign = http.postForm(genuine, "shown=events%40NYC-P");
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.body()).contains("Nothing was changed");

        // A post naming a location the page does not offer
        String sneaky = body + "&shown=" + URLEncoder.encode("events@SOHO-P", StandardCharsets.UTF_8);
        assertThat(http.postForm(genuine, sneaky).statusCode()).isEqualTo(400);

        assertThat(consent().tags(member)).isEmpty();
        assertThat(announced(member)).isEmpty();
    }

    @Test
    void theHistoryApiIsPagedNeedsTheContactsScopeAndAnErasureLeavesOnlyTheErasure() {
        // Given three changes of one address through the contacts API
        String member = "kit@example.com";
        for (String change : List.of("ADDED", "REMOVED", "ADDED")) {
            assertThat(http.postJson("/api/v1/contacts/" + member + "/tags",
                    "{\"tag\":\"opt_in\",\"action\":\"" + change + "\"}").statusCode()).isEqualTo(200);
        }

        // Then the history pages through them newest first, naming the API client
        JsonNode first = TestHttp.json(http.get("/api/v1/contacts/" + member + "/consent-history?limit=2"));
        assertThat(first.get("items")).hasSize(2);
        assertThat(first.get("items").get(0).get("changedBy").asString()).isEqualTo("api:" + DeliveryTestStack.API_CLIENT);
        assertThat(first.get("items").get(0).get("source").asString()).isEqualTo("contacts-api");
        JsonNode second = TestHttp.json(http.get("/api/v1/contacts/" + member + "/consent-history?limit=2&cursor="
                + first.get("nextCursor").asString()));
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor")).isNull();
        List<String> actions = new ArrayList<>();
        first.get("items").forEach(entry -> actions.add(entry.get("action").asString()));
        second.get("items").forEach(entry -> actions.add(entry.get("action").asString()));
        assertThat(actions).containsExactly("ADDED", "REMOVED", "ADDED");

        // And the API answers in JSON a person can act on, and only to a key with the contacts scope
        assertThat(http.getAs(null, "/api/v1/contacts/" + member + "/consent-history").statusCode()).isEqualTo(401);
        HttpResponse<String> badCursor = http.get("/api/v1/contacts/" + member + "/consent-history?cursor=nope");
        assertThat(badCursor.statusCode()).isEqualTo(400);
        assertThat(TestHttp.json(badCursor).get("field").asString()).isEqualTo("cursor");
        assertThat(TestHttp.json(http.get("/api/v1/contacts/not-an-address/consent-history")).get("field").asString())
                .isEqualTo("email");

        // When the address is erased
        assertThat(http.postJson("/api/v1/contacts/" + member + "/erasure", "").statusCode()).isEqualTo(200);

        // Then its history is gone, and the subject access section finds only the erasure, under the pseudonym
        assertThat(TestHttp.json(http.get("/api/v1/contacts/" + member + "/consent-history")).get("items")).isEmpty();
        String pseudonym = new Pseudonyms(DeliveryTestStack.PSEUDONYM_SECRET).of(member);
        SubjectDataSource section = stack.service().getBeansOfType(SubjectDataSource.class).values().stream()
                .filter(source -> source.section().equals("consentHistory")).findFirst().orElseThrow();
        assertThat((List<?>) section.collect(member, pseudonym)).singleElement().asString()
                .contains("tag=erased", "changedBy=api:" + DeliveryTestStack.API_CLIENT).doesNotContain(member);
        assertThat(stack.jdbc().queryForObject("select count(*) from consent_history where email = ?", Integer.class,
                member)).isZero();
    }

    // --- helpers ---

    /** The page's form with every shown choice ticked except {@code unticked}. */
    private static String form(String page, List<String> unticked) {
        Matcher form = FORM.matcher(page);
        assertThat(form.find()).as(page).isTrue();
        StringBuilder body = new StringBuilder("form=" + URLEncoder.encode(form.group(1), StandardCharsets.UTF_8));
        Matcher shown = Pattern.compile("name=\"shown\" value=\"([^\"]+)\"").matcher(page);
        while (shown.find()) {
            String choice = shown.group(1);
            body.append("&shown=").append(URLEncoder.encode(choice, StandardCharsets.UTF_8));
            if (!unticked.contains(choice)) {
                body.append("&on=").append(URLEncoder.encode(choice, StandardCharsets.UTF_8));
            }
        }
        return body.toString();
    }

    private static EmailDraft commercial(String to, Location about, String topic) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(about.getLocationId())
                .category(EmailCategory.COMMERCIAL).to(to, "Member").subject("Members' evening").build())
                .setSupersedeKey("announcement:" + UUID.randomUUID()).setEventType("community_announcement")
                .setTopic(topic).setCreatedAt(Instant.now()).build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    /** The preference link of the mail (its text part comes first), as a path on the service. */
    private static String preferencePath(MimeMessage mail) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try {
            mail.writeTo(raw);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the received mail", e);
        }
        Matcher link = LINK.matcher(raw.toString(StandardCharsets.UTF_8));
        assertThat(link.find()).as("a preference link in the mail").isTrue();
        return link.group(1);
    }

    private static List<ConsentChange> announced(String email) {
        return stack.topics().records(Topics.MAIL_CONSENT).stream()
                .filter(record -> email.equals(record.key()))
                .map(record -> record.value())
                .toList();
    }

    private static ConsentStore consent() {
        return stack.service().getBean(ConsentStore.class);
    }

    private static Location location(String id, String name) {
        return Location.newBuilder(aLocation(id).named(name).build()).setJurisdiction("US")
                .setTimeZone("America/New_York").build();
    }

    private static void publishMember(String memberId, String email, String... locationIds) {
        stack.topics().publish(Topics.FACILITY_MEMBERS, memberId, Member.newBuilder()
                .setHeader(EventHeader.newBuilder().setEventId("member-" + memberId)
                        .setOccurredAt(Instant.parse("2025-01-01T00:00:00Z")).setSource("directory-sync")
                        .setEntityVersion(1).setLocationId(locationIds[0]).setCorrelationId(memberId).build())
                .setMemberId(memberId).setEmail(email).setName(memberId).setLocationIds(List.of(locationIds))
                .build());
    }
}
