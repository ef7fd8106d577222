package com.deskpost.reliability.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One operating-system process the suite started (a service's JVM, the broker), restartable with the
 * same command: a kill is SIGKILL of its whole tree, as a crashed machine or an OOM killer would do,
 * with no shutdown hook run. Its output is appended to one log file across restarts, each start and
 * kill marked in it.
 */
public final class OsProcess {

    private final String name;
    private final List<String> command;
    private final Path log;
    private final List<Instant> kills = new ArrayList<>();
    private List<String> extraArguments = List.of();
    private Process process;

    public OsProcess(String name, List<String> command, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = log;
    }

    public String name() {
        return name;
    }

    /** Starts it (again), with the extra arguments given last, if any. */
    public synchronized void start() {
        List<String> full = new ArrayList<>(command);
        full.addAll(extraArguments);
        mark("started: " + String.join(" ", full));
        try {
            process = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + full, e);
        }
    }

    /** Arguments appended to the command from the next start on (e.g. a shorter SMTP time-out). */
    public synchronized void useExtraArguments(List<String> arguments) {
        extraArguments = List.copyOf(arguments);
    }

    /** SIGKILL of the process and everything it started; returns when it is gone. */
    public synchronized Instant kill() {
        Instant at = Instant.now();
        if (process != null && process.isAlive()) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            waitFor(30);
        }
        kills.add(at);
        mark("SIGKILL by the reliability suite");
        return at;
    }

    /** SIGTERM, so it shuts down in order; SIGKILL if it has not within a minute. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(60)) {
                process.destroyForcibly();
                waitFor(30);
            }
            mark("stopped (SIGTERM) by the reliability suite");
        }
    }

    public synchronized boolean alive() {
        return process != null && process.isAlive();
    }

    public synchronized List<Instant> kills() {
        return List.copyOf(kills);
    }

    public Path log() {
        return log;
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void mark(String what) {
        try {
            Files.writeString(log, "\n===== " + Instant.now() + " " + name + " " + what + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + log, e);
        }
    }
}
