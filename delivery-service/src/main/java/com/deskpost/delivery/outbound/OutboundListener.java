package com.deskpost.delivery.outbound;

import com.deskpost.delivery.audit.AuditPublisher;
import com.deskpost.events.AuditType;
import com.deskpost.events.OutboundEmail;
import com.deskpost.platform.attestation.ReleaseAttestation;
import com.deskpost.platform.audit.AuditEvents;
import com.deskpost.platform.deadletter.DeadLetterHeaders;
import com.deskpost.platform.observability.MailLogContext;
import com.deskpost.platform.serde.AvroSerdes;
import com.deskpost.platform.streams.RejectedEvent;
import com.deskpost.platform.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Released mail of each lane (mail.outbound.priority, mail.outbound, mail.outbound.bulk) to the
 * {@link Deliverer}. Each lane has its own listener container, so its own consumers and threads
 * (one per partition, up to {@code deskpost.delivery.listener-concurrency}): access mail is read the
 * moment it is released, however many announcements wait in the bulk lane; a supersede key stays
 * on one partition, so in order. A transient failure (SMTP 4xx, relay unreachable) moves the
 * record to a delay topic and retries it with exponential backoff, so one recipient's trouble
 * never holds up anyone else's mail and an outage of many minutes loses nothing. Undecodable or rejected records, permanent refusals and records out of attempts go to
 * the lane's {@code .dlq} topic, audited {@code DEAD_LETTERED}. A record without oversight's
 * matching attestation (written by anyone else, or changed after release) is refused before any
 * other step: dead-lettered with the reason, never sent. The attestation covers the record as
 * released, credentials sealed; they are opened later, for the recipient's message only. A mail
 * whose credential does not open is rejected the same way (audited {@code FAILED}, then
 * dead-lettered keeping the sealed value, so it can be redriven once the key is held again).
 */
@Component
class OutboundListener {

    private static final Logger log = LoggerFactory.getLogger(OutboundListener.class);

    private final Deliverer deliverer;
    private final AvroSerdes serdes;
    private final AuditPublisher audit;
    private final ReleaseAttestation attestation;

    OutboundListener(Deliverer deliverer, AvroSerdes serdes, AuditPublisher audit, ReleaseAttestation attestation) {
        this.deliverer = deliverer;
        this.serdes = serdes;
        this.audit = audit;
        this.attestation = attestation;
    }

    @KafkaListener(id = "delivery-priority", groupId = "deskpost-delivery",
            concurrency = "${deskpost.delivery.listener-concurrency:3}",
            topics = "#{T(com.deskpost.platform.topic.Lane).PRIORITY.outbound().name()}")
    void onPriority(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    @KafkaListener(id = "delivery", groupId = "deskpost-delivery",
            concurrency = "${deskpost.delivery.listener-concurrency:3}",
            topics = "#{T(com.deskpost.platform.topic.Lane).STANDARD.outbound().name()}")
    void on(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    @KafkaListener(id = "delivery-bulk", groupId = "deskpost-delivery",
            concurrency = "${deskpost.delivery.listener-concurrency:3}",
            topics = "#{T(com.deskpost.platform.topic.Lane).BULK.outbound().name()}")
    void onBulk(ConsumerRecord<String, byte[]> record) {
        deliver(record);
    }

    private void deliver(ConsumerRecord<String, byte[]> record) {
        OutboundEmail outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value());
        try (var logContext = MailLogContext.of(outbound.getDraft())) {
            attestation.problem(outbound).ifPresent(problem -> {
                throw new RejectedEvent(problem + "; refused, nothing sent");
            });
            deliverer.deliver(outbound, record.topic() + "-" + record.partition() + "@" + record.offset());
        }
    }

    /** The dead-letter handler of every lane, wired by {@link OutboundRetries}. */
    void onDeadLetter(ConsumerRecord<String, byte[]> record) {
        String reason = DeadLetterHeaders.reason(record.headers());
        log.error("Dead-lettered {} (key {}): {}", record.topic(), record.key(), reason);
        OutboundEmail outbound;
        try {
            outbound = serdes.deserialize(Topics.MAIL_OUTBOUND, record.value());
        } catch (SerializationException undecodable) {
            return; // No draft id to audit against; the dead letter itself keeps the bytes and the reason.
        }
        try (var logContext = MailLogContext.of(outbound.getDraft())) {
            audit.publish(AuditEvents.of(outbound.getDraft(), AuditType.DEAD_LETTERED, Deliverer.ACTOR)
                    .cause(record.topic() + "-" + record.partition() + "@" + record.offset())
                    .detail("Dead-lettered to " + record.topic() + ": " + reason).build());
        }
    }
}
