package com.deskpost.billing;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.billing.subscription.SubscriptionState;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.platform.freshness.EntityVersionTable;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A cancelled subscription's billing state is forgotten a grace after its membership ended; its late events are
 * then ignored against its last version, which stays on mail.entity-versions with every renewal key it closed.
 */
class BillingLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-04-20T09:30:00Z");
    private static final LocalDate MAY = LocalDate.parse("2026-05-01");
    private static final LocalDate JUNE = LocalDate.parse("2026-06-01");
    private static final LocalDate LAST_DAY = LocalDate.parse("2026-05-31");
    private static final Duration GRACE = Duration.ofDays(90); // the default
    /** From the wall clock to the grace after the membership ended (the start of the day after its last day). */
    private static final Duration UNTIL_FORGOTTEN = Duration.between(NOW, Instant.parse("2026-06-01T00:00:00Z")).plus(GRACE);

    private final SchemaRegistryServer registry = SchemaRegistryServer.start();
    private final AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
    private final TopologyTestDriver driver = driver();
    private final TestOutputTopic<String, byte[]> drafts = output(Topics.MAIL_DRAFTS);
    private final TestOutputTopic<String, byte[]> versions = output(Topics.MAIL_ENTITY_VERSIONS);
    private final KeyValueStore<String, SubscriptionState> states =
            driver.getKeyValueStore(BillingTopology.SUBSCRIPTIONS_STORE);

    @AfterEach
    void stop() {
        driver.close();
        registry.close();
    }

    @Test
    void aCancelledSubscriptionIsForgottenTheGraceAfterItsMembershipEnded() {
        bill(event("e-1", 1, payment("PAY-1", MAY)));
        bill(event("e-2", 2, cancelled(LAST_DAY)));

        driver.advanceWallClockTime(UNTIL_FORGOTTEN.minusMinutes(2));
        assertThat(states.get("SUB-1")).isNotNull();

        driver.advanceWallClockTime(Duration.ofMinutes(3));
        assertThat(states.get("SUB-1")).isNull();
    }

    @Test
    void aSubscriptionNeverCancelledIsKept() {
        bill(event("e-1", 1, payment("PAY-1", MAY)));

        driver.advanceWallClockTime(UNTIL_FORGOTTEN.plusDays(1));

        assertThat(states.get("SUB-1")).isNotNull();
    }

    @Test
    void aForgottenSubscriptionsReplayedEventsDraftNothingAndItsClosedReminderStaysSuperseded() {
        List<BillingEvent> history = List.of(event("e-1", 1, renewal(JUNE)), event("e-2", 2, payment("PAY-1", MAY)),
                event("e-3", 3, cancelled(LAST_DAY)));
        history.forEach(this::bill);
        EmailDraft juneReminder = read(drafts, Topics.MAIL_DRAFTS).get(0);
        assertThat(read(versions, Topics.MAIL_ENTITY_VERSIONS)).extracting(EntityVersion::getSupersedeKey)
                .contains("subscription:SUB-1");
        driver.advanceWallClockTime(UNTIL_FORGOTTEN.plusMinutes(1));
        assertThat(states.get("SUB-1")).isNull();

        // The billing system replays the subscription's history after it was forgotten.
        history.forEach(this::bill);

        assertThat(drafts.isEmpty()).isTrue(); // no second receipt, no reminder for a month after the end
        assertThat(versions.isEmpty()).isTrue();
        assertThat(states.get("SUB-1")).isNull();
        // Delivery still refuses the June reminder: its renewal key keeps the version that closed it.
        assertThat(EntityVersionTable.supersedingVersion(juneReminder,
                driver.getTimestampedKeyValueStore(EntityVersionTable.STORE)))
                .get().extracting(EntityVersion::getStatus).isEqualTo(EntityStatus.CANCELLED);
    }

    private TopologyTestDriver driver() {
        StreamsBuilder builder = new StreamsBuilder();
        new BillingTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()),
                new BillingProperties(null));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "billing-lifecycle-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyTestDriver created = new TopologyTestDriver(builder.build(), config, NOW);
        pipe(created, Topics.FACILITY_LOCATIONS, "BER-1", Directories.berlin());
        pipe(created, Topics.FACILITY_MEMBERS, "M-1", Directories.member("M-1", "ada@example.com", "en-US"));
        return created;
    }

    private void bill(BillingEvent event) {
        pipe(driver, Topics.FACILITY_BILLING, event.getSubscriptionId(), event);
    }

    private <V extends SpecificRecord> void pipe(TopologyTestDriver target, Topic<V> topic, String key, V value) {
        target.createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    private TestOutputTopic<String, byte[]> output(Topic<?> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private <V extends SpecificRecord> List<V> read(TestOutputTopic<String, byte[]> out, Topic<V> topic) {
        return out.readValuesToList().stream().map(bytes -> serdes.deserialize(topic, bytes)).toList();
    }

    private static BillingEvent event(String eventId, long version, Object payload) {
        return BillingEvent.newBuilder().setHeader(Directories.header(eventId, version, NOW)).setSubscriptionId("SUB-1")
                .setMemberId("M-1").setPayload(payload).build();
    }

    private static Money money() {
        return Money.newBuilder().setAmountMinor(12900).setCurrency("EUR").build();
    }

    private static RenewalUpcoming renewal(LocalDate start) {
        return RenewalUpcoming.newBuilder().setPlanName("Hot desk").setAmount(money())
                .setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1)).build();
    }

    private static PaymentSucceeded payment(String paymentId, LocalDate start) {
        return PaymentSucceeded.newBuilder().setPaymentId(paymentId).setAmount(money()).setPaidAt(NOW)
                .setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1)).setMethod("Visa ending 4242")
                .build();
    }

    private static MembershipCancelled cancelled(LocalDate lastDay) {
        return MembershipCancelled.newBuilder().setEffectiveOn(lastDay).setReason("Moving to Lisbon").build();
    }
}
