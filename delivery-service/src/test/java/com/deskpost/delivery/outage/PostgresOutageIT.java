package com.deskpost.delivery.outage;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.ConsentAction;
import com.deskpost.events.ConsentChange;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Release;
import com.deskpost.platform.failure.ConsumerWaits;
import com.deskpost.platform.failure.ConsumerWaitsHealthIndicator;
import com.deskpost.platform.failure.Failure;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testsupport.Postgres;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped under delivery while mail and a consent change arrive is waited out, not
 * dead-lettered: readiness and the gauge show the wait, and once the database is back every mail is
 * sent once and the unsubscribe that arrived meanwhile is applied.
 */
class PostgresOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Location NEW_YORK = Location.newBuilder(aLocation().build())
            .setLocationId("NYC-O").setJurisdiction("US").setTimeZone("America/New_York").build();

    private static Postgres postgres;
    private static DeliveryTestStack stack;

    @BeforeAll
    static void startService() {
        postgres = Postgres.startLocal(0);
        stack = DeliveryTestStack.infrastructure(postgres);
        stack.topics().publish(Topics.FACILITY_LOCATIONS, NEW_YORK.getLocationId(), NEW_YORK);
        stack.startService();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void mailAndAnUnsubscribeArrivingWhileThePostgresqlServerIsDownAreHandledOnceItIsBack() {
        // Given delivery is sending (a first mail arrives)
        release(draft("before-outage", "grace@example.com", EmailCategory.TRANSACTIONAL));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo("grace@example.com").size() == 1);

        // When PostgreSQL stops, and meanwhile Ada unsubscribes and five confirmations are released
        postgres.stopServer();
        stack.topics().publish(Topics.MAIL_CONSENT, "ada@example.com", ConsentChange.newBuilder()
                .setEmail("ada@example.com").setTag("unsubscribed").setAction(ConsentAction.ADDED)
                .setSource("one-click").setChangedAt(Instant.now()).build());
        List<String> recipients = IntStream.range(0, 5).mapToObj(i -> "member" + i + "@example.com").toList();
        recipients.forEach(to -> release(draft("during-outage-" + to, to, EmailCategory.TRANSACTIONAL)));

        // Then the consumers wait for PostgreSQL: readiness says so, and the gauge counts the seconds
        ConsumerWaits waits = stack.service().getBean(ConsumerWaits.class);
        await().atMost(WAIT).until(() -> waits.current().values().stream()
                .anyMatch(wait -> wait.reason() == Failure.POSTGRESQL));
        await().atMost(WAIT).until(() -> waits.current().containsKey("deskpost-delivery-consent")
                && waits.current().containsKey("deskpost-delivery"));
        MeterRegistry meters = stack.service().getBean(MeterRegistry.class);
        await().atMost(WAIT).until(() -> meters.get("deskpost.consumer.waiting").tag("consumer", "deskpost-delivery-consent")
                .tag("reason", "postgresql").gauge().value() > 0);
        assertThat(readiness()).contains("OUT_OF_SERVICE");

        // When PostgreSQL is back
        postgres.startServer();

        // Then every confirmation is sent exactly once
        for (String to : recipients) {
            await().atMost(WAIT).until(() -> stack.smtp().messagesTo(to).size() == 1);
        }
        // And the unsubscribe was applied: a promotion to Ada after it is suppressed
        EmailDraft promotion = draft("after-outage-promotion", "ada@example.com", EmailCategory.COMMERCIAL);
        release(promotion);
        await().atMost(WAIT).until(() -> stack.audited(promotion.getDraftId()).stream()
                .anyMatch(event -> event.getType().name().equals("SUPPRESSED")));
        assertThat(stack.smtp().messagesTo("ada@example.com")).isEmpty();
        // And the waits are over, with nothing dead-lettered
        await().atMost(WAIT).until(() -> waits.current().isEmpty());
        assertThat(readiness()).doesNotContain("OUT_OF_SERVICE");
        for (String to : recipients) {
            assertThat(stack.smtp().messagesTo(to)).hasSize(1);
        }
        assertThat(stack.topics().count(Topics.MAIL_CONSENT.deadLetterTopic())).isZero();
        assertThat(stack.topics().count(Topics.MAIL_OUTBOUND.deadLetterTopic())).isZero();
    }

    private static String readiness() {
        return stack.service().getBean(ConsumerWaitsHealthIndicator.class).health().getStatus().getCode();
    }

    private static EmailDraft draft(String id, String to, EmailCategory category) {
        return aDraft().id(id).at(NEW_YORK.getLocationId()).to(to, "Member").category(category).build();
    }

    private static void release(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        stack.topics().publish(Topics.MAIL_OUTBOUND, draft.getSupersedeKey(),
                DeliveryTestStack.ATTESTATION.release(draft, release));
    }
}
