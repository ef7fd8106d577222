package com.deskpost.devstack.compose;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml as Compose reads it: YAML with anchors and merge keys, then every string value
 * substituted ({@link ComposeVariables}).
 */
final class ComposeFile {

    private final Map<String, Object> services;
    private final List<String> unsetVariables;
    private final Map<String, String> variables;

    private ComposeFile(Map<String, Object> services, List<String> unsetVariables, Map<String, String> variables) {
        this.services = services;
        this.unsetVariables = unsetVariables;
        this.variables = Map.copyOf(variables);
    }

    /** The repository's docker-compose.yml with no variables set: every development default applies. */
    static ComposeFile ofRepository() throws IOException {
        return parse(Files.readString(Repository.file("docker-compose.yml")), Map.of());
    }

    static ComposeFile parse(String yaml, Map<String, String> variables) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        ComposeVariables substitution = new ComposeVariables(variables);
        Map<String, Object> file = map(substituted(root, substitution), "the file");
        return new ComposeFile(map(file.get("services"), "services"), substitution.unsetVariables(), variables);
    }

    Set<String> serviceNames() {
        return services.keySet();
    }

    Service service(String name) {
        Object definition = services.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("docker-compose.yml has no service " + name);
        }
        return new Service(name, map(definition, name), variables);
    }

    List<String> unsetVariables() {
        return unsetVariables;
    }

    private static Object substituted(Object node, ComposeVariables substitution) {
        if (node instanceof String text) {
            return substitution.substitute(text);
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(String.valueOf(key), substituted(value, substitution)));
            return copy;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(item -> substituted(item, substitution)).toList();
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String what) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping: " + node);
        }
        return (Map<String, Object>) node;
    }

    /** One service of the file. */
    record Service(String name, Map<String, Object> definition, Map<String, String> variables) {

        /**
         * The container's environment. A variable listed without a value is passed through from the shell or
         * .env (here: the variables the file is read with); with nothing set there it is absent from the container.
         */
        Map<String, String> environment() {
            Map<String, String> environment = new LinkedHashMap<>();
            Object node = definition.get("environment");
            if (node instanceof Map<?, ?> entries) {
                entries.forEach((key, value) -> {
                    if (value != null) {
                        environment.put(String.valueOf(key), String.valueOf(value));
                    } else if (variables.containsKey(String.valueOf(key))) {
                        environment.put(String.valueOf(key), variables.get(String.valueOf(key)));
                    }
                });
            } else if (node instanceof List<?> entries) {
                for (Object entry : entries) {
                    String text = String.valueOf(entry);
                    int equals = text.indexOf('=');
                    if (equals > 0) {
                        environment.put(text.substring(0, equals), text.substring(equals + 1));
                    }
                }
            }
            return environment;
        }

        /** Variables listed without a value: passed through from the shell or .env when set there. */
        List<String> passedThrough() {
            List<String> names = new ArrayList<>();
            if (definition.get("environment") instanceof Map<?, ?> entries) {
                entries.forEach((key, value) -> {
                    if (value == null) {
                        names.add(String.valueOf(key));
                    }
                });
            }
            return names;
        }

        /** Container ports published to the host ({@code [address:]hostPort:containerPort[/protocol]}). */
        List<Integer> publishedContainerPorts() {
            List<Integer> ports = new ArrayList<>();
            if (definition.get("ports") instanceof List<?> entries) {
                for (Object entry : entries) {
                    String spec = String.valueOf(entry).replaceFirst("/(tcp|udp)$", "");
                    ports.add(Integer.parseInt(spec.substring(spec.lastIndexOf(':') + 1)));
                }
            }
            return ports;
        }

        /** The health check's command, e.g. [CMD, curl, -fsS, http://...]. */
        List<String> healthCheck() {
            Object healthcheck = definition.get("healthcheck");
            if (healthcheck instanceof Map<?, ?> check && check.get("test") instanceof List<?> test) {
                return test.stream().map(String::valueOf).toList();
            }
            return List.of();
        }

        /** The condition this service waits for on another, if it depends on it. */
        Optional<String> dependsOn(String other) {
            Object node = definition.get("depends_on");
            if (node instanceof List<?> names) {
                return names.contains(other) ? Optional.of("service_started") : Optional.empty();
            }
            if (node instanceof Map<?, ?> conditions && conditions.containsKey(other)) {
                Object condition = conditions.get(other) instanceof Map<?, ?> entry ? entry.get("condition") : null;
                return Optional.of(condition == null ? "service_started" : String.valueOf(condition));
            }
            return Optional.empty();
        }

        /** Container paths of the volumes and bind mounts ({@code source:target[:mode]}). */
        List<String> mountTargets() {
            List<String> targets = new ArrayList<>();
            if (definition.get("volumes") instanceof List<?> entries) {
                for (Object entry : entries) {
                    String[] parts = String.valueOf(entry).split(":");
                    targets.add(parts.length == 1 ? parts[0] : parts[1]);
                }
            }
            return targets;
        }

        /** A bind mount's host path for a container path, e.g. ./docker/kafka/create-topics.sh. */
        Optional<String> mountSource(String target) {
            if (definition.get("volumes") instanceof List<?> entries) {
                for (Object entry : entries) {
                    String[] parts = String.valueOf(entry).split(":");
                    if (parts.length > 1 && parts[1].equals(target)) {
                        return Optional.of(parts[0]);
                    }
                }
            }
            return Optional.empty();
        }

        /** A build argument, e.g. SERVICE. */
        Optional<String> buildArg(String name) {
            if (definition.get("build") instanceof Map<?, ?> build && build.get("args") instanceof Map<?, ?> args
                    && args.get(name) != null) {
                return Optional.of(String.valueOf(args.get(name)));
            }
            return Optional.empty();
        }

        Optional<String> dockerfile() {
            if (definition.get("build") instanceof Map<?, ?> build && build.get("dockerfile") != null) {
                return Optional.of(String.valueOf(build.get("dockerfile")));
            }
            return Optional.empty();
        }
    }
}
