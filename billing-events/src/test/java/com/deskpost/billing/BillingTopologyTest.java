package com.deskpost.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.deskpost.billing.subscription.SubscriptionState;
import com.deskpost.billing.subscription.SubscriptionState.PaymentOutcome;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.BillingEvent;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EntityStatus;
import com.deskpost.events.EntityVersion;
import com.deskpost.events.InvoiceIssued;
import com.deskpost.events.InvoiceLine;
import com.deskpost.events.MembershipCancelled;
import com.deskpost.events.Money;
import com.deskpost.events.PaymentFailed;
import com.deskpost.events.PaymentSucceeded;
import com.deskpost.events.RenewalUpcoming;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.template.TemplateRenderer;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
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
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The billing composer's topology and per-subscription state, driven without a broker. */
class BillingTopologyTest {

    private static final Instant NOW = Instant.parse("2026-04-20T09:30:00Z");
    private static final LocalDate MAY = LocalDate.parse("2026-05-01");
    private static final LocalDate JUNE = LocalDate.parse("2026-06-01");
    private static final String SUB = "SUB-1";
    private static final String ADA = "ada@example.com";

    private SchemaRegistryServer registry;
    private AvroSerdes serdes;
    private final List<TopologyTestDriver> drivers = new ArrayList<>();
    private Outputs out;

    /** The output topics of one driver. */
    private record Outputs(TopologyTestDriver driver, TestOutputTopic<String, byte[]> drafts,
            TestOutputTopic<String, byte[]> versions, TestOutputTopic<String, byte[]> audit,
            TestOutputTopic<String, byte[]> deadLetters) {
    }

    @BeforeEach
    void start() {
        registry = SchemaRegistryServer.start();
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        out = newComposer();
    }

    @AfterEach
    void stop() {
        drivers.forEach(TopologyTestDriver::close);
        registry.close();
    }

    @Test
    void aPaymentSupersedesTheCyclesPendingReminderSoItIsNeverDeliveredAfterwards() {
        // Given a renewal reminder drafted for May
        pipe(SUB, event("e-1", 1, renewal(MAY)));
        EmailDraft reminder = onlyDraft();
        assertThat(reminder.getSupersedeKey()).isEqualTo("renewal:SUB-1:2026-05-01");
        assertThat(reminder.getEntityVersion()).isEqualTo(1);
        assertThat(reminder.getEventType()).isEqualTo("renewal_upcoming");
        assertThat(reminder.getSubject()).isEqualTo("Your Hot desk membership renews on May 1, 2026 – Deskpost Kreuzberg");
        assertThat(reminder.getBodyText()).contains("Ada", "€129.00", "May 1, 2026", "May 31, 2026", "SUB-1");

        // When the payment for May succeeds
        pipe(SUB, event("e-2", 2, payment("PAY-1", MAY)));

        // Then the reminder's key gets a newer, closed version (delivery and oversight drop the reminder)
        EntityVersion closed = onlyVersion();
        assertThat(closed.getSupersedeKey()).isEqualTo(reminder.getSupersedeKey());
        assertThat(closed.getVersion()).isGreaterThan(reminder.getEntityVersion());
        assertThat(closed.getStatus()).isEqualTo(EntityStatus.CLOSED);
        // and the member gets a receipt under its own key
        EmailDraft receipt = onlyDraft();
        assertThat(receipt.getEventType()).isEqualTo("payment_succeeded");
        assertThat(receipt.getSupersedeKey()).isEqualTo("receipt:SUB-1:PAY-1");
        assertThat(receipt.getBodyText()).contains("€129.00", "Visa ending 4242", "PAY-1");
        // And a later reminder event for the paid cycle drafts nothing
        pipe(SUB, event("e-3", 3, renewal(MAY)));
        assertThat(out.drafts().isEmpty()).isTrue();
        assertThat(state().cycle(MAY).paid()).isTrue();
    }

