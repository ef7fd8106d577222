package com.deskpost.reliability.failover;

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
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Two replicas of everything, then one of each gone for good: a second process of every service joins the
 * stack; facility events flow; mid-stream one replica of each service is SIGKILLed and never restarted — for
 * oversight and delivery the one holding the outbox relay. Right after oversight's holder dies, the drafts held
 * for approval are approved through the surviving replica's API: their release waits for the relay to be taken
 * over, and must come within {@link #RELEASE_GOAL} of the holder's death. Then every mail is counted as in the
 * kill scenario ({@link MailTally}): none lost, duplicates only inside the window a kill of a sending delivery
 * process explains.
 */
public final class FailoverScenario implements Scenario {

    static final Duration RELEASE_GOAL = Duration.ofSeconds(10);
    private static final int WARM_UP_EVENTS = 1_000;
    private static final Set<String> RELAY_SERVICES = Set.of("oversight-service", "delivery-service");

    private final Supplier<Deployment> deployment;
    private final int events;
    private final double eventsPerSecond;
    private final int mailsBetweenKills;

    public FailoverScenario(Supplier<Deployment> deployment) {
        this.deployment = deployment;
        this.events = Integer.getInteger("reliability.failover.events", 8_000);
        this.eventsPerSecond = Double.parseDouble(System.getProperty("reliability.failover.rate", "50"));
        this.mailsBetweenKills = Integer.getInteger("reliability.failover.mails-between-kills", 200);
    }

    @Override
    public String name() {
        return "failover";
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

        stack.startSecondReplicas();
        say("a second process of each of the %d services is up", ProcessStack.SERVICES.size());
        for (String name : RELAY_SERVICES) {
            if (!Waits.until(() -> holders(stack, name) == 1, Duration.ofMinutes(1))) {
                violations.add(name + ": " + holders(stack, name) + " replicas hold the outbox relay, expected exactly 1");
            }
        }
        int firstEvent = traffic.published();
        traffic.masterKeycodeResets();
        deployed.publish(WARM_UP_EVENTS, eventsPerSecond);
        Waits.until(() -> sink.acceptances().keySet().containsAll(traffic.expectedBookingMail()), Duration.ofMinutes(5));
        Waits.until(() -> !pending(evidence).isEmpty(), Duration.ofMinutes(3));
        say("warm-up: %d events, %d mails at the sink, %d drafts held for approval", WARM_UP_EVENTS, sink.messages(),
                pending(evidence).size());

        Thread publisher = new Thread(() -> deployed.publish(events - WARM_UP_EVENTS, eventsPerSecond), "facility-traffic");
        publisher.start();
        List<Fault> faults = new ArrayList<>();
        Map<String, Object> takeovers = new LinkedHashMap<>();
        Set<String> approved = new HashSet<>();
        Instant oversightHolderDied = null;
        long lastKillMails = sink.messages();
        for (String name : ProcessStack.SERVICES) {
            long target = lastKillMails + mailsBetweenKills;
            if (!Waits.until(() -> sink.messages() >= target, Duration.ofMinutes(2))) {
                notes.add("no " + mailsBetweenKills + " new mails within 2 min before killing a replica of " + name);
            }
            List<ServiceProcess> replicas = stack.replicas(name);
            ServiceProcess victim = RELAY_SERVICES.contains(name)
                    ? replicas.stream().filter(ReplicaApi::holdsRelay).findFirst().orElse(replicas.get(0))
                    : replicas.get(0);
            ServiceProcess survivor = replicas.get(victim == replicas.get(0) ? 1 : 0);
            Set<String> held = name.equals("oversight-service") ? pending(evidence) : Set.of();
            Instant at = victim.process().kill();
            // Watched from the kill on, while this thread approves: the takeover is timed, not the approvals.
            CompletableFuture<Instant> takeover = RELAY_SERVICES.contains(name)
                    ? CompletableFuture.supplyAsync(() -> Waits.until(() -> ReplicaApi.holdsRelay(survivor),
                            Duration.ofMinutes(1)) ? Instant.now() : null)
                    : CompletableFuture.completedFuture(null);
            lastKillMails = sink.messages();
            faults.add(new Fault(name, at));
            say("SIGKILL %s (%s, for good) at %d mails", victim.process().name(),
                    RELAY_SERVICES.contains(name) ? "the relay's holder" : "a replica", lastKillMails);
            if (!held.isEmpty()) {
                oversightHolderDied = at;
                held.stream().filter(draft -> ReplicaApi.approve(survivor, draft) == 200).forEach(approved::add);
                say("approved %d of the %d held drafts through %s", approved.size(), held.size(), survivor.process().name());
            }
            if (RELAY_SERVICES.contains(name)) {
                Instant tookOver = takeover.join();
                takeovers.put(name, tookOver == null ? "none"
                        : String.format("%.1fs", Duration.between(at, tookOver).toMillis() / 1000.0));
                if (tookOver == null) {
                    violations.add(name + ": the surviving replica did not take the outbox relay over within 1 min");
                }
            }
        }
        publisher.join();
        deployed.producer().flush();
        say("all %d events published; one replica of each service gone; waiting for quiescence", traffic.published() - firstEvent);
        for (String name : ProcessStack.SERVICES) {
            if (stack.replicas(name).stream().noneMatch(replica -> replica.process().alive() && replica.healthy())) {
                violations.add(name + ": no healthy replica left after the kills");
            }
        }
        Set<String> bookingMail = traffic.expectedBookingMail();
        boolean allBookings = Waits.until(() -> sink.acceptances().keySet().containsAll(bookingMail), Duration.ofMinutes(10));
        Waits.quiet(Duration.ofSeconds(30), Duration.ofMinutes(10), sink::messages, evidence::auditRows);

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("events", traffic.published() - firstEvent);
        MailTally.count(evidence, sink, deployed.producer(), bookingMail, allBookings, faults, figures, violations, notes);
        figures.put("relayTakeover", takeovers.toString().replace(" ", ""));
        checkReleases(evidence, approved, oversightHolderDied, figures, violations);
        figures.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
        notes.add("faults: " + faults);
        notes.add("events by kind: " + traffic.counts());
        notes.add("audit records on mail.audit by type: " + evidence.auditRecordsByType());
        return new ScenarioResult(name(), figures, violations, notes);
    }

    /** The drafts approved after oversight's holder died: each released, and within the goal of its death. */
    private static void checkReleases(Evidence evidence, Set<String> approved, Instant holderDied,
            Map<String, Object> figures, List<String> violations) {
        figures.put("approvedAfterHolderDied", approved.size());
        if (approved.isEmpty()) {
            violations.add("no held draft was approved after oversight's relay holder died: the release time is unmeasured");
            return;
        }
        Map<String, Instant> released = evidence.releaseTimes(approved);
        long slowest = released.values().stream().mapToLong(at -> Duration.between(holderDied, at).toMillis()).max().orElse(-1);
        figures.put("approvedReleasedWithin", String.format("%.1fs", slowest / 1000.0));
        if (released.size() < approved.size()) {
            violations.add((approved.size() - released.size()) + " of the " + approved.size()
                    + " drafts approved after the holder died were never released");
        } else if (slowest > RELEASE_GOAL.toMillis()) {
            violations.add("approved mail released " + slowest + " ms after the relay's holder died, goal "
                    + RELEASE_GOAL.toMillis() + " ms");
        }
    }

    private static long holders(ProcessStack stack, String name) {
        return stack.replicas(name).stream().filter(ReplicaApi::holdsRelay).count();
    }

    private static Set<String> pending(Evidence evidence) {
        Set<String> pending = new HashSet<>();
        evidence.heldDrafts().forEach((draft, status) -> {
            if (status.equals("PENDING")) {
                pending.add(draft);
            }
        });
        return pending;
    }


    static void say(String format, Object... args) {
        System.out.printf("  failover: " + format + "%n", args);
    }
}
