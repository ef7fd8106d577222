package com.deskpost.reliability.kill;

import com.deskpost.reliability.Scenario;
import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.check.Evidence;
import com.deskpost.reliability.check.Fault;
import com.deskpost.reliability.check.MailTally;
import com.deskpost.reliability.harness.Deployment;
import com.deskpost.reliability.harness.ProcessStack;
import com.deskpost.reliability.harness.ServiceProcess;
import com.deskpost.reliability.harness.Waits;
import com.deskpost.reliability.sink.MailSink;
import com.deskpost.reliability.traffic.FacilityTraffic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Kafka's own exactly-once system test, applied to Deskpost: facility events flow across every domain
 * while each service process is SIGKILLed several times, each time after more mail has reached the
 * sink since the last kill; the broker is hard-killed and restarted on its data once and PostgreSQL
 * restarted once. Then, once everything is quiet, every mail is counted at the SMTP sink by Message-ID
 * against what was published and released: none lost, none twice unless a kill landed inside the
 * SMTP reply window (each explained), the audit's SENT rows one-to-one with the sink's acceptances,
 * and the approval queue unchanged by the faults.
 */
public final class KillScenario implements Scenario {

    private static final int WARM_UP_EVENTS = 2_000;
    private static final int ROUNDS = 3;

    private final Supplier<Deployment> deployment;
    private final int events;
    private final double eventsPerSecond;
    private final int mailsBetweenKills;

    public KillScenario(Supplier<Deployment> deployment) {
        this(deployment, Integer.getInteger("reliability.kill.events", 20_000),
                Double.parseDouble(System.getProperty("reliability.kill.rate", "50")),
                Integer.getInteger("reliability.kill.mails-between-kills", 300));
    }

