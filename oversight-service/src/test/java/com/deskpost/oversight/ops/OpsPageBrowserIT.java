package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.GatedDrafts.inquiryReply;
import static com.deskpost.oversight.ops.GatedDrafts.keycodeReset;
import static com.deskpost.oversight.ops.RunningOversight.WAIT;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AuditEvent;
import com.deskpost.testsupport.browser.HeadlessChromium;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.EmailCategory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The ops page in a real browser (headless Chromium) against the running service: a staff member
 * signs in, decides held drafts through the forms, and the decisions reach the audit trail on
 * mail.audit through the transactional outbox; the dashboard charts mail that flowed through delivery (its metrics
 * served by {@link DeliveryMetricsStub}) and the held queue.
 */
class OpsPageBrowserIT {

    private static final String APPROVER = "M-LDN-LEAD";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LOCATION = "LDN-B";
    /** A location the approver does not decide for: what is held there stays out of their queue. */
    private static final String OTHER_LOCATION = "MUC-1";

    private static final List<String> CHARTS = List.of("sent-by-category", "sent-by-location", "held-waiting",
            "held-age", "failures", "feedback-rates", "event-to-send-automatic", "event-to-send-held");

    private static DeliveryMetricsStub delivery;
    private static RunningOversight oversight;
    private HeadlessChromium chromium;
    private WebDriver browser;

    @BeforeAll
    static void start() {
        Location london = Location.newBuilder(aLocation(LOCATION).build()).setApprovers(List.of(APPROVER)).build();
        delivery = DeliveryMetricsStub.start();
        // The dashboard samples delivery's metrics and its own often, so charts fill within seconds.
        oversight = RunningOversight.start(List.of(london, aLocation(OTHER_LOCATION).build()), Map.of(APPROVER, PASSWORD, "M-NOT-AN-APPROVER", PASSWORD),
                "--deskpost.oversight.dashboard.sources.delivery=" + delivery.url(),
                "--deskpost.oversight.dashboard.interval=300ms");
    }

    @AfterAll
    static void stop() {
        oversight.close();
        delivery.close();
    }

