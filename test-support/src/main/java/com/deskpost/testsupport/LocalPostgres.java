package com.deskpost.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throw-away PostgreSQL cluster in a temporary directory: initdb with trust authentication, listening
 * on 127.0.0.1 only, its socket inside that directory, and durability switched off because the data
 * dies with it.
 */
final class LocalPostgres implements PostgresServer {

    static final int MAX_CONNECTIONS = 200;
    static final String DIRECTORY_PREFIX = "deskpost-pg-";

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String HOST = "127.0.0.1";
    private static final String SUPERUSER = "postgres";
    private static final int RANDOM_PORT_ATTEMPTS = 3;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final PgBinaries binaries;
    private final ServerUser user;
    private final Path directory;
    private final int port;

    private LocalPostgres(PgBinaries binaries, ServerUser user, Path directory, int port) {
        this.binaries = binaries;
        this.user = user;
        this.directory = directory;
        this.port = port;
    }

    static LocalPostgres start(PgBinaries binaries, int port) {
        ServerUser user = ServerUser.forPostgres();
        // The server runs as another user when we are root; it must reach its socket directory.
        Path root = Path.of(user.switchesUser() ? "/tmp" : System.getProperty("java.io.tmpdir"));
        StaleServers.stop(root, binaries, user);
        Path directory = createDirectory(root, user);
        LocalPostgres unstarted = new LocalPostgres(binaries, user, directory, port);
        try {
            unstarted.initialize();
            // With port 0 the real port is known only once a start has succeeded.
            return new LocalPostgres(binaries, user, directory, unstarted.startServer(port));
        } catch (RuntimeException e) {
            unstarted.close();
            throw e;
        }
    }

    @Override
    public Postgres.Mode mode() {
        return Postgres.Mode.LOCAL_SERVER;
    }

    @Override
    public String describe() {
        return "local PostgreSQL " + version() + " at " + HOST + ":" + port + " (" + binaries.directory() + ", "
                + user.describe() + ", data in " + directory + ")";
    }

    @Override
    public String adminJdbcUrl() {
        return jdbcUrl("postgres");
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    @Override
    public String username() {
        return SUPERUSER;
    }

    /** Trust authentication ignores it; a non-empty value suits tools that insist on one. */
    @Override
    public String password() {
        return SUPERUSER;
    }

    @Override
    public void close() {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            try {
                user.run(directory, COMMAND_TIMEOUT, binaries.pgCtl().toString(), "-D", data().toString(),
                        "stop", "-m", "immediate", "-w");
            } catch (RuntimeException e) {
                log.warn("Could not stop the PostgreSQL server in {}", directory, e);
            }
        }
        deleteRecursively(directory);
    }

    @Override
    public void restart() {
        user.run(directory, COMMAND_TIMEOUT, binaries.pgCtl().toString(), "-D", data().toString(),
                "-l", serverLog().toString(), "-w", "-t", "60", "-m", "fast", "-o", "-p " + port, "restart");
    }

    @Override
    public void stopServer() {
        user.run(directory, COMMAND_TIMEOUT, binaries.pgCtl().toString(), "-D", data().toString(),
                "-w", "-t", "60", "-m", "fast", "stop");
    }

    @Override
    public void startServer() {
        startServer(port);
    }

    private void initialize() {
        user.run(directory, COMMAND_TIMEOUT, binaries.initdb().toString(), "-D", data().toString(),
                "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync");
        String settings = String.join("\n", "",
                "listen_addresses = '" + HOST + "'",
                "unix_socket_directories = '" + directory + "'",
                "max_connections = " + MAX_CONNECTIONS,
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                "");
        try {
            Files.writeString(data().resolve("postgresql.conf"), settings, StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot configure PostgreSQL in " + directory, e);
        }
    }

    /** A free port can be taken between finding and binding it, so a random port gets a few tries. */
    private int startServer(int requestedPort) {
        int attempts = requestedPort == 0 ? RANDOM_PORT_ATTEMPTS : 1;
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            int candidate = requestedPort == 0 ? freePort() : requestedPort;
            try {
                user.run(directory, COMMAND_TIMEOUT, binaries.pgCtl().toString(), "-D", data().toString(),
                        "-l", serverLog().toString(), "-w", "-t", "60", "-o", "-p " + candidate, "start");
                return candidate;
            } catch (IllegalStateException e) {
                failure = new IllegalStateException("PostgreSQL did not start on port " + candidate + ": "
                        + e.getMessage() + "\nServer log " + serverLog() + ":\n" + serverLogText(), e);
            }
        }
        throw failure;
    }

    private Path data() {
        return directory.resolve("data");
    }

    private Path serverLog() {
        return directory.resolve("postgres.log");
    }

    private String serverLogText() {
        try {
            return Files.exists(serverLog()) ? Files.readString(serverLog(), StandardCharsets.UTF_8) : "(none)";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private String version() {
        try {
            return Files.readString(data().resolve("PG_VERSION"), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "(unknown version)";
        }
    }

    private static Path createDirectory(Path root, ServerUser user) {
        try {
            Path directory = Files.createTempDirectory(root, DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-");
            user.handOver(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for PostgreSQL in " + root, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on " + HOST, e);
        }
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}", directory, e);
        }
    }
}
