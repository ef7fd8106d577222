package com.deskpost.delivery.unsubscribe;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.consent.ConsentStore;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.topic.Topics;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 8058 one-click unsubscribe against the running service: the link in a real commercial mail
 * unsubscribes on POST, at once and announced on mail.consent, so the next commercial mail to the
 * address is suppressed; a GET, as a link scanner sends, shows a page and changes nothing.
 */
class OneClickUnsubscribeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LINK = Pattern.compile("<https?://[^>]*(/unsubscribe/[^>]+)>");
    // A US location: commercial mail needs no opt-in there, so only the unsubscribe can stop it.
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-U").setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void startService() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        stack.startService();
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stopService() {
        stack.stop();
    }

    @Test
    void theLinkInACommercialMailUnsubscribesOnPostAndTheNextCommercialMailIsSuppressed() throws Exception {
        // Given a member received a promotion carrying a one-click unsubscribe link
        String member = "ines@example.com";
        release(promotion(member));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(member).size() == 1);
        String link = unsubscribePath(stack.smtp().messagesTo(member).get(0));

        // When her mail client sends the RFC 8058 one-click POST
        HttpResponse<String> response = http.postForm(link, "List-Unsubscribe=One-Click");

        // Then she is unsubscribed at once, told so, and the change is announced to the other services
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("You are unsubscribed", "i***@example.com").doesNotContain(member);
        assertThat(consent().tags(member)).containsExactly("unsubscribed");
        await().atMost(WAIT).until(() -> announced(member).stream().anyMatch(change ->
                change.getTag().equals("unsubscribed") && change.getAction() == ConsentAction.ADDED
                        && change.getSource().equals("one-click")));
        // And the next promotion to her is suppressed, with the rule in the audit trail
        EmailDraft next = promotion(member);
        release(next);
        await().atMost(WAIT).until(() -> stack.audited(next.getDraftId()).stream().anyMatch(event ->
                event.getType().name().equals("SUPPRESSED") && event.getDetail().contains("unsubscribed")));
        assertThat(stack.smtp().messagesTo(member)).hasSize(1);
    }

    @Test
    void aMultipartOneClickPostUnsubscribesToo() {
        // Given a genuine link, and a mail client that posts multipart/form-data as RFC 8058 allows
        String member = "multipart@example.com";
        String body = "--b0undary\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\n"
                + "One-Click\r\n--b0undary--\r\n";

        // When
        HttpResponse<String> response = http.post("/unsubscribe/" + tokens().token(member),
                "multipart/form-data; boundary=b0undary", body);

        // Then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(consent().tags(member)).containsExactly("unsubscribed");
    }

    @Test
    void aGetAsALinkScannerSendsShowsAButtonAndUnsubscribesNobody() {
        // Given a genuine link
        String member = "scanned@example.com";
        String token = tokens().token(member);

        // When it is fetched with GET
        HttpResponse<String> response = http.getAs(null, "/unsubscribe/" + token);

        // Then the page asks for a POST to the same link, shows the address masked, and nothing changed
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("<form method=\"post\" action=\"/unsubscribe/" + token + "\">")
                .contains("name=\"List-Unsubscribe\" value=\"One-Click\"")
                .contains("s***@example.com")
                .doesNotContain(member);
        assertThat(consent().tags(member)).isEmpty();
        assertThat(stack.jdbc().queryForObject("select count(*) from outbox where topic = 'mail.consent' and record_key = ?",
                Integer.class, member)).isZero();
        assertThat(announced(member)).isEmpty();
    }

    @Test
    void aForgedLinkIsA404PageAndChangesNothing() {
        // Given a token for one address with the signature of another
        String victim = "victim@example.com";
        String forged = tokens().token(victim).split("\\.")[0] + "." + tokens().token("mallory@example.com").split("\\.")[1];

        // When it is followed and posted
        HttpResponse<String> page = http.getAs(null, "/unsubscribe/" + forged);
        HttpResponse<String> post = http.postForm("/unsubscribe/" + forged, "List-Unsubscribe=One-Click");

        // Then both say the link is not valid, and the victim is still subscribed
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(post.statusCode()).isEqualTo(404);
        assertThat(post.body()).contains("This unsubscribe link is not valid");
        assertThat(consent().tags(victim)).isEmpty();
    }

    @Test
    void aPostWithoutTheOneClickFieldChangesNothing() {
        // Given a genuine link
        String member = "careful@example.com";

        // When something posts to it without List-Unsubscribe=One-Click
        HttpResponse<String> response = http.postForm("/unsubscribe/" + tokens().token(member), "foo=bar");

        // Then
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Nothing was changed");
        assertThat(consent().tags(member)).isEmpty();
    }

    private static EmailDraft promotion(String to) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(NEW_YORK.getLocationId())
                .category(EmailCategory.COMMERCIAL).to(to, "Member").subject("Members' evening").build())
                .setSupersedeKey("announcement:" + UUID.randomUUID()).setEventType("announcement_requested").build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static String unsubscribePath(MimeMessage mail) throws Exception {
        Matcher https = LINK.matcher(mail.getHeader("List-Unsubscribe", null));
        assertThat(https.find()).as("an https link in List-Unsubscribe").isTrue();
        return https.group(1);
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

    private static UnsubscribeTokens tokens() {
        return stack.service().getBean(UnsubscribeTokens.class);
    }
}
