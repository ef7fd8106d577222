package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.RunningOversight.WAIT;
import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.staff.StaffDirectory;
import com.deskpost.testsupport.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The policy, approvers and staff accounts managed at runtime, against the running service (PostgreSQL, Kafka):
 * a floor raised on the ops page in Chromium holds the next draft of its event type with no restart and is audited
 * with before and after; the admin API refuses non-admins and bad changes with JSON; accounts created there sign in
 * until disabled, and a disabled account's open ops-page session ends; the last admin and an admin's own flag
 * cannot be removed. One service for the whole class.
 */
class RuntimePolicyIT {

    private static final String ADMIN = "M-ADMIN";
    private static final String STAFF = "M-STAFF";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LONDON = "LDN-P";
    private static final String BERLIN = "BER-P";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RunningOversight oversight;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        Location london = Location.newBuilder(aLocation(LONDON).build()).setApprovers(List.of(ADMIN)).build();
        Location berlin = Location.newBuilder(aLocation(BERLIN).build()).setApprovers(List.of(STAFF)).build();
        Map<String, String> staff = new LinkedHashMap<>();
        staff.put(ADMIN, PASSWORD);
        staff.put(STAFF, PASSWORD);
        oversight = RunningOversight.start(List.of(london, berlin), staff, "--deskpost.oversight.staff[0].admin=true");
    }

    @AfterAll
    static void stop() {
        oversight.close();
    }

    @Test
    void aFloorRaisedOnTheOpsPageHoldsTheNextDraftOfItsEventTypeWithoutARestartAndIsAudited() {
        // Given a booking confirmation at London goes out at once (no floor for booking_created, mailbox monitored)
        EmailDraft first = booking();
        oversight.publish(first);
        await().atMost(WAIT).until(() -> types(first).contains("RELEASED"));

        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            // When the admin signs in, follows the navigation to the admin page, and raises the floor to gated_send
            browser.get(oversight.url("/ops/login"));
            browser.findElement(By.id("username")).sendKeys(ADMIN);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops"));
            browser.findElement(By.id("nav-admin")).click();
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops/admin"));
            assertThat(browser.findElements(By.id("floor-booking_created"))).isEmpty();
            chromium.screenshot("admin-policy-before");
            browser.findElement(By.id("floor-event-type")).sendKeys("booking_created");
            new Select(browser.findElement(By.id("floor-mode"))).selectByValue("gated_send");
            browser.findElement(By.id("save-floor")).click();

            // Then the page says so and lists the floor
            await().atMost(WAIT).until(() -> !browser.findElements(By.id("flash")).isEmpty());
            assertThat(browser.findElement(By.id("flash")).getText())
                    .isEqualTo("The floor for booking_created is now gated_send, from the next draft.");
            assertThat(browser.findElement(By.id("floor-booking_created")).getText()).contains("gated_send");
            assertThat(browser.findElement(By.id("changes")).getText())
                    .contains(ADMIN + " changed the floor for booking_created to gated_send");
            chromium.screenshot("admin-policy-floor-raised");
            ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()",
                    browser.findElement(By.id("floors")));
            chromium.screenshot("admin-policy-floors");
        }

        // And the next booking confirmation is held for approval, by the floor, with the service still running
        HeldDraft held = oversight.hold(booking());
        assertThat(held.mode()).isEqualTo(OversightMode.GATED_SEND);
        assertThat(held.reason()).contains("floor for booking_created gated_send");

        // And the change is on mail.audit: POLICY_CHANGED by the admin, with the policy before and after
        AuditEvent changed = await().atMost(WAIT).until(() -> policyChange("event_type_floors.booking_created"),
                event -> event != null);
        assertThat(changed.getActor()).isEqualTo(ADMIN);
        assertThat(changed.getDraftId()).startsWith("policy:");
        assertThat(changed.getDetail()).isEqualTo(ADMIN + " changed the floor for booking_created to gated_send");
        assertThat(JSON.readTree(changed.getAttributes().get("before")).at("/eventTypeFloors").has("booking_created"))
                .isFalse();
        assertThat(JSON.readTree(changed.getAttributes().get("after")).at("/eventTypeFloors/booking_created")
                .asString()).isEqualTo("gated_send");
        assertThat(JSON.readTree(changed.getAttributes().get("after")).at("/eventTypeFloors/master_keycode_reset")
                .asString()).as("the configured floors, seeded and kept").isEqualTo("gated_send");
    }

    @Test
    void nonAdminsAreRefusedAndBadChangesAreRefusedWithJsonThatSaysWhy() {
        // A staff member who is not an admin: 403 JSON on the API, no admin link and 403 on the page
        HttpResponse<String> forbidden = call("GET", "/api/v1/admin/policy", STAFF, null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(json(forbidden).get("error").asString()).isEqualTo("forbidden");
        StaffSession staff = StaffSession.signIn(oversight::url, STAFF, PASSWORD);
        assertThat(staff.get("/ops").body()).doesNotContain("nav-admin");
        assertThat(staff.get("/ops/admin").statusCode()).isEqualTo(403);
        assertThat(StaffSession.signIn(oversight::url, ADMIN, PASSWORD).get("/ops").body()).contains("nav-admin");

        // An unknown mode, an unknown location, a policy given in part, an empty approvers list
        assertRefused(call("PUT", "/api/v1/admin/policy", ADMIN, """
                {"defaultMode": "strict", "mailboxModes": {}, "eventTypeFloors": {}}"""), 400, "unknown_mode",
                "autonomous, monitored, gated_send or gated_all");
        assertRefused(call("PUT", "/api/v1/admin/policy", ADMIN, """
                {"defaultMode": "monitored", "mailboxModes": {"NOWHERE": "gated_all"}, "eventTypeFloors": {}}"""),
                400, "unknown_location", "NOWHERE");
        assertRefused(call("PUT", "/api/v1/admin/policy", ADMIN, """
                {"defaultMode": "autonomous"}"""), 400, "incomplete_policy", "whole policy");
        assertRefused(call("PUT", "/api/v1/admin/approvers/NOWHERE", ADMIN, """
                {"approvers": ["M-1"]}"""), 400, "unknown_location", "NOWHERE");
        assertRefused(call("PUT", "/api/v1/admin/approvers/" + BERLIN, ADMIN, """
                {"approvers": []}"""), 400, "no_approvers", "at least one approver");

        // And nothing was changed by them
        JsonNode policy = json(call("GET", "/api/v1/admin/policy", ADMIN, null));
        assertThat(policy.get("defaultMode").asString()).isEqualTo("monitored");
        assertThat(policy.get("mailboxModes").size()).isZero();
    }

    @Test
    void approversSetByAnAdminReplaceTheDirectorysListUntilRemoved() {
        StaffDirectory directory = oversight.app().getBean(StaffDirectory.class);
        assertThat(directory.approversOf(BERLIN)).containsExactly(STAFF);

        JsonNode set = json(call("PUT", "/api/v1/admin/approvers/" + BERLIN, ADMIN, """
                {"approvers": ["M-ADMIN", "agent:reviewer"]}"""));
        assertThat(set.get("effective").toString()).isEqualTo("[\"M-ADMIN\",\"agent:reviewer\"]");
        assertThat(directory.approversOf(BERLIN)).containsExactly(ADMIN, "agent:reviewer");
        assertThat(directory.locationsOf(ADMIN)).contains(LONDON, BERLIN);
        assertThat(directory.locationsOf(STAFF)).doesNotContain(BERLIN);

        JsonNode reset = json(call("DELETE", "/api/v1/admin/approvers/" + BERLIN, ADMIN, null));
        assertThat(reset.get("effective").toString()).isEqualTo("[\"M-STAFF\"]");
        assertThat(directory.locationsOf(STAFF)).containsExactly(BERLIN);
    }

    @Test
    void aStaffAccountCreatedThroughTheApiSignsInUntilItIsDisabled() {
        String member = "M-NEW-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "a long enough new password";
        assertRefused(call("POST", "/api/v1/admin/staff", ADMIN, """
                {"memberId": "%s", "password": "short"}""".formatted(member)), 400, "weak_password", "12");

        HttpResponse<String> created = call("POST", "/api/v1/admin/staff", ADMIN, """
                {"memberId": "%s", "name": "New Hire", "password": "%s"}""".formatted(member, password));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).doesNotContain(password).doesNotContain("bcrypt");
        String stored = oversight.app().getBean(JdbcTemplate.class).queryForObject(
                "select password_hash from staff_accounts where member_id = ?", String.class, member);
        assertThat(stored).startsWith("{bcrypt}").doesNotContain(password);
        assertThat(call("GET", "/api/v1/pending", member, password, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/admin/policy", member, password, null).statusCode()).isEqualTo(403);
        StaffSession opsPage = StaffSession.signIn(oversight::url, member, password);
        assertThat(opsPage.get("/ops").statusCode()).isEqualTo(200);

        HttpResponse<String> disabled = call("PUT", "/api/v1/admin/staff/" + member, ADMIN, """
                {"enabled": false}""");
        assertThat(json(disabled).get("enabled").asBoolean()).isFalse();
        assertThat(call("GET", "/api/v1/pending", member, password, null).statusCode()).isEqualTo(401);
        HttpResponse<String> ended = opsPage.get("/ops");
        assertThat(ended.statusCode()).as("the open ops-page session ends too").isEqualTo(302);
        assertThat(StaffSession.location(ended)).endsWith("/ops/login?accountChanged");
        assertThat(opsPage.get("/ops").statusCode()).as("and stays ended").isEqualTo(302);

        AuditEvent audited = await().atMost(WAIT).until(() -> policyChange("staff." + member), event -> event != null);
        assertThat(audited.getAttributes().get("after")).contains("\"memberId\":\"" + member + "\"")
                .doesNotContain("bcrypt");
    }

    @Test
    void theLastAdminCannotBeRemovedNorAnAdminsOwnFlag() {
        // The only admin cannot demote nor disable themselves
        assertRefused(call("PUT", "/api/v1/admin/staff/" + ADMIN, ADMIN, """
                {"admin": false}"""), 409, "last_admin", "last admin");
        assertRefused(call("PUT", "/api/v1/admin/staff/" + ADMIN, ADMIN, """
                {"enabled": false}"""), 409, "last_admin", "last admin");

        // With a second admin, still not their own flag; another admin's, yes
        String second = "M-ADMIN-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "second admin's password";
        assertThat(call("POST", "/api/v1/admin/staff", ADMIN, """
                {"memberId": "%s", "password": "%s", "admin": true}""".formatted(second, password)).statusCode())
                .isEqualTo(201);
        assertRefused(call("PUT", "/api/v1/admin/staff/" + ADMIN, ADMIN, """
                {"admin": false}"""), 409, "own_admin_flag", "your own admin role");
        assertThat(call("GET", "/api/v1/admin/policy", second, password, null).statusCode()).isEqualTo(200);
        assertThat(json(call("PUT", "/api/v1/admin/staff/" + second, ADMIN, """
                {"admin": false}""")).get("admin").asBoolean()).isFalse();
        assertThat(call("GET", "/api/v1/admin/policy", second, password, null).statusCode()).isEqualTo(403);
    }

    private static EmailDraft booking() {
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).at(LONDON).to("ada@example.com")
                .subject("Your booking at " + LONDON).bodyText("Hello,\nyour desk is booked.").build();
        return EmailDraft.newBuilder(draft).setSupersedeKey("booking:" + draft.getDraftId()).build();
    }

    private static List<String> types(EmailDraft draft) {
        return oversight.auditTrail().getOrDefault(draft.getDraftId(), List.of()).stream()
                .map(event -> event.getType().name()).toList();
    }

    private static AuditEvent policyChange(String what) {
        return oversight.auditTrail().values().stream().flatMap(List::stream)
                .filter(event -> event.getType() == AuditType.POLICY_CHANGED)
                .filter(event -> what.equals(event.getAttributes().get("changed"))).findFirst().orElse(null);
    }

    private HttpResponse<String> call(String method, String path, String member, String body) {
        return call(method, path, member, PASSWORD, body);
    }

    private HttpResponse<String> call(String method, String path, String member, String password, String body) {
        String basic = Base64.getEncoder().encodeToString((member + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(oversight.url(path)))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(response.body());
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = json(response);
        assertThat(body.get("error").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).contains(says);
    }
}
