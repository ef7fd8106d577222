package com.deskpost.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class PostgresIT {

    @Test
    void twoDatabasesFromTheSharedServerAreIsolated() throws SQLException {
        // Given
        Postgres postgres = Postgres.shared();
        Postgres.Database first = postgres.createDatabase("booking");
        Postgres.Database second = postgres.createDatabase("booking");

        // When
        execute(first, "CREATE TABLE desk (id int primary key, name text)");
        execute(first, "INSERT INTO desk VALUES (1, 'window seat')");

        // Then
        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        assertThat(queryString(first, "SELECT name FROM desk WHERE id = 1")).isEqualTo("window seat");
        assertThat(queryString(second, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'desk'"))
                .isEqualTo("0");
        assertThatThrownBy(() -> execute(second, "SELECT * FROM desk")).isInstanceOf(SQLException.class);
    }

    @Test
    void sharedIsOneServerPerJvm() {
        assertThat(Postgres.shared()).isSameAs(Postgres.shared());
    }

    @Test
    void withoutEnvironmentOrDockerARootJvmRunsALocalServerAsThePostgresUser() {
        // Given: this build machine has no Docker engine and no DESKPOST_TEST_JDBC_URL; when a machine
        // has either, it takes precedence and this test has nothing to say.
        assumeTrue(System.getenv("DESKPOST_TEST_JDBC_URL") == null
                && !Files.exists(Path.of("/var/run/docker.sock")) && System.getenv("DOCKER_HOST") == null);

        // When
        Postgres postgres = Postgres.shared();

        // Then
        assertThat(postgres.mode()).isEqualTo(Postgres.Mode.LOCAL_SERVER);
        assertThat(postgres.describe()).startsWith("local PostgreSQL").contains("127.0.0.1:");
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(postgres.describe()).contains("run as OS user postgres");
        }
    }

    @Test
    void aLocalServerOnAGivenPortIsStoppedAndRemovedOnClose() throws Exception {
        // Given
        int port = FreePorts.find();
        Set<Path> before = serverDirectories();
        Postgres local = Postgres.startLocal(port);
        Postgres.Database database = local.createDatabase("fixed-port");
        assertThat(serverDirectories()).hasSize(before.size() + 1);

        // When
        local.close();

        // Then
        assertThat(database.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:" + port + "/fixed_port_");
        assertThatThrownBy(() -> execute(database, "SELECT 1")).isInstanceOf(SQLException.class);
        assertThat(serverDirectories()).isEqualTo(before);
    }

    /** This JVM's server directories, wherever the local server puts them (root uses /tmp). */
    private static Set<Path> serverDirectories() throws IOException {
        String prefix = "deskpost-pg-" + ProcessHandle.current().pid() + "-";
        Set<Path> directories = new HashSet<>();
        for (Path root : new HashSet<>(List.of(Path.of("/tmp"), Path.of(System.getProperty("java.io.tmpdir"))))) {
            try (Stream<Path> entries = Files.list(root)) {
                entries.filter(entry -> entry.getFileName().toString().startsWith(prefix)).forEach(directories::add);
            }
        }
        return directories;
    }

    private static void execute(Postgres.Database database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String queryString(Postgres.Database database, String sql) throws SQLException {
        try (Connection connection = connect(database);
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static Connection connect(Postgres.Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