    @Test
    void everyBillingDraftTravelsInTheLaneOfItsCategoryWithItsAudit() {
        TestOutputTopic<String, byte[]> priority = output(out.driver(), Topics.MAIL_DRAFTS_PRIORITY);
        TestOutputTopic<String, byte[]> bulk = output(out.driver(), Topics.MAIL_DRAFTS_BULK);

        // Given every kind of billing mail: a reminder, a receipt, a failed payment, an invoice, a cancellation
        pipe(SUB, event("e-1", 1, renewal(MAY)));
        pipe(SUB, event("e-2", 2, payment("PAY-1", MAY)));
        pipe(SUB, event("e-3", 3, failure("PAY-2", JUNE, NOW)));
        pipe(SUB, event("e-4", 4, invoice("INV-1")));
        pipe(SUB, event("e-5", 5, cancelled(JUNE)));

        // Then each draft is on the drafts topic of its category's lane (billing mail is transactional: the
        // standard lane; the lane is taken from the category, never fixed by the composer), keyed by its
        // supersede key and recipient, and the DRAFTED audit event of each follows, keyed by its draft id
        List<TestRecord<String, byte[]>> standard = out.drafts().readRecordsToList();
        assertThat(standard).hasSizeGreaterThanOrEqualTo(5).allSatisfy(record -> {
            EmailDraft draft = serdes.deserialize(Topics.MAIL_DRAFTS, record.value());
            assertThat(Lane.of(draft).drafts()).isEqualTo(Topics.MAIL_DRAFTS);
            assertThat(record.key()).isEqualTo(DraftKeys.of(draft)).startsWith(draft.getSupersedeKey() + "/");
        });
        assertThat(priority.isEmpty()).isTrue();
        assertThat(bulk.isEmpty()).isTrue();
        List<TestRecord<String, byte[]>> audits = out.audit().readRecordsToList();
        assertThat(audits).hasSize(standard.size()).allSatisfy(record -> {
            AuditEvent audit = serdes.deserialize(Topics.MAIL_AUDIT, record.value());
            assertThat(audit.getType()).isEqualTo(AuditType.DRAFTED);
            assertThat(audit.getActor()).isEqualTo("billing-composer");
            assertThat(record.key()).isEqualTo(audit.getDraftId());
        });
    }

    @Test
    void twoReminderEventsInOneCycleDraftOneReminder() {
        pipe(SUB, event("e-1", 1, renewal(MAY)));
        pipe(SUB, event("e-2", 2, renewal(MAY)));

        List<EmailDraft> drafts = drafts();
        assertThat(drafts).hasSize(1);
        assertThat(drafts.get(0).getDraftId()).isEqualTo(DraftIds.draftId("e-1", "billing-renewal-reminder", ADA));

        // The next cycle gets its own reminder
        pipe(SUB, event("e-3", 3, renewal(JUNE)));
        assertThat(drafts()).extracting(EmailDraft::getSupersedeKey).containsExactly("renewal:SUB-1:2026-06-01");
    }

    @Test
    void aFailedPaymentAfterAReminderIsAlwaysAlertedUnderItsOwnKey() {
        // Given a reminder for May
        pipe(SUB, event("e-1", 1, renewal(MAY)));
        onlyDraft();

        // When the May payment fails
        pipe(SUB, event("e-2", 2, failure("PAY-1", MAY, Instant.parse("2026-05-01T06:00:00Z"))));

        // Then an alert is drafted: critical event type, transactional, its own supersede key
        EmailDraft alert = onlyDraft();
        assertThat(alert.getEventType()).isEqualTo("payment_failed");
        assertThat(alert.getCategory()).isEqualTo(EmailCategory.TRANSACTIONAL);
        assertThat(alert.getSupersedeKey()).isEqualTo("payment-failed:SUB-1:PAY-1");
        assertThat(alert.getSubject()).isEqualTo("Action needed: your payment of €129.00 failed – Deskpost Kreuzberg");
        // Berlin is on CEST in May: 06:00 UTC is 8:00 local
        assertThat(alert.getBodyText()).contains("card declined", "May 1, 2026", "8:00", "Europe/Berlin");
        assertThat(out.versions().isEmpty()).isTrue();
        assertThat(state().lastOutcome()).isEqualTo(PaymentOutcome.FAILED);

        // And a second failure (the processor's retry) is alerted again, not deduplicated away
        pipe(SUB, event("e-3", 3, failure("PAY-1", MAY, Instant.parse("2026-05-04T06:00:00Z"))));
        assertThat(onlyDraft().getEventType()).isEqualTo("payment_failed");

        // And the success of another cycle never touches the alert's key
        pipe(SUB, event("e-4", 4, payment("PAY-0", LocalDate.parse("2026-04-01"))));
        assertThat(versions()).extracting(EntityVersion::getSupersedeKey)
                .containsExactly("renewal:SUB-1:2026-04-01");
    }

