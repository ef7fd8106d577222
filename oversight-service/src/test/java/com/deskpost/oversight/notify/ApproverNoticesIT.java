package com.deskpost.oversight.notify;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.notify.NotificationProperties.Webhook;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.oversight.testdata.OversightDatabase;
import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.platform.credential.CredentialSealer;
import com.deskpost.oversight.staff.ApproverOverrides;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.outbox.Outbox;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testfixtures.LocationBuilder;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Approver notices on a real PostgreSQL, with the mail they cause read from the outbox oversight publishes to
 * mail.outbound and mail.audit, and Slack and Teams webhooks played by a real HTTP server in this test.
 */
class ApproverNoticesIT {

    private static final String OPS = "https://ops.deskpost.example";
    private static final String DOOR_CODE = "4711-9";

    private final Queue<String> slack = new ConcurrentLinkedQueue<>();
    private final Queue<String> teams = new ConcurrentLinkedQueue<>();
    private final Queue<String> broken = new ConcurrentLinkedQueue<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ExecutorService replicas = Executors.newFixedThreadPool(2);
    private final Directory directory = Directory.of(
            List.of(aLocation("LDN-1").named("Deskpost Shoreditch").approvers("M-ADA", "M-BOB", "agent:front-desk")
                    .build()),
            List.of(aMember("M-ADA").email("ada.approver@example.com").build(),
                    aMember("M-BOB").email("bob.approver@example.com").build()));
    private SchemaRegistryServer registry;
    private HttpServer webhookServer;
    private OversightDatabase db;
    private AvroSerdes serdes;
    private String sealed;

    @BeforeEach
    void start() throws IOException {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        db = new OversightDatabase(serdes);
        webhookServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receive("/slack", slack, 200);
        receive("/teams", teams, 200);
        receive("/broken", broken, 500);
        webhookServer.start();
        sealed = new CredentialSealer(List.of(CredentialKeys.generate("test-key").publicKey()))
                .seal("8080", "LDN-1", "M-CARL");
    }

    @AfterEach
    void stop() {
        webhookServer.stop(0);
        replicas.shutdownNow();
        registry.close();
    }

