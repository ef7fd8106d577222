package com.deskpost.platform.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.deskpost.events.Member;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.schemas.serde.ConfluentAvroDeserializer;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.sql.DriverManager;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/** Failures as our components really throw them, classified: the record's fault, our infrastructure's, or neither. */
class FailuresTest {

    @Test
    void aDatabaseThatRefusesConnectionsIsPostgresql() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/deskpost?connectTimeout=2";
        var dataSource = new DriverManagerDataSource(url, "deskpost", "secret");

        Throwable viaJdbcTemplate = catchThrowable(() -> new JdbcTemplate(dataSource).queryForObject("select 1", Integer.class));
        Throwable viaTransaction = catchThrowable(() -> new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                .executeWithoutResult(status -> { }));
        Throwable viaDriver = catchThrowable(() -> DriverManager.getConnection(url, "deskpost", "secret"));

        assertThat(viaJdbcTemplate).hasMessageContaining("JDBC Connection");
        assertThat(Failures.classify(viaJdbcTemplate)).isEqualTo(Failure.POSTGRESQL);
        assertThat(Failures.classify(viaTransaction)).isEqualTo(Failure.POSTGRESQL);
        assertThat(Failures.classify(viaDriver)).isEqualTo(Failure.POSTGRESQL);
        assertThat(Failures.classify(new ListenerExecutionFailedException("listener failed", viaJdbcTemplate)))
                .isEqualTo(Failure.POSTGRESQL);
    }

    @Test
    void aServerShuttingDownIsPostgresql() {
        assertThat(Failures.classify(new java.sql.SQLException("terminating connection due to administrator command",
                "57P01"))).isEqualTo(Failure.POSTGRESQL);
        assertThat(Failures.classify(new java.sql.SQLException("duplicate key", "23505"))).isEqualTo(Failure.OTHER);
    }

    @Test
    void anUnreachableRegistryIsTheRegistryNotTheRecord() throws IOException {
        var deserializer = new ConfluentAvroDeserializer<>(
                new SchemaRegistryClient("http://127.0.0.1:" + closedPort()), Member.class);

        Throwable failure = catchThrowable(() -> deserializer.deserialize("facility.members", framed(7)));

        assertThat(failure).isInstanceOf(SerializationException.class);
        assertThat(Failures.classify(failure)).isEqualTo(Failure.REGISTRY);
    }

    @Test
    void aRegistryAnswering503IsTheRegistry() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"error_code\":50302,\"message\":\"backend unavailable\"}".getBytes();
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            var deserializer = new ConfluentAvroDeserializer<>(
                    new SchemaRegistryClient("http://127.0.0.1:" + server.getAddress().getPort()), Member.class);

            Throwable failure = catchThrowable(() -> deserializer.deserialize("facility.members", framed(7)));

            assertThat(failure).hasMessageContaining("503");
            assertThat(Failures.classify(failure)).isEqualTo(Failure.REGISTRY);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aSchemaIdTheRegistryDoesNotKnowIsBadInput() {
        try (SchemaRegistryServer registry = SchemaRegistryServer.start()) {
            var deserializer = new ConfluentAvroDeserializer<>(new SchemaRegistryClient(registry.url()), Member.class);

            Throwable failure = catchThrowable(() -> deserializer.deserialize("facility.members", framed(4242)));

            assertThat(failure).hasMessageContaining("not registered");
            assertThat(Failures.classify(failure)).isEqualTo(Failure.BAD_INPUT);
        }
    }

    @Test
    void bytesThatAreNotAvroAreBadInput() {
        var deserializer = new ConfluentAvroDeserializer<>(new SchemaRegistryClient("http://127.0.0.1:1"), Member.class);

        Throwable failure = catchThrowable(() -> deserializer.deserialize("facility.members", "{\"json\":1}".getBytes()));

        assertThat(Failures.classify(failure)).isEqualTo(Failure.BAD_INPUT);
    }

    @Test
    void aRejectedEventIsBadInputEvenWrappedByTheContainer() {
        assertThat(Failures.classify(new ListenerExecutionFailedException("failed",
                new RejectedEvent("Unknown location loc-x")))).isEqualTo(Failure.BAD_INPUT);
    }

    @Test
    void retriableBrokerErrorsAreTheBroker() {
        assertThat(Failures.classify(new org.springframework.kafka.KafkaException("Send failed",
                new TimeoutException("Expiring 1 record(s) for mail.audit-0")))).isEqualTo(Failure.BROKER);
        assertThat(Failures.classify(new NotEnoughReplicasException("not enough replicas"))).isEqualTo(Failure.BROKER);
    }

    @Test
    void anyOtherFailureIsOrdinary() {
        assertThat(Failures.classify(new IllegalStateException("a bug"))).isEqualTo(Failure.OTHER);
        assertThat(Failure.POSTGRESQL.isInfrastructure()).isTrue();
        assertThat(Failure.BAD_INPUT.isInfrastructure()).isFalse();
    }

    private static byte[] framed(int schemaId) {
        return ByteBuffer.allocate(7).put((byte) 0).putInt(schemaId).put((byte) 2).put((byte) 0).array();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
