package com.deskpost.devstack.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * Deskpost's Kubernetes manifests ({@code deploy/kubernetes}) as the cluster would read them: the objects of the
 * files {@code kustomization.yaml} lists, and a container's environment as the kubelet builds it (the ConfigMap's
 * {@code envFrom}, then {@code env} with its {@code configMapKeyRef}s, {@code secretKeyRef}s and {@code $(VAR)}
 * references), with the Secret's values given by the caller.
 */
final class KubernetesManifests {

    static final String DIRECTORY = "deploy/kubernetes";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private final List<Map<String, Object>> objects;

    private KubernetesManifests(List<Map<String, Object>> objects) {
        this.objects = objects;
    }

    static KubernetesManifests of(Path directory) throws IOException {
        Yaml yaml = new Yaml();
        Map<String, Object> kustomization = yaml.load(Files.readString(directory.resolve("kustomization.yaml")));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object file : list(kustomization, "resources")) {
            for (Object document : yaml.loadAll(Files.readString(directory.resolve((String) file)))) {
                if (document != null) {
                    objects.add(map(document));
                }
            }
        }
        return new KubernetesManifests(objects);
    }

    static KubernetesManifests ofRepository() throws IOException {
        return of(Repository.file(DIRECTORY));
    }

    Optional<Map<String, Object>> object(String kind, String name) {
        return objects.stream()
                .filter(object -> kind.equals(object.get("kind")) && name.equals(at(object, "metadata", "name")))
                .findFirst();
    }

    List<Map<String, Object>> objects(String kind) {
        return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
    }

    Map<String, Object> configMapData(String name) {
        return object("ConfigMap", name).map(config -> map(config.getOrDefault("data", Map.of()))).orElse(Map.of());
    }

    /** The first container of a Deployment's pod template. */
    static Map<String, Object> container(Map<String, Object> deployment) {
        List<Object> containers = list(map(at(deployment, "spec", "template", "spec")), "containers");
        return containers.isEmpty() ? Map.of() : map(containers.get(0));
    }

    /**
     * The container's environment as the kubelet builds it; a {@code secretKeyRef} to a key {@code secrets} lacks
     * leaves the variable unset (a pod whose required key is missing would not start; {@link KubernetesConformance}
     * reports that separately).
     */
    Map<String, String> environment(Map<String, Object> container, Map<String, String> secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (Object source : list(container, "envFrom")) {
            Object configMap = at(map(source), "configMapRef", "name");
            if (configMap != null) {
                configMapData((String) configMap).forEach((key, value) -> environment.put(key, String.valueOf(value)));
            }
        }
        for (Object entry : list(container, "env")) {
            Map<String, Object> variable = map(entry);
            String name = (String) variable.get("name");
            if (variable.get("value") != null) {
                environment.put(name, expand(String.valueOf(variable.get("value")), environment));
            } else if (at(variable, "valueFrom", "secretKeyRef", "key") instanceof String key) {
                if (secrets.containsKey(key)) {
                    environment.put(name, secrets.get(key));
                }
            } else if (at(variable, "valueFrom", "configMapKeyRef", "key") instanceof String key) {
                Object value = configMapData((String) at(variable, "valueFrom", "configMapKeyRef", "name")).get(key);
                if (value != null) {
                    environment.put(name, String.valueOf(value));
                }
            }
        }
        return environment;
    }

    /** Kubernetes' dependent variables: {@code $(NAME)} of a variable defined before, else left as written. */
    private static String expand(String value, Map<String, String> defined) {
        Matcher reference = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (reference.find()) {
            String replacement = defined.getOrDefault(reference.group(1), reference.group());
            reference.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        return reference.appendTail(expanded).toString();
    }

    /** The value at the path of nested mappings, or null. */
    static Object at(Map<String, Object> object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> object, String key) {
        return object.get(key) instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
