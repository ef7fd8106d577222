package com.deskpost.testsupport;

import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Picks the first PostgreSQL that can be had, in the order {@link Postgres} documents. */
final class PostgresResolver {

    private static final Logger log = LoggerFactory.getLogger(PostgresResolver.class);

    static final String INSTALL_BINARIES = "install the PostgreSQL server binaries so that initdb and pg_ctl "
            + "are on PATH or in /usr/lib/postgresql/<version>/bin (Debian/Ubuntu: apt-get install postgresql; "
            + "Fedora/RHEL: dnf install postgresql-server; macOS: brew install postgresql@15)";

    static final String NOTHING_AVAILABLE = "No PostgreSQL for tests. Do one of: "
            + "(1) set " + EnvironmentPostgres.URL_VARIABLE + "=jdbc:postgresql://host:5432/postgres (plus "
            + EnvironmentPostgres.USER_VARIABLE + " and " + EnvironmentPostgres.PASSWORD_VARIABLE
            + ") for a user allowed to CREATE DATABASE; "
            + "(2) start a Docker engine so Testcontainers can run " + ContainerPostgres.IMAGE + "; "
            + "(3) " + INSTALL_BINARIES + ".";

    private PostgresResolver() {
    }

    static PostgresServer resolve() {
        return timed(() -> {
            Optional<PostgresServer> fromEnvironment = EnvironmentPostgres.fromEnvironment();
            if (fromEnvironment.isPresent()) {
                return fromEnvironment.get();
            }
            if (DockerProbe.dockerAnswers()) {
                try {
                    return ContainerPostgres.start();
                } catch (RuntimeException e) {
                    log.warn("A Docker engine answered but {} did not start; trying a local server",
                            ContainerPostgres.IMAGE, e);
                }
            }
            return startLocal(0, NOTHING_AVAILABLE);
        });
    }

    static PostgresServer local(int port) {
        return timed(() -> startLocal(port, "Cannot start a local PostgreSQL: " + INSTALL_BINARIES + "."));
    }

    private static PostgresServer startLocal(int port, String whenMissing) {
        PgBinaries binaries = PgBinaries.find().orElseThrow(() -> new IllegalStateException(whenMissing));
        return LocalPostgres.start(binaries, port);
    }

    private static PostgresServer timed(Supplier<PostgresServer> start) {
        long started = System.nanoTime();
        PostgresServer server = start.get();
        log.info("PostgreSQL mode {}: {} (ready in {} ms)", server.mode(), server.describe(),
                (System.nanoTime() - started) / 1_000_000);
        return server;
    }
}