    @Test
    void replayingTheWholeBillingTopicDraftsNothingNewAndAFreshComposerRecomposesTheSameIds() {
        List<BillingEvent> history = List.of(
                event("e-1", 1, renewal(MAY)),
                event("e-2", 2, renewal(MAY)),
                event("e-3", 3, failure("PAY-1", MAY, NOW)),
                event("e-4", 4, payment("PAY-2", MAY)),
                event("e-5", 5, invoice("INV-7")),
                event("e-6", 6, renewal(JUNE)),
                event("e-7", 7, cancelled(LocalDate.parse("2026-05-31"))));
        history.forEach(event -> pipe(SUB, event));
        List<String> firstIds = drafts().stream().map(EmailDraft::getDraftId).toList();
        List<EntityVersion> firstVersions = versions();
        assertThat(firstIds).hasSize(6);
        SubscriptionState before = state();

        // When the whole topic is replayed into the same composer (same state)
        history.forEach(event -> pipe(SUB, event));

        // Then no new draft and no new version: same state, no new mail
        assertThat(out.drafts().isEmpty()).isTrue();
        assertThat(out.versions().isEmpty()).isTrue();
        assertThat(state()).isEqualTo(before);

        // And a composer starting from empty state (a new application id) recomposes the very same ids,
        // which delivery's ledger recognises, and the same versions
        out = newComposer();
        history.forEach(event -> pipe(SUB, event));
        assertThat(drafts()).extracting(EmailDraft::getDraftId).containsExactlyElementsOf(firstIds);
        assertThat(versions()).isEqualTo(firstVersions);
    }

