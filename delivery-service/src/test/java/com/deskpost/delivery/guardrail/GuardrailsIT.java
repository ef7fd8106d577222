package com.deskpost.delivery.guardrail;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.delivery.TestHttp;
import com.deskpost.delivery.feedback.FeedbackApplied;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.FeedbackKind;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topics;
import com.deskpost.ops.OpsCli;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20, item 6, on real components (broker, registry, PostgreSQL, GreenMail): the complaint-rate guard pauses a
 * sender domain's commercial mail while its transactional mail still goes, alerts the staff of every location sending
 * from the domain once, and the audited resume over REST lets the waiting commercial mail go, once; a recipient domain
 * answering {@code 421 4.7.0} is slowed down alone while mail to other domains flows. The thresholds are set low (4
 * mails, 20 %) so a handful of mails shows what 200 mails and 0.1 % do in production.
 */
class GuardrailsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String DOMAIN = "guard.example";
    private static final Location FIRST = Location.newBuilder(aLocation("NYC-G1").mailboxesAt(DOMAIN).jurisdiction("US")
            .timeZone("America/New_York").build()).build();
    private static final Location SECOND = Location.newBuilder(aLocation("NYC-G2").mailboxesAt(DOMAIN)
            .jurisdiction("US").timeZone("America/New_York").build()).setStaffMailbox("front-desk@" + DOMAIN).build();
    private static final String CLI_DOMAIN = "cli.example";
    private static final Location CLI = Location.newBuilder(aLocation("NYC-C1").mailboxesAt(CLI_DOMAIN)
            .jurisdiction("US").timeZone("America/New_York").build()).build();
    private static final Location OTHER = Location.newBuilder(aLocation("NYC-P1").jurisdiction("US")
            .timeZone("America/New_York").build()).build();

    private static DeliveryTestStack stack;
    private static TestHttp http;

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        for (Location location : List.of(FIRST, SECOND, CLI, OTHER)) {
            stack.topics().publish(Topics.FACILITY_LOCATIONS, location.getLocationId(), location);
        }
        stack.startService("--deskpost.guardrails.minimum-sent=4", "--deskpost.guardrails.complaint-rate=0.2",
                "--deskpost.guardrails.pace.initial=3s", "--deskpost.guardrails.pace.max=20s",
                "--deskpost.delivery.retry.horizon=PT10M", "--deskpost.delivery.retry.initial-delay-ms=200",
                "--deskpost.delivery.retry.max-delay-ms=1000", "--deskpost.delivery.alert-retry-interval=1s",
                "--deskpost.api.clients[0].scopes=read,contacts,erasure,deliverability");
        http = new TestHttp(stack);
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void theComplaintGuardPausesCommercialMailAndTheAuditedResumeLetsItGoOnce() {
        // Given five mails sent from the domain (more than the minimum volume of 4)
        for (int n = 0; n < 5; n++) {
            EmailDraft sent = draft(FIRST, EmailCategory.TRANSACTIONAL, "sent-" + n + "@example.com");
            release(sent);
            await().atMost(WAIT).until(() -> audited(sent.getDraftId(), "SENT"));
        }
        await().atMost(WAIT).until(() -> status().get("sent").asLong() == 5);

        // When one complaint arrives (1 of 5 = 20 %, not above the threshold)
        complaint("sent-0@example.com");

        // Then nothing is paused yet
        assertThat(status().get("paused").asBoolean()).isFalse();
        assertThat(status().get("complaints").asLong()).isEqualTo(1);

        // When a second one arrives (40 %)
        complaint("sent-1@example.com");

        // Then commercial mail from the domain is paused, audited with the reason
        assertThat(status().get("paused").asBoolean()).isTrue();
        await().atMost(WAIT).until(() -> audited(history(), "SENDER_PAUSED"));
        assertThat(event(history(), "SENDER_PAUSED").getDetail()).contains(DOMAIN, "complaint rate 40.00 %");
        // and the staff of both locations sending from it are alerted, once each
        await().atMost(WAIT).until(() -> pauseAlerts(FIRST).size() == 1 && pauseAlerts(SECOND).size() == 1);
        assertThat(text(pauseAlerts(FIRST).get(0))).contains(DOMAIN, "complaint rate", "/api/v1/sender-domains/");

        // When a commercial and a transactional mail from the domain are released, and a third complaint arrives
        EmailDraft announcement = draft(FIRST, EmailCategory.COMMERCIAL, "announced@example.com");
        EmailDraft confirmation = draft(SECOND, EmailCategory.TRANSACTIONAL, "confirmed@example.com");
        double waitsBefore = waits("paused");
        release(announcement);
        release(confirmation);
        complaint("sent-2@example.com");

        // Then the transactional mail goes, and the commercial one waits, tried again and again but not sent
        await().atMost(WAIT).until(() -> audited(confirmation.getDraftId(), "SENT"));
        await().atMost(WAIT).until(() -> waits("paused") >= waitsBefore + 3);
        assertThat(stack.smtp().messagesTo("announced@example.com")).isEmpty();
        assertThat(types(announcement.getDraftId())).doesNotContain("SENT", "FAILED", "DEAD_LETTERED");
        // and the staff were alerted once per location for the pause, however many complaints came after it
        assertThat(pauseAlerts(FIRST)).hasSize(1);
        assertThat(pauseAlerts(SECOND)).hasSize(1);

        // When an operator resumes the domain over the API, saying why
        HttpResponse<String> resumed = http.postJson("/api/v1/sender-domains/" + DOMAIN + "/resume",
                "{\"reason\": \"Removed the imported list that drew the complaints\", \"by\": \"ops:alice\"}");

        // Then it is resumed, and the window's counts start again
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        JsonNode after = TestHttp.json(resumed);
        assertThat(after.get("paused").asBoolean()).isFalse();
        assertThat(after.get("complaints").asLong()).isZero();
        // and the waiting commercial mail arrives, once
        await().atMost(WAIT).until(() -> audited(announcement.getDraftId(), "SENT"));
        assertThat(stack.smtp().messagesTo("announced@example.com")).hasSize(1);
        // and the resume is audited with who and why
        await().atMost(WAIT).until(() -> audited(history(), "SENDER_RESUMED"));
        AuditEvent resume = event(history(), "SENDER_RESUMED");
        assertThat(resume.getActor()).isEqualTo("api:" + DeliveryTestStack.API_CLIENT + " for ops:alice");
        assertThat(resume.getDetail()).contains("Removed the imported list that drew the complaints");

        // When it is resumed again
        HttpResponse<String> again = http.postJson("/api/v1/sender-domains/" + DOMAIN + "/resume",
                "{\"reason\": \"again\"}");

        // Then the API says there is nothing to resume
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("not paused");
        assertThat(types(history()).stream().filter("SENDER_RESUMED"::equals)).hasSize(1);
    }

    @Test
    void opsCliResumesAPausedDomainAuditedWithWhoAndWhy() {
        // Given a domain paused by its hard-bounce rate: 4 sent, 1 hard bounce (25 %, above 5 %)
        for (int n = 0; n < 4; n++) {
            EmailDraft sent = draft(CLI, EmailCategory.TRANSACTIONAL, "cli-" + n + "@example.com");
            release(sent);
            await().atMost(WAIT).until(() -> audited(sent.getDraftId(), "SENT"));
        }
        stack.service().publishEvent(new FeedbackApplied(CLI_DOMAIN, "example.com", FeedbackKind.HARD_BOUNCE,
                UUID.randomUUID().toString(), false));
        await().atMost(WAIT).until(() -> audited("sender-domain:" + CLI_DOMAIN, "SENDER_PAUSED"));
        assertThat(event("sender-domain:" + CLI_DOMAIN, "SENDER_PAUSED").getDetail()).contains("hard-bounce rate");

        // When an operator resumes it with ops-cli
        Cli resumed = cli("resume-sender", CLI_DOMAIN, "--reason", "Bounced addresses removed", "--by", "ops:bob",
                "--delivery-url", stack.url(""), "--api-key", DeliveryTestStack.API_KEY);

        // Then it is resumed and audited with who and why
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resumed commercial mail from " + CLI_DOMAIN);
        await().atMost(WAIT).until(() -> audited("sender-domain:" + CLI_DOMAIN, "SENDER_RESUMED"));
        assertThat(event("sender-domain:" + CLI_DOMAIN, "SENDER_RESUMED").getActor()).isEqualTo("api:"
                + DeliveryTestStack.API_CLIENT + " for ops:bob");

        // When it is resumed again, then the CLI says there is nothing to resume (exit 2)
        Cli again = cli("resume-sender", CLI_DOMAIN, "--reason", "again", "--delivery-url", stack.url(""),
                "--api-key", DeliveryTestStack.API_KEY);
        assertThat(again.code()).isEqualTo(2);
        assertThat(again.err()).contains("not paused");
    }

    private record Cli(int code, String out, String err) {
    }

    private static Cli cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OpsCli.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), args);
        return new Cli(code, out.toString(UTF_8), err.toString(UTF_8));
    }

    @Test
    void aResumeNeedsAReasonAndTheDeliverabilityScope() {
        HttpResponse<String> noReason = http.postJson("/api/v1/sender-domains/" + DOMAIN + "/resume", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");

        HttpResponse<String> anonymous = http.post("/api/v1/sender-domains/" + DOMAIN + "/resume",
                "application/json", "{\"reason\": \"x\"}");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void a421FromOneRecipientDomainSlowsThatDomainOnlyWhileOtherDomainsMailFlows() {
        // Given a recipient domain whose server answers 421 4.7.0
        stack.smtp().throttle("slow.example", true);
        int throttledBefore = stack.smtp().throttledRecipients();
        try {
            // When a mail to it is released, then mails to another domain
            EmailDraft slow = draft(OTHER, EmailCategory.TRANSACTIONAL, "member@slow.example");
            release(slow);
            await().atMost(WAIT).until(() -> stack.smtp().throttledRecipients() > throttledBefore);
            List<EmailDraft> fast = List.of(draft(OTHER, EmailCategory.TRANSACTIONAL, "one@fast.example"),
                    draft(OTHER, EmailCategory.TRANSACTIONAL, "two@fast.example"),
                    draft(OTHER, EmailCategory.TRANSACTIONAL, "three@fast.example"));
            fast.forEach(GuardrailsIT::release);

            // Then the slowed domain's pace is set, and its mail waits on the retry path (without asking again)
            await().atMost(WAIT).until(() -> pace("slow.example") >= 3.0);
            await().atMost(WAIT).until(() -> waits("slowed") >= 1);
            assertThat(pace("fast.example")).isZero();
            // while the other domain's mail all arrives
            for (EmailDraft mail : fast) {
                await().atMost(WAIT).until(() -> audited(mail.getDraftId(), "SENT"));
            }
            assertThat(stack.smtp().messagesTo("member@slow.example")).isEmpty();

            // When the domain accepts again
            double slowest = pace("slow.example");
            stack.smtp().throttle("slow.example", false);

            // Then the waiting mail arrives, once, and the pace eases
            await().atMost(WAIT).until(() -> audited(slow.getDraftId(), "SENT"));
            assertThat(stack.smtp().messagesTo("member@slow.example")).hasSize(1);
            // (each further 421 doubled the interval; an accepted mail halves it)
            assertThat(pace("slow.example")).isLessThan(slowest);
        } finally {
            stack.smtp().throttle("slow.example", false);
        }
    }

    private static void complaint(String recipient) {
        stack.service().publishEvent(new FeedbackApplied(DOMAIN, recipient.substring(recipient.indexOf('@') + 1),
                FeedbackKind.COMPLAINT, UUID.randomUUID().toString(), true));
    }

    private static JsonNode status() {
        HttpResponse<String> response = http.get("/api/v1/sender-domains/" + DOMAIN);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return TestHttp.json(response);
    }

    private static String history() {
        return "sender-domain:" + DOMAIN;
    }

    private static EmailDraft draft(Location location, EmailCategory category, String to) {
        return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(location.getLocationId())
                        .category(category).to(to, "Member").subject("Hello from " + location.getLocationId()).build())
                .setSupersedeKey("guard:" + UUID.randomUUID()).setEntityVersion(1).build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Lane.of(draft).outbound(), draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }

    private static boolean audited(String draftId, String type) {
        return types(draftId).contains(type);
    }

    private static List<String> types(String draftId) {
        return stack.audited(draftId).stream().map(event -> event.getType().name()).toList();
    }

    private static AuditEvent event(String draftId, String type) {
        return stack.audited(draftId).stream().filter(event -> event.getType().name().equals(type)).findFirst()
                .orElseThrow();
    }

    private static List<MimeMessage> pauseAlerts(Location location) {
        return stack.smtp().messagesTo(location.getStaffMailbox()).stream()
                .filter(message -> text(message).contains("Commercial mail from " + DOMAIN + " is paused")).toList();
    }

    private static double waits(String reason) {
        var counter = registry().find("deskpost.guardrails.waits").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static double pace(String recipientDomain) {
        var gauge = registry().find("deskpost.delivery.recipient.pace").tag("recipient_domain", recipientDomain)
                .gauge();
        return gauge == null ? 0 : gauge.value();
    }

    private static MeterRegistry registry() {
        return stack.service().getBean(MeterRegistry.class);
    }

    private static String text(MimeMessage message) {
        try {
            Object content = message.getContent();
            return message.getSubject() + "\n" + content;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
