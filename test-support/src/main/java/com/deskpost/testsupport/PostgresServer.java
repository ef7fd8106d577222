package com.deskpost.testsupport;

/** One PostgreSQL server, whichever way it was obtained; {@link Postgres} hands out its databases. */
interface PostgresServer extends AutoCloseable {

    Postgres.Mode mode();

    String describe();

    /** A database the {@link #username()} may connect to and run {@code CREATE DATABASE} from. */
    String adminJdbcUrl();

    String jdbcUrl(String database);

    String username();

    String password();

    @Override
    void close();

    /**
     * Stops the server ({@code pg_ctl restart -m fast}: open connections are cut, committed data kept) and
     * starts it again on the same port with the same data; only servers started here can do it.
     */
    default void restart() {
        throw new UnsupportedOperationException("Only a PostgreSQL server started here can be restarted, not "
                + describe());
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}: open connections are cut, committed data kept) until
     * {@link #startServer()}; only servers started here can do it (outage tests).
     */
    default void stopServer() {
        throw new UnsupportedOperationException("Only a PostgreSQL server started here can be stopped, not "
                + describe());
    }

    /** Starts a server stopped by {@link #stopServer()} again, on the same port with the same data. */
    default void startServer() {
        throw new UnsupportedOperationException("Only a PostgreSQL server started here can be started, not "
                + describe());
    }

    /**
     * Replaces the database part of a {@code jdbc:postgresql://hosts[/database][?params]} URL,
     * keeping hosts and parameters.
     */
    static String withDatabase(String jdbcUrl, String database) {
        String scheme = "jdbc:postgresql://";
        if (!jdbcUrl.startsWith(scheme)) {
            throw new IllegalArgumentException(
                    "Expected a URL like jdbc:postgresql://host:port/database, got " + jdbcUrl);
        }
        int queryStart = jdbcUrl.indexOf('?');
        String parameters = queryStart < 0 ? "" : jdbcUrl.substring(queryStart);
        String withoutParameters = queryStart < 0 ? jdbcUrl : jdbcUrl.substring(0, queryStart);
        int pathStart = withoutParameters.indexOf('/', scheme.length());
        String hosts = pathStart < 0 ? withoutParameters : withoutParameters.substring(0, pathStart);
        return hosts + "/" + database + parameters;
    }
}