    @BeforeEach
    void openBrowser() {
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterEach
    void closeBrowser() {
        chromium.close();
    }

    @Test
    void anApproverSignsInApprovesOneDraftRejectsAnotherAndBothOutcomesAreAudited() {
        // Given two master keycode resets (floor gated_send) held for London
        EmailDraft first = keycodeReset(LOCATION, "ada@example.com", "4821-7730");
        EmailDraft second = keycodeReset(LOCATION, "grace@example.com", "5510-2047");
        oversight.hold(first);
        oversight.hold(second);

        // When the approver opens the page, is sent to sign in, and signs in
        signIn();

        // Then both wait in the queue with mode, reason, recipient, preview (placeholder for the code) and time left; no code is on the page
        for (EmailDraft draft : List.of(first, second)) {
            String row = browser.findElement(By.id("pending-" + draft.getDraftId())).getText();
            assertThat(row).contains("gated_send", "master_keycode_reset", draft.getRecipient().getEmail(),
                    "the master keycode is now ⟦credential 1⟧", "23 h");
        }
        assertThat(browser.getPageSource()).doesNotContain("4821-7730", "5510-2047");

        // When they approve the first on its page
        review(first);
        assertThat(browser.findElement(By.id("mode")).getText()).isEqualTo("gated_send");
        assertThat(browser.findElements(By.id("edit-form"))).as("no edits in gated_send").isEmpty();
        assertThat(browser.findElement(By.id("preview")).getText()).contains("⟦credential 1⟧").doesNotContain("4821-7730");
        browser.findElement(By.id("approve")).click();

        // Then the queue says it was approved
        assertThat(flash()).startsWith("Approved “Your master keycode at LDN-B was reset” to ada@example.com");

        // When they reject the second, with a reason
        review(second);
        browser.findElement(By.id("reject-reason")).sendKeys("Reset was requested by phone and not verified");
        browser.findElement(By.id("reject")).click();

        // Then the queue says it was rejected, and both are among the recent decisions, not in the queue
        assertThat(flash()).startsWith("Rejected “Your master keycode at LDN-B was reset” to grace@example.com");
        assertThat(browser.findElements(By.cssSelector("tr.pending"))).isEmpty();
        assertThat(browser.findElement(By.id("decided-" + first.getDraftId())).getText()).contains("approved", APPROVER);
        assertThat(browser.findElement(By.id("decided-" + second.getDraftId())).getText())
                .contains("rejected", APPROVER, "Reset was requested by phone and not verified");

        // And the audit trail on mail.audit holds each outcome, by the approver
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, List<AuditEvent>> trail = oversight.auditTrail();
            assertThat(types(trail, first)).containsSubsequence("HELD", "APPROVED", "RELEASED");
            assertThat(types(trail, second)).containsSubsequence("HELD", "REJECTED").doesNotContain("RELEASED");
            assertThat(event(trail, first, "APPROVED").getActor()).isEqualTo(APPROVER);
            AuditEvent rejected = event(trail, second, "REJECTED");
            assertThat(rejected.getActor()).isEqualTo(APPROVER);
            assertThat(rejected.getDetail()).contains("Reset was requested by phone and not verified");
        });
    }

    @Test
    void aGatedAllDraftCanBeCorrectedBeforeItIsSent() {
        // Given an inquiry reply (floor gated_all) held for London
        EmailDraft reply = inquiryReply(LOCATION, "lin@example.com");
        oversight.hold(reply);
        signIn();

        // When the approver corrects the subject, leaves the text as it was, and sends
        review(reply);
        WebElement subject = browser.findElement(By.id("edit-subject"));
        subject.clear();
        subject.sendKeys("Re: your tour on Tuesday");
        browser.findElement(By.id("edit-approve")).click();

        // Then it is approved, and the audit trail holds the edit as a diff of the subject alone
        assertThat(flash()).startsWith("Approved “Re: your tour request” to lin@example.com");
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, List<AuditEvent>> trail = oversight.auditTrail();
            assertThat(types(trail, reply)).containsSubsequence("HELD", "EDITED", "APPROVED", "RELEASED");
            assertThat(event(trail, reply, "EDITED").getDetail())
                    .isEqualTo("subject: \"Re: your tour request\" -> \"Re: your tour on Tuesday\"");
        });
    }

    @Test
    void theDashboardChartsTheMailThatFlowedAndTheHeldQueue() {
        // Given a draft held for Munich
        EmailDraft held = keycodeReset(OTHER_LOCATION, "dash@example.com", "7301-2288");
        oversight.hold(held);
        signIn();
        browser.manage().window().setSize(new Dimension(1280, 4200));

        // When mail flows through delivery while the dashboard samples it: sent by policy in seconds, held mail
        // sent after 12 minutes, a refusal, a bounce rate
        await().atMost(WAIT).untilAsserted(() -> {
            delivery.sent(LOCATION, EmailCategory.TRANSACTIONAL, Duration.ofSeconds(2), false);
            delivery.sent("BER-1", EmailCategory.SECURITY, Duration.ofMillis(800), false);
            delivery.sent(LOCATION, EmailCategory.SECURITY, Duration.ofMinutes(12), true);
            delivery.failed(LOCATION);
            delivery.bounceRate(0.012);
            browser.get(oversight.url("/ops/dashboard"));
            // Then every chart holds points, not just axes
            for (String chart : CHARTS) {
                assertThat(browser.findElements(By.cssSelector("#" + chart + " circle.point"))).as(chart).hasSizeGreaterThan(2);
            }
        });
        assertThat(delivery.scrapes()).as("delivery's metrics were sampled with the actuator key").isGreaterThan(2);

        // And the legends name the categories, locations and percentiles the lines are of
        assertThat(legend("sent-by-category")).contains("transactional", "security");
        assertThat(legend("sent-by-location")).contains(LOCATION, "BER-1");
        assertThat(legend("held-waiting")).contains(OTHER_LOCATION);
        assertThat(legend("failures")).contains("refused (failed)");
        assertThat(legend("feedback-rates")).containsExactly("bounces deskpost.example");
        assertThat(legend("event-to-send-automatic")).containsExactly("p50", "p95", "p99");
        assertThat(legend("event-to-send-held")).containsExactly("p50", "p95", "p99");
        // And the held queue as it is now, from the database
        assertThat(browser.findElement(By.id("waiting")).getText()).contains(OTHER_LOCATION);
        assertThat(browser.findElements(By.cssSelector(".no-data"))).isEmpty();
        chromium.screenshot("dashboard-with-traffic");
    }

    /** The series names in a chart's legend. */
    private List<String> legend(String chart) {
        return browser.findElements(By.cssSelector("#" + chart + " g.legend text")).stream().map(WebElement::getText)
                .toList();
    }

    private void signIn() {
        browser.get(oversight.url("/ops"));
        assertThat(browser.getCurrentUrl()).endsWith("/ops/login");
        browser.findElement(By.id("username")).sendKeys(APPROVER);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops"));
        assertThat(browser.findElement(By.id("member")).getText()).isEqualTo(APPROVER);
    }

    private void review(EmailDraft draft) {
        browser.findElement(By.id("pending-" + draft.getDraftId())).findElement(By.className("review")).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops/drafts/" + draft.getDraftId()));
    }

    /** The message the queue page shows after a decision; waits for the redirect to land there. */
    private String flash() {
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops")
                && !browser.findElements(By.id("flash")).isEmpty());
        return browser.findElement(By.id("flash")).getText();
    }

    private static List<String> types(Map<String, List<AuditEvent>> trail, EmailDraft draft) {
        return trail.getOrDefault(draft.getDraftId(), List.of()).stream().map(e -> e.getType().name()).toList();
    }

    private static AuditEvent event(Map<String, List<AuditEvent>> trail, EmailDraft draft, String type) {
        return trail.get(draft.getDraftId()).stream().filter(e -> e.getType().name().equals(type)).findFirst()
                .orElseThrow();
    }
}
