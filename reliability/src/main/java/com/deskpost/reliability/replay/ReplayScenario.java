package com.deskpost.reliability.replay;

import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.id.DraftIds;
import com.deskpost.reliability.Scenario;
import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.check.Evidence;
import com.deskpost.reliability.check.TopicReader;
import com.deskpost.reliability.harness.Deployment;
import com.deskpost.reliability.harness.ProcessStack;
import com.deskpost.reliability.harness.ServiceProcess;
import com.deskpost.reliability.harness.Waits;
import com.deskpost.reliability.sink.MailSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The operator's full replay (DESIGN §3): after traffic, every service is stopped, every consumer group
 * (each Streams application id, delivery's and oversight's listener groups, the retry listeners') is
 * reset to the earliest offset with the Admin API, and the services start again and reprocess
 * everything. Nothing may reach the SMTP server; each (draft, recipient) delivery read again is audited
 * {@code SKIPPED_DUPLICATE} once, counted by record on {@code mail.audit}.
 */
public final class ReplayScenario implements Scenario {

    private final Supplier<Deployment> deployment;
    private final int events;

    public ReplayScenario(Supplier<Deployment> deployment) {
        this(deployment, Integer.getInteger("reliability.replay.events", 1_000));
    }

    ReplayScenario(Supplier<Deployment> deployment, int events) {
        this.deployment = deployment;
        this.events = events;
    }

    @Override
    public String name() {
        return "replay";
    }

    @Override
    public ScenarioResult run() throws Exception {
        long started = System.nanoTime();
        Deployment deployed = deployment.get();
        ProcessStack stack = deployed.stack();
        MailSink sink = stack.sink();
        Evidence evidence = new Evidence(stack);
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        // Traffic first, delivered and quiet.
        for (int i = 0; i < events; i++) {
            deployed.traffic().next();
            LockSupport.parkNanos(10_000_000);
        }
        deployed.producer().flush();
        Set<String> bookings = deployed.traffic().expectedBookingMail();
        Waits.until(() -> sink.acceptances().keySet().containsAll(bookings), Duration.ofMinutes(5));
        Waits.quiet(Duration.ofSeconds(20), Duration.ofMinutes(10), sink::messages, evidence::auditRows);
        long skippedBefore = evidence.auditRecordsByType().getOrDefault("SKIPPED_DUPLICATE", 0L);
        long skippedRowsBefore = evidence.auditRows("SKIPPED_DUPLICATE");
        long sessionsBefore = sink.sessions();
        long mailSessionsBefore = sink.sessionsWithMail();
        long messagesBefore = sink.messages();
        say("%d events of traffic delivered (%d mails at the sink so far); stopping every service", events, messagesBefore);

        List<ServiceProcess> services = stack.services();
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).process().stop();
        }
        Map<String, Integer> reset;
        long recordsToReplay;
        try (Admin admin = stack.admin()) {
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .filter(group -> !group.startsWith("reliability-reader-")).sorted().toList();
            Waits.until(() -> empty(admin, groups), Duration.ofMinutes(2));
            reset = new LinkedHashMap<>();
            long total = 0;
            for (String group : groups) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, Long> earliest = offsets(admin, committed.keySet(), OffsetSpec.earliest());
                admin.alterConsumerGroupOffsets(group, earliest.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue())))).all().get();
                for (var entry : committed.entrySet()) {
                    if (entry.getValue() != null) {
                        total += entry.getValue().offset() - earliest.get(entry.getKey());
                    }
                }
                reset.put(group, committed.size());
            }
            recordsToReplay = total;
        }
        say("reset %d consumer groups to the earliest offset (%d records to read again): %s", reset.size(),
                recordsToReplay, reset.keySet());
        long replayStart = System.nanoTime();
        for (ServiceProcess service : services) {
            service.process().start();
        }
        for (ServiceProcess service : services) {
            if (!service.awaitHealthy(Duration.ofMinutes(4))) {
                violations.add(service.name() + " not healthy after the replay restart");
            }
        }
        try (Admin admin = stack.admin()) {
            Waits.quiet(Duration.ofSeconds(30), Duration.ofMinutes(12), sink::messages,
                    () -> endOffsets(admin, "mail."), evidence::auditRows);
        }
        double replaySeconds = (System.nanoTime() - replayStart) / 1e9;

        long skipped = evidence.auditRecordsByType().getOrDefault("SKIPPED_DUPLICATE", 0L) - skippedBefore;
        long expectedSkips = expectedSkips(stack, evidence);
        long newMessages = sink.messages() - messagesBefore;
        long newSessions = sink.sessionsWithMail() - mailSessionsBefore;
        long newConnections = sink.sessions() - sessionsBefore;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("groupsReset", reset.size());
        figures.put("partitionsReset", reset.values().stream().mapToInt(Integer::intValue).sum());
        figures.put("recordsReplayed", recordsToReplay);
        figures.put("newSmtpMessages", newMessages);
        figures.put("newSmtpSessions", newSessions);
        figures.put("newSmtpConnections", newConnections);
        figures.put("skippedDuplicateRecords", skipped);
        figures.put("deliveriesReplayed", expectedSkips);
        figures.put("skippedDuplicateRowsStored", evidence.auditRows("SKIPPED_DUPLICATE") - skippedRowsBefore);
        figures.put("replaySeconds", Math.round(replaySeconds));
        figures.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
        if (newMessages > 0 || newSessions > 0) {
            violations.add("the replay reached the SMTP server: " + newMessages + " messages, " + newSessions + " sessions");
        }
        if (skipped != expectedSkips) {
            violations.add(skipped + " SKIPPED_DUPLICATE records on mail.audit, but " + expectedSkips
                    + " (draft, recipient) deliveries of already-sent mail were read again");
        }
        notes.add("consumer groups reset (partitions each): " + reset);
        notes.add("newSmtpSessions counts sessions that carried mail; newSmtpConnections also counts delivery's"
                + " health checks, which open an SMTP connection and send nothing");
        notes.add("SKIPPED_DUPLICATE rows stored: fewer than records where a record read again repeats the"
                + " deterministic audit id (draft, recipient, source offset) of a skip already stored");
        return new ScenarioResult(name(), figures, violations, notes);
    }

    /**
     * Every (draft, recipient) delivery delivery reads again: each record on the outbound lanes and their
     * delay topics, after the replay, for each of its recipients the ledger says was already sent.
     */
    private static long expectedSkips(ProcessStack stack, Evidence evidence) {
        Set<String> ledger = evidence.ledgerPairs();
        Set<String> topics = TopicReader.topicsStartingWith(stack.bootstrapServers(),
                Evidence.outboundTopics().stream().map(topic -> topic + ".retry").toList());
        topics.addAll(Evidence.outboundTopics());
        AtomicLong count = new AtomicLong();
        evidence.eachOutbound(topics, (OutboundEmail outbound) -> {
            String draftId = outbound.getDraft().getDraftId();
            if (ledger.contains(draftId + "|" + DraftIds.normaliseEmail(outbound.getDraft().getRecipient().getEmail()))) {
                count.incrementAndGet();
            }
            String copyTo = outbound.getRelease().getCopyTo();
            if (copyTo != null && ledger.contains(draftId + "|" + DraftIds.normaliseEmail(copyTo))) {
                count.incrementAndGet();
            }
        });
        return count.get();
    }

    private static boolean empty(Admin admin, Collection<String> groups) {
        try {
            return admin.describeConsumerGroups(groups).all().get().values().stream()
                    .allMatch(group -> group.members().isEmpty());
        } catch (Exception e) {
            return false;
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Collection<TopicPartition> partitions, OffsetSpec spec)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(partition -> request.put(partition, spec));
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    /** The sum of the end offsets of every topic whose name starts with the prefix: moves while anything is produced. */
    private static long endOffsets(Admin admin, String prefix) {
        try {
            Set<String> topics = admin.listTopics().names().get().stream().filter(name -> name.startsWith(prefix))
                    .collect(Collectors.toSet());
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
            return offsets(admin, partitions, OffsetSpec.latest()).values().stream().mapToLong(Long::longValue).sum();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read end offsets", e);
        }
    }

    static void say(String format, Object... args) {
        System.out.printf("  replay: " + format + "%n", args);
    }
}
