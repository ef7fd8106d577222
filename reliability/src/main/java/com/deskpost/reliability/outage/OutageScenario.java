package com.deskpost.reliability.outage;

import com.deskpost.reliability.Scenario;
import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.check.DeadLetterTopics;
import com.deskpost.reliability.check.Evidence;
import com.deskpost.reliability.harness.Deployment;
import com.deskpost.reliability.harness.ProcessStack;
import com.deskpost.reliability.harness.ServiceProcess;
import com.deskpost.reliability.harness.Waits;
import com.deskpost.reliability.sink.MailSink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Outages never cost a mail (issue 19): while facility traffic flows at a steady rate, PostgreSQL is stopped,
 * then the schema registry, then the Kafka broker, then the SMTP relay refuses every message with {@code 451},
 * each for its configured length and each only after the mail of the one before has caught up. Our own
 * infrastructure failing is not bad input: every consumer must wait it out and resume by itself. Then the
 * traffic stops and the rest drains; {@link OutageTally} counts what the sink, the topics and the databases
 * say: nothing lost, no valid record dead-lettered, no mail FAILED, duplicates only inside the documented window.
 */
public final class OutageScenario implements Scenario {

    /** The relay's refusal: "requested action aborted: local error in processing", the greylisting reply. */
    static final int REFUSAL = 451;

    private final Supplier<Deployment> deployment;
    private final OutageSettings settings;

    public OutageScenario(Supplier<Deployment> deployment) {
        this(deployment, OutageSettings.from(System.getProperties()));
    }

    public OutageScenario(Supplier<Deployment> deployment, OutageSettings settings) {
        this.deployment = deployment;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "outage";
    }

    @Override
    public ScenarioResult run() throws Exception {
        long started = System.nanoTime();
        Deployment deployed = deployment.get();
        ProcessStack stack = deployed.stack();
        MailSink sink = stack.sink();
        Evidence evidence = new Evidence(stack);
        Instant start = Instant.now();
        OutageTally tally = OutageTally.before(deployed, evidence, new DeadLetterTopics(stack.bootstrapServers()));
        List<String> violations = new ArrayList<>();
        say("%s at %.0f events/s; %d mails at the sink so far", settings.lengths(), settings.eventsPerSecond(),
                sink.messages());

        SteadyTraffic traffic = SteadyTraffic.start(deployed.traffic(), settings.eventsPerSecond());
        Waits.pause(settings.warmUp());
        if (!caughtUp(deployed, tally, Instant.now(), settings.recoveryLimit())) {
            violations.add("before any outage, the warm-up's booking mail did not arrive within "
                    + OutageSettings.print(settings.recoveryLimit()));
        }
        say("warm-up: %d mails at the sink", sink.messages());
        List<Outage> outages = new ArrayList<>();
        outages.add(outage(deployed, tally, "postgres", settings.postgres(), stack::stopPostgres, stack::startPostgres,
                violations));
        outages.add(outage(deployed, tally, "registry", settings.registry(), stack::stopRegistry, stack::startRegistry,
                violations));
        outages.add(outage(deployed, tally, "broker", settings.broker(), stack::killBroker, stack::startBroker,
                violations));
        outages.add(outage(deployed, tally, "relay", settings.relay(), () -> sink.refuseEveryMessage(REFUSAL),
                sink::acceptMessages, violations));

        int events = traffic.stop();
        deployed.producer().flush();
        Instant stopped = Instant.now();
        say("%d events published; traffic stopped; draining (at most %s)", events, OutageSettings.print(settings.drainLimit()));
        Instant drainDeadline = stopped.plus(settings.drainLimit());
        boolean bookingsIn = caughtUp(deployed, tally, stopped, settings.drainLimit());
        Set<String> expected = tally.expected(start);
        boolean allIn = awaitAccepted(sink, expected, Duration.between(Instant.now(), drainDeadline));
        Duration drain = Duration.between(stopped, Instant.now());
        Waits.quiet(Duration.ofSeconds(15), Duration.ofMinutes(3), sink::messages, evidence::auditRows);
        say("drained in %d s; counting", drain.toSeconds());
        if (!bookingsIn || !allIn) {
            violations.add("the drain did not finish within " + OutageSettings.print(settings.drainLimit()));
        }
        for (ServiceProcess service : stack.services()) {
            if (!service.process().alive()) {
                violations.add(service.name() + " exited during the outages (see " + service.process().log() + ")");
            } else if (!service.awaitHealthy(Duration.ofMinutes(2))) {
                violations.add(service.name() + " not healthy after the outages (see " + service.process().log() + ")");
            }
        }
        return tally.result(name(), start, events, outages, drain, violations, settings,
                Math.round((System.nanoTime() - started) / 1e9));
    }