    KillScenario(Supplier<Deployment> deployment, int events, double eventsPerSecond, int mailsBetweenKills) {
        this.deployment = deployment;
        this.events = events;
        this.eventsPerSecond = eventsPerSecond;
        this.mailsBetweenKills = mailsBetweenKills;
    }

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public ScenarioResult run() throws Exception {
        long started = System.nanoTime();
        Deployment deployed = deployment.get();
        ProcessStack stack = deployed.stack();
        FacilityTraffic traffic = deployed.traffic();
        MailSink sink = stack.sink();
        Evidence evidence = new Evidence(stack);
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int firstEvent = traffic.published();

        // Warm-up, no faults: gated drafts reach the queue, so there is a queue for the faults to disturb.
        traffic.masterKeycodeResets();
        deployed.publish(WARM_UP_EVENTS, eventsPerSecond);
        Waits.until(() -> sink.acceptances().keySet().containsAll(traffic.expectedBookingMail()), Duration.ofMinutes(5));
        Set<String> gatedWarmUp = traffic.gatedRecipients();
        Waits.until(() -> new HashSet<>(evidence.heldRecipients().values()).containsAll(gatedWarmUp), Duration.ofMinutes(3));
        Waits.quiet(Duration.ofSeconds(10), Duration.ofMinutes(3), sink::messages, () -> evidence.heldDrafts().size());
        Map<String, String> heldBefore = evidence.heldDrafts();
        say("warm-up: %d events, %d mails at the sink, %d drafts held for approval", WARM_UP_EVENTS, sink.messages(),
                heldBefore.size());

        // Traffic on its own thread; faults on this one, each after real progress.
        int remaining = events - traffic.published() + firstEvent;
        Thread publisher = new Thread(() -> deployed.publish(remaining, eventsPerSecond), "facility-traffic");
        publisher.start();
        Map<String, Integer> kills = new LinkedHashMap<>();
        List<Fault> faults = new ArrayList<>();
        long lastKillMails = sink.messages();
        for (int round = 1; round <= ROUNDS; round++) {
            for (ServiceProcess service : stack.services()) {
                long target = lastKillMails + mailsBetweenKills;
                if (!Waits.until(() -> sink.messages() >= target, Duration.ofMinutes(2))) {
                    notes.add("no " + mailsBetweenKills + " new mails within 2 min before killing " + service.name()
                            + " in round " + round);
                }
                if (!service.awaitHealthy(Duration.ofMinutes(3))) {
                    notes.add(service.name() + " not healthy before its kill in round " + round);
                }
                Instant at = service.process().kill();
                lastKillMails = sink.messages();
                faults.add(new Fault(service.name(), at));
                kills.merge(service.name(), 1, Integer::sum);
                say("round %d: SIGKILL %s at %d mails; restarting", round, service.name(), lastKillMails);
                service.process().start();
            }
            if (round == 1) {
                Instant at = stack.killAndRestartBroker(Duration.ofSeconds(5));
                faults.add(new Fault("kafka", at));
                say("round 1: SIGKILL of the Kafka broker at %d mails; restarted on its log directory", sink.messages());
            }
            if (round == 2) {
                Instant at = stack.restartPostgres();
                faults.add(new Fault("postgresql", at));
                say("round 2: PostgreSQL restarted (fast shutdown: connections cut) at %d mails", sink.messages());
            }
        }
        publisher.join();
        deployed.producer().flush();
        say("all %d events published (%d not acknowledged); faults done; waiting for quiescence", traffic.published() - firstEvent,
                deployed.producer().failed());
        for (ServiceProcess service : stack.services()) {
            if (!service.awaitHealthy(Duration.ofMinutes(3))) {
                violations.add(service.name() + " not healthy after the faults (see " + service.process().log() + ")");
            }
        }
        Set<String> bookingMail = traffic.expectedBookingMail();
        boolean allBookings = Waits.until(() -> sink.acceptances().keySet().containsAll(bookingMail), Duration.ofMinutes(10));
        Waits.quiet(Duration.ofSeconds(30), Duration.ofMinutes(10), sink::messages, evidence::auditRows);

        // Count.
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", traffic.published() - firstEvent);
        MailTally.count(evidence, sink, deployed.producer(), bookingMail, allBookings, faults, figures, violations, notes);
        Set<String> gated = traffic.gatedRecipients();
        Waits.until(() -> new HashSet<>(evidence.heldRecipients().values()).containsAll(gated), Duration.ofMinutes(3));
        Map<String, String> heldAfter = evidence.heldDrafts();
        Map<String, String> heldTo = evidence.heldRecipients();
        long heldChanged = heldBefore.entrySet().stream()
                .filter(e -> !e.getValue().equals(heldAfter.get(e.getKey()))).count();
        long gatedNotHeld = gated.stream().filter(to -> !heldTo.containsValue(to)).count();
        long heldNotGated = heldTo.values().stream().filter(to -> !gated.contains(to)).count();
        long heldExpectedAfter = traffic.gatedEvents();

        figures.put("kills", kills.toString().replace(" ", ""));
        figures.put("brokerKills", stack.brokerKills().size());
        figures.put("postgresRestarts", stack.postgresRestarts().size());
        figures.put("heldBefore", heldBefore.size());
        figures.put("heldAfter", heldAfter.size());
        figures.put("heldExpectedAfter", heldExpectedAfter);
        figures.put("seconds", Math.round((System.nanoTime() - started) / 1e9));

        if (heldChanged > 0 || heldAfter.size() != heldExpectedAfter || gatedNotHeld > 0 || heldNotGated > 0) {
            violations.add("approval queue disturbed: " + heldChanged + " of the " + heldBefore.size()
                    + " drafts held before the faults changed state; " + heldAfter.size() + " held after, expected "
                    + heldExpectedAfter + " (one per gated event); " + gatedNotHeld + " gated events with no held draft, "
                    + heldNotGated + " held drafts to someone no gated event was about");
        }
        notes.add("events by kind: " + traffic.counts());
        notes.add("faults: " + faults);
        notes.add("audit records on mail.audit by type: " + evidence.auditRecordsByType());
        notes.add("ledger rows: " + evidence.ledgerRows() + ", SMTP sessions: " + sink.sessions());
        return new ScenarioResult(name(), figures, violations, notes);
    }


    static void say(String format, Object... args) {
        System.out.printf("  kill: " + format + "%n", args);
    }
}
