package com.deskpost.devstack.compose;

import com.deskpost.devstack.compose.ComposeFile.Service;
import com.deskpost.platform.config.PlatformProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether docker-compose.yml gives every Deskpost service the settings it needs, pointing at the right
 * container: each service's own settings file under its container's environment, compared with what the
 * infrastructure containers in the same file offer. Every finding names the service and the setting.
 */
final class ComposeConformance {

    /** Every Deskpost service docker-compose.yml runs; each reads {@code <name>.yml}. */
    static final List<String> SERVICES = List.of("booking-events", "billing-events", "access-events",
            "community-events", "oversight-service", "delivery-service", "audit-service", "mcp-server",
            "ingest-service");
    static final Map<String, String> DATABASES = Map.of(
            "oversight-service", "deskpost_oversight", "delivery-service", "deskpost_delivery",
            "audit-service", "deskpost_audit");
    /** Last segments of properties that hold a secret (not e.g. key-serializer or key-variable). */
    private static final Pattern SECRET_PROPERTY = Pattern.compile(
            "(?i).*(password|secret)|key|api-key|webhook-key");
    /** Container variables that hold a secret. */
    private static final Pattern SECRET_VARIABLE = Pattern.compile(".*(PASSWORD|SECRET|_KEY|_AUTH)");

    final ComposeFile compose;
    final Infrastructure infrastructure;
    final Map<String, ServiceConfig> configs = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    private ComposeConformance(ComposeFile compose) {
        this.compose = compose;
        this.infrastructure = new Infrastructure(compose);
    }

    static List<String> problems(ComposeFile compose) {
        ComposeConformance check = new ComposeConformance(compose);
        check.run();
        return List.copyOf(check.problems);
    }

    private void run() {
        compose.unsetVariables().forEach(name -> problem("compose", "variable " + name + " has no default and is not set"));
        infrastructure.problems().forEach(problem -> problem("infrastructure", problem));
        for (String name : SERVICES) {
            Service service = compose.service(name);
            try {
                configs.put(name, ServiceConfig.of(name, service.environment()));
            } catch (IOException | RuntimeException unreadable) {
                problem(name, "settings file unreadable: " + unreadable.getMessage());
                continue;
            }
            checkCommon(service, configs.get(name));
        }
        new Connections(this).check();
        new KafkaSecurity(this).check();
    }

    private void checkCommon(Service service, ServiceConfig config) {
        String name = service.name();
        expect(name, "build arg SERVICE", service.buildArg("SERVICE").orElse(null), name);
        expect(name, "build dockerfile", service.dockerfile().orElse(null), "docker/Dockerfile");
        if (!infrastructure.dockerfileModules().contains(name)) {
            problem(name, "docker/Dockerfile's MODULES does not build it");
        }
        config.unresolvedPlaceholders().forEach(unresolved -> problem(name, unresolved));
        expect(name, "spring.kafka.bootstrap-servers", config.list("spring.kafka.bootstrap-servers"),
                List.of(infrastructure.kafkaInternalListener()));
        try {
            PlatformProperties platform = config.bind("deskpost.kafka", PlatformProperties.class);
            expect(name, "deskpost.kafka.schema-registry-url", platform.schemaRegistryUrl(), infrastructure.registryUrl());
            expect(name, "deskpost.kafka.partition-multiplier (as kafka-topics creates them)",
                    String.valueOf(platform.partitionMultiplier()), infrastructure.partitionMultiplier());
            expect(name, "deskpost.kafka.min-insync-replicas (as kafka-topics creates them)",
                    String.valueOf(platform.minInsyncReplicas()), infrastructure.minInsyncReplicas());
            expect(name, "deskpost.kafka.topic-replication-factor (as kafka-topics creates them)",
                    String.valueOf(platform.topicReplicationFactor()), infrastructure.topicReplicationFactor());
        } catch (RuntimeException invalid) {
            problem(name, "deskpost.kafka does not bind: " + invalid.getMessage());
        }
        checkPortAndHealth(service, config);
        expect(name, "logging.structured.format.console", config.get("logging.structured.format.console").orElse(null), "ecs");
        expect(name, "depends_on kafka-topics", service.dependsOn("kafka-topics").orElse(null), "service_completed_successfully");
        expect(name, "depends_on schema-registry", service.dependsOn("schema-registry").orElse(null), "service_healthy");
        String stateDir = config.get("spring.kafka.streams.state-dir").orElse("");
        boolean streams = config.get("spring.kafka.streams.application-id").isPresent();
        if (streams && service.mountTargets().stream().noneMatch(target -> stateDir.startsWith(target))) {
            problem(name, "spring.kafka.streams.state-dir " + stateDir + " is not on a volume: a restart rebuilds every store");
        }
        checkSecrets(service, config);
    }

    private void checkPortAndHealth(Service service, ServiceConfig config) {
        String name = service.name();
        Optional<String> port = config.get("server.port");
        if (port.isEmpty()) {
            problem(name, "server.port is not set");
            return;
        }
        if (!service.publishedContainerPorts().contains(Integer.parseInt(port.get()))) {
            problem(name, "server.port " + port.get() + " is not among the published container ports "
                    + service.publishedContainerPorts());
        }
        String readiness = "http://localhost:" + port.get() + "/actuator/health/readiness";
        if (!service.healthCheck().contains(readiness)) {
            problem(name, "health check " + service.healthCheck() + " does not ask " + readiness);
        }
        expect(name, "management.endpoint.health.probes.enabled",
                config.get("management.endpoint.health.probes.enabled").orElse(null), "true");
        if (!config.list("management.endpoints.web.exposure.include").contains("health")) {
            problem(name, "management.endpoints.web.exposure.include does not expose health");
        }
    }

    private void checkSecrets(Service service, ServiceConfig config) {
        for (String key : config.fileKeys()) {
            String last = key.substring(key.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
            if (SECRET_PROPERTY.matcher(last).matches() && config.get(key).orElse("").isBlank()) {
                problem(service.name(), "secret " + key + " is empty");
            }
        }
        checkSecretVariables(service);
    }

    void checkSecretVariables(Service service) {
        service.environment().forEach((variable, value) -> {
            if (SECRET_VARIABLE.matcher(variable).matches() && value.isBlank()) {
                problem(service.name(), "secret " + variable + " is empty");
            }
        });
    }

    void expect(String service, String what, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            problem(service, what + " is " + actual + ", expected " + expected);
        }
    }

    void problem(String service, String problem) {
        problems.add(service + ": " + problem);
    }

    static String read(String relative) {
        try {
            return Files.readString(Repository.file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
