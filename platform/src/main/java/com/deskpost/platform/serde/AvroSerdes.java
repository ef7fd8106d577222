package com.deskpost.platform.serde;

import com.deskpost.platform.topic.Topic;
import com.deskpost.schemas.serde.ConfluentAvroSerde;
import com.deskpost.schemas.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** The Confluent-framed Avro serde of each topic's value type, one per topic, shared. */
public final class AvroSerdes {

    private final SchemaRegistryClient registry;
    private final Map<String, Serde<?>> byTopic = new ConcurrentHashMap<>();

    public AvroSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> Serde<V> serde(Topic<V> topic) {
        return (Serde<V>) byTopic.computeIfAbsent(topic.name(),
                name -> new ConfluentAvroSerde<>(registry, topic.valueType()));
    }

    public <V extends SpecificRecord> byte[] serialize(Topic<V> topic, V value) {
        return serde(topic).serializer().serialize(topic.name(), value);
    }

    public <V extends SpecificRecord> V deserialize(Topic<V> topic, byte[] bytes) {
        return serde(topic).deserializer().deserialize(topic.name(), bytes);
    }

    public SchemaRegistryClient registry() {
        return registry;
    }
}
