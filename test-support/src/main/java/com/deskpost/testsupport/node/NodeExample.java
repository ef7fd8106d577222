package com.deskpost.testsupport.node;

import com.deskpost.testsupport.process.ExternalProcess;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code examples/node/publish-events.js}, the Node facility system, as a person would: a separate
 * {@code node} process (Node 18 or later; {@code DESKPOST_NODE} names another binary) with the packages
 * {@code npm ci} installed from the committed lock file. A machine without them fails the test with the install
 * command: the interoperability it proves is not optional.
 */
public final class NodeExample {

    public static final String INSTALL = "apt-get install nodejs npm && (cd examples/node && npm ci --no-audit --no-fund)";
    private static final Path DIRECTORY = Path.of("examples", "node");
    private static final Path SCRIPT = DIRECTORY.resolve("publish-events.js");
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** What the script needs: parseArgs (Node 18.3) and the two packages, resolved as the script resolves them. */
    private static final String PROBE = "const major = +process.versions.node.split('.')[0];"
            + "if (major < 18) { console.error('node ' + process.version + ' is older than 18'); process.exit(2); }"
            + "require.resolve('kafkajs'); require.resolve('@kafkajs/confluent-schema-registry');";

    private NodeExample() {
    }

    /** Runs the script with the arguments, after checking node and the installed packages (fails if not). */
    public static ExternalProcess.Result run(String... args) {
        String node = node();
        Path script = script();
        requireInstalled(node, script.getParent());
        List<String> command = new ArrayList<>(List.of(node, script.toString()));
        command.addAll(List.of(args));
        return ExternalProcess.run(command, null, TIMEOUT);
    }

    /** The script, found from the working directory (a module's directory under Maven) up to the repository root. */
    public static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir.resolve(SCRIPT);
            }
        }
        throw new AssertionError("No " + SCRIPT + " above " + Path.of("").toAbsolutePath()
                + ": run the tests inside the repository");
    }

    /** The repository the script belongs to (for the released schemas beside it). */
    public static Path repositoryRoot() {
        return script().getParent().getParent().getParent();
    }

    private static String node() {
        String configured = System.getenv("DESKPOST_NODE");
        return configured != null && !configured.isBlank() ? configured : "node";
    }

    private static void requireInstalled(String node, Path directory) {
        ExternalProcess.Result probe;
        try {
            probe = ExternalProcess.run(List.of(node, "-e", PROBE), directory, TIMEOUT);
        } catch (UncheckedIOException noNode) {
            throw new AssertionError("No " + node + " to run the Node example (" + noNode.getCause().getMessage()
                    + "): " + INSTALL);
        }
        if (probe.exitCode() != 0) {
            String why = probe.err().lines().filter(line -> line.contains("Error") || line.contains("older"))
                    .findFirst().orElse(probe.err().strip());
            throw new AssertionError("The Node example cannot run (" + why + "): " + INSTALL);
        }
    }
}
