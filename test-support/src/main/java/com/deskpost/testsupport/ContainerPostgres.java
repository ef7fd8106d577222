package com.deskpost.testsupport;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in a throw-away container, for machines with a Docker engine. */
final class ContainerPostgres implements PostgresServer {

    static final String IMAGE = "postgres:15-alpine";

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerPostgres start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE)
                // Every service's pool plus the tests' own connections share this one server.
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=" + LocalPostgres.MAX_CONNECTIONS);
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public Postgres.Mode mode() {
        return Postgres.Mode.TESTCONTAINERS;
    }

    @Override
    public String describe() {
        return "PostgreSQL in Testcontainers " + IMAGE + " at " + container.getJdbcUrl();
    }

    @Override
    public String adminJdbcUrl() {
        return container.getJdbcUrl();
    }

    @Override
    public String jdbcUrl(String database) {
        return PostgresServer.withDatabase(container.getJdbcUrl(), database);
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
