package com.deskpost.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/** A server someone else runs, named by environment variables: CI services, a developer's own install. */
final class EnvironmentPostgres implements PostgresServer {

    static final String URL_VARIABLE = "DESKPOST_TEST_JDBC_URL";
    static final String USER_VARIABLE = "DESKPOST_TEST_JDBC_USER";
    static final String PASSWORD_VARIABLE = "DESKPOST_TEST_JDBC_PASSWORD";

    private final String url;
    private final String username;
    private final String password;

    private EnvironmentPostgres(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    static Optional<PostgresServer> fromEnvironment() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        EnvironmentPostgres server = new EnvironmentPostgres(url.trim(),
                System.getenv().getOrDefault(USER_VARIABLE, "postgres"),
                System.getenv().getOrDefault(PASSWORD_VARIABLE, ""));
        server.checkReachable();
        return Optional.of(server);
    }

    /** Fails at start with the variable's name rather than later inside some test's context. */
    private void checkReachable() {
        try (Connection ignored = DriverManager.getConnection(url, username, password)) {
            // Connecting is the whole check.
        } catch (SQLException e) {
            throw new IllegalStateException(URL_VARIABLE + "=" + url + " is set, but connecting as "
                    + username + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Postgres.Mode mode() {
        return Postgres.Mode.ENVIRONMENT;
    }

    @Override
    public String describe() {
        return "PostgreSQL from " + URL_VARIABLE + " at " + url + " as " + username;
    }

    @Override
    public String adminJdbcUrl() {
        return url;
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresServer.withDatabase(url, database);
    }

    @Override
    public String username() {
        return username;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public void close() {
        // Not ours to stop; the databases created on it stay for whoever owns the server.
    }
}
