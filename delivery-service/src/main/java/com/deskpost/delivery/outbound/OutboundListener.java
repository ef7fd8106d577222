package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.events.AuditType;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.BackOff;
import org.springframework.kafka.annotation.DltHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.annotation.RetryableTopic;
import org.springframework.stereotype.Component;

/**
 * Released mail from mail.outbound to the {@link Deliverer}. A transient failure (SMTP 4xx, relay
 * unreachable) moves the record to a delay topic and retries it with exponential backoff, so one
 * recipient's trouble never holds up anyone else's mail and an outage of many minutes loses
 * nothing. Undecodable or rejected records, permanent refusals and records out of attempts go to
 * {@code mail.outbound.dlq}, audited {@code DEAD_LETTERED}.
 */
@Component
class OutboundListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    private final Deliverer deliverer;
    private final AvroSerdes serdes;
    private final AuditPublisher audit;

    OutboundListener(Deliverer deliverer, AvroSerdes serdes, AuditPublisher audit) {
        this.deliverer = deliverer;
        this.serdes = serdes;
        this.audit = audit;
    }

    @RetryableTopic(attempts = "${deskpost.delivery.retry.attempts:12}",
            backOff = @BackOff(delayString = "${deskpost.delivery.retry.initial-delay-ms:1000}",
                    multiplierString = "${deskpost.delivery.retry.multiplier:2.0}",
                    maxDelayString = "${deskpost.delivery.retry.max-delay-ms:300000}"),
            exclude = {RejectedEvent.class, SerializationException.class},
            kafkaTemplate = "rawBytesKafkaTemplate",
            retryTopicSuffix = ".retry", dltTopicSuffix = ".dlq",
            numPartitions = "${deskpost.kafka.topic-partitions:3}",
            replicationFactor = "${deskpost.kafka.topic-replication-factor:1}")
    @KafkaListener(id = "delivery", groupId = "deskpost-delivery",
            topics = "#{T(com.deskpost.platform.topic.Topics).MAIL_OUTBOUND.name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        deliverer.deliver(serdes.deserialize(Topics.MAIL_OUTBOUND, record.value()),
                record.topic() + "-" + record.partition() + "@" + record.offset());
    }

    @DltHandler
    void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        String reason = DeadLetterHeaders.reason(record.headers());
        log.error("Dead-lettered {} (key {}): {}", record.topic(), record.key(), reason);
        OutboundEmail outbound;
        try {
            outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value());
        } catch (SerializationException undecodable) {
            return; // No draft id to audit against; the dead letter itself keeps the bytes and the reason.
        }
        audit.publish(AuditEvents.of(outbound.getDraft(), AuditType.DEAD_LETTERED, Deliverer.ACTOR)
                .cause(record.topic() + "-" + record.partition() + "@" + record.offset())
                .detail("Dead-lettered to " + record.topic() + ": " + reason).build());
    }
}
