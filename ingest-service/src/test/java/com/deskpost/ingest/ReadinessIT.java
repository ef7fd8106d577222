package com.deskpost.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With no broker to write to, the ingest service is alive but not ready: a load balancer stops
 * sending it events instead of having callers told to retry one by one.
 */
class ReadinessIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void notReadyButAliveWhenTheBrokerCannotBeReached() throws Exception {
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
                        "--deskpost.kafka.health-timeout=1s",
                        "--server.port=0", "--spring.main.banner-mode=off")) {
            String port = ingest.getEnvironment().getRequiredProperty("local.server.port");

            assertThat(get(port, "/actuator/health/readiness").statusCode()).isEqualTo(503);
            var readiness = (CompositeHealthDescriptor) ingest.getBean(HealthEndpoint.class).healthForPath("readiness");
            assertThat(readiness.getComponents().get("kafka").getStatus().getCode()).isEqualTo("DOWN");
            assertThat(readiness.getComponents().get("readinessState").getStatus().getCode()).isEqualTo("UP");
            assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
            assertThat(get(port, "/actuator/prometheus").statusCode()).isEqualTo(401);
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                            .header("Authorization", "Bearer dev-only-actuator-key").build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("application=\"ingest-service\"");
        }
    }

    private HttpResponse<String> get(String port, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
