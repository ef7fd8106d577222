package com.deskpost.bench;

import static com.deskpost.bench.Bench.round;
import static com.deskpost.bench.Bench.say;

import com.deskpost.events.EmailCategory;
import com.deskpost.events.EmailDraft;
import com.deskpost.events.EventHeader;
import com.deskpost.events.MailThread;
import com.deskpost.events.Member;
import com.deskpost.events.OutboundEmail;
import com.deskpost.events.OversightMode;
import com.deskpost.events.Recipient;
import com.deskpost.events.Release;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.DraftKeys;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * DESIGN §3's replay guarantee under load: drafts released straight to mail.outbound are delivered
 * once; then delivery is stopped, its consumer group reset to the earliest offset (the runbook's
 * replay), and started again. Every draft is read again and skipped by the idempotency ledger:
 * the rate of that, and the SMTP sessions it opened (none expected).
 */
final class Replay {

    private static final String GROUP = "deskpost-delivery";

    private final Pipeline pipeline;
    private final SinkServer sink;
    private final int drafts;

    Replay(Pipeline pipeline, SinkServer sink, int drafts) {
        this.pipeline = pipeline;
        this.sink = sink;
        this.drafts = drafts;
    }

    Map<String, Object> run(Timeline timeline) throws Exception {
        String bootstrap = pipeline.stack().bootstrapServers();
        long before = sink.messages();
        long start = System.nanoTime();
        publish(bootstrap);
        boolean delivered = Load.await(() -> sink.messages() >= before + drafts, Duration.ofMinutes(20));
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        double firstRate = (sink.messages() - before) / firstSeconds;
        say("replay: first delivery of %d drafts at %.0f mails/s%s", drafts, firstRate, delivered ? "" : " (INCOMPLETE)");

        timeline.phase("replay: from offset 0", pipeline);
        long skippedBefore = pipeline.auditRows("SKIPPED_DUPLICATE");
        pipeline.stopDelivery();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Load.await(() -> empty(admin), Duration.ofMinutes(1));
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.MAIL_OUTBOUND.name())).allTopicNames()
                    .get().get(Topics.MAIL_OUTBOUND.name()).partitions().stream()
                    .map(p -> new TopicPartition(Topics.MAIL_OUTBOUND.name(), p.partition())).toList();
            admin.alterConsumerGroupOffsets(GROUP, partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)))).all().get();
            Map<TopicPartition, Long> end = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
            long sessionsBefore = sink.sessions();
            long mailsBefore = sink.messages();
            long startingAt = System.nanoTime();
            pipeline.startDeliveryAgain();
            // Reading starts as the service's listeners start, the last step of its start-up: timed from there; the
            // start-up (Spring context, database pool, Streams restore) is a fixed cost, reported beside it.
            long replayStart = System.nanoTime();
            boolean caughtUp = Load.await(() -> caughtUp(admin, end), Duration.ofMinutes(20));
            double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
            double startSeconds = (replayStart - startingAt) / 1e9;
            long records = end.values().stream().mapToLong(Long::longValue).sum();
            Load.await(() -> pipeline.auditRows("SKIPPED_DUPLICATE") - skippedBefore >= drafts, Duration.ofMinutes(2));
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("drafts", drafts);
            figures.put("firstDeliveryMailsPerSecond", round(firstRate));
            figures.put("recordsReplayed", records);
            figures.put("replaySeconds", round(replaySeconds));
            figures.put("deliveryStartSeconds", round(startSeconds));
            figures.put("replayRecordsPerSecondIncludingStart", round(records / (replaySeconds + startSeconds)));
            figures.put("replayRecordsPerSecond", round(records / replaySeconds));
            figures.put("speedUpOverFirstDelivery", round(records / replaySeconds / firstRate));
            figures.put("smtpSessionsOpened", sink.sessions() - sessionsBefore);
            figures.put("mailsSentAgain", sink.messages() - mailsBefore);
            figures.put("skippedDuplicateAuditRows", pipeline.auditRows("SKIPPED_DUPLICATE") - skippedBefore);
            figures.put("complete", caughtUp);
            say("replay: %d records from offset 0 in %.1f s after a %.1f s start = %.0f/s (%.1fx first delivery); %d SMTP"
                    + " sessions, %d mails sent again, %d SKIPPED_DUPLICATE", records, replaySeconds, startSeconds,
                    records / replaySeconds,
                    records / replaySeconds / firstRate, sink.sessions() - sessionsBefore, sink.messages() - mailsBefore,
                    pipeline.auditRows("SKIPPED_DUPLICATE") - skippedBefore);
            return figures;
        }
    }

    /**
     * Released mail for delivery alone: autonomous (no staff copy), transactional, one per draft,
     * attested with oversight's secret as oversight would release it (delivery sends nothing else).
     */
    private void publish(String bootstrap) {
        AvroSerdes serdes = new AvroSerdes(new SchemaRegistryClient(pipeline.stack().registryUrl()));
        ReleaseAttestation attestation = pipeline.releaseAttestation();
        List<Member> members = pipeline.members();
        try (KafkaProducer<String, byte[]> producer = RelayBaseline.producer(bootstrap)) {
            for (int i = 0; i < drafts; i++) {
                Member member = members.get(i % members.size());
                OutboundEmail outbound = attestation.attest(outbound(i, member));
                producer.send(new ProducerRecord<>(Topics.MAIL_OUTBOUND.name(), DraftKeys.of(outbound.getDraft()),
                        serdes.serialize(Topics.MAIL_OUTBOUND, outbound)));
            }
        }
    }

    private static OutboundEmail outbound(int i, Member member) {
        Instant now = Instant.now();
        String key = "bench-replay:" + i;
        EmailDraft draft = EmailDraft.newBuilder()
                .setDraftId(DraftIds.nameBased("bench-replay", Integer.toString(i)))
                .setHeader(EventHeader.newBuilder().setEventId("bench-replay-" + i).setOccurredAt(now)
                        .setSource("bench").setEntityVersion(1).setLocationId(member.getLocationIds().get(0))
                        .setCorrelationId(key).build())
                .setEventType("booking_created").setTemplate("booking-confirmation")
                .setCategory(EmailCategory.TRANSACTIONAL)
                .setRecipient(Recipient.newBuilder().setEmail(member.getEmail()).setName(member.getName())
                        .setMemberId(member.getMemberId()).build())
                .setLocationId(member.getLocationIds().get(0))
                .setSubject("Your desk is booked (" + i + ")")
                .setBodyText("Hello " + member.getName() + ", desk 14 is yours on Monday, 09:00-17:00.")
                .setBodyHtml("<p>Hello " + member.getName() + ", desk 14 is yours on <b>Monday</b>, 09:00-17:00.</p>")
                .setSupersedeKey(key).setEntityVersion(1).setRequestedBy("bench")
                .setThread(MailThread.newBuilder().setThreadKey(key).build()).setCreatedAt(now)
                .build();
        Release release = Release.newBuilder().setMode(OversightMode.AUTONOMOUS).setRule("bench").setReleasedBy("policy")
                .setReleasedAt(now).build();
        return OutboundEmail.newBuilder().setDraft(draft).setRelease(release).build();
    }

    private static boolean empty(Admin admin) {
        try {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            return group.groupState() == GroupState.EMPTY || group.members().isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean caughtUp(Admin admin, Map<TopicPartition, Long> end) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get();
            return end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue());
        } catch (Exception e) {
            return false;
        }
    }
}
