package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.GatedDrafts.keycodeReset;
import static com.deskpost.oversight.ops.RunningOversight.WAIT;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.Location;
import com.deskpost.oversight.queue.HeldDraft;
import com.deskpost.oversight.queue.HeldDraft.Status;
import com.deskpost.testsupport.browser.HeadlessChromium;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Two replicas of oversight on one database, broker and registry, as behind a load balancer that
 * sends each request wherever it likes: a staff member signed in on one is signed in on the other,
 * a form the one served is accepted by the other (its CSRF token, its one-time message), and a
 * sign-out on either ends the session on both. Sessions are rows in PostgreSQL (Spring Session JDBC),
 * with the timeout and cookie the service always had, and expired ones are deleted.
 */
class OpsPageReplicasIT {

    private static final String APPROVER = "M-LDN-REPLICAS";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LOCATION = "LDN-R";

    private static RunningOversight a;
    private static RunningOversight b;

    @BeforeAll
    static void start() {
        Location london = Location.newBuilder(aLocation(LOCATION).build()).setApprovers(List.of(APPROVER)).build();
        a = RunningOversight.start(List.of(london), Map.of(APPROVER, PASSWORD));
        b = a.replica();
    }

    @AfterAll
    static void stop() {
        if (b != null) {
            b.close();
        }
        a.close();
    }

    @Test
    void signedInOnOneReplicaTheStaffMemberDecidesOnTheOtherAndSignsOutOfBoth() {
        // Given a held draft, and a browser behind a load balancer that the test points at A or B
        HeldDraft held = a.hold(keycodeReset(LOCATION, "ada@example.com", "4821-7730"));
        AtomicReference<RunningOversight> balancer = new AtomicReference<>(a);
        StaffSession browser = StaffSession.anonymous(path -> balancer.get().url(path));

        // When it signs in on A
        HttpResponse<String> loginPage = browser.get("/ops/login");
        HttpResponse<String> signedIn = browser.post("/ops/login", Map.of("username", APPROVER, "password", PASSWORD,
                "_csrf", StaffSession.hidden(loginPage.body(), "_csrf")));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(StaffSession.location(signedIn)).endsWith("/ops");

        // Then the session is a row in PostgreSQL, with the service's timeout and cookie
        assertThat(jdbc().queryForObject("select max_inactive_interval from spring_session where principal_name = ?",
                Integer.class, APPROVER)).isEqualTo(30 * 60);
        assertThat(signedIn.headers().firstValue("Set-Cookie")).get().asString()
                .startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax");

        // And B serves the queue to the signed-in approver, with the held draft
        balancer.set(b);
        HttpResponse<String> queueOnB = browser.get("/ops");
        assertThat(queueOnB.statusCode()).isEqualTo(200);
        assertThat(queueOnB.body()).contains(APPROVER, "pending-" + held.draftId());

        // When B shows the draft's form, A takes the approval and B shows its one-time message
        String page = browser.get("/ops/drafts/" + held.draftId()).body();
        balancer.set(a);
        HttpResponse<String> approved = browser.post("/ops/drafts/" + held.draftId() + "/approve", Map.of(
                "decisionId", StaffSession.hidden(page, "approve-form", "decisionId"),
                "_csrf", StaffSession.hidden(page, "approve-form", "_csrf")));
        assertThat(approved.statusCode()).isEqualTo(302);
        balancer.set(b);
        String afterApproval = browser.get(URI.create(StaffSession.location(approved)).getRawPath()).body();
        assertThat(StaffSession.flash(afterApproval)).startsWith("Approved “Your master keycode at LDN-R was reset”");
        assertThat(a.find(held.draftId()).status()).isEqualTo(Status.APPROVED);

        // When it signs out on A
        balancer.set(a);
        String csrf = StaffSession.hidden(browser.get("/ops").body(), "_csrf");
        HttpResponse<String> signedOut = browser.post("/ops/logout", Map.of("_csrf", csrf));
        assertThat(StaffSession.location(signedOut)).endsWith("/ops/login?signedOut");

        // Then B sends it to sign in, and the session's row is gone
        balancer.set(b);
        HttpResponse<String> afterSignOut = browser.get("/ops");
        assertThat(afterSignOut.statusCode()).isEqualTo(302);
        assertThat(StaffSession.location(afterSignOut)).endsWith("/ops/login");
        assertThat(jdbc().queryForObject("select count(*) from spring_session where principal_name = ?", Long.class,
                APPROVER)).isZero();
    }

    @Test
    void anExpiredSessionIsDeletedByTheCleanUpAndSignsNobodyIn() {
        // Given a staff member signed in on B, and every session expired (as if 30 minutes had passed unused)
        StaffSession staff = StaffSession.signIn(b::url, APPROVER, PASSWORD);
        assertThat(staff.get("/ops").statusCode()).isEqualTo(200);
        assertThat(jdbc().update("update spring_session set expiry_time = 0")).isPositive();

        // When A's clean-up runs (each replica runs it each minute; the test does not wait for the minute)
        a.app().getBean(JdbcIndexedSessionRepository.class).cleanUpExpiredSessions();

        // Then the session and its attributes are gone, and neither replica lets the cookie in
        assertThat(jdbc().queryForObject("select count(*) from spring_session", Long.class)).isZero();
        assertThat(jdbc().queryForObject("select count(*) from spring_session_attributes", Long.class)).isZero();
        assertThat(staff.get("/ops").statusCode()).isEqualTo(302);
        assertThat(StaffSession.anonymous(a::url).get("/ops").statusCode()).isEqualTo(302);
    }

    @Test
    void aBrowserSignedInOnOneReplicaIsSignedInOnTheOtherUntilItSignsOut() {
        try (HeadlessChromium chromium = HeadlessChromium.start()) {
            WebDriver browser = chromium.driver();
            // Given a browser signed in on A (a cookie for localhost: the browser sends it to both ports)
            browser.get(a.url("/ops"));
            browser.findElement(By.id("username")).sendKeys(APPROVER);
            browser.findElement(By.id("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().equals(a.url("/ops")));

            // When it opens the queue on B, then signs out there
            browser.get(b.url("/ops"));
            assertThat(browser.getCurrentUrl()).isEqualTo(b.url("/ops"));
            assertThat(browser.findElement(By.id("member")).getText()).isEqualTo(APPROVER);
            browser.findElement(By.id("sign-out")).click();
            await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops/login?signedOut"));

            // Then A asks it to sign in again
            browser.get(a.url("/ops"));
            assertThat(browser.getCurrentUrl()).isEqualTo(a.url("/ops/login"));
        }
    }

    private static JdbcTemplate jdbc() {
        return a.app().getBean(JdbcTemplate.class);
    }
}
