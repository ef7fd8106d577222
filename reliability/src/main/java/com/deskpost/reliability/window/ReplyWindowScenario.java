package com.deskpost.reliability.window;

import com.deskpost.reliability.Scenario;
import com.deskpost.reliability.ScenarioResult;
import com.deskpost.reliability.harness.Deployment;
import com.deskpost.reliability.harness.ProcessStack;
import com.deskpost.reliability.harness.ServiceProcess;
import com.deskpost.reliability.harness.Waits;
import com.deskpost.reliability.sink.MailSink;
import com.deskpost.reliability.sink.ReplyDelayProxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The SMTP reply window (README, "The duplicate window"): the proxy in front of the sink holds back the
 * {@code 250} to the end of a few messages' data for longer than delivery's {@code mail.smtp.timeout}.
 * The sink has accepted each of them; delivery times out, treats it as transient and retries the record,
 * sending the same Message-ID again. Counts at the sink by Message-ID what that costs.
 */
public final class ReplyWindowScenario implements Scenario {

    private static final int TIMEOUT_MILLIS = 2_000;
    private static final Duration HOLD = Duration.ofSeconds(5);

    private final Supplier<Deployment> deployment;
    private final int delayed;
    private final int bookings;

    public ReplyWindowScenario(Supplier<Deployment> deployment) {
        this(deployment, Integer.getInteger("reliability.window.delayed", 5), 50);
    }

    ReplyWindowScenario(Supplier<Deployment> deployment, int delayed, int bookings) {
        this.deployment = deployment;
        this.delayed = delayed;
        this.bookings = bookings;
    }

    @Override
    public String name() {
        return "reply-window";
    }

    @Override
    public ScenarioResult run() throws Exception {
        long started = System.nanoTime();
        Deployment deployed = deployment.get();
        ProcessStack stack = deployed.stack();
        MailSink sink = stack.sink();
        ReplyDelayProxy proxy = stack.proxy();
        ServiceProcess delivery = stack.service("delivery-service");
        List<String> violations = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        delivery.process().useExtraArguments(List.of("--spring.mail.properties.mail.smtp.timeout=" + TIMEOUT_MILLIS));
        delivery.process().stop();
        long logBefore = Files.size(delivery.process().log());
        delivery.process().start();
        if (!delivery.awaitHealthy(Duration.ofMinutes(3))) {
            violations.add("delivery-service not healthy with mail.smtp.timeout=" + TIMEOUT_MILLIS);
        }
        Waits.quiet(Duration.ofSeconds(5), Duration.ofMinutes(3), sink::messages);
        Set<String> before = deployed.traffic().expectedBookingMail();
        proxy.delayNextReplies(delayed, HOLD);
        deployed.traffic().bookings(bookings);
        Set<String> batch = new HashSet<>(deployed.traffic().expectedBookingMail());
        batch.removeAll(before);
        say("%d bookings (%d mails) published; the 250 of the next %d messages held back %d s, client time-out %d ms",
                bookings, batch.size(), delayed, HOLD.toSeconds(), TIMEOUT_MILLIS);
        boolean arrived = Waits.until(() -> sink.acceptances().keySet().containsAll(batch), Duration.ofMinutes(5));
        Waits.quiet(Duration.ofSeconds(15), Duration.ofMinutes(3), sink::messages);

        List<String> held = proxy.delayedMessageIds();
        Map<String, List<Long>> accepted = sink.acceptances();
        int duplicates = 0;
        int duplicatesOfHeld = 0;
        for (String id : batch) {
            int times = accepted.getOrDefault(id, List.of()).size();
            if (times > 1) {
                duplicates += times - 1;
                if (held.contains(id)) {
                    duplicatesOfHeld += times - 1;
                }
            }
        }
        long heldAccepted = held.stream().filter(accepted::containsKey).count();
        long lost = batch.stream().filter(id -> !accepted.containsKey(id)).count();
        String log = Files.readString(delivery.process().log(), StandardCharsets.UTF_8).substring((int) logBefore);
        // The time-out itself is not logged (a transient failure moves the record to a delay topic silently):
        // the evidence is each held message's resend by a retry listener.
        long resentByRetry = held.stream().filter(id -> {
            String draftId = id.substring(0, id.indexOf('@')).replace(".copy", "");
            return log.lines().anyMatch(line -> line.contains("etry-") && line.contains("Draft " + draftId + " sent"));
        }).count();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("mails", batch.size());
        figures.put("repliesHeldBack", held.size());
        figures.put("heldAcceptedBySink", heldAccepted);
        figures.put("resentByRetryListener", resentByRetry);
        figures.put("duplicates", duplicates);
        figures.put("duplicatesOfHeldMessages", duplicatesOfHeld);
        figures.put("lost", lost);
        figures.put("smtpTimeoutMs", TIMEOUT_MILLIS);
        figures.put("holdMs", HOLD.toMillis());
        figures.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
        if (!arrived || lost > 0) {
            violations.add(lost + " of the batch's mails never reached the sink");
        }
        if (duplicates > duplicatesOfHeld) {
            violations.add((duplicates - duplicatesOfHeld) + " duplicates of messages whose reply was not held back");
        }
        if (held.size() < delayed) {
            violations.add("only " + held.size() + " of " + delayed + " replies were held back");
        }
        if (duplicates > 0) {
            notes.add("each held message was accepted by the sink, the client timed out after " + TIMEOUT_MILLIS
                    + " ms and the record was retried with the same Message-ID: " + duplicatesOfHeld
                    + " duplicates by Message-ID, the README's duplicate window (a lost 250)");
        }
        for (String id : held) {
            notes.add("held back: " + id + " accepted " + accepted.getOrDefault(id, List.of()).size() + "x");
        }

        // Back to the default time-out for what follows.
        delivery.process().useExtraArguments(List.of());
        delivery.process().stop();
        delivery.process().start();
        if (!delivery.awaitHealthy(Duration.ofMinutes(3))) {
            violations.add("delivery-service not healthy again after the scenario");
        }
        return new ScenarioResult(name(), figures, violations, notes);
    }

    static void say(String format, Object... args) {
        System.out.printf("  reply-window: " + format + "%n", args);
    }
}
