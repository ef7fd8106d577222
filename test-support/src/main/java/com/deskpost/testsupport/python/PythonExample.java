package com.deskpost.testsupport.python;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Python examples under {@code examples/python} ({@code seal_and_publish.py}, {@code publish_events.py}),
 * the facility systems outside the JVM, as a person would: a separate {@code python3} process. Their packages
 * come from Debian, which installs them for the system interpreter, so {@code /usr/bin/python3} is preferred
 * over whatever {@code python3} a version manager put first on the PATH ({@code DESKPOST_PYTHON} overrides
 * both). A machine without them fails the test with the install command: the interoperability it proves is
 * not optional.
 */
public final class PythonExample {

    public static final String INSTALL = "apt-get install python3-confluent-kafka python3-avro python3-cryptography";
    private static final long TIMEOUT_SECONDS = 120;

    /** The example scripts. */
    public enum Script {
        /** Seals a door code and publishes a DoorCodeChanged. */
        SEAL_AND_PUBLISH("seal_and_publish.py"),
        /** Publishes a booking, a keycard and a payment, each naming its event type. */
        PUBLISH_EVENTS("publish_events.py");

        private final Path relative;

        Script(String file) {
            this.relative = Path.of("examples", "python", file);
        }

        /** The script, under the repository root found from the working directory (a module's, under Maven). */
        public Path path() {
            return repositoryRoot().resolve(relative);
        }
    }

    /** The finished run: exit code, standard output and standard error. */
    public record Run(int exitCode, String out, String err) {
    }

    private PythonExample() {
    }

    /** Runs seal_and_publish.py with the arguments (see {@link #run(Script, String...)}). */
    public static Run run(String... args) {
        return run(Script.SEAL_AND_PUBLISH, args);
    }

    /** Runs a script with the arguments, after checking python3 has the modules it needs (fails if not). */
    public static Run run(Script script, String... args) {
        String python = python();
        requireModules(python);
        List<String> command = new ArrayList<>(List.of(python, script.path().toString()));
        command.addAll(List.of(args));
        return exec(command);
    }

    /** seal_and_publish.py (see {@link Script#path()}). */
    public static Path script() {
        return Script.SEAL_AND_PUBLISH.path();
    }

    /** The repository root: the first directory from the working directory up that holds the examples. */
    public static Path repositoryRoot() {
        Path marker = Path.of("examples", "python", "deskpost_wire.py");
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(marker))) {
                return dir;
            }
        }
        throw failed("No " + marker + " above " + Path.of("").toAbsolutePath()
                + ": run the tests inside the repository");
    }

    private static String python() {
        String configured = System.getenv("DESKPOST_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static void requireModules(String python) {
        Run probe;
        try {
            probe = exec(List.of(python, "-c",
                    "import confluent_kafka.schema_registry, avro.io, cryptography.hazmat.primitives.ciphers.aead"));
        } catch (UncheckedIOException noPython) {
            throw failed("No " + python + " to run the Python example (" + noPython.getCause().getMessage() + "): "
                    + INSTALL);
        }
        if (probe.exitCode() != 0) {
            throw failed(python + " lacks the Python example's packages (" + probe.err().strip() + "): " + INSTALL);
        }
    }

    private static Run exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw failed(command.get(1) + " did not finish within " + TIMEOUT_SECONDS + " s: " + err.getNow(""));
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted running " + command.get(0), e);
        }
    }

    /** An AssertionError: JUnit reports the test as failed, not skipped or errored by the harness. */
    private static AssertionError failed(String message) {
        return new AssertionError(message);
    }

    private static String read(java.io.InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