    /** One outage: down for its length, health sampled halfway, back up, then until its mail has caught up. */
    private Outage outage(Deployment deployed, OutageTally tally, String component, Duration length, Runnable down,
            Runnable up, List<String> violations) {
        ProcessStack stack = deployed.stack();
        long mailsBefore = stack.sink().messages();
        Instant downAt = Instant.now();
        List<String> notHealthy = new ArrayList<>();
        try {
            down.run();
            say("%s down for %s (%d mails at the sink)", component, OutageSettings.print(length), mailsBefore);
            Waits.pause(length.dividedBy(2));
            stack.services().stream().filter(service -> !service.healthy()).forEach(service -> notHealthy.add(service.name()));
            Duration left = length.minus(Duration.between(downAt, Instant.now()));
            Waits.pause(left.isNegative() ? Duration.ZERO : left);
        } finally {
            up.run();
        }
        Instant upAt = Instant.now();
        long whileDown = stack.sink().messages() - mailsBefore;
        boolean recovered = caughtUp(deployed, tally, upAt, settings.recoveryLimit());
        Duration recovery = recovered ? Outage.recovery(upAt, tally.newBookingMail(), stack.sink().acceptances()) : null;
        if (recovery == null) {
            violations.add("after the " + component + " outage, booking mail published before its end had not all arrived "
                    + OutageSettings.print(settings.recoveryLimit()) + " later");
        }
        for (ServiceProcess service : stack.services()) {
            if (!service.awaitHealthy(settings.recoveryLimit())) {
                violations.add(service.name() + " not healthy " + OutageSettings.print(settings.recoveryLimit())
                        + " after the " + component + " outage ended");
            }
        }
        say("%s back after %d s; %d mails accepted while it was down; not healthy halfway: %s; caught up %s", component,
                Duration.between(downAt, upAt).toSeconds(), whileDown, notHealthy,
                recovery == null ? "NOT within the limit" : recovery.toMillis() / 1000.0 + " s after its return");
        return new Outage(component, downAt, upAt, recovery, whileDown, notHealthy);
    }

    /** Until every booking mail of this scenario published by {@code by} has reached the sink. */
    private static boolean caughtUp(Deployment deployed, OutageTally tally, Instant by, Duration atMost) {
        Set<String> due = new HashSet<>();
        tally.newBookingMail().forEach((id, publishedAt) -> {
            if (publishedAt <= by.toEpochMilli()) {
                due.add(id);
            }
        });
        return awaitAccepted(deployed.stack().sink(), due, atMost);
    }

    private static boolean awaitAccepted(MailSink sink, Set<String> ids, Duration atMost) {
        Set<String> pending = new HashSet<>(ids);
        return Waits.until(() -> {
            pending.removeIf(id -> sink.timesAccepted(id) > 0);
            return pending.isEmpty();
        }, atMost.isNegative() ? Duration.ZERO : atMost);
    }

    static void say(String format, Object... args) {
        System.out.printf("  outage: " + format + "%n", args);
    }
}
