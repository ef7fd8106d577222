package com.deskpost.oversight.ops;

import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static com.deskpost.testfixtures.MemberBuilder.aMember;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.Member;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.directory.Directory;
import com.deskpost.platform.topic.Topics;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approver notices through the running service: a draft published on mail.drafts is held, and its approver's notice
 * mail leaves on mail.outbound (the path delivery sends from) while Slack and Teams, played by an HTTP server in this
 * test, receive the notice; and each staff member sets their choice through the API and the ops page.
 */
class ApproverNoticesPipelineIT {

    private static final String APPROVER = "M-NOTICE-LEAD";
    private static final String OTHER = "M-NOTICE-OTHER";
    private static final String PASSWORD = "notice correct horse";
    private static final String OPS = "https://ops.deskpost.example";
    private static final Queue<String> SLACK = new ConcurrentLinkedQueue<>();
    private static final Queue<String> TEAMS = new ConcurrentLinkedQueue<>();
    private static HttpServer webhooks;
    private static RunningOversight oversight;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        webhooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receive("/slack", SLACK);
        receive("/teams", TEAMS);
        webhooks.start();
        String hooks = "http://127.0.0.1:" + webhooks.getAddress().getPort();
        Location location = Location.newBuilder(aLocation("LDN-NOTE").build()).setApprovers(List.of(APPROVER, OTHER))
                .build();
        oversight = RunningOversight.start(List.of(location), Map.of(APPROVER, PASSWORD, OTHER, PASSWORD),
                "--deskpost.oversight.notifications.interval=200ms",
                "--deskpost.oversight.ops-base-url=" + OPS,
                "--deskpost.oversight.notifications.webhooks.default.slack-url=" + hooks + "/slack",
                "--deskpost.oversight.notifications.webhooks.default.teams-url=" + hooks + "/teams");
        member(aMember(APPROVER).email("notice.lead@example.com").at("LDN-NOTE").build());
        member(aMember(OTHER).email("notice.other@example.com").at("LDN-NOTE").build());
    }

    @AfterAll
    static void stop() {
        oversight.close();
        webhooks.stop(0);
    }

    @Test
    void aHeldDraftsNoticeLeavesForItsApproverOnMailOutboundAndReachesSlackAndTeams() {
        // Given a master keycode reset, held by the policy's floor, whose code must appear in no notice
        EmailDraft draft = GatedDrafts.keycodeReset("LDN-NOTE", "notice-member@example.com", "7345-0021");

        // When it is published and held
        oversight.hold(draft);

        // Then the approver's notice is released to delivery with the link to the draft
        String link = OPS + "/ops/drafts/" + draft.getDraftId();
        OutboundEmail notice = await().atMost(RunningOversight.WAIT).until(() -> oversight
                .committed(Topics.MAIL_OUTBOUND).stream()
                .filter(mail -> mail.getDraft().getRecipient().getEmail().equals("notice.lead@example.com"))
                .findFirst().orElse(null), mail -> mail != null);
        assertThat(notice.getDraft().getSubject()).startsWith("Approval needed: Your master keycode at LDN-NOTE");
        assertThat(notice.getDraft().getBodyText()).contains(link, "master_keycode_reset", "Time left:")
                .doesNotContain("7345-0021");
        assertThat(oversight.attestation().problem(notice)).as("delivery accepts it").isEmpty();
        // And the announcement is audited
        await().atMost(RunningOversight.WAIT).until(() -> oversight.auditTrail()
                .getOrDefault(draft.getDraftId(), List.of()).stream()
                .anyMatch(event -> event.getType() == AuditType.APPROVERS_NOTIFIED
                        && event.getAttributes().get("approvers").contains("notice.lead@example.com (mail)")));
        // And Slack and Teams each received it, in their format, with the link and without the code
        await().atMost(RunningOversight.WAIT).until(() -> SLACK.stream().anyMatch(body -> body.contains(link))
                && TEAMS.stream().anyMatch(body -> body.contains(link)));
        assertThat(SLACK).allSatisfy(body -> assertThat(body).contains("\"blocks\"").doesNotContain("7345-0021"));
        assertThat(TEAMS).allSatisfy(body -> assertThat(body)
                .contains("application/vnd.microsoft.card.adaptive", "AdaptiveCard").doesNotContain("7345-0021"));
    }

    @Test
    void aStaffMemberSetsTheirChoiceThroughTheApiAndThePage() throws Exception {
        // Given the default
        assertThat(api("GET", null).body()).contains("\"delivery\":\"immediate\"", "\"chosen\":false");

        // When the staff member chooses a digest through the API, then sends a choice that does not exist
        HttpResponse<String> chosen = api("PUT", "{\"delivery\":\"digest\"}");
        HttpResponse<String> wrong = api("PUT", "{\"delivery\":\"weekly\"}");

        // Then the first is kept and the second refused with what to send
        assertThat(chosen.statusCode()).isEqualTo(200);
        assertThat(chosen.body()).contains("\"delivery\":\"digest\"", "\"chosen\":true");
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("invalid_delivery", "immediate");
        // And the ops page shows it and changes it back to no mail
        StaffSession page = StaffSession.signIn(oversight::url, OTHER, PASSWORD);
        String form = page.get("/ops/notifications").body();
        assertThat(form).contains("id=\"delivery-digest\" checked");
        String saved = page.submit("/ops/notifications", Map.of("delivery", "off",
                "_csrf", StaffSession.hidden(form, "notifications", "_csrf")));
        assertThat(StaffSession.flash(saved)).startsWith("Saved: no mail");
        assertThat(api("GET", null).body()).contains("\"delivery\":\"off\"");
    }

    private HttpResponse<String> api(String method, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(oversight.url("/api/v1/notifications/me")))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((OTHER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Puts the member in the directory and waits until the service sees it, as a directory would already hold it. */
    private static void member(Member member) {
        oversight.publishRaw(Topics.FACILITY_MEMBERS.name(), member.getMemberId(),
                oversight.serdes().serialize(Topics.FACILITY_MEMBERS, member));
        Directory directory = oversight.app().getBean(Directory.class);
        await().atMost(RunningOversight.WAIT).until(() -> directory.member(member.getMemberId()).isPresent());
    }

    private static void receive(String path, Queue<String> bodies) {
        webhooks.createContext(path, exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
