package com.deskpost.reliability;

import com.deskpost.reliability.harness.Deployment;
import com.deskpost.reliability.failover.FailoverScenario;
import com.deskpost.reliability.kill.KillScenario;
import com.deskpost.reliability.outage.OutageScenario;
import com.deskpost.reliability.replay.ReplayScenario;
import com.deskpost.reliability.window.ReplyWindowScenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reliability suite: runs the scenarios in order (the process-level faults on one shared stack of
 * processes, then the in-JVM ones, each on its own LocalStack), prints each one's progress, then one
 * line per scenario, writes {@code report.json}, and exits non-zero if any invariant broke.
 * {@code -Dreliability.only=kill,replay} chooses scenarios by name; the {@code outage} scenario's
 * lengths come from {@code -Dreliability.outage.*} ({@link com.deskpost.reliability.outage.OutageSettings}).
 */
public final class ReliabilitySuite {

    /** The in-JVM scenarios, found by name so this module builds whatever their state. */
    private static final Map<String, String> IN_JVM = new LinkedHashMap<>();

    static {
        IN_JVM.put("consent", "com.deskpost.reliability.input.ConsentUnderLoadScenario");
        IN_JVM.put("hostile", "com.deskpost.reliability.input.HostileInputScenario");
        IN_JVM.put("security", "com.deskpost.reliability.input.SecurityScenario");
    }

    private ReliabilitySuite() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(System.getProperty("reliability.root", "..")).toAbsolutePath().normalize();
        Path out = Path.of(System.getProperty("reliability.out", "target/reliability")).toAbsolutePath();
        Files.createDirectories(out);
        Set<String> only = selection(System.getProperty("reliability.only", "all"));
        long started = System.nanoTime();
        SharedDeployment shared = new SharedDeployment(root, out);
        // Interrupted (Ctrl-C, SIGTERM): the processes it started must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "reliability-stop"));
        List<ScenarioResult> results = new ArrayList<>();
        try {
            List<Scenario> processLevel = List.of(new KillScenario(shared), new ReplyWindowScenario(shared),
                    new ReplayScenario(shared), new OutageScenario(shared),
                    // Last: it leaves one replica of each service, for good.
                    new FailoverScenario(shared));
            for (Scenario scenario : processLevel) {
                if (only.isEmpty() || only.contains(scenario.name())) {
                    results.add(run(scenario));
                }
            }
        } finally {
            shared.close();
        }
        for (var entry : IN_JVM.entrySet()) {
            if (only.isEmpty() || only.contains(entry.getKey())) {
                results.add(run(entry.getKey(), entry.getValue()));
            }
        }
        System.out.println();
        System.out.println("Reliability suite, " + Math.round((System.nanoTime() - started) / 1e9) + " s:");
        results.forEach(result -> System.out.println(result.line()));
        write(out.resolve("report.json"), results, started);
        System.out.println("Report: " + out.resolve("report.json"));
        System.exit(results.stream().allMatch(ScenarioResult::passed) && !results.isEmpty() ? 0 : 1);
    }

    static Set<String> selection(String only) {
        if (only == null || only.isBlank() || only.trim().equals("all")) {
            return Set.of();
        }
        return Arrays.stream(only.split(",")).map(String::trim).filter(name -> !name.isEmpty()).collect(Collectors.toSet());
    }

    private static ScenarioResult run(Scenario scenario) {
        System.out.println("== " + scenario.name());
        ScenarioResult result;
        try {
            result = scenario.run();
        } catch (Exception | Error e) {
            result = crashed(scenario.name(), e);
        }
        report(result);
        return result;
    }

    private static ScenarioResult run(String name, String className) {
        try {
            Object instance = Class.forName(className).getDeclaredConstructor().newInstance();
            if (instance instanceof Scenario scenario) {
                return run(scenario);
            }
            return crashed(name, new IllegalStateException(className + " is not a Scenario"));
        } catch (ReflectiveOperationException | LinkageError e) {
            System.out.println("== " + name);
            ScenarioResult result = crashed(name, e);
            report(result);
            return result;
        }
    }

    private static ScenarioResult crashed(String name, Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        System.out.println(trace);
        return new ScenarioResult(name, Map.of(), List.of("did not complete: " + e), List.of());
    }

    private static void report(ScenarioResult result) {
        result.violations().forEach(violation -> System.out.println("  VIOLATION " + violation));
        result.notes().forEach(note -> System.out.println("  note: " + note));
        System.out.println(result.line());
    }

    private static void write(Path file, List<ScenarioResult> results, long started) throws IOException {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("finishedAt", Instant.now().toString());
        report.put("seconds", Math.round((System.nanoTime() - started) / 1e9));
        report.put("passed", results.stream().allMatch(ScenarioResult::passed));
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (ScenarioResult result : results) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", result.name());
            one.put("passed", result.passed());
            one.put("line", result.line());
            one.put("figures", result.figures());
            one.put("violations", result.violations());
            one.put("notes", result.notes());
            scenarios.add(one);
        }
        report.put("scenarios", scenarios);
        Files.writeString(file, JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(report),
                StandardCharsets.UTF_8);
    }

    /** Started on first use by a process-level scenario, stopped before the in-JVM scenarios take the cores. */
    private static final class SharedDeployment implements Supplier<Deployment>, AutoCloseable {
        private final Path root;
        private final Path out;
        private Deployment deployment;

        SharedDeployment(Path root, Path out) {
            this.root = root;
            this.out = out;
        }

        @Override
        public synchronized Deployment get() {
            if (deployment == null) {
                deployment = Deployment.start(root, out);
            }
            return deployment;
        }

        @Override
        public synchronized void close() {
            if (deployment != null) {
                deployment.close();
                deployment = null;
            }
        }
    }
}
