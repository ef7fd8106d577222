package com.deskpost.devstack.compose;

import static com.deskpost.devstack.compose.KubernetesManifests.at;
import static com.deskpost.devstack.compose.KubernetesManifests.list;
import static com.deskpost.devstack.compose.KubernetesManifests.map;

import com.deskpost.platform.config.PlatformProperties;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether the Kubernetes manifests run every Deskpost service as production needs it: two replicas with a
 * disruption budget, probes on the service's own health groups, resources, Kafka Streams state on a volume,
 * every secret from the Secret (never a literal), the settings each service's own file needs resolved and none
 * left on a development value, and every address of another service naming a Service that exists. Every
 * finding names the service and what is wrong.
 */
final class KubernetesConformance {

    static final String SECRET = "deskpost-secrets";
    /** Container variables that hold a secret (or a value built from one, like the Kafka JAAS configuration). */
    private static final Pattern SECRET_VARIABLE = Pattern.compile(".*(PASSWORD|SECRET|SECRETS|_KEY|_KEYS|_TOKEN|_HASH|USERINFO|JAAS_CONFIG)");
    private static final Pattern SERVICE_URL = Pattern.compile("https?://([a-z0-9-]+):(\\d+)");
    private static final Pattern JAAS_USER = Pattern.compile("username=\"([^\"]+)\"");

    private final KubernetesManifests manifests;
    private final Map<String, String> secrets;
    private final Set<String> exampleKeys;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> referencedKeys = new TreeSet<>();

    private KubernetesConformance(KubernetesManifests manifests, Map<String, String> secrets, Set<String> exampleKeys) {
        this.manifests = manifests;
        this.secrets = secrets;
        this.exampleKeys = exampleKeys;
    }

    /** The problems, with the Secret holding {@code secrets} and its documented keys {@code exampleKeys}. */
    static List<String> problems(KubernetesManifests manifests, Map<String, String> secrets, Set<String> exampleKeys) {
        KubernetesConformance check = new KubernetesConformance(manifests, secrets, exampleKeys);
        ComposeConformance.SERVICES.forEach(check::checkService);
        Set<String> unused = new TreeSet<>(exampleKeys);
        unused.removeAll(check.referencedKeys);
        unused.forEach(key -> check.problem("secrets.example.env", key + " is read by no Deployment"));
        return List.copyOf(check.problems);
    }

    private void checkService(String name) {
        Map<String, Object> deployment = manifests.object("Deployment", name).orElse(null);
        if (deployment == null) {
            problem(name, "no Deployment");
            return;
        }
        Map<String, Object> container = KubernetesManifests.container(deployment);
        if (!(at(deployment, "spec", "replicas") instanceof Integer replicas) || replicas < 2) {
            problem(name, "replicas is " + at(deployment, "spec", "replicas") + ", expected at least 2");
        }
        expect(name, "image", String.valueOf(container.get("image")).replaceAll(":.*", ""), "deskpost/" + name);
        checkSecretReferences(name, container);
        Map<String, String> environment = manifests.environment(container, secrets);
        ServiceConfig config;
        try {
            config = ServiceConfig.of(name, environment);
        } catch (IOException | RuntimeException unreadable) {
            problem(name, "settings file unreadable: " + unreadable.getMessage());
            return;
        }
        config.unresolvedPlaceholders().forEach(unresolved -> problem(name, unresolved));
        config.developmentSettings().forEach(finding -> problem(name, "development value in " + finding));
        checkKafka(name, config, environment);
        checkPortsAndProbes(name, container, config);
        checkResourcesAndState(name, deployment, container, config);
        checkDisruptionBudget(name, deployment);
        checkAddresses(name, environment);
    }

    private void checkSecretReferences(String name, Map<String, Object> container) {
        for (Object entry : list(container, "env")) {
            Map<String, Object> variable = map(entry);
            String variableName = String.valueOf(variable.get("name"));
            Map<String, Object> secretRef = map(at(variable, "valueFrom", "secretKeyRef"));
            if (!secretRef.isEmpty()) {
                String key = String.valueOf(secretRef.get("key"));
                referencedKeys.add(key);
                expect(name, variableName + " secret", secretRef.get("name"), SECRET);
                if (!exampleKeys.contains(key)) {
                    problem(name, variableName + " reads key " + key + ", which secrets.example.env does not list");
                }
                if (!Boolean.TRUE.equals(secretRef.get("optional")) && !secrets.containsKey(key)) {
                    problem(name, variableName + " needs key " + key + " of the Secret: the pod would not start");
                }
            } else if (SECRET_VARIABLE.matcher(variableName).matches()
                    && !String.valueOf(variable.get("value")).contains("$(")) {
                problem(name, variableName + " holds a secret but does not come from the Secret " + SECRET);
            }
        }
        manifests.configMapData("deskpost-config").keySet().stream()
                .filter(key -> SECRET_VARIABLE.matcher(key).matches())
                .forEach(key -> problem(name, "the ConfigMap holds " + key + ", a secret"));
    }

