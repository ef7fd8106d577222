package com.deskpost.reliability.outage;

import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.check.DeadLetterTopics;
import com.deskpost.reliability.check.Evidence;
import com.deskpost.reliability.harness.Deployment;
import com.deskpost.reliability.sink.MailSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;

/**
 * What the outage scenario counts, against what was there before it began (the stack may have run other
 * scenarios): the mail its traffic calls for and what the sink accepted, the dead letters written, the
 * {@code FAILED} and {@code DEAD_LETTERED} audit rows, duplicates and their explanation, the audit trail
 * against the sink, the approval queue, and how long each mail took.
 */
final class OutageTally {

    private final Deployment deployed;
    private final Evidence evidence;
    private final DeadLetterTopics deadLetters;
    private final Map<TopicPartition, Long> deadLettersBefore;
    private final long failedBefore;
    private final long deadLetteredBefore;
    private final Map<String, Integer> acceptedBefore = new HashMap<>();
    private final Set<String> bookingMailBefore;

    private OutageTally(Deployment deployed, Evidence evidence, DeadLetterTopics deadLetters) {
        this.deployed = deployed;
        this.evidence = evidence;
        this.deadLetters = deadLetters;
        this.deadLettersBefore = deadLetters.positions();
        this.failedBefore = evidence.auditRows("FAILED");
        this.deadLetteredBefore = evidence.auditRows("DEAD_LETTERED");
        deployed.stack().sink().acceptances().forEach((id, times) -> acceptedBefore.put(id, times.size()));
        this.bookingMailBefore = deployed.traffic().expectedBookingMail();
    }

    static OutageTally before(Deployment deployed, Evidence evidence, DeadLetterTopics deadLetters) {
        return new OutageTally(deployed, evidence, deadLetters);
    }

    /** The booking mails of this scenario's traffic: Message-ID → when its event was published. */
    Map<String, Long> newBookingMail() {
        Map<String, Long> mail = new HashMap<>(deployed.traffic().bookingMailPublishedAt());
        mail.keySet().removeAll(bookingMailBefore);
        return mail;
    }

    /** Every mail this scenario calls for: its bookings' and every release since it began, less the suppressed and superseded. */
    Set<String> expected(Instant start) {
        Set<String> expected = new HashSet<>(newBookingMail().keySet());
        Set<String> skipped = evidence.skippedPairs();
        evidence.releasedMail(start).values().stream()
                .filter(mail -> !skipped.contains(mail.draftId() + "|" + mail.recipient()))
                .forEach(mail -> expected.add(mail.messageId()));
        return expected;
    }

