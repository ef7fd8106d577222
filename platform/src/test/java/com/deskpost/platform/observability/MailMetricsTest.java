package com.deskpost.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.events.AuditType;
import com.deskpost.platform.TestDrafts;
import com.deskpost.platform.audit.AuditEvents;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Counters named by the audited transition, tagged by category, location and event type; the SMTP timer. */
class MailMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MailMetrics metrics = new MailMetrics(registry);

    @Test
    void aTransitionIsCountedUnderItsAuditTypeWithBoundedTags() {
        var draft = TestDrafts.draft("d-1", List.of("4711"));

        metrics.transition(AuditEvents.of(draft, AuditType.SENT, "test").build());
        metrics.transition(AuditEvents.of(draft, AuditType.SENT, "test").recipient("other@example.com").build());
        metrics.transition(AuditEvents.of(draft, AuditType.SKIPPED_DUPLICATE, "test").build());

        assertThat(registry.get("deskpost.mail.sent").tags("category", "security", "location", "LDN-1",
                "event_type", "door_code_changed").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("deskpost.mail.skipped_duplicate").counter().count()).isEqualTo(1.0);
        // No recipient, draft id or free text becomes a tag.
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .extracting(tag -> tag.getKey()).containsExactlyInAnyOrder("category", "location", "event_type"));
    }

    @Test
    void aSuppressionIsCountedWithTheShortNameOfItsRule() {
        var draft = TestDrafts.draft("d-2", List.of());

        metrics.transition(AuditEvents.of(draft, AuditType.SUPPRESSED, "test")
                .attribute("rule", "commercial mail in EU needs explicit opt-in (GDPR): none recorded").build());
        metrics.transition(AuditEvents.of(draft, AuditType.SUPPRESSED, "test")
                .detail("Dropped while held: the recipient's address was erased (GDPR)").build());

        assertThat(registry.get("deskpost.mail.suppressed").tag("rule", "no_opt_in").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("deskpost.mail.suppressed").tag("rule", "erased").counter().count()).isEqualTo(1.0);
    }

    @Test
    void eventsInAreCountedPerTopicOutcomeAndLocation() {
        metrics.eventIn("facility.bookings", MailMetrics.Outcome.ACCEPTED, "BER-1");
        metrics.eventIn("facility.bookings", MailMetrics.Outcome.DEAD_LETTERED, null);

        assertThat(registry.get(MailMetrics.EVENTS_IN).tags("topic", "facility.bookings", "outcome", "accepted",
                "location", "BER-1").counter().count()).isEqualTo(1.0);
        assertThat(registry.get(MailMetrics.EVENTS_IN).tags("outcome", "dead_lettered", "location", "none").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void smtpSendsAreTimedByOutcome() {
        metrics.smtpSend(TimeUnit.MILLISECONDS.toNanos(12), "sent");
        metrics.smtpSend(TimeUnit.MILLISECONDS.toNanos(30), "sent");

        Timer sent = registry.get(MailMetrics.SMTP_SEND).tag("outcome", "sent").timer();
        assertThat(sent.count()).isEqualTo(2);
        assertThat(sent.max(TimeUnit.MILLISECONDS)).isEqualTo(30.0);
    }

    @Test
    void eventToSendIsTimedPerCategoryLaneAndHeldWithBucketsUpToADay() {
        metrics.eventToSend("SECURITY", "PRIORITY", false, Duration.ofMillis(1500));
        metrics.eventToSend("SECURITY", "PRIORITY", true, Duration.ofMinutes(40));
        // the facility system's clock ahead of ours
        metrics.eventToSend("SECURITY", "PRIORITY", true, Duration.ofSeconds(-3));

        Timer automatic = registry.get(MailMetrics.EVENT_TO_SEND)
                .tags("category", "security", "lane", "priority", "held", "false").timer();
        Timer held = registry.get(MailMetrics.EVENT_TO_SEND)
                .tags("category", "security", "lane", "priority", "held", "true").timer();
        assertThat(automatic.count()).isEqualTo(1);
        assertThat(held.count()).isEqualTo(2);
        assertThat(held.totalTime(TimeUnit.MINUTES)).isEqualTo(40.0);
        assertThat(held.takeSnapshot().histogramCounts()).extracting(bucket -> bucket.bucket(TimeUnit.SECONDS))
                .contains(1.0, 5.0, 30.0, 60.0, 300.0, 900.0, 3600.0, 14_400.0, 86_400.0);
    }

    @Test
    void eventToSendTellsTwentyMillisecondsFromSixtyInTheScrape() {
        var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var published = new MailMetrics(prometheus);
        published.eventToSend("BOOKING", "STANDARD", false, Duration.ofMillis(20));
        published.eventToSend("BOOKING", "STANDARD", false, Duration.ofMillis(60));

        // cumulative buckets as /actuator/prometheus gives them: le -> count
        NavigableMap<Double, Double> buckets = new TreeMap<>();
        String bucketLine = "deskpost_mail_event_to_send_seconds_bucket\\{[^}]*le=\"([0-9.]+)\"} ([0-9.]+)";
        Matcher bucket = Pattern.compile(bucketLine).matcher(prometheus.scrape());
        while (bucket.find()) {
            buckets.put(Double.parseDouble(bucket.group(1)), Double.parseDouble(bucket.group(2)));
        }
        assertThat(buckets).isNotEmpty();
        assertThat(buckets).allSatisfy((le, count) -> assertThat(le)
                .isGreaterThanOrEqualTo(MailMetrics.EVENT_TO_SEND_MINIMUM.toMillis() / 1000.0));
        assertThat(buckets.subMap(0.020, 0.060)).isNotEmpty()
                .allSatisfy((le, count) -> assertThat(count).isEqualTo(1.0));
    }

    @Test
    void withoutARegistryNothingIsCountedAndNothingFails() {
        MailMetrics none = MailMetrics.none();

        none.transition(AuditEvents.of(TestDrafts.draft("d-3", List.of()), AuditType.SENT, "test").build());
        none.smtpSend(1, "sent");

        assertThat(registry.getMeters()).isEmpty();
    }
}
