package com.deskpost.devstack.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.deskpost.platform.credential.CredentialKeys;
import com.deskpost.testsupport.process.ExternalProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * deploy/kubernetes, checked offline: every object is a valid Kubernetes object of its API version (the
 * Kubernetes OpenAPI schemas, through kubernetes-models in Node), and the manifests run every service as
 * production needs it ({@link KubernetesConformance}); each check is shown to find the mistake it is there for.
 */
class KubernetesManifestsTest {

    private static final String INSTALL = "apt-get install nodejs npm && (cd deploy/kubernetes/validate && npm ci --no-audit --no-fund)";

    @Test
    void everyObjectIsAValidKubernetesObjectOfItsApiVersion() {
        ExternalProcess.Result validation = validate(Repository.file(KubernetesManifests.DIRECTORY));

        assertThat(validation.exitCode()).as(validation.out() + validation.err()).isZero();
        List<String> objects = validation.out().lines().toList();
        // A ConfigMap, and a Deployment, a Service and a PodDisruptionBudget for each of the nine services
        assertThat(objects).hasSize(1 + 3 * ComposeConformance.SERVICES.size()).allMatch(line -> line.contains("\"valid\":true"));
    }

    @Test
    void theValidatorRefusesAnObjectTheApiServerWouldRefuse(@TempDir Path copy) throws IOException {
        Path broken = copyOfManifests(copy);
        replace(broken.resolve("delivery-service.yaml"), "  replicas: 2", "  replicas: two");

        ExternalProcess.Result validation = validate(broken);

        assertThat(validation.exitCode()).isEqualTo(1);
        assertThat(validation.out().lines().filter(line -> line.contains("\"valid\":false")))
                .singleElement().asString().contains("\"name\":\"delivery-service\"").contains("replicas must be integer");
    }

    @Test
    void withTheSecretFilledInEveryServiceRunsAsProductionNeedsIt() throws IOException {
        assertThat(KubernetesConformance.problems(KubernetesManifests.ofRepository(), secrets(), exampleKeys())).isEmpty();
    }

    @Test
    void withoutTheSecretNoServiceWouldStart() throws IOException {
        List<String> problems = KubernetesConformance.problems(KubernetesManifests.ofRepository(), Map.of(), exampleKeys());

        for (String service : ComposeConformance.SERVICES) {
            // The pod would not be created, and the settings fall back to development values the service refuses
            assertThat(problems).anyMatch(problem -> problem.startsWith(service + ": ") && problem.contains("needs key"));
            assertThat(problems).anyMatch(problem -> problem.startsWith(service + ": development value"));
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("delivery-service.yaml", "  replicas: 2", "  replicas: 1", "delivery-service: replicas is 1"),
                Arguments.of("oversight-service.yaml", "path: /actuator/health/readiness", "path: /actuator/health",
                        "oversight-service: readinessProbe path is /actuator/health"),
                Arguments.of("booking-events.yaml", "            - {name: streams, mountPath: /var/lib/deskpost/streams}\n",
                        "", "booking-events: spring.kafka.streams.state-dir /var/lib/deskpost/streams is not on a volume"),
                Arguments.of("audit-service.yaml", "  minAvailable: 1", "  minAvailable: 0",
                        "audit-service: the PodDisruptionBudget keeps neither"),
                Arguments.of("mcp-server.yaml", "http://oversight-service:8084", "http://oversight:8084",
                        "mcp-server: DESKPOST_MCP_OVERSIGHT_URL names oversight:8084, which no Service serves"),
                Arguments.of("ingest-service.yaml",
                        "valueFrom: {secretKeyRef: {name: deskpost-secrets, key: DESKPOST_INGEST_HMAC_SECRET}}",
                        "value: a-literal-secret",
                        "ingest-service: DESKPOST_INGEST_HMAC_SECRET holds a secret but does not come from the Secret"),
                Arguments.of("billing-events.yaml", "username=\"billing-events\"", "username=\"booking-events\"",
                        "billing-events: Kafka principal is booking-events"),
                Arguments.of("community-events.yaml", "limits: {memory: 1Gi}", "limits: {}",
                        "community-events: resources.limits.memory is not set"),
                Arguments.of("config.yaml",
                        "DESKPOST_KAFKA_TOPICREPLICATIONFACTOR: \"3\"\n  DESKPOST_KAFKA_MININSYNCREPLICAS: \"2\"",
                        "DESKPOST_KAFKA_TOPICREPLICATIONFACTOR: \"1\"\n  DESKPOST_KAFKA_MININSYNCREPLICAS: \"1\"",
                        "access-events: deskpost.kafka.topic-replication-factor is 1"));
    }

