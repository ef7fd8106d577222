package com.deskpost.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The OS user that runs PostgreSQL's programs: this JVM's own user, or {@code postgres} when the JVM is
 * root, because initdb and the server refuse to run as root.
 */
final class ServerUser {

    static final String SERVICE_USER = "postgres";

    /** Empty when commands run as this JVM's user; otherwise the prefix that switches to {@link #SERVICE_USER}. */
    private final List<String> switchPrefix;

    private ServerUser(List<String> switchPrefix) {
        this.switchPrefix = switchPrefix;
    }

    static ServerUser forPostgres() {
        if (!isRoot()) {
            return new ServerUser(List.of());
        }
        lookUp(SERVICE_USER);
        return new ServerUser(switchCommand());
    }

    boolean switchesUser() {
        return !switchPrefix.isEmpty();
    }

    String describe() {
        return "run as OS user " + (switchesUser() ? SERVICE_USER : System.getProperty("user.name"));
    }

    /** Gives the service user a directory this JVM created, so the server may write into it. */
    void handOver(Path directory) {
        if (!switchesUser()) {
            return;
        }
        try {
            Files.setOwner(directory, lookUp(SERVICE_USER));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot give " + directory + " to OS user " + SERVICE_USER, e);
        }
    }

    /** Runs a command as this user from {@code workingDirectory}; returns its output, fails on a non-zero exit. */
    String run(Path workingDirectory, Duration timeout, String... command) {
        List<String> full = commandLine(command);
        Path output = null;
        try {
            output = Files.createTempFile("deskpost-pg-command", ".out");
            // A file rather than a pipe: pg_ctl leaves a server running that must not hold our stream open.
            Process process = new ProcessBuilder(full).directory(workingDirectory.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " exited with " + process.exitValue()
                        + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", command), e);
        } finally {
            deleteQuietly(output);
        }
    }

    private List<String> commandLine(String... command) {
        if (!switchesUser()) {
            return List.of(command);
        }
        boolean viaShell = switchPrefix.get(switchPrefix.size() - 1).equals("-c");
        return concat(switchPrefix, viaShell ? List.of(shellQuoted(command)) : List.of(command));
    }

    private static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return id.waitFor() == 0 && uid.equals("0");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static UserPrincipal lookUp(String name) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            throw new IllegalStateException("This JVM runs as root and PostgreSQL refuses to run as root, but there "
                    + "is no OS user '" + name + "' to run it as: create one (useradd --system " + name
                    + "), run the build as a non-root user, or set " + EnvironmentPostgres.URL_VARIABLE + ".", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot look up OS user " + name, e);
        }
    }

    /** runuser where present (util-linux), else su; root's usual sbin directories may be missing from PATH. */
    private static List<String> switchCommand() {
        Optional<Path> runuser = executable("runuser");
        if (runuser.isPresent()) {
            return List.of(runuser.get().toString(), "-u", SERVICE_USER, "--");
        }
        Optional<Path> su = executable("su");
        if (su.isPresent()) {
            return List.of(su.get().toString(), "-s", "/bin/sh", SERVICE_USER, "-c");
        }
        throw new IllegalStateException("This JVM runs as root and PostgreSQL refuses to run as root; neither "
                + "runuser nor su is installed to run it as OS user " + SERVICE_USER
                + ": install util-linux, run the build as a non-root user, or set "
                + EnvironmentPostgres.URL_VARIABLE + ".");
    }

    private static Optional<Path> executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isBlank()),
                        Stream.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static String shellQuoted(String... command) {
        return Stream.of(command).map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover command log in the temp directory harms nothing.
        }
    }
}

