package com.deskpost.delivery.outbound;

import static com.deskpost.testfixtures.DraftBuilder.aDraft;
import static com.deskpost.testfixtures.LocationBuilder.aLocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.deskpost.delivery.DeliveryTestStack;
import com.deskpost.events.AuditEvent;
import com.deskpost.events.AuditType;
import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.Location;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.RecipientRole;
import com.deskpost.events.Release;
import com.deskpost.platform.observability.MailMetrics;
import com.deskpost.platform.observability.MailMetrics.ClaimOutcome;
import com.deskpost.platform.topic.Lane;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.testfixtures.LocationBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

/**
 * DESIGN §3.4 with two delivery instances on the same records: each mail reaches the SMTP server once,
 * counted at the server by Message-ID (stable per draft and recipient). Once when an instance joins
 * mid-stream and another leaves (rebalances), and once in the harsher case of two instances that both
 * hold the same record at the same time (the same released record on two partitions, one owned by each):
 * the claim taken before the SMTP transaction keeps the second one waiting until the first has recorded
 * its send, then it skips the mail as a duplicate. One listener thread per instance, so each instance owns
 * at least one of the lane's three partitions. The join and leave again as a rolling upgrade from Kafka's default
 * (eager) assignors, and the priority lane sending while a bulk-lane member holds up a rebalance.
 */
class RebalanceIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String[] ONE_THREAD = {"--deskpost.delivery.listener-concurrency=1"};
    private static final String BULK = Lane.BULK.outbound().name();
    private static final Location LOCATION = Location.newBuilder(aLocation().build()).setLocationId("NYC-1")
            .setJurisdiction("US").setTimeZone("America/New_York").build();

    private static DeliveryTestStack stack;
    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void start() {
        stack = DeliveryTestStack.infrastructure();
        stack.topics().publish(Topics.FACILITY_LOCATIONS, LOCATION.getLocationId(), LOCATION);
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @AfterAll
    static void stop() {
        stack.stop();
    }

    @Test
    void anInstanceJoiningAndAnotherLeavingMidStreamSendEachMailOnce() {
        joinAndLeaveMidStream("rebalance", ONE_THREAD);
    }

    /**
     * A rolling upgrade from a release that ran Kafka's default assignors (range first, eager) to this one
     * (cooperative-sticky only): Kafka's upgrade path is one rolling bounce, the old instances taking part with the
     * cooperative assignor, second on their list, until they are gone.
     */
    @Test
    void anUpgradedInstanceJoiningAndAnInstanceOfThePreviousReleaseLeavingSendEachMailOnce() {
        joinAndLeaveMidStream("upgrade", new String[] {ONE_THREAD[0],
            "--spring.kafka.consumer.properties.partition.assignment.strategy=" + RangeAssignor.class.getName()
                    + "," + CooperativeStickyAssignor.class.getName()});
    }

    private void joinAndLeaveMidStream(String prefix, String[] firstInstance) {
        // Given one instance sending a stream of mail
        List<EmailDraft> drafts = drafts(prefix, 300);
        ConfigurableApplicationContext first = stack.startInstance(firstInstance);
        instances.add(first);
        drafts.subList(0, 100).forEach(RebalanceIT::release);
        await().atMost(WAIT).until(() -> received(prefix).size() >= 30);

        // When a second instance joins while it flows (a rebalance), and takes part
        ConfigurableApplicationContext second = instance();
        await().atMost(WAIT).until(() -> !partitions(second).isEmpty());
        drafts.subList(100, 200).forEach(RebalanceIT::release);
        await().atMost(WAIT).until(() -> claims(meters(second), ClaimOutcome.CLAIMED) > 0);
        // and the first leaves while mail still flows (another rebalance)
        MeterRegistry firstMeters = meters(first);
        drafts.subList(200, 300).forEach(RebalanceIT::release);
        first.close();

        // Then every mail is recorded sent, and the SMTP server has each exactly once
        await().atMost(WAIT).until(() -> ledgerRows(prefix) == 300);
        assertThat(countsByMessageId(received(prefix))).hasSize(300).allSatisfy((id, count) ->
                assertThat(count).as(id).isEqualTo(1));
        // and both instances sent part of it
        assertThat(claims(firstMeters, ClaimOutcome.CLAIMED)).isPositive();
        assertThat(claims(meters(second), ClaimOutcome.CLAIMED)).isPositive();
        report(prefix, firstMeters, meters(second));
    }

    /**
     * The three lanes' consumers share one group: with eager rebalancing (Kafka's default assignors) every member
     * gives up all its partitions whenever any member joins or leaves, so the priority lane stood still until the
     * slowest member of any lane had rejoined. With the cooperative assignor only the partitions that move stop.
     */
    @Test
    void thePriorityLaneKeepsSendingWhileABulkLaneMemberHoldsUpARebalance() throws Exception {
        // Given an instance whose priority lane has sent a notice (its consumer holds the lane's partitions)
        ConfigurableApplicationContext instance = instance();
        int before = stack.smtp().messagesTo(LocationBuilder.STAFF).size();
        release(notice("first"));
        await().atMost(WAIT).until(() -> stack.smtp().messagesTo(LocationBuilder.STAFF).size() == before + 1);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()));
                // (closed in reverse: the stuck one leaves first, ending the rebalance the joining one waits on)
                Consumer<byte[], byte[]> joining = member(instance, "joining");
                Consumer<byte[], byte[]> stuck = member(instance, "stuck")) {
            // and a bulk-lane member of the group, configured as the instance's, that joined and then stopped
            // polling, as a consumer in a long SMTP transaction does: a rebalance waits until it polls again
            stuck.subscribe(List.of(BULK));
            await().atMost(WAIT).until(() -> {
                stuck.poll(Duration.ofMillis(100));
                return !stuck.assignment().isEmpty() && groupState(admin) == GroupState.STABLE;
            });

            // When another member joins (the next instance of a rolling deploy), and the group rebalances
            joining.subscribe(List.of(BULK));
            await().atMost(WAIT).until(() -> {
                joining.poll(Duration.ofMillis(100));
                return groupState(admin) == GroupState.PREPARING_REBALANCE;
            });

            // Then the priority lane keeps its partitions while every member hears of the rebalance at its next
            // heartbeat (every 3 s; with eager rebalancing each gave up all its partitions then)
            await("the priority lane's partitions, held through the rebalance").during(Duration.ofSeconds(7))
                    .atMost(Duration.ofSeconds(30)).until(() -> {
                joining.poll(Duration.ofMillis(100));
                return !assigned(instance, OutboundListener.PRIORITY_LISTENER).isEmpty();
            });
            // and a notice released on the priority lane is sent while the rebalance still waits for the stuck one
            release(notice("during"));
            await().atMost(WAIT).until(() -> {
                joining.poll(Duration.ofMillis(100));
                return stack.smtp().messagesTo(LocationBuilder.STAFF).size() == before + 2;
            });
            assertThat(joining.assignment()).as("the joining member's partitions, which wait for the rebalance")
                    .isEmpty();
            assertThat(groupState(admin)).isEqualTo(GroupState.PREPARING_REBALANCE);
        }
    }

    /**
     * A consumer of the instance's group with the instance's consumer settings (the assignor among them), committing
     * nothing: it sends no mail, so the partitions it held are read again from where the instance left them.
     */
    private static Consumer<byte[], byte[]> member(ConfigurableApplicationContext instance, String name) {
        Map<String, Object> config =
                new HashMap<>(instance.getBean(ConsumerFactory.class).getConfigurationProperties());
        config.remove(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, OutboundListener.GROUP);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rebalance-it-" + name);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static GroupState groupState(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(OutboundListener.GROUP)).all().get().get(OutboundListener.GROUP)
                .groupState();
    }

    /** An incident notice to the location's staff, on the priority lane. */
    private static EmailDraft notice(String name) {
        EmailDraft draft = aDraft().id(UUID.randomUUID().toString()).at(LOCATION.getLocationId())
                .category(EmailCategory.SECURITY).to(LocationBuilder.STAFF, null).subject("Incident " + name).build();
        return EmailDraft.newBuilder(draft).setEventType("building_incident").setSupersedeKey("incident:" + name)
                .setRecipient(Recipient.newBuilder(draft.getRecipient()).setMemberId(null)
                        .setRole(RecipientRole.STAFF).build())
                .setEntityVersion(1).build();
    }

    @Test
    void twoInstancesHoldingTheSameRecordsSendEachMailOnce() throws Exception {
        // Given two instances, each owning partitions of the standard lane
        ConfigurableApplicationContext first = instance();
        ConfigurableApplicationContext second = instance();
        await().atMost(WAIT).until(() -> !partitions(first).isEmpty() && !partitions(second).isEmpty()
                && partitions(first).size() + partitions(second).size()
                        == TopicRule.DEFAULT.partitions(Topics.MAIL_OUTBOUND));
        int ofFirst = partitions(first).iterator().next().partition();
        int ofSecond = partitions(second).iterator().next().partition();

        // When the first has a mail's 250 and its ledger row, its commit held up (a lock on the outbox table),
        // and the second receives the same record
        EmailDraft held = drafts("held", 1).get(0);
        OutboundEmail heldRecord = released(held);
        try (Connection lock = stack.jdbc().getDataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table outbox in exclusive mode");
            }
            publish(heldRecord, ofFirst);
            await().atMost(WAIT).until(() -> received("held").size() == 1);
            await().atMost(WAIT).until(() -> stack.outboxWritesWaitingOnALock() >= 1);
            publish(heldRecord, ofSecond);

            // Then the second waits on the first's claim instead of sending
            await().atMost(WAIT).until(() -> claims(meters(second), ClaimOutcome.HELD_ELSEWHERE) == 1);
            assertThat(received("held")).hasSize(1);
            lock.rollback();
        }
        // and once the first has committed, finds the mail sent and skips it: one message at the server
        await().atMost(WAIT).until(() -> claims(meters(second), ClaimOutcome.ALREADY_SENT) == 1);
        await().atMost(WAIT).until(() -> stack.audited(held.getDraftId()).stream()
                .anyMatch(event -> event.getType() == AuditType.SKIPPED_DUPLICATE));
        assertThat(received("held")).hasSize(1);

        // When both receive each of a stream of records at the same time, unhindered
        List<EmailDraft> drafts = drafts("twice", 100);
        for (EmailDraft draft : drafts) {
            OutboundEmail record = released(draft);
            publish(record, ofFirst);
            publish(record, ofSecond);
        }

        // Then each mail is recorded sent once and reaches the SMTP server once
        await().atMost(WAIT).until(() -> ledgerRows("twice") == 100 && skippedDuplicates(drafts) == 100);
        assertThat(countsByMessageId(received("twice"))).hasSize(100).allSatisfy((id, count) ->
                assertThat(count).as(id).isEqualTo(1));
        report("same records", meters(first), meters(second));
    }

    private ConfigurableApplicationContext instance() {
        ConfigurableApplicationContext instance = stack.startInstance(ONE_THREAD);
        instances.add(instance);
        return instance;
    }

    /** Partitions of the standard lane this instance's listener holds now. */
    private static Collection<TopicPartition> partitions(ConfigurableApplicationContext instance) {
        return assigned(instance, OutboundListener.STANDARD_LISTENER);
    }

    /** Partitions the instance's listener container {@code id} holds now. */
    private static Collection<TopicPartition> assigned(ConfigurableApplicationContext instance, String id) {
        var container = instance.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer(id);
        Collection<TopicPartition> assigned = container == null ? null : container.getAssignedPartitions();
        return assigned == null ? List.of() : List.copyOf(assigned);
    }

    private static MeterRegistry meters(ConfigurableApplicationContext instance) {
        return instance.getBean(MeterRegistry.class);
    }

    private static double claims(MeterRegistry meters, ClaimOutcome outcome) {
        var counter = meters.find(MailMetrics.CLAIMS)
                .tag(MailMetrics.OUTCOME, outcome.name().toLowerCase(Locale.ROOT)).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Messages at the SMTP server to recipients whose address starts with {@code prefix}. */
    private static List<MimeMessage> received(String prefix) {
        return stack.smtp().messages().stream().filter(message -> recipient(message).startsWith(prefix + "-"))
                .toList();
    }

    private static Map<String, Long> countsByMessageId(List<MimeMessage> messages) {
        return messages.stream().collect(Collectors.groupingBy(RebalanceIT::messageId, Collectors.counting()));
    }

    private static int ledgerRows(String prefix) {
        return stack.jdbc().queryForObject("select count(*) from delivery_ledger where recipient like ?",
                Integer.class, prefix + "-%");
    }

    private static long skippedDuplicates(List<EmailDraft> drafts) {
        Set<String> ids = drafts.stream().map(EmailDraft::getDraftId).collect(Collectors.toSet());
        return stack.topics().values(Topics.MAIL_AUDIT).stream()
                .filter(event -> event.getType() == AuditType.SKIPPED_DUPLICATE && ids.contains(event.getDraftId()))
                .map(AuditEvent::getDraftId).distinct().count();
    }

    /** The duplicate window as the instances measured it, for the README's figures. */
    private static void report(String scenario, MeterRegistry... measured) {
        for (String from : List.of("claim", "accepted")) {
            List<Timer> timers = new ArrayList<>();
            for (MeterRegistry meters : measured) {
                timers.addAll(meters.find(MailMetrics.DUPLICATE_WINDOW).tag(MailMetrics.FROM, from).timers());
            }
            long count = timers.stream().mapToLong(Timer::count).sum();
            System.out.printf("Duplicate window (%s), from %s to the ledger commit: %d sends, median <= %s ms, "
                    + "p99 <= %s ms, max %.1f ms%n", scenario, from, count, percentile(timers, 0.5),
                    percentile(timers, 0.99), timers.stream().mapToDouble(timer -> timer.max(TimeUnit.MILLISECONDS)).max().orElse(0));
        }
    }

    /** The upper bound of the histogram bucket holding the quantile, over all instances' timers. */
    private static String percentile(List<Timer> timers, double quantile) {
        Map<Double, Double> buckets = new TreeMap<>();
        long total = 0;
        for (Timer timer : timers) {
            HistogramSnapshot snapshot = timer.takeSnapshot();
            total += snapshot.count();
            for (CountAtBucket bucket : snapshot.histogramCounts()) {
                buckets.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
            }
        }
        for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
            if (bucket.getValue() >= quantile * total) {
                return String.format(Locale.ROOT, "%.1f", bucket.getKey());
            }
        }
        return "n/a";
    }

    private static List<EmailDraft> drafts(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 6);
        return IntStream.range(0, count).mapToObj(i -> {
            String to = prefix + "-" + run + "-" + i + "@example.com";
            return EmailDraft.newBuilder(aDraft().id(UUID.randomUUID().toString()).at(LOCATION.getLocationId())
                    .category(EmailCategory.TRANSACTIONAL).to(to, "Member").subject("Booking confirmed").build())
                    .setSupersedeKey("booking:" + to).setEntityVersion(1).build();
        }).toList();
    }

    private static void release(EmailDraft draft) {
        OutboundEmail record = released(draft);
        stack.topics().publish(Lane.of(draft).outbound(), record.getDraft().getSupersedeKey(), record);
    }

    private static void publish(OutboundEmail record, Integer partition) {
        stack.topics().publish(Topics.MAIL_OUTBOUND, partition, record.getDraft().getSupersedeKey(), record);
    }

    private static OutboundEmail released(EmailDraft draft) {
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("test")
                .setReleasedBy("policy").setReleasedAt(Instant.now()).build();
        return DeliveryTestStack.ATTESTATION.release(draft, release);
    }

    private static String recipient(MimeMessage message) {
        try {
            return ((InternetAddress) message.getAllRecipients()[0]).getAddress();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
