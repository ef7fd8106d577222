package com.deskpost.delivery.directory;

import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.topic.Topic;
import com.deskpost.platform.topic.Topics;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Dead-letters directory records that do not decode. Every service reads the directory as a global
 * table, which can only skip such a record (a global table has nowhere to write it); this one check
 * puts each on {@code facility.members.dlq} / {@code facility.locations.dlq}, byte for byte with its
 * reason in the same headers the topologies write, once, so the directory's owner can fix and
 * redrive it. A tombstone (no value) removes an entry and is fine.
 */
@Component
class DirectoryCheck {

    private static final Logger log = LoggerFactory.getLogger(DirectoryCheck.class);

    private final AvroSerdes serdes;
    private final KafkaTemplate<String, byte[]> kafka;

    DirectoryCheck(AvroSerdes serdes, KafkaTemplate<String, byte[]> rawBytesKafkaTemplate) {
        this.serdes = serdes;
        this.kafka = rawBytesKafkaTemplate;
    }

    @KafkaListener(id = "directory-check", groupId = "deskpost-directory-check", topics = {
            "#{T(com.deskpost.platform.topic.Topics).FACILITY_MEMBERS.name()}",
            "#{T(com.deskpost.platform.topic.Topics).FACILITY_LOCATIONS.name()}"})
    void on(ConsumerRecord<String, byte[]> record) throws InterruptedException, ExecutionException, TimeoutException {
        if (record.value() == null) {
            return;
        }
        Topic<?> topic = Topics.FACILITY_MEMBERS.name().equals(record.topic())
                ? Topics.FACILITY_MEMBERS : Topics.FACILITY_LOCATIONS;
        try {
            serdes.deserialize(topic, record.value());
        } catch (SerializationException e) {
            log.warn("Directory record {}-{}@{} (key {}) does not decode, dead-lettered: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
            var headers = DeadLetterHeaders.describe(new RecordHeaders(), record.topic(), record.partition(),
                    record.offset(), record.timestamp(), e);
            // Waits for the broker: the offset is committed only once the dead letter is durable.
            kafka.send(new ProducerRecord<>(topic.deadLetterTopic(), null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