    @ParameterizedTest(name = "{3}")
    @MethodSource("mistakes")
    void eachCheckFindsTheMistakeItIsThereFor(String file, String correct, String mistaken, String found,
            @TempDir Path copy) throws IOException {
        Path broken = copyOfManifests(copy);
        replace(broken.resolve(file), correct, mistaken);

        List<String> problems = KubernetesConformance.problems(KubernetesManifests.of(broken), secrets(), exampleKeys());

        assertThat(problems).anyMatch(problem -> problem.startsWith(found));
    }

    /** A real value for every key of the Secret: random secrets, generated key pairs, bcrypt hashes that match. */
    private static Map<String, String> secrets() throws IOException {
        SecureRandom random = new SecureRandom();
        Map<String, String> secrets = new HashMap<>();
        for (String key : exampleKeys()) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            secrets.put(key, Base64.getEncoder().encodeToString(bytes));
        }
        CredentialKeys.PrivateKey keys = CredentialKeys.generate("2027-01");
        secrets.put("DESKPOST_CREDENTIAL_PRIVATE_KEYS", keys.text());
        secrets.put("DESKPOST_CREDENTIAL_PUBLIC_KEYS", keys.publicKey().text());
        secrets.put("DESKPOST_KAFKA_SCHEMAREGISTRYUSERINFO", "deskpost:" + secrets.get("DESKPOST_KAFKA_SCHEMAREGISTRYUSERINFO"));
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        secrets.put("DESKPOST_OPS_PASSWORD", "{bcrypt}" + bcrypt.encode("an ops password"));
        secrets.put("DESKPOST_MCP_GATEWAY_PASSWORD_HASH", "{bcrypt}" + bcrypt.encode(secrets.get("DESKPOST_MCP_GATEWAY_PASSWORD")));
        secrets.put("DESKPOST_SUBJECT_ACCESS_PASSWORD_HASH",
                "{bcrypt}" + bcrypt.encode(secrets.get("DESKPOST_SUBJECT_ACCESS_PASSWORD")));
        secrets.remove("DESKPOST_ATTESTATION_PREVIOUS_SECRETS"); // optional: only while rolling the secret
        return secrets;
    }

    private static Set<String> exampleKeys() throws IOException {
        return EnvFile.parse(Files.readString(Repository.file(KubernetesManifests.DIRECTORY + "/secrets.example.env"))).keySet();
    }

    private static ExternalProcess.Result validate(Path manifests) {
        Path validator = Repository.file(KubernetesManifests.DIRECTORY + "/validate");
        if (!Files.isDirectory(validator.resolve("node_modules/kubernetes-models"))) {
            throw new AssertionError("The manifest validator's packages are not installed: " + INSTALL);
        }
        try {
            return ExternalProcess.run(List.of("node", "validate.mjs", manifests.toString()), validator, Duration.ofSeconds(60));
        } catch (UncheckedIOException noNode) {
            throw new AssertionError("No node to validate the manifests (" + noNode.getCause().getMessage() + "): " + INSTALL);
        }
    }

    private static Path copyOfManifests(Path target) throws IOException {
        try (Stream<Path> files = Files.list(Repository.file(KubernetesManifests.DIRECTORY))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private static void replace(Path file, String correct, String mistaken) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds " + correct).contains(correct);
        Files.writeString(file, text.replace(correct, mistaken));
    }
}
