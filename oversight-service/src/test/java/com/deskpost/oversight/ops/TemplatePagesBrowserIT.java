package com.deskpost.oversight.ops;

import static com.deskpost.oversight.ops.RunningOversight.WAIT;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.TemplateOverride;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.browser.HeadlessChromium;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * An admin manages a template on the ops page in a real browser (headless Chromium): lists the templates, previews
 * one in German, saves versions that validation refuses (an unknown value, a script) and one it accepts, activates
 * it for one location, rolls back to an earlier version and to the built-in, and sends a test. Every activation and
 * rollback reaches mail.templates (the override, then a tombstone) and mail.audit (TEMPLATE_CHANGED) through the
 * outbox.
 */
class TemplatePagesBrowserIT {

    private static final String ADMIN = "M-ADMIN";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String LOCATION = "BER-1";
    private static final String KEY = LOCATION + "/booking-confirmation/de";
    private static final String TEXT = "Buchung {{bookingId}} am {{date}} um {{startTime}}.";
    private static final String HTML = "<p>Buchung <b>{{bookingId}}</b> am {{date}} um {{startTime}}</p>";

    private static RunningOversight oversight;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @BeforeAll
    static void start() {
        oversight = RunningOversight.start(List.of(aLocation(LOCATION).named("Deskpost Kreuzberg").build()),
                Map.of(ADMIN, PASSWORD), "--deskpost.oversight.staff[0].admin=true");
        chromium = HeadlessChromium.start();
        browser = chromium.driver();
    }

    @AfterAll
    static void stop() {
        chromium.close();
        oversight.close();
    }

    @Test
    void anAdminPreviewsValidatesActivatesRollsBackAndTestSendsATemplate() {
        // Given a signed-in admin on the template list
        signIn();
        browser.get(oversight.url("/ops/admin/templates"));
        assertThat(browser.findElement(By.id("template-booking-confirmation")).getText()).contains("booking-events",
                "booking_created");
        assertThat(browser.findElements(By.cssSelector("tr.template"))).hasSizeGreaterThan(20);
        chromium.screenshot("templates-list");

        // When they preview the booking confirmation, then the German preview comes from the German template
        browser.findElement(By.id("template-booking-confirmation")).findElement(By.className("open")).click();
        WebElement german = browser.findElement(By.id("preview-de"));
        assertThat(german.findElement(By.className("source")).getText())
                .contains("templates/booking-confirmation_de.subject.mustache");
        assertThat(german.getText()).contains("B-1042", "Meeting room Babbage");
        new Actions(browser).scrollToElement(german).perform();
        chromium.screenshot("templates-preview-de");

        // When they open German at Berlin and save a subject with a value the composer does not have
        new Select(browser.findElement(By.id("slot-locale"))).selectByValue("de");
        type("slot-location", LOCATION);
        browser.findElement(By.id("open-editor")).click();
        save("Buchung {{bookingRef}}", TEXT, HTML);

        // Then version 1 is saved and its problem shown
        assertThat(problems()).contains("subject: {{bookingRef}} is not a value of booking-confirmation");
        chromium.screenshot("templates-unknown-variable");

        // When they save one with a script, and try to activate it
        save("Ihre Buchung {{bookingId}}", TEXT, HTML + "<script>alert(1)</script>");
        assertThat(problems()).contains("html: <script> is not allowed in a mail");
        browser.findElement(By.id("activate-2")).click();

        // Then it is refused, and nothing is published
        await().atMost(WAIT).ignoreExceptions().until(() -> flash().startsWith("Not activated"));
        assertThat(flash()).startsWith("Not activated: Version 2 of booking-confirmation (de, BER-1) cannot be");
        chromium.screenshot("templates-script-refused");

        // When they save two good versions and activate the first, then the second
        save("Ihre Buchung {{bookingId}} in Kreuzberg", TEXT, HTML);
        assertThat(browser.findElements(By.id("problems"))).isEmpty();
        save("Buchung {{bookingId}} bestätigt", TEXT, HTML);
        activate(3);
        assertThat(flash()).startsWith("Version 3 of booking-confirmation (de, BER-1) is active");
        WebElement activated = browser.findElement(By.id("slot-preview"));
        assertThat(activated.getText()).contains("Ihre Buchung B-1042 in Kreuzberg");
        new Actions(browser).scrollToElement(activated).perform();
        chromium.screenshot("templates-activated");
        activate(4);

        // And roll back to version 3, then to the built-in template
        activate(3);
        assertThat(browser.findElement(By.id("in-force")).getText()).isEqualTo("version 3");
        browser.findElement(By.id("use-built-in")).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> flash().endsWith("uses the built-in template again."));
        assertThat(flash()).isEqualTo("booking-confirmation (de, BER-1) uses the built-in template again.");
        assertThat(browser.findElement(By.id("in-force")).getText()).isEqualTo("the built-in template");
        chromium.screenshot("templates-rolled-back");