    ScenarioResult result(String name, Instant start, int events, List<Outage> outages, Duration drain,
            List<String> violations, OutageSettings settings, long seconds) {
        MailSink sink = deployed.stack().sink();
        List<String> notes = new ArrayList<>();
        Map<String, List<Long>> accepted = sink.acceptances();
        Set<String> expected = expected(start);
        Set<String> lost = expected.stream().filter(id -> !accepted.containsKey(id)).collect(Collectors.toSet());
        Set<String> unexpected = accepted.keySet().stream()
                .filter(id -> !acceptedBefore.containsKey(id) && !expected.contains(id)).collect(Collectors.toSet());
        int duplicates = 0;
        List<String> explained = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        for (var entry : accepted.entrySet()) {
            int extra = entry.getValue().size() - Math.max(1, acceptedBefore.getOrDefault(entry.getKey(), 0));
            if (extra > 0) {
                duplicates += extra;
                String why = Outage.explain(entry.getKey(), entry.getValue(), outages);
                (why.startsWith("UNEXPLAINED") ? unexplained : explained).add(why);
            }
        }
        Set<String> audited = new HashSet<>(evidence.auditSentMessageIds());
        Set<String> withoutAudit = expected.stream().filter(id -> accepted.containsKey(id) && !audited.contains(id))
                .collect(Collectors.toSet());
        long failed = evidence.auditRows("FAILED") - failedBefore;
        long deadLetteredAudit = evidence.auditRows("DEAD_LETTERED") - deadLetteredBefore;
        List<DeadLetterTopics.DeadLetter> letters = deadLetters.since(deadLettersBefore);
        Set<String> held = new HashSet<>(evidence.heldRecipients().values());
        long gatedNotHeld = deployed.traffic().gatedRecipients().stream().filter(to -> !held.contains(to)).count();
        List<Long> delays = new ArrayList<>();
        newBookingMail().forEach((id, publishedAt) -> {
            List<Long> times = accepted.get(id);
            if (times != null) {
                delays.add(times.get(0) - publishedAt);
            }
        });
        delays.sort(null);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", events);
        figures.put("mailsExpected", expected.size());
        figures.put("mailsReceived", expected.size() - lost.size());
        figures.put("lost", lost.size());
        figures.put("deadLettered", letters.size());
        figures.put("failed", failed);
        figures.put("duplicates", duplicates);
        figures.put("duplicatesInWindow", explained.size());
        figures.put("lengths", settings.lengths());
        figures.put("recoverySeconds", outages.stream().map(o -> o.component() + "=" + (o.recovery() == null ? "none"
                : Math.round(o.recovery().toMillis() / 100.0) / 10.0)).collect(Collectors.joining(",")));
        figures.put("relayRefusals", sink.refusals());
        figures.put("drainSeconds", drain.toSeconds());
        figures.put("maxDelaySeconds", delays.isEmpty() ? 0 : Math.round(delays.get(delays.size() - 1) / 100.0) / 10.0);
        figures.put("medianDelaySeconds", delays.isEmpty() ? 0 : Math.round(delays.get(delays.size() / 2) / 100.0) / 10.0);
        figures.put("seconds", seconds);

        if (!lost.isEmpty()) {
            violations.add(lost.size() + " expected mails never reached the sink, e.g. " + sample(lost));
        }
        if (!letters.isEmpty()) {
            violations.add(letters.size() + " records dead-lettered while only valid traffic flowed: " + byTopic(letters));
        }
        if (failed > 0 || deadLetteredAudit > 0) {
            violations.add(failed + " mails audited FAILED and " + deadLetteredAudit + " DEAD_LETTERED during the outages");
        }
        if (!unexplained.isEmpty()) {
            violations.add(unexplained.size() + " duplicates outside the documented window: "
                    + unexplained.subList(0, Math.min(3, unexplained.size())));
        }
        if (!unexpected.isEmpty()) {
            violations.add(unexpected.size() + " mails at the sink that no release called for, e.g. " + sample(unexpected));
        }
        if (!withoutAudit.isEmpty()) {
            violations.add(withoutAudit.size() + " mails accepted by the sink without a SENT/COPY_SENT audit row, e.g. "
                    + sample(withoutAudit));
        }
        if (gatedNotHeld > 0) {
            violations.add(gatedNotHeld + " gated events with no held draft");
        }
        if (deployed.producer().failed() > 0) {
            violations.add(deployed.producer().failed() + " facility events never acknowledged by the broker: "
                    + deployed.producer().firstFailure());
        }
        for (Outage outage : outages) {
            notes.add(outage.component() + ": down " + outage.length().toSeconds() + " s from " + outage.down() + "; "
                    + outage.mailsWhileDown() + " mails accepted meanwhile; not healthy halfway: " + outage.notHealthy()
                    + "; caught up " + (outage.recovery() == null ? "not within the limit"
                            : outage.recovery().toMillis() + " ms after its return"));
        }
        letters.stream().limit(10).forEach(letter -> notes.add("dead letter on " + letter.topic() + " key "
                + letter.key() + ": " + letter.reason()));
        explained.forEach(why -> notes.add("duplicate: " + why));
        unexplained.forEach(why -> notes.add("duplicate: " + why));
        notes.add("events by kind (whole run): " + deployed.traffic().counts());
        notes.add("relay refusals (" + OutageScenario.REFUSAL + "): " + sink.refusals() + "; SMTP sessions: " + sink.sessions());
        return new ScenarioResult(name, figures, violations, notes);
    }

    private static Map<String, Long> byTopic(List<DeadLetterTopics.DeadLetter> letters) {
        return letters.stream().collect(Collectors.groupingBy(DeadLetterTopics.DeadLetter::topic, TreeMap::new,
                Collectors.counting()));
    }

    private static String sample(Set<String> ids) {
        return ids.stream().sorted().limit(5).toList().toString();
    }
}
