package com.deskpost.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.credential.CredentialKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * docker-compose.yml gives every Deskpost service the settings it needs, pointing at the right
 * container; and each check finds the mistake it is there for, shown by breaking the file one way at a time.
 */
class ComposeConformanceTest {

    @Test
    void everyServiceGetsItsSettingsFromTheComposeFile() throws IOException {
        assertThat(ComposeConformance.problems(ComposeFile.ofRepository())).isEmpty();
    }

    @Test
    void theSecretsOfDockerEnvExampleReachTheServicesToo() throws IOException {
        Map<String, String> example = EnvFile.parse(Files.readString(Repository.file("docker/.env.example")));
        ComposeFile compose = ComposeFile.parse(Files.readString(Repository.file("docker-compose.yml")), example);

        assertThat(ComposeConformance.problems(compose)).isEmpty();
        assertThat(compose.service("delivery-service").environment())
                .containsEntry("DESKPOST_UNSUBSCRIBE_SECRET", example.get("DESKPOST_UNSUBSCRIBE_SECRET"));
    }

    @Test
    void onItsDefaultsAndOnDockerEnvExampleEveryServiceRefusesToStart() throws IOException {
        Map<String, String> example = EnvFile.parse(Files.readString(Repository.file("docker/.env.example")));
        String file = Files.readString(Repository.file("docker-compose.yml"));

        for (ComposeFile compose : List.of(ComposeFile.parse(file, Map.of()), ComposeFile.parse(file, example))) {
            for (String name : ComposeConformance.SERVICES) {
                assertThat(ServiceConfig.of(name, compose.service(name).environment()).developmentSettings())
                        .as(name + " starts on development values in docker compose").isNotEmpty();
            }
        }
    }

    @Test
    void withEverySecretReplacedEveryServiceStartsPastTheGuardAndTheContainersStillAgree() throws IOException {
        // Given a random value for every secret variable the compose file reads, and bcrypt hashes for oversight
        String file = Files.readString(Repository.file("docker-compose.yml"));
        SecureRandom random = new SecureRandom();
        Map<String, String> secrets = new HashMap<>();
        for (String variable : EnvFile.variablesReferenced(file)) {
            if (variable.matches(".*(PASSWORD|SECRET|_KEY|_TOKEN)(_[A-Z0-9_]+)?")) {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                secrets.put(variable, Base64.getEncoder().encodeToString(bytes));
            }
        }
        // Delivery's private credential key is a generated X25519 key, not a random secret
        secrets.put("DESKPOST_CREDENTIAL_PRIVATE_KEYS", CredentialKeys.generate("2027-01").text());
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        secrets.put("DESKPOST_OPS_PASSWORD", "{bcrypt}" + bcrypt.encode("an ops password"));
        secrets.put("DESKPOST_MCP_GATEWAY_PASSWORD_HASH", "{bcrypt}" + bcrypt.encode(secrets.get("DESKPOST_MCP_GATEWAY_PASSWORD")));
        secrets.put("DESKPOST_SUBJECT_ACCESS_PASSWORD_HASH",
                "{bcrypt}" + bcrypt.encode(secrets.get("DESKPOST_SUBJECT_ACCESS_PASSWORD")));
        // A credential key is a generated key pair's public half, not a random secret
        secrets.put("DESKPOST_CREDENTIAL_PUBLIC_KEYS", CredentialKeys.generate("2027-01").publicKey().text());

        // When each service's settings are read under its container's environment
        ComposeFile compose = ComposeFile.parse(file, secrets);

        // Then no service holds a development value, and the containers still agree (the gateway's hash included)
        for (String name : ComposeConformance.SERVICES) {
            assertThat(ServiceConfig.of(name, compose.service(name).environment()).developmentSettings())
                    .as(name).isEmpty();
        }
        assertThat(ComposeConformance.problems(compose)).isEmpty();
    }

    @Test
    void everyVariableTheComposeFileReadsIsInDockerEnvExample() throws IOException {
        String example = Files.readString(Repository.file("docker/.env.example"));

        assertThat(EnvFile.variablesReferenced(Files.readString(Repository.file("docker-compose.yml"))))
                .allSatisfy(variable -> assertThat(example).as("docker/.env.example").containsPattern("(?m)^#? ?" + variable + "="));
    }