    private void checkKafka(String name, ServiceConfig config, Map<String, String> environment) {
        if (config.list("spring.kafka.bootstrap-servers").stream().anyMatch(server -> server.startsWith("localhost"))) {
            problem(name, "spring.kafka.bootstrap-servers is still localhost");
        }
        Matcher user = JAAS_USER.matcher(environment.getOrDefault("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", ""));
        expect(name, "Kafka principal", user.find() ? user.group(1) : null, name);
        try {
            PlatformProperties platform = config.bind("deskpost.kafka", PlatformProperties.class);
            if (platform.topicReplicationFactor() < 2) {
                problem(name, "deskpost.kafka.topic-replication-factor is " + platform.topicReplicationFactor()
                        + ": one broker's loss would lose data");
            }
        } catch (RuntimeException invalid) {
            problem(name, "deskpost.kafka does not bind: " + invalid.getMessage());
        }
    }

    private void checkPortsAndProbes(String name, Map<String, Object> container, ServiceConfig config) {
        String port = config.get("server.port").orElse(null);
        Object http = list(container, "ports").stream().map(KubernetesManifests::map)
                .filter(p -> "http".equals(p.get("name"))).map(p -> String.valueOf(p.get("containerPort")))
                .findFirst().orElse(null);
        expect(name, "container port http", http, port);
        expect(name, "management.endpoint.health.probes.enabled",
                config.get("management.endpoint.health.probes.enabled").orElse(null), "true");
        expectProbe(name, container, "startupProbe", "/actuator/health/liveness");
        expectProbe(name, container, "livenessProbe", "/actuator/health/liveness");
        expectProbe(name, container, "readinessProbe", "/actuator/health/readiness");
        Map<String, Object> service = manifests.object("Service", name).orElse(null);
        if (service == null) {
            problem(name, "no Service");
            return;
        }
        expect(name, "Service selector", at(service, "spec", "selector"), selector(name));
        boolean served = list(map(service.get("spec")), "ports").stream().map(KubernetesManifests::map)
                .anyMatch(p -> String.valueOf(p.get("port")).equals(port) && "http".equals(String.valueOf(p.get("targetPort"))));
        if (!served) {
            problem(name, "the Service does not serve port " + port + " from the container's http port");
        }
    }

    private void expectProbe(String name, Map<String, Object> container, String probe, String path) {
        expect(name, probe + " path", at(container, probe, "httpGet", "path"), path);
        expect(name, probe + " port", at(container, probe, "httpGet", "port"), "http");
    }

    private void checkResourcesAndState(String name, Map<String, Object> deployment, Map<String, Object> container,
            ServiceConfig config) {
        for (String[] path : List.of(new String[] {"requests", "cpu"}, new String[] {"requests", "memory"},
                new String[] {"limits", "memory"})) {
            if (at(container, "resources", path[0], path[1]) == null) {
                problem(name, "resources." + path[0] + "." + path[1] + " is not set");
            }
        }
        Set<String> mounts = new TreeSet<>();
        list(container, "volumeMounts").forEach(mount -> mounts.add(String.valueOf(map(mount).get("mountPath"))));
        String stateDir = config.get("spring.kafka.streams.state-dir").orElse("");
        if (config.get("spring.kafka.streams.application-id").isPresent()
                && mounts.stream().noneMatch(stateDir::startsWith)) {
            problem(name, "spring.kafka.streams.state-dir " + stateDir + " is not on a volume " + mounts);
        }
        if (Boolean.TRUE.equals(at(container, "securityContext", "readOnlyRootFilesystem")) && !mounts.contains("/tmp")) {
            problem(name, "a read-only root file system without a volume on /tmp (Tomcat's and RocksDB's scratch space)");
        }
        expect(name, "Deployment selector", at(deployment, "spec", "selector", "matchLabels"), selector(name));
        expect(name, "pod label app.kubernetes.io/name",
                at(deployment, "spec", "template", "metadata", "labels", "app.kubernetes.io/name"), name);
    }

    private void checkDisruptionBudget(String name, Map<String, Object> deployment) {
        Map<String, Object> budget = manifests.object("PodDisruptionBudget", name).orElse(null);
        if (budget == null) {
            problem(name, "no PodDisruptionBudget");
            return;
        }
        expect(name, "PodDisruptionBudget selector", at(budget, "spec", "selector", "matchLabels"),
                at(deployment, "spec", "selector", "matchLabels"));
        Object minAvailable = at(budget, "spec", "minAvailable");
        Object maxUnavailable = at(budget, "spec", "maxUnavailable");
        if (!Objects.equals(minAvailable, 1) && !Objects.equals(maxUnavailable, 1)) {
            problem(name, "the PodDisruptionBudget keeps neither minAvailable 1 nor maxUnavailable 1");
        }
    }

    /** http://oversight-service:8084 and the like: a Service of that name serving that port. */
    private void checkAddresses(String name, Map<String, String> environment) {
        environment.forEach((variable, value) -> {
            Matcher url = SERVICE_URL.matcher(value);
            if (url.find()) {
                boolean exists = manifests.object("Service", url.group(1))
                        .map(service -> list(map(service.get("spec")), "ports").stream().map(KubernetesManifests::map)
                                .anyMatch(p -> url.group(2).equals(String.valueOf(p.get("port")))))
                        .orElse(false);
                if (!exists) {
                    problem(name, variable + " names " + url.group(1) + ":" + url.group(2) + ", which no Service serves");
                }
            }
        });
    }

    private static Map<String, Object> selector(String name) {
        return Map.of("app.kubernetes.io/name", name);
    }

    private void expect(String service, String what, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            problem(service, what + " is " + actual + ", expected " + expected);
        }
    }

    private void problem(String service, String problem) {
        problems.add(service + ": " + problem);
    }
}
