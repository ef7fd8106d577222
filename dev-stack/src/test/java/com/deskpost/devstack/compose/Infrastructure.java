package com.deskpost.devstack.compose;

import com.deskpost.devstack.compose.ComposeFile.Service;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the infrastructure containers of docker-compose.yml offer the Deskpost services: the broker's
 * listener for containers, the registry's URL, PostgreSQL's user and databases, Mailpit's SMTP port, and
 * the partitions the topic script creates. Each comes from those containers' own settings, so a service
 * pointing elsewhere is found.
 */
final class Infrastructure {

    static final String KAFKA = "kafka";
    static final String REGISTRY = "schema-registry";
    static final String POSTGRES = "postgres";
    static final String MAILPIT = "mailpit";
    static final String TOPICS = "kafka-topics";
    /** Mailpit's SMTP port unless MP_SMTP_BIND_ADDR says otherwise. */
    private static final int MAILPIT_DEFAULT_SMTP_PORT = 1025;

    private final ComposeFile compose;
    private final List<String> problems = new ArrayList<>();
    private final String kafkaInternalListener;

    Infrastructure(ComposeFile compose) {
        this.compose = compose;
        this.kafkaInternalListener = findKafkaInternalListener();
        postgresInitScript();
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** host:port of the broker listener containers use: the inter-broker listener, advertised under the service name. */
    String kafkaInternalListener() {
        return kafkaInternalListener;
    }

    private String findKafkaInternalListener() {
        Map<String, String> kafka = compose.service(KAFKA).environment();
        String listenerName = kafka.getOrDefault("KAFKA_INTER_BROKER_LISTENER_NAME", "PLAINTEXT");
        for (String advertised : kafka.getOrDefault("KAFKA_ADVERTISED_LISTENERS", "").split(",")) {
            if (advertised.startsWith(listenerName + "://")) {
                String address = advertised.substring(listenerName.length() + 3);
                if (!address.startsWith(KAFKA + ":")) {
                    problems.add("kafka advertises its " + listenerName + " listener as " + address
                            + ", which other containers cannot reach by the service name " + KAFKA);
                }
                return KAFKA + ":" + address.substring(address.lastIndexOf(':') + 1);
            }
        }
        problems.add("kafka advertises no " + listenerName + " listener");
        return "(none)";
    }

    String registryUrl() {
        String listeners = compose.service(REGISTRY).environment().getOrDefault("SCHEMA_REGISTRY_LISTENERS", "");
        URI listener = URI.create(listeners.split(",")[0]);
        return "http://" + REGISTRY + ":" + listener.getPort();
    }

    String databasePassword() {
        return compose.service(POSTGRES).environment().get("DESKPOST_DB_PASSWORD");
    }

    /** The PostgreSQL URL of a database the init script creates for the deskpost user. */
    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + POSTGRES + ":5432/" + database;
    }

    private void postgresInitScript() {
        Service postgres = compose.service(POSTGRES);
        String source = postgres.mountSource("/docker-entrypoint-initdb.d/10-deskpost.sh").orElse(null);
        if (source == null) {
            problems.add("postgres mounts no init script at /docker-entrypoint-initdb.d/10-deskpost.sh");
            return;
        }
        String script = ComposeConformance.read(source.replaceFirst("^\\./", ""));
        if (!script.contains("CREATE ROLE deskpost LOGIN PASSWORD :'password'")
                || !script.contains("--set=password=\"$DESKPOST_DB_PASSWORD\"")) {
            problems.add("the postgres init script does not create the deskpost user with DESKPOST_DB_PASSWORD");
        }
        for (String database : ComposeConformance.DATABASES.values()) {
            if (!script.contains("CREATE DATABASE " + database + " OWNER deskpost;")) {
                problems.add("the postgres init script does not create " + database);
            }
        }
    }

    int mailpitSmtpPort() {
        String bind = compose.service(MAILPIT).environment().get("MP_SMTP_BIND_ADDR");
        return bind == null ? MAILPIT_DEFAULT_SMTP_PORT : Integer.parseInt(bind.substring(bind.lastIndexOf(':') + 1));
    }

    String partitionMultiplier() {
        return compose.service(TOPICS).environment().getOrDefault("DESKPOST_PARTITION_MULTIPLIER", "1");
    }

    String minInsyncReplicas() {
        return compose.service(TOPICS).environment().getOrDefault("DESKPOST_MIN_INSYNC_REPLICAS", "1");
    }

    String topicReplicationFactor() {
        return compose.service(TOPICS).environment().getOrDefault("DESKPOST_TOPIC_REPLICATION_FACTOR", "1");
    }

    /** The modules docker/Dockerfile builds (its MODULES argument's default). */
    List<String> dockerfileModules() {
        Matcher modules = Pattern.compile("(?m)^ARG MODULES=(\\S+)$").matcher(ComposeConformance.read("docker/Dockerfile"));
        return modules.find() ? Arrays.asList(modules.group(1).split(",")) : List.of();
    }
}
