package com.deskpost.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops servers left behind by JVMs that were killed before their shutdown hook ran (kill -9, a build
 * timeout): otherwise each keeps its memory and, on the local stack's fixed port, blocks the next start.
 */
final class StaleServers {

    private static final Logger log = LoggerFactory.getLogger(StaleServers.class);
    private static final Pattern OWNED_BY_PID = Pattern.compile(Pattern.quote(LocalPostgres.DIRECTORY_PREFIX) + "(\\d+)-.*");

    private StaleServers() {
    }

    static void stop(Path root, PgBinaries binaries, ServerUser user) {
        for (Path directory : leftovers(root)) {
            log.info("Removing PostgreSQL left behind by a JVM that no longer runs: {}", directory);
            Path data = directory.resolve("data");
            if (Files.exists(data.resolve("postmaster.pid"))) {
                try {
                    user.run(directory, Duration.ofSeconds(60), binaries.pgCtl().toString(), "-D", data.toString(),
                            "stop", "-m", "immediate", "-w");
                } catch (RuntimeException e) {
                    log.warn("Could not stop the server in {}", directory, e);
                }
            }
            LocalPostgres.deleteRecursively(directory);
        }
    }

    private static List<Path> leftovers(Path root) {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).filter(StaleServers::ownerGone).toList();
        } catch (IOException e) {
            log.debug("Cannot list {}", root, e);
            return List.of();
        }
    }

    private static boolean ownerGone(Path directory) {
        Matcher matcher = OWNED_BY_PID.matcher(directory.getFileName().toString());
        if (!matcher.matches()) {
            return false;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(matcher.group(1)));
        return owner.map(handle -> !handle.isAlive()).orElse(true);
    }
}
