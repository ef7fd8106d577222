package com.deskpost.ops.publish;

import com.deskpost.ops.KafkaOptions;
import com.deskpost.ops.OpsFailure;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.SchemaRegistryException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Sends one record as the services would: Confluent framed through the registry, acknowledged by
 * all in-sync replicas, idempotent. Failures become {@link OpsFailure}s saying what to do.
 */
public final class RecordSender {

    private RecordSender() {
    }

    /** Serialises and sends; {@code what} names the record in messages, e.g. "the event". */
    public static RecordMetadata publish(KafkaOptions kafka, Topic<?> target, String key, SpecificRecord value,
            String what) {
        kafka.requireReachable();
        return send(kafka, target.name(), key, serialize(kafka.serdes(), target, value), what);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] serialize(AvroSerdes serdes, Topic target, SpecificRecord value) {
        try {
            return serdes.serialize(target, value);
        } catch (SerializationException e) {
            if (e.getCause() instanceof SchemaRegistryException registry
                    && registry.httpStatus() == SchemaRegistryException.NO_RESPONSE) {
                throw OpsFailure.unreachable("Cannot reach the schema registry at " + serdes.registry().baseUrl()
                        + ": check --registry (or DESKPOST_SCHEMA_REGISTRY_URL); nothing was published.", e);
            }
            throw OpsFailure.usage("The registry refused the schema (" + e.getMessage()
                    + "): publish with the schema the services use; nothing was published.");
        }
    }

    static RecordMetadata send(KafkaOptions kafka, String name, String key, byte[] value, String what) {
        Map<String, Object> properties = kafka.clientProperties();
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(name, key, value)).get(90, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            // An idempotent producer refused its id reports "in an error state"; the refusal itself is its cause.
            for (Throwable reason = cause; reason != null; reason = reason.getCause()) {
                if (reason instanceof AuthorizationException refused) {
                    throw OpsFailure.usage("Kafka refused " + what + " on " + name + " (" + refused.getMessage()
                            + "): this principal is not authorized to write there; nothing was published.");
                }
            }
            throw OpsFailure.unreachable("Kafka did not acknowledge " + what + " on " + name + " (" + cause.getMessage()
                    + "): check the cluster and run the command again (the id makes a second copy harmless).",
                    cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw OpsFailure.unreachable("Interrupted while publishing to " + name + ".", e);
        }
    }
}