    @Test
    void aHeldDraftReachesItsApproversByMailAndBothWebhooksWithALinkAndNoCredential() {
        // Given an access draft held for LDN-1, carrying a clear door code (composed before sealing) and a sealed one
        held(accessDraft("door"), Instant.now().plus(24, ChronoUnit.HOURS));
        Jobs jobs = jobs(db, settings(url("/slack"), url("/teams")));

        // When the notice job runs, twice
        List<CompletableFuture<Boolean>> posts = jobs.notices.announceNew();
        assertThat(jobs.notices.announceNew()).isEmpty();

        // Then each human approver got one mail, released to delivery, attested, with the link and what it is about
        List<OutboundEmail> mails = db.outbox(Topics.MAIL_OUTBOUND);
        assertThat(mails).extracting(mail -> mail.getDraft().getRecipient().getEmail())
                .containsExactlyInAnyOrder("ada.approver@example.com", "bob.approver@example.com");
        EmailDraft notice = mails.get(0).getDraft();
        assertThat(notice.getSubject()).isEqualTo("Approval needed: Door [credential 1], code ••••••");
        assertThat(notice.getBodyText()).contains("Deskpost Shoreditch", "master_keycode_reset",
                "policy says GATED_SEND", "Time left: 23 h", OPS + "/ops/drafts/door");
        assertThat(mails).allSatisfy(mail -> assertThat(OversightDatabase.ATTESTATION.problem(mail)).isEmpty());
        // And the audit says who was told, how
        AuditEvent notified = db.outbox(Topics.MAIL_AUDIT).get(0);
        assertThat(notified.getType()).isEqualTo(AuditType.APPROVERS_NOTIFIED);
        assertThat(notified.getDraftId()).isEqualTo("door");
        assertThat(notified.getAttributes()).containsEntry("approvers",
                "ada.approver@example.com (mail), bob.approver@example.com (mail)").containsEntry("webhooks", "slack, teams");
        // And Slack and Teams each received the notice once, in their own format, with the link
        assertThat(CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).thenApply(done -> posts.stream()
                .allMatch(CompletableFuture::join)).join()).isTrue();
        assertThat(slack).hasSize(1);
        JsonNode slackMessage = json(slack.peek());
        assertThat(slackMessage.get("text").asString()).contains(OPS + "/ops/drafts/door");
        assertThat(slackMessage.get("blocks").get(0).get("type").asString()).isEqualTo("section");
        assertThat(slackMessage.get("blocks").get(0).get("text").get("type").asString()).isEqualTo("mrkdwn");
        assertThat(slackMessage.get("blocks").get(1).get("elements").get(0).get("url").asString())
                .isEqualTo(OPS + "/ops/drafts/door");
        assertThat(teams).hasSize(1);
        JsonNode teamsMessage = json(teams.peek());
        assertThat(teamsMessage.get("type").asString()).isEqualTo("message");
        JsonNode attachment = teamsMessage.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("content").get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(attachment.get("content").get("actions").get(0).get("url").asString())
                .isEqualTo(OPS + "/ops/drafts/door");
        // And no notice carries a credential value, clear or sealed
        assertNoCredentialIn(mails.stream().map(mail -> mail.getDraft().getSubject() + mail.getDraft().getBodyText()
                + mail.getDraft().getBodyHtml()).toList());
        assertNoCredentialIn(List.of(slack.peek(), teams.peek(), notified.toString()));
        assertThat(meters.counter("deskpost.oversight.notifications.webhook.posts", "vendor", "slack").count())
                .isEqualTo(1);
    }

    @Test
    void approversWhoChoseADigestGetOneMailListingTheirDraftsAndThoseWhoChoseOffGetNone() {
        // Given Ada chose a digest and Bob no mail, and two drafts held
        Jobs jobs = jobs(db, settings("", ""));
        jobs.preferences.choose("M-ADA", Delivery.DIGEST);
        jobs.preferences.choose("M-BOB", Delivery.OFF);
        held(aDraft().id("first").at("LDN-1").subject("Inquiry about desks").build(), Instant.now().plus(24, ChronoUnit.HOURS));
        held(accessDraft("second"), Instant.now().plus(24, ChronoUnit.HOURS));

        // When the notice job runs, then the digest, twice
        assertThat(jobs.notices.announceNew()).as("no webhook configured").isEmpty();
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).as("nobody wanted a mail per draft").isEmpty();
        jobs.digests.sendDigests();
        jobs.digests.sendDigests();

        // Then Ada got one digest listing both drafts with their links; Bob nothing
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).singleElement().satisfies(mail -> {
            assertThat(mail.getDraft().getRecipient().getEmail()).isEqualTo("ada.approver@example.com");
            assertThat(mail.getDraft().getSubject()).isEqualTo("Approvals waiting: 2 held");
            assertThat(mail.getDraft().getBodyText()).contains("Inquiry about desks", OPS + "/ops/drafts/first",
                    "Door [credential 1], code ••••••", OPS + "/ops/drafts/second");
            assertNoCredentialIn(List.of(mail.getDraft().getBodyText(), mail.getDraft().getBodyHtml()));
            assertThat(OversightDatabase.ATTESTATION.problem(mail)).isEmpty();
        });
        assertThat(db.outbox(Topics.MAIL_AUDIT)).extracting(event -> event.getAttributes().get("approvers"))
                .containsOnly("ada.approver@example.com (digest), bob.approver@example.com (off)");
    }

    @Test
    void aDraftStillUndecidedShortlyBeforeExpiryIsEscalatedToStaffOnceWhateverTheReplicas() {
        // Given a draft expiring within the escalation time (2 h) and one expiring later
        held(accessDraft("soon"), Instant.now().plus(1, ChronoUnit.HOURS));
        held(aDraft().id("later").at("LDN-1").build(), Instant.now().plus(5, ChronoUnit.HOURS));
        Jobs first = jobs(db, settings(url("/slack"), ""));
        Jobs second = jobs(db.replica(), settings(url("/slack"), ""));

        // When two replicas run the escalation at once, and again
        List<CompletableFuture<Boolean>> posts = CompletableFuture.supplyAsync(first.escalations::escalateDue, replicas)
                .thenCombine(CompletableFuture.supplyAsync(second.escalations::escalateDue, replicas),
                        (one, other) -> Stream.concat(one.stream(), other.stream()).toList()).join();
        assertThat(first.escalations.escalateDue()).isEmpty();

        // Then the soon-expiring draft was escalated once to the staff mailbox, audited, and posted to Slack
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).singleElement().satisfies(mail -> {
            assertThat(mail.getDraft().getRecipient().getEmail()).isEqualTo(LocationBuilder.staffMailboxOf("LDN-1"));
            assertThat(mail.getDraft().getSubject()).isEqualTo("Approval overdue: Door [credential 1], code ••••••");
            assertThat(mail.getDraft().getBodyText()).contains(OPS + "/ops/drafts/soon", "Time left: 59 min",
                    "expires soon");
            assertNoCredentialIn(List.of(mail.getDraft().getBodyText()));
        });
        assertThat(db.outbox(Topics.MAIL_AUDIT)).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo(AuditType.ESCALATED);
            assertThat(event.getDraftId()).isEqualTo("soon");
            assertThat(event.getAttributes()).containsEntry("escalated_to", LocationBuilder.staffMailboxOf("LDN-1"));
        });
        assertThat(posts).hasSize(1).allMatch(CompletableFuture::join);
        assertThat(slack).singleElement().satisfies(body -> assertThat(body).contains(OPS + "/ops/drafts/soon"));
    }

    @Test
    void aWebhookThatIsDownIsTriedThenGivenUpAndCountedWhileTheDraftStaysHeldAndTheMailGoes() throws IOException {
        // Given Slack answers 500 and Teams' address takes no connection
        held(accessDraft("door"), Instant.now().plus(24, ChronoUnit.HOURS));
        Jobs jobs = jobs(db, settings(url("/broken"), "http://127.0.0.1:" + closedPort() + "/teams"));

        // When the notice job runs
        List<CompletableFuture<Boolean>> posts = jobs.notices.announceNew();

        // Then the approvers' mails went out and the draft is still held
        assertThat(db.outbox(Topics.MAIL_OUTBOUND)).hasSize(2);
        assertThat(db.queue.find("door").orElseThrow().status()).isEqualTo(Status.PENDING);
        // And each webhook was tried three times, then given up and counted
        assertThat(posts).hasSize(2).allSatisfy(post -> assertThat(post.join()).isFalse());
        assertThat(broken).hasSize(3);
        assertThat(meters.counter("deskpost.oversight.notifications.webhook.failures", "vendor", "slack").count())
                .isEqualTo(1);
        assertThat(meters.counter("deskpost.oversight.notifications.webhook.failures", "vendor", "teams").count())
                .isEqualTo(1);
    }

    /** A master keycode reset whose subject shows a sealed code as its placeholder and a clear one, legacy. */
    private EmailDraft accessDraft(String id) {
        return aDraft().id(id).at("LDN-1").eventType("master_keycode_reset")
                .subject("Door ⟦credential 1⟧, code " + DOOR_CODE)
                .bodyText("Your door code is ⟦credential 1⟧, the master code " + DOOR_CODE + ".")
                .secrets(sealed, DOOR_CODE).build();
    }

    private void held(EmailDraft draft, Instant expiresAt) {
        db.hold(draft, OversightMode.GATED_SEND, expiresAt);
        new HeldNotices(db.jdbc).held(draft.getDraftId(), draft.getLocationId(), Instant.now(), expiresAt);
    }

    private void assertNoCredentialIn(List<String> texts) {
        assertThat(texts).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(DOOR_CODE, sealed, "8080",
                "⟦credential"));
    }

    private NotificationProperties settings(String slackUrl, String teamsUrl) {
        return new NotificationProperties(null, null, Duration.ofHours(2),
                Map.of("default", new Webhook(slackUrl, teamsUrl)), 3, Duration.ofSeconds(5));
    }

    /** One replica's notice jobs over its database, as the service wires them. */
    private record Jobs(ApproverNotices notices, ApproverDigests digests, Escalations escalations,
            NoticePreferences preferences) {
    }

    private Jobs jobs(OversightDatabase replica, NotificationProperties settings) {
        HeldNotices notices = new HeldNotices(replica.jdbc);
        HeldDraftNotices drafts = new HeldDraftNotices(replica.queue, replica.resolutions, directory,
                new StaffDirectory(() -> List.of(aLocation("LDN-1").named("Deskpost Shoreditch")
                        .approvers("M-ADA", "M-BOB", "agent:front-desk").build()), new ApproverOverrides(replica.jdbc)),
                OPS + "/");
        NoticeMails mails = new NoticeMails(new Outbox(replica.jdbc, serdes), OversightDatabase.ATTESTATION);
        Webhooks webhooks = new Webhooks(settings, meters);
        NoticePreferences preferences = new NoticePreferences(replica.jdbc, settings);
        return new Jobs(new ApproverNotices(notices, drafts, preferences, mails, webhooks, replica.tx),
                new ApproverDigests(notices, drafts, mails, replica.tx),
                new Escalations(notices, drafts, mails, webhooks, replica.tx, settings), preferences);
    }

    private void receive(String path, Queue<String> bodies, int status) {
        webhookServer.createContext(path, exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
    }

    private String url(String path) {
        return "http://127.0.0.1:" + webhookServer.getAddress().getPort() + path;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static JsonNode json(String body) {
        return JsonMapper.shared().readTree(body);
    }
}
