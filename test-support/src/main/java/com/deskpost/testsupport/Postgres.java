package com.deskpost.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for tests and the local stack, chosen in this order (DESIGN §5):
 * <ol>
 *   <li>{@code DESKPOST_TEST_JDBC_URL}, with {@code DESKPOST_TEST_JDBC_USER} (default {@code postgres}) and
 *       {@code DESKPOST_TEST_JDBC_PASSWORD} (default empty), when set; that user must be allowed to
 *       {@code CREATE DATABASE}, and the databases it creates are left behind;</li>
 *   <li>Testcontainers {@code postgres:15-alpine} when a Docker engine answers;</li>
 *   <li>a throw-away server started here with the installed {@code initdb}/{@code pg_ctl}, run as the
 *       {@code postgres} OS user when this JVM is root, because PostgreSQL refuses to run as root.</li>
 * </ol>
 * Each caller gets its own empty database from {@link #createDatabase(String)}, so tests sharing one
 * server never see each other's tables.
 */
public final class Postgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Postgres.class);
    private static final AtomicInteger DATABASE_SEQUENCE = new AtomicInteger();
    private static final int MAX_PREFIX_LENGTH = 40;
    private static Postgres shared;

    private final PostgresServer server;
    private final boolean isShared;
    private final Thread stopAtExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Where the server came from; see the class comment for the order they are tried in. */
    public enum Mode { ENVIRONMENT, TESTCONTAINERS, LOCAL_SERVER }

    /** A fresh, empty database: pass these three into {@code spring.datasource.*}. */
    public record Database(String jdbcUrl, String username, String password) {
    }

    private Postgres(PostgresServer server, boolean isShared) {
        this.server = server;
        this.isShared = isShared;
        this.stopAtExit = new Thread(this::stop, "deskpost-postgres-stop");
        // Only the shared server stops itself at exit; an owned one is closed by its owner, in its
        // own order (dev-stack stops the services first). A killed JVM's server is swept at next start.
        if (isShared) {
            Runtime.getRuntime().addShutdownHook(stopAtExit);
        }
    }

    /**
     * The one server of this JVM, started on first use and stopped when the JVM exits;
     * {@link #close()} on it does nothing, so a test cannot pull it from under the others.
     */
    public static synchronized Postgres shared() {
        if (shared == null) {
            shared = new Postgres(PostgresResolver.resolve(), true);
        }
        return shared;
    }

    /** A server of this caller's own, chosen in the order of the class comment; close it when done. */
    public static Postgres start() {
        return new Postgres(PostgresResolver.resolve(), false);
    }

    /**
     * A server started here from the installed binaries, never the environment or Docker: for the
     * local stack, which wants a known port. Port 0 picks a free one.
     */
    public static Postgres startLocal(int port) {
        return new Postgres(PostgresResolver.local(port), false);
    }

    /** Creates an empty database named after {@code prefix} plus a unique suffix. */
    public Database createDatabase(String prefix) {
        String name = databaseName(prefix);
        try (Connection connection = DriverManager.getConnection(
                server.adminJdbcUrl(), server.username(), server.password());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + " on " + describe(), e);
        }
        return new Database(server.jdbcUrl(name), server.username(), server.password());
    }

    /**
     * Stops the server and starts it again with its data, on the same port: connections open at that moment
     * fail, new ones succeed once it is back (fault tests). A fast shutdown, not a crash: a server started
     * here runs without fsync, so a crash would lose committed transactions no production server would.
     * Only a server started here ({@link Mode#LOCAL_SERVER}) can do it.
     */
    public void restart() {
        server.restart();
    }

    /**
     * Stops the server until {@link #startServer()}: open connections fail and new ones are refused, committed
     * data is kept (outage tests). Only a server started here ({@link Mode#LOCAL_SERVER}) can do it.
     */
    public void stopServer() {
        log.info("Stopping {} (outage)", describe());
        server.stopServer();
    }

    /** Starts a server stopped by {@link #stopServer()} again, on the same port with the same data. */
    public void startServer() {
        server.startServer();
        log.info("Started {} again", describe());
    }

    public Mode mode() {
        return server.mode();
    }

    /** Which server is in use and where, for logs and start-up banners. */
    public String describe() {
        return server.describe();
    }

    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    private void stop() {
        if (closed.compareAndSet(false, true)) {
            log.info("Done with {}", describe());
            server.close();
        }
    }

    /** Lower-case letters, digits and underscores only, so the name never needs quoting. */
    static String databaseName(String prefix) {
        String clean = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.isEmpty() || !Character.isLetter(clean.charAt(0))) {
            clean = "db_" + clean;
        }
        if (clean.length() > MAX_PREFIX_LENGTH) {
            clean = clean.substring(0, MAX_PREFIX_LENGTH);
        }
        // The random part keeps names unique across JVMs sharing one external server.
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return clean + "_" + DATABASE_SEQUENCE.incrementAndGet() + "_" + unique;
    }
}
