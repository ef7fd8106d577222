package com.deskpost.ops;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are, and how to log in to Kafka: shared by every Kafka subcommand. */
public final class KafkaOptions {

    private static final int CONNECT_TIMEOUT_MS = 15_000;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:DESKPOST_KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka brokers (env DESKPOST_KAFKA_BOOTSTRAP_SERVERS; default ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry", paramLabel = "URL",
            defaultValue = "${env:DESKPOST_SCHEMA_REGISTRY_URL:-http://localhost:8081}",
            description = "Confluent-API schema registry (env DESKPOST_SCHEMA_REGISTRY_URL; default ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--registry-user-info", paramLabel = "USER:PASSWORD",
            defaultValue = "${env:DESKPOST_KAFKA_SCHEMA_REGISTRY_USER_INFO:-}",
            description = "HTTP basic auth for a registry that requires it (env DESKPOST_KAFKA_SCHEMA_REGISTRY_USER_INFO,"
                    + " preferred: an argument shows in the process list).")
    String registryUserInfo;

    @Option(names = "--command-config", paramLabel = "FILE",
            description = "Kafka client properties for SASL/TLS (security.protocol, sasl.*, ssl.*), as for Kafka's own tools.")
    Path commandConfig;

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Client properties: the --command-config file, then the bootstrap servers. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> properties = new HashMap<>();
        if (commandConfig != null) {
            Properties file = new Properties();
            try (Reader reader = Files.newBufferedReader(commandConfig)) {
                file.load(reader);
            } catch (IOException e) {
                throw OpsFailure.usage("Cannot read --command-config " + commandConfig + " (" + e.getMessage()
                        + "): pass a readable Kafka client properties file.");
            }
            file.forEach((key, value) -> properties.put(key.toString(), value));
        }
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        properties.putIfAbsent(CommonClientConfigs.CLIENT_ID_CONFIG, "deskpost-ops-cli");
        return properties;
    }

    /**
     * Fails fast with exit code 3 when the cluster does not answer: Kafka's clients would otherwise
     * retry quietly until their time-outs.
     */
    public void requireReachable() {
        Map<String, Object> properties = clientProperties();
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, CONNECT_TIMEOUT_MS);
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(CONNECT_TIMEOUT_MS)).clusterId()
                    .get(CONNECT_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw OpsFailure.unreachable("Cannot reach Kafka at " + bootstrapServers + " (" + cause.getMessage()
                    + "): check --bootstrap-servers (or DESKPOST_KAFKA_BOOTSTRAP_SERVERS) and, for SASL/TLS,"
                    + " --command-config.", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpsFailure.unreachable("Interrupted while connecting to Kafka at " + bootstrapServers + ".", e);
        } catch (org.apache.kafka.common.KafkaException e) {
            throw OpsFailure.usage("Kafka client settings are invalid (" + e.getMessage()
                    + "): check --bootstrap-servers and --command-config.");
        }
    }

    /** The Confluent-framed Avro serdes against the registry. */
    public AvroSerdes serdes() {
        return new AvroSerdes(registry());
    }

    public SchemaRegistryClient registry() {
        try {
            return new SchemaRegistryClient(registryUrl, registryUserInfo);
        } catch (IllegalArgumentException e) {
            throw OpsFailure.usage(e.getMessage() + ": fix --registry (or DESKPOST_SCHEMA_REGISTRY_URL) and"
                    + " --registry-user-info (or DESKPOST_KAFKA_SCHEMA_REGISTRY_USER_INFO).");
        }
    }
}
