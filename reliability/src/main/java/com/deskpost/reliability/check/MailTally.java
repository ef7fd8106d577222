package com.deskpost.reliability.check;

import com.deskpost.reliability.sink.MailSink;
import com.deskpost.reliability.traffic.FacilityProducer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The count after a fault scenario, once everything is quiet: every mail the booking traffic and the releases
 * on mail.outbound call for, against what the SMTP sink accepted by Message-ID. None lost, none twice unless a
 * fault explains it ({@link Fault#explain}), nothing the releases did not call for, the audit's SENT rows one to
 * one with the sink's acceptances, every facility event acknowledged by the broker. Its figures and violations
 * go into the scenario's result.
 */
public final class MailTally {

    private final Map<String, Object> figures;
    private final List<String> violations;
    private final List<String> notes;

    private MailTally(Map<String, Object> figures, List<String> violations, List<String> notes) {
        this.figures = figures;
        this.violations = violations;
        this.notes = notes;
    }

    /**
     * Counts into {@code figures} (mailsExpected, mailsReceived, lost, duplicates, duplicatesExplained, unexpected,
     * auditSentRows, auditMatched, auditExtraRows) and adds what breaks an invariant to {@code violations}.
     *
     * @param bookingMail    the Message-IDs the booking traffic calls for, known in advance
     * @param allBookings    whether every one of them reached the sink before the wait ran out
     */
    public static void count(Evidence evidence, MailSink sink, FacilityProducer producer, Set<String> bookingMail,
            boolean allBookings, List<Fault> faults, Map<String, Object> figures, List<String> violations,
            List<String> notes) {
        new MailTally(figures, violations, notes).count(evidence, sink, producer, bookingMail, allBookings, faults);
    }

    private void count(Evidence evidence, MailSink sink, FacilityProducer producer, Set<String> bookingMail,
            boolean allBookings, List<Fault> faults) {
        Map<String, List<Long>> accepted = sink.acceptances();
        Set<String> notSent = evidence.notSentPairs();
        Map<String, Evidence.Mail> released = evidence.releasedMail();
        Set<String> expected = new HashSet<>(bookingMail);
        released.values().stream().filter(mail -> !notSent.contains(mail.draftId() + "|" + mail.recipient()))
                .forEach(mail -> expected.add(mail.messageId()));
        Set<String> lost = new HashSet<>(expected);
        lost.removeAll(accepted.keySet());
        Set<String> unexpected = new HashSet<>(accepted.keySet());
        unexpected.removeAll(expected);
        long bookingsNotReleased = bookingMail.stream().filter(id -> !released.containsKey(id)).count();
        List<String> explained = new ArrayList<>();
        List<String> unexplained = new ArrayList<>();
        int duplicates = 0;
        for (var entry : accepted.entrySet()) {
            if (entry.getValue().size() > 1) {
                duplicates += entry.getValue().size() - 1;
                String why = Fault.explain(entry.getKey(), entry.getValue(), faults);
                (why.startsWith("UNEXPLAINED") ? unexplained : explained).add(why);
            }
        }
        List<String> auditIds = evidence.auditSentMessageIds();
        Set<String> auditDistinct = new HashSet<>(auditIds);
        long auditMatched = auditDistinct.stream().filter(accepted::containsKey).count();
        long receivedWithoutAudit = accepted.keySet().stream().filter(id -> !auditDistinct.contains(id)).count();
        long auditWithoutReceipt = auditDistinct.size() - auditMatched;

        figures.put("mailsExpected", expected.size());
        figures.put("mailsReceived", accepted.size());
        figures.put("lost", lost.size());
        figures.put("duplicates", duplicates);
        figures.put("duplicatesExplained", explained.size());
        figures.put("unexpected", unexpected.size());
        figures.put("auditSentRows", auditIds.size());
        figures.put("auditMatched", auditMatched);
        figures.put("auditExtraRows", auditIds.size() - auditDistinct.size());

        if (!allBookings || !lost.isEmpty()) {
            violations.add(lost.size() + " expected mails never reached the sink, e.g. " + sample(lost));
        }
        if (bookingsNotReleased > 0) {
            violations.add(bookingsNotReleased + " booking mails never released to mail.outbound (lost upstream of delivery)");
        }
        if (!unexplained.isEmpty()) {
            violations.add(unexplained.size() + " duplicates not explained by a fault inside the reply window: "
                    + unexplained.subList(0, Math.min(3, unexplained.size())));
        }
        if (!unexpected.isEmpty()) {
            violations.add(unexpected.size() + " mails at the sink that no release called for, e.g. " + sample(unexpected));
        }
        if (receivedWithoutAudit > 0 || auditWithoutReceipt > 0 || auditIds.size() - auditDistinct.size() > duplicates) {
            violations.add("audit SENT/COPY_SENT rows do not match the sink one-to-one: " + receivedWithoutAudit
                    + " accepted without a row, " + auditWithoutReceipt + " rows without an acceptance, "
                    + (auditIds.size() - auditDistinct.size()) + " extra rows for one Message-ID");
        }
        if (producer.failed() > 0) {
            violations.add(producer.failed() + " facility events never acknowledged by the broker: " + producer.firstFailure());
        }
        if (receivedWithoutAudit > 0) {
            notes.add("accepted by the sink without a SENT/COPY_SENT audit row: " + sample(accepted.keySet().stream()
                    .filter(id -> !auditDistinct.contains(id)).collect(Collectors.toSet())));
        }
        explained.forEach(why -> notes.add("duplicate: " + why));
        unexplained.forEach(why -> notes.add("duplicate: " + why));
    }

    static String sample(Set<String> ids) {
        return ids.stream().sorted().limit(5).toList().toString();
    }
}