    @Test
    void outOfOrderEventsNeverOverrideNewerStateNorRevivePaidCycles() {
        // A payment (v5) for May lands before the May reminder (v4) that preceded it at the source
        pipe(SUB, event("e-5", 5, payment("PAY-1", MAY)));
        pipe(SUB, event("e-4", 4, renewal(MAY)));
        // and a May failure (v3), older than the success that paid May, arrives last
        pipe(SUB, event("e-3", 3, failure("PAY-0", MAY, NOW)));

        // Then only the receipt: no reminder for a paid cycle, no false alarm after the payment
        assertThat(drafts()).extracting(EmailDraft::getEventType).containsExactly("payment_succeeded");
        assertThat(versions()).extracting(EntityVersion::getSupersedeKey).containsExactly("renewal:SUB-1:2026-05-01");
        // and current facts are the newest event's
        SubscriptionState state = state();
        assertThat(state.lastVersion()).isEqualTo(5);
        assertThat(state.lastOutcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
        assertThat(state.periodStart()).isEqualTo(MAY);
        assertThat(state.periodEnd()).isEqualTo(LocalDate.parse("2026-05-31"));

        // When a June reminder (v8) is overtaken by its payment (v7) arriving later
        pipe("SUB-2", event("SUB-2", "f-8", 8, renewal(JUNE)));
        EmailDraft reminder = onlyDraft();
        pipe("SUB-2", event("SUB-2", "f-7", 7, payment("PAY-3", JUNE)));

        // Then the closing version still supersedes the reminder, whose version is higher than the payment's
        EntityVersion closing = onlyVersion();
        assertThat(closing.getSupersedeKey()).isEqualTo(reminder.getSupersedeKey());
        assertThat(closing.getVersion()).isGreaterThan(reminder.getEntityVersion());
        // And the late payment does not override the newer event's current facts
        assertThat(state("SUB-2").lastVersion()).isEqualTo(8);
        assertThat(state("SUB-2").lastOutcome()).isEqualTo(PaymentOutcome.NONE);
    }

    @Test
    void aLateFailureForAnotherCycleIsStillAlerted() {
        pipe(SUB, event("e-5", 5, payment("PAY-2", JUNE)));
        pipe(SUB, event("e-3", 3, failure("PAY-1", MAY, NOW)));

        assertThat(drafts()).extracting(EmailDraft::getEventType).containsExactly("payment_succeeded", "payment_failed");
        assertThat(state().lastOutcome()).isEqualTo(PaymentOutcome.SUCCEEDED);
    }

    @Test
    void aCancellationIsNotifiedAndClosesRemindersForLaterCycles() {
        pipe(SUB, event("e-1", 1, renewal(JUNE)));
        onlyDraft();

        pipe(SUB, event("e-2", 2, cancelled(LocalDate.parse("2026-05-31"))));

        // The June reminder's key is closed, and the subscription's version published for when its state is forgotten
        assertThat(versions()).extracting(EntityVersion::getSupersedeKey, EntityVersion::getVersion,
                EntityVersion::getStatus).containsExactly(
                        tuple("renewal:SUB-1:2026-06-01", 2L, EntityStatus.CANCELLED),
                        tuple("subscription:SUB-1", 2L, EntityStatus.CANCELLED));
        EmailDraft notice = onlyDraft();
        assertThat(notice.getEventType()).isEqualTo("membership_cancelled");
        assertThat(notice.getBodyText()).contains("May 31, 2026", "Moving to Lisbon");
        pipe(SUB, event("e-3", 3, renewal(LocalDate.parse("2026-07-01"))));
        assertThat(out.drafts().isEmpty()).isTrue();
    }

    @Test
    void amountsFollowTheCurrencyAndTheMembersLocale() {
        pipe(Topics.FACILITY_MEMBERS, "M-2", member("M-2", "jonas@example.com", "de-DE"));
        pipe(Topics.FACILITY_MEMBERS, "M-3", member("M-3", "yui@example.com", "ja-JP"));

        pipe("SUB-DE", memberEvent("SUB-DE", "M-2", "g-1", payment("PAY-DE", MAY)));
        pipe("SUB-JP", memberEvent("SUB-JP", "M-3", "g-2",
                PaymentSucceeded.newBuilder(payment("PAY-JP", MAY)).setAmount(money(5000, "JPY")).build()));
        pipe(SUB, event("e-1", 1, invoice("INV-7")));

        List<EmailDraft> drafts = drafts();
        assertThat(drafts.get(0).getBodyText()).contains("Hallo Member M-2", "129,00\u00a0€", "1. Mai 2026");
        // Deskpost does not write Japanese: the mail is in the location's language (English), amounts as English writes them.
        assertThat(drafts.get(1).getBodyText()).contains("Hello Member M-3", "¥5,000").doesNotContain("5,000.");
        EmailDraft invoice = drafts.get(2);
        assertThat(invoice.getEventType()).isEqualTo("invoice_issued");
        assertThat(invoice.getSubject()).isEqualTo("Invoice INV-7: €149.00 due May 15, 2026 – Deskpost Kreuzberg");
        assertThat(invoice.getBodyText()).contains("1 × Hot desk at €129.00: €129.00", "2 × Meeting room hour at €10.00: €20.00",
                "https://billing.example/INV-7");
        assertThat(invoice.getBodyHtml()).contains("<td>Hot desk</td>");
    }

    @Test
    void everyDraftIsAuditedAsDrafted() {
        pipe(SUB, event("e-1", 1, renewal(MAY)));

        EmailDraft draft = onlyDraft();
        AuditEvent drafted = serdes.deserialize(Topics.MAIL_AUDIT, out.audit().readRecord().value());
        assertThat(drafted.getType()).isEqualTo(AuditType.DRAFTED);
        assertThat(drafted.getDraftId()).isEqualTo(draft.getDraftId());
        assertThat(drafted.getActor()).isEqualTo("billing-composer");
        assertThat(drafted.getThreadKey()).isEqualTo("subscription:SUB-1");
    }

    @Test
    void eventsThatCannotBeTiedToAKnownSubscriptionMemberOrLocationAreDeadLetteredWithTheReason() {
        // An unseen subscription whose member is unknown (it waits for the directory, in vain)
        pipe("SUB-X", memberEvent("SUB-X", "M-404", "d-1", payment("PAY-9", MAY)));
        // A known subscription, but the event names an unknown location (it waits in vain too, and the
        // subscription's later events wait behind it)
        pipe(SUB, event("e-1", 1, renewal(MAY)));
        BillingEvent nowhere = event("d-2", 2, renewal(JUNE));
        nowhere.getHeader().setLocationId("XXX-9");
        pipe(SUB, nowhere);
        // A known subscription, but another member named on it
        pipe(Topics.FACILITY_MEMBERS, "M-2", member("M-2", "jonas@example.com", "de-DE"));
        pipe(SUB, memberEvent(SUB, "M-2", "d-3", payment("PAY-9", MAY)));
        // A record keyed by something else than its subscription id
        pipe("B-1", event("d-4", 3, renewal(JUNE)));
        // A currency that does not exist
        pipe(SUB, event("d-5", 4, PaymentSucceeded.newBuilder(payment("PAY-9", MAY)).setAmount(money(100, "XYZ")).build()));
        // The record keyed otherwise is dead-lettered at once; the rest wait for the directory
        assertThat(out.deadLetters().readRecordsToList()).extracting(record -> serdes.deserialize(
                Topics.FACILITY_BILLING, record.value()).getHeader().getEventId()).containsExactly("d-4");

        out.driver().advanceWallClockTime(Duration.ofMinutes(5));

        Map<String, String> reasons = out.deadLetters().readRecordsToList().stream().collect(Collectors.toMap(
                record -> serdes.deserialize(Topics.FACILITY_BILLING, record.value()).getHeader().getEventId(),
                record -> DeadLetterHeaders.reason(record.headers())));
        assertThat(reasons).containsOnly(
                Map.entry("d-1", "Unknown subscription SUB-X: never seen on facility.billing and its member M-404 "
                        + "is not in facility.members; waited 5m for the directory"),
                Map.entry("d-2", "Unknown location XXX-9 for subscription SUB-1: not in facility.locations; waited 5m "
                        + "for the directory"),
                Map.entry("d-3", "Subscription SUB-1 is held by member M-1 but event d-3 names member M-2: "
                        + "refused so that billing mail never reaches someone else"),
                Map.entry("d-5", "Unknown currency XYZ: not an ISO 4217 code"));
        // Only the one valid reminder was drafted, and rejected events left the state untouched
        assertThat(drafts()).hasSize(1);
        assertThat(state().lastVersion()).isEqualTo(1);
    }

    // --- helpers ---

    private Outputs newComposer() {
        StreamsBuilder builder = new StreamsBuilder();
        new BillingTopology().build(builder, serdes, new TemplateRenderer(getClass().getClassLoader()),
                new BillingProperties(null));
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "billing-test-" + drivers.size());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        TopologyTestDriver driver = new TopologyTestDriver(builder.build(), config);
        drivers.add(driver);
        Outputs outputs = new Outputs(driver, output(driver, Topics.MAIL_DRAFTS), output(driver, Topics.MAIL_ENTITY_VERSIONS),
                output(driver, Topics.MAIL_AUDIT), driver.createOutputTopic(Topics.FACILITY_BILLING.deadLetterTopic(),
                        new StringDeserializer(), new ByteArrayDeserializer()));
        this.out = outputs;
        pipe(Topics.FACILITY_LOCATIONS, "BER-1", Directories.berlin());
        pipe(Topics.FACILITY_MEMBERS, "M-1", member("M-1", ADA, "en-US"));
        return outputs;
    }

