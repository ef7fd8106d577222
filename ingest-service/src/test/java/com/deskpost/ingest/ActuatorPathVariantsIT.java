package com.deskpost.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The actuator guard on a running service that has no other security (ingest): every spelling of
 * the metrics path the container might route to the scrape is answered 401 or 400, never with the
 * metrics, while the plain health probes stay open. Requests are written on a socket exactly as
 * listed, so no HTTP client tidies a path before the server sees it.
 */
class ActuatorPathVariantsIT {

    private static final String KEY = "it-actuator-key-0123456789";
    private static final String METRICS_LINE = "application=\"ingest-service\"";
    private static SchemaRegistryServer registry;
    private static ConfigurableApplicationContext ingest;
    private static int port;

    @BeforeAll
    static void start() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        registry = SchemaRegistryServer.start();
        ingest = IngestApplication.builder().run(
                "--spring.kafka.bootstrap-servers=localhost:" + closedPort,
                "--spring.kafka.admin.auto-create=false",
                // No broker: the start-up topic creation would wait out KafkaAdmin's 30 s operation and 10 s close
                // timeouts before the service listens; nothing here is about topics, so they are short.
                "--spring.kafka.admin.operation-timeout=1s", "--spring.kafka.admin.close-timeout=1s",
                "--deskpost.kafka.schema-registry-url=" + registry.url(),
                "--deskpost.kafka.health-timeout=1s",
                "--deskpost.actuator.key=" + KEY,
                "--server.port=0", "--spring.main.banner-mode=off");
        port = ingest.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        if (ingest != null) {
            ingest.close();
        }
        registry.close();
    }

    @Test
    void everySpellingOfTheScrapeWantsTheKeyAndNeverAnswersWithMetrics() throws IOException {
        // Given the plain scrape answers with the key, so a variant that slipped through would show the metrics
        assertThat(get("/actuator/prometheus", KEY)).startsWith("HTTP/1.1 200").contains(METRICS_LINE);

        for (String variant : List.of("/actuator/prometheus", "/actuator;x/prometheus", "/actuator/prometheus;x",
                "/actuator/health/../prometheus", "/actuator/health/..;/prometheus",
                "/actuator/health;foo/../../prometheus", "/actuator/health/%2e%2e/prometheus",
                "/actuator/%70rometheus", "/%61ctuator/prometheus", "//actuator/prometheus", "/actuator//prometheus",
                "/./actuator/prometheus", "/api/../actuator/prometheus", "/api/v1/..;/..;/actuator/prometheus",
                "/Actuator/prometheus", "/ACTUATOR/PROMETHEUS", "/actuator/%2570rometheus", "/actuator%2Fprometheus",
                "/actuator/%3Bx/prometheus", "/actuator%5Cprometheus", "/../actuator/prometheus", "/actuator",
                "/actuator/health/liveness/../../prometheus")) {
            // When it is asked for without the key
            String answer = get(variant, null);

            // Then it is refused (401, or 400 where the container or the guard cannot normalise it), never served
            assertThat(answer).as(variant).matches("(?s)HTTP/1\\.1 40[01] .*").doesNotContain(METRICS_LINE);
        }
    }

    @Test
    void thePlainHealthProbesStayOpen() throws IOException {
        assertThat(get("/actuator/health/liveness", null)).startsWith("HTTP/1.1 200");
        assertThat(get("/actuator/health", null)).matches("(?s)HTTP/1\\.1 (200|503) .*").contains("\"status\"");
        assertThat(get("/actuator/health/readiness", null)).matches("(?s)HTTP/1\\.1 (200|503) .*")
                .contains("\"status\"");
    }

    /** The whole response, status line first, of a GET written byte for byte as given. */
    private static String get(String path, String key) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
