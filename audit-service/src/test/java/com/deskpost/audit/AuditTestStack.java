package com.deskpost.audit;

import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.TopicRule;
import com.deskpost.platform.topic.Topics;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import com.deskpost.testsupport.KafkaBroker;
import com.deskpost.testsupport.Postgres;
import com.deskpost.testsupport.registry.SchemaRegistryServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The audit service as it is deployed, started from its own settings file, on real infrastructure
 * in this JVM: a KRaft broker, the schema registry over HTTP and a fresh PostgreSQL database, on
 * random ports. One per test class: {@link #start} in {@code @BeforeAll}, {@link #stop} in
 * {@code @AfterAll}. The service accepts one API client, {@link #API_CLIENT} with key {@link #API_KEY}.
 */
public final class AuditTestStack implements AutoCloseable {

    public static final String API_CLIENT = "it";
    public static final String API_KEY = "it-api-key-0123456789";
    /** Not the development default, so a test proves the service uses the secret it is given. */
    public static final String PSEUDONYM_SECRET = "it-pseudonym-secret-0123456789abcdef";

    private final KafkaBroker kafka;
    private final SchemaRegistryServer registry;
    private final Postgres.Database database;
    private final AvroSerdes serdes;
    private final KafkaProducer<String, byte[]> producer;
    private ConfigurableApplicationContext service;

    private AuditTestStack() {
        kafka = KafkaBroker.start();
        kafka.createTopics(TopicRule.DEFAULT.newTopics(Topics.ALL));
        registry = SchemaRegistryServer.start();
        database = Postgres.shared().createDatabase("audit_it");
        serdes = new AvroSerdes(new SchemaRegistryClient(registry.url()));
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** Infrastructure and the service; {@code overrides} are extra {@code --name=value} arguments. */
    public static AuditTestStack start(String... overrides) {
        AuditTestStack stack = new AuditTestStack();
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + stack.kafka.bootstrapServers(),
                "--deskpost.kafka.schema-registry-url=" + stack.registry.url(),
                "--spring.datasource.url=" + stack.database.jdbcUrl(),
                "--spring.datasource.username=" + stack.database.username(),
                "--spring.datasource.password=" + stack.database.password(),
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--deskpost.pseudonym.secret=" + PSEUDONYM_SECRET,
                "--deskpost.api.clients[0].id=" + API_CLIENT,
                "--deskpost.api.clients[0].key=" + API_KEY,
                "--deskpost.api.clients[0].scopes=read"));
        args.addAll(List.of(overrides));
        stack.service = AuditApplication.builder().run(args.toArray(String[]::new));
        return stack;
    }

    /** Absolute URL of a path on the running service, e.g. {@code url("/api/v1/audit")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + service.getEnvironment().getRequiredProperty("local.server.port") + path;
    }

    /** Publishes one record as another service would, and waits until the broker has it. */
    public <V extends SpecificRecord> RecordMetadata publish(Topic<V> topic, String key, V value) {
        try {
            return producer.send(new ProducerRecord<>(topic.name(), key, serdes.serialize(topic, value)))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted publishing to " + topic.name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + key + " to " + topic.name(), e);
        }
    }

    /** Publishes bytes as they are (a producer that breaks the contract), and waits until the broker has them. */
    public RecordMetadata publishRaw(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not publish " + key + " to " + topic, e);
        }
    }

    /** The broker's address, for a test's own consumer. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The service's own database (audit store, erased recipients). */
    public JdbcTemplate jdbc() {
        return new JdbcTemplate(new DriverManagerDataSource(database.jdbcUrl(), database.username(),
                database.password()));
    }

    /** The running service, for a bean a test needs to reach directly. */
    public ConfigurableApplicationContext service() {
        return service;
    }

    /** Stops the service, then the infrastructure. */
    public void stop() {
        close();
    }

    @Override
    public void close() {
        if (service != null) {
            service.close();
        }
        producer.close();
        registry.close();
        kafka.close();
    }
}