    private static TestOutputTopic<String, byte[]> output(TopologyTestDriver driver, Topic<?> topic) {
        return driver.createOutputTopic(topic.name(), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private void pipe(String key, BillingEvent event) {
        pipe(Topics.FACILITY_BILLING, key, event);
    }

    private <V extends SpecificRecord> void pipe(Topic<V> topic, String key, V value) {
        out.driver().createInputTopic(topic.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, serdes.serialize(topic, value));
    }

    private List<EmailDraft> drafts() {
        return out.drafts().readValuesToList().stream().map(bytes -> serdes.deserialize(Topics.MAIL_DRAFTS, bytes))
                .toList();
    }

    private EmailDraft onlyDraft() {
        List<EmailDraft> drafts = drafts();
        assertThat(drafts).hasSize(1);
        return drafts.get(0);
    }

    private List<EntityVersion> versions() {
        return out.versions().readValuesToList().stream()
                .map(bytes -> serdes.deserialize(Topics.MAIL_ENTITY_VERSIONS, bytes)).toList();
    }

    private EntityVersion onlyVersion() {
        List<EntityVersion> versions = versions();
        assertThat(versions).hasSize(1);
        return versions.get(0);
    }

    private SubscriptionState state() {
        return state(SUB);
    }

    private SubscriptionState state(String subscription) {
        KeyValueStore<String, SubscriptionState> store = out.driver().getKeyValueStore(BillingTopology.SUBSCRIPTIONS_STORE);
        return store.get(subscription);
    }

    private static BillingEvent event(String eventId, long version, Object payload) {
        return event(SUB, eventId, version, payload);
    }

    private static BillingEvent event(String subscription, String eventId, long version, Object payload) {
        return BillingEvent.newBuilder()
                .setHeader(Directories.header(eventId, version, NOW))
                .setSubscriptionId(subscription)
                .setMemberId("M-1")
                .setPayload(payload)
                .build();
    }

    private static BillingEvent memberEvent(String subscription, String memberId, String eventId, Object payload) {
        return BillingEvent.newBuilder(event(subscription, eventId, 1, payload)).setMemberId(memberId).build();
    }

    private static com.deskpost.events.Member member(String id, String email, String locale) {
        return Directories.member(id, email, locale);
    }

    private static Money money(long minor, String currency) {
        return Money.newBuilder().setAmountMinor(minor).setCurrency(currency).build();
    }

    private static RenewalUpcoming renewal(LocalDate start) {
        return RenewalUpcoming.newBuilder().setPlanName("Hot desk").setAmount(money(12900, "EUR"))
                .setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1)).build();
    }