        // Then mail.templates carried each activation and ends with the tombstone: composers are back to the built-in
        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> records = templateRecords();
            assertThat(records).extracting(ConsumerRecord::key).containsOnly(KEY).hasSize(4);
            assertThat(records.subList(0, 3)).extracting(record -> oversight.serdes()
                    .deserialize(Topics.MAIL_TEMPLATES, record.value())).extracting(TemplateOverride::getVersion,
                            TemplateOverride::getLocationId, TemplateOverride::getLocale, TemplateOverride::getActivatedBy)
                    .containsExactly(tuple(3L, LOCATION, "de", ADMIN),
                            tuple(4L, LOCATION, "de", ADMIN),
                            tuple(3L, LOCATION, "de", ADMIN));
            assertThat(records.get(3).value()).as("tombstone").isNull();
        });
        // And each change is audited, from version to version
        await().atMost(WAIT).untilAsserted(() -> assertThat(oversight.auditTrail().get("template:" + KEY))
                .extracting(AuditEvent::getType, AuditEvent::getActor, AuditEvent::getDetail)
                .containsExactly(
                        tuple(AuditType.TEMPLATE_CHANGED, ADMIN,
                                "booking-confirmation (de, BER-1): the built-in template → version 3"),
                        tuple(AuditType.TEMPLATE_CHANGED, ADMIN,
                                "booking-confirmation (de, BER-1): version 3 → version 4"),
                        tuple(AuditType.TEMPLATE_CHANGED, ADMIN,
                                "booking-confirmation (de, BER-1): version 4 → version 3"),
                        tuple(AuditType.TEMPLATE_CHANGED, ADMIN,
                                "booking-confirmation (de, BER-1): version 3 → the built-in template")));

        // When they send version 3 as a test
        browser.get(oversight.url("/ops/admin/templates/booking-confirmation/edit?locale=de&location=BER-1&version=3"));
        type("test-recipient", "ops-test@example.com");
        browser.findElement(By.id("send-test")).click();

        // Then it is released as transactional mail, marked as a test, audited with the admin's name
        await().atMost(WAIT).ignoreExceptions().until(() -> flash().startsWith("Test mail sent"));
        assertThat(flash()).startsWith("Test mail sent to ops-test@example.com");
        await().atMost(WAIT).untilAsserted(() -> assertThat(oversight.auditTrail().values().stream()
                .flatMap(List::stream).filter(event -> "true".equals(event.getAttributes().get("test"))).toList())
                .singleElement().satisfies(event -> {
                    assertThat(event.getType()).isEqualTo(AuditType.RELEASED);
                    assertThat(event.getActor()).isEqualTo(ADMIN);
                    assertThat(event.getRecipient()).isEqualTo("ops-test@example.com");
                    assertThat(event.getAttributes()).containsEntry("category", "transactional");
                }));
        assertThat(oversight.committed(Topics.MAIL_OUTBOUND)).anySatisfy(outbound ->
                assertThat(outbound.toString()).contains("[TEST] Ihre Buchung B-1042 in Kreuzberg"));
    }

    private void signIn() {
        browser.get(oversight.url("/ops"));
        type("username", ADMIN);
        type("password", PASSWORD);
        browser.findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/ops"));
    }

    private void save(String subject, String text, String html) {
        int before = browser.findElements(By.cssSelector("#versions tbody tr")).size();
        type("edit-subject", subject);
        type("edit-text", text);
        type("edit-html", html);
        browser.findElement(By.id("save")).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("version=" + (before + 1)));
        assertThat(flash()).isEqualTo("Saved version " + (before + 1) + " of booking-confirmation (de, BER-1). It is"
                + " not active yet.");
    }

    private void activate(int version) {
        browser.findElement(By.id("activate-" + version)).click();
        await().atMost(WAIT).ignoreExceptions().until(() -> browser.findElement(By.id("in-force")).getText()
                .equals("version " + version));
    }

    private void type(String id, String value) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    private String problems() {
        return browser.findElement(By.id("problems")).getText();
    }

    private String flash() {
        return browser.findElement(By.id("flash")).getText();
    }

    private List<ConsumerRecord<String, byte[]>> templateRecords() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                oversight.app().getEnvironment().getRequiredProperty("spring.kafka.bootstrap-servers"),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MAIL_TEMPLATES.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