    @Test
    void aPlaceholderWithoutDefaultThatTheContainerDoesNotSetIsFound() {
        List<PropertySource<?>> file = List.of(new MapPropertySource("needs.yml",
                Map.of("deskpost.ingest.clients[0].key", "${DESKPOST_INGEST_API_KEY}")));

        assertThat(ServiceConfig.of(file, Map.of()).unresolvedPlaceholders())
                .singleElement().asString().contains("DESKPOST_INGEST_API_KEY");
        assertThat(ServiceConfig.of(file, Map.of("DESKPOST_INGEST_API_KEY", "set-in-compose")).unresolvedPlaceholders())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenComposeFiles")
    void aBrokenComposeFileIsFound(String mistake, String find, String replace, String reported) throws IOException {
        String original = Files.readString(Repository.file("docker-compose.yml"));
        assertThat(original).as("the text to break").containsOnlyOnce(find);

        List<String> problems = ComposeConformance.problems(ComposeFile.parse(original.replace(find, replace), Map.of()));

        assertThat(problems).as(mistake).anySatisfy(problem -> assertThat(problem).contains(reported));
    }

    static Stream<Arguments> brokenComposeFiles() {
        return Stream.of(
                Arguments.of("services on the broker's host listener",
                        "SPRING_KAFKA_BOOTSTRAPSERVERS: kafka:29092", "SPRING_KAFKA_BOOTSTRAPSERVERS: localhost:9092",
                        "spring.kafka.bootstrap-servers is [localhost:9092], expected [kafka:29092]"),
                Arguments.of("a misspelt variable leaves the default",
                        "SPRING_KAFKA_BOOTSTRAPSERVERS: kafka:29092", "SPRING_KAFKA_BOOTSTRAPSERVER: kafka:29092",
                        "booking-events: spring.kafka.bootstrap-servers"),
                Arguments.of("broker advertised under another name",
                        "INTERNAL://kafka:29092,EXTERNAL", "INTERNAL://broker:29092,EXTERNAL",
                        "kafka advertises its INTERNAL listener as broker:29092"),
                Arguments.of("registry under another name",
                        "DESKPOST_KAFKA_SCHEMAREGISTRYURL: http://schema-registry:8081",
                        "DESKPOST_KAFKA_SCHEMAREGISTRYURL: http://registry:8081",
                        "deskpost.kafka.schema-registry-url is http://registry:8081"),
                Arguments.of("services and script disagree on partitions",
                        "DESKPOST_KAFKA_PARTITIONMULTIPLIER: ${DESKPOST_PARTITION_MULTIPLIER:-1}",
                        "DESKPOST_KAFKA_PARTITIONMULTIPLIER: ${DESKPOST_PARTITION_MULTIPLIER:-2}",
                        "deskpost.kafka.partition-multiplier"),
                Arguments.of("delivery on oversight's database",
                        "postgres:5432/deskpost_delivery", "postgres:5432/deskpost_oversight",
                        "delivery-service: spring.datasource.url is jdbc:postgresql://postgres:5432/deskpost_oversight"),
                Arguments.of("oversight's database on localhost",
                        "jdbc:postgresql://postgres:5432/deskpost_oversight", "jdbc:postgresql://localhost:5432/deskpost_oversight",
                        "oversight-service: spring.datasource.url"),
                Arguments.of("database password differs from the one the init script sets",
                        "      DESKPOST_DB_PASSWORD: ${DESKPOST_DB_PASSWORD:-dev-only-db-password}",
                        "      DESKPOST_DB_PASSWORD: ${DESKPOST_DB_PASSWORD:-another-password}",
                        "spring.datasource.password"),
                Arguments.of("mail to localhost",
                        "${DESKPOST_SMTP_HOST:-mailpit}", "${DESKPOST_SMTP_HOST:-localhost}",
                        "delivery-service: spring.mail.host is localhost"),
                Arguments.of("MCP server calls delivery's port for oversight",
                        "DESKPOST_MCP_OVERSIGHT_URL: http://oversight-service:8084",
                        "DESKPOST_MCP_OVERSIGHT_URL: http://oversight-service:8085",
                        "deskpost.mcp.oversight.url is http://oversight-service:8085"),
                Arguments.of("MCP server calls delivery by a wrong name",
                        "DESKPOST_MCP_DELIVERY_URL: http://delivery-service:8085",
                        "DESKPOST_MCP_DELIVERY_URL: http://delivery:8085",
                        "deskpost.mcp.delivery.url is http://delivery:8085"),
                Arguments.of("MCP server calls audit-service by a wrong name",
                        "DESKPOST_MCP_AUDIT_URL: http://audit-service:8091",
                        "DESKPOST_MCP_AUDIT_URL: http://audit:8091",
                        "deskpost.mcp.audit.url is http://audit:8091"),
                Arguments.of("audit-service on delivery's database",
                        "postgres:5432/deskpost_audit", "postgres:5432/deskpost_delivery",
                        "audit-service: spring.datasource.url is jdbc:postgresql://postgres:5432/deskpost_delivery"),
                Arguments.of("MCP server's API key unknown to delivery",
                        "DESKPOST_MCP_DELIVERY_URL: http://delivery-service:8085\n      DESKPOST_MCP_API_KEY: ${DESKPOST_MCP_API_KEY:-dev-only-mcp-api-key}",
                        "DESKPOST_MCP_DELIVERY_URL: http://delivery-service:8085\n      DESKPOST_MCP_API_KEY: ${DESKPOST_MCP_API_KEY:-another-api-key-value}",
                        "deskpost.mcp.delivery.api-key is not a key"),
                Arguments.of("gateway not bound to an agent of the MCP server",
                        "${DESKPOST_MCP_GATEWAY_AGENTS:-front-desk,reviewer}",
                        "${DESKPOST_MCP_GATEWAY_AGENTS:-front-desk}",
                        "is not bound to agent reviewer"),
                Arguments.of("gateway password given to oversight in clear instead of its hash",
                        "      DESKPOST_MCP_GATEWAY_PASSWORD_HASH:\n",
                        "      DESKPOST_MCP_GATEWAY_PASSWORD_HASH: ${DESKPOST_MCP_GATEWAY_PASSWORD:-dev-only-mcp-gateway}\n",
                        "do not accept the gateway mcp-server"),
                Arguments.of("delivery reads held drafts from its own port",
                        "DESKPOST_SUBJECTACCESS_OVERSIGHT_URL: http://oversight-service:8084",
                        "DESKPOST_SUBJECTACCESS_OVERSIGHT_URL: http://oversight-service:8085",
                        "deskpost.subject-access.oversight.url is http://oversight-service:8085"),
                Arguments.of("delivery's subject-access key unknown to audit-service",
                        "      DESKPOST_SUBJECT_ACCESS_AUDIT_KEY: ${DESKPOST_SUBJECT_ACCESS_AUDIT_KEY:-dev-only-subject-access-audit-key}\n      # Keys",
                        "      DESKPOST_SUBJECT_ACCESS_AUDIT_KEY: ${DESKPOST_SUBJECT_ACCESS_AUDIT_KEY:-dev-only-another-audit-key}\n      # Keys",
                        "deskpost.subject-access.audit.api-key is not a key"),
                Arguments.of("health check on another service's port",
                        "http://localhost:8087/actuator/health/readiness", "http://localhost:8086/actuator/health/readiness",
                        "access-events: health check"),
                Arguments.of("server port not published",
                        "\"${DESKPOST_BIND_ADDRESS:-127.0.0.1}:8086:8086\"", "\"${DESKPOST_BIND_ADDRESS:-127.0.0.1}:8086:8096\"",
                        "billing-events: server.port 8086 is not among the published container ports"),
                Arguments.of("readiness probe off",
                        "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: \"true\"", "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED: \"false\"",
                        "management.endpoint.health.probes.enabled is false"),
                Arguments.of("inbound SMTP on the container's loopback",
                        "DESKPOST_COMMUNITY_INBOUND_SMTP_BINDADDRESS: 0.0.0.0", "DESKPOST_COMMUNITY_INBOUND_SMTP_BINDADDRESS: 127.0.0.1",
                        "community-events: deskpost.community.inbound.smtp.bind-address (in a container) is 127.0.0.1"),
                Arguments.of("an empty secret",
                        "${DESKPOST_UNSUBSCRIBE_SECRET:-dev-only-unsubscribe-secret}", "${DESKPOST_UNSUBSCRIBE_SECRET:-}",
                        "delivery-service: secret DESKPOST_UNSUBSCRIBE_SECRET is empty"),
                Arguments.of("an empty console password",
                        "${KAFKA_UI_PASSWORD:-dev-only-kafka-ui}", "${KAFKA_UI_PASSWORD:-}",
                        "kafka-ui: secret SPRING_SECURITY_USER_PASSWORD is empty"),
                Arguments.of("a variable without default",
                        "${DESKPOST_INBOUND_WEBHOOK_KEY:-dev-only-inbound-webhook-key}", "${DESKPOST_INBOUND_WEBHOOK_KEY}",
                        "compose: variable DESKPOST_INBOUND_WEBHOOK_KEY has no default"),
                Arguments.of("services start before their topics exist",
                        "  kafka-topics:\n    condition: service_completed_successfully",
                        "  kafka-topics:\n    condition: service_started",
                        "depends_on kafka-topics is service_started"),
                Arguments.of("services start before their principals exist",
                        "  kafka-principals:\n    condition: service_completed_successfully\n  schema-registry:\n    condition: service_healthy\n\nx",
                        "  kafka-principals:\n    condition: service_started\n  schema-registry:\n    condition: service_healthy\n\nx",
                        "depends_on kafka-principals is service_started"),
                Arguments.of("JSON logs off",
                        "LOGGING_STRUCTURED_FORMAT_CONSOLE: ecs", "LOGGING_STRUCTURED_FORMAT_CONSOLE_OFF: ecs",
                        "logging.structured.format.console is , expected ecs"),
                Arguments.of("Streams state not on a volume",
                        "      - booking-streams:/var/lib/deskpost/streams\n", "",
                        "booking-events: spring.kafka.streams.state-dir /var/lib/deskpost/streams is not on a volume"),
                Arguments.of("a service logs in to Kafka as another principal",
                        "username=\"booking-events\" password", "username=\"oversight-service\" password",
                        "booking-events: Kafka principal is oversight-service, expected booking-events"),
                Arguments.of("a service's Kafka password is not the one its principal gets",
                        "${DESKPOST_KAFKA_PASSWORD_DELIVERY_SERVICE:-dev-only-kafka-delivery-service}\";'",
                        "${DESKPOST_KAFKA_PASSWORD_DELIVERY_SERVICE:-another-password}\";'",
                        "delivery-service: Kafka password of delivery-service is not the one kafka-principals sets"),
                Arguments.of("a principal of the matrix without a password",
                        "      DESKPOST_KAFKA_PASSWORD_FACILITY_ACCESS: ${DESKPOST_KAFKA_PASSWORD_FACILITY_ACCESS:-dev-only-kafka-facility-access}\n", "",
                        "principal facility-access of the ACL matrix has no password DESKPOST_KAFKA_PASSWORD_FACILITY_ACCESS"),
                Arguments.of("a broker listener without login",
                        "CONTROLLER:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT", "CONTROLLER:SASL_PLAINTEXT,EXTERNAL:PLAINTEXT",
                        "kafka: listener EXTERNAL:PLAINTEXT takes clients without a login"),
                Arguments.of("a broker that allows what no ACL allows",
                        "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"false\"", "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND: \"true\"",
                        "KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND is true"),
                Arguments.of("a console that may produce",
                        "KAFKA_CLUSTERS_0_READONLY: \"true\"", "KAFKA_CLUSTERS_0_READONLY: \"false\"",
                        "kafka-ui: KAFKA_CLUSTERS_0_READONLY is false"),
                Arguments.of("services without the registry's login",
                        "DESKPOST_KAFKA_SCHEMAREGISTRYUSERINFO: \"${DESKPOST_SCHEMA_REGISTRY_USER:-deskpost}:",
                        "DESKPOST_KAFKA_SCHEMAREGISTRYUSERINF: \"${DESKPOST_SCHEMA_REGISTRY_USER:-deskpost}:",
                        "deskpost.kafka.schema-registry-user-info is null"),
                Arguments.of("an image built from another module",
                        "args:\n        SERVICE: billing-events", "args:\n        SERVICE: booking-events",
                        "billing-events: build arg SERVICE is booking-events"));
    }
}
