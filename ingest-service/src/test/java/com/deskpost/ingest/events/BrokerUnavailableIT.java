package com.deskpost.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.ingest.IngestApplication;
import com.deskpost.ingest.testdata.Bookings;
import com.deskpost.ingest.testdata.IngestCalls;
import com.deskpost.schemas.json.AvroJson;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** With no broker to take the event, the caller is told to retry instead of being told it was accepted. */
class BrokerUnavailableIT {

    private static final String KEY = "test-ingest-key-0123";

    @Test
    void eventIsAnswered503WithRetryAfterWhenNoBrokerAcknowledges() throws IOException {
        // Given an ingest service whose broker is down
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SchemaRegistryServer registry = SchemaRegistryServer.start();
                ConfigurableApplicationContext ingest = IngestApplication.builder().run(
                        "--spring.kafka.bootstrap-servers=localhost:" + closedPort,
                        "--spring.kafka.admin.auto-create=false",
                        // No broker: start-up topic creation would wait out KafkaAdmin's 30 s operation and 10 s close
                        // timeouts before the service listens; nothing here is about topics, so they are short.
                        "--spring.kafka.admin.operation-timeout=1s", "--spring.kafka.admin.close-timeout=1s",
                        "--deskpost.kafka.schema-registry-url=" + registry.url(),
                        "--server.port=0", "--spring.main.banner-mode=off",
                        "--deskpost.ingest.clients[0].id=crm", "--deskpost.ingest.clients[0].key=" + KEY,
                        "--deskpost.ingest.clients[0].topics[0]=facility.bookings")) {
            IngestCalls calls = new IngestCalls(ingest.getEnvironment().getRequiredProperty("local.server.port",
                    Integer.class));

            // When a valid booking is posted
            HttpResponse<String> response = calls.withKey("/api/v1/events/facility.bookings", KEY,
                    AvroJson.encode(Bookings.created("B-300", "M-ADA", "LDN")));

            // Then it is refused as unavailable, with a hint to retry
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(response.body()).contains("\"error\":\"unavailable\"", "retry");
        }
    }
}