    private static PaymentSucceeded payment(String paymentId, LocalDate start) {
        return PaymentSucceeded.newBuilder().setPaymentId(paymentId).setAmount(money(12900, "EUR")).setPaidAt(NOW)
                .setPeriodStart(start).setPeriodEnd(start.plusMonths(1).minusDays(1)).setMethod("Visa ending 4242")
                .build();
    }

    private static PaymentFailed failure(String paymentId, LocalDate start, Instant at) {
        return PaymentFailed.newBuilder().setPaymentId(paymentId).setAmount(money(12900, "EUR")).setFailedAt(at)
                .setFailureReason("card_declined").setRetryAt(at.plusSeconds(3 * 86400)).setPeriodStart(start).build();
    }

    private static InvoiceIssued invoice(String invoiceId) {
        return InvoiceIssued.newBuilder().setInvoiceId(invoiceId).setTotal(money(14900, "EUR"))
                .setIssuedOn(LocalDate.parse("2026-05-01")).setDueOn(LocalDate.parse("2026-05-15"))
                .setLines(List.of(
                        InvoiceLine.newBuilder().setDescription("Hot desk").setQuantity(1).setUnitAmountMinor(12900).build(),
                        InvoiceLine.newBuilder().setDescription("Meeting room hour").setQuantity(2).setUnitAmountMinor(1000)
                                .build()))
                .setInvoiceUrl("https://billing.example/" + invoiceId)
                .build();
    }

    private static MembershipCancelled cancelled(LocalDate effectiveOn) {
        return MembershipCancelled.newBuilder().setEffectiveOn(effectiveOn).setReason("Moving to Lisbon").build();
    }
}
